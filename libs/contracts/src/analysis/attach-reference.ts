/**
 * "Mix + reference + comparison" assembled as one document: the mix's result with the
 * reference's result under `reference` and their comparison under `comparison`, the shape
 * `mixscope analyze --reference --json` prints. Without both a reference and a comparison it is
 * the mix alone. Pure, and generic so that it assembles typed results as well as stored JSON
 * (AnalysisRepository validates what it assembles before anyone reads it).
 */
export function attachReference<M, R, C>(
  mix: M,
  reference: R | null | undefined,
  comparison: C | null | undefined,
): M | (M & { reference: R; comparison: C }) {
  return reference != null && comparison != null ? { ...mix, reference, comparison } : mix;
}
