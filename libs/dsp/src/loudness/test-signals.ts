/**
 * Test signals of EBU Tech 3341 / 3342: 1 kHz sines in phase on every channel, levels given as
 * each channel's sine peak in dBFS, phase continuous across level changes. Used by the tests only.
 */
import type { AudioData } from '../audio-data.ts';

/** A stretch of the signal; `dbfs: null` is digital silence. */
export interface Segment {
  sec: number;
  dbfs: number | null;
}

export type TestLayout = 'mono' | 'stereo' | '5.0' | '5.0(side)';

export const LAYOUT_LABELS: Record<TestLayout, string[]> = {
  mono: ['FC'],
  stereo: ['FL', 'FR'],
  '5.0': ['FL', 'FR', 'FC', 'BL', 'BR'],
  '5.0(side)': ['FL', 'FR', 'FC', 'SL', 'SR'],
};

/**
 * Level of each channel relative to the stereo case, for the 5.0 variants: the proportions of
 * Tech 3341 case 6 (L, R -28; C -24; Ls, Rs -30 dBFS against -23 for stereo).
 */
export const SURROUND_OFFSETS_DB = [-5, -5, -1, -7, -7];

/** 1 kHz tone following the segments, starting at sine phase 0. */
export function toneSequence(
  sampleRate: number,
  segments: readonly Segment[],
  frequencyHz = 1000,
): Float32Array {
  const lengths = segments.map((s) => Math.round(s.sec * sampleRate));
  const out = new Float32Array(lengths.reduce((a, b) => a + b, 0));
  const period = sampleRate / gcd(sampleRate, frequencyHz);
  const table = new Float64Array(period);
  for (let k = 0; k < period; k++)
    table[k] = Math.sin((2 * Math.PI * frequencyHz * k) / sampleRate);
  let at = 0;
  segments.forEach((segment, s) => {
    const end = at + lengths[s];
    if (segment.dbfs !== null) {
      const amplitude = 10 ** (segment.dbfs / 20);
      for (let i = at; i < end; i++) out[i] = amplitude * table[i % period];
    }
    at = end;
  });
  return out;
}

/**
 * A sine (amplitude in full-scale units, phase in degrees) with linear fades at both ends, as in
 * the EBU's true-peak files: a hard start would ring above the sine's own peak in any interpolator.
 */
export function sine(
  sampleRate: number,
  frequencyHz: number,
  amplitude: number,
  sec: number,
  phaseDeg = 0,
  fadeSec = 0.1,
): Float32Array {
  const out = new Float32Array(Math.round(sec * sampleRate));
  const w = (2 * Math.PI * frequencyHz) / sampleRate;
  const phase = (phaseDeg * Math.PI) / 180;
  const fade = Math.max(1, Math.round(fadeSec * sampleRate));
  for (let i = 0; i < out.length; i++) {
    const envelope = Math.min(1, i / fade, (out.length - 1 - i) / fade);
    out[i] = amplitude * envelope * Math.sin(w * i + phase);
  }
  return out;
}

/** The same signal on every channel of a layout; 5.0 layouts scale it by SURROUND_OFFSETS_DB. */
export function inLayout(sampleRate: number, signal: Float32Array, layout: TestLayout): AudioData {
  const labels = LAYOUT_LABELS[layout];
  const channels = labels.map((_, i) => {
    if (layout === 'mono' || layout === 'stereo') return signal;
    const gain = 10 ** (SURROUND_OFFSETS_DB[i] / 20);
    return signal.map((v) => v * gain);
  });
  return { sampleRate, channels, channelLabels: [...labels] };
}

/**
 * Expected loudness of a layout variant relative to the stereo case, from the BS.1770 sum:
 * mono has one channel instead of two; 5.0 sums the scaled channels with surround weight 1.41.
 */
export function layoutOffsetLu(layout: TestLayout): number {
  if (layout === 'stereo') return 0;
  if (layout === 'mono') return -10 * Math.log10(2);
  const weights = [1, 1, 1, 1.41, 1.41];
  const sum = SURROUND_OFFSETS_DB.reduce((acc, db, i) => acc + weights[i] * 10 ** (db / 10), 0);
  return 10 * Math.log10(sum / 2);
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
