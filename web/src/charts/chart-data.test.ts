import { describe, expect, it } from 'vitest';
import { buildAnalysisResult, buildReferenceTrack } from '@mixscope/contracts/testing';
import {
  bandBalanceRows,
  dbTicks,
  loudnessDomain,
  loudnessRows,
  spectrumRows,
} from './chart-data.ts';

describe('loudnessRows', () => {
  it('puts each short-term value at the time its 3 s window ends', () => {
    const curves = buildAnalysisResult().loudness.curves;
    const rows = loudnessRows(curves);
    expect(rows).toHaveLength(curves.momentary.length);
    // The first short-term value belongs at shortTermStartSec (3.0 s).
    const first = rows.find((row) => row.shortTerm !== null)!;
    expect(first.t).toBeCloseTo(curves.shortTermStartSec, 6);
    expect(first.shortTerm).toBeCloseTo(curves.shortTerm[0] as number, 2);
    // Momentary i sits at momentaryStartSec + i * hop.
    expect(rows[10].t).toBeCloseTo(curves.momentaryStartSec + 10 * curves.hopSec, 6);
    expect(rows[10].momentary).toBeCloseTo(curves.momentary[10] as number, 2);
    expect(rows[0].momentary).toBeNull();
  });

  it('keeps each bucket’s maximum when a long track is reduced', () => {
    const momentary = Array.from({ length: 10_000 }, (_, i) => -20 + (i % 97 === 0 ? 15 : 0));
    const rows = loudnessRows(
      { hopSec: 0.1, momentaryStartSec: 0.4, shortTermStartSec: 3, momentary, shortTerm: [] },
      500,
    );
    expect(rows.length).toBeLessThanOrEqual(500);
    expect(Math.max(...rows.map((row) => row.momentary ?? -99))).toBe(-5);
  });

  it('chooses a y-range that contains the integrated level and the loudest value', () => {
    const mix = buildAnalysisResult();
    const rows = loudnessRows(mix.loudness.curves);
    const [low, high] = loudnessDomain(rows, mix.loudness.integratedLufs);
    const values = rows
      .flatMap((row) => [row.momentary, row.shortTerm])
      .filter((v): v is number => v !== null);
    expect(high).toBeGreaterThanOrEqual(Math.max(...values));
    expect(low).toBeLessThan(mix.loudness.integratedLufs as number);
  });
});

describe('spectrumRows', () => {
  it('overlays the reference shifted by the loudness-match gain', () => {
    const mix = buildAnalysisResult().spectrum.curve;
    const reference = buildReferenceTrack().spectrum.curve;
    const rows = spectrumRows(mix, reference, -0.8);
    const at = (hz: number) => rows.find((row) => row.hz === hz)!;
    expect(at(1000).mix).toBe(mix.db[mix.frequenciesHz.indexOf(1000)]);
    expect(at(1000).reference).toBeCloseTo(
      reference.db[reference.frequenciesHz.indexOf(1000)] - 0.8,
      5,
    );
  });
});

describe('bandBalanceRows', () => {
  it('flags bands outside the profile range', () => {
    const bands = buildAnalysisResult().spectrum.bands;
    const ranges = Object.fromEntries(bands.map((band) => [band.name, { min: -30, max: -29 }]));
    ranges.bass = { min: (bands[1].db as number) - 1, max: (bands[1].db as number) + 1 };
    const rows = bandBalanceRows(bands, ranges);
    expect(rows.map((row) => row.inRange)).toEqual([false, true, false, false, false, false]);
    expect(rows[0].db).toBeCloseTo(10 * Math.log10(bands[0].share as number), 1);
  });
});

describe('dbTicks', () => {
  it('spaces ticks evenly on multiples of the step, inside the range', () => {
    expect(dbTicks(-27, -12)).toEqual([-27, -24, -21, -18, -15, -12]);
    expect(dbTicks(-96, -24)).toEqual([-96, -84, -72, -60, -48, -36, -24]);
    const ticks = dbTicks(-70, 1);
    expect(ticks.length).toBeLessThanOrEqual(8);
    expect(ticks.every((t) => t >= -70 && t <= 1 && t % 12 === 0)).toBe(true);
  });
});
