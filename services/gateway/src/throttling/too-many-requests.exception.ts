import { HttpException, HttpStatus } from '@nestjs/common';

/** A 429 that carries Retry-After (the exception filter sends it as the header). */
export class TooManyRequestsException extends HttpException {
  constructor(
    readonly retryAfterSec: number,
    message: string,
  ) {
    super({ statusCode: HttpStatus.TOO_MANY_REQUESTS, message }, HttpStatus.TOO_MANY_REQUESTS);
  }
}
