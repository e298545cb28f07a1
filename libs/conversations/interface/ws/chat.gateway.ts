import { Inject, UseFilters, ValidationPipe } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import {
  BEARER_PROTOCOL,
  CHAT_LIMIT,
  HttpProblem,
  Metrics,
  READ_LIMIT,
  ROOT_LOGGER,
  SocketAuthenticator,
  SocketRateLimiter,
  type AuthenticatedUser,
} from '@app/platform';
import { ChatHistoryQueries } from '../../application/chat-history.queries';
import { ChatSettings } from '../../application/chat-settings';
import { SendMessageUseCase } from '../../application/send-message.use-case';
import { StopTurnUseCase } from '../../application/stop-turn.use-case';
import { messageNotFound } from '../../domain';
import { presentMessage } from '../http/presenters';
import {
  AttachFrameDto,
  AuthFrameDto,
  INVALID_FRAME,
  InvalidFrame,
  SendFrameDto,
  StopFrameDto,
} from './client-frames';
import { InvalidFrameError, SocketErrorFilter } from './socket-error.filter';
import { ChatSocket, ServerFrame, SocketSession } from './socket-session';
import { SocketTurnStream } from './socket-turn-stream';

/** The WebSocket route, on the app's HTTP server. */
export const CHAT_SOCKET_PATH = '/api/v1/ws';
/** How long a socket may wait for its `auth` frame (AUTH_MODE=jwt, no token in the handshake). */
const AUTH_TIMEOUT_MS = 10_000;

const FRAME_PIPE = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) =>
    new InvalidFrameError(errors.flatMap((e) => Object.values(e.constraints ?? {}))),
});

/** A close code for an HTTP-like refusal: 4401 unauthorized, 4429 rate limited, ... */
const closeCodeOf = (problem: HttpProblem): number => 4000 + problem.status;

/**
 * Chat over a WebSocket: the same turns as POST .../messages with SSE, several at once per socket.
 * Client frames: send, stop, attach (and auth); server frames: event (the SSE contract's events),
 * error (a bad frame: the socket stays open), stopped, authenticated. A socket that drops leaves
 * its turns running unless STREAM_ON_DISCONNECT=abort; they can be re-attached from any socket.
 */
@WebSocketGateway({ path: CHAT_SOCKET_PATH })
@UseFilters(SocketErrorFilter)
export class ChatGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly sessions = new WeakMap<ChatSocket, SocketSession>();

  constructor(
    private readonly auth: SocketAuthenticator,
    private readonly limiter: SocketRateLimiter,
    private readonly sendMessage: SendMessageUseCase,
    private readonly stopTurn: StopTurnUseCase,
    private readonly history: ChatHistoryQueries,
    private readonly stream: SocketTurnStream,
    private readonly settings: ChatSettings,
    private readonly errors: SocketErrorFilter,
    private readonly metrics: Metrics,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  handleConnection(socket: ChatSocket, req: IncomingMessage): void {
    const session = new SocketSession(socket, req.socket.remoteAddress);
    this.sessions.set(socket, session);
    session.ready = this.authenticateHandshake(session, req);
    session.keepAlive(this.settings.heartbeatMs);
    this.metrics.streamOpened();
    // The upgrade bypasses the HTTP access log: one line per socket, when it closes.
    socket.once('close', (code) => {
      this.metrics.streamClosed();
      this.logger.info(
        {
          route: CHAT_SOCKET_PATH,
          user: session.user?.id,
          closeCode: code,
          frames: session.frames,
          durationMs: Date.now() - session.openedAt,
        },
        'websocket closed',
      );
    });
  }

  handleDisconnect(socket: ChatSocket): void {
    const session = this.sessions.get(socket);
    if (!session) return;
    for (const run of session.dispose())
      if (!run.finished && this.settings.onDisconnect === 'abort') run.abort('client_disconnected');
  }

  @SubscribeMessage('auth')
  async onAuth(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody(FRAME_PIPE) frame: AuthFrameDto,
  ): Promise<ServerFrame> {
    const session = this.session(socket);
    await session.ready;
    if (session.user) return { type: 'authenticated', userId: session.user.id };
    clearTimeout(session.authTimer);
    try {
      session.user = await this.auth.fromToken(frame.token);
    } catch (error) {
      this.refuse(session, error);
      throw error;
    }
    await this.limit(session, READ_LIMIT);
    return { type: 'authenticated', userId: session.user.id };
  }

  @SubscribeMessage('send')
  async onSend(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody(FRAME_PIPE) frame: SendFrameDto,
  ): Promise<void> {
    const session = this.session(socket);
    const user = await this.caller(session);
    await this.limit(session, CHAT_LIMIT);
    const result = await this.sendMessage.execute({
      ownerId: user.id,
      conversationId: frame.conversationId,
      createIfMissing: false,
      content: frame.content,
      clientMessageId: frame.clientMessageId ?? null,
      model: frame.model,
    });
    if (result.kind === 'started') session.started.add(result.run);
    void result.run?.done.then(() => result.run && session.started.delete(result.run));
    await this.stream.follow(session, result.run, result.turn.assistantMessage, -1);
  }

  @SubscribeMessage('stop')
  async onStop(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody(FRAME_PIPE) frame: StopFrameDto,
  ): Promise<ServerFrame> {
    const session = this.session(socket);
    const user = await this.caller(session);
    await this.limit(session, READ_LIMIT);
    const message = await this.stopTurn.execute(user.id, frame.conversationId, frame.messageId);
    return {
      type: 'stopped',
      conversationId: frame.conversationId,
      messageId: frame.messageId,
      message: presentMessage(message),
    };
  }

  @SubscribeMessage('attach')
  async onAttach(
    @ConnectedSocket() socket: ChatSocket,
    @MessageBody(FRAME_PIPE) frame: AttachFrameDto,
  ): Promise<void> {
    const session = this.session(socket);
    const user = await this.caller(session);
    await this.limit(session, READ_LIMIT);
    const found = await this.history.findAssistantMessage(
      user.id,
      frame.conversationId,
      frame.messageId,
    );
    if (!found) throw messageNotFound(frame.messageId);
    await this.stream.follow(session, found.run, found.message, frame.lastEventId ?? -1);
  }

  @SubscribeMessage(INVALID_FRAME)
  onInvalid(@MessageBody() frame: InvalidFrame): ServerFrame {
    return { type: 'error', code: frame.code, message: frame.message };
  }

  /** The handshake's credentials; in AUTH_MODE=jwt without them, the first frame must bring a token. */
  private async authenticateHandshake(session: SocketSession, req: IncomingMessage): Promise<void> {
    try {
      session.user = (await this.auth.fromHandshake(req)) ?? undefined;
      if (!session.user) {
        session.authTimer = setTimeout(
          () => this.refuse(session, new HttpProblem(401, 'unauthorized', 'No token was sent')),
          AUTH_TIMEOUT_MS,
        );
        session.authTimer.unref();
        return;
      }
      await this.limit(session, READ_LIMIT);
    } catch (error) {
      this.refuse(session, error);
    }
  }

  /** The socket's user; a socket that has not authenticated is refused and closed. */
  private async caller(session: SocketSession): Promise<AuthenticatedUser> {
    await session.ready;
    if (session.user) return session.user;
    const problem = new HttpProblem(
      401,
      'unauthorized',
      `Authenticate first: a token in Sec-WebSocket-Protocol (${BEARER_PROTOCOL}, <token>) or a first frame {"type":"auth","token"}`,
    );
    this.refuse(session, problem);
    throw problem;
  }

  private async limit(
    session: SocketSession,
    name: typeof CHAT_LIMIT | typeof READ_LIMIT,
  ): Promise<void> {
    const verdict = await this.limiter.consume(name, session.user, session.remoteAddress);
    if (verdict.allowed) return;
    throw new HttpProblem(
      429,
      'rate_limited',
      `Too many requests: at most ${verdict.limit} per ${verdict.windowSeconds} s (${name} limit); retry in ${verdict.retryAfter} s`,
      {
        limit: name,
        max: verdict.limit,
        windowSeconds: verdict.windowSeconds,
        retryAfter: verdict.retryAfter,
      },
    );
  }

  /** Says why in an error frame, then closes the socket with 4000 + the HTTP status. */
  private refuse(session: SocketSession, error: unknown): void {
    const frame = this.errors.toFrame(error);
    session.send(frame);
    const status = error instanceof HttpProblem ? error : new HttpProblem(401, 'unauthorized', '');
    session.close(closeCodeOf(status), frame.type === 'error' ? frame.code : 'refused');
  }

  private session(socket: ChatSocket): SocketSession {
    const session = this.sessions.get(socket);
    if (!session) throw new Error('a frame arrived on a socket the gateway never saw connect');
    session.frames += 1;
    return session;
  }
}
