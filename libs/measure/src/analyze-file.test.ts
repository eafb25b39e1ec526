import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseAnalysisResult,
  PROGRESS_STAGES,
  WAVEFORM_DETAIL_POINTS_PER_SEC,
  WAVEFORM_OVERVIEW_POINTS,
} from '@mixscope/contracts';
import {
  analyzeFile,
  measureTrack,
  TRACK_STAGE_START_PERCENT,
  type TrackProgressReport,
} from './analyze-file.ts';
import { platformTable, withCodecPeaks } from '@mixscope/dsp';
import { MeasurePool } from './measure-pool.ts';
import { runFfmpeg } from './test-support/run-ffmpeg.ts';

let dir: string;
let pool: MeasurePool;
const paths = { mix: '', reference: '', surround: '' };

function ffmpeg(args: string[], out: string): string {
  runFfmpeg([...args, out]);
  return out;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mixscope-analyze-file-'));
  pool = new MeasurePool(2);
  paths.mix = ffmpeg(
    ['-f', 'lavfi', '-i', 'sine=f=1000:r=44100:d=6', '-ac', '2', '-c:a', 'pcm_s16le'],
    join(dir, 'mix.wav'),
  );
  paths.reference = ffmpeg(
    ['-f', 'lavfi', '-i', 'anoisesrc=color=pink:r=44100:d=6:seed=3', '-ac', '2'],
    join(dir, 'reference.wav'),
  );
  paths.surround = ffmpeg(
    [
      '-f',
      'lavfi',
      '-i',
      'anoisesrc=r=48000:d=4:seed=5',
      '-af',
      'pan=5.1|c0=c0|c1=0.8*c0|c2=0.5*c0|c3=0.1*c0|c4=0.3*c0|c5=0.3*c0',
      '-c:a',
      'pcm_s16le',
    ],
    join(dir, 'surround.wav'),
  );
});
afterAll(async () => {
  await pool.close();
  await rm(dir, { recursive: true, force: true });
});

describe('analyzeFile progress', () => {
  it("reports each track's own progress, tagged with its role, and leaves combining to the caller", async () => {
    const reports: TrackProgressReport[] = [];
    const result = await analyzeFile(paths.mix, {
      pool,
      referencePath: paths.reference,
      onProgress: (report) => reports.push(report),
    });
    expect(result.reference?.file.name).toBe('reference.wav');
    expect(result.comparison?.deltas.length).toBeGreaterThan(0);

    for (const role of ['mix', 'reference'] as const) {
      const track = reports.filter((report) => report.role === role);
      expect(track[0]).toEqual({ role, stage: 'decoding', percent: 0 });
      // Every measuring stage starts at its own percent, in the stages' order.
      const starts = track.filter((report) => report.stage !== 'decoding');
      // The codec preview is the mix's own last stage; a reference is not encoded.
      const stages = ['loudness', 'spectrum', 'stereo', 'tempo', 'key'] as const;
      expect(starts).toEqual(
        (role === 'mix' ? [...stages, 'codecs' as const] : stages).map((stage) => ({
          role,
          stage,
          percent: TRACK_STAGE_START_PERCENT[stage],
        })),
      );
      for (let i = 1; i < track.length; i++) {
        expect(track[i].percent).toBeGreaterThanOrEqual(track[i - 1].percent);
        expect(PROGRESS_STAGES.indexOf(track[i].stage)).toBeGreaterThanOrEqual(
          PROGRESS_STAGES.indexOf(track[i - 1].stage),
        );
      }
      for (const report of track.filter((r) => r.stage === 'decoding')) {
        expect(report.percent).toBeLessThanOrEqual(TRACK_STAGE_START_PERCENT.loudness);
      }
    }
  });

  it('encodes the mix with each codec unless told not to, and says why when not', async () => {
    const encoded = await analyzeFile(paths.mix, { pool });
    expect(encoded.codecs?.map((row) => row.available)).toEqual([true, true, true, true]);
    expect(encoded.timingsMs.codecs).toBeGreaterThan(0);
    const skipped = await analyzeFile(paths.mix, { pool, codecs: false });
    expect(skipped.codecs).toBeNull();
    expect(skipped.reasons.codecs).toBe('codec preview skipped (--no-codecs)');
    expect(skipped.loudness.platforms.some((row) => 'codecTruePeakDbtp' in row)).toBe(false);
    expect(() => parseAnalysisResult(skipped)).not.toThrow();
  });

  it('tags a single file as the mix', async () => {
    const roles = new Set<string>();
    const result = await analyzeFile(paths.mix, {
      pool,
      onProgress: (report) => roles.add(report.role),
    });
    expect([...roles]).toEqual(['mix']);
    expect(result.reference).toBeUndefined();
    expect(result.comparison).toBeUndefined();
  });
});

describe('analyzeFile on more than two channels', () => {
  it('measures every figure on the stereo downmix and says so in the file section', async () => {
    const result = await analyzeFile(paths.surround, { pool });
    expect(result.file.channels).toBe(6);
    expect(result.file.downmix).toMatch(/^stereo downmix by ffmpeg/);
    expect(result.loudness.integratedLufs).not.toBeNull();
    expect(result.stereo).not.toBeNull();
    expect(result.stereo?.monoCompatibility.foldDownLossDb).not.toBeNull();
  });

  it('still reads the fold-down loss of a stereo file', async () => {
    const result = await analyzeFile(paths.mix, { pool });
    // Identical channels: the fold-down is as loud as the stereo mix.
    expect(result.stereo?.monoCompatibility.foldDownLossDb).toBeCloseTo(0, 1);
    expect(result.stereo?.reasons.foldDownLossDb).toBeUndefined();
    // Worked out on this thread, from the measured loudness and true peak.
    expect(result.loudness.platforms).toEqual(
      withCodecPeaks(
        platformTable(result.loudness.integratedLufs, result.loudness.truePeakDbtp),
        result.codecs ?? null,
      ),
    );
  });
});

describe('measureTrack', () => {
  it('returns the waveform levels beside a result that stays the contract document', async () => {
    const { result, waveform } = await measureTrack(paths.mix, { pool });
    expect(parseAnalysisResult(result)).toEqual(result);
    expect(result).not.toHaveProperty('waveform');
    expect(waveform.overview.channels).toHaveLength(2);
    expect(waveform.detail.channels).toHaveLength(2);
    expect(waveform.overview.channels[0].max).toHaveLength(WAVEFORM_OVERVIEW_POINTS);
    expect(waveform.detail.channels[1].min).toHaveLength(6 * WAVEFORM_DETAIL_POINTS_PER_SEC);
    expect(waveform.detail.durationSec).toBeCloseTo(result.file.durationSec, 3);
    // The envelope's extremes are the sample peaks the loudness section measured.
    waveform.detail.channels.forEach((channel, i) => {
      const peak = 10 ** ((result.loudness.samplePeakPerChannelDbfs[i] ?? -Infinity) / 20);
      expect(Math.max(...channel.max)).toBeCloseTo(peak, 3);
      expect(Math.min(...channel.min)).toBeCloseTo(-peak, 2);
    });
  });
});
