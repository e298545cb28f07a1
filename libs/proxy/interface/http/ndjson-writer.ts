import type { ServerResponse } from 'node:http';
import { StreamWriter } from '@app/platform';

/** Newline-delimited JSON as it comes, one object a line (the seed proxy's stream). */
export class NdjsonWriter extends StreamWriter {
  constructor(res: ServerResponse) {
    super(res, { contentType: 'application/x-ndjson; charset=utf-8', cacheControl: 'no-cache' });
  }

  /** One line; waits for the socket to drain when it is full (or closed). */
  write(line: object): Promise<void> {
    return this.writeChunk(`${JSON.stringify(line)}\n`);
  }
}
