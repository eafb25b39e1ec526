/** A traffic-light reading of a figure against common mastering practice (see metric-help). */
export type Tone = 'good' | 'warn' | 'bad' | 'neutral';

type Rule = (value: number) => Tone;

const RULES: Record<string, Rule> = {
  integratedLufs: (v) => (v > -6 ? 'bad' : v > -8 || v < -20 ? 'warn' : 'good'),
  truePeakDbtp: (v) => (v > 0 ? 'bad' : v > -1 ? 'warn' : 'good'),
  samplePeakDbfs: (v) => (v >= 0 ? 'bad' : 'good'),
  plrDb: (v) => (v < 6 ? 'bad' : v < 8 ? 'warn' : 'good'),
  dynamicRangeDb: (v) => (v < 5 ? 'bad' : v < 7 ? 'warn' : 'good'),
  crestFactorDb: (v) => (v < 6 ? 'bad' : v < 8 ? 'warn' : 'good'),
  loudnessRangeLu: (v) => (v < 2 ? 'bad' : v < 3 ? 'warn' : 'good'),
  widthScore: (v) => (v > 80 ? 'bad' : v > 70 || v < 5 ? 'warn' : 'good'),
  correlation: (v) => (v < 0 ? 'bad' : v < 0.2 ? 'warn' : 'good'),
  balanceDb: (v) => (Math.abs(v) > 2 ? 'bad' : Math.abs(v) > 1 ? 'warn' : 'good'),
  foldDownLossDb: (v) => (v < -3 ? 'bad' : v < -1.5 ? 'warn' : 'good'),
};

export function toneOf(metric: string, value: number | null | undefined): Tone {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'neutral';
  const rule = RULES[metric];
  return rule ? rule(value) : 'neutral';
}
