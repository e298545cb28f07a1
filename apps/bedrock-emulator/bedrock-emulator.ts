/**
 * A Bedrock Runtime wire emulator: a real HTTP/1.1 server speaking the protocol the AWS SDK
 * uses (Converse, ConverseStream, InvokeModel, InvokeModelWithResponseStream), with scriptable
 * faults. Tests drive it through the real SDK; `npm run bedrock:emulator` runs it standalone.
 * See libs/llm/README.md for the API and the faults.
 */
import * as http from 'node:http';
import { answer, Exchange } from './bedrock-emulator.handlers';
import { defaultReply } from './bedrock-emulator.replies';
import {
  BedrockEmulator,
  EmulatorBehaviour,
  EmulatorFault,
  EmulatorOperation,
  EmulatorRule,
  RecordedRequest,
  StartEmulatorOptions,
} from './bedrock-emulator.types';
import { sendError } from './bedrock-emulator.wire';
import { checkAuthorization } from './bedrock-emulator.auth';
import { modelRefusal } from './bedrock-emulator.models';
import { readBody } from './read-body';
import { FakeServerKit } from './fake-server.kit';

export * from './bedrock-emulator.types';

const ROUTE = /^\/model\/([^/]+)\/(converse|converse-stream|invoke|invoke-with-response-stream)$/;
const FAULT_HEADER = 'x-emulator-fault';

export async function startBedrockEmulator(
  opts: StartEmulatorOptions = {},
): Promise<BedrockEmulator> {
  const auth = opts.auth ?? {};
  const kit = new FakeServerKit<RecordedRequest, EmulatorFault, EmulatorBehaviour, EmulatorRule>(
    { firstByteDelayMs: 0, chunkDelayMs: 0, reply: defaultReply, ...opts.defaults },
    FAULT_HEADER,
  );

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const rawPath = req.url ?? '/';
    const body = await readBody(req);
    const route = ROUTE.exec(rawPath.split('?')[0]);
    if (req.method !== 'POST' || !route) {
      return sendError(res, 'UnknownOperationException', {
        status: 404,
        message: `No route for ${req.method} ${rawPath}`,
      });
    }
    const operation = route[2] as EmulatorOperation;
    let modelId: string;
    let parsed: unknown;
    try {
      modelId = decodeURIComponent(route[1]);
      parsed = body.length ? (JSON.parse(body.toString('utf8')) as unknown) : undefined;
    } catch {
      return sendError(res, 'ValidationException', {
        message: 'Malformed input request: the body is not JSON',
      });
    }
    const record: RecordedRequest = {
      operation,
      modelId,
      rawPath,
      body: parsed,
      headers: { ...req.headers },
      receivedAt: Date.now(),
      clientClosed: false,
      finished: false,
    };
    const { signal, drop } = kit.track(record, res);

    const refusal = await checkAuthorization({ rawPath, headers: req.headers, body }, auth);
    if (refusal) return sendError(res, refusal.type, { status: 403, message: refusal.message });
    const invalid = modelRefusal(modelId, operation);
    if (invalid) return sendError(res, 'ValidationException', { message: invalid });
    const asked = kit.headerFault(req);
    if (asked === 'invalid') {
      return sendError(res, 'ValidationException', { message: `${FAULT_HEADER} is not JSON` });
    }
    const fault =
      asked ??
      kit.pickFault(
        (r) =>
          (r.modelId === undefined || r.modelId === modelId) &&
          (r.operation === undefined || r.operation === operation),
      );
    record.fault = fault;
    const exchange: Exchange = {
      res,
      operation,
      modelId,
      body: parsed,
      behaviour: kit.behaviourFor(fault),
      fault,
      signal,
      receivedAt: record.receivedAt,
      drop,
    };
    try {
      await answer(exchange);
    } catch (error) {
      if (exchange.signal.aborted) return;
      if (!res.headersSent) {
        sendError(res, 'InternalServerException', {
          message: `Emulator failure: ${String(error)}`,
        });
      } else {
        exchange.drop();
      }
    }
  };

  const origin = await kit.listen(handle, opts.host, opts.port);
  return {
    url: origin,
    requests: kit.requests,
    script: (rule) => kit.script(rule),
    configure: (defaults) => kit.configure(defaults),
    reset: () => kit.reset(),
    waitForClientClose: (index, timeoutMs) => kit.waitForClientClose(index, timeoutMs),
    close: () => kit.close(),
  };
}
