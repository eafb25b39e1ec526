// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TeamRole } from '@mixscope/contracts';
import type { Me, TargetProfile } from '../api/api-types.ts';
import { TARGET_PROFILE as PROFILE } from '../test-support/fixtures.ts';
import { SessionProvider } from '../session/session-context.tsx';
import { ProfilesPanel } from './profiles-panel.tsx';

vi.mock('next/navigation', () => ({
  useRouter: () => ({ push: vi.fn(), replace: vi.fn() }),
  usePathname: () => '/projects/p1',
}));

const TEAM = 'tttttttt-0000-4000-8000-000000000001';
const json = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

function stubGateway(role: TeamRole, onCreate: () => Response = () => json(201, PROFILE)) {
  const me: Me = {
    user: { id: 'u-me', email: 'me@studio.test', name: 'Me', createdAt: '2026-01-01T00:00:00Z' },
    teams: [{ id: TEAM, name: 'Night Owl', role }],
  };
  let listed: TargetProfile[] = [PROFILE];
  const calls: { method: string; url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      calls.push({ method, url, body: init.body ? JSON.parse(String(init.body)) : undefined });
      if (url === '/api/me') return json(200, me);
      if (url === `/api/teams/${TEAM}/profiles` && method === 'GET') return json(200, listed);
      if (url === `/api/teams/${TEAM}/profiles` && method === 'POST') return onCreate();
      if (url === '/api/profiles/prof-1' && method === 'DELETE') {
        listed = [];
        return json(204, undefined);
      }
      return json(404, { statusCode: 404, message: 'Not found' });
    }),
  );
  return calls;
}

const CANDIDATES = [
  { id: 'a1', name: '#1 Song one' },
  { id: 'a2', name: '#2 Song two' },
  { id: 'a3', name: '#3 Song three' },
];
const renderPanel = () =>
  render(
    <SessionProvider>
      <ProfilesPanel teamId={TEAM} candidates={CANDIDATES} />
    </SessionProvider>,
  );

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('ProfilesPanel', () => {
  it('lists the profiles with their basis, and lets a member build and delete one', async () => {
    const calls = stubGateway('member');
    renderPanel();
    const item = (await screen.findByText('Club refs')).closest('li')!;
    expect(item.textContent).toContain('from 2 references (a.wav, b.wav)');
    expect(item.textContent).toContain('-9.0 ± 1.4 LUFS (mean ± sd)');

    const create = await screen.findByRole('button', { name: /Create profile from 0 analyses/ });
    expect((create as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('#1 Song one'));
    fireEvent.change(screen.getByLabelText('Profile name'), { target: { value: ' Club refs ' } });
    // One reference is not enough for a spread.
    expect((create as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('#3 Song three'));
    expect((create as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(create);
    await waitFor(() =>
      expect(calls).toContainEqual({
        method: 'POST',
        url: `/api/teams/${TEAM}/profiles`,
        body: { name: 'Club refs', analysisIds: ['a1', 'a3'] },
      }),
    );

    // Until the create has settled, the panel is busy and its buttons are disabled.
    const remove = within(item).getByRole('button', { name: 'Delete Club refs' });
    await waitFor(() => expect((remove as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(remove);
    expect(await screen.findByText('No target profiles yet.')).toBeTruthy();
    expect(calls.map((c) => `${c.method} ${c.url}`)).toContain('DELETE /api/profiles/prof-1');
  });

  it('shows a viewer the profiles and nothing to change', async () => {
    stubGateway('viewer');
    renderPanel();
    await screen.findByText('Club refs');
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(screen.queryByLabelText('Profile name')).toBeNull();
  });

  it('says why the gateway refused a profile', async () => {
    stubGateway('owner', () =>
      json(409, { statusCode: 409, message: 'The team already has a profile named "Club refs"' }),
    );
    renderPanel();
    fireEvent.click(await screen.findByLabelText('#1 Song one'));
    fireEvent.click(screen.getByLabelText('#2 Song two'));
    fireEvent.change(screen.getByLabelText('Profile name'), { target: { value: 'Club refs' } });
    fireEvent.click(screen.getByRole('button', { name: /Create profile from 2 analyses/ }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The team already has a profile named "Club refs"',
    );
  });
});
