import request from 'supertest';
import type { TestApp } from './test-app';

/** A question whose mock or emulated answer streams ~45 deltas. */
export const LONG =
  'Tell me a long story. ' + Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');

/** The settings of app replicas answering through the Bedrock emulator and sharing one Redis. */
export function replicaEnv(
  emulatorUrl: string,
  redisUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    LLM_PROVIDER: 'bedrock',
    BEDROCK_ENDPOINT_URL: emulatorUrl,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
    REDIS_URL: redisUrl,
    RATE_LIMIT_CHAT: '1000/60s',
    RATE_LIMIT_READ: '1000/60s',
    ...extra,
  };
}

export async function createConversation(t: TestApp, user: string): Promise<string> {
  const res = await request(t.url)
    .post('/api/v1/conversations')
    .set('X-User-Id', user)
    .send({})
    .expect(201);
  return res.body.id as string;
}
