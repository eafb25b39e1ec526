import {
  codecName,
  findPlatform,
  type AnalysisResult,
  type PlatformRow,
} from '@mixscope/contracts';
import { NULL_MARK, withUnit } from '../format/format-number.ts';
import { codecPlaysOver } from '../format/platform-peaks.ts';
import { measuredOn } from '../format/codec-coverage.ts';
import type { Cell, Column, ReportSection } from './report-model.ts';

/**
 * The codec preview: each codec's decoded true peak, overs and loudness change, and below the
 * table the platforms whose codec will play over their limit after their gain. Skipped or absent
 * previews say why in one line.
 */
export function codecSection(result: AnalysisResult): ReportSection | null {
  if (result.codecs === undefined) return null;
  if (result.codecs === null) {
    const reason = result.reasons.codecs ?? 'not measured';
    return {
      title: 'Codec preview',
      blocks: [{ kind: 'text', lines: [`${NULL_MARK} ${reason}`] }],
    };
  }
  const columns: Column[] = [
    { title: 'Codec', align: 'left' },
    { title: 'Bit rate', align: 'right' },
    { title: 'True peak', align: 'right' },
    { title: 'Clipped', align: 'right' },
    { title: 'TP overs', align: 'right' },
    { title: 'Loudness', align: 'right' },
    { title: 'Note', align: 'left' },
  ];
  const rows: Cell[][] = result.codecs.map((row) => [
    { text: codecName(row.codec) },
    { text: `${row.bitrateKbps} kb/s` },
    {
      text: withUnit(row.truePeakDbtp, 'dBTP', 1, true),
      tone: row.truePeakDbtp !== null && row.truePeakDbtp > 0 ? 'bad' : undefined,
    },
    { text: row.overs === null ? NULL_MARK : String(row.overs.clippedSamples) },
    { text: row.overs === null ? NULL_MARK : String(row.overs.truePeakOvers) },
    { text: withUnit(row.integratedLufsDelta, 'LU', 2, true) },
    row.available
      ? { text: '' }
      : { text: `missing: ${row.reasons.codec ?? 'not measured'}`, tone: 'muted' },
  ]);
  const threshold = result.codecs.find((row) => row.overs)?.overs?.thresholdDbtp;
  const notes = [
    `${measuredOn(result)}; TP overs: events above ${withUnit(threshold ?? null, 'dBTP', 1, true)}; loudness: change from the original there.`,
    ...result.loudness.platforms.filter(codecPlaysOver).map(platformNote),
  ];
  return { title: 'Codec preview', blocks: [{ kind: 'table', columns, rows, notes }] };
}

function platformNote(row: PlatformRow): string {
  const limit = row.truePeakLimitDbtp ?? 0;
  const name = findPlatform(row.id)?.name ?? row.name;
  return `${name} (${codecName(row.codec!)}) plays at ${withUnit(row.codecTruePeakDbtp ?? null, 'dBTP', 1, true)} after encoding and gain: over ${withUnit(limit, 'dBTP', 1, true)}.`;
}
