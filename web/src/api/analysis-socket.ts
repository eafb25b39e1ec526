import type {
  AnalysisProgressEvent,
  ClientToServerEvents,
  CommentDto,
  ServerToClientEvents,
  SubscribeAck,
} from '@mixscope/contracts';
import { io, type Socket } from 'socket.io-client';

export interface AnalysisSocketHandlers {
  onProgress: (event: AnalysisProgressEvent) => void;
  onCompleted: () => void;
  onFailed: (error: string) => void;
  /** The written report is stored (it follows the measurements). */
  onReport?: () => void;
  /** The gateway refused the subscription or the connection. */
  onError?: (message: string) => void;
  /** Called after every (re)connection, so the caller can refetch what it missed. */
  onConnect?: () => void;
}

type AnalysisSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A socket on the same origin subscribed to one analysis's room. The session cookie authenticates
 * the handshake; the subscription is repeated on every reconnect.
 */
function openAnalysisSocket(
  analysisId: string,
  handlers: Pick<AnalysisSocketHandlers, 'onConnect' | 'onError'> & {
    /** The socket is in the analysis' room: every event from now on arrives. */
    onSubscribed?: () => void;
    onDisconnect?: () => void;
  },
): AnalysisSocket {
  const socket: AnalysisSocket = io({
    path: '/socket.io',
    withCredentials: true,
    transports: ['websocket', 'polling'],
  });
  socket.on('connect', () => {
    socket.emit('analysis.subscribe', { analysisId }, (ack: SubscribeAck) => {
      if (ack.ok) handlers.onSubscribed?.();
      else handlers.onError?.(`Live updates were refused: ${ack.error ?? 'unknown reason'}.`);
    });
    handlers.onConnect?.();
  });
  socket.on('disconnect', () => handlers.onDisconnect?.());
  socket.on('connect_error', (error) =>
    handlers.onError?.(`Live updates unavailable (${error.message}).`),
  );
  return socket;
}

function closer(socket: AnalysisSocket): () => void {
  return () => {
    socket.removeAllListeners();
    socket.disconnect();
  };
}

/** Subscribes to one analysis's progress, completion and report events. */
export function subscribeToAnalysis(
  analysisId: string,
  handlers: AnalysisSocketHandlers,
): () => void {
  const socket = openAnalysisSocket(analysisId, handlers);
  const mine = (event: { analysisId: string | null }) => event.analysisId === analysisId;
  socket.on('analysis.progress', (event) => {
    if (mine(event)) handlers.onProgress(event);
  });
  socket.on('analysis.completed', (event) => {
    if (mine(event)) handlers.onCompleted();
  });
  socket.on('analysis.failed', (event) => {
    if (mine(event)) handlers.onFailed(event.error);
  });
  socket.on('analysis.report', (event) => {
    if (mine(event)) handlers.onReport?.();
  });
  socket.on('analysis.error', (event) => {
    if (mine(event)) handlers.onError?.(`Live updates were refused: ${event.error}.`);
  });
  return closer(socket);
}

export interface CommentSocketHandlers {
  onCreated: (comment: CommentDto) => void;
  onUpdated: (comment: CommentDto) => void;
  onDeleted: (id: string) => void;
  /**
   * After every (re)subscription, once the socket is in the room: a reload then misses nothing,
   * as whatever changes later arrives as an event.
   */
  onSubscribed?: () => void;
  onDisconnect?: () => void;
  onError?: (message: string) => void;
}

/** Subscribes to the comments of one analysis as team members write them. */
export function subscribeToComments(
  analysisId: string,
  handlers: CommentSocketHandlers,
): () => void {
  const socket = openAnalysisSocket(analysisId, handlers);
  socket.on('comment.created', (comment) => {
    if (comment.analysisId === analysisId) handlers.onCreated(comment);
  });
  socket.on('comment.updated', (comment) => {
    if (comment.analysisId === analysisId) handlers.onUpdated(comment);
  });
  socket.on('comment.deleted', (event) => {
    if (event.analysisId === analysisId) handlers.onDeleted(event.id);
  });
  return closer(socket);
}
