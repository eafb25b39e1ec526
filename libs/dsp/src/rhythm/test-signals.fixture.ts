import type { AudioData } from '../audio-data.ts';

/** Deterministic white noise in [-1, 1). */
export function noiseSource(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 31 - 1;
  };
}

export function stereo(mono: Float32Array, sampleRate: number): AudioData {
  return { sampleRate, channels: [mono, Float32Array.from(mono)], channelLabels: ['FL', 'FR'] };
}

/**
 * Clicks (8 ms noise bursts with a 2 ms exponential decay) at the given times.
 * `gains` sets each click's peak level (default 0.8).
 */
export function clicksAt(
  times: number[],
  durationSec: number,
  sampleRate: number,
  gains?: number[],
): Float32Array {
  const out = new Float32Array(Math.round(durationSec * sampleRate));
  const noise = noiseSource(12345);
  const length = Math.round(0.008 * sampleRate);
  times.forEach((time, k) => {
    const start = Math.round(time * sampleRate);
    const gain = gains?.[k] ?? 0.8;
    for (let i = 0; i < length && start + i < out.length; i++) {
      out[start + i] += gain * noise() * Math.exp(-i / (0.002 * sampleRate));
    }
  });
  return out;
}

/** Times of a steady pulse, or of one whose tempo moves linearly from `bpm` to `endBpm` beat by beat. */
export function pulseTimes(
  bpm: number,
  durationSec: number,
  endBpm = bpm,
  startSec = 0.1,
): number[] {
  const times: number[] = [];
  const beats = Math.floor((durationSec * (bpm + endBpm)) / 2 / 60);
  let t = startSec;
  for (let beat = 0; t < durationSec - 0.05; beat++) {
    times.push(t);
    const tempo = bpm + ((endBpm - bpm) * beat) / Math.max(1, beats - 1);
    t += 60 / tempo;
  }
  return times;
}

/** Equal-tempered frequency of a MIDI note number (A4 = 69 = 440 Hz). */
export function midiHz(note: number): number {
  return 440 * 2 ** ((note - 69) / 12);
}

/**
 * Adds a note with a few decaying harmonics (amplitudes 1, 1/2, 1/3, 1/4), like a plucked or
 * struck string, with `attackSec` linear attack and a 20 ms release at the end.
 */
export function addNote(
  into: Float32Array,
  sampleRate: number,
  midiNote: number,
  startSec: number,
  lengthSec: number,
  gain: number,
  attackSec = 0.005,
): void {
  const f0 = midiHz(midiNote);
  const start = Math.round(startSec * sampleRate);
  const length = Math.round(lengthSec * sampleRate);
  const attack = Math.max(1, Math.round(attackSec * sampleRate));
  const release = Math.round(0.02 * sampleRate);
  for (let i = 0; i < length && start + i < into.length; i++) {
    const t = i / sampleRate;
    let envelope = Math.min(1, i / attack) * Math.exp(-t / 1.5);
    if (i > length - release) envelope *= (length - i) / release;
    let v = 0;
    for (let h = 1; h <= 4; h++) {
      if (f0 * h < sampleRate / 2) v += Math.sin(2 * Math.PI * f0 * h * t) / h;
    }
    into[start + i] += gain * envelope * v;
  }
}
