import type { AnalysisSummary, HeadlineFigures } from '../api/api-types.ts';

export interface HeadlineRow {
  key: keyof HeadlineFigures;
  label: string;
  unit: string;
  decimals: number;
}

export const HEADLINE_ROWS: HeadlineRow[] = [
  { key: 'integratedLufs', label: 'Integrated loudness', unit: 'LUFS', decimals: 1 },
  { key: 'truePeakDbtp', label: 'True peak', unit: 'dBTP', decimals: 1 },
  { key: 'loudnessRangeLu', label: 'Loudness range', unit: 'LU', decimals: 1 },
  { key: 'plrDb', label: 'PLR', unit: 'dB', decimals: 1 },
  { key: 'dynamicRangeDb', label: 'DR', unit: '', decimals: 0 },
  { key: 'widthScore', label: 'Stereo width', unit: '/100', decimals: 0 },
  { key: 'bpm', label: 'Tempo', unit: 'BPM', decimals: 1 },
];

export interface CompareRow extends HeadlineRow {
  a: number | null;
  b: number | null;
  delta: number | null;
}

/** Headline figures of two revisions side by side, with b − a. */
export function compareRevisions(a: AnalysisSummary, b: AnalysisSummary): CompareRow[] {
  return HEADLINE_ROWS.map((row) => {
    const va = a.headline[row.key] as number | null;
    const vb = b.headline[row.key] as number | null;
    return { ...row, a: va, b: vb, delta: va === null || vb === null ? null : vb - va };
  });
}
