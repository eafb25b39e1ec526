import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayInit,
} from '@nestjs/websockets';
import {
  analysisRoom,
  SOCKET_PATH,
  SocketEvent,
  teamRoom,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SubscribeAck,
} from '@mixscope/contracts';
import type { Subscription } from 'rxjs';
import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import type { AuthContext } from '../auth/auth-context.ts';
import { SessionRevocations, type Revocation } from '../auth/session-revocations.ts';
import { SessionService } from '../auth/session.service.ts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.ts';
import { AnalysisRepository } from '@mixscope/pipeline';
import { DATABASE, type Database } from '@mixscope/service-kit';
import { socketCredential } from './socket-credential.ts';

interface SocketData {
  auth: AuthContext;
}
type ProgressServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
type ProgressSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

const subscribeSchema = z.object({ analysisId: z.uuid() });
/** Rooms of one login, so ending it can disconnect its sockets on every gateway instance. */
const credentialRoom = (revocation: Revocation) =>
  'sessionId' in revocation
    ? `session:${revocation.sessionId}`
    : `api-token:${revocation.apiTokenId}`;
const NOT_FOUND = 'Not found';

/**
 * Live progress over Socket.IO. The handshake must carry a valid login; a socket joins its teams'
 * rooms on connect and an analysis room only for an analysis of one of its teams.
 *
 * Rooms are shared by every gateway instance through the Redis adapter. Progress events are the
 * exception: every instance reads the whole queue event stream, so each relays them to its own
 * sockets only (see emit) and a client gets each event once whichever instance it is connected to.
 */
@WebSocketGateway({ path: SOCKET_PATH })
export class ProgressGateway implements OnGatewayInit, OnGatewayConnection, OnModuleDestroy {
  private readonly logger = new Logger(ProgressGateway.name);
  @WebSocketServer() private server!: ProgressServer;
  private revocationSubscription?: Subscription;

  constructor(
    private readonly sessions: SessionService,
    private readonly revocations: SessionRevocations,
    @Inject(DATABASE) private readonly db: Database,
    private readonly analyses: AnalysisRepository,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  onModuleDestroy(): void {
    this.revocationSubscription?.unsubscribe();
  }

  afterInit(server: ProgressServer): void {
    // Through the adapter: the sockets of an ended login close on every instance.
    this.revocationSubscription = this.revocations.revoked.subscribe((revocation) => {
      server.in(credentialRoom(revocation)).disconnectSockets(true);
    });
    server.use((socket, next) => {
      const credential = socketCredential(
        socket.handshake.auth as Record<string, unknown> | undefined,
        socket.handshake.headers.cookie,
        this.config.auth.cookieName,
      );
      if (!credential) return next(new Error('unauthorized: no credentials'));
      this.sessions.resolve(credential).then(
        (auth) => {
          if (!auth)
            return next(new Error('unauthorized: invalid, expired or revoked credentials'));
          socket.data.auth = auth;
          next();
        },
        (error: Error) => {
          this.logger.warn(`handshake check failed: ${error.message}`);
          next(new Error('unavailable: try again'));
        },
      );
    });
  }

  async handleConnection(socket: ProgressSocket): Promise<void> {
    const { teamIds, sessionId, apiTokenId } = socket.data.auth;
    const rooms = teamIds.map(teamRoom);
    if (sessionId) rooms.push(credentialRoom({ sessionId }));
    if (apiTokenId) rooms.push(credentialRoom({ apiTokenId }));
    await socket.join(rooms);
  }

  @SubscribeMessage(SocketEvent.subscribe)
  async subscribe(
    @ConnectedSocket() socket: ProgressSocket,
    @MessageBody() body: unknown,
  ): Promise<SubscribeAck> {
    const parsed = subscribeSchema.safeParse(body);
    const analysisId = parsed.success ? parsed.data.analysisId : null;
    let allowed = false;
    try {
      allowed = analysisId !== null && (await this.mayWatch(socket.data.auth.userId, analysisId));
    } catch (error) {
      this.logger.warn(`subscription check failed: ${(error as Error).message}`);
      socket.emit(SocketEvent.error, { analysisId, error: 'Temporarily unavailable; try again' });
      return { ok: false, error: 'Temporarily unavailable; try again' };
    }
    if (!analysisId || !allowed) {
      socket.emit(SocketEvent.error, { analysisId, error: NOT_FOUND });
      return { ok: false, error: NOT_FOUND };
    }
    await socket.join(analysisRoom(analysisId));
    return { ok: true };
  }

  @SubscribeMessage(SocketEvent.unsubscribe)
  async unsubscribe(
    @ConnectedSocket() socket: ProgressSocket,
    @MessageBody() body: unknown,
  ): Promise<SubscribeAck> {
    const parsed = subscribeSchema.safeParse(body);
    if (parsed.success) await socket.leave(analysisRoom(parsed.data.analysisId));
    return { ok: parsed.success };
  }

  /**
   * Sends an event to the sockets of this instance in the analysis' room or its team's room (each
   * socket gets it once). Local on purpose: the other instances relay the same queue event to
   * their own sockets, and broadcasting through the adapter would deliver it once per instance.
   */
  emit<E extends keyof ServerToClientEvents>(
    teamId: string,
    analysisId: string,
    event: E,
    ...payload: Parameters<ServerToClientEvents[E]>
  ): void {
    this.server.local.to([analysisRoom(analysisId), teamRoom(teamId)]).emit(event, ...payload);
  }

  /** Membership is checked against the database now, not the handshake's snapshot. */
  private async mayWatch(userId: string, analysisId: string): Promise<boolean> {
    const teamId = await this.analyses.teamOf(analysisId);
    if (!teamId) return false;
    const membership = await this.db.membership.findUnique({
      where: { teamId_userId: { teamId, userId } },
    });
    return membership !== null;
  }
}
