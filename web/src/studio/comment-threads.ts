/** Comments as the studio shows them: threads in time order, kept current by the live events. */
import { roleAllows, type CommentDto, type TeamRole } from '@mixscope/contracts';

export interface CommentThread {
  root: CommentDto;
  /** Oldest first. */
  replies: CommentDto[];
}

const byTime = (a: CommentDto, b: CommentDto) =>
  a.atSec - b.atSec || a.createdAt.localeCompare(b.createdAt);
const byCreation = (a: CommentDto, b: CommentDto) => a.createdAt.localeCompare(b.createdAt);

/** Top-level comments in time order, each with its replies; a reply whose parent is gone stands alone. */
export function threadComments(comments: readonly CommentDto[]): CommentThread[] {
  const ids = new Set(comments.map((comment) => comment.id));
  const replies = new Map<string, CommentDto[]>();
  const roots: CommentDto[] = [];
  for (const comment of comments) {
    if (comment.parentId && ids.has(comment.parentId)) {
      const list = replies.get(comment.parentId) ?? [];
      list.push(comment);
      replies.set(comment.parentId, list);
    } else roots.push(comment);
  }
  return roots
    .sort(byTime)
    .map((root) => ({ root, replies: (replies.get(root.id) ?? []).sort(byCreation) }));
}

/** A created or updated comment replaces the one with its id (our own POST and its echo are one). */
export function upsertComment(comments: readonly CommentDto[], comment: CommentDto): CommentDto[] {
  const at = comments.findIndex((existing) => existing.id === comment.id);
  if (at === -1) return [...comments, comment];
  const next = [...comments];
  next[at] = comment;
  return next;
}

/** A deleted comment takes its replies with it. */
export function removeComment(comments: readonly CommentDto[], id: string): CommentDto[] {
  return comments.filter((comment) => comment.id !== id && comment.parentId !== id);
}

export interface CommentViewer {
  userId: string;
  role: TeamRole;
}

export interface CommentPermissions {
  reply: boolean;
  resolve: boolean;
  edit: boolean;
  delete: boolean;
}

/** What the viewer may do with a comment, by the team's role table and authorship. */
export function commentPermissions(viewer: CommentViewer, comment: CommentDto): CommentPermissions {
  const mayComment = roleAllows(viewer.role, 'comment');
  const own = comment.author.id === viewer.userId;
  return {
    reply: mayComment,
    resolve: mayComment,
    edit: mayComment && own,
    delete: (mayComment && own) || roleAllows(viewer.role, 'deleteAnyAnalysis'),
  };
}
