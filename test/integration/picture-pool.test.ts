import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { PicturePool } from '../../src/services/pictures/picture-pool.js';
import { settled, testConfig } from '../support/app.js';
import { connect } from '../support/graph.js';

const ALLIANCE = 'renault-nissan-mitsubishi-alliance';

/**
 * 48 concurrent PNG renders followed by 400 distinct pictures stalled /health/live for 5.9 s
 * under the image's heap. Pictures are drawn in a worker with a heap of its own and a bounded queue.
 */
describe('pictures drawn in a worker pool', () => {
  const graph = connect();
  let app: FastifyInstance;
  beforeAll(async () => {
    await graph.seedAlliance();
    app = await buildApp({ ...testConfig(), responseCache: false }, { applySchemaOnStart: false });
    await settled(app);
  });
  afterAll(async () => {
    await app?.close();
    await graph.close();
  });

  it('draws SVG and PNG as before', async () => {
    const svg = await app.inject(`/v1/graph/ownership?root=${ALLIANCE}&format=svg&asOf=2022-02-08`);
    expect(svg.statusCode).toBe(200);
    expect(svg.body).toMatch(/<svg[\s\S]*Renault/);
    const png = await app.inject(`/v1/graph/ownership?root=${ALLIANCE}&format=png&asOf=2022-02-08`);
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
  });

  it('queues a burst of 48 pictures, turns the overflow away with 503 and Retry-After, and liveness answers throughout', async () => {
    let live = 0;
    let liveFailures = 0;
    let bursting = true;
    const liveness = (async () => {
      while (bursting) {
        const res = await app.inject('/health/live');
        if (res.statusCode === 200) live += 1;
        else liveFailures += 1;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const answers = await Promise.all(
      Array.from({ length: 48 }, (_, i) => app.inject(`/v1/graph/ownership?root=${ALLIANCE}&format=png&asOf=20${10 + (i % 10)}-0${1 + (i % 9)}-1${i % 10}`)),
    );
    bursting = false;
    await liveness;
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(16);
    for (const refused of answers.filter((a) => a.statusCode === 503)) {
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(liveFailures).toBe(0);
    expect(live).toBeGreaterThan(0);
  });

  it('replaces a worker that takes too long: only its picture fails', async () => {
    const pool = new PicturePool({ timeoutMs: 1 });
    try {
      const nodes = [{ id: 'a', type: 'Company', name: 'A' }] as never;
      await expect(pool.render({ nodes, edges: [] }, 'A', 'svg')).rejects.toMatchObject({ status: 503 });
    } finally {
      await pool.close();
    }
    const patient = new PicturePool({ timeoutMs: 60_000 });
    try {
      const nodes = [{ id: 'a', type: 'Company', name: 'A' }] as never;
      const [slow, next] = await Promise.allSettled([patient.render({ nodes, edges: [] }, 'A', 'svg'), patient.render({ nodes, edges: [] }, 'B', 'png')]);
      expect(slow.status).toBe('fulfilled');
      expect(next.status).toBe('fulfilled');
    } finally {
      await patient.close();
    }
  });
});
