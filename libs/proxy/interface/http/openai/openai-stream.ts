import { describeLlmError, isLlmError } from '@app/llm';
import type { RequestWithContext } from '@app/platform';
import { ProxyChatStream } from '../../../application/proxy-chat.use-case';
import { noteForLog } from '../proxy.presenter';
import { chunk, CompletionIds, deltaChoice, finishReason, presentUsage } from './openai.presenter';
import { OpenAiSseWriter } from './openai-sse.writer';

export interface CompletionStreamRun {
  ids: CompletionIds;
  includeUsage: boolean;
  /** Starts the model call; rejects with a failure before its first event. */
  open: () => Promise<ProxyChatStream>;
}

/** A failure once the headers are out: one `data: {"error": ...}` event, as OpenAI sends it. */
function errorEvent(error: Error): { error: object; code: string } {
  const described = describeLlmError(error);
  const kind = isLlmError(error) ? error.code : undefined;
  const type =
    kind === 'throttled'
      ? 'rate_limit_error'
      : kind === 'bad_request'
        ? 'invalid_request_error'
        : 'server_error';
  return {
    code: described.code,
    error: {
      message: described.message,
      type,
      param: null,
      code: described.code,
    },
  };
}

/**
 * The chunks of one streamed completion: the role first, then text and tool call deltas, then
 * the finish reason, the usage chunk when asked, and `[DONE]`. Leaving early (client gone)
 * closes the model call.
 */
export async function writeCompletionStream(
  writer: OpenAiSseWriter,
  req: RequestWithContext,
  run: CompletionStreamRun,
): Promise<void> {
  const usageField = run.includeUsage ? null : undefined;
  let stream: ProxyChatStream;
  try {
    stream = await run.open();
  } catch (error) {
    const failure = errorEvent(error as Error);
    noteForLog(req, { errorCode: failure.code });
    await writer.write({ error: failure.error });
    return;
  }
  // The model that answers (a fallback one when the asked one was throttled).
  const ids = { ...run.ids, model: stream.model };
  const send = (choices: object[]) => writer.write(chunk(ids, choices, usageField));
  noteForLog(req, { model: stream.model });
  await send([deltaChoice({ role: 'assistant', content: '' })]);
  for await (const event of stream.events) {
    if (!writer.open) break;
    switch (event.type) {
      case 'text':
        await send([deltaChoice({ content: event.text })]);
        break;
      case 'tool-call':
        await send([
          deltaChoice({
            tool_calls: [
              {
                index: event.index,
                id: event.id,
                type: 'function',
                function: { name: event.name, arguments: '' },
              },
            ],
          }),
        ]);
        break;
      case 'tool-input':
        await send([
          deltaChoice({
            tool_calls: [{ index: event.index, function: { arguments: event.json } }],
          }),
        ]);
        break;
      case 'end':
        noteForLog(req, {
          inputTokens: event.usage.inputTokens,
          outputTokens: event.usage.outputTokens,
          stopReason: event.stopReason,
        });
        await send([deltaChoice({}, finishReason(event.stop))]);
        if (run.includeUsage) await writer.write(chunk(ids, [], presentUsage(event.usage)));
        await writer.done();
        break;
      case 'error': {
        const failure = errorEvent(event.error);
        noteForLog(req, { errorCode: failure.code });
        await writer.write({ error: failure.error });
        break;
      }
    }
  }
}
