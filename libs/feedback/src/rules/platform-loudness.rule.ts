import type { Finding, FindingTarget, PlatformRow } from '@mixscope/contracts';
import { formatNumber as num, withUnit } from '@mixscope/present';
import { platformTraits } from '../platforms/platform-specs.ts';
import type { RuleContext } from './rule-context.ts';

/** Within this many dB of a platform's target the track plays as mastered (unless the table says otherwise). */
const CLOSE_ENOUGH_DB = 1;
/** A turn-down this large means heavy limiting that buys nothing on the platform. */
const LARGE_TURN_DOWN_DB = 6;
const LARGE_SHORTFALL_DB = 3;

function platformFinding(row: PlatformRow, integrated: number): Finding | null {
  const base = {
    id: `loudness.platform.${row.id}`,
    area: 'loudness' as const,
    metric: 'loudness.integratedLufs',
    measured: integrated,
    unit: 'LUFS',
  };
  const loudness = withUnit(integrated, 'LUFS');
  if (row.targetLufs === null) {
    return {
      ...base,
      severity: 'info',
      title: `${row.name} plays it as mastered`,
      target: {
        label: 'no loudness normalisation',
        min: null,
        max: null,
        unit: 'LUFS',
        source: `${row.name}: ${row.source}`,
      },
      action: `Nothing to change for ${row.name}; it applies no loudness normalisation.`,
      message: `${row.name} applies no loudness normalisation: it plays the master as is, at ${loudness}.`,
    };
  }
  if (row.gainDb === null) return null;

  const traits = platformTraits(row.id);
  const tolerance = traits.toleranceLu ?? CLOSE_ENOUGH_DB;
  const targetText = withUnit(row.targetLufs, 'LUFS');
  const target: FindingTarget = {
    label: traits.toleranceLu ? `${targetText} ±${num(traits.toleranceLu)} LU` : targetText,
    min: row.targetLufs - (traits.toleranceLu ?? 0),
    max: row.targetLufs + (traits.toleranceLu ?? 0),
    unit: 'LUFS',
    source: `${row.name}: ${row.source}`,
  };
  const gain = row.gainDb;
  const resulting = row.resultingLufs ?? integrated + gain;
  const shortfall = row.targetLufs - resulting;

  if (gain < -tolerance) {
    return {
      ...base,
      target,
      severity: gain <= -LARGE_TURN_DOWN_DB ? 'warning' : 'info',
      title: `${row.name} turns it down ${num(-gain)} dB`,
      action: `Keep only the limiting you want for its sound: on ${row.name} a master around ${targetText} plays just as loud with ${num(
        -gain,
      )} dB more peak-to-loudness ratio.`,
      message: `${row.name} (${target.label}) turns this ${loudness} master down ${num(-gain)} dB: the last ${num(
        -gain,
      )} dB of limiting buys no loudness there.`,
    };
  }

  // After the platform's gain, a limit that applies to the normalised programme can be broken.
  if (
    row.exceedsTruePeakLimit &&
    traits.truePeakLimitAppliesTo === 'normalized' &&
    row.resultingTruePeakDbtp !== null
  ) {
    return {
      ...base,
      target,
      severity: 'warning',
      title: `Over ${row.name}'s peak limit after normalisation`,
      action: `For ${row.name}, deliver a version limited so its true peak stays under ${withUnit(
        row.truePeakLimitDbtp ?? -1,
        'dBTP',
      )} after ${num(gain, 1, true)} dB of gain.`,
      message: `${row.name} (${target.label}) adds ${num(gain)} dB, taking the true peak to ${withUnit(
        row.resultingTruePeakDbtp,
        'dBTP',
        1,
        true,
      )}, over its ${withUnit(row.truePeakLimitDbtp ?? -1, 'dBTP')} limit.`,
    };
  }

  if (shortfall > tolerance) {
    const why =
      traits.normalization === 'down-only' || gain <= 0.05
        ? 'does not turn quiet tracks up'
        : `turns it up only ${num(gain)} dB, as far as its true-peak headroom allows`;
    return {
      ...base,
      target,
      severity: shortfall >= LARGE_SHORTFALL_DB ? 'warning' : 'info',
      title: `Plays ${num(shortfall)} dB quiet on ${row.name}`,
      action: `Raise the master towards ${targetText} (more limiting, or a lower limiter threshold) if it should match other tracks on ${row.name}.`,
      message: `${row.name} (${target.label}) ${why}: this ${loudness} master plays ${num(shortfall)} dB below its neighbours.`,
    };
  }

  if (gain > tolerance) {
    return {
      ...base,
      target,
      severity: 'info',
      title: `${row.name} turns it up ${num(gain)} dB`,
      action: `Nothing to change; ${row.name} adds the gain.`,
      message: `${row.name} (${target.label}) turns this ${loudness} master up ${num(gain)} dB.`,
    };
  }

  return {
    ...base,
    target,
    severity: 'ok',
    title: `Close to ${row.name}'s target`,
    action: `Keep the master near ${targetText} for ${row.name}.`,
    message: `${row.name} (${target.label}) changes this track by ${num(gain, 1, true)} dB only: it plays as mastered.`,
  };
}

export function platformLoudnessRule({ result, platforms }: RuleContext): Finding[] {
  const integrated = result.loudness.integratedLufs;
  if (integrated === null) return [];
  return platforms
    .map((row) => platformFinding(row, integrated))
    .filter((f): f is Finding => f !== null);
}
