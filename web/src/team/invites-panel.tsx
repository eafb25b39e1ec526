'use client';

import { assignableRoles, type TeamRole } from '@mixscope/contracts';
import { formatDate } from '@mixscope/present';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { PendingInvite } from '../api/api-types.ts';
import { api } from '../api/endpoints.ts';
import { describeError } from '../lib/error-text.ts';
import { useSession } from '../session/session-context.tsx';

/** A link the gateway could not mail: the inviter passes it on by hand. */
interface UnsentLink {
  email: string;
  link: string;
}

/** Invite by email with a role, and the pending invitations with their revoke buttons. */
export function InvitesPanel() {
  const { team } = useSession();
  const grantable = assignableRoles(team.role);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<TeamRole>('member');
  const [pending, setPending] = useState<PendingInvite[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [unsent, setUnsent] = useState<UnsentLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setPending(await api.listInvites(team.id));
    } catch (caught) {
      setError(describeError(caught));
    }
  }, [team.id]);

  useEffect(() => {
    void load();
  }, [load]);

  const invite = async (event: FormEvent) => {
    event.preventDefault();
    const to = email.trim();
    setBusy(true);
    setError(null);
    setNotice(null);
    setUnsent(null);
    try {
      const response = await api.invite(team.id, to, role);
      if (response.emailed) setNotice(`Invitation mailed to ${to}.`);
      else
        setUnsent({
          email: to,
          link: `${window.location.origin}/invites/${encodeURIComponent(response.token)}`,
        });
      setEmail('');
      await load();
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (item: PendingInvite) => {
    setError(null);
    try {
      await api.revokeInvite(team.id, item.id);
    } catch (caught) {
      setError(describeError(caught));
    }
    await load();
  };

  return (
    <section className="panel">
      <h2>Invitations</h2>
      <form className="team-form" onSubmit={invite}>
        <label className="field grow">
          <span>Invite by email</span>
          <input
            type="email"
            name="inviteEmail"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            placeholder="engineer@studio.com"
          />
        </label>
        <label className="field">
          <span>Invite as</span>
          <select
            name="inviteRole"
            value={role}
            onChange={(event) => setRole(event.target.value as TeamRole)}
          >
            {grantable.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </label>
        <button className="button primary" type="submit" disabled={busy}>
          Send invitation
        </button>
      </form>
      {notice ? (
        <p className="muted small" role="status">
          {notice}
        </p>
      ) : null}
      {unsent ? (
        <div className="form-error" role="alert">
          The mail to {unsent.email} could not be sent. Pass on this link yourself; it works once:
          <div className="invite-list">
            <code>{unsent.link}</code>
            <button
              className="button ghost small"
              type="button"
              onClick={() => void navigator.clipboard?.writeText(unsent.link)}
            >
              Copy link
            </button>
          </div>
        </div>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <h3>Pending</h3>
      {pending === null ? (
        <p className="muted">Loading invitations…</p>
      ) : pending.length === 0 ? (
        <p className="muted small">No pending invitations.</p>
      ) : (
        <ul className="invite-list" aria-label="Pending invitations">
          {pending.map((item) => (
            <li key={item.id}>
              <span className="grow wrap-anywhere">
                {item.email} · {item.role}
                <span className="muted small">
                  {' '}
                  · from {item.invitedBy.name} · expires {formatDate(item.expiresAt)}
                </span>
              </span>
              {grantable.includes(item.role) ? (
                <button
                  className="button ghost danger small"
                  type="button"
                  onClick={() => void revoke(item)}
                >
                  Revoke
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
