import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAnalysisResult, type AnalysisResult } from '@mixscope/contracts';
import { runFfmpeg } from '@mixscope/measure/testing';
import { buildCli, runCli } from './run-cli.test-support.ts';

let dir: string;
let mix: string;
let mono: string;
const refs: string[] = [];
const refJson: string[] = [];
const measured: AnalysisResult[] = [];

function synth(out: string, filter: string, seconds: number, channels = 2) {
  runFfmpeg(
    ['-f', 'lavfi', '-i', `${filter}:d=${seconds}`, '-ac', String(channels)].concat([
      '-ar',
      '44100',
      '-c:a',
      'pcm_s24le',
      out,
    ]),
  );
}

/** mean ± max(2·sd, floor, farthest reference), as docs/metrics.md states it. */
function expectedRange(values: number[], floor: number) {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
  const half = Math.max(2 * sd, floor, ...values.map((v) => Math.abs(v - mean)));
  return { min: mean - half, max: mean + half };
}

beforeAll(async () => {
  await buildCli();
  dir = mkdtempSync(join(tmpdir(), 'mixscope-genre-from-'));
  // Three pink-noise references at different levels; the mix is white noise, far brighter.
  for (const [i, amplitude] of [0.2, 0.3, 0.4].entries()) {
    const path = join(dir, `ref-${i + 1}.wav`);
    synth(path, `anoisesrc=color=pink:amplitude=${amplitude}:seed=${i + 3}:sample_rate=44100`, 12);
    refs.push(path);
  }
  mix = join(dir, 'mix.wav');
  synth(mix, 'anoisesrc=color=white:amplitude=0.2:seed=11:sample_rate=44100', 12);
  mono = join(dir, 'mono.wav');
  synth(mono, 'anoisesrc=color=pink:amplitude=0.3:seed=5:sample_rate=44100', 12, 1);
  for (const [i, path] of refs.entries()) {
    const run = await runCli(['analyze', path, '--json']);
    expect(run.code).toBe(0);
    measured.push(parseAnalysisResult(JSON.parse(run.stdout)));
    refJson.push(join(dir, `ref-${i + 1}.json`));
    writeFileSync(refJson[i], run.stdout);
  }
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mixscope analyze --genre-from', () => {
  it('judges the mix against the mean and spread of the references', async () => {
    const run = await runCli(['analyze', mix, '--json', '--genre-from', ...refs]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const doc = parseAnalysisResult(JSON.parse(run.stdout));
    expect(doc.feedback?.profile).toEqual({
      id: 'target-from-references',
      name: 'your 3 references',
      chosenBy: 'references',
      reason: 'target: from 3 references: ref-1.wav, ref-2.wav, ref-3.wav',
    });
    // White noise against pink references: far too much air, with the references' own range.
    const air = doc.feedback!.findings.find((f) => f.id === 'spectrum.band.air');
    expect(air?.title).toBe('Air heavy for your 3 references');
    const airLevels = measured.map((r) => r.spectrum.bands.find((b) => b.name === 'air')!.db!);
    const range = expectedRange(airLevels, 1.5);
    expect(air?.target?.min).toBeCloseTo(range.min, 1);
    expect(air?.target?.max).toBeCloseTo(range.max, 1);
    expect(air?.target?.source).toMatch(/^Measured from 3 references: mean ± max\(2·sd/);
  });

  it('takes the references as their --json documents just as well', async () => {
    const fromAudio = await runCli(['analyze', mix, '--json', '--genre-from', ...refs]);
    const fromJson = await runCli(['analyze', mix, '--json', '--genre-from', ...refJson]);
    expect(fromJson.code).toBe(0);
    const findings = (run: { stdout: string }) =>
      parseAnalysisResult(JSON.parse(run.stdout)).feedback!.findings;
    // Each document is named by the file it measured, so even the wording is the same.
    expect(findings(fromJson)).toEqual(findings(fromAudio));
  });

  it('names the target in the readable report, with FILE before the list', async () => {
    const run = await runCli(['analyze', mix, '--genre-from', refJson[0], refJson[1], '--md']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Target profile: your 2 references (target: from 2 references: ref-1.wav, ref-2.wav)',
    );
  });
});

describe('mixscope analyze --genre-from bad input', () => {
  it.each([
    [
      () => ['--genre-from', refs[0]],
      /^mixscope: --genre-from needs at least 2 references, got 1$/,
    ],
    [() => ['--genre-from'], /argument missing|needs at least 2/],
    [
      () => ['--genre', 'pop', '--genre-from', ...refs],
      /^mixscope: choose one of --genre and --genre-from$/,
    ],
  ])('%# → exit 2 with a one-line reason', async (args, message) => {
    const run = await runCli(['analyze', mix, ...args()]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [
      () => [refs[0], join(dir, 'nope.wav')],
      /^reference 2 \(nope\.wav\): file not found: .*nope\.wav$/,
    ],
    [() => [refJson[0], join(dir, 'gone.json')], /^reference 2 \(gone\.json\): file not found$/],
    [() => [mono, refs[0]], /^only 1 of 2 references measured a width score .*mono\.wav/],
  ])('%# → exit 1 naming the reference', async (list, message) => {
    const run = await runCli(['analyze', mix, '--genre-from', ...list()]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0].replace(/^mixscope: /, '')).toMatch(message);
  });

  it('refuses a .json that is not an analysis document', async () => {
    const bogus = join(dir, 'notes.json');
    writeFileSync(bogus, '{"hello": 1}');
    const bad = join(dir, 'broken.json');
    writeFileSync(bad, '{');
    for (const [path, message] of [
      [
        bogus,
        /^mixscope: reference 2 \(notes\.json\): not a `mixscope analyze --json` document \(/,
      ],
      [bad, /^mixscope: reference 2 \(broken\.json\): not JSON/],
    ] as const) {
      const run = await runCli(['analyze', mix, '--genre-from', refJson[0], path]);
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(message);
    }
  });
});
