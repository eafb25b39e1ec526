import type { NextConfig } from 'next';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

const config: NextConfig = {
  // The shared result types and contracts live outside web/, in the workspace's libs.
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
