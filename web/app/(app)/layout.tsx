import type { ReactNode } from 'react';
import { AppShell } from '../../src/shell/app-shell.tsx';

export default function SignedInLayout({ children }: { children: ReactNode }) {
  return <AppShell>{children}</AppShell>;
}
