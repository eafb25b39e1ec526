import type { AnalysisResult, Finding, PlatformRow, Severity } from '@mixscope/contracts';
import type { RuleOptions } from '../feedback-options.ts';
import { FeedbackError } from '../errors.ts';
import {
  selectProfile,
  selectTargetProfile,
  type SelectedProfile,
} from '../profiles/select-profile.ts';
import { codecPeakRule } from './codec-peak.rule.ts';
import { dynamicsRule } from './dynamics.rule.ts';
import { hygieneRule } from './hygiene.rule.ts';
import { lowEndMonoRule } from './low-end-mono.rule.ts';
import { platformLoudnessRule } from './platform-loudness.rule.ts';
import { referenceRule } from './reference.rule.ts';
import { reconcileMoves } from './reconcile-moves.ts';
import { sectionsRule } from './sections.rule.ts';
import type { Rule } from './rule-context.ts';
import { spectralBalanceRule } from './spectral-balance.rule.ts';
import { stereoImageRule } from './stereo-image.rule.ts';
import { truePeakRule } from './true-peak.rule.ts';

/** In report order: delivery problems first, then loudness, dynamics, tone, stereo, reference. */
const RULES: readonly Rule[] = [
  hygieneRule,
  truePeakRule,
  codecPeakRule,
  platformLoudnessRule,
  dynamicsRule,
  spectralBalanceRule,
  lowEndMonoRule,
  stereoImageRule,
  sectionsRule,
  referenceRule,
];

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, ok: 3 };

/** The loudness-table rows the user targets; every row when none are named. */
export function selectPlatforms(result: AnalysisResult, ids: string[] | undefined): PlatformRow[] {
  const rows = result.loudness.platforms;
  if (ids === undefined || ids.length === 0) return rows;
  const wanted = ids.map((id) => id.trim().toLowerCase());
  const unknown = wanted.filter((id) => !rows.some((row) => row.id === id));
  if (unknown.length > 0 && rows.length > 0) {
    throw new FeedbackError(
      'UNKNOWN_PLATFORM',
      `unknown platform ${unknown.map((id) => `"${id}"`).join(', ')}; known: ${rows.map((row) => row.id).join(', ')}`,
    );
  }
  return rows.filter((row) => wanted.includes(row.id));
}

function profileFinding({ profile, choice }: SelectedProfile): Finding {
  if (choice.chosenBy === 'references') {
    return {
      id: 'genre.profile',
      area: 'genre',
      severity: 'info',
      title: `Target profile: ${profile.name}`,
      metric: 'genre',
      measured: null,
      unit: '',
      target: null,
      action: 'None.',
      message: `Target profile ${profile.name}, built ${choice.reason.replace(/^target: /, '')}.`,
    };
  }
  return {
    id: 'genre.profile',
    area: 'genre',
    severity: 'info',
    title: `Genre profile: ${profile.name}`,
    metric: 'genre',
    measured: null,
    unit: '',
    target: null,
    action: choice.chosenBy === 'auto' ? 'Pass a genre if the automatic choice is wrong.' : 'None.',
    message:
      choice.chosenBy === 'auto'
        ? `Genre profile picked automatically: ${choice.reason.replace(/^auto: /, '')}`
        : `Genre profile ${profile.name}, chosen by the user.`,
  };
}

function chooseProfile(result: AnalysisResult, options: RuleOptions): SelectedProfile {
  if (options.target === undefined) return selectProfile(result, options.genre);
  if (options.genre !== undefined) {
    throw new FeedbackError(
      'CONFLICTING_PROFILE',
      'choose either a genre or a target profile built from references, not both',
    );
  }
  return selectTargetProfile(options.target);
}

export interface RulesOutcome {
  findings: Finding[];
  selected: SelectedProfile;
  platforms: PlatformRow[];
}

/** Runs every rule and also returns the profile and platforms it judged against. */
export function evaluateRules(result: AnalysisResult, options: RuleOptions = {}): RulesOutcome {
  const selected = chooseProfile(result, options);
  const platforms = selectPlatforms(result, options.platforms);
  const context = { result, profile: selected.profile, platforms };
  const findings = reconcileMoves(
    RULES.flatMap((rule) => rule(context)),
    { profileName: selected.profile.name, comparison: result.comparison },
  );
  // Array.prototype.sort is stable, so rule order holds within a severity.
  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return { findings: [profileFinding(selected), ...findings], selected, platforms };
}

/** Deterministic findings from the measurements: severity, measured value, target and its source, action. */
export function runRules(result: AnalysisResult, options: RuleOptions = {}): Finding[] {
  return evaluateRules(result, options).findings;
}
