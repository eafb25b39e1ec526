import type { Section } from '@mixscope/contracts';

/**
 * How feedback names a section. Labels only say what repeats, so the roles are a convention: the
 * chorus-like label is the chorus; the other repeating label with the most time is the verse; a
 * one-off section is the intro at the start, the outro at the end and the bridge in between.
 */
export function sectionRole(sections: readonly Section[], index: number): string {
  const section = sections[index];
  if (section.chorusLike) return 'chorus';
  if (section.label === verseLabel(sections)) return 'verse';
  const repeats = sections.filter((s) => s.label === section.label).length > 1;
  if (repeats) return `section ${section.label}`;
  if (index === 0) return 'intro';
  if (index === sections.length - 1) return 'outro';
  return 'bridge';
}

/** The repeating, not chorus-like label that takes the most time; null when there is none. */
export function verseLabel(sections: readonly Section[]): string | null {
  const time = new Map<string, number>();
  for (const s of sections) {
    if (s.chorusLike) continue;
    if (sections.filter((other) => other.label === s.label).length < 2) continue;
    time.set(s.label, (time.get(s.label) ?? 0) + s.endSec - s.startSec);
  }
  let best: string | null = null;
  for (const [label, sec] of time) if (best === null || sec > time.get(best)!) best = label;
  return best;
}

/** Power mean of the integrated loudness of the sections with `label`; null if any is missing. */
export function labelLoudness(sections: readonly Section[], label: string): number | null {
  const lufs = sections.filter((s) => s.label === label).map((s) => s.loudness.integratedLufs);
  if (lufs.length === 0 || lufs.some((v) => v === null)) return null;
  const power = lufs.reduce<number>((sum, v) => sum + 10 ** ((v ?? 0) / 10), 0) / lufs.length;
  return 10 * Math.log10(power);
}

/** Chorus minus verse loudness in LU, when the song has both; the chorus' first entry. */
export function chorusLift(
  sections: readonly Section[],
): { liftLu: number; chorus: Section; verseLabel: string } | null {
  const chorus = sections.find((s) => s.chorusLike);
  const verse = verseLabel(sections);
  if (!chorus || verse === null) return null;
  const chorusLufs = labelLoudness(sections, chorus.label);
  const verseLufs = labelLoudness(sections, verse);
  if (chorusLufs === null || verseLufs === null) return null;
  return { liftLu: chorusLufs - verseLufs, chorus, verseLabel: verse };
}

/** Width lost by each section against the one before it, as a share (0.4 = 40 %). */
export function widthLosses(
  sections: readonly Section[],
): { index: number; share: number; before: number; after: number }[] {
  const losses: { index: number; share: number; before: number; after: number }[] = [];
  for (let i = 1; i < sections.length; i++) {
    const before = sections[i - 1].stereo?.widthScore ?? null;
    const after = sections[i].stereo?.widthScore ?? null;
    if (before === null || after === null || !(before > 0)) continue;
    losses.push({ index: i, share: 1 - after / before, before, after });
  }
  return losses;
}
