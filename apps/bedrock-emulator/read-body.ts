import type { IncomingMessage } from 'node:http';

/**
 * A whole HTTP body (a request's or a response's). A connection cut halfway rejects with an
 * `ECONNRESET` error rather than leaving the promise pending.
 */
export function readBody(message: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    message.on('data', (chunk: Buffer) => parts.push(chunk));
    message.once('end', () => resolve(Buffer.concat(parts)));
    message.once('error', reject);
    message.once('aborted', () =>
      reject(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })),
    );
  });
}
