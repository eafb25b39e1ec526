import type { CommentDto } from '@mixscope/contracts';

/** A comments row with its author, as the database returns it. */
export interface CommentRow {
  id: string;
  analysisId: string;
  parentId: string | null;
  body: string;
  atSec: number;
  endSec: number | null;
  resolvedAt: Date | null;
  createdAt: Date;
  author: { id: string; name: string };
}

/** The columns toCommentDto reads. */
export const COMMENT_COLUMNS = {
  id: true,
  analysisId: true,
  parentId: true,
  body: true,
  atSec: true,
  endSec: true,
  resolvedAt: true,
  createdAt: true,
  author: { select: { id: true, name: true } },
} as const;

export function toCommentDto(row: CommentRow): CommentDto {
  return {
    id: row.id,
    analysisId: row.analysisId,
    author: { id: row.author.id, name: row.author.name },
    body: row.body,
    atSec: row.atSec,
    endSec: row.endSec,
    parentId: row.parentId,
    resolved: row.resolvedAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}
