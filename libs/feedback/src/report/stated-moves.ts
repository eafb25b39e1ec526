import type { AdviceMove, BandName, Report } from '@mixscope/contracts';
import { WHOLE_IMAGE } from '../rules/advice-move.ts';
import { bandAtFrequency } from '../rules/eq-move.ts';

/** Where in a report a statement stands; list items can be dropped, paragraphs cannot. */
export type ReportPlace =
  | { part: 'summary' | 'loudnessDynamics' | 'spectralBalance' | 'stereoImage' }
  | { part: 'referenceComparison' }
  | { part: 'suggestions' | 'processing' | 'strengths' | 'weaknesses'; index: number };

/** A move a report asks for in words or in a processing step. */
export interface StatedMove {
  topic: AdviceMove['topic'];
  target: string;
  direction: 'boost' | 'cut' | 'widen' | 'narrow';
  gainDb: number | null;
  place: ReportPlace;
  quote: string;
}

/** The stereo range the low end stands for: widen/narrow advice there is about mono bass. */
export const LOW_END = 'low end';

const VERBS: { direction: StatedMove['direction']; pattern: RegExp }[] = [
  {
    direction: 'boost',
    pattern:
      /\b(?:boost(?:s|ed|ing)?|lift(?:s|ed|ing)?|rais(?:e|es|ed|ing)|bring(?:s|ing)? up)\b/gi,
  },
  {
    direction: 'cut',
    pattern:
      /\b(?:cut(?:s|ting)?(?!\s+off)|reduc(?:e|es|ed|ing)|tam(?:e|es|ed|ing)|attenuat(?:e|es|ed|ing)|dip(?:s|ped|ping)?|scoop(?:s|ed|ing)?|pull(?:s|ing)? (?:back|down)|lower(?:s|ed|ing)?)\b/gi,
  },
  {
    direction: 'widen',
    // Not "stereo-widened bass": a hyphenated participle describes a source, it asks for nothing.
    pattern: /(?<![-\w])(?:widen(?:s|ed|ing)?|broaden(?:s|ed|ing)?|spread(?:s|ing)? out)\b/gi,
  },
  {
    direction: 'narrow',
    pattern:
      /\b(?:narrow(?:s|ed|ing)?(?= (?:down|the|it|them|those|these|this|that|your|wide|stereo)\b)|rein(?:s|ing)? in|(?:make|keep|sum)(?:s|ing)? [\w\s-]{0,25}?\bmono\b)/gi,
  },
];

const NEGATION =
  /\b(?:not|don['’]t|do not|no need to|avoid|never|without|instead of|rather than)\s+(?:\w+\s+){0,2}$/i;

const BAND_WORDS: [RegExp, BandName][] = [
  [/^sub(?:[- ]bass)?$/i, 'sub'],
  [/^low[- ]mids?$/i, 'lowMids'],
  [/^high[- ]mids?$/i, 'highMids'],
  [/^(?:mids?|midrange)$/i, 'mids'],
  [/^bass$/i, 'bass'],
  [/^air$/i, 'air'],
];
const BAND_MENTION =
  /\b(sub(?:[- ]bass)?|low[- ]mids?|high[- ]mids?|mids?|midrange|bass|air)\b|(\d+(?:\.\d+)?)\s*(k?Hz)\b/gi;
const GAIN = /([+\-−]?\d+(?:\.\d+)?)\s*dB\b/i;
const LOW_END_MENTION = /\b(?:sub|bass|low[- ]end|kick)\b|\bbelow (?:\d{2,3}) Hz\b/i;
/** Mid/side moves on the sides are stereo moves, not a band's EQ. */
const SIDE_CHANNEL = /\b(?:sides?|mid\/side|side[- ]channel)\b/i;

function bandsIn(text: string): BandName[] {
  const found: BandName[] = [];
  for (const match of text.matchAll(BAND_MENTION)) {
    const band = match[1]
      ? BAND_WORDS.find(([word]) => word.test(match[1]))?.[1]
      : bandAtFrequency(Number(match[2]) * (match[3].toLowerCase() === 'khz' ? 1000 : 1));
    if (band) found.push(band);
  }
  return found;
}

/** Splits prose into clauses, so "cut the mids, and widen the highs" reads as two statements. */
function clauses(text: string): string[] {
  return text
    .split(/[.;!?](?=\s|$)|:\s|,\s+(?:or|and|but|then|not|while)\b|\s+but\s+|\n/)
    .map((clause) => clause.trim())
    .filter(Boolean);
}

/** The moves one text asks for: each verb with the band or range that follows it. */
export function movesInText(text: string, place: ReportPlace): StatedMove[] {
  const moves: StatedMove[] = [];
  for (const clause of clauses(text)) {
    const verbs = VERBS.flatMap(({ direction, pattern }) =>
      [...clause.matchAll(pattern)].map((m) => ({ direction, index: m.index! })),
    ).sort((a, b) => a.index - b.index);
    verbs.forEach((verb, i) => {
      if (NEGATION.test(clause.slice(0, verb.index))) return;
      const start = i === 0 ? 0 : verbs[i - 1].index;
      const segment = clause.slice(verb.index, verbs[i + 1]?.index ?? clause.length);
      const before = clause.slice(start, verb.index);
      if (verb.direction === 'widen' || verb.direction === 'narrow') {
        moves.push({
          topic: 'width',
          target: LOW_END_MENTION.test(segment) ? LOW_END : WHOLE_IMAGE,
          direction: verb.direction,
          gainDb: null,
          place,
          quote: clause,
        });
        return;
      }
      if (SIDE_CHANNEL.test(clause)) return;
      const band = bandsIn(segment)[0] ?? bandsIn(before).at(-1);
      if (!band) return;
      const gain = GAIN.exec(segment) ?? GAIN.exec(before);
      const magnitude = gain ? Math.abs(Number(gain[1].replace('−', '-'))) : null;
      moves.push({
        topic: 'eq',
        target: band,
        direction: verb.direction,
        gainDb: magnitude === null ? null : verb.direction === 'cut' ? -magnitude : magnitude,
        place,
        quote: clause,
      });
    });
  }
  return moves;
}

/** An EQ processing step with a frequency and a gain is one move on the band at that frequency. */
function movesInProcessing(report: Report): StatedMove[] {
  return report.processing.flatMap((step, index) => {
    if (step.type !== 'eq') return [];
    const frequency = step.settings.find((s) => /freq/i.test(s.parameter));
    const gain = step.settings.find((s) => /gain/i.test(s.parameter));
    if (!frequency || !gain || gain.value === 0) return [];
    const hz = frequency.unit.toLowerCase() === 'khz' ? frequency.value * 1000 : frequency.value;
    const band = bandAtFrequency(hz);
    if (!band) return [];
    return [
      {
        topic: 'eq' as const,
        target: band,
        direction: gain.value < 0 ? ('cut' as const) : ('boost' as const),
        gainDb: gain.value,
        place: { part: 'processing' as const, index },
        quote: `${step.type} on ${step.target}: ${gain.value} dB at ${frequency.value} ${frequency.unit}`,
      },
    ];
  });
}

/** Every move the report states, in the order of authority used to repair it: paragraphs first. */
export function statedMoves(report: Report): StatedMove[] {
  const paragraphs = (
    ['summary', 'loudnessDynamics', 'spectralBalance', 'stereoImage'] as const
  ).flatMap((part) => movesInText(report[part], { part }));
  const reference = report.referenceComparison
    ? movesInText(report.referenceComparison, { part: 'referenceComparison' })
    : [];
  const list = (part: 'suggestions' | 'strengths' | 'weaknesses', texts: string[]) =>
    texts.flatMap((text, index) => movesInText(text, { part, index }));
  return [
    ...paragraphs,
    ...reference,
    ...list(
      'suggestions',
      report.suggestions.map((s) => `${s.action.replace(/(?<![.!?])$/, '.')} ${s.detail}`),
    ),
    ...movesInProcessing(report),
    ...list('weaknesses', report.weaknesses),
    ...list('strengths', report.strengths),
  ];
}
