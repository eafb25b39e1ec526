import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildAnalysisResult, buildSection } from '@mixscope/contracts/testing';
import { LoudnessChart } from './loudness-chart.tsx';

describe('LoudnessChart sections', () => {
  it('shades each section, the chorus-like one stronger', () => {
    const mix = buildAnalysisResult();
    const duration = mix.loudness.curves.shortTerm.length * mix.loudness.curves.hopSec;
    const sections = [
      buildSection({ startSec: 0, endSec: duration / 2, label: 'A' }),
      buildSection({ startSec: duration / 2, endSec: duration, label: 'B', chorusLike: true }),
    ];
    const { container } = render(
      <LoudnessChart
        curves={mix.loudness.curves}
        integratedLufs={mix.loudness.integratedLufs}
        truePeakDbtp={mix.loudness.truePeakDbtp}
        sections={sections}
        width={800}
        height={300}
      />,
    );
    const areas = container.querySelectorAll('.recharts-reference-area');
    expect(areas).toHaveLength(2);
    const opacity = [...areas].map((area) =>
      area.querySelector('.recharts-reference-area-rect')?.getAttribute('fill-opacity'),
    );
    // The chorus-like section is shaded stronger.
    expect(opacity).toEqual(['0.06', '0.16']);
  });
});
