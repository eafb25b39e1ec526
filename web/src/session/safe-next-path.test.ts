import { describe, expect, it } from 'vitest';
import { DEFAULT_AFTER_LOGIN, safeNextPath } from './safe-next-path.ts';

const ORIGIN = 'http://localhost:3000';
/** What `?next=` holds once the browser has decoded the query, as the login page reads it. */
const fromQuery = (raw: string) => new URLSearchParams(`next=${raw}`).get('next');

describe('safeNextPath', () => {
  it('keeps a path on this origin, with its query and fragment', () => {
    expect(safeNextPath('/projects/abc?tab=loudness#top', ORIGIN)).toBe(
      '/projects/abc?tab=loudness#top',
    );
    expect(safeNextPath(fromQuery('%2Fanalyses%2F1'), ORIGIN)).toBe('/analyses/1');
    expect(safeNextPath(null, ORIGIN)).toBe(DEFAULT_AFTER_LOGIN);
  });

  it.each([
    '/\\evil.example/x',
    '/%09/evil.example',
    '/%0A/evil.example',
    '/%0D%0A/evil.example',
    '%09//evil.example',
    '//evil.example',
    '///evil.example',
    '/\\\\evil.example',
    '\\\\evil.example',
    '\\/evil.example',
    '/.//evil.example',
    'https://evil.example/',
    'http://localhost:3000@evil.example/',
    'javascript:alert(1)',
    'JaVaScRiPt%3Aalert(1)',
    '%09javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
  ])('sends %s to the default, never off-site', (raw) => {
    const next = safeNextPath(fromQuery(raw), ORIGIN);
    expect(next).toBe(DEFAULT_AFTER_LOGIN);
    // And whatever it answers, the browser resolves it on this origin.
    expect(new URL(next, ORIGIN).origin).toBe(ORIGIN);
  });
});
