import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { ALLIANCE } from '../support/api.js';
import { testConfig } from '../support/app.js';
import { connect } from '../support/graph.js';

const require = createRequire(import.meta.url);
const decode = (encoding: string | undefined, raw: Buffer) => (encoding === 'br' ? brotliDecompressSync(raw) : encoding === 'gzip' ? gunzipSync(raw) : raw);

/** br and gzip past a size threshold; the response cache keeps its compressed copies; embed assets go out precompressed. */
describe('compression', () => {
  const graph = connect();
  let app: FastifyInstance;
  let uncached: FastifyInstance;
  beforeAll(async () => {
    await graph.seedAlliance();
    app = await buildApp({ ...testConfig(), cacheWarmPaths: [] }, { applySchemaOnStart: false });
    uncached = await buildApp({ ...testConfig(), responseCache: false }, { applySchemaOnStart: false });
    await Promise.all([app.ready(), uncached.ready()]);
  });
  afterAll(async () => {
    await app?.close();
    await uncached?.close();
    await graph.close();
  });

  const get = (instance: FastifyInstance, url: string, acceptEncoding?: string) =>
    instance.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

  it('sends the ELK bundle precompressed: br at most 450 KB on the wire, gzip smaller than the 1.6 MB file, both decoding to it', async () => {
    const file = readFileSync(require.resolve('elkjs/lib/elk.bundled.js'));
    const br = await get(app, '/embed/assets/elk.bundled.js', 'gzip, deflate, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('Accept-Encoding');
    expect(br.rawPayload.length).toBeLessThanOrEqual(450 * 1024);
    expect(brotliDecompressSync(br.rawPayload).equals(file)).toBe(true);

    const gz = await get(app, '/embed/assets/elk.bundled.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.rawPayload.length).toBeLessThan(file.length / 2);
    expect(gunzipSync(gz.rawPayload).equals(file)).toBe(true);

    const plain = await get(app, '/embed/assets/elk.bundled.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(file)).toBe(true);
    // Refused with q=0: not that encoding.
    expect((await get(app, '/embed/assets/elk.bundled.js', 'br;q=0, gzip')).headers['content-encoding']).toBe('gzip');
  });

  it('compresses an uncached answer past the threshold on the fly, and leaves a small one alone', async () => {
    const plain = await get(uncached, '/v1/search?q=renalt');
    expect(plain.statusCode).toBe(200);
    expect(plain.rawPayload.length).toBeGreaterThan(1024);
    const br = await get(uncached, '/v1/search?q=renalt', 'br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(JSON.parse(plain.body));

    const small = await get(uncached, '/health/live', 'br');
    expect(small.rawPayload.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('keeps the compressed copies with a cached answer: a hit does not compress again', async () => {
    const url = `/v1/alliances/${ALLIANCE}?asOf=2022-02-08`;
    const reference = JSON.parse((await get(uncached, url)).body);
    const before = app.responseCache.compressions;

    const miss = await get(app, url, 'br, gzip');
    expect(miss.headers['x-cache']).toBe('miss');
    expect(miss.headers['content-encoding']).toBe('br');
    expect(app.responseCache.compressions).toBe(before + 1);

    const hit = await get(app, url, 'br, gzip');
    expect(hit.headers['x-cache']).toBe('hit');
    expect(hit.headers['content-encoding']).toBe('br');
    expect(hit.headers.vary).toContain('Accept-Encoding');
    expect(hit.rawPayload.equals(miss.rawPayload)).toBe(true);
    expect(hit.headers.etag).toBe(miss.headers.etag);
    expect(app.responseCache.compressions).toBe(before + 1);

    // gzip is made once, on the first hit that asks for it, and kept too.
    const gz1 = await get(app, url, 'gzip');
    const gz2 = await get(app, url, 'gzip');
    expect([gz1.headers['content-encoding'], gz2.headers['content-encoding']]).toEqual(['gzip', 'gzip']);
    expect(app.responseCache.compressions).toBe(before + 2);

    const plain = await get(app, url);
    expect(plain.headers['x-cache']).toBe('hit');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(app.responseCache.compressions).toBe(before + 2);
    for (const answer of [miss, hit, gz2, plain])
      expect(JSON.parse(decode(answer.headers['content-encoding'] as string | undefined, answer.rawPayload).toString())).toEqual(reference);

    // A 304 has no body to compress.
    const notModified = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br', 'if-none-match': String(hit.headers.etag) } });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.rawPayload.length).toBe(0);
  });
});
