import type { AudioData } from '../types.ts';
import { kWeightingFilters, type KWeightingFilters } from './k-weighting.ts';

/** Time grain of the power sums: fine enough to find loudness maxima between the 100 ms steps. */
export const GRAINS_PER_SECOND = 1000;

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

  if (channels.length === 2) {
    foldDown = new Float64Array(grainCount);
    accumulateStereo(
      channels[0],
      channels[1],
      weights[0],
      weights[1],
      filters,
      edges,
      weighted,
      foldDown,
    );
  } else {
    channels.forEach((channel, i) => {
      if (weights[i] > 0) accumulateChannel(channel, weights[i], filters, edges, weighted);
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

// The two biquads are written out inline: this loop is the whole cost of loudness measurement.
function accumulateChannel(
  x: Float32Array,
  weight: number,
  { shelf, highPass }: KWeightingFilters,
  edges: Float64Array,
  out: Float64Array,
): void {
  const { b0, b1, b2, a1, a2 } = shelf;
  const h1 = highPass.a1;
  const h2 = highPass.a2;
  let s1 = 0;
  let s2 = 0;
  let t1 = 0;
  let t2 = 0;
  let i = 0;
  for (let g = 0, grains = out.length; g < grains; g++) {
    const end = edges[g + 1];
    let sum = 0;
    for (; i < end; i++) {
      const v = x[i];
      const u = b0 * v + s1;
      s1 = b1 * v - a1 * u + s2;
      s2 = b2 * v - a2 * u;
      const y = u + t1;
      t1 = -2 * u - h1 * y + t2;
      t2 = u - h2 * y;
      sum += y * y;
    }
    out[g] += weight * sum;
  }
}

function accumulateStereo(
  left: Float32Array,
  right: Float32Array,
  leftWeight: number,
  rightWeight: number,
  { shelf, highPass }: KWeightingFilters,
  edges: Float64Array,
  out: Float64Array,
  foldDown: Float64Array,
): void {
  const { b0, b1, b2, a1, a2 } = shelf;
  const h1 = highPass.a1;
  const h2 = highPass.a2;
  let ls1 = 0;
  let ls2 = 0;
  let lt1 = 0;
  let lt2 = 0;
  let rs1 = 0;
  let rs2 = 0;
  let rt1 = 0;
  let rt2 = 0;
  let i = 0;
  for (let g = 0, grains = out.length; g < grains; g++) {
    const end = edges[g + 1];
    let leftSum = 0;
    let rightSum = 0;
    let foldSum = 0;
    for (; i < end; i++) {
      const l = left[i];
      const lu = b0 * l + ls1;
      ls1 = b1 * l - a1 * lu + ls2;
      ls2 = b2 * l - a2 * lu;
      const ly = lu + lt1;
      lt1 = -2 * lu - h1 * ly + lt2;
      lt2 = lu - h2 * ly;

      const r = right[i];
      const ru = b0 * r + rs1;
      rs1 = b1 * r - a1 * ru + rs2;
      rs2 = b2 * r - a2 * ru;
      const ry = ru + rt1;
      rt1 = -2 * ru - h1 * ry + rt2;
      rt2 = ru - h2 * ry;

      leftSum += ly * ly;
      rightSum += ry * ry;
      const m = ly + ry;
      foldSum += m * m;
    }
    out[g] += leftWeight * leftSum + rightWeight * rightSum;
    // Two channels of (L+R)/2, weight 1 each: 2 · ((yL+yR)/2)².
    foldDown[g] += 0.5 * foldSum;
  }
}
