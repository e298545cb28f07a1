import request from 'supertest';
import type { TestApp } from './test-app';

export type Method = 'post' | 'patch' | 'get';

/** A conversation with settings and one finished turn, for requests that change or extend it. */
export interface Fixture {
  conversationId: string;
  userMessageId: string;
  assistantMessageId: string;
  model: string;
}

export const conversationPath = (f: Fixture) => `/api/v1/conversations/${f.conversationId}`;
export const messagesPath = (f: Fixture) => `${conversationPath(f)}/messages`;

/** Requests as one user, and views of everything that user has stored. */
export function asUser(t: TestApp, user: string) {
  const call = (method: Method, path: string, body?: object) => {
    const req = request(t.url)[method](path).set('X-User-Id', user);
    return body ? req.send(body) : req;
  };

  async function fixture(): Promise<Fixture> {
    const model = (await call('get', '/api/v1/models').expect(200)).body.default as string;
    const created = await call('post', '/api/v1/conversations', {
      title: 'Kept',
      systemPrompt: 'Be brief',
      model,
      metadata: { kept: true },
    }).expect(201);
    const conversationId = created.body.id as string;
    const sent = await call('post', `/api/v1/conversations/${conversationId}/messages`, {
      content: 'hello',
    }).expect(201);
    return {
      conversationId,
      userMessageId: sent.body.userMessage.id,
      assistantMessageId: sent.body.assistantMessage.id,
      model,
    };
  }

  /** The user's conversations with every message of every branch, and their seed turns. */
  async function stored() {
    const list = await call('get', '/api/v1/conversations?limit=100').expect(200);
    const conversations = await Promise.all(
      (list.body.items as { id: string }[]).map(async ({ id }) => ({
        ...(await call('get', `/api/v1/conversations/${id}`).expect(200)).body,
        messages: (await call('get', `/api/v1/conversations/${id}/messages?all=true`).expect(200))
          .body,
      })),
    );
    const history = await call('get', '/api/v1/history?limit=100').expect(200);
    return { conversations, turns: history.body.items };
  }

  return { call, fixture, stored };
}

/** The validation detail naming a field that holds text PostgreSQL cannot store. */
export const unstorableDetail = (field: string) =>
  `${field} must not contain NUL (\\u0000) characters or unpaired UTF-16 surrogates`;
