export { analyzeFile, type AnalyzeOptions } from './analyze-file.ts';
export { MeasurePool } from './measure-pool.ts';
export { compareResults } from './compare/compare.ts';
export {
  decodeFile,
  DEFAULT_MAX_DURATION_SEC,
  DEFAULT_DECODE_TIMEOUT_MS,
} from './decode/decode.ts';
export { probeFile } from './decode/probe.ts';
export { AnalysisError, type AnalysisErrorCode } from './errors.ts';
export { ANALYZER_VERSION } from './version.ts';
export type * from './types.ts';
export { formatTextReport } from './report/text-report.ts';
export { formatMarkdownReport } from './report/markdown-report.ts';
export { validateResult, assertFiniteNumbers, missingReasons } from './schema/validate-result.ts';
