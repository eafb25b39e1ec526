import type { Mode } from './key.ts';

export interface KeyLabel {
  /** Pitch class of the tonic, 0 = C. */
  tonic: number;
  mode: Mode;
}

/**
 * MIREX key-detection score of an estimate against the truth: same key 1.0, a perfect fifth away in
 * the same mode 0.5, the relative major/minor 0.3, the parallel major/minor 0.2, anything else 0.
 */
export function mirexKeyScore(estimate: KeyLabel, truth: KeyLabel): number {
  const up = (estimate.tonic - truth.tonic + 12) % 12;
  if (estimate.mode === truth.mode) {
    if (up === 0) return 1;
    return up === 7 || up === 5 ? 0.5 : 0;
  }
  // Relative: A minor for C major (tonic 9 semitones up), C major for A minor (3 up).
  const relative = truth.mode === 'major' ? 9 : 3;
  if (up === relative) return 0.3;
  return up === 0 ? 0.2 : 0;
}

/** Parses labels such as "A# major" or "C minor"; null when it is not one. */
export function parseKeyLabel(label: string, pitchClasses: readonly string[]): KeyLabel | null {
  const [name, mode] = label.trim().split(/\s+/);
  const tonic = pitchClasses.indexOf(name);
  return tonic >= 0 && (mode === 'major' || mode === 'minor') ? { tonic, mode } : null;
}
