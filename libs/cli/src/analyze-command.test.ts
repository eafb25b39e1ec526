import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAND_NAMES, parseAnalysisResult, type AnalysisResult } from '@mixscope/contracts';
import { runFfmpeg } from '@mixscope/measure/testing';
import { buildCli, runCli } from './run-cli.test-support.ts';

let dir: string;
let mix: string;
let reference: string;
let mono: string;
let twoParts: string;

/** A stereo test mix of known level: pink-ish noise plus a 1 kHz tone, with a left/right offset. */
function synth(out: string, filter: string, seconds: number, channels: number) {
  runFfmpeg([
    '-f',
    'lavfi',
    '-i',
    `${filter}:d=${seconds}`,
    '-ac',
    String(channels),
    '-ar',
    '44100',
    '-c:a',
    'pcm_s24le',
    out,
  ]);
}

beforeAll(async () => {
  await buildCli();
  dir = mkdtempSync(join(tmpdir(), 'mixscope-cli-'));
  mix = join(dir, 'mix.wav');
  reference = join(dir, 'reference.wav');
  mono = join(dir, 'mono.wav');
  synth(mix, 'aevalsrc=0.125*sin(2*PI*1000*t)|0.125*sin(2*PI*1000*t):s=44100', 12, 2);
  synth(reference, 'anoisesrc=color=pink:amplitude=0.3:seed=7:sample_rate=44100', 12, 2);
  synth(mono, 'aevalsrc=0.125*sin(2*PI*1000*t):s=44100', 5, 1);
  // 20 s of a quiet tone, then 20 s of loud noise: one boundary at 20 s.
  twoParts = join(dir, 'two-parts.wav');
  const part = String.raw`if(lt(t\,20)\,0.05*sin(2*PI*440*t)\,0.3*(2*random(0)-1))`;
  synth(twoParts, `aevalsrc=${part}|${part}:s=44100`, 40, 2);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mixscope analyze --json', () => {
  it('prints one schema-valid JSON document with every null explained', async () => {
    const run = await runCli(['analyze', mix, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as AnalysisResult;
    expect(() => parseAnalysisResult(doc)).not.toThrow();
    expect(run.stdout).not.toMatch(/NaN|Infinity/);
    expect(doc.file.sampleRate).toBe(44100);
    expect(doc.file.channels).toBe(2);
    expect(doc.file.durationSec).toBeCloseTo(12, 1);
    // A 1 kHz sine at 1/8 of full scale (-18.06 dBFS) in phase on both channels reads its peak
    // level in LUFS (EBU Tech 3341 case 1).
    expect(doc.loudness.samplePeakDbfs).toBeCloseTo(-18.06, 1);
    expect(doc.loudness.integratedLufs).toBeCloseTo(-18.06, 1);
    expect(doc.stereo?.correlation).toBeCloseTo(1, 3);
    expect(doc.spectrum.bands.map((b) => b.name)).toEqual(BAND_NAMES);
    expect(doc.spectrum.bands.find((b) => b.name === 'mids')?.share).toBeGreaterThan(0.99);
    // The codec preview: a -18 dBFS sine passes every codec far under full scale.
    expect(doc.codecs?.map((row) => row.codec)).toEqual(['aac', 'vorbis', 'opus', 'mp3']);
    for (const row of doc.codecs ?? []) {
      expect(row.available, row.reasons.codec).toBe(true);
      expect(row.truePeakDbtp).toBeCloseTo(-18.06, 0);
      expect(row.overs).toMatchObject({ clippedSamples: 0, truePeakOvers: 0 });
      expect(Math.abs(row.integratedLufsDelta!)).toBeLessThan(0.3);
    }
    const spotify = doc.loudness.platforms.find((row) => row.id === 'spotify');
    expect(spotify).toMatchObject({ codec: 'vorbis', codecExceedsTruePeakLimit: false });
  });

  it('skips the codec preview with --no-codecs, and says so', async () => {
    const run = await runCli(['analyze', mono, '--json', '--no-codecs']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as AnalysisResult;
    expect(doc.codecs).toBeNull();
    expect(doc.reasons.codecs).toMatch(/--no-codecs/);
    expect(doc.timingsMs.codecs).toBeUndefined();
    expect(() => parseAnalysisResult(doc)).not.toThrow();
  });

  it('carries the sections, with the boundary where the music changes', async () => {
    const run = await runCli(['analyze', twoParts, '--json']);
    expect(run.code).toBe(0);
    const doc = parseAnalysisResult(JSON.parse(run.stdout));
    expect(doc.sections?.map((s) => s.label)).toEqual(['A', 'B']);
    expect(Math.abs(doc.sections![1].startSec - 20)).toBeLessThanOrEqual(3);
    const short = parseAnalysisResult(
      JSON.parse((await runCli(['analyze', mix, '--json'])).stdout),
    );
    expect(short.sections).toBeNull();
    expect(short.reasons.sections).toMatch(/shorter than 16 s/);
    const text = await runCli(['analyze', twoParts]);
    expect(text.stdout).toMatch(/SECTIONS/);
  });

  it('reports a mono file with a null stereo section and its reason', async () => {
    const run = await runCli(['analyze', mono, '--json']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as AnalysisResult;
    expect(doc.stereo).toBeNull();
    expect(doc.reasons.stereo).toMatch(/mono/);
    expect(() => parseAnalysisResult(doc)).not.toThrow();
  });

  it('compares against a reference analysed in parallel', async () => {
    const run = await runCli(['analyze', mix, '--reference', reference, '--json']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as AnalysisResult;
    expect(() => parseAnalysisResult(doc)).not.toThrow();
    expect(doc.reference?.file.name).toBe('reference.wav');
    const integrated = doc.comparison?.deltas.find((d) => d.metric === 'integratedLufs');
    expect(integrated?.delta).toBeCloseTo(
      doc.loudness.integratedLufs! - doc.reference!.loudness.integratedLufs!,
      1,
    );
    expect(doc.comparison?.bands).toHaveLength(6);
  });
});

describe('mixscope analyze output formats', () => {
  it('prints a readable report by default', async () => {
    const run = await runCli(['analyze', mix]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/LUFS/);
    expect(run.stdout).toMatch(/dBTP/);
    expect(run.stdout).not.toMatch(/NaN|Infinity|undefined/);
    // The codec preview, each codec with its bit rate and decoded true peak.
    expect(run.stdout).toMatch(/codec preview/i);
    expect(run.stdout).toMatch(/AAC +256 kb\/s +-\d+\.\d dBTP/);
    expect(run.stdout).toMatch(/Opus +160 kb\/s +-\d+\.\d dBTP/);
  });

  it('writes Markdown to --out, with the sections and the codec preview', async () => {
    const out = join(dir, 'report with spaces.md');
    const run = await runCli(['analyze', twoParts, '--md', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const markdown = readFileSync(out, 'utf8');
    expect(markdown).toMatch(/^#/m);
    expect(markdown).toMatch(/^#+ Sections/im);
    expect(markdown).toMatch(/^\| *1 *\| *A\b/m);
    expect(markdown).toMatch(/^\| *2 *\| *B\b/m);
    expect(markdown).toMatch(/^#+ Codec preview/im);
    expect(markdown).toMatch(/^\| *Ogg Vorbis *\| *320 kb\/s *\|/m);
  });
});

describe('mixscope analyze --feedback', () => {
  it('adds the rules report when no GROQ_API_KEY is set', async () => {
    const run = await runCli(['analyze', reference, '--json', '--feedback', '--genre', 'rock']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as AnalysisResult;
    expect(() => parseAnalysisResult(doc)).not.toThrow();
    expect(doc.feedback?.source).toBe('rules');
    expect(doc.feedback?.profile).toMatchObject({ id: 'rock', chosenBy: 'user' });
    expect(doc.feedback?.findings.length).toBeGreaterThan(0);
    expect(doc.feedback?.report.summary.length).toBeGreaterThan(0);
  });

  it('takes a genre alias, and judges loudness against the --targets only', async () => {
    const platformFindings = (doc: AnalysisResult) =>
      doc.feedback!.findings.map((f) => f.id).filter((id) => id.startsWith('loudness.platform.'));
    const all = await runCli(['analyze', reference, '--json', '--feedback']);
    // Without --targets every platform is judged, so the option has something to narrow.
    expect(platformFindings(JSON.parse(all.stdout) as AnalysisResult).length).toBeGreaterThan(2);
    const run = await runCli([
      'analyze',
      reference,
      '--json',
      '--feedback',
      '--genre',
      'EDM',
      '--targets',
      'Tidal, aes-td1008',
    ]);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as AnalysisResult;
    expect(doc.feedback?.profile).toMatchObject({ id: 'electronic', chosenBy: 'user' });
    const narrowed = platformFindings(doc);
    expect(narrowed.length).toBeGreaterThan(0);
    for (const id of narrowed) {
      expect(['loudness.platform.tidal', 'loudness.platform.aes-td1008']).toContain(id);
    }
  });

  it('appends the feedback to the readable report', async () => {
    const run = await runCli(['analyze', reference, '--feedback']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Feedback/);
    expect(run.stdout).toMatch(/rules engine/);
  });
});

describe('mixscope usage errors', () => {
  it.each([
    [[], /missing command/],
    [['analyze'], /missing FILE/],
    [['analyze', 'a.wav', '--json', '--md'], /one of --json and --md/],
    [['analyze', 'a.wav', '--bogus'], /bogus/],
    [['frobnicate', 'a.wav'], /unknown command/],
  ])('%j → exit 2 with a one-line reason', async (args, message) => {
    const run = await runCli(args as string[]);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a file longer than --max-duration in one line', async () => {
    const run = await runCli(['analyze', mix, '--max-duration', '5']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/long/);
  });

  it.each([
    [['--genre', 'polka'], /^mixscope: unknown genre "polka"; use one of: auto, pop, rock, .*rnb$/],
    [
      ['--targets', 'spotify,myspace'],
      /^mixscope: unknown platform "myspace"; use some of: spotify, .*tidal/,
    ],
    [['--targets', ' , '], /^mixscope: --targets needs platform ids; use some of: spotify, /],
  ])('%j → exit 2 with one line naming the valid values', async (option, message) => {
    const run = await runCli(['analyze', mix, '--feedback', ...option]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it('names a missing file', async () => {
    const run = await runCli(['analyze', join(dir, 'nope.wav')]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/nope\.wav/);
  });
});
