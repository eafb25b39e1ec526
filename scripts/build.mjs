// Builds the runnable JavaScript the `mixscope` command and the services start from.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));

/** What every output shares: ESM bundles for Node 20 that load their npm packages at run time. */
const nodeBundleOptions = {
  absWorkingDir: root,
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};

async function buildCli() {
  await build({
    entryPoints: {
      'cli/main': 'libs/cli/src/main.ts',
      'cli/decoder-warm-up': 'libs/cli/src/decoder-warm-up.ts',
      'cli/measure.worker': 'libs/measure/src/measure.worker.ts',
    },
    // Shared chunks: code loaded on demand (the LLM client for --feedback) stays out of start-up.
    splitting: true,
    chunkNames: 'cli/chunk-[hash]',
    ...nodeBundleOptions,
  });
}

/**
 * Regenerates the Prisma client when the schema is newer than it. Prisma's CLI insists on a schema
 * engine binary even for `generate`, which needs none; offline it cannot download one, so any
 * existing file stands in.
 */
function generatePrismaClient() {
  const schema = join(root, 'prisma/schema.prisma');
  const client = join(root, 'prisma/generated/client.ts');
  if (existsSync(client) && statSync(client).mtimeMs >= statSync(schema).mtimeMs) return;
  execFileSync(process.execPath, [join(root, 'node_modules/prisma/build/index.js'), 'generate'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
      CHECKPOINT_DISABLE: '1',
    },
  });
}

/**
 * esbuild cannot emit decorator metadata, which NestJS's dependency injection reads; SWC can. It
 * compiles the services and the library of providers they share.
 */
function decoratorMetadataPlugin(transform) {
  return {
    name: 'decorator-metadata',
    setup(pluginBuild) {
      pluginBuild.onLoad(
        { filter: /[\\/](services|libs[\\/]service-kit)[\\/].*\.ts$/ },
        async ({ path }) => {
          const { readFile } = await import('node:fs/promises');
          const source = await readFile(path, 'utf8');
          const output = await transform(source, {
            filename: path,
            sourceMaps: 'inline',
            jsc: {
              parser: { syntax: 'typescript', decorators: true },
              transform: {
                legacyDecorator: true,
                decoratorMetadata: true,
                useDefineForClassFields: false,
              },
              target: 'es2022',
              keepClassNames: true,
            },
            module: { type: 'es6' },
          });
          return { contents: output.code, loader: 'js' };
        },
      );
    },
  };
}

async function buildServices() {
  generatePrismaClient();
  const { transform } = await import('@swc/core');
  await build({
    entryPoints: {
      'services/gateway/main': 'services/gateway/src/main.ts',
      'services/analyzer/main': 'services/analyzer/src/main.ts',
      'services/analyzer/measure.worker': 'libs/measure/src/measure.worker.ts',
      'services/llm-worker/main': 'services/llm-worker/src/main.ts',
      'prisma/migrate': 'prisma/migrate/main.ts',
      'prisma/seed': 'prisma/seed.ts',
      'infra/local-stack': 'infra/local/local-stack.ts',
    },
    ...nodeBundleOptions,
    // Nest names loggers and providers after their classes.
    keepNames: true,
    plugins: [decoratorMetadataPlugin(transform)],
  });
}

await buildCli();
await buildServices();
