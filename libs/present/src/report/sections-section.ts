import {
  metricLabel,
  type ComparisonResult,
  type Reasons,
  type Section,
} from '@mixscope/contracts';
import { withUnit, deltaUnit } from '../format/format-number.ts';
import { formatDuration } from '../format/format-duration.ts';
import { bandLabel } from '../format/format-label.ts';
import { formatNumber, NULL_MARK } from '../format/format-number.ts';
import type { Block, Cell, Column, ReportSection } from './report-model.ts';

/** "B (chorus-like)", "A (repeats 1)": the label as people read it. */
export function sectionName(section: Section): string {
  if (section.chorusLike) return `${section.label} (chorus-like)`;
  return section.repeatOf === undefined
    ? section.label
    : `${section.label} (repeats ${section.repeatOf + 1})`;
}

/** The sections compared: timing, loudness and width in one table, the band levels in another. */
export function sectionsSection(
  sections: readonly Section[] | null | undefined,
  documentReasons: Reasons,
): ReportSection | null {
  if (sections === undefined) return null;
  if (sections === null) {
    const why = documentReasons.sections ?? 'not measured';
    return { title: 'Sections', blocks: [{ kind: 'text', lines: [`No sections: ${why}`] }] };
  }
  const figures: Column[] = [
    { title: '#', align: 'right' },
    { title: 'Section', align: 'left' },
    { title: 'Time', align: 'left' },
    { title: 'LUFS', align: 'right' },
    { title: 'ST max', align: 'right' },
    { title: 'LRA', align: 'right' },
    { title: 'Width', align: 'right' },
    { title: 'Corr', align: 'right' },
  ];
  const notes: string[] = [];
  const cell = (
    section: Section,
    index: number,
    value: number | null,
    key: string,
    decimals = 1,
  ) => {
    if (value === null)
      notes.push(`${index + 1} ${key}: ${section.reasons[key] ?? whyNull(section, key)}`);
    return { text: formatNumber(value, decimals) };
  };
  const rows: Cell[][] = sections.map((section, i) => [
    { text: String(i + 1) },
    { text: sectionName(section), tone: section.chorusLike ? 'good' : undefined },
    { text: `${formatDuration(section.startSec)}-${formatDuration(section.endSec)}` },
    cell(section, i, section.loudness.integratedLufs, 'integratedLufs'),
    cell(section, i, section.loudness.shortTermMaxLufs, 'shortTermMaxLufs'),
    cell(section, i, section.loudness.loudnessRangeLu, 'loudnessRangeLu'),
    section.stereo
      ? cell(section, i, section.stereo.widthScore, 'widthScore', 0)
      : { text: NULL_MARK },
    section.stereo
      ? cell(section, i, section.stereo.correlation, 'correlation', 2)
      : { text: NULL_MARK },
  ]);
  const stereoMissing = sections.find((s) => s.stereo === null);
  if (stereoMissing) notes.push(`Width, Corr: ${stereoMissing.reasons.stereo ?? 'not measured'}`);

  const bandNames = sections[0]?.bands.map((band) => band.name) ?? [];
  const bandColumns: Column[] = [
    { title: '#', align: 'right' },
    ...bandNames.map((name): Column => ({ title: bandLabel(name), align: 'right' })),
  ];
  const bandRows: Cell[][] = sections.map((section, i) => [
    { text: String(i + 1) },
    ...section.bands.map((band) => ({ text: formatNumber(band.db, 1) })),
  ]);
  return {
    title: 'Sections',
    blocks: [
      { kind: 'table', columns: figures, rows, notes: [...new Set(notes)] },
      {
        kind: 'table',
        title: 'Band levels per section (dB of the section)',
        columns: bandColumns,
        rows: bandRows,
        notes: [],
      },
    ],
  };
}

function whyNull(section: Section, key: string): string {
  return section.reasons[`loudness.${key}`] ?? section.reasons[`stereo.${key}`] ?? 'not measured';
}

/** The chorus-like sections of mix and reference side by side, for the comparison section. */
export function chorusComparisonBlock(comparison: ComparisonResult): Block | null {
  const { chorus } = comparison;
  if (chorus === undefined) return null;
  if (chorus === null) {
    return {
      kind: 'text',
      title: 'Chorus against chorus',
      lines: [comparison.reasons.chorus ?? 'not compared'],
    };
  }
  const rows: Cell[][] = chorus.deltas.map((d) => [
    { text: d.metric === 'widthScore' ? 'Width score' : metricLabel(d.metric) },
    { text: withUnit(d.mix, d.unit) },
    { text: withUnit(d.reference, d.unit) },
    {
      text: withUnit(d.delta, deltaUnit(d.unit), 1, true),
      tone: d.delta === null ? 'muted' : undefined,
    },
  ]);
  const notes = chorus.deltas
    .filter((d) => d.delta === null)
    .map(
      (d) => `${d.metric}: ${comparison.reasons[`chorus.deltas.${d.metric}`] ?? 'not measured'}`,
    );
  return {
    kind: 'table',
    title: `Chorus against chorus (mix section ${chorus.mixIndex + 1}, reference section ${chorus.referenceIndex + 1})`,
    columns: [
      { title: 'Metric', align: 'left' },
      { title: 'Mix', align: 'right' },
      { title: 'Reference', align: 'right' },
      { title: 'Mix − ref', align: 'right' },
    ],
    rows,
    notes,
  };
}
