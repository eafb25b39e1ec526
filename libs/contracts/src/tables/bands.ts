import { idTuple } from './table-error.ts';

/**
 * The six bands every spectrum and stereo figure is reported in, low to high, each [lowHz, highHz)
 * (docs/measurement.md#spectrum-and-bands). The label is how reports, feedback and the web app
 * name the band to people.
 */
const BAND_TABLE = [
  { name: 'sub', label: 'Sub', lowHz: 20, highHz: 60 },
  { name: 'bass', label: 'Bass', lowHz: 60, highHz: 250 },
  { name: 'lowMids', label: 'Low mids', lowHz: 250, highHz: 500 },
  { name: 'mids', label: 'Mids', lowHz: 500, highHz: 2000 },
  { name: 'highMids', label: 'High mids', lowHz: 2000, highHz: 6000 },
  { name: 'air', label: 'Air', lowHz: 6000, highHz: 20000 },
] as const;

export type BandName = (typeof BAND_TABLE)[number]['name'];

export interface Band {
  name: BandName;
  label: string;
  lowHz: number;
  highHz: number;
}

export const BANDS: readonly Band[] = BAND_TABLE;

/** The band names in table order, as a tuple for z.enum and other validators. */
export const BAND_NAMES = idTuple(
  'bands',
  BAND_TABLE.map((band) => band.name),
);

export const BAND_LABELS: Readonly<Record<BandName, string>> = Object.fromEntries(
  BAND_TABLE.map((band) => [band.name, band.label]),
) as Record<BandName, string>;
