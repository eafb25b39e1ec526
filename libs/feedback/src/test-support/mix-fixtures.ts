/**
 * Small hand-built AnalysisResult documents for the feedback tests. Figures default to a tidy
 * pop master; each test overrides the one or two it is about.
 */
import type {
  AnalysisResult,
  AudioIssue,
  BandName,
  ComparisonResult,
  PlatformRow,
  SpectrumBand,
  StereoResult,
} from '@mixscope/contracts';
import { platformTable } from '@mixscope/dsp';

const BAND_EDGES: [BandName, number, number][] = [
  ['sub', 20, 60],
  ['bass', 60, 250],
  ['lowMids', 250, 500],
  ['mids', 500, 2000],
  ['highMids', 2000, 6000],
  ['air', 6000, 20000],
];

export interface MixFigures {
  name: string;
  integratedLufs: number | null;
  truePeakDbtp: number | null;
  samplePeakDbfs: number | null;
  loudnessRangeLu: number | null;
  dynamicRangeDb: number | null;
  /** Wanted band levels relative to the total (dB); normalised so the shares sum to 1. */
  bandDb: [number, number, number, number, number, number];
  stereo: {
    correlation: number;
    balanceDb: number;
    sideToMidDb: number;
    widthScore: number;
    bandCorrelations: [number, number, number, number, number, number];
    foldDownLossDb: number;
  } | null;
  bpm: number | null;
  issues: AudioIssue[];
}

const DEFAULTS: MixFigures = {
  name: 'mix.wav',
  integratedLufs: -9.7,
  truePeakDbtp: -1.2,
  samplePeakDbfs: -1.4,
  loudnessRangeLu: 5.2,
  dynamicRangeDb: 7,
  bandDb: [-6, -3, -10, -11, -16, -21],
  stereo: {
    correlation: 0.74,
    balanceDb: 0.2,
    sideToMidDb: -10.5,
    widthScore: 35,
    bandCorrelations: [0.98, 0.95, 0.85, 0.7, 0.55, 0.45],
    foldDownLossDb: -1,
  },
  bpm: 118,
  issues: [],
};

/** The analyser's own platform table, so the rules are tested on the rows they will really get. */
export function platformRows(integrated: number | null, truePeak: number | null): PlatformRow[] {
  return platformTable(integrated, truePeak);
}

function bands(levels: number[]): SpectrumBand[] {
  const raw = levels.map((db) => 10 ** (db / 10));
  const total = raw.reduce((a, b) => a + b, 0);
  return BAND_EDGES.map(([name, lowHz, highHz], i) => {
    const share = raw[i] / total;
    const db = 10 * Math.log10(share);
    return { name, lowHz, highHz, share, db, levelDbfs: -12 + db };
  });
}

function stereo(figures: MixFigures['stereo']): StereoResult | null {
  if (figures === null) return null;
  const bandsOut = BAND_EDGES.map(([name], i) => ({
    name,
    correlation: figures.bandCorrelations[i],
    width: Math.min(1, Math.max(0, 1 - figures.bandCorrelations[i])),
  }));
  return {
    correlation: figures.correlation,
    balanceDb: figures.balanceDb,
    sideToMidDb: figures.sideToMidDb,
    widthScore: figures.widthScore,
    bands: bandsOut,
    monoCompatibility: {
      foldDownLossDb: figures.foldDownLossDb,
      outOfPhaseBands: bandsOut.filter((b) => b.correlation < 0).map((b) => b.name),
    },
    reasons: {},
  };
}

export function mixFixture(overrides: Partial<MixFigures> = {}): AnalysisResult {
  const f: MixFigures = { ...DEFAULTS, ...overrides };
  const plr =
    f.truePeakDbtp !== null && f.integratedLufs !== null ? f.truePeakDbtp - f.integratedLufs : null;
  return {
    schemaVersion: 1,
    analyzer: { name: 'mixscope', version: '0.1.0' },
    file: {
      name: f.name,
      sizeBytes: 40_000_000,
      container: 'wav',
      codec: 'pcm_s24le',
      sampleRate: 44100,
      channels: f.stereo === null ? 1 : 2,
      channelLayout: f.stereo === null ? 'mono' : 'stereo',
      bitDepth: 24,
      bitRateKbps: 2116.8,
      durationSec: 212.4,
      reasons: {},
    },
    loudness: {
      integratedLufs: f.integratedLufs,
      momentaryMaxLufs: f.integratedLufs === null ? null : f.integratedLufs + 3.1,
      shortTermMaxLufs: f.integratedLufs === null ? null : f.integratedLufs + 1.6,
      loudnessRangeLu: f.loudnessRangeLu,
      truePeakDbtp: f.truePeakDbtp,
      truePeakPerChannelDbtp: [f.truePeakDbtp, f.truePeakDbtp],
      samplePeakDbfs: f.samplePeakDbfs,
      samplePeakPerChannelDbfs: [f.samplePeakDbfs, f.samplePeakDbfs],
      rmsDbfs: f.integratedLufs === null ? null : f.integratedLufs - 1.8,
      crestFactorDb:
        f.samplePeakDbfs !== null && f.integratedLufs !== null
          ? f.samplePeakDbfs - (f.integratedLufs - 1.8)
          : null,
      plrDb: plr,
      dynamicRangeDb: f.dynamicRangeDb,
      curves: {
        hopSec: 0.1,
        momentaryStartSec: 0.4,
        shortTermStartSec: 3,
        momentary: [],
        shortTerm: [],
      },
      platforms: platformRows(f.integratedLufs, f.truePeakDbtp),
      reasons: {},
    },
    spectrum: {
      bands: bands(f.bandDb),
      curve: { frequenciesHz: [], db: [] },
      centroidHz: 1650,
      rolloffHz: 5800,
      flatness: 0.05,
      reasons: {},
    },
    stereo: stereo(f.stereo),
    tempo:
      f.bpm === null
        ? null
        : { bpm: f.bpm, confidence: 0.9, stability: 0.95, beats: [], reasons: {} },
    key: { tonic: 'A', mode: 'minor', confidence: 0.7, label: 'A minor', reasons: {} },
    transients: null,
    issues: f.issues,
    timingsMs: {},
    reasons:
      f.stereo === null ? { stereo: 'mono file' } : { transients: 'not measured in fixtures' },
  };
}

export function withStereo(
  overrides: Partial<NonNullable<MixFigures['stereo']>>,
): Pick<MixFigures, 'stereo'> {
  return { stereo: { ...DEFAULTS.stereo!, ...overrides } };
}

/** A mix with a reference, compared the way the analyser compares: mix minus reference. */
export function withReference(
  mix: AnalysisResult,
  reference: AnalysisResult,
  bandDeltaDb: number[],
): AnalysisResult {
  const gain =
    mix.loudness.integratedLufs !== null && reference.loudness.integratedLufs !== null
      ? mix.loudness.integratedLufs - reference.loudness.integratedLufs
      : null;
  const delta = (metric: string, unit: string, a: number | null, b: number | null) => ({
    metric,
    mix: a,
    reference: b,
    delta: a !== null && b !== null ? a - b : null,
    unit,
  });
  const comparison: ComparisonResult = {
    referenceName: reference.file.name,
    loudnessMatchGainDb: gain,
    deltas: [
      delta(
        'integratedLufs',
        'LUFS',
        mix.loudness.integratedLufs,
        reference.loudness.integratedLufs,
      ),
      delta('plrDb', 'dB', mix.loudness.plrDb, reference.loudness.plrDb),
      delta(
        'loudnessRangeLu',
        'LU',
        mix.loudness.loudnessRangeLu,
        reference.loudness.loudnessRangeLu,
      ),
      delta('widthScore', '', mix.stereo?.widthScore ?? null, reference.stereo?.widthScore ?? null),
    ],
    bands: mix.spectrum.bands.map((band, i) => ({
      name: band.name,
      mixDb: band.levelDbfs,
      referenceDb: band.levelDbfs === null ? null : band.levelDbfs - bandDeltaDb[i],
      deltaDb: bandDeltaDb[i],
    })),
    reasons: {},
  };
  return { ...mix, reference, comparison };
}
