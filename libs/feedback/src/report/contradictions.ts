import type { AdviceMove, ComparisonResult, Finding, Report } from '@mixscope/contracts';
import {
  groupMoves,
  moveKey,
  OVERRIDE_PHRASE,
  referenceCoverage,
} from '../rules/reconcile-moves.ts';
import { statedMoves, type ReportPlace, type StatedMove } from './stated-moves.ts';

/**
 * What "the advice contradicts itself" means, checked on the rules' findings and on any written
 * report (the rules' or the LLM's):
 * - `boost-and-cut`: one band is both boosted and cut;
 * - `widen-and-narrow`: one stereo range is both widened and narrowed;
 * - `two-moves`: one band gets two moves (two gains, or a move next to a "keep it");
 * - `reference-unannotated`: the genre range decides where the reference compared the mix, or a
 *   finding the reference overrides does not say so.
 */
export type ContradictionKind =
  'boost-and-cut' | 'widen-and-narrow' | 'two-moves' | 'reference-unannotated';

export interface Contradiction {
  kind: ContradictionKind;
  /** "eq:sub", "width:image"… */
  target: string;
  detail: string;
  /** Where the later of the two statements stands: what a repair would drop. Absent for findings. */
  place?: ReportPlace;
}

/** Gains closer than this are one move written twice (0.5 dB is the step EQ moves are rounded to). */
const SAME_GAIN_DB = 0.5;

function opposed(a: AdviceMove['direction'], b: AdviceMove['direction']): ContradictionKind | null {
  const pair = new Set([a, b]);
  if (pair.has('boost') && pair.has('cut')) return 'boost-and-cut';
  if (pair.has('widen') && pair.has('narrow')) return 'widen-and-narrow';
  return null;
}

/** The findings' moves: one active move per target, the reference deciding where it compared. */
export function findFindingConflicts(
  findings: readonly Finding[],
  comparison: ComparisonResult | undefined,
): Contradiction[] {
  const covered = referenceCoverage(comparison);
  const out: Contradiction[] = [];
  for (const [key, members] of groupMoves(findings)) {
    const group = members.map((index) => findings[index]);
    const active = group.filter((f) => f.move!.status === 'active');
    const real = active.filter((f) => f.move!.direction !== 'keep');
    for (let i = 1; i < real.length; i++) {
      const kind = opposed(real[0].move!.direction, real[i].move!.direction) ?? 'two-moves';
      out.push({ kind, target: key, detail: `${real[0].id} and ${real[i].id} both act` });
    }
    if (real.length > 0) {
      for (const keep of active.filter((f) => f.move!.direction === 'keep'))
        if (keep.move!.source !== real[0].move!.source)
          out.push({
            kind: 'two-moves',
            target: key,
            detail: `${keep.id} says keep while ${real[0].id} asks for a move`,
          });
    }
    for (const finding of group) {
      const { move } = finding;
      if (move!.status === 'overridden' && finding.processing)
        out.push({
          kind: 'two-moves',
          target: key,
          detail: `${finding.id} is overridden but keeps its processing`,
        });
      if (!covered.has(key) || move!.source !== 'genre' || move!.direction === 'keep') continue;
      if (move!.status === 'active')
        out.push({
          kind: 'reference-unannotated',
          target: key,
          detail: `${finding.id} follows the genre range where the reference decides`,
        });
      else if (!finding.message.includes(OVERRIDE_PHRASE))
        out.push({
          kind: 'reference-unannotated',
          target: key,
          detail: `${finding.id} does not say that the reference overrides it`,
        });
    }
    const winner = real.find((f) => f.move!.source === 'reference');
    const overruled = group.some(
      (f) => f.move!.source === 'genre' && f.move!.status === 'overridden',
    );
    if (winner && overruled && !winner.message.includes(OVERRIDE_PHRASE))
      out.push({
        kind: 'reference-unannotated',
        target: key,
        detail: `${winner.id} does not say that it overrides the genre range`,
      });
  }
  return out;
}

function describe(move: StatedMove | AdviceMove): string {
  const gain = move.gainDb === null ? '' : ` ${move.gainDb > 0 ? '+' : ''}${move.gainDb} dB`;
  return 'quote' in move
    ? `“${move.quote}” (${move.direction}${gain})`
    : `the ${move.source} finding (${move.direction}${gain})`;
}

/**
 * The report's statements against each other and against `anchors`, the moves the rules decided
 * (a report may not undo them). Statements are read in order of authority: anchors, then the
 * paragraphs, then the lists; each later statement that contradicts the first one on its target
 * is reported with its place.
 */
export function findReportContradictions(
  report: Report,
  anchors: readonly AdviceMove[] = [],
): Contradiction[] {
  const groups = new Map<string, (StatedMove | AdviceMove)[]>();
  const add = (move: StatedMove | AdviceMove) =>
    groups.set(moveKey(move), [...(groups.get(moveKey(move)) ?? []), move]);
  anchors.filter((a) => a.status === 'active' && a.direction !== 'keep').forEach(add);
  statedMoves(report).forEach(add);
  const out: Contradiction[] = [];
  for (const [key, moves] of groups) {
    const first = moves[0];
    // Anchors fix the direction; gains are compared among the report's own statements.
    const firstGain = moves.find((m) => 'place' in m && m.gainDb !== null);
    for (const later of moves.slice(1)) {
      if (!('place' in later)) continue;
      const kind = opposed(first.direction, later.direction);
      const regained =
        firstGain !== undefined &&
        later !== firstGain &&
        later.gainDb !== null &&
        Math.abs(firstGain.gainDb! - later.gainDb) >= SAME_GAIN_DB;
      if (kind === null && !regained) continue;
      out.push({
        kind: kind ?? 'two-moves',
        target: key,
        detail: `${describe(later)} contradicts ${describe(kind ? first : firstGain!)}`,
        place: later.place,
      });
    }
  }
  return out;
}
