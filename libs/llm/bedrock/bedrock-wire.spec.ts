import { SignatureV4 } from '@smithy/signature-v4';
import {
  ConverseCommand,
  ConverseStreamCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import {
  BedrockEmulator,
  RecordedRequest,
  startBedrockEmulator,
} from '../testing/bedrock-emulator';
import { createBedrockRuntimeClient } from './bedrock.llm-client';
import { BedrockWire } from './bedrock-wire';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const ARN = 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.' + HAIKU;

const SDK_OPTIONS = {
  region: 'us-east-1',
  modelId: HAIKU,
  maxTokens: 100,
  embedModelId: 'amazon.titan-embed-text-v2:0',
};

/** Headers that must be the same whoever sends the call (the rest is the sender's own). */
const CONTRACT_HEADERS = [
  'host',
  'content-type',
  'content-length',
  'accept',
  'x-amzn-bedrock-accept',
  'x-amzn-bedrock-guardrailidentifier',
  'x-amzn-bedrock-guardrailversion',
  'x-amzn-bedrock-trace',
];

const contract = (request: RecordedRequest) => ({
  rawPath: request.rawPath,
  operation: request.operation,
  body: request.body,
  headers: Object.fromEntries(CONTRACT_HEADERS.map((name) => [name, request.headers[name]])),
});

/** The parts of a SigV4 Authorization header: credential scope and signed headers. */
function authorization(request: RecordedRequest) {
  const header = String(request.headers.authorization);
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      header,
    );
  expect(match).not.toBeNull();
  const [, key, , region, service, signed] = match!;
  return { key, region, service, signed: signed.split(';') };
}

/**
 * Checks a received request's signature as the service would: re-signs what arrived (path as
 * received, the signed headers, the body) at its x-amz-date and compares the signatures.
 */
async function signatureVerifies(
  request: RecordedRequest,
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
  region: string,
): Promise<boolean> {
  const auth = authorization(request);
  const headers = Object.fromEntries(
    auth.signed.map((name) => [name, String(request.headers[name])]),
  );
  const date = String(request.headers['x-amz-date']);
  const signingDate = new Date(
    `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`,
  );
  const [hostname, port] = String(request.headers.host).split(':');
  const signer = new SignatureV4({
    credentials,
    region,
    service: 'bedrock',
    sha256: createBedrockRuntimeClient(SDK_OPTIONS).config.sha256,
    uriEscapePath: true,
  });
  const resigned = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname,
      port: Number(port),
      path: request.rawPath,
      query: {},
      headers,
      body: JSON.stringify(request.body),
    },
    { signingDate },
  );
  const signature = (value: unknown) => /Signature=([0-9a-f]+)/.exec(String(value))?.[1];
  return signature(resigned.headers.authorization) === signature(request.headers.authorization);
}

describe('BedrockWire: the same calls as the SDK, on the wire', () => {
  let emulator: BedrockEmulator;
  const credentials = { accessKeyId: 'AKIDWIRE', secretAccessKey: 'secret' };
  const sdkOptions = {
    modelId: HAIKU,
    maxTokens: 100,
    embedModelId: 'amazon.titan-embed-text-v2:0',
  };

  beforeAll(async () => {
    emulator = await startBedrockEmulator();
  });
  afterAll(() => emulator.close());
  afterEach(() => emulator.reset());

  function clients() {
    const sdk = createBedrockRuntimeClient({
      ...sdkOptions,
      region: 'us-east-1',
      endpoint: emulator.url,
      credentials,
      timeoutMs: 5000,
    });
    return { sdk, wire: new BedrockWire(sdk, { timeoutMs: 5000, maxSockets: 4 }) };
  }

  const drain = async (stream: AsyncIterable<unknown> | undefined) => {
    const events: unknown[] = [];
    for await (const event of stream ?? []) events.push(event);
    return events;
  };

  it.each([
    ['Converse', HAIKU],
    ['ConverseStream', ARN],
  ])('%s (%s): same path, body and headers; answers read alike', async (operation, modelId) => {
    const { sdk, wire } = clients();
    const input = {
      modelId,
      system: [{ text: 'Be brief.' }],
      messages: [{ role: 'user' as const, content: [{ text: 'Héllo 👋 "quoted"' }] }],
      inferenceConfig: { maxTokens: 100, temperature: 0.1 },
      guardrailConfig: { guardrailIdentifier: 'gr-1', guardrailVersion: '2' },
    };
    let viaSdk: unknown;
    let viaWire: unknown;
    if (operation === 'Converse') {
      const strip = ({
        $metadata: _m,
        metrics: _t,
        ...rest
      }: {
        $metadata: unknown;
        metrics?: unknown;
      }) => rest;
      viaSdk = strip(await sdk.send(new ConverseCommand(input)));
      viaWire = strip(await wire.send(new ConverseCommand(input)));
    } else {
      const without = (events: unknown[]) =>
        events.map((e) =>
          JSON.parse(JSON.stringify(e, (k, v) => (k === 'metrics' ? undefined : v))),
        );
      viaSdk = without(await drain((await sdk.send(new ConverseStreamCommand(input))).stream));
      viaWire = without(await drain((await wire.send(new ConverseStreamCommand(input))).stream));
    }
    expect(viaWire).toEqual(viaSdk);
    const [bySdk, byWire] = emulator.requests;
    expect(contract(byWire)).toEqual(contract(bySdk));
    expect(byWire.headers['user-agent']).toMatch(/bedrock-wire/);
    const auth = authorization(byWire);
    expect(auth).toMatchObject({ key: 'AKIDWIRE', region: 'us-east-1', service: 'bedrock' });
    expect(auth.signed).toEqual(expect.arrayContaining(['host', 'content-type', 'x-amz-date']));
    expect(authorization(bySdk).service).toBe('bedrock');
    // What arrived is what was signed, and the check itself tells a bad signature apart.
    expect(await signatureVerifies(byWire, credentials, 'us-east-1')).toBe(true);
    expect(await signatureVerifies(bySdk, credentials, 'us-east-1')).toBe(true);
    expect(
      await signatureVerifies(byWire, { ...credentials, secretAccessKey: 'x' }, 'us-east-1'),
    ).toBe(false);
    wire.destroy();
    sdk.destroy();
  });

  it.each(['InvokeModel', 'InvokeModelWithResponseStream'])(
    '%s: same path, body and headers; the body or chunks come back as bytes',
    async (operation) => {
      const { sdk, wire } = clients();
      const input = {
        modelId: HAIKU,
        contentType: 'application/json',
        accept: 'application/json',
        body: JSON.stringify({
          anthropic_version: 'bedrock-2023-05-31',
          max_tokens: 50,
          messages: [{ role: 'user', content: 'Hi there' }],
        }),
        guardrailIdentifier: 'gr-9',
        guardrailVersion: 'DRAFT',
      };
      // Ids and latencies differ from call to call.
      const text = (bytes: Uint8Array | undefined) =>
        new TextDecoder()
          .decode(bytes)
          .replace(/msg_emu-[\w-]+/g, 'msg')
          .replace(/"(invocationLatency|firstByteLatency)":\d+/g, '"$1":0');
      let viaSdk: unknown;
      let viaWire: unknown;
      if (operation === 'InvokeModel') {
        viaSdk = text((await sdk.send(new InvokeModelCommand(input))).body);
        viaWire = text((await wire.send(new InvokeModelCommand(input))).body);
      } else {
        const chunks = (events: unknown[]) =>
          events.map((e) => text((e as { chunk?: { bytes?: Uint8Array } }).chunk?.bytes));
        viaSdk = chunks(
          await drain((await sdk.send(new InvokeModelWithResponseStreamCommand(input))).body),
        );
        viaWire = chunks(
          await drain((await wire.send(new InvokeModelWithResponseStreamCommand(input))).body),
        );
      }
      expect(viaWire).toEqual(viaSdk);
      expect(String(viaWire)).toContain('Emulated');
      const [bySdk, byWire] = emulator.requests;
      expect(contract(byWire)).toEqual(contract(bySdk));
      wire.destroy();
      sdk.destroy();
    },
  );

  it('signs with the SDK credentials chain: a session token is sent and signed', async () => {
    const sdk = createBedrockRuntimeClient({
      ...sdkOptions,
      region: 'eu-west-1',
      endpoint: emulator.url,
      credentials: { ...credentials, sessionToken: 'SESSION' },
      timeoutMs: 5000,
    });
    const wire = new BedrockWire(sdk, { timeoutMs: 5000, maxSockets: 4 });
    await wire.send(
      new ConverseCommand({
        modelId: HAIKU,
        messages: [{ role: 'user', content: [{ text: 'x' }] }],
      }),
    );
    const [request] = emulator.requests;
    expect(request.headers['x-amz-security-token']).toBe('SESSION');
    const auth = authorization(request);
    expect(auth.region).toBe('eu-west-1');
    expect(auth.signed).toContain('x-amz-security-token');
    expect(
      await signatureVerifies(request, { ...credentials, sessionToken: 'SESSION' }, 'eu-west-1'),
    ).toBe(true);
    wire.destroy();
    sdk.destroy();
  });
});
