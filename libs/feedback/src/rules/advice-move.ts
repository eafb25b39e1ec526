import type { AdviceMove, AdviceSource, BandName } from '@mixscope/contracts';

/** The stereo-width target that stands for the whole picture (width score, mono fold-down). */
export const WHOLE_IMAGE = 'image';
/** A `keep` move with this target holds every band of its topic (the "tonal balance fits" finding). */
export const EVERY_TARGET = 'all';

/** The EQ move a finding asks for on one band: a boost or a cut of `gainDb`. */
export function eqAdvice(band: BandName, gainDb: number, source: AdviceSource): AdviceMove {
  return {
    topic: 'eq',
    target: band,
    direction: gainDb < 0 ? 'cut' : 'boost',
    gainDb,
    source,
    status: 'active',
  };
}

export function widthAdvice(
  direction: 'widen' | 'narrow' | 'keep',
  source: AdviceSource,
): AdviceMove {
  return { topic: 'width', target: WHOLE_IMAGE, direction, gainDb: null, source, status: 'active' };
}

/** A finding that says "keep it as it is" for one target, or for every band (`EVERY_TARGET`). */
export function keepAdvice(topic: AdviceMove['topic'], target: string): AdviceMove {
  return { topic, target, direction: 'keep', gainDb: null, source: 'genre', status: 'active' };
}
