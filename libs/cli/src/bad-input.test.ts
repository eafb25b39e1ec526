import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAnalysisResult, type AnalysisResult } from '@mixscope/contracts';
import {
  BAD_INPUT_EXPECTATIONS,
  makeBadInputs,
  type BadInputCase,
} from '@mixscope/measure/testing';
import { buildCli, runCli } from './run-cli.test-support.ts';

let dir: string;
let inputs: Record<BadInputCase, string>;

beforeAll(async () => {
  await buildCli();
  dir = mkdtempSync(join(tmpdir(), 'mixscope-bad-input-'));
  inputs = await makeBadInputs(dir);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every case: a correct analysis, or exit 1 with one short line on stderr and no stack trace. */
describe.each(Object.entries(BAD_INPUT_EXPECTATIONS))(
  'mixscope analyze on %s',
  (name, expectation) => {
    it('analyses it correctly or says in one line what is wrong', async () => {
      const run = await runCli(['analyze', inputs[name as BadInputCase], '--json']);
      if ('error' in expectation) {
        expect(run.code).toBe(1);
        expect(run.stdout).toBe('');
        const lines = run.stderr.trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(/^mixscope: /);
        expect(lines[0].length).toBeLessThan(200);
        expect(run.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
        return;
      }
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const doc = JSON.parse(run.stdout) as AnalysisResult;
      expect(() => parseAnalysisResult(doc)).not.toThrow();
      expect(doc.file.sampleRate).toBe(expectation.decodes.sampleRate);
      expect(doc.file.channels).toBe(expectation.decodes.channels);
      const [minSec, maxSec] = expectation.decodes.durationSec;
      expect(doc.file.durationSec).toBeGreaterThanOrEqual(minSec - 0.01);
      expect(doc.file.durationSec).toBeLessThanOrEqual(maxSec + 0.01);
      if (expectation.decodes.invalidSampleCount > 0) {
        const invalid = doc.issues.find((i) => i.code === 'invalid-samples');
        expect(invalid?.count).toBe(expectation.decodes.invalidSampleCount);
      }
    });
  },
);
