import { decodeFile } from './decode/decode.ts';
import type { FfmpegBinaries } from './decode/ffmpeg.adapter.ts';
import { assembleResult } from './assemble-result.ts';
import { compareResults } from '@mixscope/dsp';
import { MeasurePool } from './measure-pool.ts';
import { stereoPairOf } from '@mixscope/dsp';
import {
  SPECTRUM_SHARES,
  type MeasureContext,
  type MeasureTask,
  type MeasuredSections,
} from './measure-tasks.ts';
import type { AnalysisResult, ProgressStage, StoredWaveform, TrackRole } from '@mixscope/contracts';
import type { AudioData } from '@mixscope/dsp';
import { attachReference } from '@mixscope/contracts';
import { withCodecPeaks } from '@mixscope/dsp';
import { previewCodecs } from './codecs/codec-preview.ts';
import { DEFAULT_DECODE_TIMEOUT_MS } from './decode/decode.ts';

/** Where one track of an analysis is. */
export interface TrackProgressReport {
  /** 'mix' for the file analysed, 'reference' for `referencePath`. */
  role: TrackRole;
  stage: ProgressStage;
  /** This track's percent, 0-100 (see TRACK_STAGE_START_PERCENT). */
  percent: number;
}

export interface AnalyzeOptions extends FfmpegBinaries {
  /** A second file to analyse in parallel and compare against. */
  referencePath?: string;
  /**
   * Each track's progress, as it is measured. Combining the tracks into the analysis' progress
   * is the caller's, with the one rule in @mixscope/pipeline/progress.
   */
  onProgress?: (progress: TrackProgressReport) => void;
  signal?: AbortSignal;
  /** Decoder time-out per file. */
  timeoutMs?: number;
  /** Longer files are refused. */
  maxDurationSec?: number;
  /** Reuse a long-lived pool (services); by default one is created and closed per call. */
  pool?: MeasurePool;
  /**
   * Encode the mix with the streaming codecs and measure the decodes (`result.codecs`). Default
   * true; false leaves `codecs` null with the reason. A reference is never encoded.
   */
  codecs?: boolean;
}

/**
 * The percent one track has reached when each stage starts; decoding moves from 0 to the start of
 * loudness as the file decodes. `saving` is the hosted analyzer's, once the track is measured.
 */
export const TRACK_STAGE_START_PERCENT: Readonly<Record<ProgressStage, number>> = {
  decoding: 0,
  loudness: 40,
  spectrum: 55,
  stereo: 70,
  tempo: 80,
  key: 88,
  codecs: 92,
  saving: 97,
};

/** The codec preview's time-out per second of track (an encode must run at least 2× real time). */
const CODEC_TIMEOUT_MS_PER_SEC = 500;

/** One track's result and the waveform levels kept beside it (never inside the result). */
export interface MeasuredTrack {
  result: AnalysisResult;
  waveform: StoredWaveform;
}

/**
 * Decodes and measures a file (and optionally a reference, in parallel) on worker threads.
 * Throws AnalysisError for input a user can fix.
 */
export async function analyzeFile(
  path: string,
  options: AnalyzeOptions = {},
): Promise<AnalysisResult> {
  const pool = options.pool ?? new MeasurePool();
  try {
    const { referencePath } = options;
    if (referencePath === undefined) return (await analyzeOne(path, 'mix', pool, options)).result;
    const [mix, reference] = await Promise.all([
      analyzeOne(path, 'mix', pool, options).then((track) => track.result),
      analyzeOne(referencePath, 'reference', pool, options).then((track) => track.result),
    ]);
    return attachReference(mix, reference, compareResults(mix, reference));
  } finally {
    if (!options.pool) await pool.close();
  }
}

/**
 * Decodes and measures one file like analyzeFile, and computes its waveform levels from the same
 * decoded audio on the pool: what the hosted analyzer stores for each track.
 */
export async function measureTrack(
  path: string,
  options: Omit<AnalyzeOptions, 'referencePath'> & { role?: TrackRole } = {},
): Promise<MeasuredTrack> {
  const pool = options.pool ?? new MeasurePool();
  try {
    const { result, waveform } = await analyzeOne(path, options.role ?? 'mix', pool, options, {
      waveform: true,
    });
    if (!waveform) throw new Error('the waveform task did not run');
    return { result, waveform };
  } finally {
    if (!options.pool) await pool.close();
  }
}

async function analyzeOne(
  path: string,
  role: TrackRole,
  pool: MeasurePool,
  options: AnalyzeOptions,
  extras: { waveform: boolean } = { waveform: false },
): Promise<{ result: AnalysisResult; waveform: StoredWaveform | null }> {
  const started = performance.now();
  const { onProgress } = options;
  const report = (stage: ProgressStage, fraction = 0) => {
    const start = TRACK_STAGE_START_PERCENT[stage];
    const end = stage === 'decoding' ? TRACK_STAGE_START_PERCENT.loudness : start;
    onProgress?.({ role, stage, percent: Math.round(start + (end - start) * fraction) });
  };
  report('decoding');
  const decoded = await decodeFile(path, {
    ffmpegPath: options.ffmpegPath,
    ffprobePath: options.ffprobePath,
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    maxDurationSec: options.maxDurationSec,
    onProgress: (fraction) => report('decoding', fraction),
  });
  const decodeMs = performance.now() - started;
  const context: MeasureContext = { invalidSampleCount: decoded.invalidSampleCount ?? 0 };
  // Beside the measurements, from the same decoded buffers; its time is not a stage of the result.
  const waveform = extras.waveform ? pool.run('waveform', decoded.audio, context) : null;
  // The codec windows are chosen first on the pool; ffmpeg then encodes while the pool measures.
  const codecsStarted = performance.now();
  const codecs =
    role === 'mix' && options.codecs !== false
      ? previewCodecs({
          pool,
          audio: decoded.audio,
          ffmpegPath: options.ffmpegPath,
          signal: options.signal,
          // An encode runs far slower than a decode: allow at least half the track's duration.
          timeoutMs: Math.max(
            options.timeoutMs ?? DEFAULT_DECODE_TIMEOUT_MS,
            decoded.info.durationSec * CODEC_TIMEOUT_MS_PER_SEC,
          ),
        }).then((rows) => ({ rows, ms: performance.now() - codecsStarted }))
      : null;
  const measured = measure(decoded.audio, context, pool, report, options.signal);
  // Keep a rejection from going unhandled while the measurements are awaited.
  codecs?.catch(() => undefined);
  const [{ outputs, taskMs }, levels] = await Promise.all([measured, waveform]);
  if (codecs) report('codecs');
  const preview = codecs ? await codecs : null;
  options.signal?.throwIfAborted();
  const timingsMs = roundTimings({
    decode: decodeMs,
    ...taskMs,
    ...(preview ? { codecs: preview.ms } : {}),
    total: performance.now() - started,
  });
  const result = assembleResult(decoded.info, outputs, timingsMs);
  const loudness = {
    ...result.loudness,
    platforms: withCodecPeaks(result.loudness.platforms, preview?.rows ?? null),
  };
  const reasons = preview ? result.reasons : { ...result.reasons, codecs: whyNoCodecs(role) };
  return {
    result: { ...result, loudness, codecs: preview?.rows ?? null, reasons },
    waveform: levels,
  };
}

function whyNoCodecs(role: TrackRole): string {
  return role === 'mix'
    ? 'codec preview skipped (--no-codecs)'
    : 'the codec preview is run on the mix only';
}

/** Runs every measurement task on the pool, reporting the stages in their fixed order. */
async function measure(
  audio: AudioData,
  context: MeasureContext,
  pool: MeasurePool,
  report: (stage: ProgressStage) => void,
  signal: AbortSignal | undefined,
): Promise<{ outputs: MeasuredSections; taskMs: Record<string, number> }> {
  // Stages are reported in their fixed order: a stage starts once every earlier stage's task is done.
  const stages: [ProgressStage, MeasureTask][] = [
    ['loudness', 'loudness'],
    ['spectrum', 'spectrum'],
    ['stereo', 'spectrum'],
    ['tempo', 'rhythm'],
    ['key', 'rhythm'],
  ];
  const done = new Set<MeasureTask>();
  let entered = 0;
  const advance = () => {
    while (
      entered < stages.length &&
      stages.slice(0, entered).every(([, task]) => done.has(task))
    ) {
      report(stages[entered][0]);
      entered++;
    }
  };
  advance();
  const taskMs: Record<string, number> = {};
  const run = async <T extends MeasureTask>(task: T, taskContext = context) => {
    signal?.throwIfAborted();
    const t0 = performance.now();
    const output = await pool.run(task, audio, taskContext);
    taskMs[task] = Math.max(taskMs[task] ?? 0, performance.now() - t0);
    return output;
  };
  const finished = <T>(task: MeasureTask, output: T): T => {
    done.add(task);
    advance();
    return output;
  };
  // Whole tasks first, then the shares of a stereo pair's STFT, so the threads finish together.
  const loudness = run('loudness').then((output) => finished('loudness', output));
  const rhythm = run('rhythm').then((output) => finished('rhythm', output));
  const spectrum = (
    stereoPairOf(audio)
      ? Promise.all(
          Array.from({ length: SPECTRUM_SHARES }, (_, index) =>
            run('spectrumFrames', { ...context, share: { index, count: SPECTRUM_SHARES } }),
          ),
        ).then((pairSums) => run('spectrum', { ...context, pairSums }))
      : run('spectrum')
  ).then((output) => finished('spectrum', output));
  const [loudnessOutput, rhythmOutput, spectrumOutput] = await Promise.all([
    loudness,
    rhythm,
    spectrum,
  ]);
  signal?.throwIfAborted();
  return {
    outputs: {
      loudness: loudnessOutput,
      rhythm: rhythmOutput,
      spectrum: spectrumOutput,
    },
    taskMs,
  };
}

function roundTimings(timings: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)]));
}
