import * as http from 'node:http';
import * as https from 'node:https';
import {
  BedrockRuntimeClient,
  BedrockRuntimeClientConfig,
  ConverseCommand,
  ConverseStreamCommand,
  ConverseStreamOutput,
  InvokeModelCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import {
  EmbedRequest,
  EmbedResult,
  LlmClient,
  LlmEvent,
  LlmRequest,
  LlmResult,
  LlmUsage,
} from '../llm-client';
import { LlmError, LlmUnavailableError } from '../llm-errors';
import { ClosableLlmClient } from '../llm-logger';
import { LlmSettings } from '../llm-settings';
import { AbortRace, raceAbort, throwIfAborted } from '../internal/abort';
import {
  AnthropicInvocation,
  invokeAnthropic,
  isAnthropicModel,
  streamAnthropic,
} from './bedrock-anthropic.invoker';
import { bedrockEmbed } from './bedrock-embeddings';
import { mapBedrockError } from './bedrock-error.mapper';
import { ConverseDefaults, toConverseInput, toUsage } from './bedrock-request.mapper';
import { unifyStopReason } from './bedrock-stop-reason';
import { streamException } from './bedrock-stream-exception';

export interface BedrockLlmClientOptions extends ConverseDefaults {
  region: string;
  /** BEDROCK_ENDPOINT_URL: the emulator or a VPC endpoint. */
  endpoint?: string;
  /** Socket-level safety net (time to response headers, idle socket). Default 60000. */
  timeoutMs?: number;
  /** Keep-alive sockets per host (MAX_POOL_CONNECTIONS). Default 50. */
  maxSockets?: number;
  embedModelId: string;
  /** Explicit credentials; unset = the SDK's default provider chain. */
  credentials?: BedrockRuntimeClientConfig['credentials'];
  /** A Bedrock API key (AWS_BEARER_TOKEN_BEDROCK): bearer auth instead of SigV4 signing. */
  apiKey?: string;
  /** A prebuilt SDK client (tests); the options above that shape the client are then ignored. */
  client?: BedrockRuntimeClient;
}

export function bedrockOptionsFromSettings(settings: LlmSettings): BedrockLlmClientOptions {
  return {
    region: settings.region,
    endpoint: settings.endpointUrl,
    modelId: settings.modelId,
    maxTokens: settings.maxTokens,
    temperature: settings.temperature,
    guardrail: settings.guardrail,
    timeoutMs: settings.timeoutMs,
    maxSockets: settings.maxPoolConnections,
    embedModelId: settings.embedModelId,
    credentials: settings.awsCredentials,
    apiKey: settings.bedrockApiKey,
  };
}

/**
 * The SDK client: HTTP/1.1 keep-alive pool (the default handler would open a connection per
 * call), timeouts always set, and no SDK retries: the resilience wrappers are the one place
 * that retries, visibly and within the caller's deadline, so attempts never multiply.
 */
export function createBedrockRuntimeClient(options: BedrockLlmClientOptions): BedrockRuntimeClient {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 50 };
  return new BedrockRuntimeClient({
    region: options.region,
    endpoint: options.endpoint,
    credentials: options.credentials,
    // The key comes from our settings (env or .env file), never picked by the SDK itself:
    // it would switch to bearer auth on a mere empty AWS_BEARER_TOKEN_BEDROCK in process.env.
    ...(options.apiKey
      ? { token: { token: options.apiKey }, authSchemePreference: ['httpBearerAuth'] }
      : { authSchemePreference: ['sigv4'] }),
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({
      httpAgent: new http.Agent(agentOptions),
      httpsAgent: new https.Agent(agentOptions),
      connectionTimeout: Math.min(timeoutMs, 10_000),
      requestTimeout: timeoutMs,
      throwOnRequestTimeout: true,
      socketTimeout: timeoutMs,
    }),
  });
}

type StreamEvent = ConverseStreamOutput;

/**
 * Amazon Bedrock through Converse / ConverseStream (chat) and InvokeModel (embeddings). A request
 * carrying a native Anthropic body for an Anthropic model goes to InvokeModel /
 * InvokeModelWithResponseStream as-is instead (the proxy's raw pass-through).
 */
export class BedrockLlmClient extends LlmClient implements ClosableLlmClient {
  readonly provider = 'bedrock';
  /** Every call goes through this SDK client's `send`. */
  readonly sdk: BedrockRuntimeClient;

  constructor(private readonly options: BedrockLlmClientOptions) {
    super();
    this.sdk = options.client ?? createBedrockRuntimeClient(options);
  }

  async generate(request: LlmRequest, signal?: AbortSignal): Promise<LlmResult> {
    throwIfAborted(signal);
    const native = this.nativeInvocation(request);
    if (native) {
      return invokeAnthropic(this.sdk, native, signal).catch((error: unknown) => {
        throw mapBedrockError(error, signal);
      });
    }
    const input = toConverseInput(request, this.options);
    try {
      const command = new ConverseCommand(input);
      const output = await raceAbort(this.sdk.send(command, { abortSignal: signal }), signal);
      const blocks = output.output?.message?.content ?? [];
      const toolCalls = blocks.flatMap((block) =>
        block.toolUse
          ? [
              {
                id: block.toolUse.toolUseId ?? '',
                name: block.toolUse.name ?? '',
                input: (block.toolUse.input ?? {}) as Record<string, unknown>,
              },
            ]
          : [],
      );
      return {
        text: blocks.map((block) => block.text ?? '').join(''),
        ...(toolCalls.length > 0 ? { toolCalls } : {}),
        model: input.modelId,
        usage: toUsage(output.usage),
        stopReason: unifyStopReason(output.stopReason),
      };
    } catch (error) {
      throw mapBedrockError(error, signal);
    }
  }

  async *stream(request: LlmRequest, signal?: AbortSignal): AsyncGenerator<LlmEvent> {
    throwIfAborted(signal);
    const native = this.nativeInvocation(request);
    if (native) {
      yield* streamAnthropic(this.sdk, native, signal);
      return;
    }
    const input = toConverseInput(request, this.options);
    let events: AsyncIterable<StreamEvent> | undefined;
    try {
      const command = new ConverseStreamCommand(input);
      events = (await raceAbort(this.sdk.send(command, { abortSignal: signal }), signal)).stream;
    } catch (error) {
      throw mapBedrockError(error, signal);
    }
    if (!events) throw incomplete('Bedrock ConverseStream answered without a stream');
    const iterator = events[Symbol.asyncIterator]();
    const race = new AbortRace(signal);
    let started = false;
    let ended = false;
    let stopReason: string | undefined;
    let sawStop = false;
    let usage: LlmUsage | undefined;
    /** Converse's content block index of each tool call -> the call's index in the answer. */
    const toolCalls = new Map<number, number>();
    const finish = (): LlmEvent => ({
      type: 'finish',
      usage: usage ?? {},
      stopReason: unifyStopReason(stopReason),
    });
    try {
      while (true) {
        let failure: LlmError | undefined;
        let next: IteratorResult<StreamEvent> | undefined;
        try {
          next = await race.race(iterator.next());
          const exception = next.done ? undefined : streamException(next.value);
          if (exception) failure = mapBedrockError(exception, signal);
        } catch (error) {
          failure = mapBedrockError(error, signal);
        }
        if (failure || !next || next.done) {
          ended = true;
          const complete = sawStop && usage !== undefined;
          // Everything arrived and only the tail broke: the answer is whole.
          if (complete && !signal?.aborted) {
            yield finish();
            return;
          }
          failure ??= incomplete('Bedrock stream ended without messageStop and metadata');
          if (!started) throw failure;
          yield { type: 'error', error: failure };
          return;
        }
        const event = next.value;
        const toolStart = event.contentBlockStart?.start?.toolUse;
        const toolInput = event.contentBlockDelta?.delta?.toolUse?.input;
        if (event.messageStart || event.contentBlockDelta?.delta?.text || toolStart) {
          if (!started) {
            started = true;
            yield { type: 'start', model: input.modelId };
          }
          const text = event.contentBlockDelta?.delta?.text;
          if (text) yield { type: 'text-delta', text };
          if (toolStart) {
            const index = toolCalls.size;
            toolCalls.set(event.contentBlockStart?.contentBlockIndex ?? index, index);
            const { toolUseId = '', name = '' } = toolStart;
            yield { type: 'tool-call-start', index, id: toolUseId, name };
          }
        } else if (toolInput) {
          const index = toolCalls.get(event.contentBlockDelta?.contentBlockIndex ?? -1);
          if (index !== undefined) yield { type: 'tool-input-delta', index, json: toolInput };
        } else if (event.messageStop) {
          sawStop = true;
          stopReason = event.messageStop.stopReason;
        } else if (event.metadata) {
          usage = toUsage(event.metadata.usage);
        }
      }
    } finally {
      race.dispose();
      // Left early (consumer stopped or aborted): drop the response, never wait for it.
      if (!ended) iterator.return?.().catch(() => undefined);
    }
  }

  override async embed(request: EmbedRequest, signal?: AbortSignal): Promise<EmbedResult> {
    throwIfAborted(signal);
    const invoke = async (modelId: string, body: object): Promise<unknown> => {
      const command = new InvokeModelCommand({
        modelId,
        contentType: 'application/json',
        accept: 'application/json',
        body: JSON.stringify(body),
      });
      const output = await raceAbort(this.sdk.send(command, { abortSignal: signal }), signal);
      return JSON.parse(new TextDecoder().decode(output.body)) as unknown;
    };
    try {
      return await bedrockEmbed(invoke, request, this.options.embedModelId);
    } catch (error) {
      throw mapBedrockError(error, signal);
    }
  }

  /** The raw InvokeModel call for a native Anthropic body on an Anthropic model, else none. */
  private nativeInvocation(request: LlmRequest): AnthropicInvocation | undefined {
    const modelId = request.model || this.options.modelId;
    if (request.native?.format !== 'anthropic-messages' || !isAnthropicModel(modelId)) {
      return undefined;
    }
    const guardrail =
      request.guardrail === null ? undefined : (request.guardrail ?? this.options.guardrail);
    return { modelId, body: request.native.body, guardrail };
  }

  async close(): Promise<void> {
    this.sdk.destroy();
  }
}

function incomplete(message: string): LlmUnavailableError {
  return new LlmUnavailableError(message, 'IncompleteStream');
}
