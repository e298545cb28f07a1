import { Share, SnapshotSource } from './share';

const now = new Date('2026-12-04T12:00:00.000Z');
const at = (minute: number) => new Date(Date.UTC(2026, 11, 4, 11, minute));
const branch: SnapshotSource[] = [
  { role: 'user', status: 'complete', content: 'question', createdAt: at(1) },
  { role: 'assistant', status: 'complete', content: 'answer', createdAt: at(2) },
  { role: 'user', status: 'complete', content: 'again', createdAt: at(3) },
  { role: 'assistant', status: 'failed', content: 'half', createdAt: at(4) },
];
const snapshot = (expiresInDays?: number | null) =>
  Share.snapshot({
    token: 't',
    ownerId: 'o',
    conversationId: 'c',
    title: 'T',
    branch,
    now,
    expiresInDays,
  });

describe('Share', () => {
  it('keeps questions and finished answers, with role, content and time only', () => {
    expect(snapshot().toJSON().messages).toEqual([
      { role: 'user', content: 'question', createdAt: at(1) },
      { role: 'assistant', content: 'answer', createdAt: at(2) },
      { role: 'user', content: 'again', createdAt: at(3) },
    ]);
  });

  it('never expires without a number of days; else is readable until then', () => {
    expect(snapshot().isReadableAt(new Date('2030-01-01'))).toBe(true);
    const week = snapshot(7);
    expect(week.toJSON().expiresAt).toEqual(new Date('2026-12-11T12:00:00.000Z'));
    expect(week.isReadableAt(new Date('2026-12-11T11:59:59.999Z'))).toBe(true);
    expect(week.isReadableAt(new Date('2026-12-11T12:00:00.000Z'))).toBe(false);
  });

  it.each([0, 366, 1.5, -1, Number.NaN])('refuses expiresInDays %p', (days) => {
    expect(() => snapshot(days)).toThrow(expect.objectContaining({ code: 'invalid_expiry' }));
  });

  it('is not changed by its source changing later', () => {
    const share = snapshot();
    branch[0].content = 'edited';
    expect(share.toJSON().messages[0].content).toBe('question');
    branch[0].content = 'question';
  });
});
