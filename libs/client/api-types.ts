/**
 * Generated from the API's OpenAPI document by `npm run client:generate` (openapi-typescript).
 * Do not edit: change the API's Swagger decorators and regenerate.
 */

export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process is up */
        get: operations["HealthController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the database answers and a model provider is configured */
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every user the API has seen, most recently active first (admins) */
        get: operations["AdminUsersController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the caller's conversations, most recently updated first
         * @description Offset paging (limit, offset) or keyset paging (cursor = previous nextCursor).
         */
        get: operations["ConversationsController_list"];
        put?: never;
        /** Create a conversation (optionally with your own id) */
        post: operations["ConversationsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A conversation with the messages of its active branch */
        get: operations["ConversationsController_get"];
        put?: never;
        post?: never;
        /** Delete a conversation (soft: gone from lists, 404 afterwards) */
        delete: operations["ConversationsController_remove"];
        options?: never;
        head?: never;
        /** Rename, change the system prompt, model or metadata */
        patch: operations["ConversationsController_update"];
        trace?: never;
    };
    "/api/v1/conversations/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download the active branch as JSON, Markdown or PDF
         * @description PDF: title, dates, each message under its role and time, ``` fenced code in a monospace font, Chinese and Japanese text (Noto Sans SC embedded), "Page n of N" on every page.
         */
        get: operations["ConversationsController_export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Messages of a conversation in order (active branch, or ?all=true) */
        get: operations["ConversationsController_messages"];
        put?: never;
        /**
         * Send a message and get the answer, whole (JSON) or streamed (SSE)
         * @description With `Accept: text/event-stream` (or `?stream=true`) the answer is streamed as Server-Sent Events.
         *     Every event has an `id:` (its position in the turn: 0, 1, 2, ...) and JSON `data:`:
         *     - `message.start`: `{conversationId, userMessage, assistantMessageId, turnId, model}`
         *     - `delta`: `{text}` (append to the answer)
         *     - `message.end`: `{message, usage: {inputTokens, outputTokens}, stopReason}`: the stored assistant message
         *     - `error`: `{code, message, retryable, messageId}` (e.g. provider_throttled, provider_unavailable, provider_timeout, cancelled, shutdown)
         *     A comment line `: heartbeat` arrives every 15 s. Every stream ends with exactly one `message.end` or `error`.
         *     The turn outlives the connection: re-attach with GET .../messages/{assistantMessageId}/stream and `Last-Event-ID` (204 once you hold the terminal event).
         *
         *     Example:
         *     ```
         *     id: 0
         *     event: message.start
         *     data: {"conversationId":"test-chat-123","assistantMessageId":"0196...","turnId":"0196...","model":"anthropic.claude-3-haiku-20240307-v1:0","userMessage":{...}}
         *
         *     id: 1
         *     event: delta
         *     data: {"text":"SQL injection "}
         *
         *     id: 7
         *     event: message.end
         *     data: {"message":{...,"status":"complete"},"usage":{"inputTokens":12,"outputTokens":48},"stopReason":"end"}
         *     ```
         */
        post: operations["MessagesController_send"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/messages/{messageId}/regenerate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Answer the same question again (JSON or SSE, as sending)
         * @description The new answer is a sibling of the old one (same question, same turn) and becomes the active branch; the old one stays visible with ?all=true.
         */
        post: operations["MessagesController_regenerate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/messages/{messageId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a message and everything after it in its branches */
        delete: operations["MessagesController_remove"];
        options?: never;
        head?: never;
        /**
         * Edit a question: the new text becomes a sibling branch with its own answer (JSON or SSE)
         * @description The original question and its answers stay (GET .../messages?all=true).
         */
        patch: operations["MessagesController_edit"];
        trace?: never;
    };
    "/api/v1/conversations/{id}/messages/{messageId}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Make the branch through this message the active one
         * @description For navigating edits and regenerations (‹ 1 / 2 ›): the active branch then ends at the newest message under this one, and the next message continues from there. 409 `turn_in_progress` while an answer of the conversation streams.
         */
        post: operations["MessagesController_activate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/messages/{messageId}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop a streaming answer; it is stored as cancelled with the text produced so far
         * @description 503 `stop_unavailable` (with Retry-After) when the answer runs on another replica and the store that carries stops (Redis) is down: the stop was not delivered and the answer goes on.
         */
        post: operations["MessagesController_stop"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/messages/{messageId}/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Re-attach to an answer (SSE): the events after Last-Event-ID, then the live ones
         * @description Send the id of the last event you received as `Last-Event-ID` (or `?lastEventId=`); absent or empty means from the start.
         *     - 200 `text/event-stream`: the events after that id, then the live ones, ending with `message.end` or `error`.
         *       An id past the current end of a running answer waits (no headers yet) for the next event.
         *     - 204 No Content: the answer is finished and you already hold its last event (any id at or past it). Stop reconnecting;
         *       this also stops a browser EventSource.
         *     - For a finished answer whose event log is gone (`STREAM_LOG_TTL_S`): one `message.end` (or `error`) event with id 0 and the stored message.
         *     Use fetch (not EventSource): the route needs your `X-User-Id` or `Authorization` header.
         */
        get: operations["MessagesController_reattach"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/chats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a chat message (seed API)
         * @description A new chat when chat_id is absent or unknown (it is created with that id). Resending a message_uid returns the stored answer without calling the model again.
         */
        post: operations["ChatsController_chat"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's recent turns, newest first (seed API) */
        get: operations["ChatsController_recent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/my-history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A chat's turns (chat_id), or one turn by its message_uid (message_id) (seed API) */
        get: operations["ChatsController_mine"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Models a conversation or a message may use (LLM_MODELS) */
        get: operations["ModelsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's answers, tokens and cost (USD) per UTC day and model */
        get: operations["UsageController_report"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/summarize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Summarize the active branch now (the model writes it)
         * @description Folds every finished message of the active branch into one summary (extending the one before), which the next turns get instead of those messages. Summaries are also made on their own after an answer once the conversation outgrows CONTEXT_MAX_TOKENS. 200 when the existing summary already covers the whole branch; 502/503/504 when the model fails (nothing is stored).
         */
        post: operations["SummariesController_summarize"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/shares": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The conversation's shares, newest first (expired ones included) */
        get: operations["ConversationSharesController_list"];
        put?: never;
        /**
         * Share a read-only snapshot of the active branch
         * @description Anyone with the returned token can read the title and messages (role, content, time) as they are now, without signing in, until the share expires or is revoked.
         */
        post: operations["ConversationSharesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{id}/shares/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a share: its link answers 404 from now on */
        delete: operations["ConversationSharesController_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shares/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a shared conversation (no authentication)
         * @description Rate-limited per client IP (RATE_LIMIT_READ). Unknown, revoked or expired: 404.
         */
        get: operations["PublicSharesController_read"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's profile, limits and this UTC month's usage */
        get: operations["MeController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/chat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stateless model call: chat (Anthropic Messages payload) or embed (seed proxy API)
         * @description mode "chat": `payload` is an Anthropic Messages body; with the Bedrock provider it goes to InvokeModel as-is (after validation and the guardrail), with others it is translated. Answers `{answer, usage, model, stop_reason}`, or with `stream: true` NDJSON lines `{"text","is_final":false}` closed by one `{"text":"","is_final":true,"usage","stop_reason"}` line (or `{"is_final":true,"error":{code,message}}` when the model fails mid-answer). mode "embed": `text` (string or array) -> `{embedding|embeddings, dimensions, model}`. Nothing is stored.
         */
        post: operations["ProxyController_chat[0]"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/proxy/chat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stateless model call: chat (Anthropic Messages payload) or embed (seed proxy API)
         * @description mode "chat": `payload` is an Anthropic Messages body; with the Bedrock provider it goes to InvokeModel as-is (after validation and the guardrail), with others it is translated. Answers `{answer, usage, model, stop_reason}`, or with `stream: true` NDJSON lines `{"text","is_final":false}` closed by one `{"text":"","is_final":true,"usage","stop_reason"}` line (or `{"is_final":true,"error":{code,message}}` when the model fails mid-answer). mode "embed": `text` (string or array) -> `{embedding|embeddings, dimensions, model}`. Nothing is stored.
         */
        post: operations["ProxyController_chat[1]"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/embeddings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Embed one text or a batch (same use case and cache as the proxy's mode "embed")
         * @description Vectors in input order. Texts embedded before with the same model and options are served from the cache (EMBED_CACHE_MAX, EMBED_CACHE_TTL_S; Redis when REDIS_URL is set) without calling the provider.
         */
        post: operations["EmbeddingsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/chat/completions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Chat completion (OpenAI-compatible), whole or streamed
         * @description OpenAI's request: roles system, developer, user, assistant, tool; content a string or parts (text; images as data: URLs); tools and tool_choice; n = 1. With `stream: true`, Server-Sent Events `data: {chat.completion.chunk}` ended by `data: [DONE]` (`stream_options.include_usage`: a last chunk with usage); a model failure once the stream started is one `data: {"error": {...}}` event. Any provider serves it (Bedrock through Converse).
         */
        post: operations["OpenAiController_completions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/embeddings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Embeddings (OpenAI-compatible)
         * @description Vectors in input order, as numbers or (`encoding_format: "base64"`) base64 of little-endian float32 values; same use case and cache as POST /api/v1/embeddings.
         */
        post: operations["OpenAiController_createEmbeddings"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The models these routes serve (LLM_MODELS and EMBED_MODELS with their defaults) */
        get: operations["OpenAiController_listModels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{model}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One served model */
        get: operations["OpenAiController_getModel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API keys, newest first (admin); never their values */
        get: operations["ApiKeysController_list"];
        put?: never;
        /** Create an API key for a user (admin); the key is in this answer only */
        post: operations["ApiKeysController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key (admin): refused on every replica within a second */
        delete: operations["ApiKeysController_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ErrorBodyDto: {
            /** @example validation_failed */
            code: string;
            /** @example The request is not valid */
            message: string;
            /**
             * @description Validation errors: one line per refused field. Others: an object (e.g. `{limit}` of a 413, `{allowed}` models of a 400)
             * @example [
             *       "limit must not be greater than 100"
             *     ]
             */
            details?: string[] | {
                [key: string]: unknown;
            };
            /** @example 0b9c7d0e-6c1f-4a53-9d57-3f0f8f3c2a10 */
            requestId: string;
        };
        ErrorEnvelopeDto: {
            error: components["schemas"]["ErrorBodyDto"];
        };
        UserLimitsDto: {
            /**
             * @description This user's tokens per UTC day; null: USER_DAILY_TOKEN_LIMIT
             * @example null
             */
            dailyTokenLimit: number | null;
            /**
             * @description This user's USD per UTC month; null: USER_MONTHLY_COST_LIMIT_USD
             * @example 25
             */
            monthlyCostLimitUsd: number | null;
        };
        UserDto: {
            /** @example alice */
            id: string;
            /** @example Alice Liddell */
            displayName: string | null;
            /** @example alice@example.com */
            email: string | null;
            /** @enum {string} */
            role: "admin" | "user";
            /** Format: date-time */
            firstSeenAt: string;
            /**
             * Format: date-time
             * @description Written at most once a minute: up to a minute behind
             */
            lastSeenAt: string;
            /** @description Overrides of the default limits */
            limits: components["schemas"]["UserLimitsDto"];
        };
        UserPageDto: {
            items: components["schemas"]["UserDto"][];
            /** @example 1 */
            total: number;
            /** @example 50 */
            limit: number;
            /** @example 0 */
            offset: number;
        };
        CreateConversationDto: {
            /**
             * @description Client-chosen id (absent or null: a UUIDv7 is made)
             * @example test-chat-123
             */
            id?: string | null;
            /**
             * @description Absent or null: titled from the first message
             * @example Security questions
             */
            title?: string | null;
            /**
             * @description Absent or null: none
             * @example You are a concise security expert.
             */
            systemPrompt?: string | null;
            /**
             * @description One of GET /api/v1/models (absent or null: the configured default)
             * @example anthropic.claude-3-haiku-20240307-v1:0
             */
            model?: string | null;
            /**
             * @description Free-form JSON object (at most 16 KB); null is refused
             * @example {
             *       "project": "alpha"
             *     }
             */
            metadata?: {
                [key: string]: unknown;
            };
        };
        ConversationDto: {
            /** @example test-chat-123 */
            id: string;
            /** @example What are SQL injection attacks? */
            title: string | null;
            /** @example anthropic.claude-3-haiku-20240307-v1:0 */
            model: string | null;
            /** @example You are a concise security expert. */
            systemPrompt: string | null;
            /** @example 2 */
            messageCount: number;
            metadata: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        ConversationPageDto: {
            items: components["schemas"]["ConversationDto"][];
            /** @example 1 */
            total: number;
            /** @example 50 */
            limit: number;
            /** @example 0 */
            offset: number;
            /** @description Pass as ?cursor= for the next page; null on the last page */
            nextCursor: string | null;
        };
        UsageDto: {
            /** @example 12 */
            inputTokens: number | null;
            /** @example 48 */
            outputTokens: number | null;
            /**
             * @description USD at the model's price (MODEL_PRICES_FILE); null: unknown tokens or no price
             * @example 0.000063
             */
            costUsd: number | null;
        };
        MessageErrorDto: {
            /** @example provider_throttled */
            code: string;
            /** @example The model provider is throttling requests */
            message: string;
            retryable?: boolean;
        };
        MessageDto: {
            /** Format: uuid */
            id: string;
            /** @example test-chat-123 */
            conversationId: string;
            /**
             * @description Position in the conversation, gap-free
             * @example 1
             */
            seq: number;
            /**
             * Format: uuid
             * @description The previous message in its branch; null for a first question
             */
            parentId: string | null;
            /** @enum {string} */
            role: "user" | "assistant" | "system";
            /** @example What are SQL injection attacks? */
            content: string;
            /** @enum {string} */
            status: "pending" | "streaming" | "complete" | "failed" | "cancelled";
            /**
             * @description The seed's message_uid
             * @example msg-0001
             */
            clientMessageId: string | null;
            /**
             * Format: uuid
             * @description The seed's response_session_id: links a user message to its answer
             */
            turnId: string;
            /** @example anthropic.claude-3-haiku-20240307-v1:0 */
            model: string | null;
            /**
             * @description end, length, content_filter, stop_sequence, tool_use or other; null until the answer ends
             * @example end
             */
            stopReason: string | null;
            usage: components["schemas"]["UsageDto"];
            /** @example 840 */
            latencyMs: number | null;
            /** @example 210 */
            timeToFirstTokenMs: number | null;
            error: components["schemas"]["MessageErrorDto"] | null;
            metadata: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        ConversationSummaryDto: {
            /**
             * @description Written by the model; sent to it before the messages after coversUntilMessageId
             * @example The user asked about SQL injection; the assistant explained prepared statements.
             */
            text: string;
            /**
             * Format: uuid
             * @description The last message of the active branch the summary stands for
             */
            coversUntilMessageId: string;
            /** Format: date-time */
            createdAt: string;
        };
        ConversationWithMessagesDto: {
            /** @example test-chat-123 */
            id: string;
            /** @example What are SQL injection attacks? */
            title: string | null;
            /** @example anthropic.claude-3-haiku-20240307-v1:0 */
            model: string | null;
            /** @example You are a concise security expert. */
            systemPrompt: string | null;
            /** @example 2 */
            messageCount: number;
            metadata: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            messages: components["schemas"]["MessageDto"][];
            /** @description The summary standing for the oldest messages of the active branch (sent to the model instead of them); null: none */
            summary: components["schemas"]["ConversationSummaryDto"] | null;
        };
        UpdateConversationDto: {
            /**
             * @description null: removes the title
             * @example Renamed
             */
            title?: string | null;
            /** @description null: removes the system prompt */
            systemPrompt?: string | null;
            /**
             * @description null: back to the configured default model
             * @example anthropic.claude-3-haiku-20240307-v1:0
             */
            model?: string | null;
            /**
             * @description Replaces the metadata: a JSON object (at most 16 KB); null is refused, {} clears it
             * @example {
             *       "project": "beta"
             *     }
             */
            metadata?: {
                [key: string]: unknown;
            };
        };
        ConversationExportDto: {
            /** @example test-chat-123 */
            id: string;
            /** @example What are SQL injection attacks? */
            title: string | null;
            /** @example anthropic.claude-3-haiku-20240307-v1:0 */
            model: string | null;
            /** @example You are a concise security expert. */
            systemPrompt: string | null;
            /** @example 2 */
            messageCount: number;
            metadata: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            messages: components["schemas"]["MessageDto"][];
            /** @description The summary standing for the oldest messages of the active branch (sent to the model instead of them); null: none */
            summary: components["schemas"]["ConversationSummaryDto"] | null;
            /** Format: date-time */
            exportedAt: string;
        };
        TurnDto: {
            conversation: components["schemas"]["ConversationDto"];
            userMessage: components["schemas"]["MessageDto"];
            assistantMessage: components["schemas"]["MessageDto"];
            /** @description True when clientMessageId matched an earlier turn (nothing new was sent to the model) */
            replayed: boolean;
        };
        MessageStartEventDto: {
            /** @example test-chat-123 */
            conversationId: string;
            userMessage: components["schemas"]["MessageDto"];
            /** Format: uuid */
            assistantMessageId: string;
            /** Format: uuid */
            turnId: string;
            /** @example anthropic.claude-3-haiku-20240307-v1:0 */
            model: string;
        };
        DeltaEventDto: {
            /** @example SQL injection */
            text: string;
        };
        MessageEndEventDto: {
            message: components["schemas"]["MessageDto"];
            usage: components["schemas"]["UsageDto"];
            /** @example end */
            stopReason: string | null;
        };
        StreamErrorEventDto: {
            /** @example provider_throttled */
            code: string;
            /** @example The model provider is throttling requests */
            message: string;
            /** @description Worth retrying (or, for stream_unavailable, re-attaching) */
            retryable: boolean;
            /**
             * Format: uuid
             * @description The failed answer; absent on stream_unavailable (sent without an id:)
             */
            messageId?: string;
        };
        /** @enum {string} */
        StreamEventName: "message.start" | "delta" | "message.end" | "error";
        StreamEventDto: {
            /** @description Position in the turn (0, 1, 2, ...); absent on an event that must not move the client's Last-Event-ID */
            id?: number;
            event: components["schemas"]["StreamEventName"];
        };
        SendMessageDto: {
            /**
             * @description Not empty; at most MAX_MESSAGE_CHARS (32,000) characters, else 413
             * @example What are SQL injection attacks?
             */
            content: string;
            /**
             * @description Your id for this message (the seed's message_uid). Resending it returns the stored turn; the model is never called twice. Absent or null: none (the Idempotency-Key header, if any).
             * @example msg-0001
             */
            clientMessageId?: string | null;
            /**
             * @description One of GET /api/v1/models; absent or null: the conversation's, else the configured one
             * @example anthropic.claude-3-haiku-20240307-v1:0
             */
            model?: string | null;
            /**
             * Format: uuid
             * @description Branch from this message (edit an earlier question); absent: after the latest answer; null: a new branch from the start (a new first question)
             */
            parentId?: string | null;
        };
        RegenerateDto: {
            /**
             * @description Another allowed model for the new answer (absent or null: as for a send)
             * @example anthropic.claude-3-haiku-20240307-v1:0
             */
            model?: string | null;
        };
        EditQuestionDto: {
            /** @example What are SQL injection attacks, briefly? */
            content: string;
            /**
             * @description Absent or null: the conversation's model, else the configured one
             * @example anthropic.claude-3-haiku-20240307-v1:0
             */
            model?: string | null;
        };
        SeedChatRequestDto: {
            /** @example What are SQL injection attacks? */
            message: string;
            /**
             * @description Conversation id; absent or null: a new chat. Any id matching ^[A-Za-z0-9._:-]{1,128}$ (a new one is created).
             * @example test-chat-123
             */
            chat_id?: string | null;
            /**
             * @description Your id for the message; resending it returns the stored answer without calling the model again. Absent or null: none.
             * @example def456
             */
            message_uid?: string | null;
        };
        SeedChatMetadataDto: {
            /** @example What are SQL injection attacks? */
            question: string;
            /**
             * @description Bedrock itself produced a complete answer: false with the mock or an OpenAI-compatible provider (see provider)
             * @example true
             */
            bedrock_processed: boolean;
            /**
             * Format: date-time
             * @example 2025-11-04T10:30:00.000Z
             */
            timestamp: string;
            /** @example bedrock */
            provider: string;
            /** @example anthropic.claude-3-haiku-20240307-v1:0 */
            model: string | null;
        };
        SeedChatResponseDto: {
            /** @example SQL injection is ... */
            response: string;
            /** @example test-chat-123 */
            chat_id: string;
            /** @example def456 */
            message_uid: string;
            /** @example 0196b6c2-1d2f-7c4e-9a51-0f7e5b1d9c33 */
            response_session_id: string;
            metadata: components["schemas"]["SeedChatMetadataDto"];
            /**
             * @example success
             * @enum {string}
             */
            status: "success";
        };
        SeedTurnDto: {
            /** @example test-chat-123 */
            chat_id: string;
            /** @example def456 */
            message_uid: string;
            /** Format: uuid */
            response_session_id: string;
            /** @example What are SQL injection attacks? */
            user_input: string;
            /** @example SQL injection is ... */
            bedrock_response: string | null;
            /**
             * @example complete
             * @enum {string}
             */
            status: "pending" | "streaming" | "complete" | "failed" | "cancelled";
            /**
             * @example {
             *       "question": "What are SQL injection attacks?",
             *       "bedrock_processed": true,
             *       "chat_id": "test-chat-123",
             *       "message_uid": "def456",
             *       "response_session_id": "0196...",
             *       "user_id": "anonymous",
             *       "timestamp": "2025-11-04T00:00:00Z"
             *     }
             */
            chat_metadata: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        SeedHistoryDto: {
            items: components["schemas"]["SeedTurnDto"][];
            /** @example 1 */
            total: number;
            /** @example 50 */
            limit: number;
            /** @example 0 */
            offset: number;
        };
        ModelsDto: {
            /**
             * @example bedrock
             * @enum {string}
             */
            provider: "bedrock" | "openai-compatible" | "mock";
            /** @example anthropic.claude-3-haiku-20240307-v1:0 */
            default: string;
            /**
             * @example [
             *       "anthropic.claude-3-haiku-20240307-v1:0"
             *     ]
             */
            models: string[];
        };
        UsageTotalsDto: {
            /** @example 12 */
            answers: number;
            /** @example 3400 */
            inputTokens: number;
            /** @example 5100 */
            outputTokens: number;
            /** @example 0.007225 */
            costUsd: number;
        };
        UsageRowDto: {
            /** @example 2026-11-25 */
            day: string;
            /** @example anthropic.claude-3-haiku-20240307-v1:0 */
            model: string;
            /** @example 12 */
            answers: number;
            /** @example 3400 */
            inputTokens: number;
            /** @example 5100 */
            outputTokens: number;
            /**
             * @description USD: each answer's cost at its model's price when it finished (MODEL_PRICES_FILE); unpriced models count 0
             * @example 0.007225
             */
            costUsd: number;
        };
        UsageReportDto: {
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            totals: components["schemas"]["UsageTotalsDto"];
            byDay: components["schemas"]["UsageRowDto"][];
        };
        CreateShareDto: {
            /**
             * @description Days until the link stops working; absent or null: until revoked
             * @example 30
             */
            expiresInDays?: number | null;
        };
        ShareDto: {
            /**
             * @description Unguessable (256 random bits, base64url); whoever holds it can read the snapshot
             * @example q3Jx9V1c0pZ2mVb7kLr8YtWn4sQe5uHa6dGf1iJk2lM
             */
            token: string;
            /**
             * @description Path of the public read, relative to this API
             * @example /api/v1/shares/q3Jx9V1c0pZ2mVb7kLr8YtWn4sQe5uHa6dGf1iJk2lM
             */
            url: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string | null;
        };
        SharedMessageDto: {
            /** @enum {string} */
            role: "user" | "assistant" | "system";
            /** @example What are SQL injection attacks? */
            content: string;
            /** Format: date-time */
            createdAt: string;
        };
        SharedConversationDto: {
            /** @example SQL injection */
            title: string | null;
            messages: components["schemas"]["SharedMessageDto"][];
            /**
             * Format: date-time
             * @description When the snapshot was taken
             */
            sharedAt: string;
            /** Format: date-time */
            expiresAt: string | null;
        };
        MonthUsageDto: {
            /** @example 12 */
            answers: number;
            /** @example 3400 */
            inputTokens: number;
            /** @example 5100 */
            outputTokens: number;
            /** @example 0.007225 */
            costUsd: number;
            /**
             * @description The UTC month the budgets count
             * @example 2026-12
             */
            month: string;
            /**
             * Format: date-time
             * @example 2026-12-01T00:00:00.000Z
             */
            from: string;
        };
        MeDto: {
            /** @example alice */
            id: string;
            /** @example Alice Liddell */
            displayName: string | null;
            /** @example alice@example.com */
            email: string | null;
            /** @enum {string} */
            role: "admin" | "user";
            /** Format: date-time */
            firstSeenAt: string;
            /**
             * Format: date-time
             * @description Written at most once a minute: up to a minute behind
             */
            lastSeenAt: string;
            /** @description Overrides of the default limits */
            limits: components["schemas"]["UserLimitsDto"];
            /** @description The limits in force for the caller: their own, else the defaults; null: none */
            effectiveLimits: components["schemas"]["UserLimitsDto"];
            usage: components["schemas"]["MonthUsageDto"];
        };
        ProxyUsageDto: {
            /** @example 14 */
            input_tokens: number | null;
            /** @example 96 */
            output_tokens: number | null;
        };
        ProxyChatResponseDto: {
            /** @example DevOps 是一种将开发与运维结合的文化与实践…… */
            answer: string;
            usage: components["schemas"]["ProxyUsageDto"];
            /** @example anthropic.claude-3-haiku-20240307-v1:0 */
            model: string;
            /** @example end_turn */
            stop_reason: string | null;
        };
        ProxyEmbedResponseDto: {
            /**
             * @description When `text` was a string
             * @example [
             *       0.0123,
             *       -0.0456
             *     ]
             */
            embedding?: number[];
            /** @description When `text` was an array */
            embeddings?: number[][];
            /** @example 1024 */
            dimensions: number;
            /** @example amazon.titan-embed-text-v2:0 */
            model: string;
        };
        ProxyChatRequestDto: {
            /**
             * @default chat
             * @enum {string}
             */
            mode: "chat" | "embed";
            /**
             * @description Model id; default LLM_MODEL_ID (chat) or LLM_EMBED_MODEL_ID (embed). Must be allowed by LLM_MODELS / EMBED_MODELS.
             * @example anthropic.claude-3-haiku-20240307-v1:0
             */
            model?: string;
            /**
             * @description chat: an Anthropic Messages body (anthropic_version, messages with string or text-block content, system, max_tokens, temperature, top_p, top_k, stop_sequences).
             * @example {
             *       "anthropic_version": "bedrock-2023-05-31",
             *       "messages": [
             *         {
             *           "role": "user",
             *           "content": [
             *             {
             *               "type": "text",
             *               "text": "解释 DevOps 概念"
             *             }
             *           ]
             *         }
             *       ],
             *       "max_tokens": 256
             *     }
             */
            payload?: {
                [key: string]: unknown;
            };
            /**
             * @description chat: answer as NDJSON lines (application/x-ndjson)
             * @default false
             */
            stream: boolean;
            /**
             * @description embed: the text, or an array of up to 256 texts, none empty
             * @example 这是一个测试句子
             */
            text?: string | string[];
            /**
             * @description embed: vector size (Titan v2: 256, 512, 1024)
             * @example 1024
             */
            dimensions?: number;
            /**
             * @description embed: unit-length vectors
             * @example true
             */
            normalize?: boolean;
        };
        EmbeddingsRequestDto: {
            /**
             * @description A text or an array of up to 256 texts, none empty
             * @example [
             *       "first document",
             *       "second document"
             *     ]
             */
            input: string | string[];
            /**
             * @description Default LLM_EMBED_MODEL_ID; must be allowed by EMBED_MODELS
             * @example amazon.titan-embed-text-v2:0
             */
            model?: string;
            /** @example 512 */
            dimensions?: number;
            /** @example true */
            normalize?: boolean;
        };
        EmbeddingDataDto: {
            /** @example 0 */
            index: number;
            /**
             * @example [
             *       0.0123,
             *       -0.0456
             *     ]
             */
            embedding: number[];
        };
        EmbeddingsUsageDto: {
            /**
             * @description Tokens embedded now (cached texts cost none)
             * @example 6
             */
            inputTokens: number | null;
            /**
             * @description Texts served from the embedding cache
             * @example 1
             */
            cachedTexts: number;
        };
        EmbeddingsResponseDto: {
            data: components["schemas"]["EmbeddingDataDto"][];
            /** @example amazon.titan-embed-text-v2:0 */
            model: string;
            /** @example 512 */
            dimensions: number;
            usage: components["schemas"]["EmbeddingsUsageDto"];
        };
        OpenAiTextPartDto: {
            /** @enum {string} */
            type: "text";
            /** @example What is in this image? */
            text: string;
        };
        OpenAiImageUrlDto: {
            /**
             * @description A base64 data: URL (png, jpeg, gif, webp; at most 3,750,000 bytes). Remote URLs are refused (400), never fetched.
             * @example data:image/png;base64,iVBORw0KGgo...
             */
            url: string;
            /**
             * @description Accepted and ignored
             * @enum {string}
             */
            detail?: "auto" | "low" | "high";
        };
        OpenAiImagePartDto: {
            /** @enum {string} */
            type: "image_url";
            image_url: components["schemas"]["OpenAiImageUrlDto"];
        };
        OpenAiNamedToolChoiceDto: {
            /** @enum {string} */
            type: "function";
            /**
             * @example {
             *       "name": "get_weather"
             *     }
             */
            function: Record<string, never>;
        };
        OpenAiFunctionCallDto: {
            /** @example get_weather */
            name: string;
            /**
             * @description The arguments as a JSON object in a string
             * @example {"city":"Paris"}
             */
            arguments: string;
        };
        OpenAiToolCallDto: {
            /** @example call_mock_1_get_weather */
            id: string;
            /** @enum {string} */
            type: "function";
            function: components["schemas"]["OpenAiFunctionCallDto"];
        };
        ChatCompletionMessageDto: {
            /** @enum {string} */
            role: "assistant";
            /** @example Paris is sunny today. */
            content: string | null;
            /** @example null */
            refusal: string | null;
            tool_calls?: components["schemas"]["OpenAiToolCallDto"][];
        };
        ChatCompletionChoiceDto: {
            /** @example 0 */
            index: number;
            message: components["schemas"]["ChatCompletionMessageDto"];
            /** @example null */
            logprobs: Record<string, never> | null;
            /**
             * @example stop
             * @enum {string}
             */
            finish_reason: "stop" | "length" | "tool_calls" | "content_filter";
        };
        OpenAiUsageDto: {
            /** @example 12 */
            prompt_tokens: number;
            /** @example 34 */
            completion_tokens: number;
            /** @example 46 */
            total_tokens: number;
        };
        ChatCompletionDto: {
            /** @example chatcmpl-0b9c7d0e6c1f4a539d573f0f8f3c2a10 */
            id: string;
            /** @enum {string} */
            object: "chat.completion";
            /**
             * @description Unix seconds
             * @example 1764859200
             */
            created: number;
            /** @example anthropic.claude-3-haiku-20240307-v1:0 */
            model: string;
            choices: components["schemas"]["ChatCompletionChoiceDto"][];
            usage: components["schemas"]["OpenAiUsageDto"];
            /** @example null */
            system_fingerprint: string | null;
        };
        OpenAiMessageDto: {
            /**
             * @example user
             * @enum {string}
             */
            role: "system" | "developer" | "user" | "assistant" | "tool";
            /**
             * @description A string or parts: text for every role, image_url (data: URLs) for user messages; null for an assistant message with tool_calls
             * @example What is the weather in Paris?
             */
            content?: (string | (components["schemas"]["OpenAiTextPartDto"] | components["schemas"]["OpenAiImagePartDto"])[]) | null;
            /** @description Accepted and ignored */
            name?: string;
            /** @description assistant: the calls it made */
            tool_calls?: components["schemas"]["OpenAiToolCallDto"][];
            /** @description tool: the id of the call this message answers */
            tool_call_id?: string;
        };
        OpenAiStreamOptionsDto: {
            /** @description A last chunk with `usage` and no choices */
            include_usage?: boolean;
        };
        OpenAiFunctionDto: {
            /** @example get_weather */
            name: string;
            /** @example The current weather in a city */
            description?: string;
            /**
             * @description JSON Schema of the arguments
             * @example {
             *       "type": "object",
             *       "properties": {
             *         "city": {
             *           "type": "string"
             *         }
             *       },
             *       "required": [
             *         "city"
             *       ]
             *     }
             */
            parameters?: {
                [key: string]: unknown;
            };
            /** @description Accepted and ignored */
            strict?: boolean | null;
        };
        OpenAiToolDto: {
            /** @enum {string} */
            type: "function";
            function: components["schemas"]["OpenAiFunctionDto"];
        };
        ChatCompletionRequestDto: {
            /**
             * @description One of GET /v1/models
             * @example anthropic.claude-3-haiku-20240307-v1:0
             */
            model: string;
            messages: components["schemas"]["OpenAiMessageDto"][];
            /** @example 256 */
            max_tokens?: number | null;
            /** @description Wins over max_tokens */
            max_completion_tokens?: number | null;
            /** @example 0.2 */
            temperature?: number | null;
            top_p?: number | null;
            stop?: (string | string[]) | null;
            /**
             * @description Only 1 choice
             * @enum {number|null}
             */
            n?: 1 | null;
            /** @description Your end user (logged as endUser) */
            user?: string;
            /** @description Server-Sent Events of chat.completion.chunk, ended by `data: [DONE]` */
            stream?: boolean | null;
            stream_options?: components["schemas"]["OpenAiStreamOptionsDto"] | null;
            tools?: components["schemas"]["OpenAiToolDto"][];
            tool_choice?: ("auto" | "none" | "required") | components["schemas"]["OpenAiNamedToolChoiceDto"];
            /** @description Accepted; calls are made one at a time or together as the model decides */
            parallel_tool_calls?: boolean;
            /** @description Accepted and ignored */
            frequency_penalty?: number | null;
            /** @description Accepted and ignored */
            presence_penalty?: number | null;
            /** @description Accepted and ignored */
            seed?: number | null;
            /**
             * @description Log probabilities are not available
             * @enum {boolean|null}
             */
            logprobs?: false | null;
        };
        OpenAiErrorDetailDto: {
            /** @example The request is not valid: messages[1].role must be one of system, developer, user, assistant, tool */
            message: string;
            /** @enum {string} */
            type: "invalid_request_error" | "authentication_error" | "permission_error" | "rate_limit_error" | "server_error";
            /** @example messages[1].role */
            param: string | null;
            /** @example validation_failed */
            code: string | null;
        };
        OpenAiErrorDto: {
            error: components["schemas"]["OpenAiErrorDetailDto"];
        };
        OpenAiEmbeddingsRequestDto: {
            /**
             * @description A text or up to 256 texts (token arrays are not accepted)
             * @example [
             *       "first document",
             *       "second document"
             *     ]
             */
            input: string | string[];
            /**
             * @description One of GET /v1/models
             * @example amazon.titan-embed-text-v2:0
             */
            model: string;
            /**
             * @default float
             * @enum {string}
             */
            encoding_format: "float" | "base64";
            /**
             * @description Titan v2: 256, 512 or 1024
             * @example 512
             */
            dimensions?: number;
            /** @description Your end user (logged as endUser) */
            user?: string;
        };
        OpenAiEmbeddingDto: {
            /** @enum {string} */
            object: "embedding";
            /** @example 0 */
            index: number;
            /**
             * @example [
             *       0.0123,
             *       -0.0456
             *     ]
             */
            embedding: number[] | string;
        };
        OpenAiEmbeddingUsageDto: {
            /** @example 6 */
            prompt_tokens: number;
            /** @example 6 */
            total_tokens: number;
        };
        OpenAiEmbeddingListDto: {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["OpenAiEmbeddingDto"][];
            /** @example amazon.titan-embed-text-v2:0 */
            model: string;
            usage: components["schemas"]["OpenAiEmbeddingUsageDto"];
        };
        OpenAiModelDto: {
            /** @example anthropic.claude-3-haiku-20240307-v1:0 */
            id: string;
            /** @enum {string} */
            object: "model";
            /**
             * @description Unix seconds (unknown: 0)
             * @example 0
             */
            created: number;
            /**
             * @description The provider serving it
             * @example bedrock
             */
            owned_by: string;
        };
        OpenAiModelListDto: {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["OpenAiModelDto"][];
        };
        CreateApiKeyDto: {
            /**
             * @description The user the key authenticates as
             * @example alice
             */
            ownerId: string;
            /**
             * @description What the key is for
             * @example CI pipeline
             */
            name: string;
            /**
             * @description The key's own request limit per minute over all routes; absent or null: its owner's limits
             * @example 60
             */
            requestsPerMinute?: number | null;
            /**
             * @description The key's own daily token budget (UTC days) on the routes that call the model; absent or null: none beyond its owner's
             * @example 100000
             */
            dailyTokenLimit?: number | null;
        };
        CreatedApiKeyDto: {
            /**
             * Format: uuid
             * @example 0193a1f2-7c4e-7b3a-9f00-5b2d3c4e5f60
             */
            id: string;
            /**
             * @description First characters of the key, to recognise it
             * @example sk-cb-Xk3p9Q
             */
            prefix: string;
            /** @example CI pipeline */
            name: string;
            /** @example alice */
            ownerId: string;
            /** @example 60 */
            requestsPerMinute: number | null;
            /** @example 100000 */
            dailyTokenLimit: number | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            lastUsedAt: string | null;
            /** Format: date-time */
            revokedAt: string | null;
            /**
             * @description The key: shown this once, stored only as a hash
             * @example sk-cb-Xk3p9Q0vZ7mW2yR5tB8nL4aC6dF1gH3jK5lP7qS9uV0
             */
            key: string;
        };
        ApiKeyDto: {
            /**
             * Format: uuid
             * @example 0193a1f2-7c4e-7b3a-9f00-5b2d3c4e5f60
             */
            id: string;
            /**
             * @description First characters of the key, to recognise it
             * @example sk-cb-Xk3p9Q
             */
            prefix: string;
            /** @example CI pipeline */
            name: string;
            /** @example alice */
            ownerId: string;
            /** @example 60 */
            requestsPerMinute: number | null;
            /** @example 100000 */
            dailyTokenLimit: number | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            lastUsedAt: string | null;
            /** Format: date-time */
            revokedAt: string | null;
        };
        ApiKeyListDto: {
            items: components["schemas"]["ApiKeyDto"][];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type ErrorBodyDto = components['schemas']['ErrorBodyDto'];
export type ErrorEnvelopeDto = components['schemas']['ErrorEnvelopeDto'];
export type UserLimitsDto = components['schemas']['UserLimitsDto'];
export type UserDto = components['schemas']['UserDto'];
export type UserPageDto = components['schemas']['UserPageDto'];
export type CreateConversationDto = components['schemas']['CreateConversationDto'];
export type ConversationDto = components['schemas']['ConversationDto'];
export type ConversationPageDto = components['schemas']['ConversationPageDto'];
export type UsageDto = components['schemas']['UsageDto'];
export type MessageErrorDto = components['schemas']['MessageErrorDto'];
export type MessageDto = components['schemas']['MessageDto'];
export type ConversationSummaryDto = components['schemas']['ConversationSummaryDto'];
export type ConversationWithMessagesDto = components['schemas']['ConversationWithMessagesDto'];
export type UpdateConversationDto = components['schemas']['UpdateConversationDto'];
export type ConversationExportDto = components['schemas']['ConversationExportDto'];
export type TurnDto = components['schemas']['TurnDto'];
export type MessageStartEventDto = components['schemas']['MessageStartEventDto'];
export type DeltaEventDto = components['schemas']['DeltaEventDto'];
export type MessageEndEventDto = components['schemas']['MessageEndEventDto'];
export type StreamErrorEventDto = components['schemas']['StreamErrorEventDto'];
export type StreamEventName = components['schemas']['StreamEventName'];
export type StreamEventDto = components['schemas']['StreamEventDto'];
export type SendMessageDto = components['schemas']['SendMessageDto'];
export type RegenerateDto = components['schemas']['RegenerateDto'];
export type EditQuestionDto = components['schemas']['EditQuestionDto'];
export type SeedChatRequestDto = components['schemas']['SeedChatRequestDto'];
export type SeedChatMetadataDto = components['schemas']['SeedChatMetadataDto'];
export type SeedChatResponseDto = components['schemas']['SeedChatResponseDto'];
export type SeedTurnDto = components['schemas']['SeedTurnDto'];
export type SeedHistoryDto = components['schemas']['SeedHistoryDto'];
export type ModelsDto = components['schemas']['ModelsDto'];
export type UsageTotalsDto = components['schemas']['UsageTotalsDto'];
export type UsageRowDto = components['schemas']['UsageRowDto'];
export type UsageReportDto = components['schemas']['UsageReportDto'];
export type CreateShareDto = components['schemas']['CreateShareDto'];
export type ShareDto = components['schemas']['ShareDto'];
export type SharedMessageDto = components['schemas']['SharedMessageDto'];
export type SharedConversationDto = components['schemas']['SharedConversationDto'];
export type MonthUsageDto = components['schemas']['MonthUsageDto'];
export type MeDto = components['schemas']['MeDto'];
export type ProxyUsageDto = components['schemas']['ProxyUsageDto'];
export type ProxyChatResponseDto = components['schemas']['ProxyChatResponseDto'];
export type ProxyEmbedResponseDto = components['schemas']['ProxyEmbedResponseDto'];
export type ProxyChatRequestDto = components['schemas']['ProxyChatRequestDto'];
export type EmbeddingsRequestDto = components['schemas']['EmbeddingsRequestDto'];
export type EmbeddingDataDto = components['schemas']['EmbeddingDataDto'];
export type EmbeddingsUsageDto = components['schemas']['EmbeddingsUsageDto'];
export type EmbeddingsResponseDto = components['schemas']['EmbeddingsResponseDto'];
export type OpenAiTextPartDto = components['schemas']['OpenAiTextPartDto'];
export type OpenAiImageUrlDto = components['schemas']['OpenAiImageUrlDto'];
export type OpenAiImagePartDto = components['schemas']['OpenAiImagePartDto'];
export type OpenAiNamedToolChoiceDto = components['schemas']['OpenAiNamedToolChoiceDto'];
export type OpenAiFunctionCallDto = components['schemas']['OpenAiFunctionCallDto'];
export type OpenAiToolCallDto = components['schemas']['OpenAiToolCallDto'];
export type ChatCompletionMessageDto = components['schemas']['ChatCompletionMessageDto'];
export type ChatCompletionChoiceDto = components['schemas']['ChatCompletionChoiceDto'];
export type OpenAiUsageDto = components['schemas']['OpenAiUsageDto'];
export type ChatCompletionDto = components['schemas']['ChatCompletionDto'];
export type OpenAiMessageDto = components['schemas']['OpenAiMessageDto'];
export type OpenAiStreamOptionsDto = components['schemas']['OpenAiStreamOptionsDto'];
export type OpenAiFunctionDto = components['schemas']['OpenAiFunctionDto'];
export type OpenAiToolDto = components['schemas']['OpenAiToolDto'];
export type ChatCompletionRequestDto = components['schemas']['ChatCompletionRequestDto'];
export type OpenAiErrorDetailDto = components['schemas']['OpenAiErrorDetailDto'];
export type OpenAiErrorDto = components['schemas']['OpenAiErrorDto'];
export type OpenAiEmbeddingsRequestDto = components['schemas']['OpenAiEmbeddingsRequestDto'];
export type OpenAiEmbeddingDto = components['schemas']['OpenAiEmbeddingDto'];
export type OpenAiEmbeddingUsageDto = components['schemas']['OpenAiEmbeddingUsageDto'];
export type OpenAiEmbeddingListDto = components['schemas']['OpenAiEmbeddingListDto'];
export type OpenAiModelDto = components['schemas']['OpenAiModelDto'];
export type OpenAiModelListDto = components['schemas']['OpenAiModelListDto'];
export type CreateApiKeyDto = components['schemas']['CreateApiKeyDto'];
export type CreatedApiKeyDto = components['schemas']['CreatedApiKeyDto'];
export type ApiKeyDto = components['schemas']['ApiKeyDto'];
export type ApiKeyListDto = components['schemas']['ApiKeyListDto'];
export type $defs = Record<string, never>;
export interface operations {
    HealthController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                        info?: {
                            [key: string]: {
                                /** @enum {string} */
                                status: "up" | "down";
                            } & {
                                [key: string]: unknown;
                            };
                        };
                        error?: {
                            [key: string]: {
                                /** @enum {string} */
                                status: "up" | "down";
                            } & {
                                [key: string]: unknown;
                            };
                        };
                        details?: {
                            [key: string]: {
                                /** @enum {string} */
                                status: "up" | "down";
                            } & {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The database does not answer, or the service is shutting down (error envelope, details hold each check). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    AdminUsersController_list: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPageDto"];
                };
            };
            /** @description Validation failed (details list each field), malformed JSON, or a bad model id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The caller is authenticated but not an administrator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A dependency is unavailable (database_unavailable: retry shortly) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    ConversationsController_list: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                /** @description nextCursor of the previous page (keyset paging; offset is then ignored) */
                cursor?: string;
                /** @description Case-insensitive search in titles */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationPageDto"];
                };
            };
            /** @description Validation failed (details list each field), malformed JSON, or a bad model id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description An invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A dependency is unavailable (database_unavailable: retry shortly) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    ConversationsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateConversationDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationDto"];
                };
            };
            /**
             * @description Validation failed (details list each field), malformed JSON, or a bad model id
             *
             *     Validation failed (details name each field): a NUL or lone surrogate in stored text, a null where a value is required, malformed JSON, a bad model id
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description An invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Conflict: the id exists, a concurrent change, or the turn is still streaming */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Body or message too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A dependency is unavailable (database_unavailable: retry shortly) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    ConversationsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationWithMessagesDto"];
                };
            };
            /** @description Validation failed, or an X-User-Id that does not match the pattern */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description An invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Not found, or owned by someone else */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A path segment is longer than 1024 characters */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A dependency is unavailable (database_unavailable: retry shortly) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    ConversationsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation failed, or an X-User-Id that does not match the pattern */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description An invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Not found, or owned by someone else */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A path segment is longer than 1024 characters */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A dependency is unavailable (database_unavailable: retry shortly) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    ConversationsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateConversationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationDto"];
                };
            };
            /**
             * @description Validation failed (details list each field), malformed JSON, or a bad model id
             *
             *     Validation failed (details name each field): a NUL or lone surrogate in stored text, a null where a value is required, malformed JSON, a bad model id
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description An invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Not found, or owned by someone else */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Conflict: the id exists, a concurrent change, or the turn is still streaming */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Body or message too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A path segment is longer than 1024 characters */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A dependency is unavailable (database_unavailable: retry shortly) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    ConversationsController_export: {
        parameters: {
            query?: {
                format?: "json" | "markdown" | "pdf";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The conversation as an attachment (Content-Disposition: attachment) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationExportDto"];
                    "text/markdown": string;
                    "application/pdf": string;
                };
            };
            /** @description Validation failed (details list each field), malformed JSON, or a bad model id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description An invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Not found, or owned by someone else */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A path segment is longer than 1024 characters */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A dependency is unavailable (database_unavailable: retry shortly) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    ConversationsController_messages: {
        parameters: {
            query?: {
                /** @description true: every branch (edits, regenerations); default: the active branch */
                all?: boolean;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageDto"][];
                };
            };
            /** @description Validation failed (details list each field), malformed JSON, or a bad model id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description An invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Not found, or owned by someone else */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A path segment is longer than 1024 characters */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A dependency is unavailable (database_unavailable: retry shortly) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    MessagesController_send: {
        parameters: {
            query?: {
                /** @description true: Server-Sent Events (same as Accept: text/event-stream) */
                stream?: "true" | "false" | "1" | "0";
            };
            header?: {
                /** @description Same as clientMessageId when the body has none */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SendMessageDto"];
            };
        };
        responses: {
            /** @description SSE (`Accept: text/event-stream` or `?stream=true`): message.start, delta..., then message.end or error. JSON: a replayed turn (`replayed: true`). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TurnDto"];
                    /**
                     * @example id: 0
                     *     event: message.start
                     *     data: {"conversationId":"test-chat-123","assistantMessageId":"0196...","turnId":"0196...","model":"anthropic.claude-3-haiku-20240307-v1:0","userMessage":{}}
                     *
                     *     id: 1
                     *     event: delta
                     *     data: {"text":"SQL injection "}
                     *
                     *     id: 7
                     *     event: message.end
                     *     data: {"message":{"status":"complete"},"usage":{"inputTokens":12,"outputTokens":48},"stopReason":"end"}
                     */
                    "text/event-stream": string;
                };
            };
            /** @description A new turn, answered whole (JSON) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TurnDto"];
                };
            };
            /**
             * @description Validation failed (details list each field), malformed JSON, or a bad model id
             *
             *     Validation failed (details name each field): a NUL or lone surrogate in stored text, a null where a value is required, malformed JSON, a bad model id
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description An invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Not found, or owned by someone else */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Conflict: the id exists, a concurrent change, or the turn is still streaming */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Body or message too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A path segment is longer than 1024 characters */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The model provider failed or rejected our credentials */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The model provider or the database is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The model provider timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    MessagesController_regenerate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                messageId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RegenerateDto"];
            };
        };
        responses: {
            /** @description SSE (`Accept: text/event-stream` or `?stream=true`): message.start, delta..., then message.end or error. JSON: a replayed turn (`replayed: true`). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TurnDto"];
                    /**
                     * @example id: 0
                     *     event: message.start
                     *     data: {"conversationId":"test-chat-123","assistantMessageId":"0196...","turnId":"0196...","model":"anthropic.claude-3-haiku-20240307-v1:0","userMessage":{}}
                     *
                     *     id: 1
                     *     event: delta
                     *     data: {"text":"SQL injection "}
                     *
                     *     id: 7
                     *     event: message.end
                     *     data: {"message":{"status":"complete"},"usage":{"inputTokens":12,"outputTokens":48},"stopReason":"end"}
                     */
                    "text/event-stream": string;
                };
            };
            /** @description A new turn, answered whole (JSON) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TurnDto"];
                };
            };
            /** @description Validation failed (details list each field), malformed JSON, or a bad model id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description An invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Not found, or owned by someone else */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Conflict: the id exists, a concurrent change, or the turn is still streaming */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Body or message too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A path segment is longer than 1024 characters */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The model provider failed or rejected our credentials */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The model provider or the database is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The model provider timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    MessagesController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                messageId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation failed (details list each field), malformed JSON, or a bad model id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description An invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Not found, or owned by someone else */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Conflict: the id exists, a concurrent change, or the turn is still streaming */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A path segment is longer than 1024 characters */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A dependency is unavailable (database_unavailable: retry shortly) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    MessagesController_edit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                messageId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EditQuestionDto"];
            };
        };
        responses: {
            /** @description SSE (`Accept: text/event-stream` or `?stream=true`): message.start, delta..., then message.end or error. JSON: a replayed turn (`replayed: true`). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TurnDto"];
                    /**
                     * @example id: 0
                     *     event: message.start
                     *     data: {"conversationId":"test-chat-123","assistantMessageId":"0196...","turnId":"0196...","model":"anthropic.claude-3-haiku-20240307-v1:0","userMessage":{}}
                     *
                     *     id: 1
                     *     event: delta
                     *     data: {"text":"SQL injection "}
                     *
                     *     id: 7
                     *     event: message.end
                     *     data: {"message":{"status":"complete"},"usage":{"inputTokens":12,"outputTokens":48},"stopReason":"end"}
                     */
                    "text/event-stream": string;
                };
            };
            /** @description A new turn, answered whole (JSON) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TurnDto"];
                };
            };
            /**
             * @description Validation failed (details list each field), malformed JSON, or a bad model id
             *
             *     Validation failed (details name each field): a NUL or lone surrogate in stored text, a null where a value is required, malformed JSON, a bad model id
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description An invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Not found, or owned by someone else */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Conflict: the id exists, a concurrent change, or the turn is still streaming */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Body or message too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A path segment is longer than 1024 characters */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The model provider failed or rejected our credentials */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The model provider or the database is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The model provider timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    MessagesController_activate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                messageId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationWithMessagesDto"];
                };
            };
            /** @description Validation failed (details list each field), malformed JSON, or a bad model id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description An invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Not found, or owned by someone else */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Conflict: the id exists, a concurrent change, or the turn is still streaming */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A path segment is longer than 1024 characters */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A dependency is unavailable (database_unavailable: retry shortly) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    MessagesController_stop: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                messageId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageDto"];
                };
            };
            /** @description Validation failed (details list each field), malformed JSON, or a bad model id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description An invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Not found, or owned by someone else */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Conflict: the id exists, a concurrent change, or the turn is still streaming */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A path segment is longer than 1024 characters */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The model provider or the database is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    MessagesController_reattach: {
        parameters: {
            query?: {
                /** @description Same as Last-Event-ID */
                lastEventId?: number;
            };
            header?: {
                /** @description The id of the last event you received; absent or empty: from the start (message.start) */
                "Last-Event-ID"?: string;
            };
            path: {
                id: string;
                messageId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The events after Last-Event-ID, ending with message.end or error */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example id: 0
                     *     event: message.start
                     *     data: {"conversationId":"test-chat-123","assistantMessageId":"0196...","turnId":"0196...","model":"anthropic.claude-3-haiku-20240307-v1:0","userMessage":{}}
                     *
                     *     id: 1
                     *     event: delta
                     *     data: {"text":"SQL injection "}
                     *
                     *     id: 7
                     *     event: message.end
                     *     data: {"message":{"status":"complete"},"usage":{"inputTokens":12,"outputTokens":48},"stopReason":"end"}
                     */
                    "text/event-stream": string;
                };
            };
            /** @description The answer is finished and Last-Event-ID is its last event (or later): nothing left to send. Stop reconnecting. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation failed (details list each field), malformed JSON, or a bad model id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description An invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Not found, or owned by someone else */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Conflict: the id exists, a concurrent change, or the turn is still streaming */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A path segment is longer than 1024 characters */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A dependency is unavailable (database_unavailable: retry shortly) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    ChatsController_chat: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SeedChatRequestDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SeedChatResponseDto"];
                };
            };
            /**
             * @description Validation failed (details list each field), malformed JSON, or a bad model id
             *
             *     Validation failed (details name each field): a NUL or lone surrogate in stored text, a null where a value is required, malformed JSON, a bad model id
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description An invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Not found, or owned by someone else */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Conflict: the id exists, a concurrent change, or the turn is still streaming */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Body or message too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The model provider failed or rejected our credentials */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The model provider or the database is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The model provider timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    ChatsController_recent: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                chat_id?: string;
                /** @description One turn, by its message_uid (or user message id) */
                message_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SeedHistoryDto"];
                };
            };
            /** @description Validation failed (details list each field), malformed JSON, or a bad model id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description An invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A dependency is unavailable (database_unavailable: retry shortly) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    ChatsController_mine: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                chat_id?: string;
                /** @description One turn, by its message_uid (or user message id) */
                message_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SeedHistoryDto"];
                };
            };
            /** @description Validation failed (details list each field), malformed JSON, or a bad model id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description An invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A dependency is unavailable (database_unavailable: retry shortly) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    ModelsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelsDto"];
                };
            };
            /** @description Validation failed, or an X-User-Id that does not match the pattern */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description An invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A dependency is unavailable (database_unavailable: retry shortly) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    UsageController_report: {
        parameters: {
            query?: {
                /** @description Start (inclusive), ISO date or time; default 30 days before `to` */
                from?: string;
                /** @description End (exclusive); default now */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageReportDto"];
                };
            };
            /** @description Validation failed (details list each field), malformed JSON, or a bad model id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description An invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A dependency is unavailable (database_unavailable: retry shortly) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    SummariesController_summarize: {
        parameters: {
            query?: never;
            header?: {
                /** @description Caller id when AUTH_MODE=none (default: anonymous) */
                "X-User-Id"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Nothing new to summarize: the summary that covers the whole branch */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationSummaryDto"];
                };
            };
            /** @description A new summary */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationSummaryDto"];
                };
            };
            /** @description Validation failed, or an X-User-Id that does not match the pattern */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description An invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Not found, or owned by someone else */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Conflict: the id exists, a concurrent change, or the turn is still streaming */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A path segment is longer than 1024 characters */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The model provider failed or rejected our credentials */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The model provider or the database is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The model provider timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    ConversationSharesController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShareDto"][];
                };
            };
            /** @description Validation failed, or an X-User-Id that does not match the pattern */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description An invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Not found, or owned by someone else */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A path segment is longer than 1024 characters */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A dependency is unavailable (database_unavailable: retry shortly) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    ConversationSharesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CreateShareDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShareDto"];
                };
            };
            /** @description Validation failed (details list each field), malformed JSON, or a bad model id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description An invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Not found, or owned by someone else */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Body or message too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A path segment is longer than 1024 characters */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A dependency is unavailable (database_unavailable: retry shortly) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    ConversationSharesController_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                /** @description The share token (43 base64url characters) */
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation failed, or an X-User-Id that does not match the pattern */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description An invalid API key */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Not found, or owned by someone else */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A path segment is longer than 1024 characters */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A dependency is unavailable (database_unavailable: retry shortly) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    PublicSharesController_read: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The share token (43 base64url characters) */
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SharedConversationDto"];
                };
            };
            /** @description Not found, or owned by someone else */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A path segment is longer than 1024 characters */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    MeController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeDto"];
                };
            };
            /** @description Validation failed, or an X-User-Id that does not match the pattern */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A dependency is unavailable (database_unavailable: retry shortly) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    "ProxyController_chat[0]": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProxyChatRequestDto"];
            };
        };
        responses: {
            /** @description The answer (JSON), the NDJSON stream, or the embedding */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProxyChatResponseDto"] | components["schemas"]["ProxyEmbedResponseDto"];
                    /**
                     * @example {"text":"机器学习","is_final":false}
                     *     {"text":"是……","is_final":false}
                     *     {"text":"","is_final":true,"usage":{"input_tokens":18,"output_tokens":212},"stop_reason":"end_turn","model":"anthropic.claude-3-haiku-20240307-v1:0"}
                     */
                    "application/x-ndjson": string;
                };
            };
            /** @description Validation failed (details list each field), malformed JSON, or a bad model id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Body or message too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The model provider failed or rejected our credentials */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The model provider or the database is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The model provider timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    "ProxyController_chat[1]": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProxyChatRequestDto"];
            };
        };
        responses: {
            /** @description The answer (JSON), the NDJSON stream, or the embedding */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProxyChatResponseDto"] | components["schemas"]["ProxyEmbedResponseDto"];
                    /**
                     * @example {"text":"机器学习","is_final":false}
                     *     {"text":"是……","is_final":false}
                     *     {"text":"","is_final":true,"usage":{"input_tokens":18,"output_tokens":212},"stop_reason":"end_turn","model":"anthropic.claude-3-haiku-20240307-v1:0"}
                     */
                    "application/x-ndjson": string;
                };
            };
            /** @description Validation failed (details list each field), malformed JSON, or a bad model id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Body or message too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The model provider failed or rejected our credentials */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The model provider or the database is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The model provider timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    EmbeddingsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmbeddingsRequestDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmbeddingsResponseDto"];
                };
            };
            /** @description Validation failed (details list each field), malformed JSON, or a bad model id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Body or message too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The model provider failed or rejected our credentials */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The model provider or the database is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The model provider timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    OpenAiController_completions: {
        parameters: {
            query?: never;
            header?: {
                /** @description Caller id when AUTH_MODE=none (default: anonymous) */
                "X-User-Id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatCompletionRequestDto"];
            };
        };
        responses: {
            /** @description The completion (JSON), or its chunks (text/event-stream) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatCompletionDto"];
                    /**
                     * @example data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1764859200,"model":"anthropic.claude-3-haiku-20240307-v1:0","system_fingerprint":null,"choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}],"usage":null}
                     *
                     *     data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1764859200,"model":"anthropic.claude-3-haiku-20240307-v1:0","system_fingerprint":null,"choices":[{"index":0,"delta":{"content":"Logs "},"logprobs":null,"finish_reason":null}],"usage":null}
                     *
                     *     data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1764859200,"model":"anthropic.claude-3-haiku-20240307-v1:0","system_fingerprint":null,"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}
                     *
                     *     data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1764859200,"model":"anthropic.claude-3-haiku-20240307-v1:0","system_fingerprint":null,"choices":[],"usage":{"prompt_tokens":9,"completion_tokens":17,"total_tokens":26}}
                     *
                     *     data: [DONE]
                     */
                    "text/event-stream": string;
                };
            };
            /** @description invalid_request_error: the request is not valid (param names the field), malformed or too deeply nested JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAiErrorDto"];
                };
            };
            /** @description authentication_error: missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAiErrorDto"];
                };
            };
            /** @description invalid_request_error, code model_not_found: the model is not served here */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAiErrorDto"];
                };
            };
            /** @description invalid_request_error: the body is larger than BODY_LIMIT */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAiErrorDto"];
                };
            };
            /** @description invalid_request_error: the body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAiErrorDto"];
                };
            };
            /** @description rate_limit_error: rate limit, token budget or provider throttling; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAiErrorDto"];
                };
            };
            /** @description server_error: the model provider failed or refused our credentials */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAiErrorDto"];
                };
            };
            /** @description server_error: the model provider is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAiErrorDto"];
                };
            };
            /** @description server_error: the model provider timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAiErrorDto"];
                };
            };
        };
    };
    OpenAiController_createEmbeddings: {
        parameters: {
            query?: never;
            header?: {
                /** @description Caller id when AUTH_MODE=none (default: anonymous) */
                "X-User-Id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OpenAiEmbeddingsRequestDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAiEmbeddingListDto"];
                };
            };
            /** @description invalid_request_error: the request is not valid (param names the field), malformed or too deeply nested JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAiErrorDto"];
                };
            };
            /** @description authentication_error: missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAiErrorDto"];
                };
            };
            /** @description invalid_request_error, code model_not_found: the model is not served here */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAiErrorDto"];
                };
            };
            /** @description invalid_request_error: the body is larger than BODY_LIMIT */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAiErrorDto"];
                };
            };
            /** @description invalid_request_error: the body is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAiErrorDto"];
                };
            };
            /** @description rate_limit_error: rate limit, token budget or provider throttling; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAiErrorDto"];
                };
            };
            /** @description server_error: the model provider failed or refused our credentials */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAiErrorDto"];
                };
            };
            /** @description server_error: the model provider is unavailable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAiErrorDto"];
                };
            };
            /** @description server_error: the model provider timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAiErrorDto"];
                };
            };
        };
    };
    OpenAiController_listModels: {
        parameters: {
            query?: never;
            header?: {
                /** @description Caller id when AUTH_MODE=none (default: anonymous) */
                "X-User-Id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAiModelListDto"];
                };
            };
            /** @description Validation failed, or an X-User-Id that does not match the pattern */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description authentication_error: missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAiErrorDto"];
                };
            };
            /** @description rate_limit_error: rate limit, token budget or provider throttling; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAiErrorDto"];
                };
            };
            /** @description A dependency is unavailable (database_unavailable: retry shortly) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    OpenAiController_getModel: {
        parameters: {
            query?: never;
            header?: {
                /** @description Caller id when AUTH_MODE=none (default: anonymous) */
                "X-User-Id"?: string;
            };
            path: {
                model: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAiModelDto"];
                };
            };
            /** @description Validation failed, or an X-User-Id that does not match the pattern */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description authentication_error: missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAiErrorDto"];
                };
            };
            /** @description invalid_request_error, code model_not_found: the model is not served here */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAiErrorDto"];
                };
            };
            /** @description A path segment is longer than 1024 characters */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description rate_limit_error: rate limit, token budget or provider throttling; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenAiErrorDto"];
                };
            };
            /** @description A dependency is unavailable (database_unavailable: retry shortly) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    ApiKeysController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyListDto"];
                };
            };
            /** @description Validation failed, or an X-User-Id that does not match the pattern */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The caller is authenticated but not an administrator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A dependency is unavailable (database_unavailable: retry shortly) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    ApiKeysController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKeyDto"];
                };
            };
            /** @description Validation failed (details list each field), malformed JSON, or a bad model id */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The caller is authenticated but not an administrator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Body or message too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Unsupported media type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A dependency is unavailable (database_unavailable: retry shortly) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
    ApiKeysController_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked (also when it already was) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation failed, or an X-User-Id that does not match the pattern */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description The caller is authenticated but not an administrator */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Not found, or owned by someone else */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A path segment is longer than 1024 characters */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description Rate limited (`rate_limited`), a budget used up (`token_budget_exceeded` per UTC day, `cost_budget_exceeded` per UTC month, checked before the model is called) or provider throttled; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
            /** @description A dependency is unavailable (database_unavailable: retry shortly) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelopeDto"];
                };
            };
        };
    };
}
