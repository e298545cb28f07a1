import type { ServerResponse } from 'node:http';
import { StreamWriter } from '@app/platform';

/** OpenAI's stream: `data: <json>` events, ended by `data: [DONE]` (no ids, no event names). */
export class OpenAiSseWriter extends StreamWriter {
  constructor(res: ServerResponse) {
    super(res, {
      contentType: 'text/event-stream; charset=utf-8',
      cacheControl: 'no-cache, no-transform',
    });
  }

  /** One event; waits for the socket to drain when it is full (or closed). */
  write(payload: object): Promise<void> {
    return this.writeChunk(`data: ${JSON.stringify(payload)}\n\n`);
  }

  done(): Promise<void> {
    return this.writeChunk('data: [DONE]\n\n');
  }
}
