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

export type DrumVoice = 'kick' | 'snare' | 'hat';

/**
 * A drum kit, one hit per (time, voice): a kick (a 120 → 50 Hz sine sweep, 150 ms), a snare (a
 * 190 Hz tone under broadband noise, 120 ms) and a closed hat (high-passed noise, 30 ms).
 */
export function drumHits(
  hits: { time: number; voice: DrumVoice; gain?: number }[],
  durationSec: number,
  sampleRate: number,
): Float32Array {
  const out = new Float32Array(Math.round(durationSec * sampleRate));
  const noise = noiseSource(777);
  for (const { time, voice, gain = 1 } of hits) {
    const start = Math.round(time * sampleRate);
    const length = Math.round({ kick: 0.15, snare: 0.12, hat: 0.03 }[voice] * sampleRate);
    let phase = 0;
    let previous = 0;
    for (let i = 0; i < length && start + i < out.length; i++) {
      const t = i / sampleRate;
      let v: number;
      if (voice === 'kick') {
        phase += (2 * Math.PI * (50 + 70 * Math.exp(-t / 0.03))) / sampleRate;
        v = 0.9 * Math.sin(phase) * Math.exp(-t / 0.05);
      } else if (voice === 'snare') {
        v = (0.3 * Math.sin(2 * Math.PI * 190 * t) + 0.5 * noise()) * Math.exp(-t / 0.04);
      } else {
        const white = noise();
        v = 0.4 * (white - previous) * Math.exp(-t / 0.008);
        previous = white;
      }
      out[start + i] += gain * v;
    }
  }
  return out;
}

/**
 * Bars of a drum pattern at a tempo: `pattern` maps each voice to a string of steps per bar
 * ('x' hit, '.' rest), every string the same length; `beatsPerBar` beats span one string.
 */
export function drumPattern(
  bpm: number,
  durationSec: number,
  sampleRate: number,
  pattern: Partial<Record<DrumVoice, string>>,
  beatsPerBar = 4,
): Float32Array {
  const steps = Object.values(pattern)[0]?.length ?? 0;
  const stepSec = (60 / bpm) * (beatsPerBar / steps);
  const hits: { time: number; voice: DrumVoice }[] = [];
  for (let step = 0, t = 0.05; t < durationSec - 0.2; step++, t += stepSec) {
    for (const [voice, steps_] of Object.entries(pattern) as [DrumVoice, string][]) {
      if (steps_[step % steps] === 'x') hits.push({ time: t, voice });
    }
  }
  return drumHits(hits, durationSec, sampleRate);
}
