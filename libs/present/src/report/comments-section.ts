import type { CommentDto } from '@mixscope/contracts';
import { formatDuration } from '../format/format-duration.ts';
import type { ReportSection } from './report-model.ts';

const TENTHS = { tenths: true };

/**
 * The team's comments, one line each in time order, every reply right under the comment it
 * answers; a resolved comment says so.
 */
export function commentsSection(comments: readonly CommentDto[]): ReportSection {
  const ids = new Set(comments.map((comment) => comment.id));
  const isRoot = (comment: CommentDto) => comment.parentId === null || !ids.has(comment.parentId);
  const items = byTime(comments.filter(isRoot)).flatMap((root) => [
    `${timeCode(root)} · ${line(root)}`,
    ...byTime(
      comments.filter((c) => c.parentId === root.id && !isRoot(c)),
      'written',
    ).map((reply) => `↳ ${line(reply)}`),
  ]);
  return { title: 'Comments', blocks: [{ kind: 'list', items, ordered: false }] };
}

function line(comment: CommentDto): string {
  return `${comment.author.name}${comment.resolved ? ' (resolved)' : ''}: ${comment.body}`;
}

function timeCode(comment: CommentDto): string {
  const at = formatDuration(comment.atSec, TENTHS);
  return comment.endSec === null ? at : `${at}–${formatDuration(comment.endSec, TENTHS)}`;
}

/** Comments by position in the mix, then by when they were written (replies: by when alone). */
function byTime(comments: CommentDto[], order: 'position' | 'written' = 'position'): CommentDto[] {
  return [...comments].sort(
    (a, b) =>
      (order === 'position' ? a.atSec - b.atSec : 0) || a.createdAt.localeCompare(b.createdAt),
  );
}
