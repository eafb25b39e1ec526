import type { OutgoingMail } from './mail.service.ts';

/** Where a new account is confirmed: the web app's /signup/verify/:token page. */
export function signupLink(publicUrl: string, token: string): string {
  return `${publicUrl}/signup/verify/${encodeURIComponent(token)}`;
}

export function confirmSignupMail(to: string, link: string, expiresAt: Date): OutgoingMail {
  return {
    to,
    subject: 'Confirm your MixScope account',
    text: [
      'Someone (we hope you) signed up to MixScope with this email address.',
      '',
      'Confirm the address and open your account here:',
      '',
      link,
      '',
      `The link works once and expires on ${expiresAt.toUTCString()}.`,
      'If you did not sign up, ignore this mail: no account is made without it.',
    ].join('\n'),
  };
}

/** Sent instead when the address already has an account, so the sign-up answer can be the same. */
export function alreadyRegisteredMail(to: string, loginUrl: string): OutgoingMail {
  return {
    to,
    subject: 'You already have a MixScope account',
    text: [
      'Someone (we hope you) tried to sign up to MixScope with this email address,',
      'which already has an account. No new account was made.',
      '',
      `Log in here: ${loginUrl}`,
      '',
      'If this was not you, nothing has changed; you can ignore this mail.',
    ].join('\n'),
  };
}
