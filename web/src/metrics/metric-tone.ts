/** A traffic-light reading of a figure against common mastering practice (see metric-help). */
export type Tone = 'good' | 'warn' | 'bad' | 'neutral';

type Rule = (value: number) => Tone;

// Thresholds from the "what good looks like" column of docs/metrics.md.
const RULES: Record<string, Rule> = {
  integratedLufs: (v) => (v > -6 ? 'warn' : 'good'),
  truePeakDbtp: (v) => (v > 0 ? 'bad' : v > -1 ? 'warn' : 'good'),
  samplePeakDbfs: (v) => (v >= 0 ? 'bad' : 'good'),
  plrDb: (v) => (v < 6 ? 'bad' : v < 7 ? 'warn' : 'good'),
  dynamicRangeDb: (v) => (v < 5 ? 'bad' : v < 8 ? 'warn' : 'good'),
  crestFactorDb: (v) => (v < 6 ? 'bad' : v < 8 ? 'warn' : 'good'),
  correlation: (v) => (v < 0 ? 'bad' : v < 0.3 ? 'warn' : 'good'),
  balanceDb: (v) => (Math.abs(v) > 2 ? 'bad' : Math.abs(v) > 1 ? 'warn' : 'good'),
  foldDownLossDb: (v) => (v < -3 ? 'bad' : v < -1.5 ? 'warn' : 'good'),
};

export function toneOf(metric: string, value: number | null | undefined): Tone {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'neutral';
  const rule = RULES[metric];
  return rule ? rule(value) : 'neutral';
}
