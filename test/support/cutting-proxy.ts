import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of an app that cuts chosen connections from the server side:
 * the nth connection is closed once the app has sent `afterEvents` SSE events on it (0: as soon
 * as the app answers anything, before the client sees a byte). Other connections pass untouched.
 */
export interface CuttingProxy {
  url: string;
  /** Connections accepted so far. */
  connections(): number;
  /** Connections that were cut. */
  cuts(): number;
  close(): Promise<void>;
}

export async function startCuttingProxy(
  target: string,
  plan: Map<number, { afterEvents: number }>,
): Promise<CuttingProxy> {
  const { hostname, port } = new URL(target);
  let accepted = 0;
  let cut = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    accepted += 1;
    const rule = plan.get(accepted);
    const upstream = connect(Number(port), hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream);
    let events = 0;
    upstream.on('data', (chunk: Buffer) => {
      if (rule) {
        events += (chunk.toString('utf8').match(/^event: /gm) ?? []).length;
        if (events >= rule.afterEvents) {
          // Forward part of this chunk (a torn event) unless the cut comes before any byte.
          if (rule.afterEvents > 0) client.write(chunk.subarray(0, Math.floor(chunk.length / 2)));
          cut += 1;
          client.destroy();
          upstream.destroy();
          return;
        }
      }
      client.write(chunk);
    });
    upstream.once('end', () => client.end());
    client.once('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    connections: () => accepted,
    cuts: () => cut,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
