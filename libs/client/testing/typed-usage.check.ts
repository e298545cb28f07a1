// Compiled by typed-usage.spec.ts with `tsc --noEmit --strict`: every operation's success answer,
// read through the generated types, without casts. Not run.
import {
  createApiClient,
  streamMessage,
  type ConversationDto,
  type MessageDto,
  type operations,
  type TurnEvent,
} from '../index';

type SuccessStatus = 200 | 201 | 204;
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : undefined;
/** The JSON bodies an operation answers with on success (undefined for 204 or a non-JSON body). */
type Success<Op> = Op extends { responses: infer R }
  ? { [S in keyof R & SuccessStatus]: JsonOf<R[S]> }[keyof R & SuccessStatus]
  : never;

const title = (c: ConversationDto): string => (c.title === null ? 'untitled' : c.title.trim());
const answerModel = (m: MessageDto): string => (m.model !== null ? m.model.toUpperCase() : '-');
const tokens = (m: MessageDto): number =>
  (m.usage.inputTokens ?? 0) + (m.usage.outputTokens === null ? 0 : m.usage.outputTokens);
const failure = (m: MessageDto): string => (m.error === null ? 'none' : m.error.code);

/** One reader per operation: a new operation without one fails the compilation. */
export const readers: { [K in keyof operations]: (answer: Success<operations[K]>) => string } = {
  HealthController_live: (a) => a.status,
  HealthController_ready: (a) => `${a.status} ${Object.keys(a.info ?? {}).join(',')}`,
  ConversationsController_list: (a) =>
    `${a.items.map(title).join()} ${a.total} ${a.nextCursor === null ? 'last' : a.nextCursor.length}`,
  ConversationsController_create: (a) => `${title(a)} ${a.messageCount}`,
  ConversationsController_get: (a) =>
    `${a.systemPrompt?.length ?? 0} ${a.messages.map((m) => `${m.seq} ${m.role} ${m.status}`).join()}`,
  ConversationsController_remove: (a) => String(a),
  ConversationsController_update: (a) => `${title(a)} ${a.model === null ? '' : a.model}`,
  ConversationsController_export: (a) => `${a.exportedAt} ${a.messages.length}`,
  ConversationsController_messages: (a) =>
    a.map((m) => `${m.parentId === null ? 'root' : m.parentId} ${m.clientMessageId ?? ''}`).join(),
  MessagesController_send: (a) =>
    `${answerModel(a.assistantMessage)} ${tokens(a.assistantMessage)} ${a.replayed} ${failure(a.userMessage)}`,
  MessagesController_regenerate: (a) =>
    `${a.assistantMessage.stopReason === null ? '' : a.assistantMessage.stopReason} ${title(a.conversation)}`,
  MessagesController_remove: (a) => String(a),
  MessagesController_edit: (a) =>
    `${a.userMessage.content} ${a.assistantMessage.latencyMs === null ? 0 : a.assistantMessage.latencyMs + 1}`,
  MessagesController_stop: (a) =>
    `${a.status} ${a.timeToFirstTokenMs === null ? '' : a.timeToFirstTokenMs.toFixed(0)}`,
  MessagesController_reattach: (a) => String(a),
  ChatsController_chat: (a) =>
    `${a.response} ${a.status} ${a.metadata.model === null ? '' : a.metadata.model} ${a.metadata.bedrock_processed}`,
  ChatsController_recent: (a) =>
    a.items.map((t) => (t.bedrock_response === null ? t.status : t.bedrock_response)).join(),
  ChatsController_mine: (a) => `${a.total} ${a.items.map((t) => t.user_input).join()}`,
  ModelsController_list: (a) => `${a.provider} ${a.default} ${a.models.join()}`,
  UsageController_report: (a) =>
    `${a.totals.answers} ${a.byDay.map((d) => `${d.day} ${d.inputTokens}`).join()}`,
  'ProxyController_chat[0]': (a) =>
    'answer' in a
      ? `${a.answer} ${a.usage.input_tokens ?? 0} ${a.stop_reason === null ? '' : a.stop_reason}`
      : `${a.dimensions} ${a.embedding?.length ?? a.embeddings?.length ?? 0}`,
  'ProxyController_chat[1]': (a) => ('model' in a ? a.model : ''),
  MessagesController_activate: (a) =>
    `${a.messages.length} ${a.summary === null ? 'no summary' : a.summary.coversUntilMessageId}`,
  SummariesController_summarize: (a) => `${a.text.length} ${a.createdAt}`,
  ApiKeysController_create: (a) =>
    `${a.key} ${a.requestsPerMinute === null ? 'default' : a.requestsPerMinute}`,
  ApiKeysController_list: (a) =>
    a.items.map((k) => `${k.prefix} ${k.revokedAt === null ? 'active' : k.revokedAt}`).join(),
  ApiKeysController_revoke: (a) => String(a),
  ConversationSharesController_create: (a) =>
    `${a.url} ${a.expiresAt === null ? 'never' : a.expiresAt}`,
  ConversationSharesController_list: (a) => a.map((share) => share.token).join(),
  ConversationSharesController_revoke: (a) => String(a),
  PublicSharesController_read: (a) =>
    `${a.title === null ? 'untitled' : a.title} ${a.messages.length} ${a.sharedAt}`,
  MeController_me: (a) =>
    `${a.displayName === null ? a.id : a.displayName} ${a.role} ${a.email ?? ''} ${a.lastSeenAt}`,
  AdminUsersController_list: (a) =>
    `${a.total} ${a.items.map((u) => (u.email === null ? u.id : u.email)).join()}`,
  OpenAiController_completions: (a) =>
    `${a.model} ${a.choices.length} ${a.system_fingerprint === null ? '' : a.system_fingerprint}`,
  OpenAiController_createEmbeddings: (a) => `${a.model} ${a.data.length}`,
  OpenAiController_listModels: (a) => a.data.map((m) => m.id).join(),
  OpenAiController_getModel: (a) => `${a.id} ${a.owned_by} ${a.created}`,
  EmbeddingsController_create: (a) =>
    `${a.data.map((d) => d.embedding.length).join()} ${a.usage.inputTokens === null ? 0 : a.usage.inputTokens}`,
};

/** The client's calls hand back the same types. */
export async function useClient(baseUrl: string): Promise<string[]> {
  const client = createApiClient({ baseUrl, userId: 'alice' });
  const seen: string[] = [];
  const created = await client.POST('/api/v1/conversations', { body: { title: 'Typed' } });
  if (!created.data) return [created.error?.error.code ?? String(created.response.status)];
  seen.push(readers.ConversationsController_create(created.data));
  const id = created.data.id;
  const page = await client.GET('/api/v1/conversations', { params: { query: { limit: 10 } } });
  if (page.data) seen.push(readers.ConversationsController_list(page.data));
  const sent = await client.POST('/api/v1/conversations/{id}/messages', {
    params: { path: { id } },
    body: { content: 'Hello', parentId: null },
  });
  if (sent.data) {
    seen.push(readers.MessagesController_send(sent.data));
    const stopped = await client.POST('/api/v1/conversations/{id}/messages/{messageId}/stop', {
      params: { path: { id, messageId: sent.data.assistantMessage.id } },
    });
    if (stopped.data) seen.push(readers.MessagesController_stop(stopped.data));
  }
  const one = await client.GET('/api/v1/conversations/{id}', { params: { path: { id } } });
  if (one.data) seen.push(readers.ConversationsController_get(one.data));
  const history = await client.GET('/api/v1/history', { params: { query: { limit: 5 } } });
  if (history.data) seen.push(readers.ChatsController_recent(history.data));
  for await (const event of streamMessage({ baseUrl, userId: 'alice' }, id, { content: 'Hi' })) {
    seen.push(describe(event));
  }
  return seen;
}

function describe(event: TurnEvent): string {
  switch (event.event) {
    case 'message.start':
      return `${event.id} ${event.data.assistantMessageId} ${event.data.userMessage.content}`;
    case 'delta':
      return event.data.text;
    case 'message.end':
      return `${event.data.stopReason === null ? '' : event.data.stopReason} ${tokens(event.data.message)}`;
    case 'error':
      return `${event.data.code} ${event.data.retryable} ${event.data.messageId ?? ''}`;
  }
}
