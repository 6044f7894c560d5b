import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../support/app.js';

describe('health with a real Neo4j', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp({}, { applySchemaOnStart: false });
    await app.repositories.system.applySchema();
  });
  afterAll(() => app.close());

  it('is live', async () => {
    const res = await app.inject('/health/live');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('is ready: Neo4j 5.26 community answers and every declared constraint and index is online', async () => {
    const res = await app.inject('/health/ready');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('ready');
    expect(body.neo4j.version).toMatch(/^5\.26\./);
    expect(body.neo4j.edition).toBe('community');
    expect(body.schema.constraintsAndIndexes).toBe(app.repositories.system.schemaNames.length);
    expect(body.schema.constraintsAndIndexes).toBeGreaterThanOrEqual(13);
  });

  it('applies the schema idempotently', async () => {
    const again = await app.repositories.system.applySchema();
    expect(again.statements).toBe(app.repositories.system.schemaNames.length);
    expect(await app.repositories.system.findMissingSchema()).toEqual([]);
  });

  it('answers unknown routes with a 404 problem', async () => {
    const res = await app.inject('/no/such/route?x=1');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No route GET /no/such/route',
      instance: '/no/such/route',
    });
    expect(res.json().requestId).toBe(res.headers['x-request-id']);
  });

  it('serves the OpenAPI document and the docs page', async () => {
    const spec = await app.inject('/openapi.json');
    expect(spec.statusCode).toBe(200);
    expect(spec.json().openapi).toBe('3.1.0');
    expect(Object.keys(spec.json().paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready']));
    const docs = await app.inject('/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
  });

  it('tells HTTP caches what each route declares: health never kept, the docs their own headers, the document an ETag', async () => {
    for (const path of ['/health/live', '/health/ready']) {
      const res = await app.inject(path);
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers.etag).toBeUndefined();
    }
    // swagger-ui's static files: its weak ETag and Cache-Control, not the API's.
    const docs = await app.inject('/docs/static/index.css');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers.etag).toMatch(/^W\//);
    expect(docs.headers['cache-control']).toBe('public, max-age=0');
    const page = await app.inject('/docs/');
    expect(page.headers.etag).toBeUndefined();
    const spec = await app.inject('/openapi.json');
    expect(spec.headers.etag).toMatch(/^"[^"]+"$/);
    expect(spec.headers['cache-control']).toBe('public, max-age=60, must-revalidate');
  });
});

describe('health when the schema is not applied', () => {
  it('answers 503 problem+json naming what is missing', async () => {
    const schemaDir = mkdtempSync(join(tmpdir(), 'schema-'));
    writeFileSync(join(schemaDir, '001.cypher'), 'CREATE INDEX never_applied_index IF NOT EXISTS FOR (n:Nothing) ON (n.x);\n');
    const app = await buildTestApp({}, { applySchemaOnStart: false, schemaDir });
    try {
      const res = await app.inject('/health/ready');
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json().detail).toBe('The schema is not applied yet (missing: never_applied_index)');
    } finally {
      await app.close();
    }
  });
});

describe('health when Neo4j is unreachable', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    // Port 1 on loopback refuses connections at once: the app must still start.
    app = await buildTestApp({ uri: 'bolt://127.0.0.1:1' });
  });
  afterAll(() => app.close());

  it('stays live', async () => {
    expect((await app.inject('/health/live')).statusCode).toBe(200);
  });

  it('is not ready: 503 problem+json with Retry-After, no driver message', async () => {
    const res = await app.inject('/health/ready');
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBe('5');
    const body = res.json();
    expect(body).toMatchObject({ status: 503, title: 'Service Unavailable', detail: 'Neo4j is not reachable' });
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|ServiceUnavailable|at .*\.js/);
  });

  it.each(['/v1/alliances', '/v1/companies/renault', '/v1/search?q=renault'])(
    '%s answers 503 problem+json with Retry-After, no driver message',
    async (url) => {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json().detail).toBe('The graph database is unavailable; try again shortly');
      expect(res.body).not.toMatch(/ECONNREFUSED|Neo4jError|bolt:/);
    },
  );
});
