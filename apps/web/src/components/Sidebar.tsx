import { useState, type FormEvent } from 'react';
import type { Conversation, UsageReport } from '../api/types';

interface SidebarProps {
  conversations: Conversation[];
  currentId: string | null;
  search: string;
  usage: UsageReport | null;
  open: boolean;
  onSearch: (q: string) => void;
  onNewChat: () => void;
  onOpen: (id: string) => void;
  onRename: (id: string, title: string) => Promise<boolean>;
  onDelete: (id: string) => Promise<void>;
}

export function Sidebar(props: SidebarProps) {
  const { conversations, currentId, search, usage, open } = props;
  return (
    <nav className={open ? 'sidebar open' : 'sidebar'} aria-label="Conversations" id="sidebar">
      <button type="button" className="new-chat" onClick={props.onNewChat}>
        + New chat
      </button>
      <label htmlFor="search" className="visually-hidden">
        Search conversations
      </label>
      <input
        id="search"
        type="search"
        placeholder="Search conversations"
        value={search}
        maxLength={200}
        onChange={(e) => props.onSearch(e.target.value)}
      />
      <ul className="conversation-list">
        {conversations.map((c) => (
          <ConversationItem key={c.id} conversation={c} current={c.id === currentId} {...props} />
        ))}
        {conversations.length === 0 && (
          <li className="empty">{search ? 'No conversation matches.' : 'No conversations yet.'}</li>
        )}
      </ul>
      <p className="usage" aria-live="polite">
        {usage
          ? `Today: ${usage.totals.answers} ${usage.totals.answers === 1 ? 'answer' : 'answers'}, ${usage.totals.inputTokens} tokens in, ${usage.totals.outputTokens} out, $${usage.totals.costUsd.toFixed(4)}`
          : 'Today: …'}
      </p>
    </nav>
  );
}

function ConversationItem({
  conversation,
  current,
  onOpen,
  onRename,
  onDelete,
}: SidebarProps & { conversation: Conversation; current: boolean }) {
  const title = conversation.title ?? 'Untitled';
  const [mode, setMode] = useState<'view' | 'rename' | 'delete'>('view');
  const [draft, setDraft] = useState(title);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (draft.trim() && (await onRename(conversation.id, draft.trim()))) setMode('view');
  };
  if (mode === 'rename') {
    return (
      <li className="conversation renaming">
        <form onSubmit={save}>
          <label htmlFor={`rename-${conversation.id}`} className="visually-hidden">
            New title for {title}
          </label>
          <input
            id={`rename-${conversation.id}`}
            value={draft}
            maxLength={200}
            autoFocus
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setMode('view')}
          />
          <button type="submit">Save</button>
          <button type="button" onClick={() => setMode('view')}>
            Cancel
          </button>
        </form>
      </li>
    );
  }
  return (
    <li className={current ? 'conversation current' : 'conversation'}>
      <button
        type="button"
        className="open"
        aria-current={current ? 'page' : undefined}
        onClick={() => onOpen(conversation.id)}
        title={title}
      >
        {title}
      </button>
      {mode === 'delete' ? (
        <span className="confirm" role="group" aria-label={`Delete ${title}?`}>
          <button type="button" className="danger" onClick={() => void onDelete(conversation.id)}>
            Delete
          </button>
          <button type="button" onClick={() => setMode('view')}>
            Keep
          </button>
        </span>
      ) : (
        <span className="actions">
          <button
            type="button"
            className="icon"
            aria-label={`Rename ${title}`}
            onClick={() => {
              setDraft(title);
              setMode('rename');
            }}
          >
            ✎
          </button>
          <button
            type="button"
            className="icon"
            aria-label={`Delete ${title}`}
            onClick={() => setMode('delete')}
          >
            ✕
          </button>
        </span>
      )}
    </li>
  );
}
