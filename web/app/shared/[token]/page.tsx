import type { Metadata } from 'next';
import { SharedView } from '../../../src/shared/shared-view.tsx';

export const metadata: Metadata = {
  title: 'Shared analysis · MixScope',
  // A client link is private to whoever holds it.
  robots: { index: false, follow: false },
};

/** A client link: no account, no app shell, so nothing here asks for a login. */
export default async function SharedPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <>
      <header className="topbar">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true">
            ▮▮▯
          </span>
          MixScope
        </span>
      </header>
      <main className="page">
        <SharedView token={token} />
      </main>
    </>
  );
}
