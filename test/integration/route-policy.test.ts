import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nonCanonicalEscape } from '../../src/plugins/route-policy.js';
import { buildTestApp, settled } from '../support/app.js';
import { connect } from '../support/graph.js';

/** Percent-encodes the character at `at` of a path: `/v1/cypher`, 4 → `/v1/%63ypher`. */
const encodeAt = (path: string, at: number) => `${path.slice(0, at)}%${path.charCodeAt(at).toString(16).padStart(2, '0')}${path.slice(at + 1)}`;

const EVIL = 'http://evil.example';

/**
 * routing decodes the path, so the policies (CORS and the research Origin check, cost limits,
 * caching, admission) are decided on the route the router matched, and a path that percent-encodes an
 * unreserved character is refused before any of them runs.
 */
describe('policies are the matched route’s, and non-canonical paths are refused', () => {
  const graph = connect();
  let app: FastifyInstance;
  beforeAll(async () => {
    await graph.seedAlliance();
    app = await buildTestApp({}, { applySchemaOnStart: false });
    await settled(app);
  });
  afterAll(async () => {
    await app?.close();
    await graph.close();
  });

  // Each policy's route, the way an attacker spelled it in the review, and variations.
  const ENCODED: { name: string; method: 'GET' | 'POST'; url: string; headers?: Record<string, string>; payload?: object }[] = [
    { name: 'research CORS: /v1/%63ypher', method: 'POST', url: '/v1/%63ypher', headers: { origin: EVIL }, payload: { query: 'RETURN 1' } },
    { name: 'research CORS: /v1/cyph%65r', method: 'POST', url: encodeAt('/v1/cypher', 8), headers: { origin: EVIL }, payload: { query: 'RETURN 1' } },
    {
      name: 'research CORS: /v1/%71ueries/…',
      method: 'POST',
      url: '/v1/%71ueries/stakes-valid-on',
      headers: { origin: EVIL },
      payload: { params: { asOf: '2016-10-21' } },
    },
    {
      name: 'research CORS: /v1/queries/%73takes-valid-on',
      method: 'POST',
      url: '/v1/queries/%73takes-valid-on',
      headers: { origin: EVIL },
      payload: { params: { asOf: '2016-10-21' } },
    },
    { name: 'MCP Origin: /%6Dcp', method: 'POST', url: '/%6Dcp', headers: { origin: EVIL }, payload: {} },
    { name: 'expensive GET: /v1/graph/%6Fwnership?depth=6', method: 'GET', url: '/v1/graph/%6Fwnership?root=renault&depth=6' },
    { name: 'expensive GET: /v1/ownership/%65ffective', method: 'GET', url: '/v1/ownership/%65ffective?holder=renault' },
    { name: 'expensive GET: lower-case hex /v1/e%78port', method: 'GET', url: '/v1/e%78port' },
    { name: 'expensive GET: /v1/pat%68', method: 'GET', url: '/v1/pat%68?from=dacia&to=infiniti' },
    { name: 'expensive GET: versions diff /v1/versions/1/%64iff/2', method: 'GET', url: '/v1/versions/1/%64iff/2' },
    { name: 'cache and admission: /%761/companies', method: 'GET', url: '/%761/companies' },
    { name: 'cache and admission: %2D for "-" in an id', method: 'GET', url: '/v1/alliances/renault%2Dnissan-mitsubishi-alliance' },
    { name: 'a dot: /v1/companies/renault%2Ex', method: 'GET', url: '/v1/companies/renault%2Ex' },
    { name: 'tilde and underscore: /v1/companies/%7E%5F', method: 'GET', url: '/v1/companies/%7E%5F' },
    { name: 'admin reload: /v1/%61dmin/reload', method: 'POST', url: '/v1/%61dmin/reload', payload: {} },
    { name: 'health: /health/%6Cive', method: 'GET', url: '/health/%6Cive' },
  ];

  for (const attempt of ENCODED) {
    it(`refuses ${attempt.name} with a 400 problem, before any policy or handler`, async () => {
      const res = await app.inject({
        method: attempt.method,
        url: attempt.url,
        ...(attempt.headers ? { headers: attempt.headers } : {}),
        ...(attempt.payload ? { payload: attempt.payload } : {}),
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().detail).toMatch(/percent-encodes the unreserved character/);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['x-cache']).toBeUndefined();
    });
  }

  it('keeps reserved characters percent-encoded where they mean data (a space, a slash, non-ASCII)', async () => {
    expect(nonCanonicalEscape('/v1/search?q=%41')).toBeNull();
    expect(nonCanonicalEscape('/v1/companies/a%20b')).toBeNull();
    expect(nonCanonicalEscape('/v1/companies/a%2Fb')).toBeNull();
    expect(nonCanonicalEscape('/v1/companies/%E6%97%A5')).toBeNull();
    expect(nonCanonicalEscape('/v1/companies/%zz')).toBeNull();
    expect(nonCanonicalEscape('/v1/companies/%4')).toBeNull();
    expect(nonCanonicalEscape('/v1/companies/ok%2dno')).toBe('%2d');
    // A percent-encoded query string is the query's business, decoded by its parser: allowed.
    const res = await app.inject('/v1/search?%71=renault');
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0].id).toBe('renault');
  });

  it('decides the expensive-GET limit by the route and its parsed parameters, however the query spells them', async () => {
    const limited = await buildTestApp({}, { applySchemaOnStart: false });
    await settled(limited);
    try {
      const deep = await limited.inject('/v1/graph/ownership?root=renault&%64epth=6');
      expect(deep.statusCode).toBe(200);
      expect(deep.headers['ratelimit-policy']).toMatch(/^"expensive-gets"/);
      const diff = await limited.inject('/v1/versions/1/diff/1');
      expect(diff.headers['ratelimit-policy']).toMatch(/^"expensive-gets"/);
      const shallow = await limited.inject('/v1/graph/ownership?root=renault&depth=2');
      expect(shallow.headers['ratelimit-policy']).toBeUndefined();
    } finally {
      await limited.close();
    }
  });
});

describe('/mcp checks Origin against the research allow-list and has no wildcard CORS', () => {
  let closed: FastifyInstance;
  let open: FastifyInstance;
  const initialize = {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
  };
  const mcpHeaders = { accept: 'application/json, text/event-stream', 'content-type': 'application/json' };
  beforeAll(async () => {
    closed = await buildTestApp({}, { applySchemaOnStart: false });
    open = await buildTestApp({}, { applySchemaOnStart: false }, { corsOrigins: ['https://agents.example.org'] });
    await settled(closed);
    await settled(open);
  });
  afterAll(async () => {
    await closed?.close();
    await open?.close();
  });

  for (const [name, origin] of [
    ['an attacker’s page', EVIL],
    ['a localhost page (DNS rebinding)', 'http://127.0.0.1:8080'],
    ['the null origin of a sandboxed frame', 'null'],
  ] as const) {
    it(`refuses a POST from ${name} with 403, and its preflight too`, async () => {
      const post = await closed.inject({ method: 'POST', url: '/mcp', headers: { ...mcpHeaders, origin }, payload: initialize });
      expect(post.statusCode).toBe(403);
      expect(post.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(post.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await closed.inject({
        method: 'OPTIONS',
        url: '/mcp',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, mcp-protocol-version' },
      });
      expect(preflight.statusCode).toBe(403);
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      for (const method of ['GET', 'DELETE'] as const) {
        const other = await closed.inject({ method, url: '/mcp', headers: { origin } });
        expect(other.statusCode).toBe(403);
      }
    });
  }

  it('answers agents that send no Origin (scripts, desktop clients), without a wildcard', async () => {
    const res = await closed.inject({ method: 'POST', url: '/mcp', headers: mcpHeaders, payload: initialize });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('lets an allowed origin in, echoed, never *; other origins stay out', async () => {
    const res = await open.inject({ method: 'POST', url: '/mcp', headers: { ...mcpHeaders, origin: 'https://agents.example.org' }, payload: initialize });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('https://agents.example.org');
    const preflight = await open.inject({
      method: 'OPTIONS',
      url: '/mcp',
      headers: { origin: 'https://agents.example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://agents.example.org');
    const other = await open.inject({
      method: 'POST',
      url: '/mcp',
      headers: { ...mcpHeaders, origin: 'https://agents.example.org.evil.example' },
      payload: initialize,
    });
    expect(other.statusCode).toBe(403);
  });

  it('advertises only what a stateless server can do: no list-change notifications, no subscriptions', async () => {
    const res = await closed.inject({ method: 'POST', url: '/mcp', headers: mcpHeaders, payload: initialize });
    const capabilities = res.json().result.capabilities;
    expect(capabilities.tools?.listChanged).not.toBe(true);
    expect(capabilities.resources?.listChanged).not.toBe(true);
    expect(capabilities.resources?.subscribe).not.toBe(true);
    expect(capabilities.logging).toBeUndefined();
  });

  it('keeps the typed GETs open to every origin', async () => {
    const res = await closed.inject({ url: '/v1/companies', headers: { origin: EVIL } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });
});
