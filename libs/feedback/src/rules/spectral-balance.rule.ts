import { formatNumber as num, formatRange as rangeText, withUnit } from '@mixscope/present';
import { BAND_LABELS, BAND_NAMES, type Finding } from '@mixscope/contracts';
import { eqMove, eqShape } from './eq-move.ts';
import { eqAdvice, EVERY_TARGET, keepAdvice } from './advice-move.ts';
import type { RuleContext } from './rule-context.ts';

/** Further than this outside the range, a band is a warning rather than a note. */
const WARN_BEYOND_DB = 2;

export function spectralBalanceRule({ result, profile }: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const inside: string[] = [];
  for (const name of BAND_NAMES) {
    const band = result.spectrum.bands.find((b) => b.name === name);
    if (!band || band.db === null) continue;
    const range = profile.bandsDb.bands[name];
    const label = BAND_LABELS[name];
    const edges = `${band.lowHz}–${band.highHz} Hz`;
    const level = Number(band.db.toFixed(1));
    if (level >= range.min && level <= range.max) {
      inside.push(label.toLowerCase());
      continue;
    }
    const excess = level > range.max ? level - range.max : level - range.min;
    const heavy = excess > 0;
    const eq = eqMove(name, -excess, `mix bus, ${label.toLowerCase()} band ${edges}`);
    const gain = eq.settings[1].value;
    const frequency = eq.settings[0].value;
    const action = `${gain < 0 ? 'Cut' : 'Boost'} about ${num(Math.abs(gain))} dB with a ${eqShape(name)} at ${frequency} Hz${
      heavy
        ? ', or tame the sources that crowd this band'
        : ', or bring up the sources that live here'
    }.`;
    const rangeLabel = `${rangeText(range.min, range.max, 'dB')} (${profile.name})`;
    findings.push({
      id: `spectrum.band.${name}`,
      area: 'spectrum',
      severity: Math.abs(excess) > WARN_BEYOND_DB ? 'warning' : 'info',
      title: `${label} ${heavy ? 'heavy' : 'light'} for ${profile.name}`,
      metric: `spectrum.bands.${name}.db`,
      measured: band.db,
      unit: 'dB',
      target: {
        label: rangeLabel,
        min: range.min,
        max: range.max,
        unit: 'dB',
        source: profile.bandsDb.source,
      },
      action,
      message: `${label} (${edges}) holds ${withUnit(band.db, 'dB')} of the total, ${num(Math.abs(excess))} dB ${
        heavy ? 'above' : 'below'
      } the ${rangeLabel} range. ${action}`,
      processing: eq,
      move: eqAdvice(name, gain, 'genre'),
    });
  }
  if (findings.length === 0 && inside.length > 0) {
    findings.push({
      id: 'spectrum.balance',
      area: 'spectrum',
      severity: 'ok',
      title: `Tonal balance fits ${profile.name}`,
      metric: 'spectrum.bands',
      measured: null,
      unit: 'dB',
      target: {
        label: `${profile.name} band ranges`,
        min: null,
        max: null,
        unit: 'dB',
        source: profile.bandsDb.source,
      },
      action: 'Keep the tonal balance.',
      message: `Every band (${inside.join(', ')}) sits inside the ${profile.name} ranges.`,
      move: keepAdvice('eq', EVERY_TARGET),
    });
  }
  return findings;
}
