import type { Finding, PlatformRow } from '@mixscope/contracts';
import { formatNumber as num, withUnit } from '@mixscope/present';
import { platformTraits } from '../platforms/platform-specs.ts';
import type { RuleContext } from './rule-context.ts';

const DEFAULT_CEILING_DBTP = -1;
const DEFAULT_CEILING_SOURCE =
  'AES TD1008 (2021) and EBU R128: true peak at most -1 dBTP, so lossy encoding and sample-rate conversion do not clip';

/**
 * The strictest true-peak limit among the targeted platforms that check the master as delivered
 * (it is encoded before any gain), else the -1 dBTP convention.
 */
function ceilingFor(platforms: PlatformRow[]): { value: number; source: string } {
  const limited = platforms.filter(
    (row) =>
      row.truePeakLimitDbtp !== null && platformTraits(row.id).truePeakLimitAppliesTo === 'master',
  );
  if (limited.length === 0) return { value: DEFAULT_CEILING_DBTP, source: DEFAULT_CEILING_SOURCE };
  const strictest = limited.reduce((a, b) => (b.truePeakLimitDbtp! < a.truePeakLimitDbtp! ? b : a));
  const value = Math.min(DEFAULT_CEILING_DBTP, strictest.truePeakLimitDbtp!);
  return {
    value,
    source:
      value === strictest.truePeakLimitDbtp
        ? `${strictest.name}: ${strictest.source}`
        : DEFAULT_CEILING_SOURCE,
  };
}

/** The platform to quote for the turn-down: Spotify when targeted, else the one that turns it down most. */
function turnDownPlatform(platforms: PlatformRow[]): PlatformRow | null {
  const turningDown = platforms.filter((row) => row.gainDb !== null && row.gainDb < -0.05);
  return (
    turningDown.find((row) => row.id === 'spotify') ??
    turningDown.reduce<PlatformRow | null>(
      (a, b) => (a === null || b.gainDb! < a.gainDb! ? b : a),
      null,
    )
  );
}

export function truePeakRule({ result, platforms }: RuleContext): Finding[] {
  const truePeak = result.loudness.truePeakDbtp;
  if (truePeak === null) return [];
  const ceiling = ceilingFor(platforms);
  const target = {
    label: `≤ ${withUnit(ceiling.value, 'dBTP')}`,
    min: null,
    max: ceiling.value,
    unit: 'dBTP',
    source: ceiling.source,
  };
  const measured = withUnit(truePeak, 'dBTP', 1, true);
  const base = {
    area: 'true-peak' as const,
    metric: 'loudness.truePeakDbtp',
    measured: truePeak,
    unit: 'dBTP',
    target,
  };

  // Compare at the precision shown, so "-1.0 dBTP" is never reported as over a -1.0 ceiling.
  if (Number(truePeak.toFixed(1)) <= ceiling.value) {
    return [
      {
        ...base,
        id: 'true-peak.ok',
        severity: 'ok',
        title: 'True peak has headroom',
        action: 'Keep the limiter ceiling where it is.',
        message: `True peak ${measured} stays at or under ${withUnit(ceiling.value, 'dBTP')}.`,
      },
    ];
  }

  const platform = turnDownPlatform(platforms);
  const consequence = platform
    ? `${platform.name} will turn this track down ${num(-platform.gainDb!)} dB and its encoder may clip`
    : 'lossy encoders (AAC, Ogg, MP3) may clip on playback';
  const action = `Lower the limiter ceiling to ${withUnit(ceiling.value, 'dBTP')} with true-peak (oversampled) detection.`;
  return [
    {
      ...base,
      id: 'true-peak.over',
      severity: truePeak > 0 ? 'error' : 'warning',
      title: 'True peak over the ceiling',
      action,
      message: `True peak ${measured}: lower the limiter ceiling to ${withUnit(ceiling.value, 'dBTP')}; ${consequence}.`,
      processing: {
        type: 'limiting',
        target: 'master limiter',
        settings: [
          { parameter: 'ceiling', value: ceiling.value, unit: 'dBTP' },
          { parameter: 'oversampling', value: 4, unit: 'x' },
        ],
      },
    },
  ];
}
