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
import { AnalysisRepository, type AnalysisNow } from '@mixscope/pipeline';
import { DATABASE, type Database } from '@mixscope/service-kit';
import { socketCredential } from './socket-credential.ts';
import { MembershipChanges, type MembershipChange } from '../teams/membership-changes.ts';

interface SocketData {
  auth: AuthContext;
  /** The team of each analysis this socket subscribed to, so leaving a team leaves its rooms. */
  watching?: Record<string, string>;
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
/** The sockets of one user on every instance, so a membership change reaches all of them. */
const userRoom = (userId: string) => `user:${userId}`;
const NOT_FOUND = 'Not found';
const UNAVAILABLE = 'Temporarily unavailable; try again';

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
    private readonly memberships: MembershipChanges,
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
    this.memberships.listen((change) => this.applyMembership(server, change));
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
    const { teamIds, sessionId, apiTokenId, userId } = socket.data.auth;
    const rooms = [...teamIds.map(teamRoom), userRoom(userId)];
    if (sessionId) rooms.push(credentialRoom({ sessionId }));
    if (apiTokenId) rooms.push(credentialRoom({ apiTokenId }));
    await socket.join(rooms);
  }

  /**
   * Puts a membership change in force on the user's open sockets, on every instance: they join the
   * team's room, or leave it and the rooms of the team's analyses they subscribed to. A failure
   * here is logged, not thrown: the membership itself has changed already.
   */
  private async applyMembership(server: ProgressServer, change: MembershipChange): Promise<void> {
    const sockets = server.in(userRoom(change.userId));
    try {
      if (change.kind === 'joined') {
        sockets.socketsJoin(teamRoom(change.teamId));
      } else {
        const rooms = new Set([teamRoom(change.teamId)]);
        for (const remote of await sockets.fetchSockets()) {
          for (const [analysisId, teamId] of Object.entries(remote.data.watching ?? {}))
            if (teamId === change.teamId) rooms.add(analysisRoom(analysisId));
        }
        sockets.socketsLeave([...rooms]);
      }
      // socketsJoin/socketsLeave are not acknowledged; a round trip to every instance, behind them
      // on the same channel, returns once each has applied them.
      await sockets.fetchSockets();
    } catch (error) {
      this.logger.warn(
        `membership change of user ${change.userId} in team ${change.teamId} not applied to open sockets: ${(error as Error).message}`,
      );
    }
  }

  /**
   * Joins the analysis' room, then sends where the analysis is right now (its progress, or how it
   * ended and whether its report is stored) before the acknowledgement: a client that
   * (re)subscribes, after a gateway restart say, misses nothing that happened while it was away.
   */
  @SubscribeMessage(SocketEvent.subscribe)
  async subscribe(
    @ConnectedSocket() socket: ProgressSocket,
    @MessageBody() body: unknown,
  ): Promise<SubscribeAck> {
    const parsed = subscribeSchema.safeParse(body);
    const analysisId = parsed.success ? parsed.data.analysisId : null;
    try {
      const teamId = analysisId && (await this.teamWatchable(socket.data.auth.userId, analysisId));
      if (!analysisId || !teamId) {
        socket.emit(SocketEvent.error, { analysisId, error: NOT_FOUND });
        return { ok: false, error: NOT_FOUND };
      }
      socket.data.watching = { ...socket.data.watching, [analysisId]: teamId };
      await socket.join(analysisRoom(analysisId));
      // A removal that committed between the check and the join did not see this room: look again.
      if (!(await this.teamWatchable(socket.data.auth.userId, analysisId))) {
        await socket.leave(analysisRoom(analysisId));
        socket.emit(SocketEvent.error, { analysisId, error: NOT_FOUND });
        return { ok: false, error: NOT_FOUND };
      }
      // Read after joining: whatever happens from now on also comes as a live event.
      const now = await this.analyses.nowOf(analysisId);
      if (now) this.sendNow(socket, analysisId, now);
      return { ok: true };
    } catch (error) {
      this.logger.warn(`subscription failed: ${(error as Error).message}`);
      socket.emit(SocketEvent.error, { analysisId, error: UNAVAILABLE });
      return { ok: false, error: UNAVAILABLE };
    }
  }

  private sendNow(socket: ProgressSocket, analysisId: string, now: AnalysisNow): void {
    if (now.status === 'completed') {
      socket.emit(SocketEvent.completed, { analysisId });
      if (now.reportSource)
        socket.emit(SocketEvent.report, { analysisId, source: now.reportSource });
    } else if (now.status === 'failed') {
      socket.emit(SocketEvent.failed, { analysisId, error: now.error ?? 'The analysis failed' });
    } else if (now.progress) {
      socket.emit(SocketEvent.progress, { analysisId, ...now.progress });
    }
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

  /**
   * Sends an event to the sockets in the analysis' room on every instance, through the Redis
   * adapter: for what happens on one instance only, such as a comment written through its API.
   */
  broadcastToAnalysis<E extends keyof ServerToClientEvents>(
    analysisId: string,
    event: E,
    ...payload: Parameters<ServerToClientEvents[E]>
  ): void {
    this.server.to(analysisRoom(analysisId)).emit(event, ...payload);
  }

  /** The analysis' team if the user is a member of it now (checked in the database, not the handshake's snapshot). */
  private async teamWatchable(userId: string, analysisId: string): Promise<string | null> {
    const teamId = await this.analyses.teamOf(analysisId);
    if (!teamId) return null;
    const membership = await this.db.membership.findUnique({
      where: { teamId_userId: { teamId, userId } },
    });
    return membership ? teamId : null;
  }
}
