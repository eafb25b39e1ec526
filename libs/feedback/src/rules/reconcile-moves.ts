import type { AdviceMove, AdviceSource, ComparisonResult, Finding } from '@mixscope/contracts';
import { EVERY_TARGET, WHOLE_IMAGE } from './advice-move.ts';
import { observation } from './finding-observation.ts';

/**
 * One recommendation per band and topic. Rules judge independently, so the genre range, the
 * reference and a safety check may each ask for a move on the same band or stereo range. This step
 * keeps one move per target, by precedence (docs/metrics.md#feedback-one-recommendation-per-band-and-topic):
 *
 * 1. `safety` (a mix that falls apart in mono gets no widening advice),
 * 2. `reference` (the loudness-matched comparison with the sound the user is after),
 * 3. `genre` (the profile's typical range).
 *
 * The winning finding keeps its action, processing and gain, so merged moves have one gain. Every
 * other finding on that target stays as an observation: no action, no processing, status
 * `overridden`, and its message says which finding decides. Where the reference compared a target
 * and found it close, the reference decides too: a genre move there is overridden by "leave it".
 */

/** The words every overridden finding and every reference finding that wins over the genre range use. */
export const OVERRIDE_PHRASE = 'overrides the';

export const PRECEDENCE: Readonly<Record<AdviceSource, number>> = {
  safety: 0,
  reference: 1,
  genre: 2,
};

export function moveKey(move: Pick<AdviceMove, 'topic' | 'target'>): string {
  return `${move.topic}:${move.target}`;
}

/** The targets the loudness-matched reference comparison measured: there, the reference decides. */
export function referenceCoverage(comparison: ComparisonResult | undefined): Set<string> {
  const covered = new Set<string>();
  if (!comparison) return covered;
  for (const band of comparison.bands)
    if (band.deltaDb !== null) covered.add(moveKey({ topic: 'eq', target: band.name }));
  const width = comparison.deltas.find((d) => d.metric === 'widthScore');
  if (width && width.delta !== null) covered.add(moveKey({ topic: 'width', target: WHOLE_IMAGE }));
  return covered;
}

/** Groups the findings that carry a move by target; an "all" move joins every group of its topic. */
export function groupMoves(findings: readonly Finding[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  const spread: number[] = [];
  findings.forEach((finding, index) => {
    if (!finding.move) return;
    if (finding.move.target === EVERY_TARGET) spread.push(index);
    else groups.set(moveKey(finding.move), [...(groups.get(moveKey(finding.move)) ?? []), index]);
  });
  for (const index of spread) {
    const topic = findings[index].move!.topic;
    for (const [key, members] of groups) if (key.startsWith(`${topic}:`)) members.push(index);
  }
  return groups;
}

export interface ReconcileContext {
  profileName: string;
  comparison: ComparisonResult | undefined;
}

function overridden(finding: Finding, why: string, action: string): Finding {
  const { processing: _processing, ...rest } = finding;
  return {
    ...rest,
    severity: finding.severity === 'ok' ? 'ok' : 'info',
    action,
    message: `${observation(finding)} ${why}`,
    move: { ...finding.move!, status: 'overridden' },
  };
}

function overrideWording(
  loser: Finding,
  winner: Finding | null,
  context: ReconcileContext,
): { why: string; action: string } {
  const reference =
    `The loudness-matched reference ${context.comparison?.referenceName ?? ''}`.trimEnd();
  const range = `${context.profileName} ${loser.move!.topic === 'eq' ? 'range' : 'width range'}`;
  if (winner === null)
    return {
      why: `${reference} ${OVERRIDE_PHRASE} ${range} here: it matches the reference closely, so leave it as it is.`,
      action: 'Leave it: it matches the reference.',
    };
  const action = `Follow “${winner.title}”.`;
  if (loser.move!.target === EVERY_TARGET)
    return {
      why: `${reference} ${OVERRIDE_PHRASE} ${range} for the bands where it differs: the reference findings decide.`,
      action: 'Follow the reference findings.',
    };
  const decides = `“${winner.title}” decides`;
  if (winner.move!.source === 'reference' && loser.move!.source === 'genre')
    return { why: `${reference} ${OVERRIDE_PHRASE} ${range} here: ${decides}.`, action };
  if (winner.move!.source === 'safety')
    return {
      why: `Mono compatibility ${OVERRIDE_PHRASE} ${loser.move!.source === 'genre' ? range : 'reference'} here: ${decides}.`,
      action,
    };
  return { why: `One move for this target: ${decides}.`, action };
}

/** Whether `loser` gives way to `winner` (null: the reference holds the target as it is). */
function givesWay(loser: Finding, winner: Finding | null): boolean {
  if (loser.move!.direction !== 'keep') return true;
  // A passing check gives way only to a real move from a higher source.
  return (
    winner !== null &&
    winner.move!.direction !== 'keep' &&
    PRECEDENCE[winner.move!.source] < PRECEDENCE[loser.move!.source]
  );
}

/** The sentence the winning finding gains, before its action, naming what it overrides. */
function winnerNote(winner: Finding, losers: Finding[], context: ReconcileContext): string | null {
  const active = losers.filter((l) => l.move!.direction !== 'keep');
  const genre = losers.filter((l) => l.move!.source === 'genre');
  if (winner.move!.source === 'reference' && genre.length > 0) {
    const agrees = active.some((l) => l.move!.direction === winner.move!.direction);
    const range = `${context.profileName} ${winner.move!.topic === 'eq' ? 'range' : 'width range'}`;
    const way = agrees
      ? ', which points the same way: one move, with the reference’s figure'
      : active.length > 0
        ? ', which points the other way'
        : '';
    return `This ${OVERRIDE_PHRASE} ${range}${way}.`;
  }
  if (winner.move!.source === 'safety' && losers.length > 0) {
    return `This comes before the ${losers.map((l) => `“${l.title}”`).join(' and ')} finding${losers.length > 1 ? 's' : ''}.`;
  }
  if (active.length > 0)
    return `One move for this target, merged with ${active.length} other${active.length > 1 ? 's' : ''}.`;
  return null;
}

function withNote(finding: Finding, note: string): Finding {
  const before = observation(finding);
  const tail = before === finding.message ? '' : ` ${finding.action}`;
  return { ...finding, message: `${before} ${note}${tail}` };
}

/** One move per band and topic, by precedence; see the module comment. */
export function reconcileMoves(findings: readonly Finding[], context: ReconcileContext): Finding[] {
  const out = [...findings];
  const covered = referenceCoverage(context.comparison);
  const decided = new Set<number>();
  const move = (index: number) => findings[index].move!;
  for (const [key, members] of groupMoves(findings)) {
    // Highest source first; within a source a real move before a "keep", then report order.
    const ranked = [...members].sort(
      (a, b) =>
        PRECEDENCE[move(a).source] - PRECEDENCE[move(b).source] ||
        Number(move(a).direction === 'keep') - Number(move(b).direction === 'keep') ||
        a - b,
    );
    const top = ranked[0];
    // The reference measured this target and asked for nothing: a genre move gives way to "leave it".
    const referenceHolds =
      covered.has(key) && move(top).source === 'genre' && move(top).direction !== 'keep';
    const winner = referenceHolds ? null : findings[top];
    const losers = ranked.filter(
      (index) =>
        findings[index] !== winner && !decided.has(index) && givesWay(findings[index], winner),
    );
    for (const index of losers) {
      const { why, action } = overrideWording(findings[index], winner, context);
      out[index] = overridden(findings[index], why, action);
      decided.add(index);
    }
    if (winner !== null) {
      // A "keep every band" finding gives way in the first group it meets, yet counts in each.
      const overruled = ranked.filter(
        (index) => index !== top && out[index].move?.status === 'overridden',
      );
      const note = winnerNote(
        winner,
        overruled.map((index) => findings[index]),
        context,
      );
      if (note) out[top] = withNote(out[top], note);
    }
  }
  return out;
}
