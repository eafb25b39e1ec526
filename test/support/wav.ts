import { writeFile } from 'node:fs/promises';

export interface TestSignal {
  seconds: number;
  sampleRate?: number;
  /** Kick-like pulses at this tempo over a sustained chord, so every measurement has something to find. */
  bpm?: number;
  /** Chord root in Hz. */
  rootHz?: number;
  /** Gain applied to everything, in dB. */
  gainDb?: number;
}

/** 16-bit stereo PCM WAV bytes of a small synthetic mix (chord, pulses, a little noise). */
export function testWav({
  seconds,
  sampleRate = 44_100,
  bpm = 120,
  rootHz = 220,
  gainDb = -6,
}: TestSignal): Buffer {
  const frames = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(frames * 4);
  const gain = 10 ** (gainDb / 20);
  const beat = (60 / bpm) * sampleRate;
  const partials = [1, 5 / 4, 3 / 2, 2].map((ratio) => rootHz * ratio);
  let seed = 12345;
  const noise = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff - 0.5;
  };
  for (let i = 0; i < frames; i++) {
    const t = i / sampleRate;
    let chord = 0;
    for (const f of partials) chord += Math.sin(2 * Math.PI * f * t);
    const sinceBeat = (i % beat) / sampleRate;
    const kick =
      Math.exp(-sinceBeat * 30) * Math.sin(2 * Math.PI * (60 + 80 * Math.exp(-sinceBeat * 40)) * t);
    const hiss = noise() * 0.05;
    const left = gain * (0.12 * chord + 0.5 * kick + hiss);
    const right =
      gain * (0.1 * chord + 0.5 * kick - hiss + 0.02 * Math.sin(2 * Math.PI * 3 * rootHz * t));
    data.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(left * 32767))), i * 4);
    data.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(right * 32767))), i * 4 + 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(2, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 4, 28);
  header.writeUInt16LE(4, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

export async function writeTestWav(path: string, signal: TestSignal): Promise<Buffer> {
  const bytes = testWav(signal);
  await writeFile(path, bytes);
  return bytes;
}
