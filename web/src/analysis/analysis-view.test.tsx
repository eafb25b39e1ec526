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

function answer(status: number, body: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () =>
        new Response(JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json' },
        }),
    ),
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
});
