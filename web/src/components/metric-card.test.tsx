// @vitest-environment happy-dom
import { buildAnalysisResult } from '@mixscope/contracts/testing';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LoudnessTab } from '../analysis/loudness-tab.tsx';
import { OverviewTab } from '../analysis/overview-tab.tsx';
import { StereoSpectrumTab } from '../analysis/stereo-spectrum-tab.tsx';
import { METRIC_HELP, type MetricKey } from '../metrics/metric-help.ts';
import { MetricCard } from './metric-card.tsx';

afterEach(cleanup);

describe('MetricCard', () => {
  it('shows the figure with its unit and explains itself on hover', () => {
    const { container } = render(<MetricCard metric="truePeakDbtp" value={-1.234} />);
    const card = container.querySelector('.metric-card') as HTMLElement;
    expect(screen.getByTestId('metric-value').textContent).toBe('-1.2');
    expect(card.textContent).toContain('dBTP');
    expect(screen.queryByRole('tooltip')).toBeNull();

    fireEvent.mouseEnter(card);
    const tip = screen.getByRole('tooltip');
    expect(tip.textContent).toContain(METRIC_HELP.truePeakDbtp.what);
    expect(tip.textContent).toContain(METRIC_HELP.truePeakDbtp.good);
    expect(card.getAttribute('aria-describedby')).toBe(tip.id);

    fireEvent.mouseLeave(card);
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('opens the explanation on keyboard focus too', () => {
    const { container } = render(<MetricCard metric="loudnessRangeLu" value={6} />);
    fireEvent.focus(container.querySelector('.metric-card') as HTMLElement);
    expect(screen.getByRole('tooltip').textContent).toContain('EBU Tech 3342');
  });

  it('colours the card by how the figure compares with mastering practice', () => {
    const tone = (value: number) =>
      render(<MetricCard metric="truePeakDbtp" value={value} />).container.querySelector(
        '.metric-card',
      )!.className;
    expect(tone(0.4)).toContain('tone-bad'); // over 0 dBTP clips after encoding
    expect(tone(-0.5)).toContain('tone-warn'); // above the -1 dBTP streaming ceiling
    expect(tone(-1.5)).toContain('tone-good');
  });

  it('says why a figure is missing instead of inventing one', () => {
    render(
      <MetricCard
        metric="integratedLufs"
        value={null}
        reason="no block above -70 LUFS (digital silence)"
      />,
    );
    expect(screen.getByTestId('metric-value').textContent).toBe('—');
    expect(screen.getByText('no block above -70 LUFS (digital silence)')).toBeTruthy();
  });

  it('explains every metric the analysis page shows, and has no help for a metric it does not', () => {
    // The tabs that hold metric cards, with a document in which every figure is measured.
    const { container } = render(
      <>
        <OverviewTab result={buildAnalysisResult()} feedback={null} />
        <LoudnessTab result={buildAnalysisResult()} chartWidth={800} />
        <StereoSpectrumTab result={buildAnalysisResult()} chartWidth={800} />
      </>,
    );
    const cards = [...container.querySelectorAll<HTMLElement>('.metric-card')];
    const shown = new Set(cards.map((card) => card.dataset.metric as MetricKey));
    expect(shown.size).toBeGreaterThan(15);
    for (const card of cards) {
      const metric = card.dataset.metric as MetricKey;
      fireEvent.mouseEnter(card);
      const tip = within(card).getByRole('tooltip').textContent ?? '';
      expect(tip, metric).toMatch(/What it is\. .{20,}/);
      expect(tip, metric).toMatch(/What good looks like\. .{5,}/);
      fireEvent.mouseLeave(card);
    }
    expect(Object.keys(METRIC_HELP).filter((metric) => !shown.has(metric as MetricKey))).toEqual(
      [],
    );
  });
});
