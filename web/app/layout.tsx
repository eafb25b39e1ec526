import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'MixScope',
  description:
    'Mix analysis for studio teams: loudness, dynamics, spectrum, stereo image and actionable feedback.',
};

export const viewport: Viewport = { themeColor: '#0e1116', colorScheme: 'dark' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
