import { codecName, type CodecPreview, type Finding } from '@mixscope/contracts';
import { formatNumber as num, withUnit } from '@mixscope/present';
import { platformTraits } from '../platforms/platform-specs.ts';
import type { RuleContext } from './rule-context.ts';

const DEFAULT_LIMIT_DBTP = -1;
const DEFAULT_LIMIT_SOURCE =
  'AES TD1008 (2021) and EBU R128: true peak at most -1 dBTP after lossy encoding';
/** Room left under the limit for encoder variation between runs and builds (measured ±0.1 dB). */
export const CODEC_CEILING_MARGIN_DB = 0.2;

/**
 * The encode that peaks highest decides the limiter ceiling. The encoder adds (codec TP - current
 * TP) of overshoot; to land that encode on the limit with a margin, the ceiling is
 * current TP - (codec TP - limit) - margin, as the overshoot moves with the level in front of it.
 */
export function codecPeakRule({ result, platforms }: RuleContext): Finding[] {
  const truePeak = result.loudness.truePeakDbtp;
  const worst = worstEncode(result.codecs ?? null);
  if (truePeak === null || worst === null) return [];
  const codecPeak = worst.truePeakDbtp as number;
  const limited = platforms.filter(
    (row) =>
      row.truePeakLimitDbtp !== null && platformTraits(row.id).truePeakLimitAppliesTo === 'master',
  );
  const strictest = limited.reduce<(typeof limited)[number] | null>(
    (a, b) => (a === null || b.truePeakLimitDbtp! < a.truePeakLimitDbtp! ? b : a),
    null,
  );
  const limit = Math.min(DEFAULT_LIMIT_DBTP, strictest?.truePeakLimitDbtp ?? DEFAULT_LIMIT_DBTP);
  const source =
    strictest && strictest.truePeakLimitDbtp === limit
      ? `${strictest.name}: ${strictest.source}`
      : DEFAULT_LIMIT_SOURCE;
  const name = codecName(worst.codec);
  const base = {
    area: 'true-peak' as const,
    metric: `codecs.${worst.codec}.truePeakDbtp`,
    measured: codecPeak,
    unit: 'dBTP',
    target: { label: `≤ ${withUnit(limit, 'dBTP')}`, min: null, max: limit, unit: 'dBTP', source },
  };
  // Compared at the 0.1 dB shown, like the true-peak rule.
  if (Number(codecPeak.toFixed(1)) <= limit) {
    return [
      {
        ...base,
        id: 'codec-peak.ok',
        severity: 'ok',
        title: 'Peaks survive lossy encoding',
        action: 'Keep the limiter ceiling where it is.',
        message: `After ${name} encoding the peak stays at ${withUnit(codecPeak, 'dBTP', 1, true)}, at or under ${withUnit(limit, 'dBTP')}.`,
      },
    ];
  }
  const ceiling = Math.floor((truePeak - (codecPeak - limit) - CODEC_CEILING_MARGIN_DB) * 10) / 10;
  const ceilingText = withUnit(ceiling, 'dBTP', 1, true);
  return [
    {
      ...base,
      id: 'codec-peak.over',
      severity: codecPeak > 0 ? 'error' : 'warning',
      title: `${name} encoding pushes the peak over`,
      action: `Set the limiter ceiling to ${ceilingText} with true-peak detection.`,
      message: `After ${name} encoding the peak reaches ${withUnit(codecPeak, 'dBTP', 1, true)}: set the limiter ceiling to ${ceilingText} (the encode adds ${num(codecPeak - truePeak)} dB over the master's peak).`,
      processing: {
        type: 'limiting',
        target: 'master limiter',
        settings: [{ parameter: 'ceiling', value: ceiling, unit: 'dBTP' }],
      },
    },
  ];
}

function worstEncode(codecs: readonly CodecPreview[] | null): CodecPreview | null {
  const measured = (codecs ?? []).filter((row) => row.available && row.truePeakDbtp !== null);
  return measured.reduce<CodecPreview | null>(
    (a, b) => (a === null || b.truePeakDbtp! > a.truePeakDbtp! ? b : a),
    null,
  );
}
