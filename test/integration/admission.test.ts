import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { ALLIANCE } from '../support/api.js';
import { testConfig } from '../support/app.js';
import { connect } from '../support/graph.js';

/**
 * Past the slots, requests wait in a bounded FIFO: a burst the queue can hold is served in full; beyond the
 * queue's room the rest are refused at once with 503 and Retry-After; liveness still answers.
 */
describe('admission control', () => {
  const graph = connect();
  let app: FastifyInstance;
  let roomy: FastifyInstance;
  beforeAll(async () => {
    await graph.seedAlliance();
    app = await buildApp(
      { ...testConfig(), responseCache: false, maxInFlight: 3, admissionQueueMax: 5, admissionDeadlineMs: 30_000 },
      { applySchemaOnStart: false },
    );
    // Default slots and queue; the deadline is raised because this shared test box may serve fewer than
    // 256 answers a second under inject. The deadline itself is tested on fake timers (admission-queue.test.ts).
    roomy = await buildApp({ ...testConfig(), responseCache: false, admissionDeadlineMs: 20_000 }, { applySchemaOnStart: false });
    await Promise.all([app.ready(), roomy.ready()]);
  });
  afterAll(async () => {
    await app?.close();
    await roomy?.close();
    await graph.close();
  });

  it('serves 256 concurrent uncached requests, all 200, by queueing those past the slots', async () => {
    // Warm first (query plans, pooled connections, a measured hold time for the expected wait).
    await Promise.all(Array.from({ length: 64 }, () => roomy.inject({ method: 'GET', url: `/v1/alliances/${ALLIANCE}?asOf=2022-02-08` })));
    const burst = await Promise.all(
      Array.from({ length: 256 }, (_, i) => roomy.inject({ method: 'GET', url: `/v1/alliances/${ALLIANCE}?asOf=${2000 + (i % 26)}-0${1 + (i % 9)}-15` })),
    );
    const statuses = new Map<number, number>();
    for (const answer of burst) statuses.set(answer.statusCode, (statuses.get(answer.statusCode) ?? 0) + 1);
    expect(Object.fromEntries(statuses)).toEqual({ 200: 256 });
    expect(roomy.admission.refused).toBe(0);
    expect(roomy.admission.inFlight).toBe(0);
    expect(roomy.admission.waiting).toBe(0);
  });

  it('answers a burst beyond the slots and the queue with fast 503s and Retry-After while /health/live stays 200', async () => {
    const burst = Array.from({ length: 40 }, (_, i) => app.inject({ method: 'GET', url: `/v1/alliances/${ALLIANCE}?asOf=20${String(10 + (i % 15))}-06-01` }));
    const live = app.inject({ method: 'GET', url: '/health/live' });
    const answers = await Promise.all(burst);
    expect((await live).statusCode).toBe(200);

    const ok = answers.filter((a) => a.statusCode === 200);
    const refused = answers.filter((a) => a.statusCode === 503);
    expect(ok.length + refused.length).toBe(40);
    // Three slots and five places in the line (with a deadline long enough for any box): the other 32 of a
    // burst sent at once are refused at once, for the queue is full.
    expect(ok.length).toBe(8);
    expect(refused.length).toBe(32);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) {
      expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect(JSON.parse(answer.body)).toMatchObject({ status: 503, detail: 'The graph database is saturated; try again shortly' });
    }
    expect(JSON.parse(ok[0]!.body).members.length).toBeGreaterThan(1);
    expect(app.admission.refused).toBe(refused.length);

    // Nothing stays counted: the next request is admitted and answered.
    expect(app.admission.inFlight).toBe(0);
    expect(app.admission.waiting).toBe(0);
    const after = await app.inject({ method: 'GET', url: `/v1/alliances/${ALLIANCE}?asOf=2022-02-08` });
    expect(after.statusCode).toBe(200);
    expect(JSON.parse(after.body).brandCount).toBe(10);
  });
});
