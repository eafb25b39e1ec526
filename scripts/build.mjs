// Builds the runnable JavaScript the `mixscope` command and the services start from.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

async function buildCli() {
  await build({
    absWorkingDir: root,
    entryPoints: {
      'cli/main': 'libs/cli/src/main.ts',
      'cli/measure.worker': 'libs/audio-analysis/src/measure.worker.ts',
    },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

await buildCli();
