import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ChatApi, type ExportFormat, type TurnSource } from '../api/chat-api';
import { ApiError, describeError } from '../api/errors';
import type { Conversation, Message, Models, Share, TurnEvent, UsageReport } from '../api/types';
import {
  childrenByParent,
  choicesFor,
  chooseSibling,
  parentKey,
  siblingPosition,
  visiblePath,
  type BranchChoices,
} from '../lib/branches';
import { conversationIdFromLocation, showConversationInLocation } from '../lib/route';
import { forgetAnswer, recallAnswer, rememberAnswer } from '../lib/stream-memory';
import { Composer } from './Composer';
import { MessageItem } from './MessageItem';
import { Sidebar } from './Sidebar';

interface ChatAppProps {
  api: ChatApi;
  who: string;
  onSignOut: () => void;
  /** A 401: the credentials are refused; back to the sign-in form with this text. */
  onUnauthorized: (problem: string) => void;
}

type TurnResult = 'refused' | 'done';

export function ChatApp({ api, who, onSignOut, onUnauthorized }: ChatAppProps) {
  const [conversations, setConversations] = useState<Conversation[]>([]);
  const [search, setSearch] = useState('');
  const [conversation, setConversation] = useState<Conversation | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [choices, setChoices] = useState<BranchChoices>({});
  const [live, setLive] = useState<Record<string, string>>({});
  const [streamingId, setStreamingId] = useState<string | null>(null);
  const [pendingQuestion, setPendingQuestion] = useState<string | null>(null);
  const [models, setModels] = useState<Models | null>(null);
  const [model, setModel] = useState('');
  const [usage, setUsage] = useState<UsageReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [share, setShare] = useState<Share | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [sidebarOpen, setSidebarOpen] = useState(false);
  /** Aborts the reading of the open conversation's streams when another one opens. */
  const readers = useRef<AbortController>(new AbortController());
  const searchRef = useRef(search);
  searchRef.current = search;
  const currentId = conversation?.id ?? null;
  // A share link belongs to the conversation it was made for.
  useEffect(() => setShare(null), [currentId]);

  const report = useCallback(
    (problem: unknown) => {
      if (problem instanceof DOMException && problem.name === 'AbortError') return;
      if (problem instanceof ApiError && problem.status === 401) {
        onUnauthorized(describeError(problem));
        return;
      }
      setError(describeError(problem));
    },
    [onUnauthorized],
  );

  const refreshList = useCallback(async () => {
    try {
      setConversations((await api.listConversations(searchRef.current)).items);
    } catch (problem) {
      report(problem);
    }
  }, [api, report]);

  const refreshUsage = useCallback(async () => {
    try {
      setUsage(await api.usageToday());
    } catch (problem) {
      report(problem);
    }
  }, [api, report]);

  /** The conversation and every branch's messages again (after a turn): the shown branch stays. */
  const reloadMessages = useCallback(
    async (id: string, signal: AbortSignal) => {
      const [withActive, all] = await Promise.all([api.getConversation(id), api.allMessages(id)]);
      if (signal.aborted) return;
      setConversation(withActive);
      setMessages(all);
    },
    [api],
  );

  /** Reads a turn's events into the page; resolves when the answer has ended (or was refused). */
  const runTurn = useCallback(
    async (conversationId: string, source: TurnSource): Promise<TurnResult> => {
      const { signal } = readers.current;
      let answerId = source.kind === 'attach' ? source.messageId : undefined;
      let text = source.kind === 'attach' ? (recallAnswer(source.messageId)?.text ?? '') : '';
      const show = (id: string, value: string) => setLive((all) => ({ ...all, [id]: value }));
      if (answerId) {
        show(answerId, text);
        setStreamingId(answerId);
      }
      let started = false;
      try {
        let terminal: TurnEvent | undefined;
        for await (const event of api.turn(source, signal)) {
          if (signal.aborted) return 'done';
          if (event.event === 'message.start') {
            started = true;
            const { userMessage, assistantMessageId, model } = event.data;
            answerId = assistantMessageId;
            text = '';
            setPendingQuestion(null);
            setMessages((all) => {
              const seq = Math.max(userMessage.seq, ...all.map((m) => m.seq)) + 1;
              const placeholder = answerPlaceholder(userMessage, assistantMessageId, model, seq);
              const next = upsert(all, userMessage);
              return next.some((m) => m.id === assistantMessageId) ? next : [...next, placeholder];
            });
            setChoices((c) =>
              choicesFor(
                [userMessage, { id: assistantMessageId, parentId: userMessage.id, seq: 0 }],
                c,
              ),
            );
            show(assistantMessageId, text);
            setStreamingId(assistantMessageId);
          } else if (event.event === 'delta' && answerId) {
            text += event.data.text;
            show(answerId, text);
          } else {
            terminal = event;
          }
          if (answerId && event.id >= 0) {
            rememberAnswer({ conversationId, messageId: answerId, lastEventId: event.id, text });
          }
        }
        // Ended (or the server holds nothing more for us): the memory for a reload is done with.
        if (answerId) forgetAnswer(answerId);
        if (signal.aborted) return 'done';
        if (terminal?.event === 'message.end') {
          setMessages((all) => upsert(all, terminal.data.message));
          setAnnouncement('Answer complete');
        } else if (terminal?.event === 'error') {
          const { code, message } = terminal.data;
          if (code === 'cancelled') setAnnouncement('Answer stopped');
          else setError(describeError(new ApiError(0, code, message)));
        }
        return 'done';
      } catch (problem) {
        report(problem);
        return started || source.kind === 'attach' ? 'done' : 'refused';
      } finally {
        // Left early (another conversation, a reload, a failure): the memory stays for a re-attach.
        if (answerId) {
          const finished = answerId;
          setLive((all) => {
            const rest = { ...all };
            delete rest[finished];
            return rest;
          });
        }
        if (!signal.aborted) {
          setStreamingId(null);
          setPendingQuestion(null);
          await reloadMessages(conversationId, signal).catch(report);
          void refreshList();
          void refreshUsage();
        }
      }
    },
    [api, refreshList, refreshUsage, reloadMessages, report],
  );

  const openConversation = useCallback(
    async (id: string | null) => {
      readers.current.abort();
      const controller = new AbortController();
      readers.current = controller;
      setError(null);
      setLive({});
      setStreamingId(null);
      setPendingQuestion(null);
      setSidebarOpen(false);
      showConversationInLocation(id);
      if (!id) {
        setConversation(null);
        setMessages([]);
        setChoices({});
        return;
      }
      try {
        const [withActive, all] = await Promise.all([api.getConversation(id), api.allMessages(id)]);
        if (controller.signal.aborted) return;
        setConversation(withActive);
        setMessages(all);
        setChoices(choicesFor(withActive.messages));
        if (withActive.model) setModel(withActive.model);
        // An answer still being written (e.g. after a reload): follow it to its end.
        for (const message of all) {
          if (message.role !== 'assistant') continue;
          if (message.status !== 'streaming' && message.status !== 'pending') continue;
          const held = recallAnswer(message.id);
          void runTurn(id, {
            kind: 'attach',
            conversationId: id,
            messageId: message.id,
            lastEventId: held?.lastEventId,
          });
        }
      } catch (problem) {
        if (controller.signal.aborted) return;
        setConversation(null);
        setMessages([]);
        report(problem);
      }
    },
    [api, report, runTurn],
  );

  // First load: models, usage, the list, and the conversation in the address.
  useEffect(() => {
    void (async () => {
      try {
        const list = await api.models();
        setModels(list);
        setModel((current) => current || list.default);
      } catch (problem) {
        report(problem);
      }
    })();
    void refreshUsage();
    void openConversation(conversationIdFromLocation());
    const onPopState = () => void openConversation(conversationIdFromLocation());
    window.addEventListener('popstate', onPopState);
    return () => {
      window.removeEventListener('popstate', onPopState);
      readers.current.abort();
    };
  }, [api, openConversation, refreshUsage, report]);

  // The list follows the search box (debounced).
  useEffect(() => {
    const timer = setTimeout(() => void refreshList(), 200);
    return () => clearTimeout(timer);
  }, [search, refreshList]);

  const children = useMemo(() => childrenByParent(messages), [messages]);
  const path = useMemo(() => visiblePath(messages, choices), [messages, choices]);
  const busy = streamingId !== null || pendingQuestion !== null;

  const send = async (content: string): Promise<boolean> => {
    setError(null);
    // Shown at once (and the composer busy) while the conversation is made and the turn starts.
    setPendingQuestion(content);
    let id = currentId;
    if (!id) {
      try {
        const created = await api.createConversation(model || undefined);
        readers.current.abort();
        readers.current = new AbortController();
        id = created.id;
        setConversation(created);
        setMessages([]);
        setChoices({});
        showConversationInLocation(id);
      } catch (problem) {
        setPendingQuestion(null);
        report(problem);
        return false;
      }
    }
    const parent = path.at(-1);
    const result = await runTurn(id, {
      kind: 'start',
      request: {
        kind: 'send',
        conversationId: id,
        content,
        model: model || undefined,
        parentId: parent?.id,
        clientMessageId: newClientMessageId(),
      },
    });
    return result === 'done';
  };

  /** ‹ and ›: shows another version at once, and makes its branch the active one on the server. */
  const showVersion = async (message: Message, step: number) => {
    if (!currentId) return;
    const next = chooseSibling(children, message, step, choices);
    const chosen = next[parentKey(message)];
    setChoices(next);
    if (!chosen || chosen === message.id) return;
    try {
      const active = await api.activate(currentId, chosen);
      setConversation(active);
      setChoices(choicesFor(active.messages, next));
    } catch (problem) {
      report(problem);
    }
  };

  const stop = async () => {
    if (!currentId || !streamingId) return;
    try {
      await api.stop(currentId, streamingId);
    } catch (problem) {
      report(problem);
    }
  };

  const regenerate = (message: Message) => {
    if (!currentId) return;
    setError(null);
    void runTurn(currentId, {
      kind: 'start',
      request: {
        kind: 'regenerate',
        conversationId: currentId,
        messageId: message.id,
        model: model || undefined,
      },
    });
  };

  const edit = (message: Message, content: string) => {
    if (!currentId) return;
    setError(null);
    void runTurn(currentId, {
      kind: 'start',
      request: {
        kind: 'edit',
        conversationId: currentId,
        messageId: message.id,
        content,
        model: model || undefined,
      },
    });
  };

  const rename = async (id: string, title: string): Promise<boolean> => {
    try {
      const renamed = await api.renameConversation(id, title);
      setConversations((list) => list.map((c) => (c.id === id ? renamed : c)));
      if (id === currentId) setConversation(renamed);
      return true;
    } catch (problem) {
      report(problem);
      return false;
    }
  };

  const remove = async (id: string) => {
    try {
      await api.deleteConversation(id);
      if (id === currentId) await openConversation(null);
      setAnnouncement('Conversation deleted');
      await refreshList();
    } catch (problem) {
      report(problem);
    }
  };

  const startSharing = async () => {
    if (!currentId) return;
    try {
      setShare(await api.share(currentId));
      setAnnouncement('Share link made');
    } catch (problem) {
      report(problem);
    }
  };

  const stopSharing = async () => {
    if (!currentId || !share) return;
    try {
      await api.stopSharing(currentId, share.token);
      setShare(null);
      setAnnouncement('The share link no longer works');
    } catch (problem) {
      report(problem);
    }
  };

  const download = async (format: ExportFormat) => {
    if (!currentId) return;
    try {
      const { blob, filename } = await api.exportConversation(currentId, format);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (problem) {
      report(problem);
    }
  };

  const scroller = useRef<HTMLDivElement>(null);
  const lastText = path.length ? (live[path[path.length - 1].id] ?? '') : '';
  useEffect(() => {
    const el = scroller.current;
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 160)
      el.scrollTop = el.scrollHeight;
  }, [path.length, lastText, pendingQuestion]);

  const modelChoices = models ? [...new Set([...models.models, ...(model ? [model] : [])])] : [];

  return (
    <div className="app">
      <Sidebar
        conversations={conversations}
        currentId={currentId}
        search={search}
        usage={usage}
        open={sidebarOpen}
        onSearch={setSearch}
        onNewChat={() => void openConversation(null)}
        onOpen={(id) => void openConversation(id)}
        onRename={rename}
        onDelete={remove}
      />
      <main className="chat">
        <header className="top-bar">
          <button
            type="button"
            className="icon menu"
            aria-label="Conversations"
            aria-controls="sidebar"
            aria-expanded={sidebarOpen}
            onClick={() => setSidebarOpen((open) => !open)}
          >
            ☰
          </button>
          <h1 className="title">{conversation?.title ?? 'New chat'}</h1>
          <label htmlFor="model" className="visually-hidden">
            Model
          </label>
          <select
            id="model"
            value={model}
            onChange={(e) => setModel(e.target.value)}
            disabled={!models}
          >
            {modelChoices.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
          <span className="export" role="group" aria-label="Export">
            <button type="button" disabled={!currentId} onClick={() => void download('markdown')}>
              Export Markdown
            </button>
            <button type="button" disabled={!currentId} onClick={() => void download('json')}>
              Export JSON
            </button>
          </span>
          <button type="button" disabled={!currentId} onClick={() => void startSharing()}>
            Share
          </button>
          <span className="who" title="Signed in as">
            {who}
          </span>
          <button type="button" onClick={onSignOut}>
            Sign out
          </button>
        </header>
        {share && (
          <div className="share-banner" role="status" aria-label="Share link">
            <span>
              Anyone with this link can read this conversation as it is now:{' '}
              <a
                href={new URL(share.url, window.location.origin).href}
                target="_blank"
                rel="noreferrer"
              >
                {new URL(share.url, window.location.origin).href}
              </a>
            </span>
            <button type="button" onClick={() => void stopSharing()}>
              Stop sharing
            </button>
          </div>
        )}
        {error && (
          <div role="alert" className="error-banner">
            <span>{error}</span>
            <button
              type="button"
              className="icon"
              aria-label="Dismiss error"
              onClick={() => setError(null)}
            >
              ×
            </button>
          </div>
        )}
        <div className="messages" ref={scroller}>
          {path.length === 0 && !pendingQuestion && (
            <p className="empty">Ask a question to start a conversation.</p>
          )}
          {path.map((message) => (
            <MessageItem
              key={message.id}
              message={message}
              liveText={live[message.id]}
              version={siblingPosition(children, message)}
              busy={busy}
              onVersion={(m, step) => void showVersion(m, step)}
              onRegenerate={regenerate}
              onEdit={edit}
            />
          ))}
          {pendingQuestion !== null && (
            <article className="message user" aria-label="You" data-status="sending">
              <header>
                <span className="who">You</span>
              </header>
              <p className="question">{pendingQuestion}</p>
            </article>
          )}
        </div>
        <div className="visually-hidden" aria-live="polite">
          {announcement}
        </div>
        <Composer busy={busy} onSend={send} onStop={() => void stop()} />
      </main>
    </div>
  );
}

function upsert(messages: Message[], message: Message): Message[] {
  const index = messages.findIndex((m) => m.id === message.id);
  if (index < 0) return [...messages, message];
  const next = [...messages];
  next[index] = message;
  return next;
}

function answerPlaceholder(question: Message, id: string, model: string, seq: number): Message {
  return {
    ...question,
    id,
    seq,
    parentId: question.id,
    role: 'assistant',
    content: '',
    status: 'streaming',
    model,
    stopReason: null,
    usage: { inputTokens: null, outputTokens: null, costUsd: null },
    error: null,
  };
}

function newClientMessageId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
