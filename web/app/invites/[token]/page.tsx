import type { Metadata } from 'next';
import { AcceptInvite } from '../../../src/team/accept-invite.tsx';

export const metadata: Metadata = { title: 'Invitation · MixScope' };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <AcceptInvite token={token} />;
}
