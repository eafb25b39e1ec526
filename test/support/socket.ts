import {
  SOCKET_PATH,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SubscribeAck,
} from '@mixscope/contracts';
import { io, type Socket } from 'socket.io-client';
import { waitFor } from '../../infra/local/local-stack.ts';

export type ProgressSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ReceivedEvent {
  event: keyof ServerToClientEvents;
  payload: {
    analysisId: string | null;
    stage?: string;
    percent?: number;
    error?: string;
    role?: string;
    source?: string;
    /** comment.* events: the comment's id, and its body and state when it was written or changed. */
    id?: string;
    body?: string;
    resolved?: boolean;
  };
  at: number;
}

/** A connected socket that records every event it receives, in order. */
export class SocketRecorder {
  readonly events: ReceivedEvent[] = [];

  private constructor(readonly socket: ProgressSocket) {
    for (const event of [
      'analysis.progress',
      'analysis.completed',
      'analysis.failed',
      'analysis.report',
      'analysis.error',
      'comment.created',
      'comment.updated',
      'comment.deleted',
    ] as const) {
      socket.on(event, (payload: ReceivedEvent['payload']) =>
        this.events.push({ event, payload, at: Date.now() }),
      );
    }
  }

  static async connect(
    baseUrl: string,
    auth: { token?: string } | undefined,
    extraHeaders?: Record<string, string>,
  ) {
    const socket: ProgressSocket = io(baseUrl, {
      path: SOCKET_PATH,
      auth,
      transports: ['websocket'],
      reconnection: false,
      extraHeaders,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => {
        socket.close();
        reject(error);
      });
    });
    return new SocketRecorder(socket);
  }

  subscribe(analysisId: string): Promise<SubscribeAck> {
    return this.socket.timeout(5_000).emitWithAck('analysis.subscribe', { analysisId });
  }

  for(analysisId: string): ReceivedEvent[] {
    return this.events.filter((e) => e.payload.analysisId === analysisId);
  }

  waitFor(
    analysisId: string,
    event: ReceivedEvent['event'],
    timeoutMs = 60_000,
  ): Promise<ReceivedEvent> {
    return waitFor(
      `${event} for ${analysisId}`,
      async () => this.for(analysisId).find((e) => e.event === event),
      { timeoutMs, intervalMs: 50 },
    );
  }

  close(): void {
    this.socket.close();
  }
}
