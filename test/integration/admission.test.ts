import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { ALLIANCE } from '../support/api.js';
import { testConfig } from '../support/app.js';
import { connect } from '../support/graph.js';

/** A burst beyond what the database can take is refused at once, not queued; liveness still answers. */
describe('admission control', () => {
  const graph = connect();
  let app: FastifyInstance;
  beforeAll(async () => {
    await graph.seedAlliance();
    app = await buildApp({ ...testConfig(), responseCache: false, maxInFlight: 3 }, { applySchemaOnStart: false });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await graph.close();
  });

  it('answers a burst beyond capacity with fast 503s and Retry-After while /health/live stays 200', async () => {
    const burst = Array.from({ length: 40 }, (_, i) => app.inject({ method: 'GET', url: `/v1/alliances/${ALLIANCE}?asOf=20${String(10 + (i % 15))}-06-01` }));
    const live = app.inject({ method: 'GET', url: '/health/live' });
    const answers = await Promise.all(burst);
    expect((await live).statusCode).toBe(200);

    const ok = answers.filter((a) => a.statusCode === 200);
    const refused = answers.filter((a) => a.statusCode === 503);
    expect(ok.length + refused.length).toBe(40);
    expect(ok.length).toBeGreaterThanOrEqual(3);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) {
      expect(answer.headers['retry-after']).toBe('1');
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect(JSON.parse(answer.body)).toMatchObject({ status: 503, detail: 'The graph database is saturated; try again shortly' });
    }
    expect(JSON.parse(ok[0]!.body).members.length).toBeGreaterThan(1);
    expect(app.admission.refused).toBe(refused.length);

    // Nothing stays counted: the next request is admitted and answered.
    expect(app.admission.inFlight).toBe(0);
    const after = await app.inject({ method: 'GET', url: `/v1/alliances/${ALLIANCE}?asOf=2022-02-08` });
    expect(after.statusCode).toBe(200);
    expect(JSON.parse(after.body).brandCount).toBe(10);
  });
});
