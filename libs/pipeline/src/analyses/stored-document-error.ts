/** What part of an analysis a stored document is. */
export type StoredDocumentKind = 'result' | 'progress' | 'report' | 'waveform' | 'target profile';

/**
 * A document read from the database does not satisfy its contract: a bug or a hand edit, never
 * something the user did. It names the analysis, the document and the first problem.
 */
export class StoredDocumentError extends Error {
  readonly code = 'STORED_DOCUMENT_INVALID';

  constructor(
    readonly analysisId: string,
    readonly kind: StoredDocumentKind,
    problem: string,
  ) {
    super(`The stored ${kind} of analysis ${analysisId} is invalid: ${problem}`);
    this.name = 'StoredDocumentError';
  }
}
