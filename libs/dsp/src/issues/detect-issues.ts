import { amplitudeToDb, round } from '../math/level.ts';
import type { AudioIssue } from '@mixscope/contracts';
import type { AudioData } from '../audio-data.ts';
import { scanChannel, type ChannelScan } from './clipping-scan.ts';
import { OUT_OF_PHASE_CORRELATION, scanPhase } from './phase-windows.ts';
import { silenceEdges } from './silence-edges.ts';

export interface IssueContext {
  /** Runs of oversampled values above 0 dBTP, from the true-peak meter. */
  truePeakOvers: { count: number; times: number[] };
  /** NaN or infinite samples the decoder replaced with silence. */
  invalidSampleCount?: number;
}

/** Clipping events on one channel from which the finding is an error rather than a warning. */
export const CLIPPING_ERROR_EVENTS = 10;
/** |mean| at or above this (-60 dBFS) is reported as a DC offset … */
export const DC_OFFSET_INFO_LEVEL = 0.001;
/** … and at or above this (-40 dBFS), as a warning. */
export const DC_OFFSET_WARNING_LEVEL = 0.01;
/** Out-of-phase share of the judged time from which the finding is an error. */
export const OUT_OF_PHASE_ERROR_SHARE = 0.25;
/** Leading or trailing silence shorter than this is not reported. */
export const MIN_EDGE_SILENCE_SEC = 0.5;
export const LEADING_SILENCE_WARNING_SEC = 2;
export const TRAILING_SILENCE_WARNING_SEC = 5;

const MAX_TIMES = 100;
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * Technical problems in decoded audio: clipping, true-peak overs, DC offset, out-of-phase
 * passages, silence at the edges and invalid samples. One pass per channel, one over the
 * stereo pair; the silence check reads only the silent edges. Sorted errors first.
 */
export function detectIssues(audio: AudioData, context: IssueContext): AudioIssue[] {
  const { channels, sampleRate } = audio;
  const label = (c: number) => audio.channelLabels[c] ?? `channel ${c + 1}`;
  const issues: AudioIssue[] = [];

  const invalid = context.invalidSampleCount ?? 0;
  if (invalid > 0) {
    issues.push({
      code: 'invalid-samples',
      severity: 'error',
      message: `${invalid} NaN or infinite samples were replaced by silence; re-export the file`,
      value: invalid,
      unit: 'samples',
      count: invalid,
      times: [],
      channel: null,
    });
  }

  channels.forEach((samples, c) => {
    const scan = scanChannel(samples, sampleRate);
    if (scan.clipEvents > 0) issues.push(clippingIssue(scan, c, label(c)));
    const dc = Math.abs(scan.mean);
    if (dc >= DC_OFFSET_INFO_LEVEL) {
      const dcDb = round(amplitudeToDb(dc), 1);
      const sign = scan.mean > 0 ? 'positive' : 'negative';
      issues.push({
        code: 'dc-offset',
        severity: dc >= DC_OFFSET_WARNING_LEVEL ? 'warning' : 'info',
        message: `${sign} DC offset on ${label(c)} at ${dcDb} dBFS; remove it with a DC filter or high-pass`,
        value: dcDb,
        unit: 'dBFS',
        count: null,
        times: [],
        channel: c,
      });
    }
  });

  const overs = context.truePeakOvers;
  if (overs.count > 0) {
    issues.push({
      code: 'true-peak-over',
      severity: 'warning',
      message:
        `${overs.count} true-peak ${plural(overs.count, 'over', 'overs')} above 0 dBTP` +
        `${firstAt(overs.times)}; set the limiter ceiling to -1 dBTP with true-peak detection`,
      value: overs.count,
      unit: 'overs',
      count: overs.count,
      times: overs.times.slice(0, MAX_TIMES),
      channel: null,
    });
  }

  const pair = stereoPair(audio);
  if (pair) {
    const phase = scanPhase(channels[pair[0]], channels[pair[1]], sampleRate);
    if (phase.passages > 0) {
      const share = phase.judgedSec > 0 ? phase.outOfPhaseSec / phase.judgedSec : 0;
      issues.push({
        code: 'out-of-phase',
        severity: share >= OUT_OF_PHASE_ERROR_SHARE ? 'error' : 'warning',
        message:
          `left and right are out of phase (correlation below ${OUT_OF_PHASE_CORRELATION}) for ` +
          `${formatSeconds(phase.outOfPhaseSec)} in ${phase.passages} ` +
          `${plural(phase.passages, 'passage', 'passages')}${firstAt(phase.times)}; ` +
          'check polarity and stereo wideners, and listen in mono',
        value: round(phase.outOfPhaseSec, 2),
        unit: 's',
        count: phase.passages,
        times: phase.times,
        channel: null,
      });
    }
  }

  issues.push(...silenceIssues(channels, sampleRate));
  return issues.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

function clippingIssue(scan: ChannelScan, channel: number, label: string): AudioIssue {
  const above =
    scan.samplesAboveFullScale > 0
      ? `, ${scan.samplesAboveFullScale} ${plural(scan.samplesAboveFullScale, 'sample', 'samples')} above full scale`
      : '';
  return {
    code: 'clipping',
    severity: scan.clipEvents >= CLIPPING_ERROR_EVENTS ? 'error' : 'warning',
    message:
      `clipping on ${label}: ${scan.clipEvents} ${plural(scan.clipEvents, 'run', 'runs')} at full scale` +
      `${above}${firstAt(scan.clipTimes)}; lower the gain before the limiter`,
    value: scan.clippedSamples,
    unit: 'samples',
    count: scan.clipEvents,
    times: scan.clipTimes,
    channel,
  };
}

function silenceIssues(channels: Float32Array[], sampleRate: number): AudioIssue[] {
  const length = channels[0]?.length ?? 0;
  if (length === 0) return [];
  const edges = silenceEdges(channels);
  const durationSec = length / sampleRate;
  if (edges.silent) {
    return [
      {
        code: 'silence-start',
        severity: 'error',
        message: `the file is silent: nothing reaches -60 dBFS in ${formatSeconds(durationSec)}`,
        value: round(durationSec, 2),
        unit: 's',
        count: null,
        times: [0],
        channel: null,
      },
    ];
  }
  const leadingSec = edges.leadingFrames / sampleRate;
  const trailingSec = edges.trailingFrames / sampleRate;
  return [
    edgeSilenceIssue(
      'silence-start',
      leadingSec,
      LEADING_SILENCE_WARNING_SEC,
      'before the audio starts',
      0,
    ),
    edgeSilenceIssue(
      'silence-end',
      trailingSec,
      TRAILING_SILENCE_WARNING_SEC,
      'after the audio ends',
      round(durationSec - trailingSec, 3) as number,
    ),
  ].filter((issue): issue is AudioIssue => issue !== null);
}

/** Silence at one end of the file, or null when it is too short to mention. */
function edgeSilenceIssue(
  code: 'silence-start' | 'silence-end',
  silenceSec: number,
  warningSec: number,
  where: string,
  startsAtSec: number,
): AudioIssue | null {
  if (silenceSec >= MIN_EDGE_SILENCE_SEC) {
    return {
      code,
      severity: silenceSec >= warningSec ? 'warning' : 'info',
      message: `${formatSeconds(silenceSec)} of silence ${where}; trim it unless intended`,
      value: round(silenceSec, 2),
      unit: 's',
      count: null,
      times: [startsAtSec],
      channel: null,
    };
  }
  return null;
}

/** Front left and right when labelled so, else the two channels of a two-channel file. */
function stereoPair(audio: AudioData): [number, number] | null {
  const left = audio.channelLabels.indexOf('FL');
  const right = audio.channelLabels.indexOf('FR');
  if (left >= 0 && right >= 0) return [left, right];
  return audio.channels.length === 2 ? [0, 1] : null;
}

function firstAt(times: number[]): string {
  return times.length > 0 ? `, first at ${formatClock(times[0])}` : '';
}

/** 72.25 → "1:12.3" */
function formatClock(seconds: number): string {
  const tenths = Math.round(seconds * 10);
  const minutes = Math.floor(tenths / 600);
  const rest = (tenths - minutes * 600) / 10;
  return `${minutes}:${rest < 10 ? '0' : ''}${rest.toFixed(1)}`;
}

function formatSeconds(seconds: number): string {
  return `${round(seconds, 1)} s`;
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
