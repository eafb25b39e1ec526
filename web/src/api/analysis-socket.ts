import { io, type Socket } from 'socket.io-client';

export interface ProgressEvent {
  analysisId: string;
  stage: string;
  percent: number;
}

export interface AnalysisSocketHandlers {
  onProgress: (event: ProgressEvent) => void;
  onCompleted: (event: { analysisId: string }) => void;
  onFailed: (event: { analysisId: string; error: string }) => void;
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
  const socket: Socket = io({
    path: '/socket.io',
    withCredentials: true,
    transports: ['websocket', 'polling'],
  });
  const mine = (event: { analysisId?: string }) => event.analysisId === analysisId;
  socket.on('connect', () => {
    socket.emit('analysis.subscribe', { analysisId });
    handlers.onConnect?.();
  });
  socket.on(
    'analysis.progress',
    (event: ProgressEvent) => mine(event) && handlers.onProgress(event),
  );
  socket.on(
    'analysis.completed',
    (event: { analysisId: string }) => mine(event) && handlers.onCompleted(event),
  );
  socket.on(
    'analysis.failed',
    (event: { analysisId: string; error: string }) => mine(event) && handlers.onFailed(event),
  );
  socket.on('error', (event: unknown) => handlers.onError?.(describeSocketError(event)));
  socket.on('exception', (event: unknown) => handlers.onError?.(describeSocketError(event)));
  socket.on('connect_error', (error: Error) =>
    handlers.onError?.(`Live updates unavailable: ${error.message}`),
  );
  return () => {
    socket.removeAllListeners();
    socket.disconnect();
  };
}

function describeSocketError(event: unknown): string {
  if (typeof event === 'string') return event;
  if (event && typeof event === 'object' && 'message' in event)
    return String((event as { message: unknown }).message);
  return 'Live updates were refused.';
}
