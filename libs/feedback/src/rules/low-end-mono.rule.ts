import { formatNumber as num } from '@mixscope/present';
import { BAND_LABELS, type Finding } from '@mixscope/contracts';
import type { RuleContext } from './rule-context.ts';

/** Crossover of the mono-maker that fixes each band. */
const MONO_BELOW_HZ = { sub: 100, bass: 150 } as const;

export function lowEndMonoRule({ result, profile }: RuleContext): Finding[] {
  const stereo = result.stereo;
  if (stereo === null) return [];
  const minimums = profile.lowEndCorrelationMin;
  const findings: Finding[] = [];
  for (const name of ['sub', 'bass'] as const) {
    const band = stereo.bands.find((b) => b.name === name);
    if (!band || band.correlation === null) continue;
    const minimum = minimums[name];
    const correlation = band.correlation;
    const label = BAND_LABELS[name];
    const base = {
      id: `low-end.${name}`,
      area: 'low-end' as const,
      metric: `stereo.bands.${name}.correlation`,
      measured: correlation,
      unit: '',
      target: {
        label: `correlation ≥ ${num(minimum, 2)} (${profile.name})`,
        min: minimum,
        max: null,
        unit: '',
        source: minimums.source,
      },
    };
    if (Number(correlation.toFixed(2)) >= minimum) {
      findings.push({
        ...base,
        severity: 'ok',
        title: `${label} is mono-safe`,
        action: 'Keep the low end centred.',
        message: `${label} correlation ${num(correlation, 2)} is at or above ${num(minimum, 2)}: it holds up in mono.`,
      });
      continue;
    }
    const frequency = MONO_BELOW_HZ[name];
    const action = `Make the low end mono below ${frequency} Hz (mono-maker or mid/side EQ cutting the side channel), and check stereo-widened bass and sub sources for polarity.`;
    const consequence =
      correlation < 0
        ? 'it partly cancels when summed to mono'
        : 'it loses weight in mono and on club systems with a mono sub';
    findings.push({
      ...base,
      severity: correlation < 0 ? 'error' : 'warning',
      title: `${label} not mono-compatible`,
      action,
      message: `${label} correlation ${num(correlation, 2)} is below ${num(minimum, 2)}: ${consequence}. ${action}`,
      processing: {
        type: 'stereo',
        target: 'mix bus',
        settings: [{ parameter: 'mono below', value: frequency, unit: 'Hz' }],
      },
    });
  }
  return findings;
}
