import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { ShutdownCoordinator } from './shutdown.coordinator';

/**
 * The SIGTERM sequence: stop accepting connections, let drain hooks finish (open streams get
 * up to `graceMs`), cut what is left, then close the app (lifecycle hooks, DB pool, Redis).
 */
export async function gracefulShutdown(app: INestApplication, graceMs: number): Promise<void> {
  const server = app.getHttpServer() as Server;
  // Stops accepting; in-flight requests and streams go on.
  server.close();
  server.closeIdleConnections?.();
  await app.get(ShutdownCoordinator, { strict: false }).drain(graceMs);
  // Anything still open (a keep-alive socket, a stream no hook ended) would hold app.close().
  server.closeAllConnections?.();
  await app.close();
}
