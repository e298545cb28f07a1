import { createServer as createHttpServer, Server } from 'node:http';
import { AddressInfo, createServer, Server as TcpServer, Socket, connect } from 'node:net';
import { Writable } from 'node:stream';
import { Type } from '@nestjs/common';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import pino, { Logger } from 'pino';
import { AppModule } from '../../apps/api/app.module';
import { ROOT_LOGGER } from '../../libs/platform/logging/root-logger.token';

/** A pino logger whose JSON lines the test can read. */
export interface LogCapture {
  logger: Logger;
  lines: Record<string, unknown>[];
  /** Access lines (one per request) for a route pattern. */
  access(route: string): Record<string, unknown>[];
  /** Polls until `predicate` holds on the lines (log writes may trail the response by a tick). */
  waitFor(predicate: (lines: Record<string, unknown>[]) => boolean): Promise<void>;
}

export function captureLogs(level = 'info'): LogCapture {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const logger = pino({ level, formatters: { level: (label) => ({ level: label }) } }, stream);
  const access = (route: string) =>
    lines.filter((l) => typeof l.status === 'number' && l.route === route);
  const waitFor = async (predicate: (l: Record<string, unknown>[]) => boolean) => {
    for (let i = 0; i < 500; i++) {
      if (predicate(lines)) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(
      `log lines never matched; got:\n${lines.map((l) => JSON.stringify(l)).join('\n')}`,
    );
  };
  return { logger, lines, access, waitFor };
}

/** createTestApp override: the app logs to `capture` instead of a silent logger. */
export const withLogger =
  (capture: LogCapture) =>
  (builder: TestingModuleBuilder): TestingModuleBuilder =>
    builder.overrideProvider(ROOT_LOGGER).useValue(capture.logger);

/**
 * createTestApp override that boots the real AppModule plus test-only modules (tiny controllers
 * standing in for routes that do not exist yet). It runs inside createTestApp while the test's
 * env is in place, so AppModule reads that env.
 */
export const withExtraModules =
  (modules: Type<unknown>[], then?: (b: TestingModuleBuilder) => TestingModuleBuilder) =>
  (): TestingModuleBuilder => {
    const databaseUrl = process.env.DATABASE_URL!;
    const builder = Test.createTestingModule({
      imports: [AppModule.forRoot({ databaseUrl, poolMax: 10 }), ...modules],
    });
    return then ? then(builder) : builder;
  };

export const HS_SECRET = 'e2e-secret-that-is-long-enough-for-hs256!!';

export async function hs256Token(
  claims: Record<string, unknown>,
  secret = HS_SECRET,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iat: now, exp: now + 300, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(secret));
}

/** A JWKS endpoint on 127.0.0.1 serving one RS256 public key, and a signer for it. */
export async function startJwksServer(): Promise<{
  url: string;
  sign(claims: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'e2e', alg: 'RS256', use: 'sig' };
  const server: Server = createHttpServer((_req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    sign: (claims) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iat: now, exp: now + 300, ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'e2e' })
        .sign(privateKey);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * A TCP proxy on 127.0.0.1 in front of a real server (Redis), which a test can cut and restore
 * on the same port, standing in for "Redis went away and came back" without touching the real one.
 */
export class TcpProxy {
  private server?: TcpServer;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Refuses new connections and drops the open ones. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Polls `attempt` until it returns true (bounded), e.g. until Redis is reconnected. */
export async function eventually(attempt: () => Promise<boolean>, tries = 200): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await attempt()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition never became true');
}
