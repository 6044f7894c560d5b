import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE, connect } from '../support/graph.js';

/** Every fact of the seed article, asserted through Cypher against the seeded graph, with the article as source. */
describe('the facts of the seed article are in the graph, sourced', () => {
  const g = connect();
  beforeAll(async () => {
    await g.seedAlliance();
  });
  afterAll(() => g.close());

  const one = async (cypher: string, params: Record<string, unknown> = {}) => {
    const rows = await g.query(cypher, params);
    expect(rows).toHaveLength(1);
    return rows[0]!;
  };

  it('the article is a Source with its title, publisher, author, reviewer and date', async () => {
    const s = await one('MATCH (s:Source {id: $id}) RETURN s {.*} AS s', { id: ARTICLE });
    expect(s.s).toMatchObject({
      title: 'Renault-Nissan-Mitsubishi Alliance: from start to future',
      publisher: 'Auto Trendy',
      author: 'Daniel Andzhurov',
      reviewer: 'Asaf Kedem',
      publishedOn: '2022-02-08',
    });
  });

  it('the alliance is a French-Japanese strategic alliance founded in 1999', async () => {
    const r = await one(
      'MATCH (a:Alliance {id: "renault-nissan-mitsubishi-alliance"}) RETURN a.kind AS kind, a.nationality AS nationality, a.foundedOn AS foundedOn, a.sources AS sources',
    );
    expect(r.kind).toBe('strategic alliance');
    expect(r.nationality).toBe('French-Japanese');
    expect(String(r.foundedOn).slice(0, 4)).toBe('1999');
    expect(r.sources).toContain(ARTICLE);
  });

  it('its members are Renault (France), Nissan (Japan) and Mitsubishi Motors (Japan)', async () => {
    const rows = await g.query(
      'MATCH (c:Company)-[m:MEMBER_OF]->(:Alliance {id: "renault-nissan-mitsubishi-alliance"}) RETURN c.id AS id, c.country AS country, m.role AS role, m.validFrom AS since, m.sources AS sources ORDER BY id',
    );
    expect(rows.map((r) => [r.id, r.country])).toEqual([
      ['mitsubishi-motors', 'JP'],
      ['nissan', 'JP'],
      ['renault', 'FR'],
    ]);
    for (const r of rows) expect(r.sources).toContain(ARTICLE);
  });

  it('Renault and Nissan are founding partners since 1999; Mitsubishi joined later', async () => {
    const rows = await g.query('MATCH (c:Company)-[m:MEMBER_OF]->(:Alliance) RETURN c.id AS id, m.role AS role, m.validFrom AS since ORDER BY id');
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId.renault).toMatchObject({ role: 'founding-member', since: '1999-03-27' });
    expect(byId.nissan).toMatchObject({ role: 'founding-member', since: '1999-03-27' });
    expect(byId['mitsubishi-motors']!.role).toBe('member');
    expect(String(byId['mitsubishi-motors']!.since) > '1999-12-31').toBe(true);
  });

  it('the alliance controls exactly ten brands as of 2022-02-08, each sourced by the article', async () => {
    const rows = await g.query(
      `MATCH (c:Company)-[m:MEMBER_OF]->(:Alliance {id: "renault-nissan-mitsubishi-alliance"})
       WITH c, m, date($asOf) AS d
       WHERE (m.validFrom IS NULL OR m.validFrom <= d) AND (m.validTo IS NULL OR m.validTo > d)
       MATCH (c)-[o:OWNS_BRAND]->(b:Brand)
       WHERE (o.validFrom IS NULL OR o.validFrom <= d) AND (o.validTo IS NULL OR o.validTo > d)
       RETURN b.name AS brand, o.sources AS sources ORDER BY brand`,
      { asOf: '2022-02-08' },
    );
    expect(rows.map((r) => r.brand)).toEqual([
      'Alpine',
      'Dacia',
      'Datsun',
      'Infiniti',
      'Lada',
      'Mitsubishi',
      'Nissan',
      'Renault',
      'Renault Samsung',
      'Venucia',
    ]);
    for (const r of rows) expect(r.sources).toContain(ARTICLE);
  });

  it('it is the 3rd largest player in the automotive world (as of the article)', async () => {
    const r = await one(
      'MATCH (:Alliance)-[:HAS_OBSERVATION]->(o:Observation {kind: "market-rank"}) RETURN o.value AS value, o.observedOn AS on, o.sources AS sources',
    );
    expect(r).toMatchObject({ value: 3, on: '2022-02-08' });
    expect(r.sources).toContain(ARTICLE);
  });

  it('it is becoming the world’s leading EV manufacturer', async () => {
    const r = await one('MATCH (:Alliance)-[:HAS_OBSERVATION]->(o:Observation {kind: "status"}) RETURN o.text AS text, o.sources AS sources');
    expect(r.text).toContain("world's leading manufacturer of electric vehicles");
    expect(r.sources).toContain(ARTICLE);
  });

  it('it employs around 420,000 people, beside the other sourced headcounts', async () => {
    const rows = await g.query(
      'MATCH (:Alliance)-[:HAS_OBSERVATION]->(o:Observation {kind: "headcount"}) RETURN o.value AS value, o.precision AS precision, o.observedOn AS on, o.sources AS sources ORDER BY value',
    );
    expect(rows.map((r) => [r.value, r.precision, r.on])).toEqual([
      [300000, 'about', '2005-04-29'],
      [420000, 'around', '2022-02-08'],
      [470000, 'more-than', null],
    ]);
    expect(rows[1]!.sources).toEqual([ARTICLE]);
    expect(rows[0]!.sources).toEqual(['afp-2005-04-29']);
  });

  it('its shared goal is carbon neutrality by 2050', async () => {
    const r = await one(
      'MATCH (:Alliance)-[h:HAS_TARGET]->(t:Target {kind: "carbon-neutrality"}) RETURN t.year AS year, t.sources AS sources, h.sources AS edgeSources',
    );
    expect(r.year).toBe(2050);
    expect(r.sources).toContain(ARTICLE);
    expect(r.edgeSources).toContain(ARTICLE);
  });

  it('its strategy to 2030 rests on electrification, EV platforms and batteries', async () => {
    const r = await one(
      'MATCH (:Alliance)-[:HAS_PLAN]->(p:Plan {id: "alliance-2030"}) RETURN p.horizonYear AS horizon, p.pillars AS pillars, p.sources AS sources',
    );
    expect(r.horizon).toBe(2030);
    expect(r.pillars).toEqual(['electrification', 'EV platforms', 'batteries']);
    expect(r.sources).toContain(ARTICLE);
  });

  it('it adds €23 billion of investment', async () => {
    const r = await one('MATCH (p:Plan {id: "alliance-2030"}) RETURN p.investmentAmount AS amount, p.investmentCurrency AS currency, p.sources AS sources');
    expect(r).toMatchObject({ amount: 23_000_000_000, currency: 'EUR' });
    expect(r.sources).toContain(ARTICLE);
  });

  it('35 new EV models by 2030 on five common EV platforms', async () => {
    const models = await one(
      'MATCH (:Plan {id: "alliance-2030"})-[:HAS_TARGET]->(t:Target {kind: "ev-models"}) RETURN t.quantityCount AS count, t.year AS year, t.sources AS sources',
    );
    expect(models).toMatchObject({ count: 35, year: 2030 });
    expect(models.sources).toContain(ARTICLE);
    const platforms = await one(
      'MATCH (:Plan {id: "alliance-2030"})-[:HAS_TARGET]->(t:Target {kind: "ev-platforms"}) RETURN t.quantityCount AS count, t.sources AS sources',
    );
    expect(platforms.count).toBe(5);
    expect(platforms.sources).toContain(ARTICLE);
    const named = await g.query('MATCH (:Plan {id: "alliance-2030"})-[:USES_PLATFORM]->(p:Platform) RETURN p.name AS name ORDER BY name');
    expect(named.map((p) => p.name)).toEqual(['CMF-AEV', 'CMF-BEV', 'CMF-EV', 'KEI-EV', 'LCV-EV']);
  });

  it('mass production of all-solid-state batteries (ASSB) by 2028, and cost parity with ICE vehicles', async () => {
    const assb = await one(
      'MATCH (:Plan)-[:HAS_TARGET]->(t:Target {kind: "battery"})-[:CONCERNS]->(x:Technology) RETURN t.year AS year, x.aliases AS aliases, t.sources AS sources',
    );
    expect(assb.year).toBe(2028);
    expect(assb.aliases).toContain('ASSB');
    expect(assb.sources).toContain(ARTICLE);
    const parity = await one(
      'MATCH (:Plan)-[:HAS_TARGET]->(t:Target {kind: "cost-parity"}) RETURN t.year AS year, t.description AS description, t.sources AS sources',
    );
    expect(parity.year).toBe(2028);
    expect(parity.description).toContain('internal combustion engine');
    expect(parity.sources).toContain(ARTICLE);
  });

  it('driver-assist and connectivity technology, towards autonomous driving', async () => {
    const rows = await g.query('MATCH (:Alliance)-[d:DEVELOPS]->(t:Technology) RETURN t.id AS id, d.stage AS stage, d.sources AS sources ORDER BY id');
    expect(rows.map((r) => [r.id, r.stage])).toEqual([
      ['autonomous-driving', 'looking-towards'],
      ['connectivity', 'developing'],
      ['driver-assistance', 'developing'],
    ]);
    for (const r of rows) expect(r.sources).toEqual([ARTICLE]);
  });
});
