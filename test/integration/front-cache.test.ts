import { request as httpRequest } from 'node:http';
import { connect as connectSocket } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { ALLIANCE } from '../support/api.js';
import { testConfig } from '../support/app.js';
import { connect } from '../support/graph.js';

interface Exchange {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One request over a real socket (the front cache sits in the server, where inject never goes). */
function get(base: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const perExchange = (headers: Exchange['headers']) => {
  const { date: _date, 'x-request-id': _id, ...rest } = headers;
  return rest;
};

/**
 * Repeated GETs are replayed in front of fastify (src/lib/front-cache.ts). What a client gets must be what
 * fastify's own cache hit gives, byte for byte and header for header, with a request id of its own; and
 * every request the table has not seen in exactly that form still goes through fastify and its policies.
 */
describe('the front cache', () => {
  const graph = connect();
  let app: FastifyInstance;
  let base: string;
  const path = `/v1/alliances/${ALLIANCE}?asOf=2022-02-08`;

  beforeAll(async () => {
    await graph.seedAlliance();
    app = await buildApp({ ...testConfig(), cacheWarmPaths: [] }, { applySchemaOnStart: false });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app?.close();
    await graph.close();
  });

  const frontHits = () => app.responseCache.front!.hits;

  it.each([
    ['identity', undefined],
    ['br', 'gzip, deflate, br'],
    ['gzip', 'gzip'],
  ])('replays fastify’s cache hit (%s) with the same status, headers and bytes, and a request id of its own', async (encoding, acceptEncoding) => {
    const headers: Record<string, string> = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
    const miss = await get(base, path, headers);
    expect(miss.status).toBe(200);
    const hit = await get(base, path, headers);
    expect(hit.headers['x-cache']).toBe('hit');
    const before = frontHits();
    const replay = await get(base, path, headers);
    expect(frontHits()).toBe(before + 1);
    expect(replay.status).toBe(200);
    expect(perExchange(replay.headers)).toEqual(perExchange(hit.headers));
    expect(replay.body.equals(hit.body)).toBe(true);
    expect(replay.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(replay.headers['x-request-id']).not.toBe(hit.headers['x-request-id']);
    expect(replay.headers['content-encoding']).toBe(encoding === 'identity' ? undefined : encoding);
    const decoded = encoding === 'br' ? brotliDecompressSync(replay.body) : encoding === 'gzip' ? gunzipSync(replay.body) : replay.body;
    const answer = JSON.parse(decoded.toString('utf8')) as { asOf: string; members: { id: string }[] };
    expect(answer.asOf).toBe('2022-02-08');
    expect(answer.members.map((m) => m.id).sort()).toEqual(['mitsubishi-motors', 'nissan', 'renault']);
  });

  it('keeps the request id a client sends, as fastify does', async () => {
    await get(base, path);
    const replay = await get(base, path, { 'x-request-id': 'trace-4711' });
    expect(replay.headers['x-request-id']).toBe('trace-4711');
    expect(replay.headers['x-cache']).toBe('hit');
  });

  it('answers a request id of any byte the HTTP parser lets through, and keeps serving', async () => {
    await get(base, path);
    const { port } = new URL(base);
    for (const id of ['caf\u00e9\t1', 'x'.repeat(4_000), 'a, b']) {
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = connectSocket(Number(port), '127.0.0.1');
        let text = '';
        socket.on('data', (c: Buffer) => {
          text += c.toString('latin1');
          if (text.includes('\r\n\r\n')) socket.destroy();
        });
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
        socket.write(Buffer.from(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: ${id}\r\n\r\n`, 'latin1'));
      });
      expect(raw.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
      expect(raw.toLowerCase()).toContain(`x-request-id: ${id.toLowerCase()}`);
    }
    expect((await get(base, path)).status).toBe(200);
  });

  it('leaves to fastify what it has not seen in that form: a conditional GET, HEAD, another spelling, an encoded path', async () => {
    const hit = await get(base, path);
    const before = frontHits();
    const conditional = await get(base, path, { 'if-none-match': String(hit.headers.etag) });
    expect(conditional.status).toBe(304);
    expect(conditional.body.length).toBe(0);
    const head = await get(base, path, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    // Same question, parameters spelled in another order: fastify's cache answers it, then the table learns it too.
    const reordered = await get(base, `/v1/alliances/${ALLIANCE}?unknown=1&asOf=2022-02-08`);
    expect(reordered.status).toBe(200);
    expect(reordered.body.equals(hit.body)).toBe(true);
    // The route-policy plugin still refuses a percent-encoded unreserved character: the table never saw it.
    const encoded = await get(base, `/v1/alliances/${ALLIANCE.replace('r', '%72')}?asOf=2022-02-08`);
    expect(encoded.status).toBe(400);
    expect(encoded.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(frontHits()).toBe(before);
  });

  it('replays fastify’s 304 to the same If-None-Match, headers and all, and leaves another validator to fastify', async () => {
    for (const acceptEncoding of [undefined, 'gzip, deflate, br']) {
      const headers: Record<string, string> = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
      await get(base, path, headers);
      const hit = await get(base, path, headers);
      const etag = String(hit.headers.etag);
      const validated = { ...headers, 'if-none-match': etag };
      const fromFastify = await get(base, path, validated);
      expect(fromFastify.status).toBe(304);
      const before = frontHits();
      const replay = await get(base, path, validated);
      expect(frontHits()).toBe(before + 1);
      expect(replay.status).toBe(304);
      expect(replay.body.length).toBe(0);
      expect(replay.headers.etag).toBe(etag);
      expect(replay.headers['content-type']).toBeUndefined();
      expect(perExchange(replay.headers)).toEqual(perExchange(fromFastify.headers));
      expect(replay.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(replay.headers['x-request-id']).not.toBe(fromFastify.headers['x-request-id']);
      // A validator that no longer matches gets the answer, from fastify.
      const stale = await get(base, path, { ...headers, 'if-none-match': '"not-this-one"' });
      expect(stale.status).toBe(200);
      expect(stale.body.equals(hit.body)).toBe(true);
      expect(frontHits()).toBe(before + 1);
    }
  });

  it('counts its answers in the request metrics under the route’s pattern, and in the cache’s hits', async () => {
    const metric = async () => {
      const text = await app.metrics.render();
      const line = text.split('\n').find((l) => l.startsWith('http_requests_total{') && l.includes('route="/v1/alliances/:id"') && l.includes('status="200"'));
      return Number(line?.split(' ').at(-1) ?? 0);
    };
    await get(base, path);
    const [requests, hits] = [await metric(), app.responseCache.hits];
    for (let i = 0; i < 5; i += 1) await get(base, path);
    expect(await metric()).toBe(requests + 5);
    expect(app.responseCache.hits).toBe(hits + 5);
    // Hits answered by fastify's own cache hook never passed the in-flight count's onRequest hook: the gauge stays at zero.
    const inFlight = (await app.metrics.render()).split('\n').find((l) => l.startsWith('http_requests_in_flight '));
    expect(Number(inFlight?.split(' ')[1])).toBeGreaterThanOrEqual(0);
  });
});
