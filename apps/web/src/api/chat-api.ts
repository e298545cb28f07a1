import { ApiError, apiErrorOf } from './errors';
import type {
  Conversation,
  ConversationPage,
  ConversationWithMessages,
  Message,
  Models,
  UsageReport,
} from './types';

/** Who the caller is: a user name (AUTH_MODE=none, sent as X-User-Id) or a token or API key (jwt). */
export type Credentials = { kind: 'user'; userId: string } | { kind: 'token'; token: string };

export type AuthMode = 'none' | 'jwt';

export type ExportFormat = 'markdown' | 'json';

/** The start of a turn: a new question, a new answer to one, or an edited question. */
export type TurnRequest =
  | {
      kind: 'send';
      conversationId: string;
      content: string;
      model?: string;
      parentId?: string | null;
      clientMessageId: string;
    }
  | { kind: 'regenerate'; conversationId: string; messageId: string; model?: string }
  | { kind: 'edit'; conversationId: string; messageId: string; content: string; model?: string };

const BASE = '/api/v1';
const enc = encodeURIComponent;

/**
 * The app's one door to the API (same origin): every call, with the caller's credentials, and
 * failures as ApiError in the API's words. Streams are read by turn-stream.ts.
 */
export class ChatApi {
  constructor(private readonly credentials: Credentials | null) {}

  /** jwt when an anonymous call is refused with 401, else none (X-User-Id). */
  static async probeAuthMode(): Promise<AuthMode> {
    const res = await send(`${BASE}/models`, { headers: { Accept: 'application/json' } });
    return res.status === 401 ? 'jwt' : 'none';
  }

  listConversations(q: string): Promise<ConversationPage> {
    const query = new URLSearchParams({ limit: '100' });
    if (q.trim()) query.set('q', q.trim());
    return this.json('GET', `/conversations?${query}`);
  }

  createConversation(model: string | undefined): Promise<Conversation> {
    return this.json('POST', '/conversations', model ? { model } : {});
  }

  renameConversation(id: string, title: string): Promise<Conversation> {
    return this.json('PATCH', `/conversations/${enc(id)}`, { title });
  }

  deleteConversation(id: string): Promise<void> {
    return this.json('DELETE', `/conversations/${enc(id)}`);
  }

  /** The conversation with its active branch. */
  getConversation(id: string): Promise<ConversationWithMessages> {
    return this.json('GET', `/conversations/${enc(id)}`);
  }

  /** Every branch's messages, by seq. */
  allMessages(id: string): Promise<Message[]> {
    return this.json('GET', `/conversations/${enc(id)}/messages?all=true`);
  }

  models(): Promise<Models> {
    return this.json('GET', '/models');
  }

  /** The caller's usage since 00:00 UTC. */
  usageToday(): Promise<UsageReport> {
    const from = new Date();
    from.setUTCHours(0, 0, 0, 0);
    return this.json('GET', `/usage?from=${enc(from.toISOString())}`);
  }

  stop(conversationId: string, messageId: string): Promise<Message> {
    return this.json(
      'POST',
      `/conversations/${enc(conversationId)}/messages/${enc(messageId)}/stop`,
    );
  }

  async exportConversation(
    id: string,
    format: ExportFormat,
  ): Promise<{ blob: Blob; filename: string }> {
    const res = await this.fetch(
      'GET',
      `/conversations/${enc(id)}/export?format=${format}`,
      undefined,
      {},
    );
    if (!res.ok) throw await apiErrorOf(res);
    const disposition = res.headers.get('Content-Disposition') ?? '';
    const filename =
      /filename="([^"]+)"/.exec(disposition)?.[1] ??
      `conversation-${id}.${format === 'markdown' ? 'md' : 'json'}`;
    return { blob: await res.blob(), filename };
  }

  /** Starts a turn as Server-Sent Events; the caller reads the body. */
  openTurn(turn: TurnRequest, signal?: AbortSignal): Promise<Response> {
    const messages = `/conversations/${enc(turn.conversationId)}/messages`;
    const stream = { Accept: 'text/event-stream' };
    switch (turn.kind) {
      case 'send':
        return this.fetch(
          'POST',
          messages,
          {
            content: turn.content,
            model: turn.model,
            parentId: turn.parentId,
            clientMessageId: turn.clientMessageId,
          },
          stream,
          signal,
        );
      case 'regenerate':
        return this.fetch(
          'POST',
          `${messages}/${enc(turn.messageId)}/regenerate`,
          { model: turn.model },
          stream,
          signal,
        );
      case 'edit':
        return this.fetch(
          'PATCH',
          `${messages}/${enc(turn.messageId)}`,
          { content: turn.content, model: turn.model },
          stream,
          signal,
        );
    }
  }

  /** Re-attaches to an answer: the events after `lastEventId` (all of them when undefined). */
  reattach(
    conversationId: string,
    messageId: string,
    lastEventId: number | undefined,
    signal?: AbortSignal,
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    if (lastEventId !== undefined) headers['Last-Event-ID'] = String(lastEventId);
    return this.fetch(
      'GET',
      `/conversations/${enc(conversationId)}/messages/${enc(messageId)}/stream`,
      undefined,
      headers,
      signal,
    );
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.fetch(method, path, body, { Accept: 'application/json' });
    if (!res.ok) throw await apiErrorOf(res);
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  private fetch(
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<Response> {
    const all: Record<string, string> = { ...headers, ...this.authHeaders() };
    if (body !== undefined) all['Content-Type'] = 'application/json';
    return send(`${BASE}${path}`, {
      method,
      headers: all,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  }

  private authHeaders(): Record<string, string> {
    if (!this.credentials) return {};
    return this.credentials.kind === 'user'
      ? { 'X-User-Id': this.credentials.userId }
      : { Authorization: `Bearer ${this.credentials.token}` };
  }
}

/** fetch, with a network failure as an ApiError the person can read. */
async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', error instanceof Error ? error.message : String(error));
  }
}
