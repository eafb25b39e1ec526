import type { CommentDto } from '@mixscope/contracts';
import { describe, expect, it } from 'vitest';
import {
  commentPermissions,
  removeComment,
  threadComments,
  upsertComment,
} from './comment-threads.ts';

let clock = 0;
function comment(
  id: string,
  atSec: number,
  parentId: string | null = null,
  authorId = 'u1',
): CommentDto {
  clock += 1;
  return {
    id,
    analysisId: 'a1',
    author: { id: authorId, name: authorId === 'u1' ? 'Alex' : 'Sam' },
    body: `comment ${id}`,
    atSec,
    endSec: null,
    parentId,
    resolved: false,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, clock)).toISOString(),
  };
}

describe('threadComments', () => {
  it('orders threads by time and replies by when they were written', () => {
    const first = comment('late', 20);
    const second = comment('early', 4);
    const reply1 = comment('r1', 20, 'late');
    const reply2 = comment('r2', 20, 'late');
    const threads = threadComments([reply2, first, reply1, second].reverse());
    expect(threads.map((t) => t.root.id)).toEqual(['early', 'late']);
    expect(threads[1].replies.map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(threads[0].replies).toEqual([]);
  });

  it('keeps a reply whose parent is gone as a thread of its own', () => {
    const threads = threadComments([comment('orphan', 3, 'gone')]);
    expect(threads.map((t) => t.root.id)).toEqual(['orphan']);
  });
});

describe('live updates', () => {
  it('adds a new comment once, even when its own POST and its event both arrive', () => {
    const created = comment('c1', 1);
    const list = upsertComment(upsertComment([], created), created);
    expect(list).toHaveLength(1);
    const resolved = upsertComment(list, { ...created, resolved: true });
    expect(resolved).toEqual([{ ...created, resolved: true }]);
  });

  it('removes a deleted comment with its replies', () => {
    const list = [comment('p', 1), comment('r', 1, 'p'), comment('other', 2)];
    expect(removeComment(list, 'p').map((c) => c.id)).toEqual(['other']);
  });
});

describe('commentPermissions', () => {
  const mine = comment('m', 1, null, 'u1');
  const theirs = comment('t', 1, null, 'u2');

  it('lets an author edit and delete their own comment, and any commenter resolve any', () => {
    expect(commentPermissions({ userId: 'u1', role: 'member' }, mine)).toEqual({
      reply: true,
      resolve: true,
      edit: true,
      delete: true,
    });
    expect(commentPermissions({ userId: 'u1', role: 'member' }, theirs)).toEqual({
      reply: true,
      resolve: true,
      edit: false,
      delete: false,
    });
  });

  it('lets an admin or owner delete anyone’s comment but edit only their own', () => {
    for (const role of ['admin', 'owner'] as const)
      expect(commentPermissions({ userId: 'u1', role }, theirs)).toMatchObject({
        edit: false,
        delete: true,
      });
  });

  it('lets a viewer comment, as the role table says', () => {
    expect(commentPermissions({ userId: 'u1', role: 'viewer' }, mine).edit).toBe(true);
    expect(commentPermissions({ userId: 'u1', role: 'viewer' }, theirs).delete).toBe(false);
  });
});
