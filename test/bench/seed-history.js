#!/usr/bin/env node
'use strict';
// Seeds chat history at scale, in SQL (INSERT ... SELECT over generate_series, in batches):
//   full:  1,000,000 messages in 50,000 conversations of 2,000 users
//   quick:   100,000 messages in  5,000 conversations of   200 users
// Every user has 25 conversations: `chat-0` with 200 messages (100 turns), the other 24 share
// the rest (6 or 7 turns each). Messages are valid turns: user/assistant pairs sharing a
// turn_id, seq 1..n, parent_id chained, current_leaf_id on the last one, realistic text lengths
// (user 40-200 characters, assistant 200-1000). Ids are derived from md5(owner/chat/seq), so a
// message's parent id is computed, not looked up.
//
//   node test/bench/seed-history.js <DATABASE_URL> [--quick]
// The database must be migrated; existing seed rows (owner `hist-user-*`) are replaced.
const { Client } = require('pg');

const LONG_TURNS = 100;
const CONVERSATIONS_PER_USER = 25;

function plan(quick) {
  const users = quick ? 200 : 2000;
  const messages = quick ? 100000 : 1000000;
  const turns = messages / 2;
  const otherConversations = users * (CONVERSATIONS_PER_USER - 1);
  const otherTurns = turns - users * LONG_TURNS;
  const base = Math.floor(otherTurns / otherConversations);
  const extra = otherTurns - base * otherConversations;
  return { users, messages, conversations: users * CONVERSATIONS_PER_USER, base, extra };
}

const LOREM =
  'Retrieval augmented generation grounds a model in documents it did not see in training. ' +
  'SQL injection happens when input is concatenated into a query instead of being bound as a parameter. ' +
  'A connection pool keeps sockets open so each request does not pay for a TCP and TLS handshake. ' +
  'Server-sent events stream text over one HTTP response; proxies must not buffer them. ' +
  'Indexes trade write cost for read speed; a covering index can answer a query by itself. ' +
  'Backpressure tells a fast producer to slow down when the consumer cannot keep up. ' +
  'Idempotency keys let a client retry a request without doing the work twice. ';

async function seed(databaseUrl, { quick = false, log = () => undefined } = {}) {
  const p = plan(quick);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const startedAt = Date.now();
  try {
    await client.query('set synchronous_commit = off');
    await client.query(`delete from conversations where owner_id like 'hist-user-%'`);
    const lorem = LOREM.repeat(4);
    // Conversations: turns per conversation decided here, timestamps spread over 90 days.
    await client.query(
      `insert into conversations (owner_id, id, title, model, current_leaf_id, message_count, last_seq, version, metadata, created_at, updated_at)
       select owner, chat, 'Seeded conversation ' || k, null,
              md5(owner || '/' || chat || '/' || (2 * turns))::uuid, 2 * turns, 2 * turns, 1, '{}'::jsonb,
              created, created + (2 * turns) * interval '30 seconds'
       from (
         select 'hist-user-' || u as owner, 'chat-' || k as chat, k,
                case when k = 0 then $1::int
                     else $2::int + case when (u * ($5::int - 1) + k - 1) < $3::int then 1 else 0 end end as turns,
                now() - interval '90 days' + ((u * 7919 + k * 104729) % 7776000) * interval '1 second' as created
         from generate_series(0, $4::int - 1) u, generate_series(0, $5::int - 1) k
       ) c`,
      [LONG_TURNS, p.base, p.extra, p.users, CONVERSATIONS_PER_USER],
    );
    const batch = quick ? p.users : 200;
    for (let from = 0; from < p.users; from += batch) {
      const to = Math.min(p.users, from + batch) - 1;
      await client.query(
        `insert into messages (id, conversation_id, owner_id, seq, parent_id, role, content, status, client_message_id,
                               turn_id, model, stop_reason, input_tokens, output_tokens, latency_ms, time_to_first_token_ms,
                               error, metadata, heartbeat_at, created_at, updated_at)
         select md5(c.owner_id || '/' || c.id || '/' || s)::uuid, c.id, c.owner_id, s,
                case when s = 1 then null else md5(c.owner_id || '/' || c.id || '/' || (s - 1))::uuid end,
                case when s % 2 = 1 then 'user' else 'assistant' end,
                substr($1, 1 + (h % 600), case when s % 2 = 1 then 40 + h % 161 else 200 + h % 801 end),
                'complete', null,
                md5('turn/' || c.owner_id || '/' || c.id || '/' || ((s + 1) / 2))::uuid,
                case when s % 2 = 0 then 'anthropic.claude-3-haiku-20240307-v1:0' end,
                case when s % 2 = 0 then 'end' end,
                case when s % 2 = 0 then 20 + s * 60 end,
                case when s % 2 = 0 then 50 + h % 200 end,
                case when s % 2 = 0 then 400 + h % 3000 end,
                case when s % 2 = 0 then 150 + h % 400 end,
                null, '{}'::jsonb, null,
                c.created_at + s * interval '30 seconds', c.created_at + s * interval '30 seconds'
         from conversations c
         cross join lateral generate_series(1, c.message_count) s
         cross join lateral (select abs(hashtext(c.owner_id || c.id || s)) as h) r
         where c.owner_id in (select 'hist-user-' || u from generate_series($2::int, $3::int) u)`,
        [lorem, from, to],
      );
      log(
        `seeded users ${from}..${to} of ${p.users} (${Math.round((Date.now() - startedAt) / 1000)} s)`,
      );
    }
    await client.query('vacuum analyze conversations');
    await client.query('vacuum analyze messages');
    // Write the seeded pages out now rather than in a checkpoint during the measurements (needs a
    // superuser or pg_checkpoint; without, the server's own checkpoint schedule applies).
    await client.query('checkpoint').catch(() => undefined);
    const { rows } = await client.query(
      `select (select count(*) from messages where owner_id like 'hist-user-%')::int as messages,
              (select count(*) from conversations where owner_id like 'hist-user-%')::int as conversations,
              (select count(distinct owner_id) from conversations where owner_id like 'hist-user-%')::int as users,
              pg_total_relation_size('messages') as messages_bytes`,
    );
    return { ...rows[0], seconds: (Date.now() - startedAt) / 1000, plan: p };
  } finally {
    await client.end();
  }
}

module.exports = { seed, plan, CONVERSATIONS_PER_USER, LONG_TURNS };

if (require.main === module) {
  const [url] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (!url) {
    process.stderr.write('usage: node test/bench/seed-history.js <DATABASE_URL> [--quick]\n');
    process.exit(2);
  }
  seed(url, { quick: process.argv.includes('--quick'), log: (m) => console.log(m) }).then(
    (result) => console.log(JSON.stringify(result)),
    (error) => {
      process.stderr.write(`${error.stack || error}\n`);
      process.exit(1);
    },
  );
}
