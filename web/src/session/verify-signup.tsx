'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/endpoints.ts';
import { describeError } from '../lib/error-text.ts';
import { TEAM_KEY } from './session-context.tsx';

/** Follows the mailed sign-up link: the account and its team are made, then the projects open. */
export function VerifySignup({ token }: { token: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  // A link works once: React's development double effect must not spend it twice.
  const sent = useRef(false);

  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    api
      .verifySignup(decodeURIComponent(token))
      .then((opened) => {
        window.localStorage.setItem(TEAM_KEY, opened.team.id);
        router.replace('/projects');
      })
      .catch((caught) => setError(describeError(caught)));
  }, [token, router]);

  return (
    <div className="auth-page">
      <div className="panel auth-card" role="status">
        {error ? (
          <>
            <h1>This link does not work</h1>
            <p className="field-error">{error}</p>
            <p>
              <Link href="/signup">Sign up again</Link> or <Link href="/login">log in</Link>.
            </p>
          </>
        ) : (
          <p>Opening your account…</p>
        )}
      </div>
    </div>
  );
}
