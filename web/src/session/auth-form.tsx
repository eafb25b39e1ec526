'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@mixscope/contracts';
import { api } from '../api/endpoints.ts';
import { describeError } from '../lib/error-text.ts';
import { TEAM_KEY } from './session-context.tsx';
import { ApiError } from '../api/api-error.ts';
import { safeNextPath } from './safe-next-path.ts';

/** The invitation a signup comes from (/signup?invite=…): the account joins that team instead of founding one. */
function inviteTokenOf(search: string): string | null {
  return new URLSearchParams(search).get('invite') || null;
}

function nextPath(): string {
  const next = new URLSearchParams(window.location.search).get('next');
  return safeNextPath(next, window.location.origin);
}

export function AuthForm({ mode }: { mode: 'login' | 'signup' }) {
  const router = useRouter();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [teamName, setTeamName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [search, setSearch] = useState('');
  /** Set once a sign-up was sent: the account opens from the link mailed there. */
  const [mailedTo, setMailedTo] = useState<string | null>(null);

  useEffect(() => setSearch(window.location.search), []);
  const inviteToken = mode === 'signup' ? inviteTokenOf(search) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (mode === 'signup' && inviteToken) {
        const joined = await api.signupFromInvite({
          email: email.trim(),
          password,
          name: name.trim(),
          inviteToken,
        });
        window.localStorage.setItem(TEAM_KEY, joined.team.id);
        router.replace('/projects');
        return;
      }
      if (mode === 'signup') {
        const pending = await api.signup({
          email: email.trim(),
          password,
          name: name.trim(),
          teamName: teamName.trim(),
        });
        setMailedTo(pending.email);
        setBusy(false);
        return;
      }
      await api.login({ email: email.trim(), password });
      router.replace(nextPath());
    } catch (caught) {
      if (mode === 'login' && caught instanceof ApiError && caught.status === 401)
        setError('Wrong email or password.');
      else if (mode === 'signup' && caught instanceof ApiError && caught.status === 409)
        setError('This address already has an account. Log in to accept the invitation.');
      else setError(describeError(caught));
      setBusy(false);
    }
  };

  if (mailedTo)
    return (
      <div className="auth-page">
        <div className="panel auth-card" role="status" data-testid="signup-mailed">
          <h1>Check your email</h1>
          <p>
            We sent a link to <strong>{mailedTo}</strong>. Follow it to open your account; it works
            once, for 24 hours.
          </p>
          <p className="muted">
            Already have an account? <Link href="/login">Log in</Link>
          </p>
        </div>
      </div>
    );

  return (
    <div className="auth-page">
      <form className="panel auth-card" onSubmit={submit}>
        <div className="brand big">
          <span className="brand-mark" aria-hidden="true">
            ▮▮▯
          </span>
          MixScope
        </div>
        <h1>
          {mode === 'login'
            ? 'Log in'
            : inviteToken
              ? 'Create your account to join the team'
              : 'Create your studio account'}
        </h1>
        {inviteToken ? (
          <p className="muted small">Use the email address the invitation was sent to.</p>
        ) : null}
        {mode === 'signup' ? (
          <>
            <label className="field">
              <span>Your name</span>
              <input
                name="name"
                required
                autoComplete="name"
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
            </label>
            {inviteToken ? null : (
              <label className="field">
                <span>Team or studio name</span>
                <input
                  name="teamName"
                  required
                  value={teamName}
                  onChange={(e) => setTeamName(e.target.value)}
                />
              </label>
            )}
          </>
        ) : null}
        <label className="field">
          <span>Email</span>
          <input
            name="email"
            type="email"
            required
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            name="password"
            type="password"
            required
            minLength={mode === 'signup' ? PASSWORD_MIN_LENGTH : undefined}
            maxLength={mode === 'signup' ? PASSWORD_MAX_LENGTH : undefined}
            autoComplete={mode === 'signup' ? 'new-password' : 'current-password'}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          {mode === 'signup' ? (
            <small className="muted">At least {PASSWORD_MIN_LENGTH} characters.</small>
          ) : null}
        </label>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button className="button primary wide" type="submit" disabled={busy}>
          {busy ? 'Please wait…' : mode === 'signup' ? 'Sign up' : 'Log in'}
        </button>
        <p className="muted small center">
          {mode === 'signup' ? (
            <>
              Already have an account? <Link href={`/login${search}`}>Log in</Link>
            </>
          ) : (
            <>
              New to MixScope? <Link href={`/signup${search}`}>Create an account</Link>
            </>
          )}
        </p>
      </form>
    </div>
  );
}
