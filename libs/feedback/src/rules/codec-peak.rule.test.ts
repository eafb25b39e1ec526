import { describe, expect, it } from 'vitest';
import type { Finding } from '@mixscope/contracts';
import { measuredMix, withCodecPreview } from '@mixscope/dsp/testing';
import { checkText, groundingFacts } from '../llm/grounding.ts';
import { runRules } from './run-rules.ts';

const byId = (findings: Finding[], id: string) => findings.find((f) => f.id === id);

describe('runRules: codec peak', () => {
  it('gives the ceiling that lands the worst encode on the limit, with the margin', () => {
    // Master -1.0 dBTP, quiet enough that Apple Music's -1 dBTP is the strictest master limit;
    // AAC reaches +0.4 dBTP: ceiling = -1.0 - (0.4 - (-1)) - 0.2 = -2.6 dBTP.
    const doc = withCodecPreview(
      measuredMix({ loudness: { truePeakDbtp: -1, integratedLufs: -16 } }),
      0.4,
    );
    const findings = runRules(doc, { platforms: ['apple-music'] });
    const over = byId(findings, 'codec-peak.over')!;
    expect(over).toMatchObject({
      severity: 'error',
      measured: 0.4,
      metric: 'codecs.aac.truePeakDbtp',
    });
    expect(over.message).toBe(
      "After AAC encoding the peak reaches +0.4 dBTP: set the limiter ceiling to -2.6 dBTP (the encode adds 1.4 dB over the master's peak).",
    );
    expect(over.processing?.settings).toEqual([
      { parameter: 'ceiling', value: -2.6, unit: 'dBTP' },
    ]);
    expect(over.target?.source).toMatch(/^Apple Music: /);
    // Grounding accepts the quoted codec peak as a measured true peak.
    const facts = groundingFacts(doc, doc.loudness.platforms);
    expect(checkText('After AAC encoding the true peak is +0.4 dBTP.', facts)).toEqual([]);
    expect(checkText('After AAC encoding the true peak is +2.4 dBTP.', facts)).not.toEqual([]);
  });

  it('says the peaks survive when every encode stays under the limit', () => {
    const doc = withCodecPreview(measuredMix({ loudness: { truePeakDbtp: -3 } }), -2.4);
    const ok = byId(runRules(doc), 'codec-peak.ok')!;
    expect(ok.message).toBe(
      'After AAC encoding the peak stays at -2.4 dBTP, at or under -2.0 dBTP.',
    );
  });

  it('says nothing without a codec preview', () => {
    const doc = { ...measuredMix(), codecs: null, reasons: { codecs: 'skipped' } };
    expect(runRules(doc).filter((f) => f.id.startsWith('codec-peak'))).toEqual([]);
  });
});
