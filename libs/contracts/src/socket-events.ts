import type { CommentDto } from './api-types.ts';
import type { ProgressStage } from './job-payloads.ts';

/** Socket.IO lives on the gateway at this path. */
export const SOCKET_PATH = '/socket.io';

export const SocketEvent = {
  subscribe: 'analysis.subscribe',
  unsubscribe: 'analysis.unsubscribe',
  progress: 'analysis.progress',
  completed: 'analysis.completed',
  failed: 'analysis.failed',
  report: 'analysis.report',
  error: 'analysis.error',
  commentCreated: 'comment.created',
  commentUpdated: 'comment.updated',
  commentDeleted: 'comment.deleted',
} as const;

export const analysisRoom = (analysisId: string) => `analysis:${analysisId}`;
export const teamRoom = (teamId: string) => `team:${teamId}`;

export interface AnalysisProgressEvent {
  analysisId: string;
  stage: ProgressStage;
  /** Overall percent for the analysis (mix and reference together), 0-100. */
  percent: number;
  /** Which track the stage belongs to. */
  role: 'mix' | 'reference';
}
/** The measurements are stored: GET /api/analyses/:id has `result`; the report follows. */
export interface AnalysisCompletedEvent {
  analysisId: string;
}
/**
 * The written feedback is stored: GET /api/analyses/:id now carries `report`. It follows
 * analysis.completed and is the last event of a successful analysis.
 */
export interface AnalysisReportEvent {
  analysisId: string;
  source: 'llm' | 'rules';
}

export interface AnalysisFailedEvent {
  analysisId: string;
  error: string;
}
export interface AnalysisErrorEvent {
  analysisId: string | null;
  error: string;
}
export interface SubscribeAck {
  ok: boolean;
  error?: string;
}

export interface ServerToClientEvents {
  'analysis.progress': (event: AnalysisProgressEvent) => void;
  'analysis.completed': (event: AnalysisCompletedEvent) => void;
  'analysis.failed': (event: AnalysisFailedEvent) => void;
  'analysis.report': (event: AnalysisReportEvent) => void;
  'analysis.error': (event: AnalysisErrorEvent) => void;
  /** To everyone subscribed to the analysis (room analysisRoom(id)). */
  'comment.created': (comment: CommentDto) => void;
  'comment.updated': (comment: CommentDto) => void;
  'comment.deleted': (event: { analysisId: string; id: string }) => void;
}

export interface ClientToServerEvents {
  'analysis.subscribe': (
    payload: { analysisId: string },
    ack?: (ack: SubscribeAck) => void,
  ) => void;
  'analysis.unsubscribe': (
    payload: { analysisId: string },
    ack?: (ack: SubscribeAck) => void,
  ) => void;
}
