import { formatNumber as num, formatRange as rangeText, withUnit } from '@mixscope/present';
import { BAND_LABELS, type Finding } from '@mixscope/contracts';
import { CONVENTION_SOURCE, type RuleContext } from './rule-context.ts';
import { widthAdvice } from './advice-move.ts';

const BALANCE_NOTE_DB = 0.5;
const BALANCE_WARN_DB = 1.5;
/** Mono fold-down losing more than this much loudness points to wide or phasey content. */
const FOLD_DOWN_WARN_LU = -3;

export function stereoImageRule({ result, profile }: RuleContext): Finding[] {
  const stereo = result.stereo;
  if (stereo === null) return [];
  const findings: Finding[] = [];

  if (stereo.widthScore !== null) {
    const range = profile.widthScore;
    const score = stereo.widthScore;
    const base = {
      id: 'stereo.width',
      area: 'stereo' as const,
      metric: 'stereo.widthScore',
      measured: score,
      unit: '',
      target: {
        label: `${rangeText(range.min, range.max, '', 0)} (${profile.name})`,
        min: range.min,
        max: range.max,
        unit: '',
        source: range.source,
      },
    };
    const shown = `Width score ${num(score, 0)}`;
    const rounded = Math.round(score);
    if (rounded < range.min) {
      const action =
        'Widen the mid and high bands: pan doubled parts and backing vocals apart, or add a short stereo delay or mid/side EQ lift on the sides above 2 kHz; keep the low end in the centre.';
      findings.push({
        ...base,
        severity: 'info',
        title: 'Narrow stereo image',
        action,
        message: `${shown} is below ${base.target.label}: the mix sounds narrow. ${action}`,
        processing: {
          type: 'stereo',
          target: 'mix bus, side channel',
          settings: [
            { parameter: 'side high shelf frequency', value: 2000, unit: 'Hz' },
            { parameter: 'side high shelf gain', value: 1.5, unit: 'dB' },
          ],
        },
        move: widthAdvice('widen', 'genre'),
      });
    } else if (rounded > range.max) {
      const action = 'Rein in stereo wideners and very wide reverbs, and check the mix in mono.';
      findings.push({
        ...base,
        severity: 'warning',
        title: 'Very wide stereo image',
        action,
        message: `${shown} is above ${base.target.label}: wide content can collapse or go hollow in mono. ${action}`,
        move: widthAdvice('narrow', 'genre'),
      });
    } else {
      findings.push({
        ...base,
        severity: 'ok',
        title: `Width suits ${profile.name}`,
        action: 'Keep the stereo picture.',
        message: `${shown} sits inside ${base.target.label}.`,
        move: widthAdvice('keep', 'genre'),
      });
    }
  }

  if (stereo.balanceDb !== null && Math.abs(stereo.balanceDb) > BALANCE_NOTE_DB) {
    const louder = stereo.balanceDb > 0 ? 'left' : 'right';
    const shown = withUnit(Math.abs(stereo.balanceDb), 'dB');
    const action = `Check the panning of lead elements and rebalance the ${louder} side down by about ${shown}.`;
    findings.push({
      id: 'stereo.balance',
      area: 'stereo',
      severity: Math.abs(stereo.balanceDb) > BALANCE_WARN_DB ? 'warning' : 'info',
      title: `Leans ${louder}`,
      metric: 'stereo.balanceDb',
      measured: stereo.balanceDb,
      unit: 'dB',
      target: {
        label: `within ±${num(BALANCE_NOTE_DB)} dB`,
        min: -BALANCE_NOTE_DB,
        max: BALANCE_NOTE_DB,
        unit: 'dB',
        source: CONVENTION_SOURCE,
      },
      action,
      message: `L/R balance ${withUnit(stereo.balanceDb, 'dB', 1, true)}: the ${louder} channel is ${shown} louder. ${action}`,
      processing: {
        type: 'stereo',
        target: 'mix bus',
        settings: [
          {
            parameter: `balance toward ${louder === 'left' ? 'right' : 'left'}`,
            value: Math.abs(stereo.balanceDb),
            unit: 'dB',
          },
        ],
      },
    });
  }

  const loss = stereo.monoCompatibility.foldDownLossDb;
  if (loss !== null && loss < FOLD_DOWN_WARN_LU) {
    const action =
      'Find the wide or out-of-phase sources (stereo wideners, Haas delays, flipped polarity) and narrow them.';
    findings.push({
      id: 'stereo.mono-fold-down',
      area: 'stereo',
      severity: 'warning',
      title: 'Loses level in mono',
      metric: 'stereo.monoCompatibility.foldDownLossDb',
      measured: loss,
      unit: 'LU',
      target: {
        label: `≥ ${withUnit(FOLD_DOWN_WARN_LU, 'LU')}`,
        min: FOLD_DOWN_WARN_LU,
        max: null,
        unit: 'LU',
        source: CONVENTION_SOURCE,
      },
      action,
      message: `The mono fold-down is ${withUnit(Math.abs(loss), 'LU')} quieter than the stereo mix. ${action}`,
      move: widthAdvice('narrow', 'safety'),
    });
  }

  const phaseBands = stereo.monoCompatibility.outOfPhaseBands.filter(
    (b) => b !== 'sub' && b !== 'bass',
  );
  if (phaseBands.length > 0) {
    const names = phaseBands.map((b) => BAND_LABELS[b].toLowerCase()).join(', ');
    const action = `Check the polarity and stereo effects on the sources in the ${names} band${phaseBands.length > 1 ? 's' : ''}.`;
    findings.push({
      id: 'stereo.out-of-phase',
      area: 'stereo',
      severity: 'warning',
      title: 'Out-of-phase content',
      metric: 'stereo.monoCompatibility.outOfPhaseBands',
      measured: null,
      unit: '',
      target: {
        label: 'correlation ≥ 0 in every band',
        min: 0,
        max: null,
        unit: '',
        source: CONVENTION_SOURCE,
      },
      action,
      message: `Correlation is below 0 in the ${names} band${phaseBands.length > 1 ? 's' : ''}: that content cancels in mono. ${action}`,
    });
  }
  return findings;
}
