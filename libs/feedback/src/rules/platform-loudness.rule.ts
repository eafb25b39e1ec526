import type { PlatformRow } from '@mixscope/audio-analysis';
import { num, withUnit } from '../format.ts';
import type { Finding, FindingTarget } from '../types.ts';
import type { RuleContext } from './rule-context.ts';

/** Within this many dB of a platform's target the track plays as mastered. */
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

  const target: FindingTarget = {
    label: withUnit(row.targetLufs, 'LUFS'),
    min: row.targetLufs,
    max: row.targetLufs,
    unit: 'LUFS',
    source: `${row.name}: ${row.source}`,
  };
  const gain = row.gainDb;
  const note = row.note ? ` (${row.note})` : '';

  if (Math.abs(gain) <= CLOSE_ENOUGH_DB) {
    return {
      ...base,
      target,
      severity: 'ok',
      title: `Close to ${row.name}'s target`,
      action: `Keep the master near ${withUnit(row.targetLufs, 'LUFS')} for ${row.name}.`,
      message: `${row.name} (${target.label}) changes this track by ${num(gain, 1, true)} dB only: it plays as mastered.`,
    };
  }

  if (gain < 0) {
    return {
      ...base,
      target,
      severity: gain <= -LARGE_TURN_DOWN_DB ? 'warning' : 'info',
      title: `${row.name} turns it down ${num(-gain)} dB`,
      action: `Keep only the limiting you want for its sound: on ${row.name} a master around ${withUnit(
        row.targetLufs,
        'LUFS',
      )} plays just as loud with ${num(-gain)} dB more peak-to-loudness ratio.`,
      message: `${row.name} (${target.label}) turns this ${loudness} master down ${num(-gain)} dB${note}: the last ${num(
        -gain,
      )} dB of limiting buys no loudness there.`,
    };
  }

  const resulting = row.resultingLufs ?? integrated + gain;
  const shortfall = row.targetLufs - resulting;
  if (row.exceedsTruePeakLimit) {
    return {
      ...base,
      target,
      severity: 'warning',
      title: `${row.name} cannot turn it up cleanly`,
      action: `Raise the master towards ${withUnit(row.targetLufs, 'LUFS')} with a limiter so ${row.name} does not have to add gain past its peak limit.`,
      message: `${row.name} (${target.label}) would add ${num(gain)} dB, which takes the true peak to ${withUnit(
        row.resultingTruePeakDbtp ?? 0,
        'dBTP',
        1,
        true,
      )}, over its ${withUnit(row.truePeakLimitDbtp ?? 0, 'dBTP')} limit${note}.`,
    };
  }
  const quieter = shortfall > CLOSE_ENOUGH_DB;
  return {
    ...base,
    target,
    severity: quieter ? (shortfall >= LARGE_SHORTFALL_DB ? 'warning' : 'info') : 'info',
    title: quieter
      ? `Plays ${num(shortfall)} dB quiet on ${row.name}`
      : `${row.name} turns it up ${num(gain)} dB`,
    action: quieter
      ? `Raise the master towards ${withUnit(row.targetLufs, 'LUFS')} if it should match other tracks on ${row.name}.`
      : `Nothing to change; ${row.name} adds the gain.`,
    message: quieter
      ? `${row.name} (${target.label}) does not turn quiet tracks up fully${note}: this ${loudness} master plays ${num(
          shortfall,
        )} dB below its neighbours.`
      : `${row.name} (${target.label}) turns this ${loudness} master up ${num(gain)} dB${note}.`,
  };
}

export function platformLoudnessRule({ result, platforms }: RuleContext): Finding[] {
  const integrated = result.loudness.integratedLufs;
  if (integrated === null) return [];
  return platforms
    .map((row) => platformFinding(row, integrated))
    .filter((f): f is Finding => f !== null);
}
