import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { ConversationView, MessageView } from '../../application/ports/conversation.reads';

/**
 * Noto Sans SC (SIL Open Font License 1.1, from the npm package @expo-google-fonts/noto-sans-sc):
 * Latin, Chinese and Japanese kana and kanji in one font. pdfkit embeds only the glyphs used.
 */
const TEXT_FONT_FILE = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf';
/** A standard PDF font: no file to embed, Latin-1 only (code with other characters uses the text font). */
const CODE_FONT = 'Courier';
/** Courier (WinAnsi) shows printable Latin-1 only. */
const LATIN1_ONLY = /^[\t\n\r\u0020-\u00ff]*$/;

let textFont: Buffer | undefined;
/** Read once (10 MB) on the first PDF, not at start-up. */
function textFontData(): Buffer {
  textFont ??= readFileSync(require.resolve(TEXT_FONT_FILE));
  return textFont;
}

/** A message body split into prose and ``` fenced code blocks. */
export function splitFences(content: string): { code: boolean; text: string }[] {
  const parts: { code: boolean; text: string }[] = [];
  let code = false;
  let lines: string[] = [];
  const flush = () => {
    if (lines.length) parts.push({ code, text: lines.join('\n') });
    lines = [];
  };
  for (const line of content.split('\n')) {
    if (/^\s*```/.test(line)) {
      flush();
      code = !code;
    } else lines.push(line);
  }
  flush();
  return parts;
}

const roleLabel = (m: MessageView): string =>
  m.role === 'user'
    ? 'User'
    : m.role === 'assistant'
      ? `Assistant${m.model ? ` (${m.model})` : ''}`
      : 'System';

/**
 * The active branch as a PDF: title, dates, each message under its role and time, fenced code
 * in a monospace font, "Page n of N" on every page.
 */
export function exportAsPdf(
  conversation: ConversationView,
  messages: MessageView[],
  now: Date = new Date(),
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    bufferPages: true,
    info: { Title: conversation.title ?? 'Conversation', Creator: 'chat-backend' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('text', textFontData());
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

  doc
    .font('text')
    .fontSize(18)
    .text(conversation.title ?? 'Conversation', { width });
  doc
    .fontSize(9)
    .fillColor('#555555')
    .text(`Created ${conversation.createdAt.toISOString()}`)
    .text(`Updated ${conversation.updatedAt.toISOString()}`)
    .text(`Exported ${now.toISOString()}`)
    .fillColor('black');
  if (conversation.systemPrompt) {
    doc.moveDown().fontSize(10).text('System prompt', { underline: true });
    doc.fontSize(10).text(conversation.systemPrompt, { width });
  }

  for (const m of messages) {
    const note =
      m.role === 'user' || m.status === 'complete'
        ? ''
        : ` [${m.status}${m.error ? `: ${m.error.code}` : ''}]`;
    doc.moveDown();
    doc
      .font('text')
      .fontSize(11)
      .fillColor('#1f4e79')
      .text(`${roleLabel(m)} · ${m.createdAt.toISOString()}${note}`, { width })
      .fillColor('black');
    for (const part of splitFences(m.content)) {
      if (part.code) {
        doc.moveDown(0.3);
        doc
          .font(LATIN1_ONLY.test(part.text) ? CODE_FONT : 'text')
          .fontSize(9)
          .fillColor('#333333')
          .text(part.text, { width: width - 16, indent: 0, lineGap: 1 })
          .fillColor('black');
        doc.moveDown(0.3);
      } else if (part.text.trim() !== '') {
        doc.font('text').fontSize(10.5).text(part.text, { width, lineGap: 2 });
      }
    }
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Written inside the bottom margin: lift the margin so pdfkit does not start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('text')
      .fontSize(8)
      .fillColor('#777777')
      .text(`Page ${i + 1} of ${range.count}`, doc.page.margins.left, doc.page.height - 36, {
        width,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
