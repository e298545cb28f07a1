import { useState, type FormEvent } from 'react';
import type { Message } from '../api/types';
import { Markdown } from './Markdown';

export interface MessageItemProps {
  message: Message;
  /** The text received so far while the answer streams. */
  liveText?: string;
  version: { index: number; count: number };
  busy: boolean;
  onVersion: (message: Message, step: number) => void;
  onRegenerate: (message: Message) => void;
  onEdit: (message: Message, content: string) => void;
}

const STATUS_NOTE: Partial<Record<Message['status'], string>> = {
  cancelled: 'Stopped',
  failed: 'Failed',
};

export function MessageItem(props: MessageItemProps) {
  const { message, liveText, version, busy } = props;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(message.content);
  const streaming =
    liveText !== undefined || message.status === 'streaming' || message.status === 'pending';
  const text = liveText ?? message.content;
  const who = message.role === 'user' ? 'You' : 'Assistant';
  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!draft.trim()) return;
    setEditing(false);
    props.onEdit(message, draft);
  };
  return (
    <article
      className={`message ${message.role}`}
      aria-label={`${who}${version.count > 1 ? `, version ${version.index + 1} of ${version.count}` : ''}`}
      data-status={streaming ? 'streaming' : message.status}
      data-message-id={message.id}
    >
      <header>
        <span className="who">{who}</span>
        {message.role === 'assistant' && message.model && (
          <span className="model">{message.model}</span>
        )}
        {version.count > 1 && (
          <span className="versions" role="group" aria-label="Versions">
            <button
              type="button"
              className="icon"
              aria-label="Previous version"
              disabled={version.index === 0 || busy}
              onClick={() => props.onVersion(message, -1)}
            >
              ‹
            </button>
            <span className="version-count">
              {version.index + 1} / {version.count}
            </span>
            <button
              type="button"
              className="icon"
              aria-label="Next version"
              disabled={version.index === version.count - 1 || busy}
              onClick={() => props.onVersion(message, 1)}
            >
              ›
            </button>
          </span>
        )}
      </header>
      {editing ? (
        <form className="edit" onSubmit={save}>
          <label htmlFor={`edit-${message.id}`} className="visually-hidden">
            Edit your question
          </label>
          <textarea
            id={`edit-${message.id}`}
            value={draft}
            rows={3}
            autoFocus
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
          />
          <div className="row">
            <button type="submit">Save and ask</button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : message.role === 'user' ? (
        <p className="question">{text}</p>
      ) : (
        <div className="answer" aria-busy={streaming}>
          {text ? <Markdown text={text} /> : streaming ? <p className="thinking">…</p> : null}
        </div>
      )}
      {!streaming && STATUS_NOTE[message.status] && (
        <p className={`note ${message.status}`}>
          {STATUS_NOTE[message.status]}
          {message.error && message.status === 'failed'
            ? `: ${message.error.message} (${message.error.code})`
            : ''}
        </p>
      )}
      {!editing && !streaming && (
        <footer>
          {message.role === 'user' ? (
            <button
              type="button"
              className="link"
              disabled={busy}
              onClick={() => {
                setDraft(message.content);
                setEditing(true);
              }}
            >
              Edit
            </button>
          ) : (
            <button
              type="button"
              className="link"
              disabled={busy}
              onClick={() => props.onRegenerate(message)}
            >
              Regenerate
            </button>
          )}
        </footer>
      )}
    </article>
  );
}
