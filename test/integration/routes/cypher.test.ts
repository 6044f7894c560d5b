import { allQueries, listCompanies } from '../../../src/db/queries.generated.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPlan } from '../../../src/services/research/plan-check.js';
import { ATTACKS } from '../../support/attack-corpus.js';
import { buildTestApp } from '../../support/app.js';
import { useSeededApi } from '../../support/api.js';
import { connect } from '../../support/graph.js';

const post = (app: FastifyInstance, payload: unknown, url = '/v1/cypher') => app.inject({ method: 'POST', url, payload: payload as object });

describe('POST /v1/cypher: read-only, in layers', () => {
  const graph = connect();
  let app: FastifyInstance;
  beforeAll(async () => {
    await graph.seedAlliance();
    app = await buildTestApp({}, { applySchemaOnStart: false }, { timeoutMs: 1_000, maxRows: 5, rateLimitPerMinute: 1_000 });
  });
  afterAll(async () => {
    await app.close();
    await graph.close();
  });

  it(`refuses all ${ATTACKS.length} write and escape attempts with a 400 problem naming the reason, and the graph stays the same`, async () => {
    expect(ATTACKS.length).toBeGreaterThanOrEqual(40);
    const before = await graph.repositories.dataset.computeContentChecksum();
    const labels = async () => (await graph.query('CALL db.labels() YIELD label RETURN collect(label) AS labels'))[0]!.labels;
    const labelsBefore = await labels();
    for (const query of ATTACKS) {
      const res = await post(app, { query });
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type'], query).toMatch(/^application\/problem\+json/);
      expect(res.json().detail, query).toMatch(/^(Refused: |The query failed: )/);
    }
    expect(await graph.repositories.dataset.computeContentChecksum()).toEqual(before);
    expect(await graph.query('MATCH (n:Hacked) RETURN n')).toEqual([]);
    expect(await labels()).toEqual(labelsBefore);
    const users = await graph.driver.executeQuery('SHOW USERS YIELD user RETURN collect(user) AS users', {}, { database: 'system' });
    expect(users.records[0]!.get('users')).toEqual(['neo4j']);
  });

  it("layer 2: Neo4j's grammar names the writing clause", async () => {
    const res = await post(app, { query: 'MATCH (c:Company) SET c.flag = true' });
    expect(res.json().detail).toBe('Refused: SET is not allowed; only reading clauses (MATCH, WITH, UNWIND, CALL, RETURN, …) may be used');
  });

  it('layer 3: on its own, the EXPLAIN plan of a write is refused by its operators', async () => {
    const { queryType, plan } = await app.research.door.repository.explain('MATCH (c:Company) SET c.flag = true', {}, 2_000);
    expect(queryType).toBe('w');
    expect(checkPlan(plan!)).toEqual({ ok: false, reason: 'Writing is not allowed (the plan runs SetProperty)' });
  });

  it('layer 3: on its own, the READ transaction refuses a write', async () => {
    const attempt = app.research.door.repository.runReadOnly('CREATE (:Hacked) RETURN 1', {}, { timeoutMs: 2_000, maxRows: 5, maxBytes: 100_000 }, 'w');
    await expect(attempt).rejects.toMatchObject({ code: expect.stringMatching(/AccessMode|Forbidden|WriteOnReadOnlyAccessDbException/) });
    expect(await graph.query('MATCH (n:Hacked) RETURN n')).toEqual([]);
  });

  it('layer 4: a deliberately expensive cartesian product is stopped by the timeout with a 422, and the server stays healthy', async () => {
    const t0 = Date.now();
    const res = await post(app, { query: "MATCH (a), (b), (c), (d), (e) WHERE a.id + b.id + c.id + d.id + e.id = 'never' RETURN count(*)" });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ title: 'Query timed out', detail: 'The query ran longer than 1 s and was stopped' });
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect((await app.inject('/health/ready')).statusCode).toBe(200);
    expect((await post(app, { query: 'RETURN 1 AS one' })).json().rows).toEqual([[1]]);
  });

  it('layer 4: the row cap truncates and says so', async () => {
    const res = await post(app, { query: 'UNWIND range(1, 100) AS x RETURN x' });
    expect(res.json()).toMatchObject({ columns: ['x'], rows: [[1], [2], [3], [4], [5]], truncated: true });
    const small = await post(app, { query: 'UNWIND range(1, 5) AS x RETURN x' });
    expect(small.json().truncated).toBe(false);
  });

  it('layer 5: a body over 32 KiB is a 413 problem', async () => {
    const res = await post(app, { query: `RETURN '${'x'.repeat(40_000)}'` });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers real rows: nodes, relationships, paths, integers and dates as plain JSON', async () => {
    const res = await post(app, {
      query:
        "MATCH p = (r:Company {id: $holder})-[s:HOLDS_STAKE {id: 'renault-stake-nissan-2014'}]->(n:Company) " +
        'RETURN r, s, p, s.validFrom AS since, s.equityPercent AS equity, 9007199254740993 AS big, $n + 1 AS next',
      params: { holder: 'renault', n: 41 },
      profile: true,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.columns).toEqual(['r', 's', 'p', 'since', 'equity', 'big', 'next']);
    const [r, s, p, since, equity, big, next] = body.rows[0];
    expect(r).toMatchObject({
      elementId: expect.any(String),
      labels: expect.arrayContaining(['Company', 'Entity']),
      properties: { id: 'renault', name: 'Renault' },
    });
    expect(s).toMatchObject({ type: 'HOLDS_STAKE', startNodeElementId: r.elementId, properties: { equityPercent: 43.4, validFrom: '2014-06-27' } });
    expect(p.length).toBe(1);
    expect(p.nodes.map((node: any) => node.properties.id)).toEqual(['renault', 'nissan']);
    expect([since, equity, big, next]).toEqual(['2014-06-27', 43.4, '9007199254740993', 42]);
    expect(body.summary).toMatchObject({ queryType: 'r', dbHits: expect.any(Number) });
    expect(body.summary.dbHits).toBeGreaterThan(0);
  });

  it('a profiled query cut at the row cap answers its rows, truncated, without the profile (the fuzzer found a 500 here)', async () => {
    const res = await post(app, { query: 'MATCH (n) RETURN n.id AS id LIMIT 20000', params: {}, profile: true });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.truncated).toBe(true);
    expect(body.rows.length).toBeGreaterThan(0);
    expect(body.summary.dbHits).toBeUndefined();
  });

  it('syntax and parameter errors are 400 problems with Neo4j’s words about the query', async () => {
    const syntax = await post(app, { query: 'MATCH (n RETURN n' });
    expect(syntax.statusCode).toBe(400);
    expect(syntax.json().detail).toMatch(/^The query failed: Invalid input/);
    const missing = await post(app, { query: 'RETURN $nothing' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().detail).toMatch(/nothing/);
    expect((await post(app, { query: 'RETURN 1', extra: true })).statusCode).toBe(400);
    expect((await post(app, { params: {} })).statusCode).toBe(400);
  });
});

describe('rate limit on the Cypher door', () => {
  const graph = connect();
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp({}, { applySchemaOnStart: false }, { rateLimitPerMinute: 3 });
  });
  afterAll(async () => {
    await app.close();
    await graph.close();
  });

  it('answers 429 problem+json with Retry-After past the limit', async () => {
    for (let i = 0; i < 3; i += 1) expect((await post(app, { query: 'RETURN 1' })).statusCode).toBe(200);
    const limited = await post(app, { query: 'RETURN 1' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Reading endpoints are not limited.
    expect((await app.inject('/health/live')).statusCode).toBe(200);
  });
});

describe('named queries', () => {
  const { ctx, graph } = useSeededApi();

  it('lists every file of cypher/queries with its header, and the app uses every one of them', async () => {
    const { items, total } = (await ctx.app.inject('/v1/queries')).json();
    expect(total).toBe(allQueries.length);
    const byName = Object.fromEntries(items.map((q: any) => [q.name, q]));
    expect(byName['get-alliance']).toMatchObject({ mode: 'read', usedBy: 'GET /v1/alliances/{id}', runnable: true });
    expect(byName['get-alliance'].params.map((p: any) => [p.name, p.type])).toEqual([
      ['asOf', 'date'],
      ['id', 'string'],
    ]);
    expect(byName['seed-upsert-nodes']).toMatchObject({ mode: 'write', runnable: false });
    expect(byName['list-schema-names'].runnable).toBe(false);
    expect(items.filter((q: any) => q.mode === 'research').map((q: any) => q.name)).toEqual([
      'brands-by-owner-country',
      'brands-with-owner-on',
      'facts-by-source',
      'headcount-claims',
      'list-changed-facts',
      'list-changed-facts-of-entity',
      'shortest-path-between-brands',
      'stakes-known-at',
      'stakes-valid-on',
    ]);
  });

  it('shows the exact Cypher text behind an endpoint', async () => {
    const res = await ctx.app.inject('/v1/queries/list-companies');
    expect(res.json().text).toBe(listCompanies.text);
    expect(res.json().text).toContain('MATCH (c:Company)');
    expect((await ctx.app.inject('/v1/queries/no-such-query')).statusCode).toBe(404);
  });

  it('runs the query behind an endpoint with the same answer: the alliance as of 2022-02-08', async () => {
    const res = await post(ctx.app, { params: { id: 'renault-nissan-mitsubishi-alliance', asOf: '2022-02-08' } }, '/v1/queries/get-alliance');
    expect(res.statusCode).toBe(200);
    const row = Object.fromEntries(res.json().columns.map((c: string, i: number) => [c, res.json().rows[0][i]]));
    expect(row.brandCount).toBe(10);
    expect(row.members.map((m: any) => m.id)).toEqual(['nissan', 'renault', 'mitsubishi-motors']);
  });

  it('research: the ten brands with their owner as of 2022-02-08', async () => {
    const res = await post(ctx.app, { params: { alliance: 'renault-nissan-mitsubishi-alliance', asOf: '2022-02-08' } }, '/v1/queries/brands-with-owner-on');
    expect(res.json().rows.map((r: any[]) => `${r[0]}: ${r[1]}`)).toEqual([
      'Alpine: Renault',
      'Dacia: Renault',
      'Datsun: Nissan',
      'Infiniti: Nissan',
      'Lada: Renault',
      'Mitsubishi: Mitsubishi Motors',
      'Nissan: Nissan',
      'Renault: Renault',
      'Renault Samsung: Renault',
      'Venucia: Nissan',
    ]);
  });

  it('research: stakes valid on a day, brands by owner country, the shortest path between two brands', async () => {
    const stakes = await post(ctx.app, { params: { asOf: '2016-10-21' } }, '/v1/queries/stakes-valid-on');
    // The query spans the whole graph (all six groups): 83 stake statements valid that day. The alliance's two
    // holders' share of them, in the query's order (holder, company, statement id); two sources that disagree are two
    // rows (Nissan in Mercedes-Benz Group 1.55% / 1.54%, data/alliance; Renault in Renault Korea Motors 80.1% / 70.1%).
    const stakeRows = stakes.json().rows as any[][];
    expect(stakeRows.length).toBe(83);
    expect(stakeRows.filter((r) => r[0] === 'Renault' || r[0] === 'Nissan').map((r) => `${r[0]} → ${r[1]} ${r[2]}%`)).toEqual([
      'Nissan → Alliance Rostec Auto B.V. 17%',
      'Nissan → Dongfeng Motor Co., Ltd. 50%',
      'Nissan → Mercedes-Benz Group 1.55%',
      'Nissan → Mercedes-Benz Group 1.54%',
      'Nissan → Mitsubishi Motors 34%',
      'Nissan → Renault 15%',
      'Nissan → Renault Nissan Automotive India Private Ltd 70%',
      'Nissan → Renault Nissan Technology & Business Centre India 49%',
      'Renault → Alliance Rostec Auto B.V. 50.1%',
      'Renault → Mercedes-Benz Group 1.55%',
      'Renault → Nissan 43.4%',
      'Renault → Renault Korea Motors 80.1%',
      'Renault → Renault Korea Motors 70.1%',
      'Renault → Renault Nissan Automotive India Private Ltd 30%',
      'Renault → Renault Nissan Technology & Business Centre India 51%',
    ]);
    const countries = await post(ctx.app, { params: { asOf: '2022-02-08' } }, '/v1/queries/brands-by-owner-country');
    // Every group's brand owners by country on 2022-02-08 (Japan's 13 now count Toyota's and Honda's brands too).
    expect(countries.json().rows.map((r: any[]) => [r[0], r[1]])).toEqual([
      ['CN', 6],
      ['DE', 12],
      ['FR', 5],
      ['GB', 2],
      ['JP', 13],
      ['KR', 4],
      ['MY', 2],
      ['NL', 14],
      ['SE', 1],
      ['US', 1],
    ]);
    const path = await post(ctx.app, { params: { from: 'dacia', to: 'infiniti', asOf: '2022-02-08' } }, '/v1/queries/shortest-path-between-brands');
    expect(path.json().rows[0]).toEqual([['Dacia', 'Renault', 'Nissan', 'Infiniti'], ['OWNS_BRAND', 'HOLDS_STAKE', 'OWNS_BRAND'], 3]);
  });

  it('validates parameters against the header, and refuses write queries', async () => {
    const missing = await post(ctx.app, { params: { asOf: '2022-02-08' } }, '/v1/queries/get-alliance');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([expect.objectContaining({ location: 'body', path: 'params.id' })]);
    const badDate = await post(ctx.app, { params: { id: 'renault', asOf: '2022-13-45' } }, '/v1/queries/get-alliance');
    expect(badDate.json().detail).toContain('params.asOf: must be a real calendar date');
    const unknown = await post(ctx.app, { params: { id: 'x', asOf: '2022-02-08', extra: 1 } }, '/v1/queries/get-alliance');
    expect(unknown.statusCode).toBe(400);
    const write = await post(ctx.app, { params: { ids: ['renault'] } }, '/v1/queries/seed-delete-entities');
    expect(write.statusCode).toBe(400);
    expect(write.json().detail).toBe('Refused: "seed-delete-entities" writes (the loader uses it); only read queries run here');
    expect(await graph.query("MATCH (c:Company {id: 'renault'}) RETURN c.id AS id")).toEqual([{ id: 'renault' }]);
  });
});
