import { platformTable } from '@mixscope/dsp';
import { describe, expect, it } from 'vitest';
import { masterOverDeliveryLimit, playsOverLimit } from './platform-peaks.ts';

const row = (id: string, integrated: number, truePeak: number) => {
  const found = platformTable(integrated, truePeak).find((r) => r.id === id);
  if (!found) throw new Error(`no platform ${id}`);
  return found;
};

describe('playsOverLimit', () => {
  it('does not flag the reported "-5.9 dBTP (over -1.0)": turned down 6 dB, it plays under', () => {
    const apple = row('apple-music', -10, 0.1);
    expect(apple.resultingTruePeakDbtp).toBe(-5.9);
    expect(playsOverLimit(apple)).toBe(false);
    // The file itself is over Apple's -1 dBTP delivery limit: said apart, not as "over".
    expect(masterOverDeliveryLimit(apple)).toBe(true);
  });

  it('flags what plays over after the gain, at the precision shown', () => {
    expect(playsOverLimit(row('ebu-r128', -30, -5))).toBe(true); // +7 dB lifts it to +2 dBTP
    expect(playsOverLimit(row('apple-music', -15.5, 0.1))).toBe(true);
    expect(playsOverLimit(row('apple-music', -16, -1.04))).toBe(false); // shows -1.0
    expect(playsOverLimit(row('youtube', -8, 0.4))).toBe(false); // no limit
  });

  it('reads a row stored with the old meaning of exceedsTruePeakLimit the same way', () => {
    const stored = { ...row('apple-music', -10, 0.1), exceedsTruePeakLimit: true };
    expect(playsOverLimit(stored)).toBe(false);
  });

  it('checks the delivered file only for platforms that encode it before their gain', () => {
    expect(masterOverDeliveryLimit(row('ebu-r128', -10, 0.3))).toBe(false); // checked after gain
    expect(masterOverDeliveryLimit(row('spotify', -8, -1.5))).toBe(true); // loud masters: -2 dBTP
    expect(masterOverDeliveryLimit(row('spotify', -15, -1.5))).toBe(false);
  });
});
