export type FeedbackErrorCode = 'UNKNOWN_GENRE' | 'UNKNOWN_PLATFORM';

/** A mistake a user can fix (an unknown genre or platform); the message is one line. */
export class FeedbackError extends Error {
  constructor(
    readonly code: FeedbackErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FeedbackError';
  }
}
