/**
 * The loudness-match rule of the A/B comparison: the louder of two tracks is turned down by the
 * difference in integrated loudness, and the quieter one plays as it is. Attenuating rather than
 * boosting keeps the comparison fair without pushing either track into clipping.
 */
import { formatNumber } from '@mixscope/present';

export interface MatchedGains {
  /** Gain in dB for track A and track B; 0 or negative. */
  aDb: number;
  bDb: number;
  /** False when either track has no integrated loudness, so nothing could be matched. */
  matched: boolean;
}

export function loudnessMatchGains(aLufs: number | null, bLufs: number | null): MatchedGains {
  if (aLufs === null || bLufs === null || !Number.isFinite(aLufs) || !Number.isFinite(bLufs))
    return { aDb: 0, bDb: 0, matched: false };
  const difference = aLufs - bLufs;
  return {
    aDb: difference > 0 ? -difference : 0,
    bDb: difference < 0 ? difference : 0,
    matched: true,
  };
}

export function dbToGain(db: number): number {
  return 10 ** (db / 20);
}

export function gainToDb(gain: number): number {
  return 20 * Math.log10(gain);
}

/**
 * "Reference −2.3 dB (matched)", "Mix 0.0 dB (not matched)"; `matched` null when there is
 * nothing to compare with: "Mix 0.0 dB".
 */
export function describeGain(label: string, gainDb: number, matched: boolean | null): string {
  const value = formatNumber(gainDb, 1, true).replace('-', '\u2212');
  const note = matched === null ? '' : matched ? ' (matched)' : ' (not matched)';
  return `${label} ${value} dB${note}`;
}
