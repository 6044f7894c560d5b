import { describe, expect, it } from 'vitest';
import { DATA_DIR } from '../../../src/project-files.js';
import { readDataset } from '../../../src/services/dataset/read-dataset.js';
import { ALLIANCE, useSeededApi } from '../../support/api.js';

describe('/v1/timeline, /v1/search, /v1/path, /v1/sources', () => {
  const { get } = useSeededApi();

  it('the alliance’s timeline runs from the 1973 Alpine purchase to the 2050 target, in date order', async () => {
    // The whole timeline now spans six groups (it opens with Volkswagen in 1937); this test is about the alliance's
    // own, so it asks for the alliance's entries (its members in any period and their brands).
    const { body } = await get(`/v1/timeline?limit=500&alliance=${ALLIANCE}`);
    expect(body.nextCursor).toBeNull();
    const dates = body.items.map((e: any) => e.date);
    expect(dates).toEqual([...dates].sort());
    expect(body.items[0]).toMatchObject({ date: '1973-01-01', datePrecision: 'year', kind: 'brand-change', title: 'Renault owns the brand Alpine' });
    expect(body.items.at(-1)).toMatchObject({ date: '2050-01-01', kind: 'target-year', title: 'Target: Carbon neutrality by 2050' });
    const kinds = new Set(body.items.map((e: any) => e.kind));
    for (const kind of ['founding', 'member-joined', 'stake-change', 'brand-change', 'plan-announced', 'agreement-change', 'target-year']) {
      expect(kinds).toContain(kind);
    }
  });

  it('filters the timeline by date: 1999 holds the founding, the French State’s 44% of Renault and Renault’s 36.8%', async () => {
    const { body } = await get('/v1/timeline?from=1999-01-01&to=1999-12-31');
    expect(body.items.map((e: any) => e.id)).toEqual([
      'event:alliance-founded-1999',
      // data/alliance/shareholders-renault.yaml: the State's 44% is recorded from the alliance's founding day.
      'start:french-state-stake-renault-1999',
      'start:nissan-member-of-alliance',
      'start:renault-member-of-alliance',
      'start:renault-stake-nissan-1999',
      'start:renault-stake-nissan-1999-hbr',
      'start:renault-owns-dacia',
    ]);
    expect(body.items[1].title).toBe('French State holds 44.0% of Renault');
    expect(body.items[4].title).toBe('Renault holds 36.8% of Nissan');
    const bad = await get('/v1/timeline?from=2000-01-01&to=1999-01-01');
    expect(bad.status).toBe(400);
  });

  it('search ranks the best match first and types every hit', async () => {
    const { body } = await get('/v1/search?q=renault%20korea');
    expect(body.items[0]).toMatchObject({ id: 'renault-korea', type: 'Brand' });
    const assb = await get('/v1/search?q=ASSB');
    expect(assb.body.items[0]).toMatchObject({ id: 'all-solid-state-battery', type: 'Technology' });
    const prefix = await get('/v1/search?q=mitsu');
    expect(prefix.body.items.map((h: any) => h.id)).toEqual(expect.arrayContaining(['mitsubishi-motors', 'mitsubishi-brand']));
  });

  it('search treats Cypher-, SQL- and Lucene-looking text as words', async () => {
    for (const q of ["'; MATCH (n) DETACH DELETE n //", "1' OR '1'='1", 'name:*', 'renault AND NOT nissan~ {}[]^"', '\\u0000']) {
      const { status, body } = await get(`/v1/search?q=${encodeURIComponent(q)}`);
      expect(status, q).toBe(200);
      expect(body.q).toBe(q);
    }
    const nothing = await get('/v1/search?q=%21%21%21');
    expect(nothing.body).toMatchObject({ total: 0, items: [] });
  });

  it('the shortest path from Lada to the Mitsubishi brand in 2022: four hops, ties broken by the ids along the path', async () => {
    // Two paths of four hops exist: through Nissan's stakes, and through the alliance; "nissan" sorts first.
    for (let i = 0; i < 3; i += 1) {
      const { body } = await get('/v1/path?from=lada&to=mitsubishi-brand&asOf=2022-02-08');
      expect(body.length).toBe(4);
      expect(body.nodes.map((n: any) => n.id)).toEqual(['lada', 'renault', 'nissan', 'mitsubishi-motors', 'mitsubishi-brand']);
      expect(body.edges.map((e: any) => e.type)).toEqual(['OWNS_BRAND', 'HOLDS_STAKE', 'HOLDS_STAKE', 'OWNS_BRAND']);
    }
    const via = await get(`/v1/path?from=datsun&to=${ALLIANCE}&asOf=2022-02-08`);
    expect(via.body.nodes.map((n: any) => n.id)).toEqual(['datsun', 'nissan', ALLIANCE]);
  });

  it('no path over relationships that did not hold that day; unknown ids are named', async () => {
    const before = await get('/v1/path?from=lada&to=renault&asOf=2010-01-01');
    expect(before.status).toBe(200);
    expect(before.body.edges.every((e: any) => e.type !== 'OWNS_BRAND' || e.id !== 'renault-owns-lada')).toBe(true);
    const same = await get('/v1/path?from=renault&to=renault');
    expect(same.body).toMatchObject({ length: 0, nodes: [{ id: 'renault', type: 'Company', name: 'Renault' }], edges: [] });
    const unknown = await get('/v1/path?from=renault&to=tesla');
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe('No entity with id "tesla"');
  });

  it('sources: every one in the seven data folders; the article is cited by 29 nodes and 31 relationships (counted in data/)', async () => {
    const list = await get('/v1/sources?limit=500');
    // 523 on 5 December 2026, and growing with the folders.
    expect(list.body.total).toBe(readDataset(DATA_DIR).sources.length);
    const article = await get('/v1/sources/autotrendy-2022-02-08');
    expect(article.body.source).toMatchObject({ publisher: 'Auto Trendy', author: 'Daniel Andzhurov', reviewer: 'Asaf Kedem', publishedOn: '2022-02-08' });
    // Cost parity is tied to common batteries by Motor Authority, not by the article: one relationship fewer.
    expect(article.body.cites).toEqual({ nodes: 29, relationships: 31 });
    expect((await get('/v1/sources/no-such-source')).status).toBe(404);
  });
});
