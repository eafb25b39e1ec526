import type { Metadata } from 'next';
import { VerifySignup } from '../../../../src/session/verify-signup.tsx';

export const metadata: Metadata = { title: 'Confirm your account · MixScope' };

export default async function VerifySignupPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <VerifySignup token={token} />;
}
