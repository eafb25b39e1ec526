/**
 * Result documents for tests, built from one realistic default (a loud stereo pop master) and
 * parsed through the contract, so a fixture can never drift from it: a builder call whose
 * document breaks the contract throws a ContractError naming the field.
 */
import {
  analysisResultShape,
  type AnalysisResult,
  type BandName,
  type ComparisonResult,
  type LoudnessResult,
  type PlatformRow,
  type Section,
  type SpectrumBand,
  type StereoBand,
} from '../analysis/analysis-result.ts';
import { attachReference } from '../analysis/attach-reference.ts';
import { parseAnalysisResult } from '../analysis/parse-analysis-result.ts';
import { BANDS } from '../tables/bands.ts';

/** Objects merge key by key; arrays, null and plain values replace what the default has. */
export type Overrides<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: Overrides<T[K]> }
    : T;

export type AnalysisResultOverrides = Overrides<AnalysisResult>;

export interface BuildOptions {
  /**
   * Makes `loudness.platforms` from the document's integrated loudness and true peak. Platform
   * rows are the analyser's arithmetic: pass `platformTable` from @mixscope/dsp when a test reads
   * them. Without it (and without an override) the document has no platform rows.
   */
  platformRows?: (integratedLufs: number | null, truePeakDbtp: number | null) => PlatformRow[];
}

/**
 * The default document: a loud stereo pop master, "final-mix-v3.wav". Figures that follow from
 * others are recomputed from them unless the override sets them: PLR (true peak minus integrated
 * loudness), the per-channel peaks (each channel at the overall peak), the out-of-phase bands
 * (correlation below 0) and, with `platformRows`, the platform rows.
 */
export function buildAnalysisResult(
  overrides: AnalysisResultOverrides = {},
  options: BuildOptions = {},
): AnalysisResult {
  const merged = analysisResultShape.parse(merge(loudStereoMaster(), overrides));
  return parseAnalysisResult(withDerivedFigures(merged, overrides, options));
}

/** A brighter, more dynamic master to compare the default with: "pro-reference.flac". */
export function buildReferenceTrack(
  overrides: AnalysisResultOverrides = {},
  options: BuildOptions = {},
): AnalysisResult {
  return buildAnalysisResult(merge(REFERENCE_TRACK, overrides), options);
}

/** A spoken-word mono MP3 with no steady pulse: no stereo section, no tempo figures. */
export function buildMonoFile(
  overrides: AnalysisResultOverrides = {},
  options: BuildOptions = {},
): AnalysisResult {
  return buildAnalysisResult(merge(MONO_FILE, overrides), options);
}

/** Ten seconds of digital silence: every level null with its reason, no tempo, key or transients. */
export function buildSilentFile(
  overrides: AnalysisResultOverrides = {},
  options: BuildOptions = {},
): AnalysisResult {
  return buildAnalysisResult(merge(silentFile(), overrides), options);
}

/**
 * The six bands from their shares of the total power and the RMS level of the whole mono sum:
 * db = 10·log10(share), levelDbfs = totalDbfs + db.
 */
export function bandsFromShares(shares: readonly number[], totalDbfs = -12): SpectrumBand[] {
  return BANDS.map(({ name, lowHz, highHz }, i) => {
    const db = 10 * Math.log10(shares[i]);
    return { name, lowHz, highHz, share: shares[i], db, levelDbfs: totalDbfs + db };
  });
}

/**
 * The six bands at these RMS levels (dBFS); each band's share is its part of their summed power.
 */
export function bandsFromLevels(levelsDbfs: readonly number[]): SpectrumBand[] {
  const powers = levelsDbfs.map((level) => 10 ** (level / 10));
  const total = powers.reduce((sum, power) => sum + power, 0);
  return bandsFromShares(
    powers.map((power) => power / total),
    10 * Math.log10(total),
  );
}

/** The six stereo bands from their correlations; width is 1 − correlation, within 0-1. */
export function stereoBands(correlations: readonly number[]): StereoBand[] {
  return BANDS.map(({ name }, i) => ({
    name,
    correlation: correlations[i],
    width: Math.min(1, Math.max(0, 1 - correlations[i])),
  }));
}

/**
 * One section for `sections` lists: `startSec`-`endSec`, measured at `integratedLufs` with the
 * given width score; bands flat at -7.78 dB (a sixth each), short-term max 2 LU above, LRA 3 LU.
 */
export function buildSection(
  overrides: Partial<Section> & Pick<Section, 'startSec' | 'endSec' | 'label'>,
  integratedLufs = -10,
  widthScore = 40,
): Section {
  return {
    chorusLike: false,
    loudness: { integratedLufs, shortTermMaxLufs: integratedLufs + 2, loudnessRangeLu: 3 },
    bands: BANDS.map(({ name }) => ({ name, db: -7.78 })),
    stereo: { widthScore, correlation: 0.6 },
    reasons: {},
    ...overrides,
  };
}

/**
 * A reference track for `mix` whose bands, once turned to the mix's integrated loudness, sit
 * `bandDeltasDb` below the mix's: the deltas ComparisonResult.bands then reports (mix minus
 * reference). Other figures are the default master's, with `overrides`.
 */
export function buildReferenceFor(
  mix: AnalysisResult,
  bandDeltasDb: readonly number[],
  overrides: AnalysisResultOverrides = {},
  options: BuildOptions = {},
): AnalysisResult {
  const reference = buildAnalysisResult(merge({ file: { name: 'reference.wav' } }, overrides));
  const mixLufs = mix.loudness.integratedLufs;
  const referenceLufs = reference.loudness.integratedLufs;
  if (mixLufs === null || referenceLufs === null) {
    throw new Error('buildReferenceFor needs the integrated loudness of both tracks');
  }
  const levels = mix.spectrum.bands.map((band, i) => {
    if (band.levelDbfs === null) throw new Error(`the mix's ${band.name} band has no level`);
    return band.levelDbfs - bandDeltasDb[i] - (mixLufs - referenceLufs);
  });
  return buildAnalysisResult(
    merge(overrides, {
      file: { name: reference.file.name },
      spectrum: { bands: bandsFromLevels(levels) },
    }),
    options,
  );
}

/**
 * The mix with its reference attached and compared. The comparison is the analyser's: pass
 * `compareResults` from @mixscope/dsp.
 */
export function withReference(
  mix: AnalysisResult,
  reference: AnalysisResult,
  compare: (mix: AnalysisResult, reference: AnalysisResult) => ComparisonResult,
): AnalysisResult {
  return parseAnalysisResult(attachReference(mix, reference, compare(mix, reference)));
}

function loudStereoMaster(): AnalysisResult {
  return {
    schemaVersion: 1,
    analyzer: { name: 'mixscope', version: '0.1.0' },
    file: {
      name: 'final-mix-v3.wav',
      sizeBytes: 41_472_044,
      container: 'wav',
      codec: 'pcm_s24le',
      sampleRate: 44100,
      channels: 2,
      channelLayout: 'stereo',
      bitDepth: 24,
      bitRateKbps: 2116.8,
      durationSec: 235.1,
      reasons: {},
    },
    loudness: {
      integratedLufs: -8.7,
      momentaryMaxLufs: -5.9,
      shortTermMaxLufs: -7.2,
      loudnessRangeLu: 4.6,
      truePeakDbtp: 0.4,
      truePeakPerChannelDbtp: [],
      samplePeakDbfs: -0.1,
      samplePeakPerChannelDbfs: [],
      rmsDbfs: -10.9,
      crestFactorDb: 10.8,
      plrDb: null,
      dynamicRangeDb: 6.2,
      curves: {
        hopSec: 0.1,
        momentaryStartSec: 0.4,
        shortTermStartSec: 3,
        momentary: [null, null, ...wavyCurve(40, -9)],
        shortTerm: wavyCurve(20, -8.5),
      },
      platforms: [],
      reasons: {},
    },
    spectrum: {
      bands: bandsFromShares([0.12, 0.31, 0.14, 0.22, 0.13, 0.08], -11.2),
      curve: { frequenciesHz: [25, 50, 100, 1000, 10000], db: [-30, -22, -20, -28, -40] },
      centroidHz: 1840,
      rolloffHz: 6210,
      flatness: 0.042,
      reasons: {},
    },
    stereo: {
      correlation: 0.78,
      balanceDb: 0.3,
      sideToMidDb: -11.4,
      widthScore: 38.5,
      bands: stereoBands([0.99, 0.96, 0.82, 0.7, 0.55, 0.48]),
      monoCompatibility: { foldDownLossDb: -0.9, outOfPhaseBands: [] },
      reasons: {},
    },
    tempo: {
      bpm: 124,
      confidence: 0.91,
      stability: 0.97,
      beats: [0.48, 0.964, 1.448, 1.932],
      reasons: {},
    },
    key: { tonic: 'A', mode: 'minor', confidence: 0.74, label: 'A minor', reasons: {} },
    transients: {
      onsetDensityPerSec: 4.3,
      attackSharpness: 0.62,
      medianAttackMs: 7.5,
      analyzedFromSec: 0,
      analyzedToSec: 235.1,
      reasons: {},
    },
    issues: [
      {
        code: 'true-peak-over',
        severity: 'warning',
        message: 'True peak reaches +0.4 dBTP: lossy encoding will clip',
        value: 0.4,
        unit: 'dBTP',
        count: 37,
        times: [12.31, 45.02, 77.9],
        channel: 0,
      },
      {
        code: 'clipping',
        severity: 'error',
        message: '3 runs of clipped samples',
        value: null,
        unit: null,
        count: 3,
        times: [45.02, 77.9, 190.4],
        channel: null,
      },
    ],
    timingsMs: { decoding: 210, loudness: 180, spectrum: 95, stereo: 40, tempo: 120, key: 60 },
    reasons: {},
  };
}

function wavyCurve(length: number, level: number): number[] {
  return Array.from({ length }, (_, i) => level + 3 * Math.sin(i / 7));
}

const REFERENCE_TRACK: AnalysisResultOverrides = {
  file: {
    name: 'pro-reference.flac',
    container: 'flac',
    codec: 'flac',
    bitDepth: 16,
    bitRateKbps: 980.5,
  },
  loudness: {
    integratedLufs: -7.9,
    momentaryMaxLufs: -5.1,
    shortTermMaxLufs: -6.4,
    loudnessRangeLu: 5.1,
    truePeakDbtp: -0.8,
    dynamicRangeDb: 7,
  },
  spectrum: {
    bands: bandsFromShares([0.09, 0.3, 0.12, 0.25, 0.15, 0.09], -10.1),
    centroidHz: 2210,
  },
  stereo: { widthScore: 44, correlation: 0.71, sideToMidDb: -9.8 },
  tempo: { bpm: 126 },
  issues: [],
};

const NO_PULSE = 'No steady pulse found';

const MONO_FILE: AnalysisResultOverrides = {
  file: {
    name: 'podcast-intro.mp3',
    sizeBytes: 668_800,
    container: 'mp3',
    codec: 'mp3',
    channels: 1,
    channelLayout: 'mono',
    bitDepth: null,
    bitRateKbps: 128,
    durationSec: 41.8,
    reasons: { bitDepth: 'MP3 is a lossy format with no fixed bit depth' },
  },
  loudness: { integratedLufs: -18.2, truePeakDbtp: -1.6, samplePeakDbfs: -1.9 },
  stereo: null,
  tempo: {
    bpm: null,
    confidence: null,
    stability: null,
    beats: [],
    reasons: { bpm: NO_PULSE, confidence: NO_PULSE, stability: NO_PULSE },
  },
  transients: { analyzedToSec: 41.8 },
  issues: [],
  reasons: { stereo: 'Mono file: no stereo image to measure' },
};

function silentFile(): AnalysisResultOverrides {
  const noSignal = 'The file is digital silence';
  return {
    file: { name: 'silence.wav', sizeBytes: 1_764_044, durationSec: 10 },
    loudness: {
      integratedLufs: null,
      momentaryMaxLufs: null,
      shortTermMaxLufs: null,
      loudnessRangeLu: null,
      truePeakDbtp: null,
      samplePeakDbfs: null,
      rmsDbfs: null,
      crestFactorDb: null,
      dynamicRangeDb: null,
      curves: { momentary: [null, null, null], shortTerm: [null] },
      reasons: {
        integratedLufs: 'No 400 ms block above the -70 LUFS absolute gate',
        momentaryMaxLufs: 'No 400 ms window above -70 LUFS',
        shortTermMaxLufs: 'No 3 s window above -70 LUFS',
        loudnessRangeLu: 'No short-term value above -70 LUFS',
        truePeakDbtp: noSignal,
        truePeakPerChannelDbtp: noSignal,
        samplePeakDbfs: noSignal,
        samplePeakPerChannelDbfs: noSignal,
        rmsDbfs: noSignal,
        crestFactorDb: noSignal,
        plrDb: 'Needs both true peak and integrated loudness',
        dynamicRangeDb: noSignal,
      },
    },
    spectrum: {
      bands: BANDS.map(({ name, lowHz, highHz }) => ({
        name,
        lowHz,
        highHz,
        share: null,
        db: null,
        levelDbfs: null,
      })),
      curve: { frequenciesHz: [], db: [] },
      centroidHz: null,
      rolloffHz: null,
      flatness: null,
      reasons: { bands: noSignal, centroidHz: noSignal, rolloffHz: noSignal, flatness: noSignal },
    },
    stereo: {
      correlation: null,
      balanceDb: null,
      sideToMidDb: null,
      widthScore: null,
      bands: BANDS.map(({ name }) => ({ name, correlation: null, width: null })),
      monoCompatibility: { foldDownLossDb: null },
      reasons: {
        correlation: noSignal,
        balanceDb: noSignal,
        sideToMidDb: noSignal,
        widthScore: noSignal,
        bands: noSignal,
        foldDownLossDb: noSignal,
      },
    },
    tempo: null,
    key: null,
    transients: null,
    issues: [
      {
        code: 'silence-start',
        severity: 'info',
        message: 'The whole file is silent',
        value: 10,
        unit: 's',
        count: null,
        times: [0],
        channel: null,
      },
    ],
    reasons: { tempo: noSignal, key: noSignal, transients: noSignal },
  };
}

function withDerivedFigures(
  doc: AnalysisResult,
  overrides: AnalysisResultOverrides,
  { platformRows }: BuildOptions,
): AnalysisResult {
  const { integratedLufs, truePeakDbtp, samplePeakDbfs } = doc.loudness;
  const set: Overrides<LoudnessResult> = overrides.loudness ?? {};
  const perChannel = (peak: number | null) => Array.from({ length: doc.file.channels }, () => peak);
  const loudness = {
    ...doc.loudness,
    plrDb:
      set.plrDb !== undefined
        ? doc.loudness.plrDb
        : truePeakDbtp === null || integratedLufs === null
          ? null
          : truePeakDbtp - integratedLufs,
    truePeakPerChannelDbtp: set.truePeakPerChannelDbtp ?? perChannel(truePeakDbtp),
    samplePeakPerChannelDbfs: set.samplePeakPerChannelDbfs ?? perChannel(samplePeakDbfs),
    platforms: set.platforms ?? (platformRows ? platformRows(integratedLufs, truePeakDbtp) : []),
  };
  const stereo = doc.stereo && {
    ...doc.stereo,
    monoCompatibility: {
      ...doc.stereo.monoCompatibility,
      outOfPhaseBands:
        overrides.stereo?.monoCompatibility?.outOfPhaseBands ?? outOfPhase(doc.stereo.bands),
    },
  };
  return { ...doc, loudness, stereo };
}

function outOfPhase(bands: readonly StereoBand[]): BandName[] {
  return bands
    .filter((band) => band.correlation !== null && band.correlation < 0)
    .map((band) => band.name);
}

/** Deep merge for plain objects (see Overrides); the inputs are left as they are. */
function merge<T>(base: T, overrides: Overrides<T> | undefined): T;
function merge(base: unknown, overrides: unknown): unknown {
  if (overrides === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(overrides)) return overrides;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    merged[key] = merge(base[key], value);
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
