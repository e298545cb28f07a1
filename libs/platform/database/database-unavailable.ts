import { ConnectionException } from '@mikro-orm/core';
import { HttpProblem } from '../http/error-envelope';

/** How long a client should wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Socket-level failures: the server is not there (yet), or went away mid-query. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATE classes and codes that mean "the database cannot serve now", not "this statement is
 * wrong": connection exceptions (08), insufficient resources (53), operator intervention (57P*:
 * shutdown, restart, not yet accepting connections).
 */
const UNAVAILABLE_STATES = /^(08|53|57P0[1-4])/;

/**
 * Messages of the driver and pool that carry no code. knex says "Transaction query already
 * complete" when the connection under an open transaction was lost and it rolled back.
 */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|Connection ended unexpectedly|Timeout acquiring a connection|connection is closed|Client has encountered a connection error|Transaction query already complete/i;

/**
 * True when `error` says PostgreSQL is unreachable or refusing work for now, as opposed to a
 * query or data error: worth a retry later, and a 503 rather than a 500 to a client.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; depth += 1) {
    if (e instanceof ConnectionException) return true;
    const fields = e as { code?: unknown; sqlState?: unknown; message?: unknown; cause?: unknown };
    const code = typeof fields.code === 'string' ? fields.code : '';
    const state = typeof fields.sqlState === 'string' ? fields.sqlState : code;
    if (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.test(state)) return true;
    if (typeof fields.message === 'string' && UNAVAILABLE_MESSAGES.test(fields.message))
      return true;
    e = fields.cause;
  }
  return false;
}

/** The database down for now: 503 with Retry-After, as readiness already reports it. */
export function mapDatabaseUnavailable(error: unknown): HttpProblem | undefined {
  if (!isDatabaseUnavailable(error)) return undefined;
  return new HttpProblem(
    503,
    'database_unavailable',
    'The database is unavailable; retry shortly',
    { retryable: true },
    { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
  );
}
