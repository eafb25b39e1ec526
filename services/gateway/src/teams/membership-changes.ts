import { Injectable } from '@nestjs/common';

/** A user joined or left a team (accepted an invitation, left it, or was removed). */
export interface MembershipChange {
  kind: 'joined' | 'left';
  teamId: string;
  userId: string;
}

type MembershipListener = (change: MembershipChange) => Promise<void>;

/**
 * Tells whoever holds live connections (the socket gateway) that a membership changed, and waits
 * until they have applied it, so the change is in force on open sockets before the API answers.
 */
@Injectable()
export class MembershipChanges {
  private readonly listeners: MembershipListener[] = [];

  listen(listener: MembershipListener): void {
    this.listeners.push(listener);
  }

  async announce(change: MembershipChange): Promise<void> {
    await Promise.all(this.listeners.map((listener) => listener(change)));
  }
}
