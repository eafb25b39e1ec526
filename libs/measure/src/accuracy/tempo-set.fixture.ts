import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AudioData } from '@mixscope/dsp';
import type { Requirement } from '@mixscope/test-requirements';

/** One rendered track of the tempo/key set, as scripts/render-tempo-set.mjs describes it. */
export interface TempoSetTrack {
  file: string;
  bpm: number;
  endBpm?: number;
  drifting: boolean;
  meter: string;
  /** e.g. "A# major", pitch classes spelled as in KeyResult. */
  key: string;
  style: string;
  durationSec: number;
  beats: number[];
}

export const TEMPO_SET_DIR =
  process.env.TEMPO_SET_DIR ??
  fileURLToPath(new URL('../../../../fixtures/tempo', import.meta.url));

export const TEMPO_SET_MISSING = `tempo set not rendered in ${TEMPO_SET_DIR}: run \`npm run fixtures:tempo\` (needs fluidsynth and fluid-soundfont-gm)`;

export function tempoSetAvailable(): boolean {
  return existsSync(join(TEMPO_SET_DIR, 'manifest.json'));
}

/** What the tests on the set need, for describeWith and itWith. */
export function tempoSetRequirement(): Requirement {
  return {
    what: 'the rendered tempo/key set',
    missing: tempoSetAvailable() ? null : `no manifest.json in ${TEMPO_SET_DIR}`,
    provide: 'run `npm run fixtures:tempo`, which needs fluidsynth and fluid-soundfont-gm',
  };
}

export function tempoSetTracks(): TempoSetTrack[] {
  const manifest = JSON.parse(readFileSync(join(TEMPO_SET_DIR, 'manifest.json'), 'utf8')) as {
    tracks: TempoSetTrack[];
  };
  return manifest.tracks;
}

export function loadTempoSetAudio(track: TempoSetTrack): AudioData {
  return readPcm16Wav(readFileSync(join(TEMPO_SET_DIR, track.file)));
}

/** Minimal RIFF/WAVE reader for the 16-bit PCM files fluidsynth writes. */
export function readPcm16Wav(bytes: Buffer): AudioData {
  if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('not a RIFF/WAVE file');
  }
  let offset = 12;
  let channelCount = 0;
  let sampleRate = 0;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      const format = bytes.readUInt16LE(body);
      channelCount = bytes.readUInt16LE(body + 2);
      sampleRate = bytes.readUInt32LE(body + 4);
      const bits = bytes.readUInt16LE(body + 14);
      if ((format !== 1 && format !== 0xfffe) || bits !== 16)
        throw new Error(`unsupported WAV: format ${format}, ${bits} bits`);
    } else if (id === 'data') {
      const frames = Math.floor(Math.min(size, bytes.length - body) / (2 * channelCount));
      // Copy to an aligned buffer so the samples can be read through an Int16Array (little-endian hosts).
      const samples = new Int16Array(
        Uint8Array.from(bytes.subarray(body, body + 2 * frames * channelCount)).buffer,
      );
      const channels = Array.from({ length: channelCount }, () => new Float32Array(frames));
      for (let i = 0; i < frames; i++) {
        for (let c = 0; c < channelCount; c++)
          channels[c][i] = samples[i * channelCount + c] / 32768;
      }
      const labels =
        channelCount === 2
          ? ['FL', 'FR']
          : channelCount === 1
            ? ['FC']
            : channels.map((_, c) => `c${c}`);
      return { sampleRate, channels, channelLabels: labels };
    }
    offset = body + size + (size & 1);
  }
  throw new Error('WAV file has no data chunk');
}
