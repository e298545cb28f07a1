/**
 * A small fake OpenAI-compatible server (what OpenAI, Ollama, vLLM and LM Studio serve under
 * `/v1`): chat completions as JSON or SSE `data:` chunks ending `data: [DONE]`, embeddings,
 * scriptable faults, request recording and client-close detection. Tests drive it through the
 * real `openai` SDK; it mirrors the Bedrock wire emulator's API.
 */
import * as http from 'node:http';
import { defaultReply } from './bedrock-emulator.replies';
import { readBody } from './read-body';
import { FakeServerKit } from './fake-server.kit';
import { answerFake, FakeExchange, sendFakeError } from './openai-fake.handlers';
import {
  OpenAiFake,
  OpenAiFakeBehaviour,
  OpenAiFakeFault,
  OpenAiFakeRoute,
  OpenAiFakeRule,
  OpenAiRecordedRequest,
  StartOpenAiFakeOptions,
} from './openai-fake.types';

export * from './openai-fake.types';

const ROUTES: Record<string, OpenAiFakeRoute> = {
  '/v1/chat/completions': 'chat',
  '/v1/embeddings': 'embeddings',
};
const FAULT_HEADER = 'x-fake-fault';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

export async function startOpenAiFake(opts: StartOpenAiFakeOptions = {}): Promise<OpenAiFake> {
  const kit = new FakeServerKit<
    OpenAiRecordedRequest,
    OpenAiFakeFault,
    OpenAiFakeBehaviour,
    OpenAiFakeRule
  >({ firstByteDelayMs: 0, chunkDelayMs: 0, reply: defaultReply, ...opts.defaults }, FAULT_HEADER);

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw.length ? (JSON.parse(raw.toString('utf8')) as unknown) : undefined;
    } catch {
      return sendFakeError(res, 400, 'We could not parse the JSON body of your request.');
    }
    const route = req.method === 'POST' ? ROUTES[path] : undefined;
    const record: OpenAiRecordedRequest = {
      route: route ?? 'unknown',
      model: isObject(body) && typeof body.model === 'string' ? body.model : '',
      path,
      body,
      headers: { ...req.headers },
      stream: isObject(body) && body.stream === true,
      receivedAt: Date.now(),
      clientClosed: false,
      finished: false,
    };
    const { signal, drop } = kit.track(record, res);

    if (!route) return sendFakeError(res, 404, `Unknown route ${req.method} ${path}`);
    if (opts.apiKey !== undefined && req.headers.authorization !== `Bearer ${opts.apiKey}`) {
      return sendFakeError(res, 401, 'Incorrect API key provided.');
    }
    const asked = kit.headerFault(req);
    if (asked === 'invalid') return sendFakeError(res, 400, `${FAULT_HEADER} is not JSON`);
    const fault =
      asked ??
      kit.pickFault(
        (r) =>
          (r.model === undefined || r.model === record.model) &&
          (r.route === undefined || r.route === route),
      );
    record.fault = fault;
    const options = isObject(body) && isObject(body.stream_options) ? body.stream_options : {};
    const exchange: FakeExchange = {
      res,
      route,
      model: record.model,
      body,
      stream: record.stream,
      includeUsage: options.include_usage === true,
      behaviour: kit.behaviourFor(fault),
      fault,
      signal,
      drop,
    };
    try {
      await answerFake(exchange);
    } catch (error) {
      if (exchange.signal.aborted) return;
      if (!res.headersSent) sendFakeError(res, 500, `Fake server failure: ${String(error)}`);
      else exchange.drop();
    }
  };

  const origin = await kit.listen(handle, opts.host, opts.port);
  return {
    url: `${origin}/v1`,
    requests: kit.requests,
    script: (rule) => kit.script(rule),
    configure: (defaults) => kit.configure(defaults),
    reset: () => kit.reset(),
    waitForClientClose: (index, timeoutMs) => kit.waitForClientClose(index, timeoutMs),
    close: () => kit.close(),
  };
}
