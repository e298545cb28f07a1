import type { INestApplicationContext } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';

/** What the `ws` package hands over for a frame. */
export type WsFrameData = string | Buffer | ArrayBuffer | Buffer[];
type ParsedFrame = { event: string; data: unknown };

/**
 * The `ws` adapter on the app's own HTTP server, with a bound on the frames a client may send
 * (a bigger one closes the socket with 1009) and the app's frame parser.
 */
export class BoundedWsAdapter extends WsAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly maxPayload: number,
    messageParser: (data: WsFrameData) => ParsedFrame,
  ) {
    super(app, { messageParser });
  }

  override create(port: number, options: Record<string, unknown> & { path?: string } = {}) {
    return super.create(port, { ...options, maxPayload: this.maxPayload });
  }
}
