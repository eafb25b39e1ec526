/** Pure shaping of result data into chart rows, kept apart from the chart components so it can be tested directly. */
import type { BandComparison, LoudnessCurves, SpectrumBand, StereoBand } from '@mixscope/contracts';
import { bandLabel } from '@mixscope/present';

export interface LoudnessRow {
  t: number;
  momentary: number | null;
  shortTerm: number | null;
}

const maxOf = (a: number | null, b: number | null) =>
  a === null ? b : b === null ? a : Math.max(a, b);

/**
 * Momentary and short-term loudness on one time axis. Long tracks are reduced to at most
 * `maxPoints` rows by keeping each bucket's maximum, so peaks stay visible.
 */
export function loudnessRows(curves: LoudnessCurves, maxPoints = 1200): LoudnessRow[] {
  const hop = curves.hopSec;
  const rows: LoudnessRow[] = [];
  const count = curves.momentary.length;
  const shortOffset = Math.round((curves.shortTermStartSec - curves.momentaryStartSec) / hop);
  for (let i = 0; i < count; i++) {
    const j = i - shortOffset;
    rows.push({
      t: curves.momentaryStartSec + i * hop,
      momentary: curves.momentary[i] ?? null,
      shortTerm: j >= 0 && j < curves.shortTerm.length ? (curves.shortTerm[j] ?? null) : null,
    });
  }
  if (rows.length <= maxPoints) return rows.map(round2Row);
  const bucket = Math.ceil(rows.length / maxPoints);
  const reduced: LoudnessRow[] = [];
  for (let start = 0; start < rows.length; start += bucket) {
    let momentary: number | null = null;
    let shortTerm: number | null = null;
    for (let k = start; k < Math.min(rows.length, start + bucket); k++) {
      momentary = maxOf(momentary, rows[k].momentary);
      shortTerm = maxOf(shortTerm, rows[k].shortTerm);
    }
    reduced.push(round2Row({ t: rows[start].t, momentary, shortTerm }));
  }
  return reduced;
}

function round2Row(row: LoudnessRow): LoudnessRow {
  const r = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
  return {
    t: Math.round(row.t * 100) / 100,
    momentary: r(row.momentary),
    shortTerm: r(row.shortTerm),
  };
}

export interface ShortTermPoint {
  t: number;
  lufs: number | null;
}

/**
 * The short-term curve alone, on the same time grid as loudnessRows; a long track is reduced to
 * at most `maxPoints` points by keeping each bucket's maximum (of `bucket` hops, when given, so
 * two curves can share one grid).
 */
export function shortTermRows(
  curves: LoudnessCurves,
  maxPoints = 1200,
  bucket = Math.max(1, Math.ceil(curves.shortTerm.length / maxPoints)),
): ShortTermPoint[] {
  const { hopSec, shortTermStartSec, shortTerm } = curves;
  const points: ShortTermPoint[] = [];
  for (let start = 0; start < shortTerm.length; start += bucket) {
    let lufs: number | null = null;
    for (let k = start; k < Math.min(shortTerm.length, start + bucket); k++) {
      lufs = maxOf(lufs, shortTerm[k] ?? null);
    }
    points.push({
      t: Math.round((shortTermStartSec + start * hopSec) * 100) / 100,
      lufs: lufs === null ? null : Math.round(lufs * 100) / 100,
    });
  }
  return points;
}

/** The y-range that shows the curve's body without being squashed by near-silent passages. */
export function loudnessDomain(rows: LoudnessRow[], integrated: number | null): [number, number] {
  return lufsDomain(
    rows.flatMap((row) => [row.momentary, row.shortTerm]),
    integrated,
  );
}

/**
 * A LUFS axis for loudness curves, in 3 dB steps: from the 2nd percentile (the quietest 2 % would
 * squash the body of the curves), or `floorAt` where lower, to just above the loudest level.
 */
export function lufsDomain(
  levels: readonly (number | null)[],
  floorAt: number | null = null,
): [number, number] {
  const values = levels.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (values.length === 0) return [-60, 0];
  const low = values[Math.floor(values.length * 0.02)];
  const floor = Math.min(low, floorAt ?? low) - 3;
  const max = values[values.length - 1];
  return [Math.max(-70, Math.floor(floor / 3) * 3), Math.ceil((max + 1) / 3) * 3];
}

export interface SpectrumRow {
  hz: number;
  mix: number | null;
  reference?: number | null;
}

/**
 * Mix spectrum with the reference overlaid on the same frequency grid, the reference shifted by
 * the loudness-match gain so the curves compare tonal balance rather than level.
 */
export function spectrumRows(
  mix: { frequenciesHz: number[]; db: number[] },
  reference?: { frequenciesHz: number[]; db: number[] } | null,
  referenceGainDb = 0,
): SpectrumRow[] {
  const rows: SpectrumRow[] = mix.frequenciesHz.map((hz, i) => ({ hz, mix: round1(mix.db[i]) }));
  if (!reference) return rows.filter((row) => row.hz >= 20 && row.hz <= 20000);
  const byHz = new Map<number, SpectrumRow>(rows.map((row) => [row.hz, row]));
  reference.frequenciesHz.forEach((hz, i) => {
    const level = round1(reference.db[i] + referenceGainDb);
    const row = byHz.get(hz);
    if (row) row.reference = level;
    else byHz.set(hz, { hz, mix: null, reference: level });
  });
  return [...byHz.values()]
    .filter((row) => row.hz >= 20 && row.hz <= 20000)
    .sort((a, b) => a.hz - b.hz);
}

function round1(value: number | undefined): number | null {
  return value === undefined || !Number.isFinite(value) ? null : Math.round(value * 10) / 10;
}

export interface BandBalanceRow {
  band: string;
  label: string;
  db: number | null;
  /** The genre profile's range for the band, as [min, max] dB. */
  range: [number, number] | null;
  inRange: boolean | null;
}

export function bandBalanceRows(
  bands: SpectrumBand[],
  ranges?: Partial<Record<string, { min: number; max: number }>> | null,
): BandBalanceRow[] {
  return bands.map((band) => {
    const range = ranges?.[band.name];
    const db = band.db === null ? null : Math.round(band.db * 10) / 10;
    return {
      band: band.name,
      label: bandLabel(band.name),
      db,
      range: range ? [range.min, range.max] : null,
      inRange: range && db !== null ? db >= range.min && db <= range.max : null,
    };
  });
}

export interface StereoBandRow {
  band: string;
  label: string;
  correlation: number | null;
  width: number | null;
}

export function stereoBandRows(bands: StereoBand[]): StereoBandRow[] {
  return bands.map((band) => ({
    band: band.name,
    label: bandLabel(band.name),
    correlation: band.correlation === null ? null : Math.round(band.correlation * 100) / 100,
    width: band.width === null ? null : Math.round(band.width * 100) / 100,
  }));
}

export interface BandDeltaRow {
  band: string;
  label: string;
  delta: number | null;
}

export function bandDeltaRows(bands: BandComparison[]): BandDeltaRow[] {
  return bands.map((band) => ({
    band: band.name,
    label: bandLabel(band.name),
    delta: band.deltaDb === null ? null : Math.round(band.deltaDb * 10) / 10,
  }));
}

export const SPECTRUM_TICKS = [20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000];

/** Round-number ticks from low to high: steps of 3, 6, 12 or 24 dB, at most `maxTicks` of them. */
export function dbTicks(low: number, high: number, maxTicks = 8): number[] {
  const step = [3, 6, 12, 24].find((s) => (high - low) / s <= maxTicks - 1) ?? 48;
  const ticks: number[] = [];
  for (let tick = Math.ceil(low / step) * step; tick <= high; tick += step) ticks.push(tick);
  return ticks;
}
