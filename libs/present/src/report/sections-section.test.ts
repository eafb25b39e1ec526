import { describe, expect, it } from 'vitest';
import {
  buildAnalysisResult,
  buildReferenceTrack,
  buildSection,
} from '@mixscope/contracts/testing';
import { compareResults } from '@mixscope/dsp';
import { attachReference } from '@mixscope/contracts';
import { formatMarkdownReport } from './markdown-report.ts';
import { formatTextReport, TEXT_REPORT_WIDTH } from './text-report.ts';

const withSections = () =>
  buildAnalysisResult({
    sections: [
      buildSection({ startSec: 0, endSec: 12.4, label: 'A' }, -14, 30),
      buildSection({ startSec: 12.4, endSec: 72, label: 'B', chorusLike: true }, -9.2, 55),
      buildSection(
        {
          startSec: 72,
          endSec: 74,
          label: 'B',
          chorusLike: true,
          repeatOf: 1,
          loudness: { integratedLufs: -9.5, shortTermMaxLufs: null, loudnessRangeLu: null },
          reasons: {
            shortTermMaxLufs: 'shorter than 3 s: no complete 3000 ms window',
            loudnessRangeLu: 'shorter than 3 s: no complete 3000 ms window',
          },
        },
        -9.5,
      ),
    ],
  });

describe('the sections table', () => {
  it('lists each section with its time, loudness and width, in 100 columns', () => {
    const report = formatTextReport(withSections());
    expect(report).toContain('SECTIONS');
    const lines = report.split('\n');
    const chorus = lines.find((line) => /^\s+2\s+B \(chorus-like\)/.test(line));
    expect(chorus).toMatch(/0:12-1:12\s+-9\.2\s+-7\.2\s+3\.0\s+55\s+0\.60/);
    expect(report).toContain('3 loudnessRangeLu: shorter than 3 s: no complete 3000 ms window');
    expect(lines.filter((line) => line.trimEnd().length > TEXT_REPORT_WIDTH)).toEqual([]);
    expect(report).toMatch(/Band levels per section/);
  });

  it('shows the same table in Markdown', () => {
    const markdown = formatMarkdownReport(withSections());
    expect(markdown).toContain('## Sections');
    expect(markdown).toMatch(/\| 2 \| B \(chorus-like\) \| 0:12-1:12 \| -9\.2 \|/);
  });

  it('says why there are no sections, and leaves the table out of older documents', () => {
    const none = buildAnalysisResult({
      sections: null,
      reasons: { sections: 'shorter than 16 s: too short to hold two sections' },
    });
    expect(formatTextReport(none)).toContain(
      'No sections: shorter than 16 s: too short to hold two sections',
    );
    expect(formatTextReport(buildAnalysisResult())).not.toContain('SECTIONS');
  });
});

describe('the chorus comparison', () => {
  it('puts the mix chorus beside the reference chorus', () => {
    const mix = withSections();
    const reference = buildReferenceTrack({ sections: withSections().sections });
    const report = formatTextReport(
      attachReference(mix, reference, compareResults(mix, reference)),
    );
    expect(report).toMatch(/Chorus against chorus \(mix section 2, reference section 2\)/);
    const lines = report.split('\n');
    const chorus = lines.findIndex((line) => line.includes('Chorus against chorus'));
    expect(
      lines.slice(chorus).some((line) => /Width score\s+55\.0\s+55\.0\s+0\.0/.test(line)),
    ).toBe(true);
  });
});
