import { z } from 'zod';

/**
 * The feedback on a mix: the rules engine's findings plus the written report, which the LLM or
 * the rules engine writes in the same shape. The objects an LLM fills in are strict (no other
 * fields), matching the response format generated from them (report-json-schema.ts).
 */

/** Same scale as AudioIssue severities, plus `ok` for a check the mix passes. */
export const severitySchema = z.enum(['error', 'warning', 'info', 'ok']);
export type Severity = z.infer<typeof severitySchema>;

export const findingAreaSchema = z.enum([
  'genre',
  'loudness',
  'true-peak',
  'dynamics',
  'spectrum',
  'low-end',
  'stereo',
  'hygiene',
  'reference',
]);
export type FindingArea = z.infer<typeof findingAreaSchema>;

/** Prose a reader needs: a string with something in it. */
const prose = (description: string) =>
  z
    .string()
    .refine((text) => text.trim() !== '', 'is empty')
    .describe(description);

const text = (description: string) => z.string().describe(description);

export const processingTypeSchema = z.enum([
  'eq',
  'compression',
  'limiting',
  'stereo',
  'saturation',
  'other',
]);
export type ProcessingType = z.infer<typeof processingTypeSchema>;

export const processingSettingSchema = z.strictObject({
  /** e.g. "frequency", "gain", "Q", "ratio", "attack", "release", "threshold", "ceiling". */
  parameter: z.string(),
  value: z.number(),
  /** e.g. "Hz", "dB", "ms", ":1", "dBTP"; empty for a plain number such as Q. */
  unit: text('Hz, dB, ms, :1, dBTP, or "" for a plain number such as Q.'),
});
export type ProcessingSetting = z.infer<typeof processingSettingSchema>;

export const processingStepSchema = z.strictObject({
  type: processingTypeSchema,
  /** What the step acts on, e.g. "mix bus", "master limiter", "sub band 20–60 Hz". */
  target: text('What the processor goes on, e.g. "mix bus", "master limiter", "vocal bus".'),
  settings: z
    .array(processingSettingSchema)
    .describe(
      'One entry per parameter: frequency, gain and Q for EQ; ratio, attack, release and threshold for compression; ceiling for limiting.',
    ),
});
export type ProcessingStep = z.infer<typeof processingStepSchema>;

export const suggestionPrioritySchema = z.enum(['high', 'medium', 'low']);
export type SuggestionPriority = z.infer<typeof suggestionPrioritySchema>;

export const suggestionSchema = z.strictObject({
  priority: suggestionPrioritySchema,
  area: text('loudness, dynamics, spectrum, low-end, stereo, hygiene, reference or arrangement'),
  action: text('The change to make, in one imperative sentence.'),
  detail: text('Why, with the measured figure it answers.'),
});
export type Suggestion = z.infer<typeof suggestionSchema>;

/** The written report; the same shape whether the LLM or the rules engine wrote it. */
export const reportSchema = z.strictObject({
  summary: prose(
    'Two to four sentences: the state of the mix and the most important thing to fix.',
  ),
  loudnessDynamics: prose(
    'Loudness against the target platforms, true peak, and compression (PLR, DR, LRA).',
  ),
  spectralBalance: prose('Tonal balance per band against the genre profile, and what to change.'),
  stereoImage: prose('Width, L/R balance, low-end mono compatibility and phase.'),
  strengths: z.array(z.string()).describe('What already works, each item one sentence.'),
  weaknesses: z.array(z.string()).describe('What does not work yet, each item one sentence.'),
  suggestions: z.array(suggestionSchema).describe('Concrete changes, most important first.'),
  processing: z
    .array(processingStepSchema)
    .describe('Processing moves with their numeric settings.'),
  /** Required and nullable: strict structured output wants every property required, so none is null. */
  referenceComparison: z
    .string()
    .nullable()
    .describe(
      'How the mix compares with the reference track, loudness-matched; null without a reference.',
    ),
});
export type Report = z.infer<typeof reportSchema>;

export const findingTargetSchema = z.object({
  /** e.g. "≤ -1.0 dBTP" or "-11 to -7 LUFS (Pop)". */
  label: z.string(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  unit: z.string(),
  /** Where the target comes from, in words a reader can look up. */
  source: z.string(),
});
export type FindingTarget = z.infer<typeof findingTargetSchema>;

/**
 * Where a piece of advice comes from, in precedence order (docs/metrics.md#feedback-one-recommendation-per-band-and-topic):
 * a safety check (mono fold-down) first, then the loudness-matched reference, then the genre range.
 */
export const adviceSourceSchema = z.enum(['safety', 'reference', 'genre']);
export type AdviceSource = z.infer<typeof adviceSourceSchema>;

/**
 * The direction a finding pushes the mix in, so that moves on one band or stereo range can be
 * reconciled into one: `eq` moves boost or cut a band (target: its BandName), `width` moves widen
 * or narrow a part of the image (target: "image" for the whole stereo picture); "all" stands for
 * every target of the topic.
 */
export const adviceMoveSchema = z.object({
  topic: z.enum(['eq', 'width']),
  target: z.string(),
  /** `keep`: a check the mix passes, which holds the target as it is. */
  direction: z.enum(['boost', 'cut', 'widen', 'narrow', 'keep']),
  /** The EQ gain the finding asks for; null for width moves. */
  gainDb: z.number().nullable(),
  source: adviceSourceSchema,
  /** `overridden`: the finding is kept as an observation, and a finding of a higher source decides. */
  status: z.enum(['active', 'overridden']),
});
export type AdviceMove = z.infer<typeof adviceMoveSchema>;

export const findingSchema = z.object({
  /** Stable id of the check, e.g. "true-peak.over" or "spectrum.band.sub". */
  id: z.string(),
  area: findingAreaSchema,
  severity: severitySchema,
  title: z.string(),
  /** Dotted path of the measured figure in the AnalysisResult, e.g. "loudness.truePeakDbtp". */
  metric: z.string(),
  measured: z.number().nullable(),
  unit: z.string(),
  target: findingTargetSchema.nullable(),
  /** One concrete thing to do (for `ok` findings: what to keep). */
  action: z.string(),
  /** The whole finding as one sentence a mix engineer can read on its own. */
  message: z.string(),
  processing: processingStepSchema.optional(),
  move: adviceMoveSchema.optional(),
});
export type Finding = z.infer<typeof findingSchema>;

export const tokenUsageSchema = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
});
export type TokenUsage = z.infer<typeof tokenUsageSchema>;

export const profileCandidateSchema = z.object({
  id: z.string(),
  name: z.string(),
  /**
   * Mismatch score of the automatic choice (0 = every measure at the middle of its range); null
   * when nothing could be measured.
   */
  score: z.number().nonnegative().nullable(),
});
export type ProfileCandidate = z.infer<typeof profileCandidateSchema>;

export const profileChoiceSchema = z.object({
  /** The profile the feedback judges against; when `sure` is false, the best of `candidates`. */
  id: z.string(),
  /** For an unsure automatic choice, the candidates' names joined ("Classical / orchestral or Jazz"). */
  name: z.string(),
  /** `references`: a target profile built from the user's own reference analyses. */
  chosenBy: z.enum(['user', 'auto', 'references']),
  /** How the profile was picked; for `auto`, which measurements decided it. */
  reason: z.string(),
  /**
   * False when the automatic choice is within the documented margin of the runner-up
   * (docs/metrics.md#genre-profile-auto): the feedback then judges against the union of the
   * candidates' ranges. Always true for a genre the user chose. Absent in reports made before it existed.
   */
  sure: z.boolean().optional(),
  /** For `auto`: the profiles judged against, best first (one when sure). */
  candidates: z.array(profileCandidateSchema).min(1).optional(),
});
export type ProfileChoice = z.infer<typeof profileChoiceSchema>;

/** What `mixscope analyze --json --feedback` prints under `feedback` and the API stores as the report. */
export const feedbackSchema = z.object({
  source: z.enum(['llm', 'rules']),
  model: z.string().optional(),
  findings: z.array(findingSchema),
  report: reportSchema,
  profile: profileChoiceSchema,
  usage: tokenUsageSchema.optional(),
  latencyMs: z.number().nonnegative().optional(),
  /** Number of chat-completion requests sent (0 without an API key). */
  attempts: z.number().int().nonnegative().optional(),
  /** Why the rules report stands in for the LLM's. */
  fallbackReason: z.string().optional(),
  /** What the consistency check changed in the LLM's answer, e.g. a suggestion dropped because it contradicted another. */
  notes: z.array(z.string()).optional(),
});
export type Feedback = z.infer<typeof feedbackSchema>;
