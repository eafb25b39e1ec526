import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalysisError } from '../errors.ts';
import { makeLongNoiseWav } from '../test-support/make-long-noise.ts';
import { runFfmpeg } from '../test-support/run-ffmpeg.ts';
import { decodeFile } from './decode.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mixscope-decode-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A canonical WAV: PCM (tag 1) or IEEE float (tag 3), interleaved frames from `sampleAt`. */
function wav(
  format: 'u8' | 's16' | 's24' | 'f32',
  channels: number,
  sampleRate: number,
  frames: number,
  sampleAt: (frame: number, channel: number) => number,
): Buffer {
  const bytes = { u8: 1, s16: 2, s24: 3, f32: 4 }[format];
  const data = Buffer.alloc(frames * channels * bytes);
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < channels; c++) {
      const at = (f * channels + c) * bytes;
      const v = sampleAt(f, c);
      if (format === 'u8') data.writeUInt8(v, at);
      else if (format === 's16') data.writeInt16LE(v, at);
      else if (format === 's24') data.writeIntLE(v, at, 3);
      else data.writeFloatLE(v, at);
    }
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(format === 'f32' ? 3 : 1, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * channels * bytes, 28);
  header.writeUInt16LE(channels * bytes, 32);
  header.writeUInt16LE(bytes * 8, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** Deterministic integers in [min, max], with both extremes at frames 0 and 1. */
function integers(min: number, max: number): (frame: number, channel: number) => number {
  return (frame, channel) => {
    if (frame === 0) return channel % 2 ? max : min;
    if (frame === 1) return channel % 2 ? min : max;
    const h = Math.imul(frame * 31 + channel, 2654435761) >>> 0;
    return min + (h % (max - min + 1));
  };
}

/** ffmpeg's own float decode, deinterleaved by the simplest possible loop: the reference. */
function ffmpegReference(path: string, channels: number): Float32Array[] {
  const out = spawnSync(
    'ffmpeg',
    ['-v', 'error', '-i', path, '-map', '0:a:0', '-f', 'f32le', '-'],
    {
      maxBuffer: 1 << 30,
    },
  );
  const bytes = out.stdout as Buffer;
  const frames = bytes.length / 4 / channels;
  return Array.from({ length: channels }, (_, c) => {
    const channel = new Float32Array(frames);
    for (let f = 0; f < frames; f++) channel[f] = bytes.readFloatLE((f * channels + c) * 4);
    return channel;
  });
}

describe('decodeFile: sample-exact PCM', () => {
  it('16-bit stereo: every sample is n / 32768', async () => {
    const path = join(dir, 's16.wav');
    const frames = 44100;
    const at = integers(-32768, 32767);
    await writeFile(path, wav('s16', 2, 44100, frames, at));
    const { audio, info } = await decodeFile(path);
    expect(audio.channels[0].length).toBe(frames);
    for (let c = 0; c < 2; c++) {
      expect(audio.channels[c]).toEqual(
        Float32Array.from({ length: frames }, (_, f) => at(f, c) / 32768),
      );
    }
    expect(audio.channels[0][0]).toBe(-1);
    expect(info).toMatchObject({
      codec: 'pcm_s16le',
      bitDepth: 16,
      sampleRate: 44100,
      channels: 2,
      durationSec: 1,
    });
  });

  it('24-bit mono: every sample is n / 8388608', async () => {
    const path = join(dir, 's24.wav');
    const frames = 48000;
    const at = integers(-8388608, 8388607);
    await writeFile(path, wav('s24', 1, 48000, frames, at));
    const { audio, info } = await decodeFile(path);
    const expected = Float32Array.from({ length: frames }, (_, f) => at(f, 0) / 8388608);
    expect(audio.channels[0]).toEqual(expected);
    expect(info.bitDepth).toBe(24);
  });

  it('32-bit float: samples pass through bit for bit, overs above 1.0 included', async () => {
    const path = join(dir, 'f32.wav');
    const frames = 9600;
    const at = (f: number, c: number) =>
      Math.fround(1.5 * Math.sin(f * 0.01 + c) * Math.cos(f * 0.0003));
    await writeFile(path, wav('f32', 2, 96000, frames, at));
    const { audio, info, invalidSampleCount } = await decodeFile(path);
    for (let c = 0; c < 2; c++) {
      expect(audio.channels[c]).toEqual(Float32Array.from({ length: frames }, (_, f) => at(f, c)));
    }
    expect(Math.max(...audio.channels[0])).toBeGreaterThan(1);
    expect(invalidSampleCount).toBe(0);
    expect(info).toMatchObject({ codec: 'pcm_f32le', bitDepth: 32, sampleRate: 96000 });
  });

  it('8-bit unsigned: every sample is (n - 128) / 128', async () => {
    const path = join(dir, 'u8.wav');
    const frames = 8000;
    const at = integers(0, 255);
    await writeFile(path, wav('u8', 1, 8000, frames, at));
    const { audio, info } = await decodeFile(path);
    expect(audio.channels[0]).toEqual(
      Float32Array.from({ length: frames }, (_, f) => (at(f, 0) - 128) / 128),
    );
    expect(info).toMatchObject({ codec: 'pcm_u8', bitDepth: 8, channelLayout: 'mono' });
  });
});

describe('decodeFile keeps the native rate, and mono and stereo as they are', () => {
  const layouts = [
    { name: 'mono', channels: 1, labels: ['FC'] },
    { name: 'stereo', channels: 2, labels: ['FL', 'FR'] },
  ];
  for (const sampleRate of [44100, 48000, 96000, 192000]) {
    for (const layout of layouts) {
      it(`${sampleRate} Hz ${layout.name}, 24-bit FLAC, equals ffmpeg's own decode`, async () => {
        const path = join(dir, `tone-${sampleRate}-${layout.name}.flac`);
        // A different tone per channel, so a channel mix-up cannot pass.
        const inputs = Array.from({ length: layout.channels }, (_, c) => [
          '-f',
          'lavfi',
          '-i',
          `sine=f=${200 + 100 * c}:r=${sampleRate}:d=0.25`,
        ]).flat();
        const merge =
          layout.channels === 1
            ? []
            : [
                '-filter_complex',
                `amerge=inputs=${layout.channels}`,
                '-channel_layout',
                layout.name,
              ];
        runFfmpeg([...inputs, ...merge, '-sample_fmt', 's32', '-c:a', 'flac', path]);

        const { audio, info } = await decodeFile(path);
        expect(audio.sampleRate).toBe(sampleRate);
        expect(audio.channelLabels).toEqual(layout.labels);
        expect(info).toMatchObject({
          sampleRate,
          channels: layout.channels,
          bitDepth: 24,
          container: 'flac',
        });
        expect(audio.channels[0].length).toBe(sampleRate / 4);
        expect(info.durationSec).toBe(0.25);
        expect(audio.channels).toEqual(ffmpegReference(path, layout.channels));
      });
    }
  }
});

describe('decodeFile: more than two channels, and rates, within a budget', () => {
  it('measures a 96 kHz 5.1 file on its stereo downmix (BS.775 Lo/Ro, LFE left out) and says so', async () => {
    const path = join(dir, 'surround-96k.flac');
    // 1/8-amplitude tone on FC, half of it on BL, and a loud LFE that must not reach the downmix.
    runFfmpeg([
      '-f',
      'lavfi',
      '-i',
      'sine=f=1000:r=96000:d=2',
      '-af',
      'pan=5.1|FL=0*c0|FR=0*c0|FC=c0|LFE=4*c0|BL=0.5*c0|BR=0*c0',
      '-sample_fmt',
      's32',
      '-c:a',
      'flac',
      path,
    ]);
    const { audio, info } = await decodeFile(path);
    expect(info).toMatchObject({ sampleRate: 96000, channels: 6, channelLayout: '5.1' });
    expect(info.downmix).toMatch(/^stereo downmix by ffmpeg/);
    expect(audio.channelLabels).toEqual(['FL', 'FR']);
    expect(audio.channels).toHaveLength(2);
    expect(audio.channels[0].length).toBe(2 * 96000);
    const peak = (x: Float32Array) => x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    // Not normalised: L = 0.7071·FC + 0.7071·BL, R = 0.7071·FC.
    expect(peak(audio.channels[1])).toBeCloseTo(0.125 * Math.SQRT1_2, 3);
    expect(peak(audio.channels[0])).toBeCloseTo(0.125 * 1.5 * Math.SQRT1_2, 3);
  });

  it('refuses the 384 kHz 7.1 bomb from its probe, before decoding it', async () => {
    const path = join(dir, 'bomb-384k-7.1.flac');
    // The file, shorter: the rate alone refuses it.
    runFfmpeg([
      '-f',
      'lavfi',
      '-i',
      'anullsrc=r=384000:cl=7.1',
      '-t',
      '20',
      '-c:a',
      'flac',
      '-frame_size',
      '65535',
      path,
    ]);
    const error = await decodeFile(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnalysisError);
    expect(error).toMatchObject({
      code: 'UNSUPPORTED',
      message: 'sample rate 384 kHz is above the limit of 192 kHz; resample the file first',
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(processesReading(path)).toEqual([]);
  });

  it('refuses audio whose decoded size is over the budget, from the probe', async () => {
    const path = join(dir, 'stereo-96k.flac');
    runFfmpeg(['-f', 'lavfi', '-i', 'sine=r=96000:d=3', '-ac', '2', '-c:a', 'flac', path]);
    // 4 s of 48 kHz stereo is 2 s at 96 kHz.
    const error = await decodeFile(path, { maxDurationSec: 4 }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'TOO_LONG',
      message: 'at 96 kHz stereo, the limit is 2 s of audio; this file is 3 s',
    });
    const { audio } = await decodeFile(path, { maxDurationSec: 4, maxDecodedSamples: 96000 * 6 });
    expect(audio.channels[0].length).toBe(3 * 96000);
  });
});

describe('decodeFile: limits, progress, abort', () => {
  let longPath: string;
  beforeAll(() => {
    longPath = join(dir, 'long-noise.wav');
    makeLongNoiseWav(longPath);
  });

  it('reports progress that rises to 1', async () => {
    const fractions: number[] = [];
    await decodeFile(longPath, { onProgress: (f) => fractions.push(f) });
    expect(fractions.length).toBeGreaterThan(5);
    expect(fractions.length).toBeLessThanOrEqual(101);
    for (let i = 1; i < fractions.length; i++)
      expect(fractions[i]).toBeGreaterThan(fractions[i - 1]);
    expect(fractions.at(-1)).toBe(1);
  });

  it('refuses audio over the duration limit before decoding', async () => {
    const error = await decodeFile(longPath, { maxDurationSec: 60 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnalysisError);
    expect(error).toMatchObject({
      code: 'TOO_LONG',
      message: 'audio is 4 min long; the limit is 1 min',
    });
  });

  it('times out with DECODE_TIMEOUT and leaves no ffmpeg running', async () => {
    const error = await decodeFile(longPath, { timeoutMs: 20 }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'DECODE_TIMEOUT',
      message: 'decoding timed out after 20 ms',
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(processesReading(longPath)).toEqual([]);
  });

  it('stops on abort with the signal reason and leaves no ffmpeg running', async () => {
    const controller = new AbortController();
    const decoding = decodeFile(longPath, { signal: controller.signal });
    // Abort only once the decoding ffmpeg is seen running, so the test proves it is stopped.
    const decoders = () => processesReading(longPath).filter((line) => /ffmpeg/.test(line));
    for (let waited = 0; decoders().length === 0 && waited < 3000; waited += 5) {
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(decoders().length).toBeGreaterThan(0);
    controller.abort();
    const error = await decoding.catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AbortError' });
    await new Promise((r) => setTimeout(r, 200));
    expect(processesReading(longPath)).toEqual([]);
  });

  it('fails at once on a signal that is already aborted', async () => {
    const error = await decodeFile(longPath, { signal: AbortSignal.abort() }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'AbortError' });
  });

  it('says how to install a missing ffprobe or ffmpeg', async () => {
    await expect(
      decodeFile(longPath, { ffprobePath: join(dir, 'no-ffprobe') }),
    ).rejects.toMatchObject({
      code: 'DECODER_MISSING',
      message: 'ffprobe not found: install it (apt-get install ffmpeg)',
    });
    await expect(
      decodeFile(longPath, { ffmpegPath: join(dir, 'no-ffmpeg') }),
    ).rejects.toMatchObject({
      code: 'DECODER_MISSING',
      message: 'ffmpeg not found: install it (apt-get install ffmpeg)',
    });
  });

  it('refuses a missing file, and rejects bad options', async () => {
    await expect(decodeFile(join(dir, 'missing.wav'))).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
      message: 'file not found: missing.wav',
    });
    await expect(decodeFile(longPath, { timeoutMs: 0 })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
    });
    await expect(decodeFile(longPath, { maxDurationSec: Number.NaN })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
    });
  });
});

/** Command lines of running processes that mention the path (ps is read-only). */
function processesReading(path: string): string[] {
  const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  return ps.stdout.split('\n').filter((line) => line.includes(path) && /ff(mpeg|probe)/.test(line));
}
