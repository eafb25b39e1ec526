'use client';

import { COMMENT_BODY_MAX_CHARS, roleAllows } from '@mixscope/contracts';
import { formatDate, formatDuration } from '@mixscope/present';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Comment, NewComment } from '../api/api-types.ts';
import {
  commentPermissions,
  threadComments,
  type CommentThread,
  type CommentViewer,
} from './comment-threads.ts';
import styles from './comments.module.css';
import { parseTimecode } from './timecode.ts';

const time = (sec: number) => formatDuration(sec, { tenths: true });

export interface CommentActions {
  create: (comment: NewComment) => Promise<void>;
  update: (id: string, change: { body?: string; resolved?: boolean }) => Promise<void>;
  remove: (id: string) => Promise<void>;
}

export interface CommentsPanelProps {
  comments: readonly Comment[];
  /** Who reads; null where comments are only shown (a shared page). */
  viewer: CommentViewer | null;
  actions?: CommentActions;
  playheadSec: number;
  durationSec: number;
  onSeek: (atSec: number) => void;
  /** The comment whose marker was clicked last. */
  focusedId?: string | null;
  error?: string | null;
  note?: string | null;
  /** Others' comments arrive as they are written. */
  live?: boolean;
}

function validBody(body: string): string | null {
  const length = body.trim().length;
  if (length === 0) return 'Write something first.';
  if (length > COMMENT_BODY_MAX_CHARS)
    return `A comment holds at most ${COMMENT_BODY_MAX_CHARS} characters (this one has ${length}).`;
  return null;
}

function BodyForm({
  initial = '',
  label,
  placeholder,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial?: string;
  label: string;
  placeholder?: string;
  submitLabel: string;
  onSubmit: (body: string) => Promise<void>;
  onCancel?: () => void;
}) {
  const [body, setBody] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = validBody(body);
    if (invalid) return setProblem(invalid);
    setBusy(true);
    try {
      await onSubmit(body.trim());
      setBody('');
      setProblem(null);
    } catch {
      // The panel shows the API's answer.
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className={styles.form} onSubmit={(event) => void submit(event)}>
      <textarea
        aria-label={label}
        placeholder={placeholder}
        value={body}
        maxLength={COMMENT_BODY_MAX_CHARS}
        rows={2}
        onChange={(event) => setBody(event.target.value)}
      />
      {problem ? <p className="field-error">{problem}</p> : null}
      <div className={styles.formButtons}>
        <button type="submit" className="button small primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button small ghost" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

function NewCommentForm({
  playheadSec,
  durationSec,
  onCreate,
}: {
  playheadSec: number;
  durationSec: number;
  onCreate: (comment: NewComment) => Promise<void>;
}) {
  const [ranged, setRanged] = useState(false);
  const [endText, setEndText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const atSec = Math.min(Math.max(0, playheadSec), durationSec);
  return (
    <div className={styles.newComment}>
      <BodyForm
        label={`Comment at ${time(atSec)}`}
        placeholder="What do you hear at the playhead?"
        submitLabel={`Comment at ${time(atSec)}`}
        onSubmit={async (body) => {
          let endSec: number | undefined;
          if (ranged) {
            const parsed = parseTimecode(endText);
            if (parsed === null || parsed <= atSec || parsed > durationSec) {
              setProblem(
                `The end must be a time after ${time(atSec)} and at most ${time(durationSec)}, such as 1:23.4.`,
              );
              throw new Error('invalid range');
            }
            endSec = parsed;
          }
          setProblem(null);
          await onCreate({ body, atSec, ...(endSec === undefined ? {} : { endSec }) });
        }}
      />
      <label className={styles.rangeRow}>
        <input type="checkbox" checked={ranged} onChange={(e) => setRanged(e.target.checked)} />
        <span>until</span>
        <input
          type="text"
          inputMode="decimal"
          aria-label="End of the commented passage"
          placeholder="m:ss.s"
          disabled={!ranged}
          value={endText}
          onChange={(event) => setEndText(event.target.value)}
        />
      </label>
      {problem ? <p className="field-error">{problem}</p> : null}
    </div>
  );
}

function CommentItem({
  comment,
  viewer,
  actions,
  onSeek,
  onReply,
}: {
  comment: Comment;
  viewer: CommentViewer | null;
  actions?: CommentActions;
  onSeek: (atSec: number) => void;
  onReply?: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const may = viewer && actions ? commentPermissions(viewer, comment) : null;
  const isReply = comment.parentId !== null;
  return (
    <div
      className={`${styles.comment} ${comment.resolved ? styles.resolved : ''}`}
      data-testid="comment"
      data-comment-id={comment.id}
    >
      <div className={styles.meta}>
        {isReply ? null : (
          <button
            type="button"
            className={styles.timeLink}
            onClick={() => onSeek(comment.atSec)}
            aria-label={`Go to ${time(comment.atSec)}`}
          >
            {time(comment.atSec)}
            {comment.endSec !== null ? `–${time(comment.endSec)}` : ''}
          </button>
        )}
        <b>{comment.author.name}</b>
        <span className="muted small">{formatDate(comment.createdAt)}</span>
        {comment.resolved ? <span className="badge">Resolved</span> : null}
      </div>
      {editing && actions ? (
        <BodyForm
          initial={comment.body}
          label="Edit the comment"
          submitLabel="Save"
          onSubmit={async (body) => {
            await actions.update(comment.id, { body });
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <p className={styles.body} data-testid="comment-body">
          {comment.body}
        </p>
      )}
      {may && actions && !editing ? (
        <div className={styles.commentActions}>
          {!isReply && may.reply && onReply ? (
            <button type="button" className="button ghost small" onClick={onReply}>
              Reply
            </button>
          ) : null}
          {!isReply && may.resolve ? (
            <button
              type="button"
              className="button ghost small"
              onClick={() =>
                void actions.update(comment.id, { resolved: !comment.resolved }).catch(() => null)
              }
            >
              {comment.resolved ? 'Reopen' : 'Resolve'}
            </button>
          ) : null}
          {may.edit ? (
            <button type="button" className="button ghost small" onClick={() => setEditing(true)}>
              Edit
            </button>
          ) : null}
          {may.delete ? (
            <button
              type="button"
              className="button ghost small danger"
              onClick={() => {
                if (window.confirm('Delete this comment and its replies?'))
                  void actions.remove(comment.id).catch(() => null);
              }}
            >
              Delete
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function Thread({
  thread,
  focused,
  ...rest
}: {
  thread: CommentThread;
  focused: boolean;
  viewer: CommentViewer | null;
  actions?: CommentActions;
  onSeek: (atSec: number) => void;
}) {
  const [replying, setReplying] = useState(false);
  const node = useRef<HTMLLIElement | null>(null);
  useEffect(() => {
    if (focused) node.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [focused]);
  const { root, replies } = thread;
  return (
    <li ref={node} className={`${styles.thread} ${focused ? styles.focused : ''}`}>
      <CommentItem comment={root} {...rest} onReply={() => setReplying(true)} />
      {replies.length > 0 || replying ? (
        <ol className={styles.replies} aria-label={`Replies to ${root.author.name}`}>
          {replies.map((reply) => (
            <li key={reply.id}>
              <CommentItem comment={reply} {...rest} />
            </li>
          ))}
          {replying && rest.actions ? (
            <li>
              <BodyForm
                label="Reply"
                submitLabel="Reply"
                onSubmit={async (body) => {
                  await rest.actions!.create({ body, atSec: root.atSec, parentId: root.id });
                  setReplying(false);
                }}
                onCancel={() => setReplying(false)}
              />
            </li>
          ) : null}
        </ol>
      ) : null}
    </li>
  );
}

/** The comments beside the waveform: threads in time order, and a new one at the playhead. */
export function CommentsPanel(props: CommentsPanelProps) {
  const { comments, viewer, actions } = props;
  const threads = threadComments(comments);
  const mayWrite = !!viewer && !!actions && roleAllows(viewer.role, 'comment');
  return (
    <section
      className={styles.panel}
      aria-label="Comments"
      data-live={props.live ? 'true' : 'false'}
    >
      <h3>
        Comments <span className="muted">({comments.length})</span>
      </h3>
      {mayWrite && actions ? (
        <NewCommentForm
          playheadSec={props.playheadSec}
          durationSec={props.durationSec}
          onCreate={actions.create}
        />
      ) : null}
      {props.error ? (
        <p className="form-error small" role="alert">
          {props.error}
        </p>
      ) : null}
      {props.note ? <p className="muted small">{props.note}</p> : null}
      {threads.length === 0 ? (
        <p className="muted small">No comments yet.</p>
      ) : (
        <ol className={styles.threads}>
          {threads.map((thread) => (
            <Thread
              key={thread.root.id}
              thread={thread}
              focused={props.focusedId === thread.root.id}
              viewer={viewer}
              actions={actions}
              onSeek={props.onSeek}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
