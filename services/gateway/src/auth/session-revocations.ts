import { Injectable } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';

/** A login that just ended: a session (logout) or a personal API token (revoked). */
export type Revocation = { sessionId: string } | { apiTokenId: string };

/** Tells whoever holds live connections (the socket gateway) that a credential stopped being valid. */
@Injectable()
export class SessionRevocations {
  private readonly subject = new Subject<Revocation>();
  readonly revoked: Observable<Revocation> = this.subject.asObservable();

  announce(revocation: Revocation): void {
    this.subject.next(revocation);
  }
}
