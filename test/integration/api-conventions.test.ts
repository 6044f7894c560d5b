import { describe, expect, it } from 'vitest';
import { seedFromFolder } from '../../src/services/dataset/seed.js';
import { datasetCopy } from '../support/dataset-copy.js';
import { ALLIANCE, useSeededApi } from '../support/api.js';

const LIST_ROUTES = [
  '/v1/alliances',
  `/v1/alliances/${ALLIANCE}/members`,
  `/v1/alliances/${ALLIANCE}/brands`,
  '/v1/companies',
  '/v1/companies/renault/brands',
  '/v1/brands',
  '/v1/plans',
  '/v1/targets',
  '/v1/platforms',
  '/v1/technologies',
  '/v1/timeline',
  '/v1/search?q=renault',
  '/v1/sources',
];
const DETAIL_ROUTES = [
  `/v1/alliances/${ALLIANCE}`,
  '/v1/companies/nissan',
  '/v1/brands/dacia',
  '/v1/plans/alliance-2030',
  '/v1/sources/autotrendy-2022-02-08',
  '/v1/path?from=renault&to=nissan',
];
const withParam = (url: string, param: string) => `${url}${url.includes('?') ? '&' : '?'}${param}`;

describe('API conventions', () => {
  const { get, graph, ctx } = useSeededApi();

  describe('bad input never gives a 500: each is a 4xx problem', () => {
    const cases: [string, number, RegExp][] = [
      ['/v1/alliances?asOf=2022-13-45', 400, /asOf: must be a real calendar date/],
      ['/v1/alliances?asOf=2023-02-29', 400, /asOf: must be a real calendar date/],
      ['/v1/alliances?asOf=yesterday', 400, /asOf/],
      ['/v1/alliances?limit=1000000000', 400, /limit: Too big/],
      ['/v1/alliances?limit=0', 400, /limit: Too small/],
      ['/v1/alliances?limit=ten', 400, /limit/],
      ['/v1/alliances?cursor=not-a-real-cursor', 400, /Invalid cursor/],
      ['/v1/alliances?cursor=%27%20OR%201%3D1', 400, /cursor/],
      ['/v1/alliances?include=everything', 400, /include/],
      [`/v1/search?q=${'a'.repeat(10_000)}`, 400, /q: Too big/],
      ['/v1/search', 400, /q/],
      ['/v1/companies/Robert%27);%20DROP%20TABLE%20Students;--', 400, /id: must be a kebab-case id/],
      ['/v1/companies/n%29%20DETACH%20DELETE%20n', 400, /id: must be a kebab-case id/],
      // The router refuses path parameters longer than the longest id (120) before any route runs.
      [`/v1/brands/${'x'.repeat(500)}`, 414, /A path parameter is longer than 120 characters/],
      [`/v1/brands/${'x'.repeat(120)}`, 404, /No brand with id/],
      ['/v1/companies/%E0%A4%A', 400, /The request URL is malformed/],
      ['/v1/companies?country=France', 400, /country: must be an ISO 3166-1 alpha-2 code/],
      ['/v1/brands?status=sold', 400, /status/],
      ['/v1/targets?fromYear=20x8', 400, /fromYear/],
      ['/v1/timeline?from=1999-02-30', 400, /from: must be a real calendar date/],
      ['/v1/path?from=renault', 400, /to/],
      ['/v1/companies/no-such-company', 404, /No company with id "no-such-company"/],
      ['/v1/companies/match-n-detach-delete-n', 404, /No company with id/],
    ];
    it.each(cases)('%s → %i', async (url, status, detail) => {
      const res = await get(url);
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.status).toBe(status);
      expect(res.body.detail).toMatch(detail);
      expect(JSON.stringify(res.body)).not.toMatch(/Neo4jError|at .+\.(ts|js):\d+|stack/);
    });

    it('400s carry field-level issues from zod', async () => {
      const { body } = await get('/v1/alliances?asOf=2022-13-45&limit=0');
      expect(body.errors).toEqual(
        expect.arrayContaining([
          { location: 'querystring', path: 'asOf', message: 'must be a real calendar date YYYY-MM-DD' },
          expect.objectContaining({ location: 'querystring', path: 'limit' }),
        ]),
      );
    });

    it('unknown query parameters are ignored (documented in docs/apps.md)', async () => {
      const plain = await get(`/v1/alliances/${ALLIANCE}?asOf=2022-02-08`);
      const extra = await get(`/v1/alliances/${ALLIANCE}?asOf=2022-02-08&utm_source=app&_=123`);
      expect(extra.status).toBe(200);
      expect(extra.body).toEqual(plain.body);
    });

    it('the graph is untouched by all of it', async () => {
      const before = await graph.repositories.dataset.computeContentChecksum();
      for (const [url] of cases) await get(url);
      expect(await graph.repositories.dataset.computeContentChecksum()).toEqual(before);
    });
  });

  it.each(LIST_ROUTES)('%s pages with limit and cursor in a stable order, with a total', async (url) => {
    // Walks every page of one size and checks each page's status and total; gives the ids in order.
    const walk = async (limit: number, total?: number): Promise<{ ids: string[]; total: number }> => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await get(withParam(url, `limit=${limit}&asOf=2022-02-08${cursor ? `&cursor=${cursor}` : ''}`));
        expect(page.status).toBe(200);
        total ??= page.body.total as number;
        expect(page.body.total).toBe(total);
        ids.push(...page.body.items.map((i: any) => i.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      return { ids, total };
    };
    // Pages of the largest size (500) against pages of 2: the timeline and the sources of the grown dataset hold more
    // than 500 items, so the "whole list" is itself paged.
    const all = await walk(500);
    expect(all.ids.length).toBe(all.total);
    const small = await walk(2, all.total);
    expect(small.ids).toEqual(all.ids);
    expect(new Set(small.ids).size).toBe(small.ids.length);
  });

  it.each([...LIST_ROUTES, ...DETAIL_ROUTES])('%s: strong ETag, 304 on If-None-Match, Cache-Control, CORS, request id', async (url) => {
    const first = await get(url, { origin: 'https://app.example' });
    expect(first.status).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=60, must-revalidate');
    expect(first.headers['access-control-allow-origin']).toBe('*');
    expect(first.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const again = await get(url, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();
    const other = await get(url, { 'if-none-match': '"something-else"' });
    expect(other.status).toBe(200);
  });

  it('answers a CORS preflight for GET from any origin', async () => {
    const res = await ctx.app.inject({
      method: 'OPTIONS',
      url: '/v1/alliances',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toContain('GET');
  });

  it('the ETag changes when the dataset version changes, even for an unchanged body', async () => {
    const url = '/v1/plans/alliance-2030';
    const before = await get(url);
    // A change elsewhere in the dataset (a note on an unrelated stake) leaves this body as it was.
    const edited = datasetCopy({
      file: 'alliance/relationships.yaml',
      change: (t) => t.replace('First reported in our sources on 27 June 2014', 'First reported in the sources on 27 June 2014'),
    });
    await seedFromFolder(graph.repositories, edited);
    try {
      await ctx.app.datasetVersion.refresh();
      const after = await get(url);
      expect(after.body).toEqual(before.body);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      expect((await get(url, { 'if-none-match': before.headers.etag as string })).status).toBe(200);
    } finally {
      await graph.seedAlliance();
      await ctx.app.datasetVersion.refresh();
    }
    expect((await get(url)).headers.etag).toBe(before.headers.etag);
  });

  it('a request line over 16 KiB is a 431 problem, written before any route runs', async () => {
    const url = await ctx.app.listen({ host: '127.0.0.1', port: 0 });
    const res = await fetch(`${url}/v1/reconcile?queries=${'a'.repeat(20_000)}`);
    expect(res.status).toBe(431);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toEqual({
      type: 'about:blank',
      title: 'Request Header Fields Too Large',
      status: 431,
      detail: 'The request line and headers are larger than the server reads (16 KiB); send long queries in a POST body',
    });
  });
});
