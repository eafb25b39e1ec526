import {
  buildAnalysisResult,
  type AnalysisResultOverrides,
  type BuildOptions,
} from '@mixscope/contracts/testing';
import { platformTable } from './platforms.ts';

/** The analyser's own platform rows, so what reads a result is tested on the rows it will really get. */
export const withPlatformRows: BuildOptions = { platformRows: platformTable };

/** The contract's default master (with `overrides`), its platform rows made by the analyser. */
export const measuredMix = (overrides?: AnalysisResultOverrides) =>
  buildAnalysisResult(overrides, withPlatformRows);
