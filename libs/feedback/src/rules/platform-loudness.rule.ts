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

/** How far the platform turns this master down, in dB as shown; null when it does not. */
function turnDown(row: PlatformRow): string | null {
  if (row.targetLufs === null || row.gainDb === null) return null;
  const tolerance = platformTraits(row.id).toleranceLu ?? CLOSE_ENOUGH_DB;
  return row.gainDb < -tolerance ? num(-row.gainDb) : null;
}

/** "Spotify", "Spotify and Tidal", "Spotify, YouTube and Tidal". */
function namesOf(rows: PlatformRow[]): string {
  const names = rows.map((row) => row.name);
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** One finding for every platform that turns the master down by the same amount (and to the same target). */
function turnDownFinding(rows: PlatformRow[], integrated: number, down: string): Finding {
  const [first] = rows;
  const gain = first.gainDb!;
  const names = namesOf(rows);
  const targetText = withUnit(first.targetLufs, 'LUFS');
  const tolerances = [...new Set(rows.map((row) => platformTraits(row.id).toleranceLu))];
  const tolerance = tolerances.length === 1 ? tolerances[0] : null;
  const label = tolerance ? `${targetText} ±${num(tolerance)} LU` : targetText;
  return {
    id: `loudness.platform.${rows.map((row) => row.id).join('+')}`,
    area: 'loudness',
    metric: 'loudness.integratedLufs',
    measured: integrated,
    unit: 'LUFS',
    target: {
      label,
      min: first.targetLufs! - (tolerance ?? 0),
      max: first.targetLufs! + (tolerance ?? 0),
      unit: 'LUFS',
      source: rows.map((row) => `${row.name}: ${row.source}`).join('; '),
    },
    severity: gain <= -LARGE_TURN_DOWN_DB ? 'warning' : 'info',
    title: `${names} ${rows.length === 1 ? 'turns' : 'turn'} it down ${down} dB`,
    action: `Keep only the limiting you want for its sound: on ${names} a master around ${targetText} plays just as loud with ${down} dB more peak-to-loudness ratio.`,
    message: `${names} (${label}) ${rows.length === 1 ? 'turns' : 'turn'} this ${withUnit(integrated, 'LUFS')} master down ${down} dB: the last ${down} dB of limiting buys no loudness there.`,
  };
}

export function platformLoudnessRule({ result, platforms }: RuleContext): Finding[] {
  const integrated = result.loudness.integratedLufs;
  if (integrated === null) return [];
  // Platforms that turn the master down alike say so once, together, where the first of them stands.
  const turnDowns = new Map<string, PlatformRow[]>();
  const entries: (PlatformRow | PlatformRow[])[] = [];
  for (const row of platforms) {
    const down = turnDown(row);
    if (down === null) {
      entries.push(row);
      continue;
    }
    const key = `${down}@${row.targetLufs}`;
    const group = turnDowns.get(key);
    if (group) group.push(row);
    else {
      turnDowns.set(key, [row]);
      entries.push(turnDowns.get(key)!);
    }
  }
  return entries
    .map((entry) =>
      Array.isArray(entry)
        ? turnDownFinding(entry, integrated, turnDown(entry[0])!)
        : platformFinding(entry, integrated),
    )
    .filter((f): f is Finding => f !== null);
}
