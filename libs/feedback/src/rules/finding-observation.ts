import type { Finding } from '@mixscope/contracts';

/** The finding's message without its trailing action: what was measured, not what to do. */
export function observation(finding: Finding): string {
  const { message, action } = finding;
  return message.endsWith(action) && message.length > action.length
    ? message.slice(0, message.length - action.length).trim()
    : message;
}
