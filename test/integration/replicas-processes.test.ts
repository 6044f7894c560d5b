import { cpSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApiProcess, type ApiProcess } from '../support/api-process.js';
import { datasetCopy } from '../support/dataset-copy.js';
import { connect } from '../support/graph.js';
import { fetchGet, SAME_ANSWERS, sameIntervalHit, type Get } from '../support/same-answers.js';

const KEY = 'test-admin-key-0123456789abcdef';
/** How long a replica may take to notice another's reload: the dataset version is read every 5 s. */
const NOTICE_WITHIN_MS = 30_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Renault's stake among Nissan's holders (Daimler's 3.1% is listed before it: mercedes-stake-nissan-2010). */
const renaultIn = (body: any): number | undefined => body.stakesIn.find((s: any) => s.holder.id === 'renault')?.equityPercent;

/**
 * Two API servers in two OS processes on one Neo4j, asked over real HTTP, as replicas behind a load
 * balancer are: each has its own driver, response cache and dataset version, and nothing else is shared.
 */
describe('two API processes on one Neo4j', () => {
  const graph = connect();
  let dataDir: string;
  const replicas: ApiProcess[] = [];
  const get: Record<string, Get> = {};

  beforeAll(async () => {
    await graph.seedAlliance();
    dataDir = datasetCopy();
    const db = inject('neo4j');
    const env = {
      NEO4J_URI: db.uri,
      NEO4J_USER: db.user,
      NEO4J_PASSWORD: db.password,
      NEO4J_DATABASE: db.database,
      ADMIN_API_KEY: KEY,
      DATASET_DIR: dataDir,
      RESPONSE_CACHE: 'on',
    };
    // One after the other: both at once on a small, busy machine only makes each slower.
    for (const name of ['A', 'B']) {
      const replica = await startApiProcess(name, env);
      replicas.push(replica);
      get[name] = fetchGet(replica.url);
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await graph.seedAlliance();
    await graph.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('are two processes, neither of them this one', () => {
    expect(replicas.map((r) => r.name)).toEqual(['A', 'B']);
    expect(new Set([process.pid, ...replicas.map((r) => r.pid)]).size).toBe(3);
    expect(replicas[0]!.url).not.toBe(replicas[1]!.url);
  });

  // Before the reload below, which changes a value of the dataset.
  it.each(
    SAME_ANSWERS.flatMap((c) => [
      { replica: 'A', ...c },
      { replica: 'B', ...c },
    ]),
  )('process $replica: $name', async ({ replica, check }) => {
    await check(get[replica]!);
  });

  it('a reload through A reaches B within the refresh period, with a new ETag, and A and B agree after it', async () => {
    const url = '/v1/companies/nissan?asOf=2016-10-21';
    const fromA = await get.A!(url);
    const fromB = await get.B!(url);
    // Nissan's holders that day: Daimler's 3.1% (mercedes-stake-nissan-2010) and Renault's 43.4%.
    expect(fromA.body.stakesIn.map((s: any) => [s.holder.id, s.equityPercent])).toEqual([
      ['mercedes-benz-group', 3.1],
      ['renault', 43.4],
    ]);
    expect(fromB.body).toEqual(fromA.body);
    expect(fromB.headers.etag).toBe(fromA.headers.etag);
    const versionBefore = fromB.headers['data-version'];
    expect(versionBefore).toMatch(/\S/);
    expect(fromA.headers['data-version']).toBe(versionBefore);

    // The same edit as the in-process replica test: Renault's 43.4% of Nissan becomes 43.5%.
    const edited = datasetCopy({ file: 'alliance/relationships.yaml', change: (t) => t.replace('equityPercent: 43.4', 'equityPercent: 43.5') });
    rmSync(dataDir, { recursive: true });
    cpSync(edited, dataDir, { recursive: true });
    rmSync(edited, { recursive: true });
    const reload = await fetch(`${replicas[0]!.url}/v1/admin/reload`, { method: 'POST', headers: { authorization: `Bearer ${KEY}` } });
    expect(reload.status).toBe(200);
    const summary = (await reload.json()) as { version: string; previousVersion: string | null; changed: boolean };
    expect(summary).toMatchObject({ changed: true, previousVersion: versionBefore });
    expect(summary.version).not.toBe(versionBefore);
    const onA = await get.A!(url);
    expect(onA.body.stakesIn.map((s: any) => [s.holder.id, s.equityPercent])).toEqual([
      ['mercedes-benz-group', 3.1],
      ['renault', 43.5],
    ]);
    expect(onA.headers['data-version']).toBe(summary.version);

    // B learns of the new version only by reading it from Neo4j in the background.
    const deadline = Date.now() + NOTICE_WITHIN_MS;
    let onB = await get.B!(url);
    while (renaultIn(onB.body) !== 43.5 && Date.now() < deadline) {
      await sleep(250);
      onB = await get.B!(url);
    }
    expect(renaultIn(onB.body)).toBe(43.5);
    expect(onB.headers['data-version']).toBe(summary.version);
    expect(onB.headers.etag).not.toBe(fromB.headers.etag);
    expect(onB.body).toEqual(onA.body);
    expect(onB.headers.etag).toBe(onA.headers.etag);

    // B keys days by time interval again for the new version: some later day of the interval is a hit.
    const { hit, day } = await sameIntervalHit(get.B!, '/v1/companies/nissan', '2016-10-22', '2019-01-24', Math.max(deadline - Date.now(), 1_000));
    expect(hit.headers['x-cache']).toBe('hit');
    expect(hit.body).toEqual({ ...onA.body, asOf: day });

    // Afterwards A and B give every question of the shared table one answer and one ETag.
    for (const path of [
      url,
      '/v1/companies/nissan?asOf=2019-06-01',
      '/v1/alliances/renault-nissan-mitsubishi-alliance?asOf=2022-02-08',
      '/v1/companies/ampere?asOf=2023-11-01',
      '/v1/brands/lada?asOf=2022-02-08',
    ]) {
      const [a, b] = [await get.A!(path), await get.B!(path)];
      expect(b.status, path).toBe(200);
      expect(b.body, path).toEqual(a.body);
      expect(b.headers.etag, path).toBe(a.headers.etag);
      expect(b.headers['data-version'], path).toBe(summary.version);
    }
  }, 120_000);
});
