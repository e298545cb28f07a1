import { Conversation } from './conversation';
import { Message } from './message';
import { ModelChoice } from './model-choice';

const NOW = new Date('2026-12-01T10:00:00.000Z');
const LATER = new Date('2026-12-01T10:05:00.000Z');
const MODELS: ModelChoice = {
  requested: null,
  fallback: 'default-model',
  allowed: ['default-model', 'other-model'],
};

let counter = 0;
const ids = () => {
  counter += 1;
  return { userMessageId: `u${counter}`, assistantMessageId: `a${counter}`, turnId: `t${counter}` };
};
const fresh = (over: { model?: string | null; title?: string } = {}) =>
  Conversation.create({ id: 'c-1', ownerId: 'owner', now: NOW, ...over });
const send = (c: Conversation, content = 'What is a monad?', parent?: Message | null) =>
  c.startTurn({ content, clientMessageId: null, parent, model: MODELS, ids: ids(), now: LATER });
const finish = (m: Message) =>
  m.complete(
    {
      content: 'An answer',
      model: m.toJSON().model,
      stopReason: 'end',
      inputTokens: 1,
      outputTokens: 2,
      latencyMs: 3,
      timeToFirstTokenMs: 1,
      metadata: {},
    },
    LATER,
  );

describe('Conversation.startTurn', () => {
  it('places the question and its streaming answer on the next two seq numbers and moves the leaf', () => {
    const c = fresh();
    const { userMessage, assistantMessage } = send(c);
    expect(userMessage.toJSON()).toMatchObject({
      seq: 1,
      parentId: null,
      role: 'user',
      status: 'complete',
      content: 'What is a monad?',
      conversationId: 'c-1',
      ownerId: 'owner',
    });
    expect(assistantMessage.toJSON()).toMatchObject({
      seq: 2,
      parentId: userMessage.id,
      role: 'assistant',
      status: 'streaming',
      content: '',
      model: 'default-model',
      turnId: userMessage.turnId,
      heartbeatAt: LATER,
    });
    expect(c.toJSON()).toMatchObject({
      lastSeq: 2,
      messageCount: 2,
      currentLeafId: assistantMessage.id,
      version: 2,
      updatedAt: LATER,
    });
  });

  it('hangs the next question after the current leaf, keeping seq gap-free', () => {
    const c = fresh();
    const first = send(c);
    const second = send(c, 'And then?');
    expect([second.userMessage.seq, second.userMessage.parentId]).toEqual([
      3,
      first.assistantMessage.id,
    ]);
    expect(second.assistantMessage.seq).toBe(4);
    expect(c.toJSON()).toMatchObject({ lastSeq: 4, messageCount: 4, version: 3 });
  });

  it('hangs a question after a given message, or as a new root', () => {
    const c = fresh();
    const first = send(c);
    send(c);
    expect(send(c, 'branch', first.userMessage).userMessage.parentId).toBe(first.userMessage.id);
    expect(send(c, 'root', null).userMessage.parentId).toBeNull();
  });

  it('refuses a parent from another conversation', () => {
    const other = Conversation.create({ id: 'c-2', ownerId: 'owner', now: NOW });
    const foreign = send(other).assistantMessage;
    const c = fresh();
    expect(() => send(c, 'q', foreign)).toThrow(
      expect.objectContaining({ code: 'invalid_parent' }),
    );
    expect(c.toJSON()).toMatchObject({ lastSeq: 0, version: 1 });
  });

  it('titles an untitled conversation from its first question, and keeps a given title', () => {
    const untitled = fresh();
    send(untitled, '  Why   is the sky blue?  ');
    expect(untitled.title).toBe('Why is the sky blue?');
    send(untitled, 'Another question');
    expect(untitled.title).toBe('Why is the sky blue?');
    const titled = fresh({ title: 'Mine' });
    send(titled);
    expect(titled.title).toBe('Mine');
  });

  it('chooses the model: requested, else the conversation, else the default, among the allowed', () => {
    const own = fresh({ model: 'other-model' });
    expect(send(own).assistantMessage.toJSON().model).toBe('other-model');
    const requested = own.startTurn({
      content: 'q',
      clientMessageId: null,
      model: { ...MODELS, requested: 'default-model' },
      ids: ids(),
      now: LATER,
    });
    expect(requested.assistantMessage.toJSON().model).toBe('default-model');
    const retired = fresh({ model: 'retired-model' });
    expect(() => send(retired)).toThrow(expect.objectContaining({ code: 'model_not_allowed' }));
    expect(retired.toJSON().lastSeq).toBe(0);
  });
});

describe('Conversation.editQuestion', () => {
  it('makes the edited question a sibling of the original, on a new branch that becomes active', () => {
    const c = fresh();
    const first = send(c);
    const second = send(c);
    const edited = c.editQuestion(second.userMessage, {
      content: 'Edited',
      clientMessageId: null,
      model: MODELS,
      ids: ids(),
      now: LATER,
    });
    expect(edited.userMessage.parentId).toBe(first.assistantMessage.id);
    expect(edited.userMessage.seq).toBe(5);
    expect(c.currentLeafId).toBe(edited.assistantMessage.id);
  });

  it('refuses an answer or a message of another conversation', () => {
    const c = fresh();
    const first = send(c);
    const turn = { content: 'x', clientMessageId: null, model: MODELS, ids: ids(), now: LATER };
    expect(() => c.editQuestion(first.assistantMessage, turn)).toThrow(
      expect.objectContaining({ code: 'not_a_question' }),
    );
    const other = Conversation.create({ id: 'c-2', ownerId: 'owner', now: NOW });
    expect(() => c.editQuestion(send(other).userMessage, turn)).toThrow(
      expect.objectContaining({ code: 'message_not_found' }),
    );
  });
});

describe('Conversation.regenerateAnswer', () => {
  it('adds a sibling answer to the same question and turn, which becomes the leaf', () => {
    const c = fresh();
    const { userMessage, assistantMessage } = send(c);
    finish(assistantMessage);
    const again = c.regenerateAnswer(assistantMessage, userMessage, {
      answerId: 'a-again',
      model: MODELS,
      now: LATER,
    });
    expect(again.toJSON()).toMatchObject({
      id: 'a-again',
      seq: 3,
      parentId: userMessage.id,
      turnId: assistantMessage.turnId,
      status: 'streaming',
      content: '',
      metadata: { regenerationOf: assistantMessage.id },
    });
    expect(c.toJSON()).toMatchObject({
      lastSeq: 3,
      messageCount: 3,
      currentLeafId: 'a-again',
      version: 3,
    });
  });

  it('refuses while the answer is still being produced, and for a question', () => {
    const c = fresh();
    const { userMessage, assistantMessage } = send(c);
    const input = { answerId: 'x', model: MODELS, now: LATER };
    expect(() => c.regenerateAnswer(assistantMessage, userMessage, input)).toThrow(
      expect.objectContaining({ code: 'turn_in_progress', kind: 'conflict' }),
    );
    expect(() => c.regenerateAnswer(userMessage, userMessage, input)).toThrow(
      expect.objectContaining({ code: 'message_not_found' }),
    );
    expect(c.toJSON().lastSeq).toBe(2);
  });
});

describe('Conversation.switchBranch', () => {
  it('makes the branch through a message the active one, down to its newest descendant', () => {
    const c = fresh();
    const first = send(c);
    finish(first.assistantMessage);
    const second = send(c);
    finish(second.assistantMessage);
    const retried = c.regenerateAnswer(first.assistantMessage, first.userMessage, {
      answerId: 'a-retried',
      model: MODELS,
      now: LATER,
    });
    finish(retried);
    const all = [
      first.userMessage,
      first.assistantMessage,
      second.userMessage,
      second.assistantMessage,
      retried,
    ];
    expect(c.currentLeafId).toBe(retried.id);
    // Back to the first answer: the turn that followed it comes back with it.
    expect(c.switchBranch(first.assistantMessage.id, all, LATER).id).toBe(
      second.assistantMessage.id,
    );
    expect(c.currentLeafId).toBe(second.assistantMessage.id);
    expect(c.switchBranch(retried.id, all, LATER).id).toBe(retried.id);
    expect(c.toJSON().updatedAt).toEqual(LATER);
  });

  it("refuses a message that is not this conversation's, and any switch while an answer streams", () => {
    const c = fresh();
    const first = send(c);
    const other = Conversation.create({ id: 'c-2', ownerId: 'owner', now: NOW });
    const foreign = send(other).userMessage;
    expect(() => c.switchBranch('missing', [first.userMessage], LATER)).toThrow(
      expect.objectContaining({ code: 'message_not_found' }),
    );
    expect(() => c.switchBranch(foreign.id, [foreign], LATER)).toThrow(
      expect.objectContaining({ code: 'message_not_found' }),
    );
    expect(() =>
      c.switchBranch(first.userMessage.id, [first.userMessage, first.assistantMessage], LATER),
    ).toThrow(expect.objectContaining({ code: 'turn_in_progress', kind: 'conflict' }));
  });
});

describe('Conversation.deleteBranch', () => {
  it('removes a message and everything after it in its branches; the leaf moves to the newest remaining', () => {
    const c = fresh();
    const first = send(c);
    const second = send(c);
    const branch = send(c, 'branch', first.assistantMessage);
    const all = [first, second, branch].flatMap((t) => [t.userMessage, t.assistantMessage]);
    all.filter((m) => m.role === 'assistant').forEach(finish);
    const removed = c.deleteBranch(second.userMessage.id, all, LATER);
    expect(removed.sort()).toEqual([second.userMessage.id, second.assistantMessage.id].sort());
    // The leaf (the branch's answer) survived.
    expect(c.toJSON()).toMatchObject({
      messageCount: 4,
      currentLeafId: branch.assistantMessage.id,
    });
    const remaining = all.filter((m) => !removed.includes(m.id));
    const again = c.deleteBranch(first.assistantMessage.id, remaining, LATER);
    expect(again).toHaveLength(3);
    expect(c.toJSON()).toMatchObject({ messageCount: 1, currentLeafId: first.userMessage.id });
  });

  it('refuses while an answer in the branch streams, and an unknown message', () => {
    const c = fresh();
    const first = send(c);
    const all = [first.userMessage, first.assistantMessage];
    expect(() => c.deleteBranch(first.userMessage.id, all, LATER)).toThrow(
      expect.objectContaining({ code: 'turn_in_progress' }),
    );
    expect(() => c.deleteBranch('nope', all, LATER)).toThrow(
      expect.objectContaining({ code: 'message_not_found' }),
    );
    expect(c.toJSON()).toMatchObject({ messageCount: 2, version: 2 });
  });
});
