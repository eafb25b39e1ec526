import { BANDS, type BandName, type ProcessingStep } from '@mixscope/contracts';
import { roundTo as round } from '@mixscope/present';

/** Where to put an EQ move that changes one band, and how broad it is. */
const BAND_EQ: Record<BandName, { shape: string; frequencyHz: number; q: number }> = {
  sub: { shape: 'low shelf', frequencyHz: 60, q: 0.7 },
  bass: { shape: 'bell', frequencyHz: 120, q: 0.9 },
  lowMids: { shape: 'bell', frequencyHz: 350, q: 1.4 },
  mids: { shape: 'bell', frequencyHz: 1000, q: 0.7 },
  highMids: { shape: 'bell', frequencyHz: 3500, q: 1 },
  air: { shape: 'high shelf', frequencyHz: 8000, q: 0.7 },
};

const MAX_CUT_DB = 6;
const MAX_BOOST_DB = 4;

/**
 * The band an EQ move at `frequencyHz` acts on: the band whose move sits there (the sub shelf at
 * 60 Hz is a sub move although 60 Hz opens the bass band), else the band that holds it.
 */
export function bandAtFrequency(frequencyHz: number): BandName | null {
  const placed = (Object.keys(BAND_EQ) as BandName[]).find(
    (band) => BAND_EQ[band].frequencyHz === frequencyHz,
  );
  if (placed) return placed;
  return BANDS.find((band) => frequencyHz >= band.lowHz && frequencyHz < band.highHz)?.name ?? null;
}

export function eqShape(band: BandName): string {
  return BAND_EQ[band].shape;
}

/** An EQ move of `gainDb` on one band: cuts up to 6 dB, boosts up to 4, in 0.5 dB steps. */
export function eqMove(band: BandName, gainDb: number, target: string): ProcessingStep {
  const { frequencyHz, q } = BAND_EQ[band];
  const clamped = Math.max(-MAX_CUT_DB, Math.min(MAX_BOOST_DB, gainDb));
  const gain = round(clamped * 2, 0) / 2 || (gainDb < 0 ? -0.5 : 0.5);
  return {
    type: 'eq',
    target,
    settings: [
      { parameter: 'frequency', value: frequencyHz, unit: 'Hz' },
      { parameter: 'gain', value: gain, unit: 'dB' },
      { parameter: 'Q', value: q, unit: '' },
    ],
  };
}
