import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { start, status, stop } from '../../neo4j/local-server.js';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../support/app.js';
import { connect } from '../support/graph.js';

/**
 * Stops and restarts the real local Neo4j in the middle of requests. Runs where the suite manages that
 * Neo4j itself (the local choice, this checkout's own server); a server given by NEO4J_URI, or another
 * checkout's Neo4j answering on the port, is never stopped by tests.
 * Times are printed for the Reliability section of docs/operators.md; the bounds asserted only catch hangs.
 */
describe.runIf(inject('neo4j').choice === 'local' && inject('neo4j').ownLocalServer)('when Neo4j goes away and comes back', () => {
  const db = inject('neo4j');
  const graph = connect();
  let app: FastifyInstance;
  beforeAll(async () => {
    await graph.seedAlliance();
    // Every question must reach Neo4j while it is gone: no response cache, no warming.
    app = await buildApp({ ...testConfig(), responseCache: false, cacheWarmPaths: [] }, { applySchemaOnStart: false });
  });
  afterAll(async () => {
    await start({ user: db.user, password: db.password });
    await app.close();
    await graph.close();
  });

  it('stays up, answers 503 problems with Retry-After quickly while it is down, and recovers by itself', { timeout: 180_000 }, async () => {
    const readyBefore = await app.inject('/health/ready');
    expect(readyBefore.statusCode, readyBefore.body).toBe(200);
    const statuses: number[] = [];
    let day = 1;
    let running = true;
    // Uncached questions (a new day each time) keep hitting Neo4j throughout.
    const traffic = (async () => {
      while (running) {
        const res = await app.inject(`/v1/companies/nissan?asOf=2020-01-${String((day++ % 28) + 1).padStart(2, '0')}&limit=${day}`);
        statuses.push(res.statusCode);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    await stop({ user: db.user, password: db.password });

    const t0 = performance.now();
    const down = await app.inject('/v1/companies/nissan?asOf=2019-06-01');
    const answeredIn = performance.now() - t0;
    expect(down.statusCode).toBe(503);
    expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(down.headers['retry-after']).toBe('5');
    expect(down.json().detail).toBe('The graph database is unavailable; try again shortly');
    expect(answeredIn).toBeLessThan(5_000);
    const ready = await app.inject('/health/ready');
    expect(ready.statusCode).toBe(503);
    expect((await app.inject('/health/live')).statusCode).toBe(200);

    await start({ user: db.user, password: db.password });
    const back = performance.now();
    let recoveredIn = -1;
    while (performance.now() - back < 30_000) {
      if ((await app.inject('/health/ready')).statusCode === 200) {
        recoveredIn = performance.now() - back;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(recoveredIn).toBeGreaterThanOrEqual(0);
    expect((await app.inject('/v1/companies/nissan?asOf=2019-06-02')).statusCode).toBe(200);
    running = false;
    await traffic;

    console.log(
      `[reliability] 503 answered in ${answeredIn.toFixed(0)} ms while Neo4j was down; ready again ${recoveredIn.toFixed(0)} ms after Bolt answered; statuses seen: ${[...new Set(statuses)].sort().join(', ')} over ${statuses.length} requests`,
    );
    expect(new Set(statuses)).toEqual(new Set([200, 503]));
  });

  it('comes back by itself when the server dies (the supervisor local-server.ts starts with it)', { timeout: 180_000 }, async () => {
    await start({ user: db.user, password: db.password });
    const before = await status({ user: db.user, password: db.password });
    expect(before.pid).not.toBeNull();
    // As an OutOfMemoryError does with -XX:+ExitOnOutOfMemoryError: the JVM is gone at once.
    process.kill(before.pid!, 'SIGKILL');
    const t0 = performance.now();
    let backIn = -1;
    while (performance.now() - t0 < 150_000) {
      await new Promise((r) => setTimeout(r, 500));
      if ((await app.inject('/health/ready')).statusCode === 200) {
        backIn = performance.now() - t0;
        break;
      }
    }
    console.log(`[reliability] Neo4j killed with SIGKILL was started again by its supervisor and ready after ${(backIn / 1000).toFixed(1)} s`);
    expect(backIn).toBeGreaterThan(0);
    const after = await status({ user: db.user, password: db.password });
    expect(after.pid).not.toBe(before.pid);
    expect(after.boltAnswers).toBe(true);
  });
});
