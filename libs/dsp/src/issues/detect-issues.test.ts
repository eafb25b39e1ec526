import { describe, expect, it } from 'vitest';
import type { AudioIssue } from '@mixscope/contracts';
import type { AudioData } from '../audio-data.ts';
import { detectIssues } from './detect-issues.ts';

const RATE = 48000;
const NO_OVERS = { truePeakOvers: { count: 0, times: [] } };

function tone(seconds: number, amplitude: number, hz = 1000, offset = 0): Float32Array {
  return Float32Array.from(
    { length: Math.round(seconds * RATE) },
    (_, i) => offset + amplitude * Math.sin((2 * Math.PI * hz * i) / RATE),
  );
}

function audio(channels: Float32Array[], labels?: string[]): AudioData {
  const defaults: Record<number, string[]> = { 1: ['FC'], 2: ['FL', 'FR'] };
  return { sampleRate: RATE, channels, channelLabels: labels ?? defaults[channels.length] };
}

function only(issues: AudioIssue[], code: AudioIssue['code']): AudioIssue[] {
  return issues.filter((issue) => issue.code === code);
}

/** Deterministic noise in [-a, a]. */
function noise(seconds: number, amplitude: number, seed: number): Float32Array {
  let x = seed;
  return Float32Array.from({ length: Math.round(seconds * RATE) }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return ((x >>> 0) / 2 ** 32 - 0.5) * 2 * amplitude;
  });
}

describe('detectIssues', () => {
  it('finds nothing in a clean in-phase stereo tone', () => {
    const clean = tone(3, 0.5);
    expect(detectIssues(audio([clean, clean.slice()]), NO_OVERS)).toEqual([]);
  });

  it('counts every flat top of a hard-clipped sine, with the first time from the formula', () => {
    // 1.5 × sin clamped to ±1: each half cycle has one flat run of ~13 samples at 1 kHz / 48 kHz.
    const clipped = tone(1, 1.5).map((x) => Math.max(-1, Math.min(1, x)));
    const [issue] = only(detectIssues(audio([clipped]), NO_OVERS), 'clipping');
    expect(issue.count).toBe(2000);
    expect(issue.severity).toBe('error');
    expect(issue.channel).toBe(0);
    expect(issue.times).toHaveLength(100);
    // First sample where 1.5·sin(2π·1000·t) reaches 0.999.
    const firstIndex = Math.ceil((Math.asin(0.999 / 1.5) / (2 * Math.PI * 1000)) * RATE);
    expect(issue.times[0]).toBeCloseTo(firstIndex / RATE, 9);
    let samplesAtFullScale = 0;
    for (const x of clipped) if (Math.abs(x) >= 0.999) samplesAtFullScale++;
    expect(issue.value).toBe(samplesAtFullScale);
    expect(issue.message).toMatch(/^clipping on FC: 2000 runs at full scale, first at 0:00\.0; /);
  });

  it('needs three full-scale samples in a row, or one above full scale', () => {
    const two = new Float32Array(RATE).fill(0.1);
    two.set([1, -1], 100);
    expect(only(detectIssues(audio([two]), NO_OVERS), 'clipping')).toEqual([]);

    const three = new Float32Array(RATE).fill(0.1);
    three.set([0.9995, 1, 0.9991], 24000);
    const [run] = only(detectIssues(audio([three]), NO_OVERS), 'clipping');
    expect(run).toMatchObject({ count: 1, value: 3, severity: 'warning', times: [0.5] });

    const over = new Float32Array(RATE).fill(0.1);
    over[4800] = 1.2;
    const [above] = only(detectIssues(audio([over]), NO_OVERS), 'clipping');
    expect(above).toMatchObject({ count: 1, value: 1, times: [0.1] });
    expect(above.message).toContain('1 sample above full scale');
  });

  it('reports clipping per channel, with that channel’s label', () => {
    const clean = tone(1, 0.5);
    const clipped = tone(1, 2).map((x) => Math.max(-1, Math.min(1, x)));
    const issues = only(detectIssues(audio([clean, clipped]), NO_OVERS), 'clipping');
    expect(issues).toHaveLength(1);
    expect(issues[0].channel).toBe(1);
    expect(issues[0].message).toContain('on FR');
  });

  it('measures DC offset in dBFS and grades it', () => {
    const big = tone(1, 0.5, 1000, 0.02);
    const small = tone(1, 0.5, 1000, -0.002);
    const none = tone(1, 0.5, 1000, 0.0005);
    const issues = only(
      detectIssues(audio([big, small, none], ['FL', 'FR', 'FC']), NO_OVERS),
      'dc-offset',
    );
    expect(issues).toHaveLength(2);
    const [onBig, onSmall] = [...issues].sort((a, b) => (a.channel ?? 0) - (b.channel ?? 0));
    expect(onBig).toMatchObject({ channel: 0, severity: 'warning', unit: 'dBFS' });
    expect(onBig.value).toBeCloseTo(20 * Math.log10(0.02), 1);
    expect(onBig.message).toMatch(/^positive DC offset on FL/);
    expect(onSmall).toMatchObject({ channel: 1, severity: 'info' });
    expect(onSmall.value).toBeCloseTo(20 * Math.log10(0.002), 1);
    expect(onSmall.message).toMatch(/^negative DC offset on FR/);
  });

  it('finds a polarity-inverted passage and its start time', () => {
    // 6 s in phase except 2.0-4.0 s, where the right channel is inverted.
    const left = tone(6, 0.5, 440);
    const right = left.map((x, i) => (i >= 2 * RATE && i < 4 * RATE ? -x : x));
    const [issue] = only(detectIssues(audio([left, right]), NO_OVERS), 'out-of-phase');
    expect(issue).toMatchObject({ count: 1, times: [2], value: 2, unit: 's', severity: 'error' });

    // One inverted second in ten: a warning, not an error.
    const long = tone(10, 0.5, 440);
    const flipped = long.map((x, i) => (i >= 5 * RATE && i < 6 * RATE ? -x : x));
    const [brief] = only(detectIssues(audio([long, flipped]), NO_OVERS), 'out-of-phase');
    expect(brief).toMatchObject({ count: 1, times: [5], value: 1, severity: 'warning' });
  });

  it('does not call unrelated channels out of phase, and skips mono', () => {
    const issues = detectIssues(audio([noise(4, 0.3, 1), noise(4, 0.3, 2)]), NO_OVERS);
    expect(only(issues, 'out-of-phase')).toEqual([]);
    expect(detectIssues(audio([tone(2, 0.5)]), NO_OVERS)).toEqual([]);
  });

  it('judges front left against front right in 5.1', () => {
    const front = tone(4, 0.5, 440);
    const silent = new Float32Array(front.length);
    const channels = [front, front.map((x) => -x), silent, silent, front, front];
    const labels = ['FL', 'FR', 'FC', 'LFE', 'BL', 'BR'];
    const [issue] = only(detectIssues(audio(channels, labels), NO_OVERS), 'out-of-phase');
    expect(issue).toMatchObject({ value: 4, times: [0] });
  });

  it('measures leading and trailing silence', () => {
    const signal = new Float32Array(Math.round(10.5 * RATE));
    signal.set(tone(3, 0.5), 1.5 * RATE);
    const issues = detectIssues(audio([signal, signal.slice()]), NO_OVERS);
    const [start] = only(issues, 'silence-start');
    const [end] = only(issues, 'silence-end');
    // The tone's first sample is 0, its second is already above -60 dBFS.
    expect(start).toMatchObject({ value: 1.5, unit: 's', severity: 'info', times: [0] });
    expect(end).toMatchObject({ value: 6, severity: 'warning' });
    expect(end.times[0]).toBeCloseTo(4.5, 3);
  });

  it('ignores edge silence under half a second', () => {
    const signal = new Float32Array(3 * RATE);
    signal.set(tone(2.6, 0.5), 0.2 * RATE);
    expect(detectIssues(audio([signal]), NO_OVERS)).toEqual([]);
  });

  it('calls a silent file silent, once', () => {
    const issues = detectIssues(
      audio([new Float32Array(10 * RATE), new Float32Array(10 * RATE)]),
      NO_OVERS,
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'silence-start', severity: 'error', value: 10 });
  });

  it('passes true-peak overs through, at most 100 times', () => {
    const times = Array.from({ length: 150 }, (_, i) => i * 0.5);
    const issues = detectIssues(audio([tone(1, 0.5)]), { truePeakOvers: { count: 150, times } });
    const [over] = only(issues, 'true-peak-over');
    expect(over).toMatchObject({ count: 150, severity: 'warning', channel: null });
    expect(over.times).toEqual(times.slice(0, 100));
    expect(over.message).toMatch(/^150 true-peak overs above 0 dBTP, first at 0:00\.0; /);
  });

  it('reports invalid samples as an error, errors first', () => {
    const withDc = tone(1, 0.5, 1000, 0.003);
    const issues = detectIssues(audio([withDc]), { ...NO_OVERS, invalidSampleCount: 7 });
    expect(issues.map((issue) => issue.code)).toEqual(['invalid-samples', 'dc-offset']);
    expect(issues[0]).toMatchObject({ severity: 'error', count: 7 });
  });

  it('writes every message as one line', () => {
    const clipped = tone(6, 2, 440).map((x) => Math.max(-1, Math.min(1, x)));
    const right = clipped.map((x, i) => (i < 3 * RATE ? -x : x));
    const issues = detectIssues(audio([clipped, right]), {
      truePeakOvers: { count: 3, times: [1, 2, 3] },
      invalidSampleCount: 1,
    });
    expect(issues.length).toBeGreaterThanOrEqual(4);
    for (const issue of issues) expect(issue.message).not.toMatch(/[\r\n]/);
  });
});
