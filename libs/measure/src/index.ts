export { analyzeFile, type AnalyzeOptions } from './analyze-file.ts';
export { MeasurePool } from './measure-pool.ts';
export {
  decodeFile,
  DEFAULT_MAX_DURATION_SEC,
  DEFAULT_DECODE_TIMEOUT_MS,
  warmUpDecoder,
} from './decode/decode.ts';
export { probeFile, DEFAULT_PROBE_TIMEOUT_MS } from './decode/probe.ts';
export { AnalysisError, type AnalysisErrorCode } from './errors.ts';
export { ANALYZER_VERSION } from './version.ts';
