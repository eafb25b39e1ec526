import {
  WAVEFORM_DETAIL_POINTS_PER_SEC,
  WAVEFORM_OVERVIEW_POINTS,
  type StoredWaveform,
  type WaveformDto,
} from '@mixscope/contracts';
import type { AudioData } from '../audio-data.ts';

/** Decimals kept per point: a 1/10000 step is below what any waveform display can draw. */
const DECIMALS = 4;
const SCALE = 10 ** DECIMALS;

/**
 * A level's buckets as a ratio: sample n falls in bucket floor(n * per / every). Integers keep
 * the bucket edges exact however long the file is.
 */
interface Level {
  per: number;
  every: number;
  points: number;
}

/**
 * Min/max envelopes of every channel at several resolutions, in one pass over the samples. Point
 * i of a level covers [i / pointsPerSecond, (i + 1) / pointsPerSecond); values are clamped to
 * [-1, 1] and rounded to 4 decimals.
 */
export function peakEnvelopes(
  audio: AudioData,
  resolutions: readonly ({ pointsPerSecond: number } | { points: number })[],
): WaveformDto[] {
  const length = audio.channels[0]?.length ?? 0;
  const durationSec = length / audio.sampleRate;
  const levels = resolutions.map((resolution): Level => {
    if ('points' in resolution) {
      // A file shorter than the point count gets one point per sample.
      const points = Math.min(resolution.points, length);
      return { per: points, every: Math.max(length, 1), points };
    }
    const per = resolution.pointsPerSecond;
    return { per, every: audio.sampleRate, points: Math.ceil((length * per) / audio.sampleRate) };
  });
  const envelopes = levels.map((level) =>
    audio.channels.map(() => ({
      min: new Float32Array(level.points),
      max: new Float32Array(level.points),
    })),
  );
  audio.channels.forEach((samples, channel) => {
    const targets = envelopes.map((level) => level[channel]);
    const bucket = levels.map(() => -1);
    // First sample of the next bucket, per level.
    const nextEdge = levels.map(() => 0);
    for (let n = 0; n < length; n++) {
      const value = samples[n];
      for (let l = 0; l < levels.length; l++) {
        const { min, max } = targets[l];
        if (n >= nextEdge[l]) {
          const b = ++bucket[l];
          nextEdge[l] = Math.ceil(((b + 1) * levels[l].every) / levels[l].per);
          min[b] = value;
          max[b] = value;
        } else {
          const b = bucket[l];
          if (value < min[b]) min[b] = value;
          else if (value > max[b]) max[b] = value;
        }
      }
    }
  });
  return levels.map((level, l) => ({
    durationSec,
    pointsPerSecond: length > 0 ? (level.per * audio.sampleRate) / level.every : 0,
    channels: envelopes[l].map(({ min, max }) => ({
      min: Array.from(min, compact),
      max: Array.from(max, compact),
    })),
  }));
}

/** Both stored levels of a track: the ~1000-point overview and the 100-points-per-second detail. */
export function waveformLevels(audio: AudioData): StoredWaveform {
  const [overview, detail] = peakEnvelopes(audio, [
    { points: WAVEFORM_OVERVIEW_POINTS },
    { pointsPerSecond: WAVEFORM_DETAIL_POINTS_PER_SEC },
  ]);
  return { overview, detail };
}

function compact(value: number): number {
  const clamped = value > 1 ? 1 : value < -1 ? -1 : value;
  // `|| 0` turns -0 into 0 (and a NaN the decoder let through into silence).
  return Math.round(clamped * SCALE) / SCALE || 0;
}
