import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@mixscope/audio-analysis': here('./libs/audio-analysis/src/index.ts'),
      '@mixscope/contracts': here('./libs/contracts/src/index.ts'),
      '@mixscope/feedback': here('./libs/feedback/src/index.ts'),
      '@mixscope/observability': here('./libs/observability/src/index.ts'),
      '@mixscope/service-kit': here('./libs/service-kit/src/index.ts'),
    },
  },
  test: {
    include: ['libs/**/*.test.ts', 'services/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
