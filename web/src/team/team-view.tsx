'use client';

import { roleAllows } from '@mixscope/contracts';
import { useSession } from '../session/session-context.tsx';
import { InvitesPanel } from './invites-panel.tsx';
import { MembersTable } from './members-table.tsx';

/** The current team: its members and roles, and for owners and admins its invitations. */
export function TeamView() {
  const { team, me } = useSession();
  const manages = roleAllows(team.role, 'manageMembers');
  return (
    <div>
      <header className="page-head">
        <div>
          <h1>{team.name}</h1>
          <p className="muted">
            Your role: {team.role} · {me.teams.length} team{me.teams.length === 1 ? '' : 's'} in all
          </p>
        </div>
      </header>
      <MembersTable />
      {manages ? (
        <InvitesPanel />
      ) : (
        <p className="muted small">Only owners and admins invite people and change roles.</p>
      )}
    </div>
  );
}
