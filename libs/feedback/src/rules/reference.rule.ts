import {
  BAND_LABELS,
  type Finding,
  type FindingTarget,
  type MetricDelta,
} from '@mixscope/contracts';
import { formatNumber as num, withUnit } from '@mixscope/present';
import { eqMove } from './eq-move.ts';
import { eqAdvice, widthAdvice } from './advice-move.ts';
import type { RuleContext } from './rule-context.ts';

/** Bands closer to the reference than this (loudness-matched) match it. */
export const BAND_NOTE_DB = 1.5;
const BAND_WARN_DB = 3;

/** The band balance counts as matching the reference within ±BAND_NOTE_DB. */
function bandTarget(reference: string): FindingTarget {
  return {
    label: `within ±${num(BAND_NOTE_DB)} dB of the reference`,
    min: -BAND_NOTE_DB,
    max: BAND_NOTE_DB,
    unit: 'dB',
    source: `reference track ${reference}, loudness-matched`,
  };
}

/** Metric deltas worth a finding, with the gap that matters and what to do when the mix is short or over. */
const METRIC_CHECKS: Record<
  string,
  {
    label: string;
    threshold: number;
    unit: string;
    decimals: number;
    less: string;
    more: string;
    /** What to do when the mix has less of it than the reference, and when more. */
    actLess: string;
    actMore: string;
  }
> = {
  plrDb: {
    label: 'PLR',
    threshold: 2,
    unit: 'dB',
    decimals: 1,
    less: 'more compressed than the reference',
    more: 'less compressed than the reference',
    actLess: 'Ease the limiter and bus compression to get closer to the reference’s punch.',
    actMore:
      'Fine if intended; add gentle bus compression or limiting only if it sounds thin next to the reference.',
  },
  dynamicRangeDb: {
    label: 'DR',
    threshold: 2,
    unit: '',
    decimals: 1,
    less: 'more compressed than the reference',
    more: 'more dynamic than the reference',
    actLess: 'Back off the limiter until the DR comes closer to the reference.',
    actMore: 'Fine if intended; compare the density by ear, loudness-matched.',
  },
  loudnessRangeLu: {
    label: 'Loudness range',
    threshold: 2,
    unit: 'LU',
    decimals: 1,
    less: 'flatter from section to section than the reference',
    more: 'more contrast between sections than the reference',
    actLess:
      'Automate the sections apart (quieter verses, bigger choruses) rather than compressing harder.',
    actMore: 'Check that quiet sections still hold attention; ride them up if they drop away.',
  },
  widthScore: {
    label: 'Width score',
    threshold: 10,
    unit: '',
    decimals: 0,
    less: 'narrower than the reference',
    more: 'wider than the reference',
    actLess: 'Widen the mids and highs (panning, stereo delays), not the low end.',
    actMore: 'Check the mix in mono and rein in wideners if it collapses.',
  },
};

function metricFinding(delta: MetricDelta, referenceName: string): Finding | null {
  const check = METRIC_CHECKS[delta.metric];
  if (!check || delta.delta === null || delta.reference === null) return null;
  if (Math.abs(delta.delta) < check.threshold) return null;
  const what = delta.delta < 0 ? check.less : check.more;
  const shown = (v: number, signed = false) => withUnit(v, check.unit, check.decimals, signed);
  return {
    id: `reference.${delta.metric}`,
    area: 'reference',
    severity: 'info',
    title: `${check.label} differs from the reference`,
    metric: `comparison.deltas.${delta.metric}`,
    measured: delta.mix,
    unit: check.unit,
    target: {
      label: `reference ${shown(delta.reference)}`,
      min: null,
      max: null,
      unit: check.unit,
      source: `reference track ${referenceName}`,
    },
    action: delta.delta < 0 ? check.actLess : check.actMore,
    message: `${check.label} ${shown(delta.mix!)} vs ${shown(delta.reference)} on the reference (${shown(
      delta.delta,
      true,
    )}): ${what}. ${delta.delta < 0 ? check.actLess : check.actMore}`,
    ...(delta.metric === 'widthScore'
      ? { move: widthAdvice(delta.delta < 0 ? 'widen' : 'narrow', 'reference') }
      : {}),
  };
}

export function referenceRule({ result }: RuleContext): Finding[] {
  const comparison = result.comparison;
  if (!comparison) return [];
  const reference = comparison.referenceName;
  const findings: Finding[] = [];

  for (const band of comparison.bands) {
    if (band.deltaDb === null || band.referenceDb === null || Math.abs(band.deltaDb) < BAND_NOTE_DB)
      continue;
    const label = BAND_LABELS[band.name];
    const louder = band.deltaDb > 0;
    const eq = eqMove(band.name, -band.deltaDb, `mix bus, ${label.toLowerCase()} band`);
    const gain = eq.settings[1].value;
    const action = `${gain < 0 ? 'Cut' : 'Boost'} about ${num(Math.abs(gain))} dB around ${eq.settings[0].value} Hz to move toward the reference.`;
    findings.push({
      id: `reference.band.${band.name}`,
      area: 'reference',
      severity: Math.abs(band.deltaDb) >= BAND_WARN_DB ? 'warning' : 'info',
      title: `${label} ${louder ? 'above' : 'below'} the reference`,
      metric: `comparison.bands.${band.name}.deltaDb`,
      measured: band.deltaDb,
      unit: 'dB',
      target: bandTarget(reference),
      action,
      message: `Loudness-matched to ${reference}, the ${label.toLowerCase()} band is ${num(Math.abs(band.deltaDb))} dB ${
        louder ? 'louder' : 'quieter'
      } than the reference. ${action}`,
      processing: eq,
      move: eqAdvice(band.name, gain, 'reference'),
    });
  }

  for (const delta of comparison.deltas) {
    const finding = metricFinding(delta, reference);
    if (finding) findings.push(finding);
  }

  if (findings.length === 0 && comparison.bands.some((b) => b.deltaDb !== null)) {
    findings.push({
      id: 'reference.close',
      area: 'reference',
      severity: 'ok',
      title: 'Close to the reference',
      metric: 'comparison.bands',
      measured: null,
      unit: 'dB',
      target: bandTarget(reference),
      action: 'Keep the balance; the reference confirms it.',
      message: `Loudness-matched to ${reference}, every band is within ${num(BAND_NOTE_DB)} dB and the dynamics and width are close.`,
    });
  }
  return findings;
}
