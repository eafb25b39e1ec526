import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import { workspaceAliases } from '../vitest.aliases.ts';

// End-to-end run of the web app in Chromium against `npm start`:
// `npx vitest run --config web/vitest.e2e.config.ts`.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: {
    alias: workspaceAliases(),
  },
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
