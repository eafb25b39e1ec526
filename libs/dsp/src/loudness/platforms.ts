import { round } from '../math/level.ts';
import {
  PLATFORMS,
  truePeakOverLimit,
  type CodecPreview,
  type PlatformRow,
  type PlatformSpec,
} from '@mixscope/contracts';

/** How each platform would play a track of this integrated loudness and true peak. */
export function platformTable(
  integratedLufs: number | null,
  truePeakDbtp: number | null,
  platforms: readonly PlatformSpec[] = PLATFORMS,
): PlatformRow[] {
  return platforms.map((spec) => platformRow(spec, integratedLufs, truePeakDbtp));
}

function platformRow(
  spec: PlatformSpec,
  integratedLufs: number | null,
  truePeakDbtp: number | null,
): PlatformRow {
  const louder =
    spec.targetLufs !== null && integratedLufs !== null && integratedLufs > spec.targetLufs;
  const limit =
    louder && spec.louderThanTarget
      ? spec.louderThanTarget.truePeakLimitDbtp
      : spec.truePeakLimitDbtp;
  const gain = platformGain(spec, integratedLufs, truePeakDbtp);
  const resultingLufs = gain !== null && integratedLufs !== null ? integratedLufs + gain : null;
  const resultingTruePeak = gain !== null && truePeakDbtp !== null ? truePeakDbtp + gain : null;
  return {
    id: spec.id,
    name: spec.name,
    targetLufs: spec.targetLufs,
    truePeakLimitDbtp: limit,
    gainDb: round(gain),
    resultingLufs: round(resultingLufs),
    resultingTruePeakDbtp: round(resultingTruePeak),
    // What will play: the peak after the platform's gain. A master over the limit before the gain
    // (platforms that encode the file as delivered) is the true-peak finding's business.
    exceedsTruePeakLimit: truePeakOverLimit(resultingTruePeak, limit),
    note: spec.note,
    source: spec.source,
  };
}

function platformGain(
  spec: PlatformSpec,
  integratedLufs: number | null,
  truePeakDbtp: number | null,
): number | null {
  if (spec.normalization === 'none' || spec.targetLufs === null) {
    return integratedLufs === null ? null : 0;
  }
  if (integratedLufs === null) return null;
  const wanted = spec.targetLufs - integratedLufs;
  if (wanted <= 0) return wanted;
  if (spec.normalization === 'down-only') return 0;
  if (spec.upwardGainCeilingDbtp === null || truePeakDbtp === null) return wanted;
  return Math.max(0, Math.min(wanted, spec.upwardGainCeilingDbtp - truePeakDbtp));
}

/** Playback with no stated limit goes over where the decoded encode passes full scale. */
const FULL_SCALE_DBTP = 0;

/**
 * Adds to each platform row its codec's true peak after the platform's gain, and whether that
 * plays above the platform's limit (full scale where it states none): what will really go over.
 * Platforms without a lossy codec, or whose codec was not measured, are left as they are.
 */
export function withCodecPeaks(
  rows: readonly PlatformRow[],
  codecs: readonly CodecPreview[] | null,
  platforms: readonly PlatformSpec[] = PLATFORMS,
): PlatformRow[] {
  return rows.map((row) => {
    const codec = platforms.find((spec) => spec.id === row.id)?.codec ?? null;
    const measured = codecs?.find((entry) => entry.codec === codec);
    if (codec === null || !measured?.available) return { ...row, codec };
    const peak =
      measured.truePeakDbtp !== null && row.gainDb !== null
        ? round(measured.truePeakDbtp + row.gainDb)
        : null;
    return {
      ...row,
      codec,
      codecTruePeakDbtp: peak,
      codecExceedsTruePeakLimit: truePeakOverLimit(peak, row.truePeakLimitDbtp ?? FULL_SCALE_DBTP),
    };
  });
}
