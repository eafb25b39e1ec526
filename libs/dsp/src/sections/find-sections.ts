import type { Section } from '@mixscope/contracts';
import type { AudioData } from '../audio-data.ts';
import { channelWeights } from '../loudness/channel-weights.ts';
import { kWeightedPower, type KWeightedPower } from '../loudness/k-weighted-power.ts';
import { stereoPairOf } from '../spectrum/analyze-spectrum.ts';
import { distance, featureMatrix, footeNovelty, pickPeaks, selfDistance } from './novelty.ts';
import { sectionFigures, type SectionSource } from './section-figures.ts';
import { sectionFrames } from './section-frames.ts';

/** Half the checkerboard kernel: the stretch on each side a boundary is judged against. */
export const KERNEL_HALF_SEC = 6;
/** Shortest section: no two boundaries closer than this. */
export const MIN_SECTION_SEC = 8;
/** A peak counts when it stands this many standard deviations above the novelty's mean. */
export const PEAK_THRESHOLD_SD = 0.5;
/** Two sections share a label when closer than this share of the median distance between sections. */
export const REPEAT_DISTANCE_SHARE = 0.35;
/** Shorter tracks have no sections: two of the shortest would not fit. */
export const MIN_TRACK_SEC = 2 * MIN_SECTION_SEC;

export interface SectionsAnalysis {
  sections: Section[] | null;
  /** Why `sections` is null. */
  reason: string | null;
}

/**
 * The song's sections: boundaries by novelty, labels by clustering, figures per section.
 * `power` is the loudness meter's K-weighted grain power of the same audio, when already measured.
 */
export function findSections(audio: AudioData, power?: KWeightedPower): SectionsAnalysis {
  const length = audio.channels[0]?.length ?? 0;
  if (length < MIN_TRACK_SEC * audio.sampleRate) {
    return {
      sections: null,
      reason: `shorter than ${MIN_TRACK_SEC} s: too short to hold two sections`,
    };
  }
  const pair = stereoPairOf(audio);
  const [left, right] = pair ?? [audio.channels[0], audio.channels[0]];
  const frames = sectionFrames(left, right, audio.sampleRate);
  const frameSec = frames.hop / audio.sampleRate;
  const rows = featureMatrix(frames);
  const matrix = selfDistance(rows);
  const halfWidth = Math.max(2, Math.round(KERNEL_HALF_SEC / frameSec));
  const novelty = footeNovelty(matrix, frames.frameCount, halfWidth);
  const minGap = Math.max(1, Math.round(MIN_SECTION_SEC / frameSec));
  const edges = [0, ...pickPeaks(novelty, minGap, PEAK_THRESHOLD_SD), frames.frameCount];

  const source: SectionSource = {
    power:
      power ?? kWeightedPower(audio, channelWeights(audio.channels.length, audio.channelLabels)),
    pair,
    noPairReason:
      audio.channels.length === 1
        ? 'mono file: there is no stereo image'
        : 'no left/right channel pair in this layout',
    frames,
  };
  const spans = edges.slice(1).map((to, i) => ({ from: edges[i], to }));
  const means = spans.map(({ from, to }) => meanRow(rows, from, to));
  const groups = groupRepeats(means);
  const figures = spans.map(({ from, to }) => sectionFigures(source, from, to));
  const chorusGroup = loudestRepeatingGroup(groups, figures);

  const sections = spans.map(({ from, to }, i): Section => {
    const first = groups.indexOf(groups[i]);
    return {
      startSec: round3(from * frameSec),
      endSec: round3(to === frames.frameCount ? length / audio.sampleRate : to * frameSec),
      label: labelOf(groups[i]),
      chorusLike: groups[i] === chorusGroup,
      ...(first < i ? { repeatOf: first } : {}),
      ...figures[i],
    };
  });
  return { sections, reason: null };
}

function meanRow(rows: Float32Array[], from: number, to: number): Float32Array {
  const mean = new Float32Array(rows[0].length);
  for (let f = from; f < to; f++) for (let d = 0; d < mean.length; d++) mean[d] += rows[f][d];
  for (let d = 0; d < mean.length; d++) mean[d] /= Math.max(1, to - from);
  return mean;
}

/**
 * Group index per section: each section joins the group of the nearest earlier section when it
 * is close enough (relative to the median distance between sections), else opens a new group.
 */
export function groupRepeats(means: Float32Array[]): number[] {
  const distances: number[] = [];
  for (let i = 0; i < means.length; i++)
    for (let j = i + 1; j < means.length; j++) distances.push(distance(means[i], means[j]));
  distances.sort((a, b) => a - b);
  const median = distances.length > 0 ? distances[Math.floor(distances.length / 2)] : 0;
  const limit = REPEAT_DISTANCE_SHARE * median;
  const groups: number[] = [];
  let next = 0;
  for (let i = 0; i < means.length; i++) {
    let best = -1;
    let bestDistance = Infinity;
    for (let j = 0; j < i; j++) {
      const d = distance(means[i], means[j]);
      if (d < bestDistance) {
        bestDistance = d;
        best = j;
      }
    }
    groups.push(best >= 0 && bestDistance < limit ? groups[best] : next++);
  }
  return groups;
}

/** The group that repeats and whose sections are loudest on average (power mean); null if none repeats. */
function loudestRepeatingGroup(
  groups: number[],
  figures: { loudness: { integratedLufs: number | null } }[],
): number | null {
  let best: number | null = null;
  let bestLufs = -Infinity;
  for (const group of new Set(groups)) {
    const members = groups.flatMap((g, i) => (g === group ? [i] : []));
    if (members.length < 2) continue;
    const powers = members.map((i) => figures[i].loudness.integratedLufs);
    if (powers.some((lufs) => lufs === null)) continue;
    const mean =
      10 * Math.log10(powers.reduce<number>((sum, lufs) => sum + 10 ** ((lufs ?? 0) / 10), 0));
    const lufs = mean - 10 * Math.log10(members.length);
    if (lufs > bestLufs) {
      bestLufs = lufs;
      best = group;
    }
  }
  return best;
}

/** A, B, … Z, AA, AB, … */
export function labelOf(group: number): string {
  let label = '';
  let n = group;
  do {
    label = String.fromCharCode(65 + (n % 26)) + label;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return label;
}

function round3(sec: number): number {
  return Math.round(sec * 1000) / 1000;
}
