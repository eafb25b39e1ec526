'use client';

import { assignableRoles, roleAllows, type TeamRole } from '@mixscope/contracts';
import { formatDate } from '@mixscope/present';
import { useCallback, useEffect, useState } from 'react';
import type { Member } from '../api/api-types.ts';
import { api } from '../api/endpoints.ts';
import { describeError } from '../lib/error-text.ts';
import { useSession } from '../session/session-context.tsx';

/** Who is in the team; owners and admins change roles and remove people (an admin no owner). */
export function MembersTable() {
  const { team, me, refresh } = useSession();
  const [members, setMembers] = useState<Member[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const grantable = roleAllows(team.role, 'manageMembers') ? assignableRoles(team.role) : [];
  const mayTouch = (role: TeamRole) => grantable.includes(role);

  const load = useCallback(async () => {
    try {
      setMembers(await api.listMembers(team.id));
    } catch (caught) {
      setError(describeError(caught));
    }
  }, [team.id]);

  useEffect(() => {
    void load();
  }, [load]);

  const act = async (change: () => Promise<unknown>, self: boolean) => {
    setError(null);
    try {
      await change();
      // A change to one's own role changes which controls the whole app shows.
      if (self) await refresh();
    } catch (caught) {
      setError(describeError(caught));
    }
    await load();
  };

  const remove = (member: Member) => {
    if (!window.confirm(`Remove ${member.name} from ${team.name}?`)) return;
    void act(() => api.removeMember(team.id, member.userId), false);
  };

  return (
    <section className="panel">
      <h2>Members</h2>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {members === null ? (
        <p className="muted">Loading members…</p>
      ) : (
        <table className="data-table member-table">
          <thead>
            <tr>
              <th>Member</th>
              <th>Role</th>
              <th>Joined</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => {
              const self = member.userId === me.user.id;
              return (
                <tr key={member.userId}>
                  <td>
                    <b className="wrap-anywhere">{member.name}</b>
                    {self ? <span className="muted"> (you)</span> : null}
                    <div className="muted small wrap-anywhere">{member.email}</div>
                  </td>
                  <td>
                    {mayTouch(member.role) ? (
                      <select
                        aria-label={`Role of ${member.name}`}
                        value={member.role}
                        onChange={(event) =>
                          void act(
                            () =>
                              api.changeRole(
                                team.id,
                                member.userId,
                                event.target.value as TeamRole,
                              ),
                            self,
                          )
                        }
                      >
                        {grantable.map((role) => (
                          <option key={role} value={role}>
                            {role}
                          </option>
                        ))}
                      </select>
                    ) : (
                      member.role
                    )}
                  </td>
                  <td className="muted small">{formatDate(member.joinedAt)}</td>
                  <td>
                    {mayTouch(member.role) && !self ? (
                      <button
                        className="button ghost danger small"
                        type="button"
                        onClick={() => remove(member)}
                      >
                        Remove
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
