import type { AnalysisResult } from '@mixscope/contracts';
import { withUnit } from './format-number.ts';

/** What the figures were measured on: the whole track, or its windows (with the loudness an estimate). */
export function measuredOn(result: AnalysisResult): string {
  const measuredSec = result.codecs?.find((row) => row.measuredSec !== null)?.measuredSec ?? null;
  if (measuredSec === null) return 'Decoded after encoding';
  if (measuredSec >= result.file.durationSec - 0.05)
    return 'Decoded after encoding the whole track';
  return `Decoded after encoding the ${withUnit(measuredSec, 's', 1)} of the track's loudest and peakiest passages (loudness change: an estimate for the whole track)`;
}
