// Bundles projects' runnable JavaScript into dist/: `node scripts/build.mjs <project>…`.
// Nx runs it as each project's `build` target (see its project.json), with the target's inputs
// and outputs declared there; what is stale is Nx's hashed cache's call, not this script's.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

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

/**
 * esbuild cannot emit decorator metadata, which NestJS's dependency injection reads; SWC can. It
 * compiles the services and the library of providers they share.
 */
async function decoratorMetadataPlugin() {
  const { transform } = await import('@swc/core');
  return {
    name: 'decorator-metadata',
    setup(pluginBuild) {
      pluginBuild.onLoad(
        { filter: /[\\/](services|libs[\\/]service-kit)[\\/].*\.ts$/ },
        async ({ path }) => {
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

/**
 * The modules of the measuring libraries only define things: importing one for a single export
 * must not run, and load, the rest of its library's index (the zod schemas of contracts, say, into
 * a measure worker that needs one table). Marking them free of side effects lets esbuild leave
 * unused ones out. (Not the NestJS libraries, whose decorators register providers as they load.)
 */
const librariesWithoutSideEffects = {
  name: 'libraries-without-side-effects',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^(@mixscope\/|\.)/ }, async (args) => {
      if (args.pluginData?.resolving) return undefined;
      const resolved = await pluginBuild.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { resolving: true },
      });
      if (
        resolved.errors.length > 0 ||
        !/[\\/]libs[\\/](contracts|dsp|measure)[\\/]/.test(resolved.path)
      )
        return resolved;
      return { ...resolved, sideEffects: false };
    });
  },
};

/** A NestJS service: its entry point, plus the measure worker for the one that measures. */
async function serviceBundle(entryPoints, plugins = []) {
  return {
    entryPoints,
    ...nodeBundleOptions,
    // Nest names loggers and providers after their classes.
    keepNames: true,
    plugins: [await decoratorMetadataPlugin(), ...plugins],
  };
}

/** The esbuild options of each project that has a `build` target, by project name. */
const bundles = {
  cli: async () => ({
    entryPoints: {
      'cli/main': 'libs/cli/src/main.ts',
      // The pool finds its worker next to its own module, so the worker sits beside the chunks.
      'cli/measure.worker': 'libs/measure/src/measure.worker.ts',
    },
    // Shared chunks: code loaded on demand (the LLM client for --feedback) stays out of start-up.
    splitting: true,
    chunkNames: 'cli/chunk-[hash]',
    ...nodeBundleOptions,
    plugins: [librariesWithoutSideEffects],
  }),
  gateway: () => serviceBundle({ 'services/gateway/main': 'services/gateway/src/main.ts' }),
  analyzer: () =>
    serviceBundle(
      {
        'services/analyzer/main': 'services/analyzer/src/main.ts',
        'services/analyzer/measure.worker': 'libs/measure/src/measure.worker.ts',
      },
      [librariesWithoutSideEffects],
    ),
  'llm-worker': () =>
    serviceBundle({ 'services/llm-worker/main': 'services/llm-worker/src/main.ts' }),
  db: async () => ({
    entryPoints: { 'prisma/migrate': 'prisma/migrate/main.ts', 'prisma/seed': 'prisma/seed.ts' },
    ...nodeBundleOptions,
  }),
  'local-stack': async () => ({
    entryPoints: { 'infra/local-stack': 'infra/local/local-stack.ts' },
    ...nodeBundleOptions,
  }),
};

const projects = process.argv.slice(2);
const unknown = projects.filter((name) => !Object.hasOwn(bundles, name));
if (projects.length === 0 || unknown.length > 0) {
  console.error(
    `usage: node scripts/build.mjs <project>…, each one of: ${Object.keys(bundles).join(', ')}` +
      ' (npm run build runs it through Nx, which skips what is up to date)',
  );
  process.exit(2);
}
for (const name of projects) await build(await bundles[name]());
