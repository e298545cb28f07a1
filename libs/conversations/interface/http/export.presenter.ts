import { ConversationView, MessageView } from '../../application/ports/conversation.reads';
import { ConversationWithMessagesDto } from './dto/conversation-view.dto';

/** The conversation as its read shows it (summary included), stamped with the export time. */
export function exportAsJson(read: ConversationWithMessagesDto): string {
  return JSON.stringify({ ...read, exportedAt: new Date().toISOString() }, null, 2);
}

/** A readable transcript of the active branch. */
export function exportAsMarkdown(conversation: ConversationView, messages: MessageView[]): string {
  const c = conversation;
  const lines = [
    `# ${c.title ?? 'Conversation'}`,
    '',
    `- id: \`${c.id}\``,
    `- created: ${c.createdAt.toISOString()}`,
  ];
  if (c.systemPrompt)
    lines.push('', '> System prompt:', ...c.systemPrompt.split('\n').map((l) => `> ${l}`));
  for (const message of messages) {
    const m = message;
    const who =
      m.role === 'user'
        ? 'User'
        : m.role === 'assistant'
          ? `Assistant${m.model ? ` (${m.model})` : ''}`
          : 'System';
    const note =
      m.status === 'complete' || m.role === 'user'
        ? ''
        : ` _[${m.status}${m.error ? `: ${m.error.code}` : ''}]_`;
    lines.push('', `## ${who} · ${m.createdAt.toISOString()}${note}`, '', m.content);
  }
  return `${lines.join('\n')}\n`;
}
