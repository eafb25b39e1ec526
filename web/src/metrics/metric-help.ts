/**
 * What each metric means and what a good value looks like, shown when a card is hovered or
 * focused: condensed from docs/metrics.md, which has the full text and the standards.
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
    what: 'Loudness of the whole file (ITU-R BS.1770), gated so silence and quiet passages do not pull it down. The figure streaming services normalise by.',
    good: 'Streaming plays louder files at its target (−14 LUFS on Spotify, YouTube, Tidal, Amazon; −16 on Apple Music): level above it is turned down and buys only lost dynamics. Loud pop/EDM masters sit around −9 to −6 LUFS; broadcast (EBU R128) asks for −23.',
  },
  loudnessRangeLu: {
    label: 'Loudness range',
    unit: 'LU',
    what: 'LRA (EBU Tech 3342): spread of the short-term loudness between its 10th and 95th percentile. Macro-dynamics: verse against chorus, not drum hits.',
    good: 'Below about 4 LU is very even (dense pop, EDM); 5–10 LU suits most pop and rock with section contrast; 15 LU and up is classical, film or live.',
  },
  truePeakDbtp: {
    label: 'True peak',
    unit: 'dBTP',
    what: 'Highest level of the reconstructed (oversampled) waveform, including peaks between samples that clip in DACs and lossy encoders.',
    good: 'At or below −1 dBTP for delivery (EBU R128, AES TD1008, Spotify); −2 dBTP is safer for masters louder than −14 LUFS. Above 0 dBTP will clip somewhere.',
  },
  samplePeakDbfs: {
    label: 'Sample peak',
    unit: 'dBFS',
    what: 'Highest absolute sample value. It misses the peaks between samples that true peak catches.',
    good: 'Below 0 dBFS. A sample peak near 0 with a true peak above it is the mark of a limiter without true-peak detection.',
  },
  plrDb: {
    label: 'PLR',
    unit: 'dB',
    what: 'Peak-to-loudness ratio: true peak minus integrated loudness, how far peaks stand above the loudness. It is what survives normalisation.',
    good: 'Loud modern masters: about 7–9 dB; 10–14 dB keeps noticeably more punch. A track needs PLR ≤ 13 dB to be raised to −14 LUFS without peaks above −1 dBTP.',
  },
  dynamicRangeDb: {
    label: 'DR',
    unit: 'dB',
    what: 'The TT Dynamic Range Meter figure: peak against the RMS of the loudest 20 % of 3 s blocks, averaged over channels.',
    good: 'DR 1–7 reads as heavily compressed, DR 8–13 moderate, DR 14 and up dynamic. Best for comparing masters of the same song.',
  },
  crestFactorDb: {
    label: 'Crest factor',
    unit: 'dB',
    what: 'Sample peak minus RMS: how far peaks stand above the average level. Micro-dynamics.',
    good: 'Heavily limited masters measure about 8–11 dB; unmastered mixes and acoustic recordings often 14 dB or more. A sine is 3 dB.',
  },
  rmsDbfs: {
    label: 'RMS level',
    unit: 'dBFS',
    what: 'Unweighted RMS over all samples of all channels (a full-scale sine reads −3.01 dBFS).',
    good: 'No target; it is the base of the crest factor. It counts low end fully, so bass-heavy mixes read high here relative to their loudness.',
  },
  momentaryMaxLufs: {
    label: 'Max momentary',
    unit: 'LUFS',
    what: 'Loudest 400 ms window: hits, drops and shouted lines.',
    good: 'Usually a few LU above integrated. Far above the short-term max points at isolated spikes (a snare, a plosive).',
  },
  shortTermMaxLufs: {
    label: 'Max short-term',
    unit: 'LUFS',
    what: 'Loudest 3 s window: the loudest passage, e.g. the last chorus.',
    good: '2–5 LU above integrated in a song with a build; close to integrated in a track that stays flat out.',
  },
  widthScore: {
    label: 'Stereo width',
    unit: '/ 100',
    what: 'Band widths (1 − correlation) averaged with weights that favour the highs, the way width is perceived. 0 is mono.',
    good: 'Compare with a reference in the genre: a score well above it together with low band correlations is a mono-compatibility risk.',
  },
  correlation: {
    label: 'Correlation',
    unit: '',
    what: 'Phase correlation of left and right over the file: +1 identical (mono), 0 unrelated, −1 inverted.',
    good: 'Most stereo mixes sit between +0.3 and +0.9. Near +1 is close to mono; below 0 cancels in mono.',
  },
  balanceDb: {
    label: 'L/R balance',
    unit: 'dB',
    what: 'Left energy over right energy; positive means the left channel is louder.',
    good: 'Within about ±0.5 dB. More than about 1 dB is usually unintended: a dominating panned element or a channel gain mismatch.',
  },
  sideToMidDb: {
    label: 'Side / mid',
    unit: 'dB',
    what: 'Energy of the side signal (L−R)/2 over the mid (L+R)/2.',
    good: 'Follows the correlation: r = 0.9 gives about −13 dB, r = 0.5 about −5 dB. Near 0 dB or above is very wide and fragile in mono.',
  },
  foldDownLossDb: {
    label: 'Mono fold-down',
    unit: 'LU',
    what: 'Loudness of the mono fold-down minus the stereo loudness: what is lost on a phone speaker or a mono club system.',
    good: '0 LU loses nothing. About −3 LU means largely unrelated channels; worse than −3 LU means cancellation, and elements will drop out in mono.',
  },
  bpm: {
    label: 'Tempo',
    unit: 'BPM',
    what: 'Estimated tempo, with how clearly it stands out from the alternatives.',
    good: 'Matches the session tempo. Half or double tempo is the usual estimation error and the same musical grid; low confidence means a hint at best.',
  },
  key: {
    label: 'Key',
    unit: '',
    what: 'Estimated key from the chroma (pitch-class) profile matched against major and minor key profiles.',
    good: 'Agrees with the song. Usual confusions: the relative key (C major / A minor), the dominant and the parallel key. Low confidence: treat as a hint.',
  },
  onsetDensity: {
    label: 'Onset density',
    unit: '/ s',
    what: 'Detected note and hit onsets per second over the analysed range.',
    good: 'Describes rhythmic activity: low for pads and ballads, high for busy drums and fast riffs.',
  },
  attackSharpness: {
    label: 'Attack sharpness',
    unit: '',
    what: 'How abruptly onsets rise, 0–1 (1 is very sharp).',
    good: 'Higher is punchier. Heavy limiting and fast-attack compression round attacks off and lower it; compare with a reference.',
  },
  centroidHz: {
    label: 'Spectral centroid',
    unit: 'Hz',
    what: 'The spectrum’s centre of gravity, weighted by amplitude: higher reads brighter, lower darker. The 85 % rolloff is weighted by power, which favours the loud low end, so on most music the centroid sits above the rolloff.',
    good: 'Depends heavily on genre: compare with a reference.',
  },
  durationSec: {
    label: 'Duration',
    unit: '',
    what: 'Length of the decoded audio, with the file’s format.',
    good: 'No target.',
  },
} satisfies Record<string, MetricHelp>;

export type MetricKey = keyof typeof METRIC_HELP;
