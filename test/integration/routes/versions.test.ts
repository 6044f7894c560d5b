import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_DIR } from '../../../src/project-files.js';
import { readDataset } from '../../../src/services/dataset/read-dataset.js';
import { seedFromFolder } from '../../../src/services/dataset/seed.js';
import { datasetCopy } from '../../support/dataset-copy.js';
import { useSeededApi } from '../../support/api.js';

const REL = 'alliance/relationships.yaml';
const nissanIn = (body: any) => body.items.find((i: any) => i.company.id === 'nissan');

describe('dataset versions and knownAt', () => {
  const { get, graph, ctx } = useSeededApi();
  let original: number;
  let corrected: number;

  beforeAll(async () => {
    // The seeded alliance is the latest version (every load that changes the graph records one).
    original = (await get('/v1/versions')).body.current.number;
    // A test copy of the data that corrects one stake: Renault's 43.4% of Nissan (renault-stake-nissan-2014) to 43.7%.
    const copy = datasetCopy({ file: REL, change: (t) => t.replace('equityPercent: 43.4', 'equityPercent: 43.7') });
    const summary = await seedFromFolder(graph.repositories, copy, () => {}, { message: 'Correct Renault’s stake in Nissan' });
    corrected = summary.versionNumber!;
    // As after POST /v1/admin/reload: the app learns of the new version at once (caches key on it).
    await ctx.app.datasetVersion.refresh();
  });
  afterAll(async () => {
    await graph.seedAlliance();
  });

  it('the correction is a new version, listed first with its message, hash, load time and counts', async () => {
    const dataset = readDataset(DATA_DIR);
    expect(corrected).toBe(original + 1);
    const { status, headers, body } = await get('/v1/versions');
    expect(status).toBe(200);
    expect(body.current.number).toBe(corrected);
    expect(headers['data-version']).toBe(body.current.hash);
    const [latest, before] = body.items;
    expect(latest).toMatchObject({
      number: corrected,
      message: 'Correct Renault’s stake in Nissan',
      nodes: { created: 0, corrected: 0, removed: 0 },
      relationships: { created: 0, corrected: 1, removed: 0 },
      // Counted in data/ (on 5 December 2026 about 450 nodes and 540 sources, 830 relationships; the folders grow).
      nodeCount: dataset.nodes.length + dataset.sources.length,
      relationshipCount: dataset.relationships.length,
    });
    expect(latest.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(latest.hash).not.toBe(before.hash);
    expect(before.number).toBe(original);
    expect(Date.parse(latest.loadedAt)).toBeGreaterThanOrEqual(Date.parse(before.loadedAt));
  });

  it('knownAt answers differ before and after the correction; without knownAt the answer is the current data', async () => {
    const url = '/v1/ownership/effective?holder=renault&asOf=2022-02-08';
    const then = await get(`${url}&knownAt=${original}`);
    const now = await get(`${url}&knownAt=${corrected}`);
    const current = await get(url);
    expect(nissanIn(then.body).directPercent).toBe(43.4);
    expect(nissanIn(now.body).directPercent).toBe(43.7);
    expect(nissanIn(current.body).directPercent).toBe(43.7);
    // Integrated: 0.434 / (1 − 0.434 · 0.15) before, 0.437 / (1 − 0.437 · 0.15) after.
    expect(nissanIn(then.body).integratedPercent).toBeCloseTo((0.434 / (1 - 0.434 * 0.15)) * 100, 8);
    expect(nissanIn(now.body).integratedPercent).toBeCloseTo((0.437 / (1 - 0.437 * 0.15)) * 100, 8);
    expect(then.body.dataVersion.number).toBe(original);
    expect(now.body.dataVersion.number).toBe(corrected);
    expect(then.headers['data-version']).toBe(then.body.dataVersion.hash);
    expect(then.body.dataVersion.hash).not.toBe(now.body.dataVersion.hash);
    // The same stakes either way: the correction changed a value, not which statements stand.
    expect(then.body.stakes).toEqual(now.body.stakes);
  });

  it('knownAt takes a content hash or a timestamp too, and reaches explain and controller', async () => {
    const versions = (await get('/v1/versions')).body.items;
    const old = versions.find((v: any) => v.number === original);
    const byHash = await get(`/v1/ownership/effective/explain?holder=renault&company=nissan&asOf=2022-02-08&knownAt=${old.hash}`);
    // The hash names its latest load: the original content may have been loaded more than once.
    expect(byHash.body.parts[0]).toMatchObject({ kind: 'chain', stakes: ['renault-stake-nissan-2014'], percent: expect.closeTo(43.4, 10) });
    const byTime = await get(`/v1/ownership/effective/explain?holder=renault&company=nissan&asOf=2022-02-08&knownAt=${encodeURIComponent(old.loadedAt)}`);
    expect(byTime.body.dataVersion.number).toBe(original);
    expect(byTime.body.parts[0].percent).toBeCloseTo(43.4, 10);
    const controller = await get(`/v1/ownership/controller?company=nissan&asOf=2022-02-08&knownAt=${original}`);
    // Daimler's 3.1% of Nissan (mercedes-stake-nissan-2010) votes too; neither stake has a share count.
    expect(controller.body.votingHolders).toEqual([
      {
        holder: { id: 'renault', name: 'Renault' },
        votingPercent: 43.4,
        equityPercent: 43.4,
        stake: 'renault-stake-nissan-2014',
        basis: 'stated-equity-percent',
      },
      {
        holder: { id: 'mercedes-benz-group', name: 'Mercedes-Benz Group' },
        votingPercent: 3.1,
        equityPercent: 3.1,
        stake: 'mercedes-stake-nissan-2010',
        basis: 'stated-equity-percent',
      },
    ]);
    expect((await get(`/v1/ownership/controller?company=nissan&asOf=2022-02-08&knownAt=${corrected}`)).body.votingHolders[0].votingPercent).toBe(43.7);
  });

  it('knownAt on the ownership graph: the stake edge as each version held it; the current version rebuilt equals the live graph', async () => {
    const edge = async (version: number) => {
      const { body } = await get(`/v1/graph/ownership?root=renault&depth=1&direction=down&asOf=2022-02-08&knownAt=${version}`);
      return body.edges.find((e: any) => e.id === 'renault-stake-nissan-2014');
    };
    expect([(await edge(original)).equityPercent, (await edge(original)).label]).toEqual([43.4, '43.4%']);
    expect((await edge(corrected)).equityPercent).toBe(43.7);
    for (const query of [
      'root=renault-nissan-mitsubishi-alliance&depth=3&direction=both&asOf=2022-02-08',
      'root=nissan&depth=2&direction=up&asOf=2024-01-01',
      'root=renault&depth=2&direction=down&asOf=2025-06-01',
      'root=mitsubishi-motors&depth=4&direction=both&asOf=2016-10-19',
    ]) {
      const live = await get(`/v1/graph/ownership?${query}`);
      const rebuilt = await get(`/v1/graph/ownership?${query}&knownAt=${corrected}`);
      expect(rebuilt.status, query).toBe(200);
      expect(rebuilt.body, query).toEqual(live.body);
      expect(live.body.edges.length, query).toBeGreaterThan(0);
    }
    expect((await get(`/v1/graph/ownership?root=no-such-company&knownAt=${original}`)).status).toBe(404);
  });

  it('the diff between the versions lists exactly the corrected statement, before and after', async () => {
    const { status, body } = await get(`/v1/versions/${original}/diff/${corrected}`);
    expect(status).toBe(200);
    expect(body.items).toHaveLength(1);
    const [item] = body.items;
    expect(item).toMatchObject({ kind: 'relationship', id: 'renault-stake-nissan-2014', change: 'corrected' });
    expect([item.before.type, item.before.from, item.before.to]).toEqual(['HOLDS_STAKE', 'renault', 'nissan']);
    expect([item.before.props.equityPercent, item.after.props.equityPercent]).toEqual([43.4, 43.7]);
    const { equityPercent: _a, ...restBefore } = item.before.props;
    const { equityPercent: _b, ...restAfter } = item.after.props;
    expect(restAfter).toEqual(restBefore);
  });

  it('the retracted statement is kept with the range of versions in which it stood', async () => {
    const rows = await graph.query(
      'MATCH (r:Retracted {statementId: "renault-stake-nissan-2014", until: $until}) RETURN r.since AS since, valueType(r.since) AS sinceType, r.until AS until, r.props AS props',
      {
        until: corrected,
      },
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.since as number).toBeLessThanOrEqual(original);
    // since is the latest earlier version whose lists say it wrote the statement (0 if none), stored as an integer.
    const [latest] = await graph.query(
      `MATCH (v:DatasetVersion) WHERE v.number < $until
         AND ("renault-stake-nissan-2014" IN v.relationshipsCreated OR "renault-stake-nissan-2014" IN v.relationshipsUpdated)
       RETURN coalesce(max(v.number), 0) AS since`,
      { until: corrected },
    );
    expect(rows[0]!.since).toBe(latest!.since);
    expect(rows[0]!.sinceType).toBe('INTEGER NOT NULL');
    expect(JSON.parse(rows[0]!.props as string).equityPercent).toBe(43.4);
  });

  it('the named query stakes-known-at gives the stakes of a day as each version held them', async () => {
    const run = async (version: number) => {
      const res = await ctx.app.inject({ method: 'POST', url: '/v1/queries/stakes-known-at', payload: { params: { asOf: '2022-02-08', version } } });
      expect(res.statusCode).toBe(200);
      const { columns, rows } = res.json();
      return rows.map((r: any[]) => Object.fromEntries(columns.map((c: string, i: number) => [c, r[i]])));
    };
    const then = (await run(original)).find((r: any) => r.statement === 'renault-stake-nissan-2014');
    const now = (await run(corrected)).find((r: any) => r.statement === 'renault-stake-nissan-2014');
    expect([then.equityPercent, then.retracted, then.holder, then.company]).toEqual([43.4, true, 'Renault', 'Nissan']);
    expect([now.equityPercent, now.retracted]).toEqual([43.7, false]);
    // Every other stake of that day is the same statement at both versions.
    const others = async (v: number) =>
      (await run(v)).filter((r: any) => r.statement !== 'renault-stake-nissan-2014').map((r: any) => [r.statement, r.equityPercent]);
    expect(await others(original)).toEqual(await others(corrected));
    expect((await others(corrected)).length).toBeGreaterThan(0);
  });

  it('reseeding the same content writes nothing and records no version', async () => {
    const copy = datasetCopy({ file: REL, change: (t) => t.replace('equityPercent: 43.4', 'equityPercent: 43.7') });
    const summary = await seedFromFolder(graph.repositories, copy);
    expect([summary.changed, summary.versionNumber]).toEqual([false, null]);
    expect((await get('/v1/versions')).body.current.number).toBe(corrected);
  });

  it('bad versions are problems: unknown 404, malformed 400', async () => {
    expect((await get('/v1/ownership/effective?holder=renault&knownAt=999999')).status).toBe(404);
    expect((await get('/v1/ownership/effective?holder=renault&knownAt=1999-01-01')).status).toBe(404);
    const bad = await get('/v1/ownership/effective?holder=renault&knownAt=last-tuesday');
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect((await get(`/v1/versions/${original}/diff/999999`)).status).toBe(404);
    expect((await get('/v1/versions/one/diff/two')).status).toBe(400);
  });
});
