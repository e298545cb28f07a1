import {
  ApiError as ClientApiError,
  createApiClient,
  followAnswer,
  streamEdit,
  streamMessage,
  streamRegenerate,
  type ApiAuth,
  type ApiClient,
  type TurnEvent,
  type TurnStreamOptions,
} from '@app/client';
import { ApiError } from './errors';
import type {
  Conversation,
  ConversationPage,
  ConversationWithMessages,
  Message,
  Models,
  Share,
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
      parentId?: string;
      clientMessageId: string;
    }
  | { kind: 'regenerate'; conversationId: string; messageId: string; model?: string }
  | { kind: 'edit'; conversationId: string; messageId: string; content: string; model?: string };

/** Where a turn's answer is read from: its start, or a re-attach after `lastEventId`. */
export type TurnSource =
  | { kind: 'start'; request: TurnRequest }
  | { kind: 'attach'; conversationId: string; messageId: string; lastEventId?: number };

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The app's one door to the API (same origin), on libs/client: the typed openapi-fetch client
 * for JSON routes and its SSE helpers (which re-attach with Last-Event-ID by themselves) for
 * answers. Failures become ApiError in the API's words, with Retry-After when one was sent.
 */
export class ChatApi {
  private readonly client: ApiClient;
  private readonly auth: ApiAuth;
  /** Retry-After of the latest refusal, for the streams whose errors carry no headers. */
  private lastRetryAfterS: number | undefined;

  constructor(credentials: Credentials) {
    this.auth =
      credentials.kind === 'user' ? { userId: credentials.userId } : { token: credentials.token };
    this.client = createApiClient({ ...this.auth, fetch: this.fetch });
  }

  /** jwt when an anonymous call is refused with 401, else none (X-User-Id). */
  static async probeAuthMode(): Promise<AuthMode> {
    const { response } = await call(() => createApiClient().GET('/api/v1/models'));
    return response.status === 401 ? 'jwt' : 'none';
  }

  async listConversations(q: string): Promise<ConversationPage> {
    const query = { limit: 100, ...(q.trim() ? { q: q.trim() } : {}) };
    return this.data(() => this.client.GET('/api/v1/conversations', { params: { query } }));
  }

  createConversation(model: string | undefined): Promise<Conversation> {
    return this.data(() =>
      this.client.POST('/api/v1/conversations', { body: model ? { model } : {} }),
    );
  }

  renameConversation(id: string, title: string): Promise<Conversation> {
    return this.data(() =>
      this.client.PATCH('/api/v1/conversations/{id}', {
        params: { path: { id } },
        body: { title },
      }),
    );
  }

  async deleteConversation(id: string): Promise<void> {
    await this.data(() =>
      this.client.DELETE('/api/v1/conversations/{id}', { params: { path: { id } } }),
    );
  }

  /** The conversation with its active branch. */
  getConversation(id: string): Promise<ConversationWithMessages> {
    return this.data(() =>
      this.client.GET('/api/v1/conversations/{id}', { params: { path: { id } } }),
    );
  }

  /** Every branch's messages, by seq. */
  allMessages(id: string): Promise<Message[]> {
    return this.data(() =>
      this.client.GET('/api/v1/conversations/{id}/messages', {
        params: { path: { id }, query: { all: true } },
      }),
    );
  }

  models(): Promise<Models> {
    return this.data(() => this.client.GET('/api/v1/models'));
  }

  /** The caller's usage since 00:00 UTC. */
  usageToday(): Promise<UsageReport> {
    const from = new Date();
    from.setUTCHours(0, 0, 0, 0);
    return this.data(() =>
      this.client.GET('/api/v1/usage', { params: { query: { from: from.toISOString() } } }),
    );
  }

  /** Makes the branch through this message the active one; answers the conversation's read. */
  activate(conversationId: string, messageId: string): Promise<ConversationWithMessages> {
    return this.data(() =>
      this.client.POST('/api/v1/conversations/{id}/messages/{messageId}/activate', {
        params: { path: { id: conversationId, messageId } },
      }),
    );
  }

  stop(conversationId: string, messageId: string): Promise<Message> {
    return this.data(() =>
      this.client.POST('/api/v1/conversations/{id}/messages/{messageId}/stop', {
        params: { path: { id: conversationId, messageId } },
      }),
    );
  }

  /** A read-only snapshot of the active branch anyone with its link can read. */
  share(conversationId: string): Promise<Share> {
    return this.data(() =>
      this.client.POST('/api/v1/conversations/{id}/shares', {
        params: { path: { id: conversationId } },
        body: {},
      }),
    );
  }

  async stopSharing(conversationId: string, token: string): Promise<void> {
    await this.data(() =>
      this.client.DELETE('/api/v1/conversations/{id}/shares/{token}', {
        params: { path: { id: conversationId, token } },
      }),
    );
  }

  async exportConversation(
    id: string,
    format: ExportFormat,
  ): Promise<{ blob: Blob; filename: string }> {
    const answer = await call(() =>
      this.client.GET('/api/v1/conversations/{id}/export', {
        params: { path: { id }, query: { format } },
        parseAs: 'blob',
      }),
    );
    const blob = await this.dataOf(answer);
    const disposition = answer.response.headers.get('Content-Disposition') ?? '';
    const filename =
      /filename="([^"]+)"/.exec(disposition)?.[1] ??
      `conversation-${id}.${format === 'markdown' ? 'md' : 'json'}`;
    return { blob: blob as unknown as Blob, filename };
  }

  /** The events of a turn, from its start or re-attached; ends with message.end or error (or nothing: 204). */
  async *turn(source: TurnSource, signal?: AbortSignal): AsyncGenerator<TurnEvent> {
    const options: TurnStreamOptions = {
      ...this.auth,
      fetch: this.fetch,
      signal,
      maxReattaches: 8,
    };
    try {
      yield* openTurn(options, source);
    } catch (error) {
      if (error instanceof ClientApiError) {
        throw new ApiError(
          error.status,
          error.code ?? `http_${error.status}`,
          error.message,
          this.lastRetryAfterS,
          error.body?.error.details,
        );
      }
      if (error instanceof TypeError) throw new ApiError(0, 'network_error', error.message);
      throw error;
    }
  }

  /** fetch, noting each refusal's Retry-After; a network failure as an ApiError. */
  private readonly fetch = async (
    input: RequestInfo | URL,
    init?: RequestInit,
  ): Promise<Response> => {
    const response = await globalThis.fetch(input, init);
    if (!response.ok) this.lastRetryAfterS = retryAfterOf(response);
    return response;
  };

  private async data<T>(request: () => Promise<Answer<T>>): Promise<T> {
    return this.dataOf(await call(request));
  }

  private async dataOf<T>({ data, error, response }: Answer<T>): Promise<T> {
    if (!response.ok) {
      const envelope = (error ?? {}) as {
        error?: { code?: string; message?: string; details?: unknown };
      };
      throw new ApiError(
        response.status,
        envelope.error?.code ?? `http_${response.status}`,
        envelope.error?.message ?? (response.statusText || 'Request failed'),
        retryAfterOf(response),
        envelope.error?.details,
      );
    }
    return data as T;
  }
}

function openTurn(options: TurnStreamOptions, source: TurnSource): AsyncGenerator<TurnEvent> {
  if (source.kind === 'attach') {
    return followAnswer(options, source.conversationId, source.messageId, source.lastEventId);
  }
  const turn = source.request;
  switch (turn.kind) {
    case 'send':
      return streamMessage(options, turn.conversationId, {
        content: turn.content,
        model: turn.model,
        parentId: turn.parentId,
        clientMessageId: turn.clientMessageId,
      });
    case 'regenerate':
      return streamRegenerate(options, turn.conversationId, turn.messageId, { model: turn.model });
    case 'edit':
      return streamEdit(options, turn.conversationId, turn.messageId, {
        content: turn.content,
        model: turn.model,
      });
  }
}

/** Runs a request of the typed client; a network failure becomes an ApiError the person can read. */
async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', error instanceof Error ? error.message : String(error));
  }
}

function retryAfterOf(response: Response): number | undefined {
  const seconds = Number(response.headers.get('Retry-After'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}
