import {
  BAND_LABELS,
  type AdviceMove,
  type AnalysisResult,
  type BandName,
  type PlatformRow,
  type Report,
  type Section,
} from '@mixscope/contracts';
import { chorusLift, widthLosses } from '../rules/section-roles.ts';
import { formatNumber as num } from '@mixscope/present';
import { findReportContradictions, type Contradiction } from '../report/contradictions.ts';
import type { ReportPlace } from '../report/stated-moves.ts';

/** Units as a report may write them, folded to one spelling; '' is a bare number. */
type Unit = 'LUFS' | 'LU' | 'dBTP' | 'dBFS' | 'dB' | 'BPM' | '%' | '';

/** One measured figure a report may quote, and how to recognise a quote of it. */
export interface GroundingFact {
  id: string;
  /** Regular-expression source of the names the figure goes by. */
  names: string;
  units: Unit[];
  /** Accepted values: the mix's, the reference's, and equivalent readings. */
  values: number[];
  tolerance: number;
  /** Compare magnitudes (gains and differences are written without sign). */
  magnitude?: boolean;
  /** The unit alone names the figure (BPM is always a tempo). */
  unitNames?: boolean;
  /** The figure is itself a difference ("0.8 LU louder than the verse"): "louder" does not void it. */
  difference?: boolean;
}

export interface GroundingIssue {
  fact: string;
  quote: string;
  quoted: number;
  expected: number[];
}

const NUMBER = String.raw`([+\-−–]?\d+(?:\.\d+)?)`;
const UNIT = String.raw`(?:\s*(LUFS|LKFS|dBTP|dBFS|dB|LU|BPM)\b|\s*(%))?`;
/** Words that may stand between a figure's name and its value: "true peak of", "PLR is around". */
const LINK_WORD = String.raw`of|is|are|at|was|reads?|measures?|measured|measuring|sits?|sitting|around|about|approximately|approx|roughly|currently|only|just|a|an|the|mix(?:'s)?|track(?:'s)?|master(?:'s)?|peaks?|peaking|comes?|coming|in|value|level|reading|stands?|lands?|already|now|still|max(?:imum)?|overall|very|high|low|hot`;
const LINK = String.raw`((?:[\s:=(~≈,]|\b(?:${LINK_WORD})\b)*?)`;
/** After a number in a relative unit, these make it a difference, not a reading. */
const RELATIVE_AFTER =
  /^\s*(?:\)?\s*)(?:lower|higher|louder|quieter|more|less|below|above|under|over|than|too|beyond|short|of headroom|hotter|brighter|darker|wider|narrower|up|down|from|compared|relative|difference|delta)\b/i;
/** After a number, these make it an explanation of the scale ("a correlation of 0 means…"). */
const EXPLAINING_AFTER =
  /^\s*\)?\s*(?:means?|indicates?|signals?|would|implies|is (?:ideal|perfect|mono|typical|normal|the))\b/i;
/** Units of absolute readings; a figure in other units followed by "lower", "than"… is a difference. */
const ABSOLUTE_UNITS: Unit[] = ['LUFS', 'dBTP', 'dBFS', 'BPM'];
/** A clause that asks for a change states a target ("bring the true peak to…", "so PLR is 9 dB"). */
const WISH =
  /\b(?:so|so that|until|aim\w*|target\w*|get|bring\w*|keep\w*|lower\w*|rais\w*|reduc\w*|increas\w*|set|setting|should|could|would|needs?|must|ensur\w*|want\w*|ideally|instead)\b/i;

/** The clause before `index`: from the last sentence break, or semicolon. */
function clauseBefore(text: string, index: number): string {
  const window = text.slice(Math.max(0, index - 160), index);
  const parts = window.split(/[.;!?](?=\s|$)|\n/);
  return parts[parts.length - 1];
}

/** A figure written before its name ("-9.7 LUFS integrated") counts only after one of these. */
const READING_BEFORE = /(?:^|[.;:,(\n]|\b(?:a|an|its|with|has|at|is|measures|reads|shows))\s*$/i;

function canonicalUnit(raw: string | undefined): Unit {
  if (!raw) return '';
  const lower = raw.toLowerCase();
  if (lower === 'lufs' || lower === 'lkfs') return 'LUFS';
  if (lower === 'lu') return 'LU';
  if (lower === 'dbtp') return 'dBTP';
  if (lower === 'dbfs') return 'dBFS';
  if (lower === 'db') return 'dB';
  if (lower === 'bpm') return 'BPM';
  return '%';
}

function parseNumber(text: string): number {
  return Number(text.replace(/[−–]/, '-').replace(/^\+/, ''));
}

function values(...candidates: (number | null | undefined)[]): number[] {
  return candidates.filter((v): v is number => typeof v === 'number');
}

/** Every figure the report could quote, from the mix, its reference and the platform table. */
export function groundingFacts(result: AnalysisResult, platforms: PlatformRow[]): GroundingFact[] {
  const ref = result.reference;
  const L = result.loudness;
  const RL = ref?.loudness;
  const stereo = result.stereo;
  const refStereo = ref?.stereo ?? null;
  const sections = result.sections ?? [];
  const sectionFigure = (pick: (s: Section) => number | null | undefined) => sections.map(pick);

  // The peaks after encoding are true peaks a report may quote too ("after AAC the peak reaches").
  const codecPeaks = (result.codecs ?? []).map((row) => row.truePeakDbtp);
  const bpms = values(result.tempo?.bpm, ref?.tempo?.bpm).flatMap((bpm) => [bpm, bpm * 2, bpm / 2]);
  const facts: GroundingFact[] = [
    {
      id: 'integratedLufs',
      names: String.raw`integrated(?:\s+loudness)?|(?:programme|program|overall|average)\s+loudness`,
      units: ['LUFS'],
      values: values(
        L.integratedLufs,
        RL?.integratedLufs,
        ...sectionFigure((s) => s.loudness.integratedLufs),
      ),
      tolerance: 0.5,
    },
    {
      id: 'shortTermMaxLufs',
      names: String.raw`short[- ]term(?:\s+(?:loudness|max(?:imum)?|peak))*`,
      units: ['LUFS'],
      values: values(
        L.shortTermMaxLufs,
        RL?.shortTermMaxLufs,
        ...sectionFigure((s) => s.loudness.shortTermMaxLufs),
      ),
      tolerance: 0.5,
    },
    {
      id: 'momentaryMaxLufs',
      names: String.raw`momentary(?:\s+(?:loudness|max(?:imum)?|peak))*`,
      units: ['LUFS'],
      values: values(L.momentaryMaxLufs, RL?.momentaryMaxLufs),
      tolerance: 0.5,
    },
    {
      id: 'loudnessLufs',
      names: String.raw`loudness|loud`,
      units: ['LUFS'],
      values: values(
        L.integratedLufs,
        L.shortTermMaxLufs,
        L.momentaryMaxLufs,
        RL?.integratedLufs,
        RL?.shortTermMaxLufs,
        RL?.momentaryMaxLufs,
        ...sectionFigure((s) => s.loudness.integratedLufs),
        ...sectionFigure((s) => s.loudness.shortTermMaxLufs),
      ),
      tolerance: 0.5,
    },
    {
      id: 'loudnessRangeLu',
      names: String.raw`loudness\s+range|\bLRA\b|dynamic\s+range`,
      units: ['LU'],
      values: values(
        L.loudnessRangeLu,
        RL?.loudnessRangeLu,
        ...sectionFigure((s) => s.loudness.loudnessRangeLu),
      ),
      tolerance: 0.6,
    },
    {
      id: 'truePeakDbtp',
      names: String.raw`true[- ]peak|\bTP\b`,
      units: ['dBTP', 'dB', 'dBFS'],
      values: values(L.truePeakDbtp, RL?.truePeakDbtp, ...codecPeaks),
      tolerance: 0.3,
    },
    {
      id: 'peakDbtp',
      names: String.raw`\bpeak(?:s|ing)?\b`,
      units: ['dBTP'],
      values: values(L.truePeakDbtp, RL?.truePeakDbtp, ...codecPeaks),
      tolerance: 0.3,
    },
    {
      id: 'samplePeakDbfs',
      names: String.raw`sample[- ]peak`,
      units: ['dBFS', 'dB'],
      values: values(L.samplePeakDbfs, RL?.samplePeakDbfs),
      tolerance: 0.3,
    },
    {
      id: 'plrDb',
      names: String.raw`\bPLR\b|peak[- ]to[- ]loudness(?:\s+ratio)?`,
      units: ['dB', 'LU'],
      values: values(L.plrDb, RL?.plrDb),
      tolerance: 0.5,
    },
    {
      id: 'dynamicRangeDb',
      names: String.raw`\bDR(?![a-z])|dynamic\s+range(?:\s+\(DR\))?`,
      units: ['', 'dB'],
      values: values(L.dynamicRangeDb, RL?.dynamicRangeDb),
      tolerance: 1,
    },
    {
      id: 'crestFactorDb',
      names: String.raw`crest(?:\s+factor)?`,
      units: ['dB'],
      values: values(L.crestFactorDb, RL?.crestFactorDb),
      tolerance: 0.5,
    },
    {
      id: 'rmsDbfs',
      names: String.raw`\bRMS\b(?:\s+level)?`,
      units: ['dBFS', 'dB'],
      values: values(L.rmsDbfs, RL?.rmsDbfs),
      tolerance: 0.5,
    },
    {
      id: 'tempoBpm',
      names: String.raw`tempo`,
      units: ['BPM', ''],
      values: bpms,
      tolerance: 1.5,
      unitNames: true,
    },
    {
      id: 'platformGainDb',
      names: String.raw`turn(?:s|ed|ing)?\s+(?:(?:it|this|the|track|mix|master|song|whole)\s+){0,3}(?:down|up)(?:\s+by)?|(?:normali[sz]es?|normali[sz]ed|attenuates?|reduces?|lowers?)\s+(?:(?:it|this|the|track|mix|master|song)\s+){0,3}by`,
      units: ['dB', 'LU'],
      values: values(...platforms.map((row) => row.gainDb)),
      tolerance: 0.3,
      magnitude: true,
    },
  ];
  if (stereo) {
    facts.push(
      {
        id: 'correlation',
        names: String.raw`correlation`,
        units: [''],
        values: values(
          stereo.correlation,
          ...stereo.bands.map((b) => b.correlation),
          refStereo?.correlation,
          ...(refStereo?.bands.map((b) => b.correlation) ?? []),
          ...sectionFigure((s) => s.stereo?.correlation),
        ),
        tolerance: 0.06,
      },
      {
        id: 'widthScore',
        names: String.raw`width(?:\s+score)?`,
        units: [''],
        values: values(
          stereo.widthScore,
          refStereo?.widthScore,
          ...sectionFigure((s) => s.stereo?.widthScore),
        ),
        tolerance: 2.5,
      },
      {
        id: 'balanceDb',
        names: String.raw`balance|left[- ]right|L\/R`,
        units: ['dB'],
        values: values(stereo.balanceDb),
        tolerance: 0.3,
        magnitude: true,
      },
      {
        id: 'sideToMidDb',
        names: String.raw`side[- ]to[- ]mid|side\/mid|S\/M`,
        units: ['dB'],
        values: values(stereo.sideToMidDb, refStereo?.sideToMidDb),
        tolerance: 0.3,
      },
      {
        id: 'foldDownLossDb',
        names: String.raw`fold[- ]?down|mono\s+(?:sum|fold[- ]?down|compatibility)`,
        units: ['dB', 'LU'],
        values: values(stereo.monoCompatibility.foldDownLossDb),
        tolerance: 0.3,
        magnitude: true,
      },
    );
  }
  facts.push({
    id: 'bandSharePercent',
    names: String.raw`sub(?:[- ]bass)?|bass|low[- ]mids?|mids?|high[- ]mids?|air`,
    units: ['%'],
    values: values(...result.spectrum.bands.map((b) => (b.share === null ? null : b.share * 100))),
    tolerance: 2,
  });
  facts.push(...sectionFacts(sections));
  return facts.filter((fact) => fact.values.length > 0);
}

/** The differences between sections a report may quote: the chorus' lift, a section's width loss. */
function sectionFacts(sections: readonly Section[]): GroundingFact[] {
  const lift = chorusLift(sections);
  return [
    {
      id: 'sectionLoudnessDifferenceLu',
      names: String.raw`(?:chorus|verse|bridge|intro|outro|section\s+[A-Z]+)(?:\s+(?:at|from)\s+\d+:\d{2})?`,
      units: ['LU', 'dB'],
      values: lift ? [lift.liftLu] : [],
      tolerance: 0.15,
      magnitude: true,
      difference: true,
    },
    {
      id: 'sectionWidthLossPercent',
      names: String.raw`los(?:es|ing|t)|narrows?\s+by|drops?`,
      units: ['%'],
      values: widthLosses(sections).map((loss) => loss.share * 100),
      tolerance: 1,
      magnitude: true,
      difference: true,
    },
  ];
}

interface Quote {
  index: number;
  text: string;
  value: number;
  /** Length of the name that claims it: the most specific (longest) name decides. */
  nameLength: number;
  fact: GroundingFact;
}

function quotesOf(text: string, fact: GroundingFact): Quote[] {
  const quotes: Quote[] = [];
  const unitOk = (unit: Unit) => fact.units.includes(unit);
  const forward = new RegExp(String.raw`(${fact.names})${LINK}${NUMBER}${UNIT}`, 'gi');
  for (const match of text.matchAll(forward)) {
    const [whole, name, link, number, unit, percent] = match;
    const numberIndex = match.index! + name.length + link.length;
    const after = text.slice(match.index! + whole.length);
    const canonical = canonicalUnit(unit ?? percent);
    // Ranges ("7 to 11"), ratios and time signatures ("4/4") are not readings.
    if (
      !unitOk(canonical) ||
      /^\d|^[/:]\d|^\s*(?:to|-|–)\s*\d/.test(after) ||
      EXPLAINING_AFTER.test(after)
    )
      continue;
    if (!fact.difference && !ABSOLUTE_UNITS.includes(canonical) && RELATIVE_AFTER.test(after))
      continue;
    if (WISH.test(clauseBefore(text, match.index!))) continue;
    quotes.push({
      index: numberIndex,
      text: whole.trim(),
      value: parseNumber(number),
      nameLength: name.length,
      fact,
    });
  }
  const backward = new RegExp(
    String.raw`${NUMBER}${UNIT}\s*\)?\s*(?:of\s+)?(?:the\s+)?(${fact.names})`,
    'gi',
  );
  for (const match of text.matchAll(backward)) {
    const [whole, number, unit, percent, name] = match;
    if (!(unit || percent) || !unitOk(canonicalUnit(unit ?? percent))) continue;
    if (!READING_BEFORE.test(text.slice(Math.max(0, match.index! - 30), match.index!))) continue;
    if (WISH.test(clauseBefore(text, match.index!))) continue;
    quotes.push({
      index: match.index!,
      text: whole.trim(),
      value: parseNumber(number),
      nameLength: name.length,
      fact,
    });
  }
  if (fact.unitNames) {
    for (const match of text.matchAll(new RegExp(String.raw`${NUMBER}\s*(BPM)\b`, 'gi'))) {
      if (WISH.test(clauseBefore(text, match.index!))) continue;
      quotes.push({
        index: match.index!,
        text: match[0],
        value: parseNumber(match[1]),
        nameLength: 0,
        fact,
      });
    }
  }
  return quotes;
}

function agrees(quote: Quote): boolean {
  const { fact } = quote;
  const quoted = fact.magnitude ? Math.abs(quote.value) : quote.value;
  return fact.values.some((value) => {
    const expected = fact.magnitude ? Math.abs(value) : value;
    const tolerance =
      fact.id === 'tempoBpm' ? Math.max(fact.tolerance, expected * 0.02) : fact.tolerance;
    return Math.abs(quoted - expected) <= tolerance + 1e-9;
  });
}

function reportTexts(report: Report): string[] {
  return [
    report.summary,
    report.loudnessDynamics,
    report.spectralBalance,
    report.stereoImage,
    ...report.strengths,
    ...report.weaknesses,
    ...report.suggestions.flatMap((s) => [s.action, s.detail]),
    report.referenceComparison ?? '',
  ];
}

/** Checks one text: each quoted figure against the fact its name points to. */
export function checkText(text: string, facts: GroundingFact[]): GroundingIssue[] {
  const byPosition = new Map<number, Quote[]>();
  for (const fact of facts) {
    for (const quote of quotesOf(text, fact)) {
      byPosition.set(quote.index, [...(byPosition.get(quote.index) ?? []), quote]);
    }
  }
  const issues: GroundingIssue[] = [];
  for (const quotes of byPosition.values()) {
    // "integrated loudness of -9 LUFS" names both "integrated" and "loudness": the longer name decides.
    const longest = Math.max(...quotes.map((q) => q.nameLength));
    const deciding = quotes.filter((q) => q.nameLength === longest);
    if (deciding.some(agrees)) continue;
    const quote = deciding[0];
    issues.push({
      fact: quote.fact.id,
      quote: quote.text,
      quoted: quote.value,
      expected: quote.fact.values,
    });
  }
  return issues;
}

/** Every metric value the report quotes must match the measurements within tolerance. */
export function checkGrounding(report: Report, facts: GroundingFact[]): GroundingIssue[] {
  return reportTexts(report).flatMap((text) => checkText(text, facts));
}

export function describeGroundingIssue(issue: GroundingIssue): string {
  const expected = [...new Set(issue.expected.map((v) => num(v, 2)))].join(' or ');
  return `"${issue.quote}" quotes ${num(issue.quoted, 2)}, but the measurement is ${expected}`;
}

export type AdviceGrounding =
  { ok: true; report: Report; notes: string[] } | { ok: false; problems: string[] };

type ListPart = 'suggestions' | 'processing' | 'strengths' | 'weaknesses';

function targetName(key: string): string {
  const [topic, target] = key.split(':');
  if (topic === 'eq')
    return `the ${(BAND_LABELS[target as BandName] ?? target).toLowerCase()} band`;
  return target === 'image' ? 'the stereo image' : `the ${target}`;
}

function describeContradiction(c: Contradiction): string {
  return `${c.kind} on ${targetName(c.target)}: ${c.detail}`;
}

function itemText(report: Report, place: ReportPlace & { index: number }): string {
  if (place.part === 'suggestions') return report.suggestions[place.index].action;
  if (place.part === 'processing') {
    const step = report.processing[place.index];
    return `${step.type} on ${step.target}`;
  }
  return report[place.part as 'strengths' | 'weaknesses'][place.index];
}

const SINGULAR: Record<ListPart, string> = {
  suggestions: 'suggestion',
  processing: 'processing step',
  strengths: 'strength',
  weaknesses: 'weakness',
};

/**
 * The advice half of the grounding step: the answer may not boost and cut one band, widen and
 * narrow one range, give one band two gains, or undo a move the rules decided (`anchors`, where
 * the reference overrides the genre range). A contradicting list item (suggestion, processing
 * step, strength, weakness) is dropped, the earlier statement standing; a contradiction inside the
 * paragraphs cannot be repaired, so the answer is rejected and, in the end, the rules report
 * stands in. The notes say what was dropped and why.
 */
export function groundAdvice(report: Report, anchors: readonly AdviceMove[]): AdviceGrounding {
  const found = findReportContradictions(report, anchors);
  if (found.length === 0) return { ok: true, report, notes: [] };
  const unrepairable = found.filter((c) => !c.place || !('index' in c.place));
  if (unrepairable.length > 0)
    return {
      ok: false,
      problems: unrepairable.map(
        (c) => `the advice contradicts itself: ${describeContradiction(c)}`,
      ),
    };
  const drop = new Map<ListPart, Set<number>>();
  const notes: string[] = [];
  for (const c of found) {
    const place = c.place as ReportPlace & { part: ListPart; index: number };
    const dropped = drop.get(place.part) ?? new Set<number>();
    if (dropped.has(place.index)) continue;
    dropped.add(place.index);
    drop.set(place.part, dropped);
    notes.push(
      `Dropped the ${SINGULAR[place.part]} “${itemText(report, place)}”: ${describeContradiction(c)}.`,
    );
  }
  const keep = <T>(part: ListPart, items: T[]) =>
    items.filter((_, index) => !drop.get(part)?.has(index));
  const repaired: Report = {
    ...report,
    suggestions: keep('suggestions', report.suggestions),
    processing: keep('processing', report.processing),
    strengths: keep('strengths', report.strengths),
    weaknesses: keep('weaknesses', report.weaknesses),
  };
  const left = findReportContradictions(repaired, anchors);
  if (left.length > 0)
    return {
      ok: false,
      problems: left.map((c) => `the advice contradicts itself: ${describeContradiction(c)}`),
    };
  return { ok: true, report: repaired, notes };
}
