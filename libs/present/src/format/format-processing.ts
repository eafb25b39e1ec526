import { formatNumber } from './format-number.ts';

export interface ProcessingSettingText {
  parameter: string;
  value: number;
  /** e.g. "Hz", "dB", "ms", ":1"; empty for a plain number such as Q. */
  unit: string;
}

/**
 * The settings of a suggested processing step: "frequency 180 Hz · gain -2.5 dB · Q 1.2 · ratio 4:1".
 * Whole numbers print as they are, others with up to two decimals (one from 10 up), trailing zeros
 * dropped.
 */
export function formatProcessingSettings(settings: readonly ProcessingSettingText[]): string {
  return settings
    .map((setting) => {
      const decimals = Number.isInteger(setting.value) ? 0 : Math.abs(setting.value) < 10 ? 2 : 1;
      const fixed = formatNumber(setting.value, decimals);
      const value = fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
      const unit = setting.unit === ':1' ? ':1' : setting.unit ? ` ${setting.unit}` : '';
      return `${setting.parameter} ${value}${unit}`;
    })
    .join(' · ');
}
