import { describe, expect, it } from 'vitest';
import { ALLIANCE, useSeededApi } from '../../support/api.js';

const HTML = { accept: 'text/html' };

describe('the explorer pages', () => {
  const { get } = useSeededApi();

  const page = async (url: string) => {
    const res = await get(url, HTML);
    return { ...res, html: String(res.body) };
  };

  it('an entity page is HTML under a strict CSP: no inline script or style, same-origin loads only', async () => {
    const res = await page('/explore/company/nissan?asOf=2016-10-20');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.html).not.toMatch(/<script>|<style|\sstyle="|\son[a-z]+="/);
    // Nothing is loaded from another site (links out to sources are links, not loads).
    for (const [, url] of res.html.matchAll(/<(?:script|img|link)[^>]+(?:src|href)="([^"]+)"/g)) expect(url, url).toMatch(/^(\/|data:)/);
  });

  it('shows a company on the day asked: stakes on both bases, look-through, ultimate owners, controller, people, timeline, sources with quotes', async () => {
    const { html } = await page('/explore/company/nissan?asOf=2016-10-20');
    expect(html).toContain('<h1>Nissan</h1>');
    expect(html).toMatch(/Mitsubishi Motors<\/a><\/th>\s*<td class="num">34%/);
    expect(html).toMatch(/Renault<\/a><\/th>\s*<td class="num">43.4%/);
    expect(html).toContain('Net (issued)');
    expect(html).toContain('Integrated (voting)');
    expect(html).toContain('Who ultimately holds it on 2016-10-20, by shares issued');
    expect(html).toContain('No controller.');
    expect(html).toContain('Hiroto Saikawa');
    expect(html).toContain('<blockquote');
    expect(html).toContain('日産自動車');
    expect(html).toContain('href="/v1/graph/ownership?root=nissan&amp;asOf=2016-10-20&amp;format=png"');
    expect(html).toContain('href="/v1/export?format=bods"');
  });

  it('brand, alliance and person pages', async () => {
    const brand = await page('/explore/brand/renault-samsung?asOf=2021-01-01');
    expect(brand.status).toBe(200);
    expect(brand.html).toContain('Renamed to');
    const alliance = await page(`/explore/alliance/${ALLIANCE}?asOf=2022-02-08`);
    expect(alliance.status).toBe(200);
    expect(alliance.html).toContain('Mitsubishi Motors');
    const person = await page('/explore/person/carlos-ghosn?asOf=2010-01-01');
    expect(person.status).toBe(200);
    expect(person.html).toContain('Chairman and CEO');
  });

  it('compare lists the changes with the events behind them and the derived shares', async () => {
    const { status, html } = await page('/explore/compare?from=2023-11-08&to=2023-11-08');
    expect(status).toBe(200);
    expect(html).toContain('Rebalanced Renault–Nissan alliance comes into force');
    expect(html).toContain('28.4% of the shares');
    expect(html).toContain('Look-through shares on 2023-11-07 and on 2023-11-08 that differ: net (the main figure)');
    expect((await page('/explore/compare')).status).toBe(200);
  });

  it('answers 404 and 400 as pages, not stack traces', async () => {
    expect((await page('/explore/company/no-such-company')).status).toBe(404);
    expect((await page('/explore/planet/nissan')).status).toBe(404);
    expect((await page('/explore/company/nissan?asOf=2016-02-30')).status).toBe(400);
    expect((await page('/explore/company/nissan?asOf=yesterday')).status).toBe(400);
    expect((await page('/explore/compare?from=2024-01-01&to=2023-01-01')).status).toBe(400);
    expect((await page('/explore/compare?from=2023-01-01&to=2024-01-01&entity=%3Cb%3E')).status).toBe(400);
    const notFound = await page('/explore/company/no-such-company');
    expect(notFound.html).toContain('No company with id <code>no-such-company</code>');
  });

  it('search finds names in every script; an empty search goes home', async () => {
    for (const [q, name] of [
      ['日産', 'Nissan'],
      ['Лада', 'Lada'],
      ['르노코리아', 'Renault Korea'],
      ['renualt', 'Renault'],
    ] as const) {
      const { status, html } = await page(`/explore/search?q=${encodeURIComponent(q)}`);
      expect(status, q).toBe(200);
      expect(html, q).toContain(`>${name}</a>`);
    }
    const empty = await get('/explore/search?q=', HTML);
    expect(empty.status).toBe(303);
  });

  it('serves its one script and one style sheet', async () => {
    const js = await get('/explore/assets/explorer.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const css = await get('/explore/assets/explorer.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get('/explore/assets/other.js')).status).toBe(400);
  });

  it('the home page for browsers has the search, the day, the alliance, and the developers’ index', async () => {
    const { html } = await page('/?asOf=2016-10-20');
    expect(html).toContain('role="combobox"');
    expect(html).toContain('value="2016-10-20"');
    expect(html).toContain(`href="/explore/alliance/${ALLIANCE}?asOf=2016-10-20"`);
    expect(html).toContain('<h2>Cypher guide</h2>');
  });
});
