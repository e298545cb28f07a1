import type { ServerResponse } from 'node:http';
import type { TurnEvent } from '../../application/turn-events';
import { EventSink, ReattachStream } from './reattach-stream';

const delta = (id: number): TurnEvent => ({ id, type: 'delta', data: { text: `t${id}` } });
const error = (id: number): TurnEvent => ({
  id,
  type: 'error',
  data: { code: 'cancelled', message: 'stopped', retryable: false, messageId: 'm' },
});

function setUp(afterEventId: number) {
  const res = { statusCode: 200, headersSent: false, destroyed: false, end: jest.fn() };
  const sent: TurnEvent[] = [];
  const sink: EventSink = { send: (e) => sent.push(e), end: jest.fn() };
  const openSink = jest.fn(() => sink);
  const stream = new ReattachStream(res as unknown as ServerResponse, afterEventId, openSink);
  return { res, sent, sink, openSink, stream };
}

describe('ReattachStream', () => {
  it('answers 204 without opening a stream when the client holds the terminal event', () => {
    const { res, openSink, stream } = setUp(5);
    for (const event of [delta(3), delta(4)]) expect(stream.offer(event)).toBe(false);
    expect(stream.offer(error(5))).toBe(true);
    expect(openSink).not.toHaveBeenCalled();
    expect(res.statusCode).toBe(204);
    expect(res.end).toHaveBeenCalledTimes(1);
  });

  it('opens the stream at the first newer event and ends it at the terminal one', () => {
    const { res, sent, sink, openSink, stream } = setUp(1);
    stream.offer(delta(1));
    expect(openSink).not.toHaveBeenCalled();
    stream.offer(delta(2));
    expect(stream.offer(error(3))).toBe(true);
    expect(sent.map((e) => e.id)).toEqual([2, 3]);
    expect(openSink).toHaveBeenCalledTimes(1);
    expect(sink.end).toHaveBeenCalledTimes(1);
    expect(res.end).not.toHaveBeenCalled();
  });

  it('sends the stored outcome whatever its id, and ends only once', () => {
    const { res, sent, sink, stream } = setUp(9);
    stream.sendFinal(error(0));
    stream.end();
    expect(sent).toEqual([error(0)]);
    expect(sink.end).toHaveBeenCalledTimes(1);
    expect(res.end).not.toHaveBeenCalled();
  });

  it('writes nothing to a response the client already closed', () => {
    const { res, stream } = setUp(2);
    res.destroyed = true;
    stream.offer(error(2));
    expect(res.end).not.toHaveBeenCalled();
    expect(stream.ended).toBe(true);
  });
});
