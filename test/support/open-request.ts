import * as http from 'node:http';

export interface OpenRequestOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Sent as JSON (Content-Type: application/json). */
  body?: unknown;
  /** Bound on waiting for the response headers. */
  timeoutMs: number;
  /** Names the client in error messages (SSE, NDJSON). */
  label: string;
}

/** Sends a request (no keep-alive agent) and resolves once the response headers arrived, whatever the status. */
export function openRequest(
  url: string,
  options: OpenRequestOptions,
): Promise<{ req: http.ClientRequest; res: http.IncomingMessage }> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { ...options.headers };
  if (payload !== undefined) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: options.method ?? (payload === undefined ? 'GET' : 'POST'),
      headers,
      agent: false,
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(
        new Error(
          `${options.label}: no response headers from ${url} within ${options.timeoutMs} ms`,
        ),
      );
    }, options.timeoutMs);
    req.once('response', (res) => {
      clearTimeout(timer);
      resolve({ req, res });
    });
    req.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(payload);
  });
}
