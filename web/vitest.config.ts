import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import { workspaceAliases } from '../vitest.aliases.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Component tests of the web app: React in happy-dom. Run with
// `npx vitest run --config web/vitest.config.ts`.
export default defineConfig({
  root: here('.'),
  esbuild: { jsx: 'automatic' },
  resolve: {
    alias: workspaceAliases(),
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'happy-dom',
    testTimeout: 20_000,
  },
});
