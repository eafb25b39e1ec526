'use client';

import { useState, type FormEvent } from 'react';
import { api } from '../api/endpoints.ts';
import { describeError } from '../lib/error-text.ts';
import { useSession } from '../session/session-context.tsx';

interface SentInvite {
  email: string;
  link: string;
}

/** The current team and its invitations: an owner invites by email and passes on the link. */
export function TeamView() {
  const { team, me } = useSession();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'member' | 'owner'>('member');
  const [sent, setSent] = useState<SentInvite[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const invite = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await api.invite(team.id, email.trim(), role);
      setSent((current) => [
        { email: email.trim(), link: `${window.location.origin}/invites/${response.token}` },
        ...current,
      ]);
      setEmail('');
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <header className="page-head">
        <div>
          <h1>{team.name}</h1>
          <p className="muted">
            You are {team.role === 'owner' ? 'an owner' : 'a member'} of this team ·{' '}
            {me.teams.length} team
            {me.teams.length === 1 ? '' : 's'} in all
          </p>
        </div>
      </header>
      <form className="panel inline-form" onSubmit={invite}>
        <label className="field grow">
          <span>Invite by email</span>
          <input
            type="email"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            placeholder="engineer@studio.com"
          />
        </label>
        <label className="field">
          <span>Role</span>
          <select
            value={role}
            onChange={(event) => setRole(event.target.value as 'member' | 'owner')}
          >
            <option value="member">Member</option>
            <option value="owner">Owner</option>
          </select>
        </label>
        <button className="button primary" type="submit" disabled={busy || team.role !== 'owner'}>
          Send invitation
        </button>
      </form>
      {team.role !== 'owner' ? (
        <p className="muted small">Only owners of the team can invite people.</p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {sent.length > 0 ? (
        <section className="panel">
          <h3>Invitations sent</h3>
          <p className="muted small">
            Send each person their link; it works once, after they sign in or sign up.
          </p>
          <ul className="invite-list">
            {sent.map((item) => (
              <li key={item.link}>
                <span>{item.email}</span>
                <code>{item.link}</code>
                <button
                  className="button ghost small"
                  type="button"
                  onClick={() => void navigator.clipboard?.writeText(item.link)}
                >
                  Copy link
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
