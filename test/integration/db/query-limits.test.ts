import Fastify, { type FastifyInstance } from 'fastify';
import { Neo4jError } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryLimitOf } from '../../../src/db/errors.js';
import { installErrorHandling } from '../../../src/plugins/error-handling.js';
import { connect } from '../../support/graph.js';

/**
 * On a large graph a typed question can pass one of Neo4j's limits on a query (neo4j/neo4j.conf: 64 MB of memory
 * and 30 s each, 512 MB for all together). That is the question's size, not a bug: a 422 that says to narrow it,
 * or a 503 with Retry-After when all queries together used the memory. Here Neo4j itself raises the errors, and a
 * route behind the app's error handling throws them.
 */
describe('a question stopped by a Neo4j limit', () => {
  const graph = connect();
  let app: FastifyInstance;
  const raised: Record<string, unknown> = {};
  const raise = async (cypher: string, timeoutMs?: number) => {
    try {
      await graph.driver.executeQuery(cypher, {}, { database: graph.runner.database, ...(timeoutMs ? { transactionConfig: { timeout: timeoutMs } } : {}) });
    } catch (error) {
      return error;
    }
    throw new Error(`${cypher} passed no limit`);
  };
  beforeAll(async () => {
    raised.memory = await raise('UNWIND range(1, 50000000) AS x WITH collect(x) AS xs RETURN size(xs) AS n');
    raised.time = await raise('UNWIND range(1, 1000000000) AS x WITH x WHERE x < 0 RETURN count(*) AS n', 200);
    // All queries' memory together cannot be filled from one test without starving the suite; its error is Neo4j's
    // own words when that happened on the benchmark's instance.
    raised.shared = new Neo4jError(
      'The allocation of an extra 445.2 MiB would use more than the limit 3.0 GiB. Currently using 2.6 GiB. dbms.memory.transaction.total.max threshold reached',
      'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
      '50N42',
      'error: general processing exception - unexpected error',
    );
    app = Fastify({ logger: false });
    installErrorHandling(app);
    app.get('/test-only/limit/:kind', async (request) => {
      throw raised[(request.params as { kind: string }).kind];
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await graph.close();
  });

  it('tells the limits apart from Neo4j’s errors', () => {
    expect([queryLimitOf(raised.memory), queryLimitOf(raised.time), queryLimitOf(raised.shared)]).toEqual(['own-memory', 'time', 'shared-memory']);
    expect(queryLimitOf(new Error('Neo.TransientError.General.MemoryPoolOutOfMemoryError'))).toBeNull();
  });

  it('answers a problem, never a 500: 422 to narrow the question, 503 with Retry-After when every query’s memory is spent', async () => {
    const answers = await Promise.all(['memory', 'time', 'shared'].map((kind) => app.inject({ method: 'GET', url: `/test-only/limit/${kind}` })));
    expect(answers.map((a) => [a.statusCode, a.headers['content-type'], a.headers['retry-after'] ?? null])).toEqual([
      [422, 'application/problem+json; charset=utf-8', null],
      [422, 'application/problem+json; charset=utf-8', null],
      [503, 'application/problem+json; charset=utf-8', '5'],
    ]);
    expect(answers.map((a) => [a.json().title, a.json().detail])).toEqual([
      [
        'Question too large',
        'The question needed more memory than the graph database gives one query and was stopped; ask a narrower one (a shorter period, one entity or one kind)',
      ],
      [
        'Question too large',
        'The question needed more time than the graph database gives one query and was stopped; ask a narrower one (a shorter period, one entity or one kind)',
      ],
      ['Service Unavailable', 'The graph database has no memory left for another query right now; try again shortly'],
    ]);
    // Neo4j's own words (sizes, settings) stay in the log.
    for (const a of answers) expect(a.body).not.toMatch(/MiB|dbms\.|db\.memory|Neo\./);
  });
});
