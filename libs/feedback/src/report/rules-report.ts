import type {
  AnalysisResult,
  Finding,
  FindingArea,
  ProcessingStep,
  Report,
  Severity,
  SuggestionPriority,
} from '@mixscope/contracts';
import { withUnit } from '@mixscope/present';
import type { SelectedProfile } from '../profiles/select-profile.ts';
import { observation } from '../rules/finding-observation.ts';
import { uncertainEstimatesNote } from './uncertain-estimates.ts';

const PRIORITY: Record<Exclude<Severity, 'ok'>, SuggestionPriority> = {
  error: 'high',
  warning: 'medium',
  info: 'low',
};

function problems(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
}

/** The findings of some areas as one paragraph: problems first, then notes, then what passes. */
function section(findings: Finding[], areas: FindingArea[], fallback: string): string {
  const picked = findings.filter((f) => areas.includes(f.area));
  if (picked.length === 0) return fallback;
  return picked.map((f) => f.message).join(' ');
}

function headline(result: AnalysisResult): string {
  const { loudness } = result;
  const parts: string[] = [];
  if (loudness.integratedLufs !== null)
    parts.push(`integrated ${withUnit(loudness.integratedLufs, 'LUFS')}`);
  if (loudness.truePeakDbtp !== null)
    parts.push(`true peak ${withUnit(loudness.truePeakDbtp, 'dBTP', 1, true)}`);
  if (loudness.plrDb !== null) parts.push(`PLR ${withUnit(loudness.plrDb, 'dB')}`);
  if (loudness.loudnessRangeLu !== null)
    parts.push(`LRA ${withUnit(loudness.loudnessRangeLu, 'LU')}`);
  return parts.length ? ` Measured: ${parts.join(', ')}.` : '';
}

function dedupeProcessing(steps: ProcessingStep[]): ProcessingStep[] {
  const seen = new Set<string>();
  return steps.filter((step) => {
    const key = JSON.stringify(step);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The report written from the rules findings alone: the offline default and the fallback when
 * the LLM is not configured or fails. `why` says which, and opens the summary.
 */
function profileLine({ profile, choice }: SelectedProfile): string {
  if (choice.chosenBy === 'references') return `Target profile ${profile.name} (${choice.reason})`;
  const how =
    choice.chosenBy === 'user'
      ? 'chosen'
      : choice.sure === false
        ? 'picked automatically, unsure: judged against the union of their ranges'
        : 'picked automatically';
  return `Genre profile ${profile.name} (${how})`;
}

export function buildRulesReport(
  result: AnalysisResult,
  findings: Finding[],
  selected: SelectedProfile,
  why: string,
): Report {
  const judged = findings.filter((f) => f.area !== 'genre');
  const bad = problems(judged);
  const errors = bad.filter((f) => f.severity === 'error').length;
  const verdict =
    bad.length === 0
      ? 'No problems found against the profile and platform targets.'
      : `${bad.length} problem${bad.length > 1 ? 's' : ''} to fix (${errors} serious); the first: ${bad[0].message}`;
  const guesses = uncertainEstimatesNote(result);
  const summary = `Rules-based report (${why}). ${profileLine(selected)}.${headline(result)} ${verdict}${
    guesses ? ` ${guesses}` : ''
  }`;

  const suggestions = judged
    .filter((f): f is Finding & { severity: Exclude<Severity, 'ok'> } => f.severity !== 'ok')
    .filter((f) => f.severity !== 'info' || f.processing !== undefined || f.area === 'hygiene')
    .map((f) => ({
      priority: PRIORITY[f.severity],
      area: f.area,
      action: f.action,
      detail: observation(f),
    }));

  return {
    summary,
    loudnessDynamics: section(
      judged,
      ['true-peak', 'loudness', 'dynamics', 'hygiene'],
      'No loudness or dynamics figures to judge.',
    ),
    spectralBalance: section(judged, ['spectrum'], 'No spectrum figures to judge.'),
    stereoImage: section(
      judged,
      ['low-end', 'stereo'],
      result.stereo === null
        ? 'Mono file: no stereo image to judge.'
        : 'No stereo figures to judge.',
    ),
    strengths: judged.filter((f) => f.severity === 'ok').map((f) => f.message),
    weaknesses: bad.map((f) => f.message),
    suggestions,
    processing: dedupeProcessing(
      judged
        .filter((f) => f.severity !== 'ok')
        .flatMap((f) => (f.processing ? [f.processing] : [])),
    ),
    referenceComparison: result.comparison
      ? section(
          judged,
          ['reference'],
          `No notable differences from ${result.comparison.referenceName}.`,
        )
      : null,
  };
}
