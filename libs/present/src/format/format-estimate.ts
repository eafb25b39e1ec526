import {
  isUncertainKey,
  isUncertainTempo,
  type KeyResult,
  type TempoResult,
} from '@mixscope/contracts';
import { formatNumber, withUnit } from './format-number.ts';

/** A tempo or key as it is shown: the figure, and what to make of it. */
export interface EstimateText {
  /** "120.0 BPM"; an uncertain one is rounded and marked, "≈ 90 BPM". */
  value: string;
  /** "confidence 81 %", or "uncertain, confidence 12 %" below the threshold. */
  confidence: string;
  uncertain: boolean;
}

const confidenceText = (confidence: number | null, uncertain: boolean) =>
  `${uncertain ? 'uncertain, ' : ''}confidence ${
    confidence === null ? 'not measured' : `${formatNumber(confidence * 100, 0)} %`
  }`;

/** The tempo's figure and confidence; null when there is no figure. */
export function tempoEstimateText(tempo: TempoResult | null | undefined): EstimateText | null {
  if (!tempo || tempo.bpm === null) return null;
  const uncertain = isUncertainTempo(tempo);
  return {
    value: uncertain ? `≈ ${withUnit(tempo.bpm, 'BPM', 0)}` : withUnit(tempo.bpm, 'BPM'),
    confidence: confidenceText(tempo.confidence, uncertain),
    uncertain,
  };
}

/** The key's label and confidence; null when there is no label. */
export function keyEstimateText(key: KeyResult | null | undefined): EstimateText | null {
  const label = key?.label ?? (key?.tonic && key.mode ? `${key.tonic} ${key.mode}` : null);
  if (!key || label === null) return null;
  const uncertain = isUncertainKey({ ...key, label });
  return {
    value: uncertain ? `≈ ${label}` : label,
    confidence: confidenceText(key.confidence, uncertain),
    uncertain,
  };
}
