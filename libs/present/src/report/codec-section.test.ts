import { describe, expect, it } from 'vitest';
import { parseAnalysisResult } from '@mixscope/contracts';
import { measuredMix, withCodecPreview } from '@mixscope/dsp/testing';
import { formatMarkdownReport } from './markdown-report.ts';
import { formatTextReport, TEXT_REPORT_WIDTH } from './text-report.ts';

// The default master is loud (turned down by Spotify); its AAC encode peaks at +0.4 dBTP.
const doc = withCodecPreview(
  measuredMix({ loudness: { integratedLufs: -8, truePeakDbtp: -0.2 } }),
  0.4,
);

describe.each([
  ['text', formatTextReport],
  ['markdown', formatMarkdownReport],
] as const)('%s report codec preview', (_name, format) => {
  const report = format(doc);

  it('is a valid document', () => {
    expect(() => parseAnalysisResult(doc)).not.toThrow();
  });

  it('lists every codec, the missing one with its reason', () => {
    expect(report).toMatch(/Codec preview/i);
    expect(report).toMatch(/AAC[^\n]*256 kb\/s[^\n]*\+0\.4 dBTP[^\n]*12[^\n]*3[^\n]*-0\.04 LU/);
    expect(report).toMatch(/Opus[^\n]*160 kb\/s/);
    expect(report.replace(/\s+/g, ' ')).toContain(
      'missing: this ffmpeg has no libopus encoder for Opus',
    );
  });

  it('gives each platform its codec peak after its gain in the platform table', () => {
    const spotify = doc.loudness.platforms.find((row) => row.id === 'spotify')!;
    // Vorbis +0.2 dBTP turned down 6 dB by Spotify plays at -5.8 dBTP: under its -2 dBTP limit.
    expect(spotify.codecTruePeakDbtp).toBeCloseTo(0.2 + spotify.gainDb!, 2);
    expect(spotify.codecExceedsTruePeakLimit).toBe(false);
    expect(report.replace(/\s+/g, ' ')).toContain(
      `Spotify ${spotify.codecTruePeakDbtp! > 0 ? '+' : ''}${spotify.codecTruePeakDbtp!.toFixed(1)} dBTP`,
    );
  });

  it('says the figures come from the loudest passages, the loudness change an estimate', () => {
    expect(report.replace(/\s+/g, ' ')).toContain(
      "Decoded after encoding the 10.0 s of the track's loudest and peakiest passages (loudness change: an estimate for the whole track)",
    );
  });

  it('says the preview was on the whole track when it was', () => {
    const whole = {
      ...doc,
      codecs: doc.codecs!.map((row) =>
        row.available ? { ...row, measuredSec: doc.file.durationSec } : row,
      ),
    };
    expect(format(whole).replace(/\s+/g, ' ')).toContain('Decoded after encoding the whole track;');
  });

  it('says when the preview was skipped, and why', () => {
    const skipped = format({
      ...measuredMix(),
      codecs: null,
      reasons: { codecs: 'codec preview skipped (--no-codecs)' },
    });
    expect(skipped).toContain('codec preview skipped (--no-codecs)');
  });
});

describe('codec preview in the text report', () => {
  it('fits in 100 columns', () => {
    const lines = formatTextReport(doc).split('\n');
    expect(lines.filter((line) => line.trimEnd().length > TEXT_REPORT_WIDTH)).toEqual([]);
  });

  it('flags a platform whose codec plays over after its gain', () => {
    // Quiet master, not turned down, AAC at +0.4 dBTP: Apple Music (AAC, -1 dBTP limit) goes over.
    const quiet = withCodecPreview(
      measuredMix({ loudness: { integratedLufs: -16, truePeakDbtp: -0.5 } }),
      0.4,
    );
    const apple = quiet.loudness.platforms.find((row) => row.id === 'apple-music')!;
    expect(apple).toMatchObject({ codec: 'aac', codecExceedsTruePeakLimit: true });
    expect(formatTextReport(quiet)).toMatch(/Apple Music \(AAC\) plays at \+0\.4 dBTP/);
  });
});
