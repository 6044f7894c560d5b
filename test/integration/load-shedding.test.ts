import { afterAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../support/app.js';

describe('load shedding when the event loop lags', () => {
  let app: FastifyInstance | undefined;
  afterAll(() => app?.close());

  it('past the configured limit a request gets a 503 problem with Retry-After, and answers again once the loop is free', async () => {
    app = await buildApp({ ...testConfig(), eventLoopDelayLimitMs: 50 }, { applySchemaOnStart: false });
    await app.ready();
    // Keep the loop busy for 2.5 s in 250 ms slices (the plugin averages the lag over each sampling interval), so
    // that the sample taken meanwhile is far past the limit.
    for (const end = Date.now() + 2_500; Date.now() < end; ) {
      const slice = Date.now() + 250;
      while (Date.now() < slice);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const shed = await app.inject({ url: '/v1/alliances' });
    expect(shed.statusCode).toBe(503);
    expect(shed.headers['content-type']).toContain('application/problem+json');
    expect(Number(shed.headers['retry-after'])).toBeGreaterThan(0);
    expect(shed.json().detail).toBe('The server is overloaded; try again shortly');
    // Two quiet sampling intervals later the lag is gone.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect((await app.inject({ url: '/v1/alliances' })).statusCode).toBe(200);
  }, 30_000);
});
