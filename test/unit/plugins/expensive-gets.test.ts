import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import expensiveGets from '../../../src/plugins/expensive-gets.js';
import rateLimit from '../../../src/plugins/external/rate-limit.js';
import routePolicy from '../../../src/plugins/route-policy.js';

/** Stands in for the response cache: `?cached` is answered by its hook, before the limit's. */
const responseCache = fp(
  async (app) => {
    app.addHook('onRequest', (request, reply, done) => {
      if (request.url.endsWith('?cached')) return void reply.send({ cached: true });
      done();
    });
  },
  { name: 'http-caching' },
);

async function appWithLimit(perMinute: number, storeUrl?: string): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(routePolicy);
  await app.register(rateLimit, storeUrl ? { storeUrl } : {});
  await app.register(responseCache);
  await app.register(expensiveGets, { perMinute });
  app.get('/v1/path', { config: { policy: { cost: 'expensive' } } }, async () => ({ ok: true }));
  app.get('/v1/export', { config: { policy: { cost: 'expensive' } } }, async () => ({ ok: true }));
  app.get('/v1/companies', async () => ({ ok: true }));
  await app.ready();
  return app;
}

describe('the per-client limit of expensive GETs', () => {
  let app: FastifyInstance;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-01-01T00:00:00Z'));
  });
  afterEach(async () => {
    await app?.close();
    vi.useRealTimers();
  });

  it('counts every expensive route together, per client, and answers 429 problem+json with Retry-After past it', async () => {
    app = await appWithLimit(2);
    const first = await app.inject('/v1/path');
    expect(first.statusCode).toBe(200);
    expect(first.headers['ratelimit-policy']).toBe('"expensive-gets";q=2;w=60');
    expect(first.headers.ratelimit).toBe('"expensive-gets";r=1;t=60');
    vi.advanceTimersByTime(10_000);
    expect((await app.inject('/v1/export')).headers.ratelimit).toBe('"expensive-gets";r=0;t=50');
    const over = await app.inject('/v1/path');
    expect(over.statusCode).toBe(429);
    expect(over.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(over.headers['retry-after']).toBe('50');
    expect(over.headers.ratelimit).toBe('"expensive-gets";r=0;t=50');
    expect(over.json()).toMatchObject({
      status: 429,
      detail: 'At most 2 deep-graph, look-through, export and path requests a minute per client',
      instance: '/v1/path',
    });
    // Cheap routes, answers from the cache and other clients are not counted against it.
    expect((await app.inject('/v1/companies')).statusCode).toBe(200);
    expect((await app.inject('/v1/path?cached')).statusCode).toBe(200);
    expect((await app.inject({ url: '/v1/path', remoteAddress: '127.0.0.2' })).statusCode).toBe(200);
  });

  it('opens again when the client’s minute is over', async () => {
    app = await appWithLimit(1);
    expect((await app.inject('/v1/path')).statusCode).toBe(200);
    vi.advanceTimersByTime(59_000);
    expect((await app.inject('/v1/path')).statusCode).toBe(429);
    vi.advanceTimersByTime(1_000);
    expect((await app.inject('/v1/path')).statusCode).toBe(200);
  });

  it('charges an MCP tool call (take) to the same count as the HTTP routes', async () => {
    app = await appWithLimit(2);
    expect((await app.inject('/v1/path')).statusCode).toBe(200);
    const request = { ip: '127.0.0.1', routeOptions: { config: {} } } as never;
    expect(await app.expensiveGets.take(request)).toBeNull();
    expect(await app.expensiveGets.take(request)).toBe(60);
    expect((await app.inject('/v1/path')).statusCode).toBe(429);
  });
});

describe('the limit when its shared store cannot be reached', () => {
  it('fails open: requests are answered, not refused, while the store is away', async () => {
    // A port nothing listens on: the store is down from the start.
    const app = await appWithLimit(1, 'redis://127.0.0.1:1');
    try {
      expect(app.limitStore?.status).not.toBe('ready');
      const answers = await Promise.all([1, 2, 3].map(() => app.inject('/v1/path')));
      expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    } finally {
      await app.close();
    }
  }, 15_000);
});
