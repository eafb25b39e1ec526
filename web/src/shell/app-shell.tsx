'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { SessionProvider, useSession } from '../session/session-context.tsx';

function TopBar() {
  const { me, team, selectTeam, logout } = useSession();
  const pathname = usePathname() ?? '';
  return (
    <header className="topbar no-print">
      <Link href="/projects" className="brand">
        <span className="brand-mark" aria-hidden="true">
          ▮▮▯
        </span>
        MixScope
      </Link>
      <nav>
        <Link href="/projects" className={pathname.startsWith('/projects') ? 'active' : ''}>
          Projects
        </Link>
        <Link href="/team" className={pathname.startsWith('/team') ? 'active' : ''}>
          Team
        </Link>
      </nav>
      <div className="topbar-right">
        <label className="team-switcher">
          <span className="muted small">Team</span>
          <select
            aria-label="Team"
            value={team.id}
            onChange={(event) => selectTeam(event.target.value)}
          >
            {me.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <span className="user-name" title={me.user.email}>
          {me.user.name}
        </span>
        <button className="button ghost small" onClick={() => void logout()}>
          Log out
        </button>
      </div>
    </header>
  );
}

export function AppShell({ children }: { children: ReactNode }) {
  return (
    <SessionProvider>
      <TopBar />
      <main className="page">{children}</main>
    </SessionProvider>
  );
}
