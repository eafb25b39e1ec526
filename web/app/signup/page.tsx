import type { Metadata } from 'next';
import { AuthForm } from '../../src/session/auth-form.tsx';

export const metadata: Metadata = { title: 'Sign up · MixScope' };

export default function SignupPage() {
  return <AuthForm mode="signup" />;
}
