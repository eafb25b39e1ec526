'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/api-error.ts';
import { api } from '../api/endpoints.ts';
import { describeError } from '../lib/error-text.ts';

/** Accepts an invitation for the signed-in user; without a session, asks them to log in first. */
export function AcceptInvite({ token }: { token: string }) {
  const router = useRouter();
  const [state, setState] = useState<'working' | 'needs-login' | 'failed'>('working');
  const [message, setMessage] = useState('');

  useEffect(() => {
    api
      .acceptInvite(token)
      .then((response) => {
        window.localStorage.setItem('mixscope.teamId', response.team.id);
        router.replace('/projects');
      })
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) setState('needs-login');
        else {
          setState('failed');
          // The gateway says which: unknown, revoked, used, expired or sent to another address.
          setMessage(
            error instanceof ApiError && [403, 404, 410].includes(error.status)
              ? error.message
              : describeError(error),
          );
        }
      });
  }, [token, router]);

  const next = encodeURIComponent(`/invites/${token}`);
  return (
    <div className="auth-page">
      <div className="panel auth-card">
        <h1>Team invitation</h1>
        {state === 'working' ? <p className="muted">Joining the team…</p> : null}
        {state === 'needs-login' ? (
          <>
            <p>Log in or create an account to join the team.</p>
            <div className="actions-row">
              <Link className="button primary" href={`/login?next=${next}`}>
                Log in
              </Link>
              <Link
                className="button"
                href={`/signup?next=${next}&invite=${encodeURIComponent(token)}`}
              >
                Sign up
              </Link>
            </div>
          </>
        ) : null}
        {state === 'failed' ? (
          <p className="form-error" role="alert">
            {message}
          </p>
        ) : null}
      </div>
    </div>
  );
}
