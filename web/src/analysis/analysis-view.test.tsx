// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { completedAnalysis } from '../test-support/fixtures.ts';
import { AnalysisView } from './analysis-view.tsx';

vi.mock('next/navigation', () => ({ useRouter: () => ({ push: vi.fn(), replace: vi.fn() }) }));
vi.mock('next/link', () => ({
  default: ({ href, children, ...rest }: { href: string; children: React.ReactNode }) => (
    <a href={href} {...rest}>
      {children}
    </a>
  ),
}));

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

/** The analysis answers `status` and `body`; its comments are none; the rest is not there. */
function answer(status: number, body: unknown, comments: unknown[] = []) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string | URL) => {
      const path = new URL(String(input), 'http://localhost').pathname;
      if (path === '/api/analyses/x') return json(status, body);
      if (path === '/api/analyses/x/comments') return json(200, comments);
      return json(404, { statusCode: 404, error: 'Not Found', message: 'Not found' });
    }),
  );
}

beforeEach(() => window.history.replaceState(null, '', '/analyses/x'));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('AnalysisView', () => {
  it('says in words why an analysis failed', async () => {
    answer(200, {
      ...completedAnalysis(),
      status: 'failed',
      result: undefined,
      error: 'The file could not be decoded: invalid data found when processing input',
    });
    render(<AnalysisView analysisId="x" />);
    expect((await screen.findByTestId('failure-reason')).textContent).toBe(
      'The file could not be decoded: invalid data found when processing input',
    );
    expect(screen.queryByRole('tab')).toBeNull();
  });

  it('treats an analysis of another team as not found', async () => {
    answer(404, { statusCode: 404, error: 'Not Found', message: 'Not found' });
    render(<AnalysisView analysisId="x" />);
    expect(await screen.findByRole('heading', { name: 'Analysis not found' })).toBeTruthy();
  });

  it('opens the tab named in the address', async () => {
    window.history.replaceState(null, '', '/analyses/x?tab=reference');
    answer(200, completedAnalysis());
    render(<AnalysisView analysisId="x" />);
    const tab = await screen.findByRole('tab', { name: 'Reference Comparison' });
    expect(tab.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByText(/No reference track was uploaded/)).toBeTruthy();
  });

  it('puts the player above the tabs, with the comments of the analysis beside it', async () => {
    answer(200, completedAnalysis(), [
      {
        id: 'c1',
        analysisId: 'x',
        author: { id: 'u2', name: 'Sam' },
        body: 'The vocal drops out here',
        atSec: 4.2,
        endSec: null,
        parentId: null,
        resolved: false,
        createdAt: '2025-03-01T12:05:00.000Z',
      },
    ]);
    render(<AnalysisView analysisId="x" />);
    expect(await screen.findByText('The vocal drops out here')).toBeTruthy();
    expect(screen.getByTestId('studio-player')).toBeTruthy();
    expect(screen.getAllByTestId('comment-marker')).toHaveLength(1);
    expect(screen.getByTestId('ab-status').textContent).toBe('Mix 0.0 dB');
    // Outside a signed-in session nobody writes.
    expect(screen.queryByRole('textbox')).toBeNull();
  });
});
