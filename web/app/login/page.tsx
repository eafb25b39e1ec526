import type { Metadata } from 'next';
import { AuthForm } from '../../src/session/auth-form.tsx';

export const metadata: Metadata = { title: 'Log in · MixScope' };

export default function LoginPage() {
  return <AuthForm mode="login" />;
}
