import type { ProgressStage } from '../job-payloads.ts';

/**
 * The analysis result: the document `mixscope analyze --json` prints and the hosted API returns.
 *
 * Conventions:
 * - No NaN or Infinity anywhere. A figure that does not exist is `null`, and the reason sits beside
 *   it: for a null at `section.field`, the reason is at `section.reasons.field`; for a null section,
 *   at `reasons.<section>` on the document itself.
 * - Levels are in dB (LUFS, LU, dBTP, dBFS), times in seconds, frequencies in Hz.
 */

export type Reasons = Record<string, string>;

/** Decoded audio: planar 32-bit float channels at the file's native rate and channel count. */
export interface AudioData {
  sampleRate: number;
  /** One array per channel, all the same length. May be backed by SharedArrayBuffer. */
  channels: Float32Array[];
  /** ffmpeg channel labels in channel order, e.g. ['FL','FR','FC','LFE','BL','BR']. */
  channelLabels: string[];
}

export interface Progress {
  stage: ProgressStage;
  /** Overall percent, 0-100. */
  percent: number;
}

export interface FileInfo {
  name: string;
  sizeBytes: number;
  /** ffprobe format name, e.g. "wav", "flac", "mp3", "ogg", "mov,mp4,m4a,3gp,3g2,mj2". */
  container: string;
  codec: string;
  sampleRate: number;
  channels: number;
  channelLayout: string | null;
  bitDepth: number | null;
  bitRateKbps: number | null;
  durationSec: number;
  reasons: Reasons;
}

export interface PlatformRow {
  id: string;
  name: string;
  targetLufs: number | null;
  truePeakLimitDbtp: number | null;
  /** Gain the platform applies to this track (negative: turned down). */
  gainDb: number | null;
  resultingLufs: number | null;
  resultingTruePeakDbtp: number | null;
  /** True when the resulting true peak exceeds the platform's limit. */
  exceedsTruePeakLimit: boolean | null;
  note: string;
  source: string;
}

export interface LoudnessCurves {
  hopSec: number;
  /** Time (s) of the end of the first window of each curve. */
  momentaryStartSec: number;
  shortTermStartSec: number;
  /** LUFS per hop; null where the window is below -70 LUFS. */
  momentary: (number | null)[];
  shortTerm: (number | null)[];
}

export interface LoudnessResult {
  integratedLufs: number | null;
  momentaryMaxLufs: number | null;
  shortTermMaxLufs: number | null;
  loudnessRangeLu: number | null;
  truePeakDbtp: number | null;
  truePeakPerChannelDbtp: (number | null)[];
  samplePeakDbfs: number | null;
  samplePeakPerChannelDbfs: (number | null)[];
  rmsDbfs: number | null;
  crestFactorDb: number | null;
  plrDb: number | null;
  dynamicRangeDb: number | null;
  curves: LoudnessCurves;
  platforms: PlatformRow[];
  reasons: Reasons;
}

export type BandName = 'sub' | 'bass' | 'lowMids' | 'mids' | 'highMids' | 'air';

export interface SpectrumBand {
  name: BandName;
  lowHz: number;
  highHz: number;
  /** Share of total power in 20 Hz-20 kHz; the six shares sum to 1. */
  share: number | null;
  /** 10·log10(share): the band's level relative to the whole spectrum. */
  db: number | null;
  /** The band's RMS level in dBFS (a full-scale sine alone in the band reads -3.01). */
  levelDbfs: number | null;
}

export interface SpectrumResult {
  bands: SpectrumBand[];
  /** Log-frequency, 1/6-octave smoothed power spectrum of the mono sum, for charts. */
  curve: { frequenciesHz: number[]; db: number[] };
  centroidHz: number | null;
  rolloffHz: number | null;
  flatness: number | null;
  reasons: Reasons;
}

export interface StereoBand {
  name: BandName;
  correlation: number | null;
  width: number | null;
}

export interface StereoResult {
  correlation: number | null;
  balanceDb: number | null;
  sideToMidDb: number | null;
  /** 0-100, perceptually weighted per-band width. */
  widthScore: number | null;
  bands: StereoBand[];
  monoCompatibility: {
    /** Integrated loudness of the dual-mono fold-down minus the stereo integrated loudness (LU). */
    foldDownLossDb: number | null;
    /** Bands whose correlation is below 0. */
    outOfPhaseBands: BandName[];
  };
  reasons: Reasons;
}

export interface TempoResult {
  bpm: number | null;
  /** 0-1 */
  confidence: number | null;
  /** 0-1: 1 = rock steady, lower = drifting or rubato. */
  stability: number | null;
  /** Beat times in seconds. */
  beats: number[];
  reasons: Reasons;
}

export type PitchClass = 'C' | 'C#' | 'D' | 'D#' | 'E' | 'F' | 'F#' | 'G' | 'G#' | 'A' | 'A#' | 'B';

export interface KeyResult {
  tonic: PitchClass | null;
  mode: 'major' | 'minor' | null;
  /** 0-1 */
  confidence: number | null;
  /** e.g. "A minor" */
  label: string | null;
  reasons: Reasons;
}

export interface TransientsResult {
  /** Onsets per second over the analysed range. */
  onsetDensityPerSec: number;
  /** 0-1: how abruptly onsets rise (1 = very sharp). */
  attackSharpness: number;
  /** Median 10-90 % rise time of onsets, in milliseconds. */
  medianAttackMs: number | null;
  analyzedFromSec: number;
  analyzedToSec: number;
  reasons: Reasons;
}

export type IssueCode =
  | 'clipping'
  | 'true-peak-over'
  | 'dc-offset'
  | 'out-of-phase'
  | 'silence-start'
  | 'silence-end'
  | 'invalid-samples';

export interface AudioIssue {
  code: IssueCode;
  severity: 'info' | 'warning' | 'error';
  message: string;
  /** The measured value behind the finding (count, dB, seconds…), unit in `unit`. */
  value: number | null;
  unit: string | null;
  count: number | null;
  /** Time positions in seconds (at most 100, the first ones). */
  times: number[];
  channel: number | null;
}

export interface BandComparison {
  name: BandName;
  mixDb: number | null;
  referenceDb: number | null;
  deltaDb: number | null;
}

export interface MetricDelta {
  metric: string;
  mix: number | null;
  reference: number | null;
  delta: number | null;
  unit: string;
}

export interface ComparisonResult {
  referenceName: string;
  /** Gain applied to the reference to match the mix's integrated loudness. */
  loudnessMatchGainDb: number | null;
  deltas: MetricDelta[];
  /** Per-band level difference after loudness matching (mix minus reference). */
  bands: BandComparison[];
  reasons: Reasons;
}

export interface AnalysisResult {
  schemaVersion: 1;
  analyzer: { name: 'mixscope'; version: string };
  file: FileInfo;
  loudness: LoudnessResult;
  spectrum: SpectrumResult;
  stereo: StereoResult | null;
  tempo: TempoResult | null;
  key: KeyResult | null;
  transients: TransientsResult | null;
  issues: AudioIssue[];
  /** Wall time per stage in milliseconds. */
  timingsMs: Record<string, number>;
  reference?: AnalysisResult;
  comparison?: ComparisonResult;
  /** Added by `--feedback` and the hosted service; its full type lives in libs/feedback. */
  feedback?: FeedbackSection;
  reasons: Reasons;
}

/** The part of libs/feedback's Feedback that the result document promises. */
export interface FeedbackSection {
  source: 'llm' | 'rules';
  model?: string;
  findings: { id: string; severity: string; message: string }[];
  report: {
    summary: string;
    loudnessDynamics: string;
    spectralBalance: string;
    stereoImage: string;
    strengths: string[];
    weaknesses: string[];
    suggestions: { priority: string; area: string; action: string; detail: string }[];
    processing: unknown[];
    referenceComparison?: string | null;
  };
}
