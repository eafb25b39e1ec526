import { describe, expect, it } from 'vitest';
import { formatBytes } from './format-bytes.ts';
import { formatDuration } from './format-duration.ts';
import { formatFrequencyRange, formatHz } from './format-frequency.ts';
import { bandLabel, humanize } from './format-label.ts';
import {
  deltaUnit,
  formatNumber,
  formatPercent,
  formatRange,
  NULL_MARK,
  roundTo,
  withUnit,
} from './format-number.ts';
import { formatProcessingSettings } from './format-processing.ts';

describe('formatNumber and withUnit', () => {
  it('never prints negative zero and signs only non-zero values', () => {
    expect(formatNumber(-0.04, 1)).toBe('0.0');
    expect(formatNumber(-0.04, 1, true)).toBe('0.0');
    expect(formatNumber(0.36, 1, true)).toBe('+0.4');
    expect(formatNumber(-2.25, 1)).toBe('-2.3');
    expect(formatNumber(7)).toBe('7.0');
  });

  it('prints the null mark, without a unit, for a missing or non-finite figure', () => {
    for (const missing of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(formatNumber(missing)).toBe(NULL_MARK);
      expect(withUnit(missing, 'LUFS')).toBe(NULL_MARK);
      expect(formatPercent(missing)).toBe(NULL_MARK);
    }
  });

  it('puts the unit after the number, and none when the unit is empty', () => {
    expect(withUnit(-9.74, 'LUFS')).toBe('-9.7 LUFS');
    expect(withUnit(0.84, 'dBTP', 1, true)).toBe('+0.8 dBTP');
    expect(withUnit(0.5, '', 2)).toBe('0.50');
    expect(formatPercent(0.3104)).toBe('31.0 %');
  });

  it('writes ranges without trailing zeros and rounds to a number', () => {
    expect(formatRange(-11, -7, 'LUFS')).toBe('-11 to -7 LUFS');
    expect(formatRange(0.55, 1.5, 'dB')).toBe('0.6 to 1.5 dB');
    expect(formatRange(0.3, 0.9, '')).toBe('0.3 to 0.9');
    expect(roundTo(1.2345, 2)).toBe(1.23);
  });

  it('names the unit of a difference', () => {
    expect(deltaUnit('LUFS')).toBe('LU');
    expect(deltaUnit('dBTP')).toBe('dB');
    expect(deltaUnit('dBFS')).toBe('dB');
    expect(deltaUnit('BPM')).toBe('BPM');
  });
});

describe('formatBytes', () => {
  it('reads the default upload limit, 120 × 1024² bytes, exactly as 120 MB', () => {
    expect(formatBytes(120 * 1024 * 1024)).toBe('120 MB');
    expect(formatBytes(120 * 1024 * 1024 + 1)).toBe('120.0 MB');
  });

  it('uses binary multiples with one decimal', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(41_234_567)).toBe('39.3 MB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3 GB');
  });

  it('moves to the next unit rather than print 1024.0 of one', () => {
    expect(formatBytes(1024 * 1024 - 1)).toBe('1.0 MB');
  });
});

describe('formatDuration', () => {
  it('shows whole seconds by default and tenths when asked', () => {
    expect(formatDuration(235.1)).toBe('3:55');
    expect(formatDuration(235.1, { tenths: true })).toBe('3:55.1');
    expect(formatDuration(12.34, { tenths: true })).toBe('0:12.3');
    expect(formatDuration(0.5, { tenths: true })).toBe('0:00.5');
    expect(formatDuration(59.6)).toBe('1:00');
  });

  it('adds hours past the hour and the null mark for a missing value', () => {
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(3725, { tenths: true })).toBe('1:02:05.0');
    expect(formatDuration(null)).toBe(NULL_MARK);
  });
});

describe('formatHz and formatFrequencyRange', () => {
  it('shows a measured frequency to three significant figures', () => {
    expect(formatHz(440.4)).toBe('440 Hz');
    expect(formatHz(1843)).toBe('1.84 kHz');
    expect(formatHz(12_480)).toBe('12.5 kHz');
    expect(formatHz(null)).toBe(NULL_MARK);
  });

  it('writes compact axis ticks', () => {
    expect(formatHz(500, { compact: true })).toBe('500');
    expect(formatHz(1500, { compact: true })).toBe('1.5k');
    expect(formatHz(20_000, { compact: true })).toBe('20k');
  });

  it('writes band edges with one unit where both share it', () => {
    expect(formatFrequencyRange(20, 60)).toBe('20–60 Hz');
    expect(formatFrequencyRange(500, 2000)).toBe('500 Hz–2 kHz');
    expect(formatFrequencyRange(6000, 20_000)).toBe('6–20 kHz');
  });
});

describe('labels and processing settings', () => {
  it('names bands from the band table and ids without a label', () => {
    expect(bandLabel('lowMids')).toBe('Low mids');
    expect(bandLabel('ultra')).toBe('ultra');
    expect(humanize('shortTermMaxLufs')).toBe('Short term max lufs');
  });

  it('writes settings with their units, trailing zeros dropped', () => {
    expect(
      formatProcessingSettings([
        { parameter: 'frequency', value: 8000, unit: 'Hz' },
        { parameter: 'gain', value: -2.5, unit: 'dB' },
        { parameter: 'Q', value: 0.7, unit: '' },
        { parameter: 'ratio', value: 4, unit: ':1' },
        { parameter: 'attack', value: 12.25, unit: 'ms' },
      ]),
    ).toBe('frequency 8000 Hz · gain -2.5 dB · Q 0.7 · ratio 4:1 · attack 12.3 ms');
  });
});
