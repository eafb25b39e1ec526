export {
  analyzeFile,
  measureTrack,
  TRACK_STAGE_START_PERCENT,
  type AnalyzeOptions,
  type MeasuredTrack,
  type TrackProgressReport,
} from './analyze-file.ts';
export { MeasurePool } from './measure-pool.ts';
export {
  decodeFile,
  DEFAULT_MAX_DURATION_SEC,
  DEFAULT_DECODE_TIMEOUT_MS,
} from './decode/decode.ts';
export type { FfmpegBinaries } from './decode/ffmpeg.adapter.ts';
export { probeFile, DEFAULT_PROBE_TIMEOUT_MS } from './decode/probe.ts';
export { AnalysisError, type AnalysisErrorCode } from './errors.ts';
export { ANALYZER_VERSION } from './version.ts';
