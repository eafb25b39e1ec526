import type { TeamRole } from '@mixscope/contracts';
import type { OutgoingMail } from './mail.service.ts';

/** Where an invitee accepts: the web app's /invites/:token page. */
export function inviteLink(publicUrl: string, token: string): string {
  return `${publicUrl}/invites/${encodeURIComponent(token)}`;
}

export function inviteMail(invite: {
  to: string;
  teamName: string;
  inviterName: string;
  role: TeamRole;
  link: string;
  expiresAt: Date;
}): OutgoingMail {
  return {
    to: invite.to,
    subject: `${invite.inviterName} invited you to ${invite.teamName} on MixScope`,
    text: [
      `${invite.inviterName} invited you to join the team "${invite.teamName}" on MixScope as ${invite.role}.`,
      '',
      'Accept the invitation here (sign up or log in with this email address):',
      '',
      invite.link,
      '',
      `The link works once and expires on ${invite.expiresAt.toUTCString()}.`,
      'If you did not expect this, ignore this mail.',
    ].join('\n'),
  };
}
