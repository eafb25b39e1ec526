/**
 * What each metric means and what a good value looks like, shown when a card is hovered or
 * focused. Same wording as docs/metrics.md.
 */
export interface MetricHelp {
  label: string;
  unit: string;
  what: string;
  good: string;
}

export const METRIC_HELP = {
  integratedLufs: {
    label: 'Integrated loudness',
    unit: 'LUFS',
    what: 'The loudness of the whole track (ITU-R BS.1770, gated), the figure streaming services normalise to.',
    good: 'Streaming masters usually sit between -14 and -9 LUFS; louder only means the platform turns it down more. Broadcast (EBU R128) asks for -23 LUFS.',
  },
  loudnessRangeLu: {
    label: 'Loudness range',
    unit: 'LU',
    what: 'How much the short-term loudness moves between the quiet and loud parts (EBU Tech 3342: 10th to 95th percentile).',
    good: 'Dense pop and EDM: 3-6 LU. Rock: 5-9 LU. Acoustic, jazz and classical: 8-20 LU. Under 3 LU usually means heavy compression.',
  },
  truePeakDbtp: {
    label: 'True peak',
    unit: 'dBTP',
    what: 'The highest level of the reconstructed waveform between samples (4x oversampled), which is what a DAC or a lossy encoder sees.',
    good: 'At or below -1.0 dBTP for streaming (-2.0 dBTP for masters louder than -14 LUFS). Above 0 dBTP clips after encoding.',
  },
  samplePeakDbfs: {
    label: 'Sample peak',
    unit: 'dBFS',
    what: 'The highest absolute sample value. It can miss overs between samples, which true peak catches.',
    good: 'Below 0 dBFS. Repeated samples at 0 dBFS mean clipping.',
  },
  plrDb: {
    label: 'PLR',
    unit: 'dB',
    what: 'Peak-to-loudness ratio: true peak minus integrated loudness, how far the peaks stand above the average loudness.',
    good: 'Around 8-14 dB keeps punch. Below 8 dB sounds squashed; streaming normalisation rewards higher PLR.',
  },
  dynamicRangeDb: {
    label: 'DR',
    unit: 'dB',
    what: 'The TT DR meter: peak-to-RMS of the loudest 20 % of 3-second blocks, averaged over channels.',
    good: 'DR 8 and above sounds open; DR 5-7 is typical of loud modern masters; below DR 5 is over-compressed.',
  },
  crestFactorDb: {
    label: 'Crest factor',
    unit: 'dB',
    what: 'Sample peak minus RMS over the whole file: how spiky the waveform is compared with its average.',
    good: 'Roughly 9-14 dB for dynamic mixes; under 8 dB means transients have been limited away.',
  },
  rmsDbfs: {
    label: 'RMS level',
    unit: 'dBFS',
    what: 'The average power of all samples of all channels (a full-scale sine reads -3.01 dBFS).',
    good: 'No target on its own; read it with the peak level (see crest factor).',
  },
  momentaryMaxLufs: {
    label: 'Max momentary',
    unit: 'LUFS',
    what: 'The loudest 400 ms window in the track.',
    good: 'Usually 2-5 LU above integrated loudness; much more means short bursts stick out.',
  },
  shortTermMaxLufs: {
    label: 'Max short-term',
    unit: 'LUFS',
    what: 'The loudest 3-second window in the track: the loudest passage.',
    good: 'A few LU above integrated loudness. Platforms with album or peak limits look at this.',
  },
  widthScore: {
    label: 'Stereo width',
    unit: '/ 100',
    what: 'How wide the mix sounds, from each band’s decorrelation (1 − correlation), weighted towards the highs where width is heard.',
    good: 'About 30-60 for most mixes. Near 0 is almost mono; above 70 often sounds phasey and collapses in mono.',
  },
  correlation: {
    label: 'Correlation',
    unit: '',
    what: 'How alike left and right are: +1 is mono, 0 unrelated, -1 one side inverted.',
    good: 'Between +0.3 and +0.9 overall. Below 0 cancels when summed to mono.',
  },
  balanceDb: {
    label: 'L/R balance',
    unit: 'dB',
    what: 'Left energy relative to right (positive: left is louder).',
    good: 'Within ±0.5 dB. More than 1 dB is heard as a lopsided mix.',
  },
  sideToMidDb: {
    label: 'Side / mid',
    unit: 'dB',
    what: 'Energy of the side signal (L−R) relative to the mid (L+R).',
    good: 'Typically -12 to -6 dB. Near 0 dB means as much side as centre, which weakens the centre image.',
  },
  foldDownLossDb: {
    label: 'Mono fold-down',
    unit: 'LU',
    what: 'Loudness change when the mix is summed to mono: what is lost on a phone speaker or club system.',
    good: 'Within 0 to -1.5 LU. A bigger loss means out-of-phase content disappears in mono.',
  },
  bpm: {
    label: 'Tempo',
    unit: 'BPM',
    what: 'The estimated beat rate, with how confident the estimate is.',
    good: 'No target: check it matches the session tempo. Low confidence suggests rubato or sparse percussion.',
  },
  key: {
    label: 'Key',
    unit: '',
    what: 'The estimated musical key from the pitch-class profile, with its confidence.',
    good: 'No target: useful for DJ sets and for checking harmonic content. Low confidence is normal for atonal or percussive tracks.',
  },
  onsetDensity: {
    label: 'Onset density',
    unit: '/ s',
    what: 'Note and drum onsets per second over the analysed range.',
    good: 'No target; busy genres read higher. Compare with a reference in the same genre.',
  },
  attackSharpness: {
    label: 'Attack sharpness',
    unit: '',
    what: 'How abruptly onsets rise, 0-1 (1 = very sharp).',
    good: 'Higher keeps drums punchy; a low value on a drum-heavy mix suggests transients were flattened by compression or limiting.',
  },
  centroidHz: {
    label: 'Spectral centroid',
    unit: 'Hz',
    what: 'The centre of mass of the spectrum: higher sounds brighter.',
    good: 'Most full mixes land between 1.5 and 3.5 kHz; compare with a reference in the genre.',
  },
  durationSec: {
    label: 'Duration',
    unit: '',
    what: 'Length of the decoded audio.',
    good: 'No target.',
  },
} satisfies Record<string, MetricHelp>;

export type MetricKey = keyof typeof METRIC_HELP;
