// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TeamRole } from '@mixscope/contracts';
import type { Me, Member, PendingInvite } from '../api/api-types.ts';
import { SessionProvider } from '../session/session-context.tsx';
import { TeamView } from './team-view.tsx';

vi.mock('next/navigation', () => ({
  useRouter: () => ({ push: vi.fn(), replace: vi.fn() }),
  usePathname: () => '/team',
}));

const TEAM = 'tttttttt-0000-4000-8000-000000000001';
const json = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

const member = (userId: string, name: string, role: TeamRole): Member => ({
  userId,
  name,
  email: `${name.toLowerCase()}@studio.test`,
  role,
  joinedAt: '2026-01-02T10:00:00.000Z',
});
const MEMBERS = [
  member('u-owner', 'Olga', 'owner'),
  member('u-admin', 'Adam', 'admin'),
  member('u-member', 'Mia', 'member'),
  member('u-viewer', 'Vic', 'viewer'),
];
const invite = (id: string, email: string, role: TeamRole): PendingInvite => ({
  id,
  email,
  role,
  invitedBy: { id: 'u-owner', name: 'Olga' },
  createdAt: '2026-01-03T10:00:00.000Z',
  expiresAt: '2026-01-06T10:00:00.000Z',
});

/** A gateway for a user who is `role` in the team; returns every call made. */
function stubGateway(userId: string, role: TeamRole, emailed = true) {
  const me: Me = {
    user: { id: userId, email: 'me@studio.test', name: 'Me', createdAt: '2026-01-01T00:00:00Z' },
    teams: [{ id: TEAM, name: 'Night Owl', role }],
  };
  const calls: { method: string; url: string; body: unknown }[] = [];
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    calls.push({ method, url, body: init.body ? JSON.parse(String(init.body)) : undefined });
    if (url === '/api/me') return json(200, me);
    if (url === `/api/teams/${TEAM}/members` && method === 'GET') return json(200, MEMBERS);
    if (url === `/api/teams/${TEAM}/invites` && method === 'GET')
      return json(200, [
        invite('i-member', 'sam@studio.test', 'member'),
        invite('i-owner', 'co@studio.test', 'owner'),
      ]);
    if (url === `/api/teams/${TEAM}/invites` && method === 'POST')
      return json(201, { invite: {}, token: 'msi_secret token', emailed });
    if (method === 'PATCH') return json(200, MEMBERS[2]);
    if (method === 'DELETE') return json(204, undefined);
    return json(404, { statusCode: 404, message: 'Not found' });
  });
  vi.stubGlobal('fetch', fetch);
  return calls;
}

const renderTeam = () =>
  render(
    <SessionProvider>
      <TeamView />
    </SessionProvider>,
  );

const row = async (name: string) => {
  const cell = await screen.findByText(name);
  return within(cell.closest('tr')!);
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('TeamView', () => {
  it('lets an admin change and remove everyone below owner, and hand out roles below owner', async () => {
    const calls = stubGateway('u-admin', 'admin');
    renderTeam();
    const mia = await row('Mia');
    const select = mia.getByLabelText('Role of Mia') as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['admin', 'member', 'viewer']);
    expect(mia.getByRole('button', { name: 'Remove' })).toBeTruthy();
    // The owner is out of an admin's reach, and nobody removes themself here.
    const olga = await row('Olga');
    expect(olga.queryByRole('combobox')).toBeNull();
    expect(olga.queryByRole('button', { name: 'Remove' })).toBeNull();
    expect((await row('Adam')).queryByRole('button', { name: 'Remove' })).toBeNull();

    const roles = screen.getByRole('combobox', { name: 'Invite as' }) as HTMLSelectElement;
    expect([...roles.options].map((o) => o.value)).toEqual(['admin', 'member', 'viewer']);
    const pending = await screen.findByRole('list', { name: 'Pending invitations' });
    const items = within(pending).getAllByRole('listitem');
    expect(
      items.map((li) => within(li).queryByRole('button', { name: 'Revoke' }) !== null),
    ).toEqual([true, false]);

    fireEvent.change(select, { target: { value: 'viewer' } });
    await waitFor(() =>
      expect(calls).toContainEqual({
        method: 'PATCH',
        url: `/api/teams/${TEAM}/members/u-member`,
        body: { role: 'viewer' },
      }),
    );
    fireEvent.click(within(items[0]).getByRole('button', { name: 'Revoke' }));
    await waitFor(() =>
      expect(calls.map((c) => `${c.method} ${c.url}`)).toContain(
        `DELETE /api/teams/${TEAM}/invites/i-member`,
      ),
    );
  });

  it('shows a viewer the members and nothing to change', async () => {
    const calls = stubGateway('u-viewer', 'viewer');
    renderTeam();
    await row('Olga');
    expect(screen.queryAllByRole('combobox')).toEqual([]);
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(screen.getByText('Only owners and admins invite people and change roles.')).toBeTruthy();
    expect(calls.some((c) => c.url.endsWith('/invites'))).toBe(false);
  });

  it('gives the link to pass on by hand when the mail could not be sent', async () => {
    stubGateway('u-owner', 'owner', false);
    renderTeam();
    fireEvent.change(await screen.findByLabelText('Invite by email'), {
      target: { value: 'new@studio.test' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send invitation' }));
    const alert = await screen.findByText(/could not be sent/);
    expect(alert.textContent).toContain(`${window.location.origin}/invites/msi_secret%20token`);
  });
});
