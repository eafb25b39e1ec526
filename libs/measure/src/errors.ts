export type AnalysisErrorCode =
  | 'FILE_NOT_FOUND'
  | 'EMPTY_FILE'
  | 'NOT_DECODABLE'
  | 'UNSUPPORTED'
  | 'NO_AUDIO_STREAM'
  | 'TOO_LONG'
  | 'TOO_LARGE'
  | 'DECODE_TIMEOUT'
  | 'DECODER_MISSING'
  | 'INVALID_OPTION'
  | 'ENCODE_FAILED';

/** An error a user can act on: its message is one short line, safe to show as is. */
export class AnalysisError extends Error {
  constructor(
    readonly code: AnalysisErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AnalysisError';
  }
}
