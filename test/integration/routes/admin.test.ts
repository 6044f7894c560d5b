import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { helmetHeaders } from '../../../src/plugins/external/helmet.js';
import { datasetCopy } from '../../support/dataset-copy.js';
import { buildTestApp, testConfig } from '../../support/app.js';
import { useSeededApi } from '../../support/api.js';
import { connect } from '../../support/graph.js';

const KEY = 'test-admin-key-0123456789abcdef';

describe('admin routes', () => {
  const graph = connect();
  let app: FastifyInstance;
  let dataDir: string;
  const lines: string[] = [];
  beforeAll(async () => {
    await graph.seedAlliance();
    // The reload reads a copy of data/ that the test edits.
    dataDir = datasetCopy();
    app = await buildApp(
      { ...testConfig(), adminApiKey: KEY, logLevel: 'info' },
      { applySchemaOnStart: false, dataDir, logStream: { write: (line: string) => void lines.push(line) } },
    );
  });
  afterAll(async () => {
    await app.close();
    await graph.seedAlliance();
    await graph.close();
  });

  it('are off without ADMIN_API_KEY: 404', async () => {
    const plain = await buildTestApp({}, { applySchemaOnStart: false });
    try {
      expect((await plain.inject({ method: 'POST', url: '/v1/admin/reload', headers: { authorization: `Bearer ${KEY}` } })).statusCode).toBe(404);
      expect((await plain.inject('/metrics')).statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('refuse a missing key with 401 and a wrong one with 403, as problems', async () => {
    const missing = await app.inject({ method: 'POST', url: '/v1/admin/reload' });
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    const wrong = await app.inject({ method: 'POST', url: '/v1/admin/reload', headers: { authorization: 'Bearer not-the-key-0123456789abcdef' } });
    expect(wrong.statusCode).toBe(403);
    const wrongLength = await app.inject({ method: 'GET', url: '/metrics', headers: { 'x-api-key': 'x' } });
    expect(wrongLength.statusCode).toBe(403);
  });

  it('reload re-seeds from the data folder and the cached answers change with it', async () => {
    const url = '/v1/companies/nissan?asOf=2016-10-21';
    const before = await app.inject(url);
    // Nissan's holders that day: Daimler's 3.1% (mercedes-stake-nissan-2010) and Renault's 43.4%.
    expect(before.json().stakesIn.map((s: any) => [s.holder.id, s.equityPercent])).toEqual([
      ['mercedes-benz-group', 3.1],
      ['renault', 43.4],
    ]);
    expect((await app.inject(url)).headers['x-cache']).toBe('hit');

    const edited = datasetCopy({ file: 'alliance/relationships.yaml', change: (t) => t.replace('equityPercent: 43.4', 'equityPercent: 43.5') });
    const { cpSync, rmSync } = await import('node:fs');
    rmSync(dataDir, { recursive: true });
    cpSync(edited, dataDir, { recursive: true });

    const reload = await app.inject({ method: 'POST', url: '/v1/admin/reload', headers: { authorization: `Bearer ${KEY}` } });
    expect(reload.statusCode).toBe(200);
    expect(reload.json()).toMatchObject({ changed: true, relationships: { HOLDS_STAKE: { updated: 1 } } });
    const after = await app.inject(url);
    expect(after.headers['x-cache']).toBe('miss');
    expect(after.json().stakesIn.map((s: any) => [s.holder.id, s.equityPercent])).toEqual([
      ['mercedes-benz-group', 3.1],
      ['renault', 43.5],
    ]);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('metrics: Prometheus text with per-route counts and latency histograms, cache hits and Neo4j usage', async () => {
    await app.inject('/v1/brands/dacia');
    // The dataset version is read from Neo4j every 5 s in the background (src/plugins/dataset-version.ts): on a busy box
    // that read can be in flight when /metrics is asked, so ask again (for up to 5 s) until the api pool is idle.
    const ask = () => app.inject({ method: 'GET', url: '/metrics', headers: { 'x-api-key': KEY } });
    let res = await ask();
    for (const deadline = Date.now() + 5_000; /^neo4j_queries_in_flight\{pool="api"\} [1-9]/m.test(res.body) && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 100));
      res = await ask();
    }
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0.0.4/);
    const text = res.body;
    expect(text).toMatch(/^http_requests_total\{method="GET",route="\/v1\/brands\/:id",status="200"\} [1-9]\d*$/m);
    expect(text).toMatch(/^http_request_duration_ms_bucket\{le="\+Inf",method="GET",route="\/v1\/brands\/:id",status="200"\} [1-9]/m);
    expect(text).toMatch(/^response_cache_hits_total [1-9]\d*$/m);
    expect(text).toMatch(/^neo4j_pool_max_connections 32$/m);
    expect(text).toMatch(/^neo4j_queries_in_flight{pool="api"} 0$/m);
    expect(text).toMatch(/^neo4j_queries_in_flight{pool="research"} 0$/m);
    expect(text).toMatch(/^research_queries_queued 0$/m);
    expect(text).toMatch(/^admission_max_in_flight 64$/m);
    expect(text).toMatch(/^admission_in_flight 0$/m);
    expect(text).toMatch(/^admission_refused_total 0$/m);
    expect(text).not.toContain('dacia');
  });

  it('no secret in any log line: keys and passwords are redacted', async () => {
    await app.inject({ method: 'POST', url: '/v1/admin/reload', headers: { authorization: `Bearer ${KEY}`, cookie: 'session=s3cret' } });
    await app.inject({ method: 'GET', url: '/metrics', headers: { 'x-api-key': KEY } });
    const all = lines.join('');
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain(KEY);
    expect(all).not.toContain('s3cret');
    expect(all).not.toContain(testConfig().neo4j.password);
    // The requests were logged (by url), without their headers' secrets.
    expect(all).toContain('"url":"/metrics"');
    expect(all).toContain('dataset reloaded');
  });
});

describe('security headers', () => {
  const { ctx } = useSeededApi();

  it('helmet headers on data answers, and the embed page stays frameable', async () => {
    const data = await ctx.app.inject('/v1/alliances');
    expect(data.headers['x-content-type-options']).toBe('nosniff');
    expect(data.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(data.headers['x-frame-options']).toBeUndefined();
    const embed = await ctx.app.inject('/embed/ownership?asOf=2022-02-08');
    expect(embed.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(embed.headers['x-frame-options']).toBeUndefined();
  });

  it('helmet decides them once; every answer carries the same four: a miss, a cache hit, a problem', async () => {
    expect(helmetHeaders()).toEqual({
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'cross-origin',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    });
    const url = '/v1/companies/nissan?asOf=2003-03-03';
    const answers = [await ctx.app.inject(url), await ctx.app.inject(url), await ctx.app.inject('/v1/companies/no-such-company')];
    expect(answers.map((a) => [a.statusCode, a.headers['x-cache'] ?? null])).toEqual([
      [200, 'miss'],
      [200, 'hit'],
      [404, null],
    ]);
    for (const a of answers) for (const [name, value] of Object.entries(helmetHeaders())) expect(a.headers[name]).toBe(value);
  });
});
