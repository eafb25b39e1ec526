import type { KeyResult, TempoResult } from './analysis-result.ts';

/**
 * Below these confidences a tempo or key is a guess: it is marked uncertain and no advice may
 * rely on it. The one place these numbers live; documented in docs/metrics.md#uncertain-figures.
 */
export const UNCERTAIN_TEMPO_BELOW = 0.3;
export const UNCERTAIN_KEY_BELOW = 0.3;

/**
 * Whether nothing should rely on this tempo: none measured, the analyser marked it uncertain, or
 * (analyses made before the flag existed) its confidence is missing or below the threshold.
 */
export function isUncertainTempo(tempo: TempoResult | null | undefined): boolean {
  if (!tempo || tempo.bpm === null) return true;
  return tempo.uncertain ?? (tempo.confidence === null || tempo.confidence < UNCERTAIN_TEMPO_BELOW);
}

/** Whether nothing should rely on this key; as isUncertainTempo. */
export function isUncertainKey(key: KeyResult | null | undefined): boolean {
  if (!key || key.label === null) return true;
  return key.uncertain ?? (key.confidence === null || key.confidence < UNCERTAIN_KEY_BELOW);
}
