/**
 * The layer rule bites: a scratch file with a forbidden import, linted through ESLint's API with
 * the workspace's own config, gets the error `npm run lint` would print.
 */
import { ESLint, type Linter } from 'eslint';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '@mixscope/test-support';

const eslint = new ESLint({ cwd: root });

/** Lints `source` as a file at `path` (from the repository root), then deletes the file. */
async function lintScratch(path: string, source: string): Promise<Linter.LintMessage[]> {
  const file = join(root, path.replace('SCRATCH', `__lint-scratch-${process.pid}__`));
  writeFileSync(file, source);
  try {
    const [result] = await eslint.lintFiles([file]);
    return result.messages;
  } finally {
    rmSync(file, { force: true });
  }
}

const boundaryErrors = (messages: Linter.LintMessage[]) =>
  messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);

describe('@nx/enforce-module-boundaries', () => {
  it('refuses an import that climbs a layer', async () => {
    const messages = await lintScratch(
      'libs/dsp/src/SCRATCH.ts',
      "export { createLogger } from '@mixscope/observability';\n",
    );
    expect(boundaryErrors(messages)).toEqual([
      expect.stringContaining(
        'A project tagged with "layer:dsp" can only depend on libs tagged with "layer:contracts"',
      ),
    ]);
  });

  it('refuses an import of a project that stands on this one', async () => {
    // measure imports dsp, so the climb closes a cycle, which the rule reports first.
    const messages = await lintScratch(
      'libs/dsp/src/SCRATCH.ts',
      "export { analyzeFile } from '@mixscope/measure';\n",
    );
    expect(boundaryErrors(messages)).toEqual([
      expect.stringContaining('Circular dependency between "dsp" and "measure" detected'),
    ]);
  });

  it("refuses a relative import into another project's src/", async () => {
    const messages = await lintScratch(
      'libs/feedback/src/SCRATCH.ts',
      "export * from '../../dsp/src/index.ts';\n",
    );
    expect(boundaryErrors(messages)).toEqual([
      expect.stringContaining('Projects cannot be imported by a relative or absolute path'),
    ]);
  });

  it('refuses an import of one app by another (apps have no package face, so only a path reaches them)', async () => {
    const messages = await lintScratch(
      'services/gateway/src/SCRATCH.ts',
      "export { AnalyzerModule } from '../../analyzer/src/analyzer.module.ts';\n",
    );
    expect(boundaryErrors(messages)).toEqual([
      expect.stringContaining('Projects cannot be imported by a relative or absolute path'),
    ]);
  });

  it('keeps the web app to browser-safe projects', async () => {
    const messages = await lintScratch(
      'web/src/SCRATCH.ts',
      "export { analyzeFile } from '@mixscope/measure';\n",
    );
    expect(boundaryErrors(messages)).toContainEqual(
      expect.stringContaining('A project tagged with "runtime:browser" can only depend on libs'),
    );
  });

  it('lets test-only helpers into tests, not into library code', async () => {
    const source = "export { describeWith } from '@mixscope/test-requirements';\n";
    expect(boundaryErrors(await lintScratch('libs/dsp/src/SCRATCH.fixture.ts', source))).toEqual(
      [],
    );
    expect(boundaryErrors(await lintScratch('libs/dsp/src/SCRATCH.ts', source))).toHaveLength(1);
  });

  it('accepts an import of a lower floor through its face', async () => {
    const messages = await lintScratch(
      'libs/service-kit/src/SCRATCH.ts',
      "export { createLogger } from '@mixscope/observability';\n",
    );
    expect(boundaryErrors(messages)).toEqual([]);
  });
});

describe('browser-safe libraries', () => {
  it("refuse Node's modules and process", async () => {
    const messages = await lintScratch(
      'libs/present/src/SCRATCH.ts',
      "import { readFileSync } from 'node:fs';\nimport { join } from 'path';\n" +
        'export const read = () => readFileSync(join(process.cwd(), "x"));\n',
    );
    expect(messages.map((m) => m.ruleId).sort()).toEqual([
      'no-restricted-globals',
      'no-restricted-imports',
      'no-restricted-imports',
    ]);
  });
});
