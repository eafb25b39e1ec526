// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TeamRole } from '@mixscope/contracts';
import { SessionProvider } from './session-context.tsx';
import { useCan, useCanDeleteAnalysis } from './use-can.ts';

vi.mock('next/navigation', () => ({
  useRouter: () => ({ push: vi.fn(), replace: vi.fn() }),
  usePathname: () => '/projects',
}));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function Controls({ createdById }: { createdById: string }) {
  const upload = useCan('analyse');
  const remove = useCanDeleteAnalysis({ createdById });
  return <p>{`upload:${upload} delete:${remove}`}</p>;
}

/** What a user of `role` may do with an analysis `createdById` made. */
async function controlsOf(role: TeamRole, createdById: string): Promise<string> {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () =>
        new Response(
          JSON.stringify({
            user: { id: 'me', email: 'me@studio.test', name: 'Me', createdAt: '2026-01-01' },
            teams: [{ id: 't1', name: 'T', role }],
          }),
          { status: 200, headers: { 'content-type': 'application/json' } },
        ),
    ),
  );
  render(
    <SessionProvider>
      <Controls createdById={createdById} />
    </SessionProvider>,
  );
  const text = (await screen.findByText(/^upload:/)).textContent ?? '';
  cleanup();
  return text;
}

describe('useCan and useCanDeleteAnalysis', () => {
  it.each([
    ['owner', 'someone', 'upload:true delete:true'],
    ['admin', 'someone', 'upload:true delete:true'],
    ['member', 'someone', 'upload:true delete:false'],
    ['member', 'me', 'upload:true delete:true'],
    ['viewer', 'me', 'upload:false delete:false'],
  ] as const)('a %s, on an analysis by %s: %s', async (role, creator, expected) => {
    expect(await controlsOf(role, creator)).toBe(expected);
  });

  it('allows nothing outside a session', () => {
    render(<Controls createdById="me" />);
    expect(screen.getByText(/^upload:/).textContent).toBe('upload:false delete:false');
  });
});
