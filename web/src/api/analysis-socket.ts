import type {
  AnalysisProgressEvent,
  ClientToServerEvents,
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

/**
 * Subscribes to one analysis's live events on the same origin. The session cookie authenticates
 * the handshake; the subscription is repeated on every reconnect.
 */
export function subscribeToAnalysis(
  analysisId: string,
  handlers: AnalysisSocketHandlers,
): () => void {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
    path: '/socket.io',
    withCredentials: true,
    transports: ['websocket', 'polling'],
  });
  const mine = (event: { analysisId: string | null }) => event.analysisId === analysisId;
  socket.on('connect', () => {
    socket.emit('analysis.subscribe', { analysisId }, (ack: SubscribeAck) => {
      if (!ack.ok)
        handlers.onError?.(`Live updates were refused: ${ack.error ?? 'unknown reason'}.`);
    });
    handlers.onConnect?.();
  });
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
  socket.on('connect_error', (error) =>
    handlers.onError?.(`Live updates unavailable (${error.message}).`),
  );
  return () => {
    socket.removeAllListeners();
    socket.disconnect();
  };
}
