// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { COMPARED_METRICS, type Finding } from '@mixscope/contracts';
import { bandsFromLevels, buildSampleFeedback } from '@mixscope/contracts/testing';
import { measuredMix } from '@mixscope/dsp/testing';
import { Sparkline } from '../charts/sparkline.tsx';
import { completedAnalysis } from '../test-support/fixtures.ts';
import { RevisionComparison, type ComparedRevision } from './revision-comparison.tsx';

afterEach(cleanup);

const problem = (id: string, title: string): Finding => ({
  id,
  area: 'loudness',
  severity: 'warning',
  title,
  metric: 'loudness.integratedLufs',
  measured: null,
  unit: '',
  target: null,
  action: 'Fix it.',
  message: `${title}.`,
});

function revision(
  revisionNumber: number,
  integratedLufs: number,
  bandLevels: number[],
  findings: Finding[],
): ComparedRevision {
  const result = measuredMix({
    loudness: { integratedLufs },
    spectrum: { bands: bandsFromLevels(bandLevels) },
  });
  const analysis = {
    ...completedAnalysis(result, buildSampleFeedback({ findings })),
    revision: revisionNumber,
  };
  return { analysis: { ...analysis, result }, name: `Mix v${revisionNumber}` };
}

describe('RevisionComparison', () => {
  const older = revision(
    1,
    -12,
    [-20, -18, -16, -22, -26, -30],
    [
      problem('true-peak.over', 'True peak over the ceiling'),
      problem('spectrum.band.sub', 'Sub heavy'),
    ],
  );
  // 2 LU louder, and every band moved on top of that.
  const newer = revision(
    2,
    -10,
    [-15, -17, -13, -22, -23.5, -26.5],
    [problem('spectrum.band.sub', 'Sub heavy'), problem('stereo.width', 'Too narrow')],
  );

  it('lists every compared figure, older and newer side by side with the change', () => {
    const { container } = render(
      <RevisionComparison older={older} newer={newer} chartWidth={700} />,
    );
    const rows = container.querySelectorAll('tr[data-metric]');
    expect([...rows].map((row) => row.getAttribute('data-metric'))).toEqual(
      COMPARED_METRICS.map((metric) => metric.metric),
    );
    const integrated = container.querySelector('tr[data-metric="integratedLufs"]')!;
    expect([...integrated.querySelectorAll('td')].map((cell) => cell.textContent)).toEqual([
      'Integrated loudness',
      '-12.0 LUFS',
      '-10.0 LUFS',
      '+2.0 LU',
    ]);
    expect(screen.getByRole('columnheader', { name: '#1 Mix v1' })).toBeTruthy();
  });

  it('overlays both short-term curves and both spectra, and draws a bar per band', () => {
    const { container } = render(
      <RevisionComparison older={older} newer={newer} chartWidth={700} />,
    );
    const curves = (label: string) =>
      container.querySelectorAll(`figure[aria-label="${label}"] .recharts-line-curve`).length;
    expect(curves('Short-term loudness of both revisions')).toBe(2);
    expect(curves('Spectrum')).toBe(2);
    expect(
      container.querySelectorAll(
        'figure[aria-label="Band level change between the revisions"] .recharts-bar-rectangle',
      ).length,
    ).toBe(6);
    expect(container.textContent).toContain(
      "#1 Mix v1 is turned up by 2.0 dB to the newer revision's integrated loudness",
    );
  });

  it('says which problems were fixed, which are new and which are still open', () => {
    render(<RevisionComparison older={older} newer={newer} chartWidth={700} />);
    const titles = (testId: string) =>
      within(screen.getByTestId(testId))
        .queryAllByRole('listitem')
        .map((item) => item.querySelector('strong')?.textContent);
    expect(titles('feedback-fixed')).toEqual(['True peak over the ceiling']);
    expect(titles('feedback-new')).toEqual(['Too narrow']);
    expect(titles('feedback-open')).toEqual(['Sub heavy']);
  });
});

describe('Sparkline', () => {
  it('labels the revisions on its time axis and the figure on its value axis', () => {
    const { container } = render(
      <Sparkline
        title="Integrated"
        unit="LUFS"
        width={320}
        points={[
          { revision: '#1', label: '#1 First', value: -14 },
          { revision: '#2', label: '#2 Second', value: -11 },
          { revision: '#3', label: '#3 Third', value: -9 },
        ]}
      />,
    );
    const ticks = [...container.querySelectorAll('.recharts-cartesian-axis-tick-value')].map(
      (tick) => tick.textContent ?? '',
    );
    // Recharts draws both axes' tick labels in one layer: the revisions, then the values.
    expect(ticks.filter((tick) => tick.startsWith('#'))).toEqual(['#1', '#2', '#3']);
    const values = ticks.filter((tick) => !tick.startsWith('#')).map(Number);
    expect(values.length).toBeGreaterThanOrEqual(2);
    expect(Math.min(...values)).toBeLessThanOrEqual(-14);
    expect(Math.max(...values)).toBeGreaterThanOrEqual(-9);
  });
});
