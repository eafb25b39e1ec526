/**
 * JSON Schema of the written report. It fits Groq's strict structured-output subset: every
 * object lists all its properties as required and forbids others; the optional reference
 * comparison is a required field that may be null.
 */
export const REPORT_SCHEMA_NAME = 'mix_feedback_report';

const text = (description: string) => ({ type: 'string', description });
const textList = (description: string) => ({
  type: 'array',
  description,
  items: { type: 'string' },
});

export const REPORT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: [
    'summary',
    'loudnessDynamics',
    'spectralBalance',
    'stereoImage',
    'strengths',
    'weaknesses',
    'suggestions',
    'processing',
    'referenceComparison',
  ],
  properties: {
    summary: text(
      'Two to four sentences: the state of the mix and the most important thing to fix.',
    ),
    loudnessDynamics: text(
      'Loudness against the target platforms, true peak, and compression (PLR, DR, LRA).',
    ),
    spectralBalance: text('Tonal balance per band against the genre profile, and what to change.'),
    stereoImage: text('Width, L/R balance, low-end mono compatibility and phase.'),
    strengths: textList('What already works, each item one sentence.'),
    weaknesses: textList('What does not work yet, each item one sentence.'),
    suggestions: {
      type: 'array',
      description: 'Concrete changes, most important first.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['priority', 'area', 'action', 'detail'],
        properties: {
          priority: { type: 'string', enum: ['high', 'medium', 'low'] },
          area: text(
            'loudness, dynamics, spectrum, low-end, stereo, hygiene, reference or arrangement',
          ),
          action: text('The change to make, in one imperative sentence.'),
          detail: text('Why, with the measured figure it answers.'),
        },
      },
    },
    processing: {
      type: 'array',
      description: 'Processing moves with their numeric settings.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['type', 'target', 'settings'],
        properties: {
          type: {
            type: 'string',
            enum: ['eq', 'compression', 'limiting', 'stereo', 'saturation', 'other'],
          },
          target: text(
            'What the processor goes on, e.g. "mix bus", "master limiter", "vocal bus".',
          ),
          settings: {
            type: 'array',
            description:
              'One entry per parameter: frequency, gain and Q for EQ; ratio, attack, release and threshold for compression; ceiling for limiting.',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['parameter', 'value', 'unit'],
              properties: {
                parameter: { type: 'string' },
                value: { type: 'number' },
                unit: text('Hz, dB, ms, :1, dBTP, or "" for a plain number such as Q.'),
              },
            },
          },
        },
      },
    },
    referenceComparison: {
      type: ['string', 'null'],
      description:
        'How the mix compares with the reference track, loudness-matched; null without a reference.',
    },
  },
} as const;
