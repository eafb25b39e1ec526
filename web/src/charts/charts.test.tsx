// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { compareResults } from '@mixscope/dsp';
import {
  buildAnalysisResult,
  buildReferenceTrack,
  withReference,
} from '@mixscope/contracts/testing';
import { BandBalanceChart } from './band-balance-chart.tsx';
import { SPECTRUM_TICKS } from './chart-data.ts';
import { CHART } from './chart-theme.ts';
import { LoudnessChart } from './loudness-chart.tsx';
import { SpectrumChart } from './spectrum-chart.tsx';
import { StereoBandsChart } from './stereo-bands-chart.tsx';
import { StereoField, bandSpreadDegrees } from './stereo-field.tsx';

afterEach(cleanup);

describe('LoudnessChart', () => {
  it('draws both curves, the integrated line and a marker per peak over', () => {
    const mix = buildAnalysisResult();
    const { container } = render(
      <LoudnessChart
        curves={mix.loudness.curves}
        integratedLufs={mix.loudness.integratedLufs}
        truePeakDbtp={mix.loudness.truePeakDbtp}
        issues={mix.issues}
        width={800}
        height={300}
      />,
    );
    const lines = container.querySelectorAll('.recharts-line-curve');
    expect(lines).toHaveLength(2);
    expect(lines[0].getAttribute('stroke')).toBe(CHART.momentary);
    expect(lines[1].getAttribute('stroke')).toBe(CHART.shortTerm);
    expect(container.textContent).toContain('Integrated -8.7 LUFS');
    const expected = mix.issues.flatMap((issue) => issue.times).length;
    expect(container.querySelector('[data-testid="true-peak-note"]')!.textContent).toContain(
      `${expected} markers`,
    );
    expect(container.textContent).toContain('True peak 0.4 dBTP');
  });
});

describe('SpectrumChart', () => {
  it('draws the mix alone, or with the reference overlaid', () => {
    const mix = buildAnalysisResult();
    const alone = render(<SpectrumChart mix={mix.spectrum.curve} width={700} height={280} />);
    expect(alone.container.querySelectorAll('.recharts-line-curve')).toHaveLength(1);
    cleanup();
    const both = withReference(buildAnalysisResult(), buildReferenceTrack(), compareResults);
    const overlaid = render(
      <SpectrumChart
        mix={both.spectrum.curve}
        reference={both.reference!.spectrum.curve}
        referenceName="pro-reference.flac"
        referenceGainDb={both.comparison!.loudnessMatchGainDb}
        width={700}
        height={280}
      />,
    );
    const curves = overlaid.container.querySelectorAll('.recharts-line-curve');
    expect(curves).toHaveLength(2);
    expect(curves[1].getAttribute('stroke')).toBe(CHART.reference);
    expect(overlaid.container.textContent).toContain('pro-reference.flac');
    // Log-frequency axis: each tick sits at log(f / 20 Hz) / log(1000) of the axis length.
    const ticks = [...overlaid.container.querySelectorAll('.recharts-xAxis-tick-lines line')];
    const xs = ticks.map((tick) => Number(tick.getAttribute('x1')));
    expect(xs).toHaveLength(SPECTRUM_TICKS.length);
    const [left, right] = [xs[0], xs[xs.length - 1]];
    SPECTRUM_TICKS.forEach((hz, i) => {
      expect(xs[i]).toBeCloseTo(left + ((right - left) * Math.log(hz / 20)) / Math.log(1000), 3);
    });
  });
});

describe('BandBalanceChart', () => {
  it('marks each band green inside the genre range and amber outside', () => {
    const bands = buildAnalysisResult().spectrum.bands;
    const ranges = Object.fromEntries(
      bands.map((band) => [
        band.name,
        { min: (band.db as number) - 1, max: (band.db as number) + 1 },
      ]),
    );
    ranges.air = { min: -40, max: -35 };
    const { container } = render(
      <BandBalanceChart bands={bands} ranges={ranges} profileName="Pop" width={600} height={280} />,
    );
    const dots = [...container.querySelectorAll('circle[data-band]')];
    expect(dots).toHaveLength(6);
    const fill = (band: string) =>
      dots.find((dot) => dot.getAttribute('data-band') === band)!.getAttribute('fill');
    expect(fill('bass')).toBe(CHART.good);
    expect(fill('air')).toBe(CHART.warn);
    expect(container.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(6);
    expect(container.textContent).toContain('Pop range');
  });
});

describe('StereoBandsChart', () => {
  it('draws a correlation and a width bar per band, red where a band is out of phase', () => {
    const bands = buildAnalysisResult().stereo!.bands.map((band, i) =>
      i === 5 ? { ...band, correlation: -0.3, width: 1 } : band,
    );
    const { container } = render(<StereoBandsChart bands={bands} width={600} height={260} />);
    const bars = container.querySelectorAll('.recharts-bar-rectangle path');
    expect(bars.length).toBe(12);
    const fills = [...container.querySelectorAll('.recharts-bar')][0].querySelectorAll('path');
    expect(fills[5].getAttribute('fill')).toBe(CHART.bad);
    expect(fills[0].getAttribute('fill')).toBe(CHART.good);
  });
});

describe('StereoField', () => {
  it('spreads each band by its width and paints out-of-phase bands red', () => {
    const stereo = buildAnalysisResult().stereo!;
    const bands = stereo.bands.map((band) =>
      band.name === 'air' ? { ...band, correlation: -0.2, width: 1 } : band,
    );
    const { container } = render(
      <StereoField bands={bands} correlation={stereo.correlation} balanceDb={stereo.balanceDb} />,
    );
    const arcs = [...container.querySelectorAll('path[data-band]')];
    expect(arcs).toHaveLength(6);
    const spread = (name: string) =>
      Number(arcs.find((a) => a.getAttribute('data-band') === name)!.getAttribute('data-spread'));
    // Sub (correlation 0.99) is nearly mono; air (decorrelated) fills the field.
    expect(spread('sub')).toBe(Math.round(bandSpreadDegrees(1 - 0.99)));
    expect(spread('air')).toBe(90);
    expect(spread('sub')).toBeLessThan(spread('highMids'));
    expect(arcs.find((a) => a.getAttribute('data-band') === 'air')!.getAttribute('fill')).toBe(
      CHART.bad,
    );
    const marker = container.querySelector('[data-testid="correlation-marker"]') as HTMLElement;
    expect(marker.style.left).toBe(`${((0.78 + 1) / 2) * 100}%`);
  });
});
