import type { AudioData } from '../audio-data.ts';
import { kWeightingFilters, type KWeightingFilters } from './k-weighting.ts';

/** Time grain of the power sums: fine enough to find loudness maxima between the 100 ms steps. */
export const GRAINS_PER_SECOND = 1000;
const SPAN_GRAINS = 100;

/**
 * Channel-weighted K-weighted signal power, summed per 1 ms grain. Every loudness window
 * (400 ms blocks, 3 s short-term, at any 1 ms offset) is a sum of whole grains.
 */
export interface KWeightedPower {
  sampleRate: number;
  grainCount: number;
  /** edges[g] is the first sample of grain g; edges[grainCount] is the end of the last whole grain. */
  edges: Float64Array;
  /** Σ over channels of weight · Σ (K-weighted sample)² within each grain. */
  weighted: Float64Array;
  /** The same for the dual-mono fold-down L' = R' = (L+R)/2 of a two-channel file; null otherwise. */
  foldDown: Float64Array | null;
}

export function kWeightedPower(audio: AudioData, weights: readonly number[]): KWeightedPower {
  const { sampleRate, channels } = audio;
  const length = channels.length > 0 ? channels[0].length : 0;
  const edges = grainEdges(sampleRate, length);
  const grainCount = edges.length - 1;
  const weighted = new Float64Array(grainCount);
  const filters = kWeightingFilters(sampleRate);
  let foldDown: Float64Array | null = null;

  // Work goes in spans of grains, one call each: one long-running call would run in
  // on-stack-replaced code, which V8 makes about half as fast here.
  if (channels.length === 2) {
    foldDown = new Float64Array(grainCount);
    const state = new Float64Array(12);
    for (let g = 0; g < grainCount; g += SPAN_GRAINS) {
      const to = Math.min(g + SPAN_GRAINS, grainCount);
      accumulateStereo(
        channels[0],
        channels[1],
        weights[0],
        weights[1],
        filters,
        edges,
        g,
        to,
        weighted,
        foldDown,
        state,
      );
    }
  } else {
    channels.forEach((channel, i) => {
      if (!(weights[i] > 0)) return;
      const state = new Float64Array(6);
      for (let g = 0; g < grainCount; g += SPAN_GRAINS) {
        const to = Math.min(g + SPAN_GRAINS, grainCount);
        accumulateChannel(channel, weights[i], filters, edges, g, to, weighted, state);
      }
    });
  }
  return { sampleRate, grainCount, edges, weighted, foldDown };
}

/** Grain g spans samples [round(g·fs/1000), round((g+1)·fs/1000)); a trailing partial grain is dropped. */
export function grainEdges(sampleRate: number, length: number): Float64Array {
  const edge = (g: number) => Math.round((g * sampleRate) / GRAINS_PER_SECOND);
  let count = Math.floor((length * GRAINS_PER_SECOND) / sampleRate);
  while (count > 0 && edge(count) > length) count--;
  const edges = new Float64Array(count + 1);
  for (let g = 0; g <= count; g++) edges[g] = edge(g);
  return edges;
}

// The two biquads are written out inline, in direct form I with the feedback term added last:
// that keeps each sample's dependency chain to one multiply and one subtract per filter, which
// is what bounds the speed of this loop (the whole cost of loudness measurement).
function accumulateChannel(
  x: Float32Array,
  weight: number,
  { shelf, highPass }: KWeightingFilters,
  edges: Float64Array,
  from: number,
  to: number,
  out: Float64Array,
  state: Float64Array,
): void {
  const { b0, b1, b2, a1, a2 } = shelf;
  const h1 = highPass.a1;
  const h2 = highPass.a2;
  let x1 = state[0];
  let x2 = state[1];
  let u1 = state[2];
  let u2 = state[3];
  let y1 = state[4];
  let y2 = state[5];
  let i = edges[from];
  for (let g = from; g < to; g++) {
    const end = edges[g + 1];
    let sum = 0;
    for (; i < end; i++) {
      const v = x[i];
      const u = b0 * v + b1 * x1 + b2 * x2 - a2 * u2 - a1 * u1;
      const y = u - 2 * u1 + u2 - h2 * y2 - h1 * y1;
      x2 = x1;
      x1 = v;
      u2 = u1;
      u1 = u;
      y2 = y1;
      y1 = y;
      sum += y * y;
    }
    out[g] += weight * sum;
  }
  state[0] = x1;
  state[1] = x2;
  state[2] = u1;
  state[3] = u2;
  state[4] = y1;
  state[5] = y2;
}

function accumulateStereo(
  left: Float32Array,
  right: Float32Array,
  leftWeight: number,
  rightWeight: number,
  { shelf, highPass }: KWeightingFilters,
  edges: Float64Array,
  from: number,
  to: number,
  out: Float64Array,
  foldDown: Float64Array,
  state: Float64Array,
): void {
  const { b0, b1, b2, a1, a2 } = shelf;
  const h1 = highPass.a1;
  const h2 = highPass.a2;
  let lx1 = state[0];
  let lx2 = state[1];
  let lu1 = state[2];
  let lu2 = state[3];
  let ly1 = state[4];
  let ly2 = state[5];
  let rx1 = state[6];
  let rx2 = state[7];
  let ru1 = state[8];
  let ru2 = state[9];
  let ry1 = state[10];
  let ry2 = state[11];
  let i = edges[from];
  for (let g = from; g < to; g++) {
    const end = edges[g + 1];
    let leftSum = 0;
    let rightSum = 0;
    let foldSum = 0;
    for (; i < end; i++) {
      const l = left[i];
      const lu = b0 * l + b1 * lx1 + b2 * lx2 - a2 * lu2 - a1 * lu1;
      const ly = lu - 2 * lu1 + lu2 - h2 * ly2 - h1 * ly1;
      lx2 = lx1;
      lx1 = l;
      lu2 = lu1;
      lu1 = lu;
      ly2 = ly1;
      ly1 = ly;

      const r = right[i];
      const ru = b0 * r + b1 * rx1 + b2 * rx2 - a2 * ru2 - a1 * ru1;
      const ry = ru - 2 * ru1 + ru2 - h2 * ry2 - h1 * ry1;
      rx2 = rx1;
      rx1 = r;
      ru2 = ru1;
      ru1 = ru;
      ry2 = ry1;
      ry1 = ry;

      leftSum += ly * ly;
      rightSum += ry * ry;
      const m = ly + ry;
      foldSum += m * m;
    }
    out[g] += leftWeight * leftSum + rightWeight * rightSum;
    // Two channels of (L+R)/2, weight 1 each: 2 · ((yL+yR)/2)².
    foldDown[g] += 0.5 * foldSum;
  }
  state.set([lx1, lx2, lu1, lu2, ly1, ly2, rx1, rx2, ru1, ru2, ry1, ry2]);
}
