/**
 * Realistic result documents for tests of the schema, comparison and reports. Figures are typical
 * of a loud pop master (stereo), a spoken-word mono file and a file of digital silence.
 */
import type {
  AnalysisResult,
  BandName,
  PlatformRow,
  SpectrumBand,
  StereoBand,
} from './analysis-result.ts';

const BAND_EDGES: [BandName, number, number][] = [
  ['sub', 20, 60],
  ['bass', 60, 250],
  ['lowMids', 250, 500],
  ['mids', 500, 2000],
  ['highMids', 2000, 6000],
  ['air', 6000, 20000],
];

/** Bands from shares and the overall RMS level of the mono sum: level = total + 10·log10(share). */
export function bandsFromShares(shares: number[], totalDbfs: number): SpectrumBand[] {
  return BAND_EDGES.map(([name, lowHz, highHz], i) => {
    const db = 10 * Math.log10(shares[i]);
    return { name, lowHz, highHz, share: shares[i], db, levelDbfs: totalDbfs + db };
  });
}

function platforms(integrated: number | null, truePeak: number | null): PlatformRow[] {
  const row = (
    id: string,
    name: string,
    target: number | null,
    limit: number | null,
    note: string,
  ): PlatformRow => {
    const gainDb = target === null || integrated === null ? null : target - integrated;
    const resultingTruePeakDbtp = gainDb === null || truePeak === null ? null : truePeak + gainDb;
    return {
      id,
      name,
      targetLufs: target,
      truePeakLimitDbtp: limit,
      gainDb,
      resultingLufs: gainDb === null ? null : target,
      resultingTruePeakDbtp,
      exceedsTruePeakLimit:
        resultingTruePeakDbtp === null || limit === null ? null : resultingTruePeakDbtp > limit,
      note,
      source: `${name} published loudness guidance`,
    };
  };
  return [
    row(
      'spotify',
      'Spotify',
      -14,
      -1,
      integrated === null ? 'No integrated loudness to normalise' : 'Turns down louder tracks',
    ),
    row(
      'apple-music',
      'Apple Music',
      -16,
      -1,
      integrated === null ? 'No integrated loudness to normalise' : 'Sound Check',
    ),
    row('soundcloud', 'SoundCloud', null, null, 'No loudness normalisation'),
  ];
}

function curve(length: number, level: number): number[] {
  return Array.from({ length }, (_, i) => level + 3 * Math.sin(i / 7));
}

function stereoBands(correlations: number[]): StereoBand[] {
  return BAND_EDGES.map(([name], i) => ({
    name,
    correlation: correlations[i],
    width: Math.min(1, Math.max(0, 1 - correlations[i])),
  }));
}

export function stereoMix(name = 'final-mix-v3.wav'): AnalysisResult {
  const integrated = -8.7;
  const truePeak = 0.4;
  return {
    schemaVersion: 1,
    analyzer: { name: 'mixscope', version: '0.1.0' },
    file: {
      name,
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
      integratedLufs: integrated,
      momentaryMaxLufs: -5.9,
      shortTermMaxLufs: -7.2,
      loudnessRangeLu: 4.6,
      truePeakDbtp: truePeak,
      truePeakPerChannelDbtp: [0.4, 0.1],
      samplePeakDbfs: -0.1,
      samplePeakPerChannelDbfs: [-0.1, -0.2],
      rmsDbfs: -10.9,
      crestFactorDb: 10.8,
      plrDb: truePeak - integrated,
      dynamicRangeDb: 6.2,
      curves: {
        hopSec: 0.1,
        momentaryStartSec: 0.4,
        shortTermStartSec: 3,
        momentary: [null, null, ...curve(40, -9)],
        shortTerm: curve(20, -8.5),
      },
      platforms: platforms(integrated, truePeak),
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

export function stereoReference(): AnalysisResult {
  const result = stereoMix('pro-reference.flac');
  result.file.container = 'flac';
  result.file.codec = 'flac';
  result.file.bitDepth = 16;
  result.file.bitRateKbps = 980.5;
  result.loudness.integratedLufs = -7.9;
  result.loudness.momentaryMaxLufs = -5.1;
  result.loudness.shortTermMaxLufs = -6.4;
  result.loudness.loudnessRangeLu = 5.1;
  result.loudness.truePeakDbtp = -0.8;
  result.loudness.plrDb = 7.1;
  result.loudness.dynamicRangeDb = 7;
  result.loudness.platforms = platforms(-7.9, -0.8);
  result.spectrum.bands = bandsFromShares([0.09, 0.3, 0.12, 0.25, 0.15, 0.09], -10.1);
  result.spectrum.centroidHz = 2210;
  result.stereo!.widthScore = 44;
  result.stereo!.correlation = 0.71;
  result.stereo!.sideToMidDb = -9.8;
  result.tempo!.bpm = 126;
  result.issues = [];
  return result;
}

export function monoVoice(): AnalysisResult {
  const result = stereoMix('podcast-intro.mp3');
  Object.assign(result.file, {
    container: 'mp3',
    codec: 'mp3',
    channels: 1,
    channelLayout: 'mono',
    bitDepth: null,
    bitRateKbps: 128,
    durationSec: 41.8,
    reasons: { bitDepth: 'MP3 is a lossy format with no fixed bit depth' },
  });
  Object.assign(result.loudness, {
    integratedLufs: -18.2,
    truePeakPerChannelDbtp: [-1.6],
    samplePeakPerChannelDbfs: [-1.9],
    truePeakDbtp: -1.6,
    samplePeakDbfs: -1.9,
    plrDb: 16.6,
    platforms: platforms(-18.2, -1.6),
  });
  result.stereo = null;
  result.tempo = {
    bpm: null,
    confidence: null,
    stability: null,
    beats: [],
    reasons: {
      bpm: 'No steady pulse found',
      confidence: 'No steady pulse found',
      stability: 'No steady pulse found',
    },
  };
  result.issues = [];
  result.reasons = { stereo: 'Mono file: no stereo image to measure' };
  return result;
}

export function silentFile(): AnalysisResult {
  const noSignal = 'The file is digital silence';
  const result = stereoMix('silence.wav');
  result.file.durationSec = 10;
  result.loudness = {
    integratedLufs: null,
    momentaryMaxLufs: null,
    shortTermMaxLufs: null,
    loudnessRangeLu: null,
    truePeakDbtp: null,
    truePeakPerChannelDbtp: [null, null],
    samplePeakDbfs: null,
    samplePeakPerChannelDbfs: [null, null],
    rmsDbfs: null,
    crestFactorDb: null,
    plrDb: null,
    dynamicRangeDb: null,
    curves: {
      hopSec: 0.1,
      momentaryStartSec: 0.4,
      shortTermStartSec: 3,
      momentary: [null, null, null],
      shortTerm: [null],
    },
    platforms: platforms(null, null),
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
  };
  result.spectrum = {
    bands: BAND_EDGES.map(([name, lowHz, highHz]) => ({
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
  };
  result.stereo = {
    correlation: null,
    balanceDb: null,
    sideToMidDb: null,
    widthScore: null,
    bands: BAND_EDGES.map(([name]) => ({ name, correlation: null, width: null })),
    monoCompatibility: { foldDownLossDb: null, outOfPhaseBands: [] },
    reasons: {
      correlation: noSignal,
      balanceDb: noSignal,
      sideToMidDb: noSignal,
      widthScore: noSignal,
      bands: noSignal,
      foldDownLossDb: noSignal,
    },
  };
  result.tempo = null;
  result.key = null;
  result.transients = null;
  result.issues = [
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
  ];
  result.reasons = { tempo: noSignal, key: noSignal, transients: noSignal };
  return result;
}
