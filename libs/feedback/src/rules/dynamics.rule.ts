import {
  formatNumber as num,
  formatRange as rangeText,
  roundTo as round,
  withUnit,
} from '@mixscope/present';
import type { SourcedRange } from '../profiles/genre-profiles.ts';
import type { Finding, ProcessingStep } from '@mixscope/contracts';
import type { RuleContext } from './rule-context.ts';

/** This far below the genre's range, over-compression is an error rather than a warning. */
const FAR_BELOW = 3;

interface DynamicsMeasure {
  key: 'plr' | 'dr' | 'lra';
  label: string;
  metric: string;
  value: number | null;
  unit: string;
  range: SourcedRange;
  fix(shortfall: number): { action: string; processing: ProcessingStep };
}

function lessLimiting(shortfall: number, what: string) {
  const drive = Math.max(1, round(shortfall + 1, 0));
  return {
    action: `Back the limiter and bus compression off by about ${num(drive, 0)} dB of gain reduction to raise the ${what}.`,
    processing: {
      type: 'limiting' as const,
      target: 'master limiter',
      settings: [{ parameter: 'input gain', value: -drive, unit: 'dB' }],
    },
  };
}

function measures({ result, profile }: RuleContext): DynamicsMeasure[] {
  const { loudness } = result;
  return [
    {
      key: 'plr',
      label: 'PLR',
      metric: 'loudness.plrDb',
      value: loudness.plrDb,
      unit: 'dB',
      range: profile.plrDb,
      fix: (shortfall) => lessLimiting(shortfall, 'peak-to-loudness ratio'),
    },
    {
      key: 'dr',
      label: 'DR',
      metric: 'loudness.dynamicRangeDb',
      value: loudness.dynamicRangeDb,
      unit: '',
      range: profile.dynamicRangeDb,
      fix: (shortfall) => lessLimiting(shortfall, 'DR'),
    },
    {
      key: 'lra',
      label: 'Loudness range',
      metric: 'loudness.loudnessRangeLu',
      value: loudness.loudnessRangeLu,
      unit: 'LU',
      range: profile.loudnessRangeLu,
      fix: () => ({
        action:
          'Let sections breathe: lighter mix-bus compression (2:1, slow attack) and level automation between verse and chorus instead of more compression.',
        processing: {
          type: 'compression',
          target: 'mix bus',
          settings: [
            { parameter: 'ratio', value: 2, unit: ':1' },
            { parameter: 'attack', value: 30, unit: 'ms' },
            { parameter: 'release', value: 200, unit: 'ms' },
            { parameter: 'gain reduction', value: 2, unit: 'dB' },
          ],
        },
      }),
    },
  ];
}

export function dynamicsRule(context: RuleContext): Finding[] {
  const profileName = context.profile.name;
  return measures(context).flatMap((measure): Finding[] => {
    if (measure.value === null) return [];
    const { value, range, unit, label } = measure;
    const decimals = unit === '' ? 0 : 1;
    const shown = unit === '' ? `${label} ${num(value, 0)}` : `${label} ${withUnit(value, unit)}`;
    const rangeLabel = `${rangeText(range.min, range.max, unit)} (${profileName})`;
    const base = {
      id: `dynamics.${measure.key}`,
      area: 'dynamics' as const,
      metric: measure.metric,
      measured: value,
      unit,
      target: { label: rangeLabel, min: range.min, max: range.max, unit, source: range.source },
    };
    const rounded = Number(value.toFixed(decimals));
    if (rounded < range.min) {
      const shortfall = range.min - value;
      const fix = measure.fix(shortfall);
      return [
        {
          ...base,
          severity: shortfall >= FAR_BELOW ? 'error' : 'warning',
          title: `Over-compressed (${label})`,
          action: fix.action,
          message: `${shown} is below the ${rangeLabel} range: the mix is over-compressed and transients are flattened. ${fix.action}`,
          processing: fix.processing,
        },
      ];
    }
    if (rounded > range.max) {
      return [
        {
          ...base,
          severity: 'info',
          title: `More dynamic than typical ${profileName} (${label})`,
          action: `Fine if intended; next to ${profileName} references it will sound less dense, so compress gently only if the genre calls for it.`,
          message: `${shown} is above the ${rangeLabel} range: more dynamic than typical ${profileName} masters.`,
        },
      ];
    }
    return [
      {
        ...base,
        severity: 'ok',
        title: `${label} suits ${profileName}`,
        action: 'Keep the current amount of compression and limiting.',
        message: `${shown} sits inside the ${rangeLabel} range.`,
      },
    ];
  });
}
