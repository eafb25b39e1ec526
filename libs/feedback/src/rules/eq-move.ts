import type { BandName, ProcessingStep } from '@mixscope/contracts';
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
