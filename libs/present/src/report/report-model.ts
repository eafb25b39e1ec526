/**
 * The content of a report, independent of how it is drawn: the text and Markdown reports render
 * the same model, so they always show the same figures.
 */
import { COMPARED_METRICS, metricLabel } from '@mixscope/contracts';
import type {
  AnalysisResult,
  CommentDto,
  Feedback,
  AudioIssue,
  ComparisonResult,
  LoudnessResult,
  Reasons,
  SpectrumResult,
  StereoResult,
} from '@mixscope/contracts';
import { formatBytes } from '../format/format-bytes.ts';
import { formatDuration } from '../format/format-duration.ts';
import { formatFrequencyRange, formatHz } from '../format/format-frequency.ts';
import { bandLabel } from '../format/format-label.ts';
import {
  keyEstimateText,
  tempoEstimateText,
  type EstimateText,
} from '../format/format-estimate.ts';
import {
  deltaUnit,
  formatNumber,
  formatPercent,
  NULL_MARK,
  withUnit,
} from '../format/format-number.ts';
import { commentsSection } from './comments-section.ts';
import { feedbackSection } from './feedback-section.ts';
import { chorusComparisonBlock, sectionsSection } from './sections-section.ts';

import { codecPlaysOver, playsOverLimit } from '../format/platform-peaks.ts';
import { codecSection } from './codec-section.ts';

export type Tone = 'plain' | 'good' | 'warn' | 'bad' | 'muted';

export interface Pair {
  label: string;
  value: string;
  /** Why the value is missing, or a short qualifier. */
  note?: string;
  tone?: Tone;
}

export interface Cell {
  text: string;
  tone?: Tone;
}

export interface Column {
  title: string;
  align: 'left' | 'right';
}

/** A bar drawn after each table row in the terminal: `values` in [0, 1], or [-1, 1] when diverging. */
export interface BarSpec {
  values: (number | null)[];
  diverging: boolean;
  /** What a full bar means, shown in the header, e.g. "±6 dB". */
  scaleLabel: string;
}

export type Block = (
  | { kind: 'pairs'; rows: Pair[] }
  | { kind: 'table'; columns: Column[]; rows: Cell[][]; bar?: BarSpec; notes: string[] }
  | { kind: 'text'; lines: string[] }
  | { kind: 'list'; items: string[]; ordered: boolean }
) & {
  /** A heading of its own inside the section, e.g. "Strengths". */
  title?: string;
};

export interface ReportSection {
  title: string;
  blocks: Block[];
}

export interface ReportModel {
  title: string;
  sections: ReportSection[];
  footer: string;
}

export interface ReportContent {
  /** The written feedback; the report gains a Feedback section after the measurements. */
  feedback?: Feedback;
  /** The team's comments on the analysis (GET /api/analyses/:id/comments); a Comments section follows. */
  comments?: readonly CommentDto[];
}

/** Full-scale of the per-band comparison bar. */
const BAND_DELTA_SCALE_DB = 6;
/** Durations and times in the report are read to a tenth of a second, as the issues report them. */
const TENTHS = { tenths: true };

export function buildReportModel(result: AnalysisResult, content: ReportContent = {}): ReportModel {
  const sections: ReportSection[] = [
    fileSection(result),
    loudnessSection(result.loudness, result),
    spectrumSection(result.spectrum),
    stereoSection(result.stereo, result.reasons),
    musicalSection(result),
    issuesSection(result.issues),
  ];
  const sectionsTable = sectionsSection(result.sections, result.reasons);
  if (sectionsTable) sections.splice(sections.length - 1, 0, sectionsTable);

  const codecs = codecSection(result);
  if (codecs) sections.splice(2, 0, codecs);
  if (result.comparison) sections.push(comparisonSection(result.comparison, result));
  if (content.feedback) sections.push(feedbackSection(content.feedback));
  if (content.comments?.length) sections.push(commentsSection(content.comments));
  const totalMs =
    result.timingsMs.total ?? Object.values(result.timingsMs).reduce((sum, ms) => sum + ms, 0);
  const footer = `Analysed by ${result.analyzer.name} ${result.analyzer.version}${
    totalMs > 0 ? ` in ${formatNumber(totalMs / 1000, 2)} s` : ''
  }`;
  return { title: `MixScope analysis — ${result.file.name}`, sections, footer };
}

/** A measured figure: the formatted value, or the null mark with its reason. */
function measure(
  label: string,
  value: number | null,
  format: (v: number) => string,
  reason?: string,
  tone?: Tone,
): Pair {
  if (value === null)
    return { label, value: NULL_MARK, note: reason ?? 'not measured', tone: 'muted' };
  return { label, value: format(value), tone };
}

/**
 * The two figures weigh the spectrum differently (docs/metrics.md#spectrum), so a centroid above the
 * rolloff is usual; each row says how it is weighted where the reader sees both.
 */
const CENTROID_NOTE = 'amplitude-weighted mean frequency';
const ROLLOFF_NOTE = '85 % of the power lies below';

/** A measured figure with a short qualifier; a missing one keeps its reason instead. */
function qualified(pair: Pair, note: string): Pair {
  return pair.value === NULL_MARK ? pair : { ...pair, note };
}

/** A tempo or key row; an uncertain one says so beside the figure. */
function estimateRow(label: string, estimate: EstimateText): Pair {
  return estimate.uncertain
    ? { label, value: estimate.value, note: `${estimate.confidence}: a guess`, tone: 'warn' }
    : { label, value: estimate.value };
}

function reasonFor(reasons: Reasons, ...keys: string[]): string | undefined {
  return keys.map((key) => reasons[key]).find((reason) => reason !== undefined);
}

function channelNames(result: AnalysisResult): string[] {
  // A file of more than two channels is measured on its stereo downmix.
  const count = result.file.downmix ? 2 : result.file.channels;
  if (count === 2) return ['L', 'R'];
  if (count === 1) return ['M'];
  return Array.from({ length: count }, (_, i) => `ch${i + 1}`);
}

function fileSection(result: AnalysisResult): ReportSection {
  const file = result.file;
  const layout = file.channelLayout ? ` (${file.channelLayout})` : '';
  const rows: Pair[] = [
    { label: 'Name', value: file.name },
    { label: 'Format', value: `${file.container} / ${file.codec}` },
    { label: 'Sample rate', value: `${file.sampleRate} Hz` },
    { label: 'Channels', value: `${file.channels}${layout}` },
    ...(file.downmix ? [{ label: 'Measured on', value: file.downmix }] : []),
    measure('Bit depth', file.bitDepth, (v) => `${v}-bit`, file.reasons.bitDepth),
    measure('Bit rate', file.bitRateKbps, (v) => withUnit(v, 'kbps', 0), file.reasons.bitRateKbps),
    { label: 'Duration', value: formatDuration(file.durationSec, TENTHS) },
    { label: 'Size', value: formatBytes(file.sizeBytes) },
  ];
  return { title: 'File', blocks: [{ kind: 'pairs', rows }] };
}

function peakTone(dbtp: number): Tone {
  if (dbtp > 0) return 'bad';
  return dbtp > -1 ? 'warn' : 'plain';
}

function loudnessSection(loudness: LoudnessResult, result: AnalysisResult): ReportSection {
  const r = loudness.reasons;
  const lufs = (v: number) => withUnit(v, 'LUFS');
  const db = (v: number) => withUnit(v, 'dB');
  const names = channelNames(result);
  const perChannel = (values: (number | null)[], unit: string) =>
    values
      .map(
        (v, i) =>
          `${names[i] ?? `ch${i + 1}`} ${v === null ? NULL_MARK : formatNumber(v, 1, true)}`,
      )
      .join(', ') + ` ${unit}`;

  const rows: Pair[] = [
    measure('Integrated loudness', loudness.integratedLufs, lufs, r.integratedLufs),
    measure('Momentary max', loudness.momentaryMaxLufs, lufs, r.momentaryMaxLufs),
    measure('Short-term max', loudness.shortTermMaxLufs, lufs, r.shortTermMaxLufs),
    measure(
      'Loudness range',
      loudness.loudnessRangeLu,
      (v) => withUnit(v, 'LU'),
      r.loudnessRangeLu,
    ),
    measure(
      'True peak',
      loudness.truePeakDbtp,
      (v) => withUnit(v, 'dBTP', 1, true),
      r.truePeakDbtp,
      loudness.truePeakDbtp === null ? undefined : peakTone(loudness.truePeakDbtp),
    ),
  ];
  if (loudness.truePeakPerChannelDbtp.length > 1 && loudness.truePeakDbtp !== null) {
    rows.push({
      label: '  per channel',
      value: perChannel(loudness.truePeakPerChannelDbtp, 'dBTP'),
    });
  }
  rows.push(
    measure(
      'Sample peak',
      loudness.samplePeakDbfs,
      (v) => withUnit(v, 'dBFS', 1, true),
      r.samplePeakDbfs,
    ),
  );
  if (loudness.samplePeakPerChannelDbfs.length > 1 && loudness.samplePeakDbfs !== null) {
    rows.push({
      label: '  per channel',
      value: perChannel(loudness.samplePeakPerChannelDbfs, 'dBFS'),
    });
  }
  rows.push(
    measure('RMS', loudness.rmsDbfs, (v) => withUnit(v, 'dBFS'), r.rmsDbfs),
    measure('Crest factor', loudness.crestFactorDb, db, r.crestFactorDb),
    measure('PLR', loudness.plrDb, db, r.plrDb),
    measure(
      'DR',
      loudness.dynamicRangeDb,
      (v) => `${withUnit(v, 'dB')} (DR${Math.round(v)})`,
      r.dynamicRangeDb,
    ),
  );

  const blocks: Block[] = [{ kind: 'pairs', rows }];
  if (loudness.platforms.length > 0) {
    const columns: Column[] = [
      { title: 'Platform', align: 'left' },
      { title: 'Target', align: 'right' },
      { title: 'Peak limit', align: 'right' },
      { title: 'Gain', align: 'right' },
      { title: 'Plays at', align: 'right' },
      { title: 'Peak after', align: 'right' },
      { title: 'Limit', align: 'left' },
      { title: 'Note', align: 'left' },
    ];
    const tableRows: Cell[][] = loudness.platforms.map((p) => [
      { text: p.name },
      { text: p.targetLufs === null ? 'none' : withUnit(p.targetLufs, 'LUFS') },
      {
        text:
          p.truePeakLimitDbtp === null ? 'none' : withUnit(p.truePeakLimitDbtp, 'dBTP', 1, true),
      },
      { text: withUnit(p.gainDb, 'dB', 1, true) },
      { text: withUnit(p.resultingLufs, 'LUFS') },
      {
        text: withUnit(p.resultingTruePeakDbtp, 'dBTP', 1, true),
        tone: playsOverLimit(p) ? 'bad' : undefined,
      },
      p.truePeakLimitDbtp === null || p.resultingTruePeakDbtp === null
        ? { text: NULL_MARK, tone: 'muted' }
        : playsOverLimit(p)
          ? { text: 'over', tone: 'bad' }
          : { text: 'ok', tone: 'good' },
      { text: p.note, tone: 'muted' },
    ]);
    const notes: string[] = [];
    if (loudness.integratedLufs === null && loudness.platforms.some((p) => p.gainDb === null)) {
      notes.push(`Gain: ${r.integratedLufs ?? 'no integrated loudness'}`);
    }
    const encoded = loudness.platforms.filter((p) => p.codecTruePeakDbtp !== undefined);
    if (encoded.length > 0) {
      const peaks = encoded.map(
        (p) =>
          `${p.name} ${withUnit(p.codecTruePeakDbtp, 'dBTP', 1, true)}${codecPlaysOver(p) ? ' (over)' : ''}`,
      );
      notes.push(`Peak after its codec and gain: ${peaks.join(', ')}`);
    }
    blocks.push({ kind: 'table', columns, rows: tableRows, notes });
  }
  return { title: 'Loudness & dynamics', blocks };
}

function spectrumSection(spectrum: SpectrumResult): ReportSection {
  const r = spectrum.reasons;
  const columns: Column[] = [
    { title: 'Band', align: 'left' },
    { title: 'Range', align: 'left' },
    { title: 'Share', align: 'right' },
    { title: 'Relative', align: 'right' },
    { title: 'Level', align: 'right' },
  ];
  const rows: Cell[][] = spectrum.bands.map((band) => [
    { text: bandLabel(band.name) },
    { text: formatFrequencyRange(band.lowHz, band.highHz) },
    { text: formatPercent(band.share) },
    { text: withUnit(band.db, 'dB') },
    { text: withUnit(band.levelDbfs, 'dBFS') },
  ]);
  const largest = Math.max(0, ...spectrum.bands.map((b) => b.share ?? 0));
  const notes = spectrum.bands.flatMap((band) => {
    if (band.share !== null && band.db !== null && band.levelDbfs !== null) return [];
    const reason = reasonFor(r, `bands.${band.name}`, band.name, 'bands') ?? 'not measured';
    return [`${bandLabel(band.name)}: ${reason}`];
  });
  const bar: BarSpec | undefined =
    largest > 0
      ? {
          values: spectrum.bands.map((b) => (b.share === null ? null : b.share / largest)),
          diverging: false,
          scaleLabel: `share, full = ${formatPercent(largest, 0)}`,
        }
      : undefined;
  return {
    title: 'Spectrum',
    blocks: [
      { kind: 'table', columns, rows, bar, notes: collapseRepeats(notes) },
      {
        kind: 'pairs',
        rows: [
          qualified(
            measure('Spectral centroid', spectrum.centroidHz, formatHz, r.centroidHz),
            CENTROID_NOTE,
          ),
          qualified(
            measure('Spectral rolloff', spectrum.rolloffHz, formatHz, r.rolloffHz),
            ROLLOFF_NOTE,
          ),
          measure('Spectral flatness', spectrum.flatness, (v) => formatNumber(v, 3), r.flatness),
        ],
      },
    ],
  };
}

function stereoSection(stereo: StereoResult | null, documentReasons: Reasons): ReportSection {
  if (stereo === null) {
    return {
      title: 'Stereo',
      blocks: [
        { kind: 'pairs', rows: [measure('Stereo image', null, String, documentReasons.stereo)] },
      ],
    };
  }
  const r = stereo.reasons;
  const mono = stereo.monoCompatibility;
  const balance = (v: number) => {
    const side = Math.abs(v) < 0.05 ? 'centred' : v > 0 ? 'left louder' : 'right louder';
    return `${withUnit(v, 'dB', 1, true)} (${side})`;
  };
  const rows: Pair[] = [
    measure(
      'Correlation',
      stereo.correlation,
      (v) => formatNumber(v, 2, true),
      r.correlation,
      stereo.correlation !== null && stereo.correlation < 0 ? 'bad' : undefined,
    ),
    measure('L/R balance', stereo.balanceDb, balance, r.balanceDb),
    measure('Side/mid', stereo.sideToMidDb, (v) => withUnit(v, 'dB'), r.sideToMidDb),
    measure('Width score', stereo.widthScore, (v) => `${formatNumber(v, 0)} / 100`, r.widthScore),
    measure(
      'Mono fold-down',
      mono.foldDownLossDb,
      (v) => withUnit(v, 'LU', 1, true),
      reasonFor(r, 'monoCompatibility.foldDownLossDb', 'foldDownLossDb', 'monoCompatibility'),
    ),
    {
      label: 'Out-of-phase bands',
      value:
        mono.outOfPhaseBands.length === 0 ? 'none' : mono.outOfPhaseBands.map(bandLabel).join(', '),
      tone: mono.outOfPhaseBands.length === 0 ? 'good' : 'bad',
    },
  ];
  const columns: Column[] = [
    { title: 'Band', align: 'left' },
    { title: 'Correlation', align: 'right' },
    { title: 'Width', align: 'right' },
  ];
  const tableRows: Cell[][] = stereo.bands.map((band) => [
    { text: bandLabel(band.name) },
    {
      text: band.correlation === null ? NULL_MARK : formatNumber(band.correlation, 2, true),
      tone: band.correlation !== null && band.correlation < 0 ? 'bad' : undefined,
    },
    { text: band.width === null ? NULL_MARK : formatNumber(band.width, 2) },
  ]);
  const notes = stereo.bands.flatMap((band) =>
    band.correlation === null || band.width === null
      ? [
          `${bandLabel(band.name)}: ${reasonFor(r, `bands.${band.name}`, band.name, 'bands') ?? 'not measured'}`,
        ]
      : [],
  );
  return {
    title: 'Stereo',
    blocks: [
      { kind: 'pairs', rows },
      {
        kind: 'table',
        columns,
        rows: tableRows,
        bar: {
          values: stereo.bands.map((b) => b.width),
          diverging: false,
          scaleLabel: 'width, full = 1',
        },
        notes: collapseRepeats(notes),
      },
    ],
  };
}

function musicalSection(result: AnalysisResult): ReportSection {
  const { tempo, key, transients } = result;
  const rows: Pair[] = [];
  if (tempo === null) {
    rows.push(measure('Tempo', null, String, result.reasons.tempo));
  } else {
    const estimate = tempoEstimateText(tempo);
    rows.push(
      estimate === null
        ? measure('Tempo', null, String, tempo.reasons.bpm)
        : estimateRow('Tempo', estimate),
      measure(
        'Tempo confidence',
        tempo.confidence,
        (v) => formatNumber(v, 2),
        tempo.reasons.confidence,
      ),
      measure(
        'Tempo stability',
        tempo.stability,
        (v) => formatNumber(v, 2),
        tempo.reasons.stability,
      ),
      { label: 'Beats', value: `${tempo.beats.length} detected` },
    );
  }
  if (key === null) {
    rows.push(measure('Key', null, String, result.reasons.key));
  } else {
    const estimate = keyEstimateText(key);
    rows.push(
      estimate === null
        ? {
            label: 'Key',
            value: NULL_MARK,
            note: reasonFor(key.reasons, 'label', 'tonic', 'mode') ?? 'not measured',
            tone: 'muted',
          }
        : estimateRow('Key', estimate),
      measure('Key confidence', key.confidence, (v) => formatNumber(v, 2), key.reasons.confidence),
    );
  }
  if (transients === null) {
    rows.push(measure('Transients', null, String, result.reasons.transients));
  } else {
    rows.push(
      { label: 'Onset density', value: withUnit(transients.onsetDensityPerSec, '/s') },
      { label: 'Attack sharpness', value: formatNumber(transients.attackSharpness, 2) },
      measure(
        'Median attack',
        transients.medianAttackMs,
        (v) => withUnit(v, 'ms'),
        transients.reasons.medianAttackMs,
      ),
      {
        label: 'Analysed range',
        value: `${formatDuration(transients.analyzedFromSec, TENTHS)}–${formatDuration(transients.analyzedToSec, TENTHS)}`,
      },
    );
  }
  return { title: 'Tempo, key & transients', blocks: [{ kind: 'pairs', rows }] };
}

const SEVERITY_TONE: Record<AudioIssue['severity'], Tone> = {
  info: 'muted',
  warning: 'warn',
  error: 'bad',
};
const MAX_TIMES_SHOWN = 5;

function issuesSection(issues: AudioIssue[]): ReportSection {
  if (issues.length === 0)
    return { title: 'Issues', blocks: [{ kind: 'text', lines: ['None found.'] }] };
  const columns: Column[] = [
    { title: 'Severity', align: 'left' },
    { title: 'Issue', align: 'left' },
    { title: 'Value', align: 'right' },
    { title: 'Count', align: 'right' },
    { title: 'Channel', align: 'right' },
    { title: 'At', align: 'left' },
    { title: 'Detail', align: 'left' },
  ];
  const rows: Cell[][] = issues.map((issue) => {
    const shown = issue.times
      .slice(0, MAX_TIMES_SHOWN)
      .map((t) => formatDuration(t, TENTHS))
      .join(', ');
    const more = issue.times.length > MAX_TIMES_SHOWN ? ', …' : '';
    return [
      { text: issue.severity, tone: SEVERITY_TONE[issue.severity] },
      { text: issue.code },
      { text: issue.value === null ? NULL_MARK : withUnit(issue.value, issue.unit ?? '', 2) },
      { text: issue.count === null ? NULL_MARK : String(issue.count) },
      { text: issue.channel === null ? 'all' : String(issue.channel + 1) },
      { text: shown === '' ? NULL_MARK : shown + more },
      { text: issue.message },
    ];
  });
  return { title: 'Issues', blocks: [{ kind: 'table', columns, rows, notes: [] }] };
}

/** Notes for a tempo comparison where either side's tempo is only a guess. */
function uncertainTempoNotes(mix: AnalysisResult, comparison: ComparisonResult): string[] {
  const delta = comparison.deltas.find((d) => d.metric === 'tempoBpm');
  if (!delta || delta.delta === null) return [];
  const guesses = [
    ['the mix', tempoEstimateText(mix.tempo)],
    ['the reference', tempoEstimateText(mix.reference?.tempo)],
  ] as const;
  return guesses
    .filter(([, estimate]) => estimate?.uncertain)
    .map(
      ([side, estimate]) =>
        `${metricLabel('tempoBpm')}: ${side} reads ${estimate!.value} (${estimate!.confidence}), so the difference is a guess`,
    );
}

function comparisonSection(comparison: ComparisonResult, mix: AnalysisResult): ReportSection {
  const r = comparison.reasons;
  const decimals = new Map(COMPARED_METRICS.map((m) => [m.metric, m.decimals]));
  const header: Pair[] = [
    { label: 'Reference', value: comparison.referenceName },
    measure(
      'Loudness-match gain',
      comparison.loudnessMatchGainDb,
      (v) => withUnit(v, 'dB', 1, true),
      r.loudnessMatchGainDb,
    ),
  ];
  const metricRows: Cell[][] = comparison.deltas.map((d) => {
    const places = decimals.get(d.metric) ?? 2;
    const signed = d.unit === 'dBTP';
    return [
      { text: metricLabel(d.metric) },
      { text: withUnit(d.mix, d.unit, places, signed) },
      { text: withUnit(d.reference, d.unit, places, signed) },
      {
        text: withUnit(d.delta, deltaUnit(d.unit), places, true),
        tone: d.delta === null ? 'muted' : undefined,
      },
    ];
  });
  const metricNotes = [
    ...comparison.deltas
      .filter((d) => d.delta === null)
      .map((d) => `${metricLabel(d.metric)}: ${r[d.metric] ?? 'not measured'}`),
    ...uncertainTempoNotes(mix, comparison),
  ];

  const bandRows: Cell[][] = comparison.bands.map((b) => [
    { text: bandLabel(b.name) },
    { text: withUnit(b.mixDb, 'dBFS') },
    { text: withUnit(b.referenceDb, 'dBFS') },
    { text: withUnit(b.deltaDb, 'dB', 1, true), tone: b.deltaDb === null ? 'muted' : undefined },
  ]);
  const bandNotes = comparison.bands
    .filter((b) => b.deltaDb === null)
    .map(
      (b) =>
        `${bandLabel(b.name)}: ${reasonFor(r, `bands.${b.name}`, b.name, 'bands') ?? 'not measured'}`,
    );

  return {
    title: 'Comparison with reference',
    blocks: [
      { kind: 'pairs', rows: header },
      {
        kind: 'table',
        columns: [
          { title: 'Metric', align: 'left' },
          { title: 'Mix', align: 'right' },
          { title: 'Reference', align: 'right' },
          { title: 'Mix − ref', align: 'right' },
        ],
        rows: metricRows,
        notes: metricNotes,
      },
      {
        kind: 'table',
        columns: [
          { title: 'Band', align: 'left' },
          { title: 'Mix', align: 'right' },
          { title: 'Ref (matched)', align: 'right' },
          { title: 'Mix − ref', align: 'right' },
        ],
        rows: bandRows,
        bar: {
          values: comparison.bands.map((b) =>
            b.deltaDb === null ? null : Math.max(-1, Math.min(1, b.deltaDb / BAND_DELTA_SCALE_DB)),
          ),
          diverging: true,
          scaleLabel: `±${BAND_DELTA_SCALE_DB} dB`,
        },
        notes: bandNotes,
      },
      ...[chorusComparisonBlock(comparison)].filter((block) => block !== null),
    ],
  };
}

/** Six identical "band: reason" notes read better as one. */
function collapseRepeats(notes: string[]): string[] {
  const reasons = notes.map((n) => n.slice(n.indexOf(': ') + 2));
  if (notes.length > 1 && reasons.every((reason) => reason === reasons[0]))
    return [`All bands: ${reasons[0]}`];
  return notes;
}
