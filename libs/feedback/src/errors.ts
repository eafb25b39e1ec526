export type FeedbackErrorCode =
  'UNKNOWN_GENRE' | 'UNKNOWN_PLATFORM' | 'TARGET_PROFILE_INPUT' | 'CONFLICTING_PROFILE';

/** A mistake a user can fix (an unknown genre or platform, unusable references); the message is one line. */
export class FeedbackError extends Error {
  constructor(
    readonly code: FeedbackErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FeedbackError';
  }
}
