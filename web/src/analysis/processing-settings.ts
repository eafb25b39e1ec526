import type { ProcessingStep } from '@mixscope/feedback';
import { formatNumber } from '../lib/format.ts';

/** "frequency 180 Hz · gain -2.5 dB · Q 1.2" */
export function settingsText(step: ProcessingStep): string {
  if (!Array.isArray(step.settings)) return String(step.settings ?? '');
  return step.settings
    .map((setting) => {
      const decimals = Number.isInteger(setting.value) ? 0 : Math.abs(setting.value) < 10 ? 2 : 1;
      const fixed = formatNumber(setting.value, decimals);
      // Trim trailing zeros of decimals only: "0.70" → "0.7", but "8000" stays.
      const value = fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
      const unit = setting.unit === ':1' ? ':1' : setting.unit ? ` ${setting.unit}` : '';
      return `${setting.parameter} ${value}${unit}`;
    })
    .join(' · ');
}
