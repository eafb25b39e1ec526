import { CHROMA_DIMS, TIMBRE_DIMS, type SectionFrames } from './section-frames.ts';

/** How much each feature group counts in the distance between two frames. */
const GROUP_WEIGHTS = { chroma: 1, timbre: 1, level: 1 };

/**
 * Frame features standardised per dimension (z-scores over the track), each group scaled so that
 * it counts by its weight whatever its number of dimensions. Rows: frames.
 */
export function featureMatrix(frames: SectionFrames): Float32Array[] {
  const groups: [Float32Array, number, number][] = [
    [frames.chroma, CHROMA_DIMS, GROUP_WEIGHTS.chroma],
    [frames.timbre, TIMBRE_DIMS, GROUP_WEIGHTS.timbre],
    [frames.level, 1, GROUP_WEIGHTS.level],
  ];
  const dims = CHROMA_DIMS + TIMBRE_DIMS + 1;
  const rows = Array.from({ length: frames.frameCount }, () => new Float32Array(dims));
  let offset = 0;
  for (const [values, width, weight] of groups) {
    const scale = Math.sqrt(weight / width);
    for (let d = 0; d < width; d++) {
      let mean = 0;
      for (let f = 0; f < frames.frameCount; f++) mean += values[f * width + d];
      mean /= Math.max(1, frames.frameCount);
      let variance = 0;
      for (let f = 0; f < frames.frameCount; f++) variance += (values[f * width + d] - mean) ** 2;
      const sd = Math.sqrt(variance / Math.max(1, frames.frameCount)) || 1;
      for (let f = 0; f < frames.frameCount; f++) {
        rows[f][offset + d] = (scale * (values[f * width + d] - mean)) / sd;
      }
    }
    offset += width;
  }
  return rows;
}

/** Squared Euclidean distance between two feature rows. */
export function distance(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let d = 0; d < a.length; d++) sum += (a[d] - b[d]) ** 2;
  return sum;
}

/** The self-distance matrix (symmetric, frame-major). Bounded by MAX_FRAMES². */
export function selfDistance(rows: Float32Array[]): Float32Array {
  const n = rows.length;
  const matrix = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = distance(rows[i], rows[j]);
      matrix[i * n + j] = d;
      matrix[j * n + i] = d;
    }
  }
  return matrix;
}

/**
 * Foote's novelty: a Gaussian-tapered checkerboard kernel slid along the diagonal. On distances,
 * the cross quadrants (past against future) count positively and the within quadrants negatively,
 * so a change from one homogeneous stretch to another peaks.
 */
export function footeNovelty(matrix: Float32Array, n: number, halfWidth: number): Float64Array {
  const novelty = new Float64Array(n);
  const sigma = halfWidth / 2;
  const taper = Float64Array.from({ length: halfWidth }, (_, k) =>
    Math.exp(-((k + 0.5) ** 2) / (2 * sigma * sigma)),
  );
  for (let t = 0; t < n; t++) {
    let sum = 0;
    let weights = 0;
    for (let a = 0; a < halfWidth; a++) {
      const i = t - 1 - a;
      if (i < 0) break;
      for (let b = 0; b < halfWidth; b++) {
        const j = t + b;
        if (j >= n) break;
        const w = taper[a] * taper[b];
        const past = t - 1 - b;
        const future = t + a;
        let within = 0;
        if (past >= 0) within += matrix[i * n + past];
        if (future < n) within += matrix[j * n + future];
        sum += w * (2 * matrix[i * n + j] - within);
        weights += w;
      }
    }
    // Normalised by the kernel's weight inside the track, so the edges are not favoured.
    novelty[t] = weights > 0 ? sum / weights : 0;
  }
  return novelty;
}

/**
 * Peaks of the novelty curve: local maxima over ±minGap frames that stand out from the curve's
 * spread; a peak closer than minGap to the edges of the track is dropped.
 */
export function pickPeaks(novelty: Float64Array, minGap: number, threshold: number): number[] {
  const n = novelty.length;
  let mean = 0;
  for (const v of novelty) mean += v;
  mean /= Math.max(1, n);
  let variance = 0;
  for (const v of novelty) variance += (v - mean) ** 2;
  const sd = Math.sqrt(variance / Math.max(1, n));
  const floor = mean + threshold * sd;
  const candidates: number[] = [];
  for (let t = minGap; t <= n - minGap; t++) {
    if (novelty[t] <= floor) continue;
    let isMax = true;
    for (let u = Math.max(0, t - minGap); u <= Math.min(n - 1, t + minGap); u++) {
      if (novelty[u] > novelty[t] || (novelty[u] === novelty[t] && u < t)) {
        isMax = false;
        break;
      }
    }
    if (isMax) candidates.push(t);
  }
  return candidates;
}
