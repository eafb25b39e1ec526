import type { AnalysisResult, Reasons } from '../analysis/analysis-result.ts';

/** A figure read from a result, with the reason it is missing when it is null. */
export interface Reading {
  value: number | null;
  reason: string | null;
}

export interface ComparedMetric {
  /** Id used in MetricDelta.metric and as the key of a reason in ComparisonResult.reasons. */
  metric: string;
  label: string;
  /** Unit of the mix and reference values; a delta of LUFS, dBTP or dBFS values is in LU or dB. */
  unit: string;
  /** Decimals worth showing in a report. */
  decimals: number;
  read(result: AnalysisResult): Reading;
}

type SectionKey = 'loudness' | 'spectrum' | 'stereo' | 'tempo' | 'key' | 'transients';

/** Any section of the document, read by field name. */
type SectionFields = { readonly [field: string]: unknown; readonly reasons: Reasons };

/** Reads `name` (a dotted path for a nested figure, e.g. `monoCompatibility.foldDownLossDb`). */
function field(section: SectionKey, name: string, reasonKeys: string[] = [name]) {
  return (result: AnalysisResult): Reading => {
    const body: SectionFields | null = result[section];
    if (body === null) {
      return { value: null, reason: result.reasons[section] ?? `no ${section} section` };
    }
    const value = name.split('.').reduce<unknown>(childOf, body);
    if (typeof value === 'number') return { value, reason: null };
    const reason = reasonKeys.map((key) => body.reasons[key]).find((text) => text !== undefined);
    return { value: null, reason: reason ?? 'not measured' };
  };
}

function childOf(node: unknown, key: string): unknown {
  return typeof node === 'object' && node !== null ? Reflect.get(node, key) : undefined;
}

/** The figures a mix is compared on, in report order. */
export const COMPARED_METRICS: readonly ComparedMetric[] = [
  {
    metric: 'integratedLufs',
    label: 'Integrated loudness',
    unit: 'LUFS',
    decimals: 1,
    read: field('loudness', 'integratedLufs'),
  },
  {
    metric: 'momentaryMaxLufs',
    label: 'Momentary max',
    unit: 'LUFS',
    decimals: 1,
    read: field('loudness', 'momentaryMaxLufs'),
  },
  {
    metric: 'shortTermMaxLufs',
    label: 'Short-term max',
    unit: 'LUFS',
    decimals: 1,
    read: field('loudness', 'shortTermMaxLufs'),
  },
  {
    metric: 'loudnessRangeLu',
    label: 'Loudness range',
    unit: 'LU',
    decimals: 1,
    read: field('loudness', 'loudnessRangeLu'),
  },
  {
    metric: 'truePeakDbtp',
    label: 'True peak',
    unit: 'dBTP',
    decimals: 1,
    read: field('loudness', 'truePeakDbtp'),
  },
  {
    metric: 'samplePeakDbfs',
    label: 'Sample peak',
    unit: 'dBFS',
    decimals: 1,
    read: field('loudness', 'samplePeakDbfs'),
  },
  {
    metric: 'rmsDbfs',
    label: 'RMS',
    unit: 'dBFS',
    decimals: 1,
    read: field('loudness', 'rmsDbfs'),
  },
  {
    metric: 'crestFactorDb',
    label: 'Crest factor',
    unit: 'dB',
    decimals: 1,
    read: field('loudness', 'crestFactorDb'),
  },
  { metric: 'plrDb', label: 'PLR', unit: 'dB', decimals: 1, read: field('loudness', 'plrDb') },
  {
    metric: 'dynamicRangeDb',
    label: 'DR',
    unit: 'dB',
    decimals: 1,
    read: field('loudness', 'dynamicRangeDb'),
  },
  {
    metric: 'centroidHz',
    label: 'Spectral centroid',
    unit: 'Hz',
    decimals: 0,
    read: field('spectrum', 'centroidHz'),
  },
  {
    metric: 'rolloffHz',
    label: 'Spectral rolloff',
    unit: 'Hz',
    decimals: 0,
    read: field('spectrum', 'rolloffHz'),
  },
  {
    metric: 'flatness',
    label: 'Spectral flatness',
    unit: '',
    decimals: 3,
    read: field('spectrum', 'flatness'),
  },
  {
    metric: 'widthScore',
    label: 'Width score',
    unit: '',
    decimals: 1,
    read: field('stereo', 'widthScore'),
  },
  {
    metric: 'correlation',
    label: 'Correlation',
    unit: '',
    decimals: 2,
    read: field('stereo', 'correlation'),
  },
  {
    metric: 'sideToMidDb',
    label: 'Side/mid',
    unit: 'dB',
    decimals: 1,
    read: field('stereo', 'sideToMidDb'),
  },
  {
    metric: 'balanceDb',
    label: 'L/R balance',
    unit: 'dB',
    decimals: 1,
    read: field('stereo', 'balanceDb'),
  },
  {
    metric: 'foldDownLossDb',
    label: 'Mono fold-down',
    unit: 'LU',
    decimals: 1,
    read: field('stereo', 'monoCompatibility.foldDownLossDb', [
      'monoCompatibility.foldDownLossDb',
      'foldDownLossDb',
      'monoCompatibility',
    ]),
  },
  { metric: 'tempoBpm', label: 'Tempo', unit: 'BPM', decimals: 1, read: field('tempo', 'bpm') },
  {
    metric: 'tempoStability',
    label: 'Tempo stability',
    unit: '',
    decimals: 2,
    read: field('tempo', 'stability'),
  },
  {
    metric: 'onsetDensityPerSec',
    label: 'Onset density',
    unit: '/s',
    decimals: 1,
    read: field('transients', 'onsetDensityPerSec'),
  },
  {
    metric: 'attackSharpness',
    label: 'Attack sharpness',
    unit: '',
    decimals: 2,
    read: field('transients', 'attackSharpness'),
  },
  {
    metric: 'medianAttackMs',
    label: 'Median attack',
    unit: 'ms',
    decimals: 1,
    read: field('transients', 'medianAttackMs'),
  },
];

const LABELS = new Map(COMPARED_METRICS.map((m) => [m.metric, m.label]));

export function metricLabel(metric: string): string {
  return LABELS.get(metric) ?? metric;
}
