/**
 * EBU Tech 3341 (loudness meters) and Tech 3342 (loudness range) conformance, on synthesized
 * signals at 48, 44.1 and 96 kHz in stereo, mono and 5.0, and on the EBU's own test files where
 * they are present.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { describeWith, type Requirement } from '@mixscope/test-requirements';
import { decodeFile } from '../decode/decode.ts';
import { measureLoudness, type LoudnessMeasurement } from '@mixscope/dsp';
import {
  inLayout,
  layoutOffsetLu,
  sine,
  toneSequence,
  type Segment,
  type TestLayout,
} from '@mixscope/dsp/testing';
import { measureTruePeak } from '@mixscope/dsp';

const TOLERANCE_LU = 0.1;
const LRA_TOLERANCE_LU = 1;
/** Tech 3341 true-peak tolerance: +0.2 / -0.4 dB. */
const TRUE_PEAK_ABOVE = 0.2;
const TRUE_PEAK_BELOW = 0.4;

interface Expectation {
  integrated?: number;
  momentaryMax?: number;
  shortTermMax?: number;
  /** Every momentary / short-term curve value whose window ends at or after `fromSec`. */
  momentaryFrom?: { fromSec: number; lufs: number };
  shortTermFrom?: { fromSec: number; lufs: number };
  lra?: number;
}

interface LoudnessCase {
  id: string;
  segments: Segment[];
  expect: Expectation;
}

const repeat = (times: number, segments: Segment[]) =>
  Array.from({ length: times }, () => segments).flat();
const steady = (lufs: number): Expectation => ({
  integrated: lufs,
  momentaryMax: lufs,
  shortTermMax: lufs,
});

const LOUDNESS_CASES: LoudnessCase[] = [
  {
    id: '3341-1',
    segments: [{ sec: 20, dbfs: -23 }],
    expect: {
      ...steady(-23),
      momentaryFrom: { fromSec: 0, lufs: -23 },
      shortTermFrom: { fromSec: 0, lufs: -23 },
    },
  },
  {
    id: '3341-2',
    segments: [{ sec: 20, dbfs: -33 }],
    expect: {
      ...steady(-33),
      momentaryFrom: { fromSec: 0, lufs: -33 },
      shortTermFrom: { fromSec: 0, lufs: -33 },
    },
  },
  {
    id: '3341-3',
    segments: [
      { sec: 10, dbfs: -36 },
      { sec: 60, dbfs: -23 },
      { sec: 10, dbfs: -36 },
    ],
    expect: { integrated: -23 },
  },
  {
    id: '3341-4',
    segments: [
      { sec: 10, dbfs: -72 },
      { sec: 10, dbfs: -36 },
      { sec: 60, dbfs: -23 },
      { sec: 10, dbfs: -36 },
      { sec: 10, dbfs: -72 },
    ],
    expect: { integrated: -23 },
  },
  {
    id: '3341-5',
    segments: [
      { sec: 20, dbfs: -26 },
      { sec: 20.1, dbfs: -20 },
      { sec: 20, dbfs: -26 },
    ],
    expect: { integrated: -23 },
  },
  {
    id: '3341-9',
    segments: repeat(5, [
      { sec: 1.34, dbfs: -20 },
      { sec: 1.66, dbfs: -30 },
    ]),
    expect: { shortTermFrom: { fromSec: 3, lufs: -23 } },
  },
  ...Array.from({ length: 20 }, (_, i) => ({
    id: `3341-10-${i + 1}`,
    segments: [
      { sec: 0.15 * i, dbfs: null },
      { sec: 3, dbfs: -23 },
      { sec: 1, dbfs: null },
    ],
    expect: { shortTermMax: -23 },
  })),
  {
    id: '3341-12',
    segments: repeat(25, [
      { sec: 0.18, dbfs: -20 },
      { sec: 0.22, dbfs: -30 },
    ]),
    expect: { momentaryFrom: { fromSec: 1, lufs: -23 } },
  },
  ...Array.from({ length: 20 }, (_, i) => ({
    id: `3341-13-${i + 1}`,
    segments: [
      { sec: 0.02 * i, dbfs: null },
      { sec: 0.4, dbfs: -23 },
      { sec: 1, dbfs: null },
    ],
    expect: { momentaryMax: -23 },
  })),
  ...(
    [
      ['3342-1', [-20, -30], 10],
      ['3342-2', [-20, -15], 5],
      ['3342-3', [-40, -20], 20],
    ] as const
  ).map(([id, levels, lra]) => ({
    id,
    segments: levels.map((dbfs) => ({ sec: 20, dbfs })),
    expect: { lra },
  })),
  {
    id: '3342-4',
    segments: [-50, -35, -20, -35, -50].map((dbfs) => ({ sec: 20, dbfs })),
    expect: { lra: 15 },
  },
];

const RATES = [48_000, 44_100, 96_000];
const LAYOUTS: TestLayout[] = ['stereo', 'mono', '5.0'];

/** Largest error seen per figure, printed at the end. */
const worst: Record<string, number> = {};
const note = (figure: string, error: number) => {
  if (!(Math.abs(error) <= Math.abs(worst[figure] ?? 0))) worst[figure] = error;
};
afterAll(() => {
  const lines = Object.entries(worst).map(
    ([figure, error]) => `${figure} ${error >= 0 ? '+' : ''}${error.toFixed(3)}`,
  );
  console.info(`largest errors: ${lines.join('; ')}`);
});

/** Checks a measurement against an expectation; loudness values are shifted by `offsetLu`. */
function expectConformance(
  source: string,
  m: LoudnessMeasurement,
  e: Expectation,
  offsetLu = 0,
): void {
  const near = (figure: string, value: number | null, lufs: number) => {
    expect(value).not.toBeNull();
    const error = (value as number) - (lufs + offsetLu);
    note(`${source} ${figure}`, error);
    expect(Math.abs(error)).toBeLessThanOrEqual(TOLERANCE_LU);
  };
  if (e.integrated !== undefined) near('integrated', m.integratedLufs, e.integrated);
  if (e.momentaryMax !== undefined) near('momentary max', m.momentaryMaxLufs, e.momentaryMax);
  if (e.shortTermMax !== undefined) near('short-term max', m.shortTermMaxLufs, e.shortTermMax);
  const curveFrom = (
    figure: string,
    values: (number | null)[],
    startSec: number,
    from: { fromSec: number; lufs: number },
  ) => {
    const checked = values.filter((_, j) => startSec + j * m.curves.hopSec >= from.fromSec - 1e-9);
    expect(checked.length).toBeGreaterThan(0);
    for (const v of checked) near(figure, v, from.lufs);
  };
  if (e.momentaryFrom) {
    curveFrom('momentary curve', m.curves.momentary, m.curves.momentaryStartSec, e.momentaryFrom);
  }
  if (e.shortTermFrom) {
    curveFrom('short-term curve', m.curves.shortTerm, m.curves.shortTermStartSec, e.shortTermFrom);
  }
  if (e.lra !== undefined) {
    expect(m.loudnessRangeLu).not.toBeNull();
    const error = (m.loudnessRangeLu as number) - e.lra;
    note(`${source} LRA`, error);
    expect(Math.abs(error)).toBeLessThanOrEqual(LRA_TOLERANCE_LU);
  }
}

function expectTruePeak(source: string, measuredDbtp: number | null, expectedDbtp: number): void {
  expect(measuredDbtp).not.toBeNull();
  const error = (measuredDbtp as number) - expectedDbtp;
  note(`${source} true peak`, error);
  expect(error).toBeLessThanOrEqual(TRUE_PEAK_ABOVE);
  expect(error).toBeGreaterThanOrEqual(-TRUE_PEAK_BELOW);
}

describe.each(RATES)('EBU Tech 3341/3342 synthesized at %d Hz', (sampleRate) => {
  describe.each(LAYOUTS)('%s', (layout) => {
    it.each(LOUDNESS_CASES.map((c) => [c.id, c] as const))('%s', (_id, c) => {
      const audio = inLayout(sampleRate, toneSequence(sampleRate, c.segments), layout);
      expectConformance('synthesized', measureLoudness(audio), c.expect, layoutOffsetLu(layout));
    });
  });

  it.each(['5.0', '5.0(side)'] as const)(
    '3341-6 in %s: L, R -28; C -24; surrounds -30 dBFS read -23',
    (layout) => {
      const audio = inLayout(
        sampleRate,
        toneSequence(sampleRate, [{ sec: 20, dbfs: -23 }]),
        layout,
      );
      expectConformance('synthesized', measureLoudness(audio), steady(-23));
    },
  );

  const truePeakCases = [
    { id: '3341-15', divisor: 4, amplitude: 0.5, phaseDeg: 0, dbtp: -6 },
    { id: '3341-16', divisor: 4, amplitude: 0.5, phaseDeg: 45, dbtp: -6 },
    { id: '3341-17', divisor: 6, amplitude: 0.5, phaseDeg: 60, dbtp: -6 },
    { id: '3341-18', divisor: 8, amplitude: 0.5, phaseDeg: 67.5, dbtp: -6 },
    { id: '3341-19', divisor: 4, amplitude: 1.41, phaseDeg: 45, dbtp: 3 },
  ];
  it.each(truePeakCases.map((c) => [c.id, c] as const))('%s true peak', (_id, c) => {
    const x = sine(sampleRate, sampleRate / c.divisor, c.amplitude, 3, c.phaseDeg);
    const result = measureTruePeak({ sampleRate, channels: [x, x], channelLabels: ['FL', 'FR'] });
    expectTruePeak('synthesized', result.maxDbtp, c.dbtp);
    for (const v of result.perChannelDbtp) expectTruePeak('synthesized', v, c.dbtp);
  });
});

// ---- The EBU's own files ----

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const ebuDir = resolve(
  repoRoot,
  process.env.MIXSCOPE_EBU_FIXTURES ?? '../shared/fixtures/ebu-loudness-test-set-v05',
);
const ebuFiles = existsSync(ebuDir) ? readdirSync(ebuDir).filter((f) => f.endsWith('.wav')) : [];

interface FileExpectation {
  pattern: RegExp;
  loudness?: Expectation;
  truePeakDbtp?: number;
}

const FILE_EXPECTATIONS: FileExpectation[] = [
  { pattern: /^seq-3341-1-/, loudness: steady(-23) },
  { pattern: /^seq-3341-2-/, loudness: steady(-33) },
  { pattern: /^seq-3341-10-\d+-/, loudness: { shortTermMax: -23 } },
  { pattern: /^seq-3341-12-/, loudness: { momentaryFrom: { fromSec: 1, lufs: -23 } } },
  { pattern: /^seq-3341-13-\d+-/, loudness: { momentaryMax: -23 } },
  { pattern: /^seq-3341-1[5-8]-/, truePeakDbtp: -6 },
  { pattern: /^seq-3341-19-/, truePeakDbtp: 3 },
  { pattern: /^seq-3341-2[0-3]-/, truePeakDbtp: 0 },
];

const ebuCases = ebuFiles.flatMap((file) => {
  const expectation = FILE_EXPECTATIONS.find((e) => e.pattern.test(file));
  return expectation ? [[file, expectation] as const] : [];
});

/**
 * The EBU's files are not redistributable, so a clean clone (and so CI) may not have them: the
 * synthesized cases above always run, and these only where the files are. Setting
 * MIXSCOPE_EBU_FIXTURES says they are meant to be there, and then CI fails without them.
 */
const ebuFixtures: Requirement = {
  what: 'the EBU loudness test set v05 files',
  missing: ebuCases.length > 0 ? null : `no EBU test files in ${ebuDir}`,
  provide:
    'set MIXSCOPE_EBU_FIXTURES to the folder of the set, which the EBU publishes (tech.ebu.ch, ' +
    '"EBU loudness test set") for technical testing only',
  optionalInCi: !process.env.MIXSCOPE_EBU_FIXTURES,
};

describeWith(ebuFixtures, 'EBU loudness test set v05 files', () => {
  it.each(ebuCases)('%s', async (file, expectation) => {
    const { audio } = await decodeFile(join(ebuDir, file));
    if (expectation.loudness) {
      expectConformance('EBU file', measureLoudness(audio), expectation.loudness);
    }
    if (expectation.truePeakDbtp !== undefined) {
      expectTruePeak('EBU file', measureTruePeak(audio).maxDbtp, expectation.truePeakDbtp);
    }
  });
});
