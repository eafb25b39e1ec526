import type { AnalysisResult } from '@mixscope/contracts';
import { keyEstimateText, tempoEstimateText } from '@mixscope/present';

/**
 * A sentence naming the tempo and key that are only guesses (below the thresholds of
 * docs/metrics.md#uncertain-figures), and that no advice relies on them; null when both are sure
 * or absent.
 */
export function uncertainEstimatesNote(result: AnalysisResult): string | null {
  const guesses = [
    ['tempo', tempoEstimateText(result.tempo)],
    ['key', keyEstimateText(result.key)],
  ] as const;
  const named = guesses
    .filter(([, estimate]) => estimate?.uncertain)
    .map(([what, estimate]) => `${what} ${estimate!.value} (${estimate!.confidence})`);
  if (named.length === 0) return null;
  const them = named.length > 1 ? 'them' : 'it';
  return `The ${named.join(' and the ')} ${named.length > 1 ? 'are' : 'is a'} guess${
    named.length > 1 ? 'es' : ''
  }: no advice here relies on ${them}.`;
}
