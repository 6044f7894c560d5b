import { describe, expect, it } from 'vitest';
import { CYPHER_EXAMPLE, EXAMPLE_QUESTIONS } from '../../../src/routes/landing.js';
import { useSeededApi } from '../../support/api.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

describe('the index at /', () => {
  const { get, ctx } = useSeededApi();

  it('a browser gets the landing page: what this is, links to /docs and the embed, example questions, the Cypher guide', async () => {
    const res = await get('/', { accept: BROWSER_ACCEPT });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers.vary).toContain('Accept');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    const html = String(res.body);
    expect(html).toContain('<h1>Alliance knowledge-graph API</h1>');
    expect(html).toContain('href="/docs"');
    expect(html).toContain('href="/embed/ownership?root=renault-nissan-mitsubishi-alliance"');
    for (const e of EXAMPLE_QUESTIONS) expect(html).toContain(`href="${e.url.replaceAll('&', '&amp;')}"`);
    expect(html).toContain('<h2>Cypher guide</h2>');
    expect(html).toContain('POST /v1/cypher');
  });

  it('JSON clients, curl and clients that send no Accept get the index as JSON', async () => {
    for (const accept of ['application/json', '*/*', undefined, 'application/json, text/html;q=0.5', 'text/html;q=0.1, application/json']) {
      const res = await get('/', accept ? { accept } : {});
      expect(res.status, String(accept)).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body.links).toMatchObject({ docs: '/docs', openapi: '/openapi.json', embed: '/embed/ownership?root=renault-nissan-mitsubishi-alliance' });
      expect(res.body.examples).toHaveLength(EXAMPLE_QUESTIONS.length);
    }
  });

  it('every example question is answered, with real content', async () => {
    for (const e of EXAMPLE_QUESTIONS) {
      const res = await ctx.app.inject({ url: e.url });
      expect(res.statusCode, e.url).toBe(200);
      expect(res.rawPayload.length, e.url).toBeGreaterThan(100);
    }
    const members = await get(EXAMPLE_QUESTIONS[0].url);
    expect(members.body.items.map((m: any) => m.company?.name ?? m.name)).toEqual(expect.arrayContaining(['Renault', 'Nissan', 'Mitsubishi Motors']));
  });

  it('the Cypher on the page runs through POST /v1/cypher and gives the stakes of 2022', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/v1/cypher', payload: CYPHER_EXAMPLE });
    expect(res.statusCode).toBe(200);
    // The example spans the whole graph (all six groups): 80 stake statements valid on 2022-02-08. The alliance's
    // two holders' rows, checked exactly; the page orders by holder and company only, so two sources on one stake
    // (Renault in Renault Korea Motors: 80.1% and 70.1%, data/alliance/joint-companies.yaml) are sorted by figure here.
    const rows = res.json().rows as [string, string, number][];
    expect(rows.length).toBe(80);
    const byFigure = (a: [string, string, number], b: [string, string, number]) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]) || a[2] - b[2];
    expect(rows.filter((r) => r[0] === 'Renault' || r[0] === 'Nissan').sort(byFigure)).toEqual([
      ['Nissan', 'Alliance Rostec Auto B.V.', 17],
      ['Nissan', 'Dongfeng Motor Co., Ltd.', 50],
      ['Nissan', 'Mitsubishi Motors', 34],
      ['Nissan', 'Renault', 15],
      ['Nissan', 'Renault Nissan Automotive India Private Ltd', 70],
      ['Renault', 'Alliance Rostec Auto B.V.', 50.1],
      ['Renault', 'Nissan', 43.4],
      ['Renault', 'Renault Korea Motors', 70.1],
      ['Renault', 'Renault Korea Motors', 80.1],
      ['Renault', 'Renault Nissan Automotive India Private Ltd', 30],
    ]);
  });
});
