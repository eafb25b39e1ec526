'use client';

import { useCallback, useEffect, useState } from 'react';
import type { Comment, NewComment } from '../api/api-types.ts';
import { subscribeToComments } from '../api/analysis-socket.ts';
import { api } from '../api/endpoints.ts';
import { describeError } from '../lib/error-text.ts';
import { removeComment, upsertComment } from './comment-threads.ts';

export interface CommentsState {
  comments: Comment[];
  loaded: boolean;
  error: string | null;
  /** Subscribed: what others write arrives as they write it. */
  live: boolean;
  /** Why live updates are not arriving (the list still reloads on reconnection). */
  liveNote: string | null;
  create: (comment: NewComment) => Promise<void>;
  update: (id: string, change: { body?: string; resolved?: boolean }) => Promise<void>;
  remove: (id: string) => Promise<void>;
}

/** An analysis's comments, kept current by the team's comment.* events; idle until `enabled`. */
export function useComments(analysisId: string, enabled = true): CommentsState {
  const [comments, setComments] = useState<Comment[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [liveNote, setLiveNote] = useState<string | null>(null);
  const [live, setLive] = useState(false);

  const load = useCallback(async () => {
    try {
      setComments(await api.listComments(analysisId));
      setLoaded(true);
      setError(null);
    } catch (caught) {
      setError(describeError(caught));
    }
  }, [analysisId]);

  useEffect(() => {
    if (!enabled) return;
    void load();
    const unsubscribe = subscribeToComments(analysisId, {
      onSubscribed: () => {
        setLive(true);
        setLiveNote(null);
        void load();
      },
      onDisconnect: () => setLive(false),
      onCreated: (comment) => setComments((list) => upsertComment(list, comment)),
      onUpdated: (comment) => setComments((list) => upsertComment(list, comment)),
      onDeleted: (id) => setComments((list) => removeComment(list, id)),
      onError: (message) => {
        setLive(false);
        setLiveNote(message);
      },
    });
    return () => {
      unsubscribe();
      setLive(false);
    };
  }, [analysisId, enabled, load]);

  const act = useCallback(async (action: () => Promise<void>) => {
    try {
      await action();
      setError(null);
    } catch (caught) {
      setError(describeError(caught));
      throw caught;
    }
  }, []);

  return {
    comments,
    loaded,
    error,
    live,
    liveNote,
    create: (comment) =>
      act(async () => {
        const created = await api.createComment(analysisId, comment);
        setComments((list) => upsertComment(list, created));
      }),
    update: (id, change) =>
      act(async () => {
        const updated = await api.updateComment(id, change);
        setComments((list) => upsertComment(list, updated));
      }),
    remove: (id) =>
      act(async () => {
        await api.deleteComment(id);
        setComments((list) => removeComment(list, id));
      }),
  };
}
