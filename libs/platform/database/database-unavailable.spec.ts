import { ConnectionException, NotNullConstraintViolationException } from '@mikro-orm/core';
import { isDatabaseUnavailable, mapDatabaseUnavailable } from './database-unavailable';

const withCode = (message: string, fields: Record<string, unknown>) =>
  Object.assign(new Error(message), fields);

describe('isDatabaseUnavailable', () => {
  it.each([
    [
      'a refused connection',
      withCode('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' }),
    ],
    ['a server shutting down (57P01)', withCode('terminating connection', { code: '57P01' })],
    [
      'a server starting up (57P03)',
      withCode('the database system is starting up', { code: '57P03' }),
    ],
    ['too many connections (53300)', withCode('too many clients', { code: '53300' })],
    ['a connection exception class (08006)', withCode('connection failure', { sqlState: '08006' })],
    [
      'a pool timeout',
      new Error('Knex: Timeout acquiring a connection. The pool is probably full.'),
    ],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    [
      'an outage inside a cause',
      withCode('wrapped', { cause: withCode('x', { code: 'ECONNRESET' }) }),
    ],
    ["MikroORM's ConnectionException", new ConnectionException(new Error('gone'))],
  ])('is true for %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    [
      'a not-null violation',
      new NotNullConstraintViolationException(withCode('null', { code: '23502' })),
    ],
    ['invalid text (22P02)', withCode('invalid input syntax', { code: '22P02' })],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing', undefined],
  ])('is false for %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('maps an outage to 503 database_unavailable with Retry-After', () => {
    const problem = mapDatabaseUnavailable(withCode('refused', { code: 'ECONNREFUSED' }));
    expect(problem).toMatchObject({ status: 503, code: 'database_unavailable' });
    expect(problem?.headers['Retry-After']).toBe('5');
  });
});
