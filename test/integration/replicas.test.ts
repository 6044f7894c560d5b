import { cpSync, rmSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { datasetCopy } from '../support/dataset-copy.js';
import { testConfig } from '../support/app.js';
import { connect } from '../support/graph.js';
import { injectGet, SAME_ANSWERS } from '../support/same-answers.js';

const KEY = 'test-admin-key-0123456789abcdef';
/** Renault's stake among Nissan's holders (Daimler's 3.1% is listed before it: mercedes-stake-nissan-2010). */
const renaultIn = (body: any): number | undefined => body.stakesIn.find((s: any) => s.holder.id === 'renault')?.equityPercent;

/**
 * Two API replicas on one Neo4j, each with its own driver, response cache and dataset version, as N
 * processes behind a load balancer would be: a reload through one is seen by the other without a restart.
 */
describe('two API replicas on one Neo4j', () => {
  const graph = connect();
  let dataDir: string;
  let a: FastifyInstance;
  let b: FastifyInstance;
  /** A third replica that never reads the version in the background within the test: only its reads tell it. */
  let c: FastifyInstance;
  /** The same, asked through MCP, whose transport writes its answers outside fastify's hooks. */
  let d: FastifyInstance;
  beforeAll(async () => {
    await graph.seedAlliance();
    dataDir = datasetCopy();
    const config = { ...testConfig(), adminApiKey: KEY };
    a = await buildApp(config, { applySchemaOnStart: false, dataDir });
    b = await buildApp(config, { applySchemaOnStart: false, dataDir });
    c = await buildApp(config, { applySchemaOnStart: false, dataDir, datasetVersionRefreshMs: 3_600_000 });
    d = await buildApp(config, { applySchemaOnStart: false, dataDir, datasetVersionRefreshMs: 3_600_000 });
    await Promise.all([a.ready(), b.ready(), c.ready(), d.ready()]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await c?.close();
    await d?.close();
    await graph.seedAlliance();
    await graph.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  // Before the reload below, which changes a value of the dataset.
  it.each(
    SAME_ANSWERS.flatMap((c) => [
      { replica: 'A', ...c },
      { replica: 'B', ...c },
    ]),
  )('replica $replica: $name', async ({ replica, check }) => {
    await check(injectGet(replica === 'A' ? a : b));
  });

  it('answer alike, each from its own cache, and a reload through one reaches the other', async () => {
    const url = '/v1/companies/nissan?asOf=2016-10-21';
    const fromA = await a.inject(url);
    const fromB = await b.inject(url);
    expect(fromA.json().stakesIn.map((s: any) => [s.holder.id, s.equityPercent])).toEqual([
      ['mercedes-benz-group', 3.1],
      ['renault', 43.4],
    ]);
    expect(fromB.json()).toEqual(fromA.json());
    expect(fromB.headers.etag).toBe(fromA.headers.etag);
    expect(fromB.headers['x-cache']).toBe('miss');
    // Another day of the same interval is a hit on B.
    const sameInterval = await b.inject('/v1/companies/nissan?asOf=2016-10-22');
    expect(sameInterval.headers['x-cache']).toBe('hit');
    expect(sameInterval.json().asOf).toBe('2016-10-22');

    const versionBefore = b.datasetVersion.current();
    expect(a.datasetVersion.current()).toBe(versionBefore);
    // C has answered (and cached) this question before the reload too.
    const fromC = await c.inject(url);
    expect(fromC.json()).toEqual(fromA.json());
    expect(fromC.headers['data-version']).toBe(versionBefore);
    const mcpOnD = async (asOf: string) => {
      const res = await d.inject({
        method: 'POST',
        url: '/mcp',
        headers: { accept: 'application/json, text/event-stream', 'content-type': 'application/json' },
        payload: { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'get_company', arguments: { id: 'nissan', asOf } } },
      });
      expect(res.statusCode).toBe(200);
      return res.json().result.structuredContent as { dataVersion: string; data: any };
    };
    const fromD = await mcpOnD('2016-10-21');
    expect(renaultIn(fromD.data)).toBe(43.4);
    expect(fromD.dataVersion).toBe(versionBefore);
    const edited = datasetCopy({ file: 'alliance/relationships.yaml', change: (t) => t.replace('equityPercent: 43.4', 'equityPercent: 43.5') });
    rmSync(dataDir, { recursive: true });
    cpSync(edited, dataDir, { recursive: true });
    rmSync(edited, { recursive: true });
    const reload = await a.inject({ method: 'POST', url: '/v1/admin/reload', headers: { authorization: `Bearer ${KEY}` } });
    expect(reload.statusCode).toBe(200);
    expect(reload.json()).toMatchObject({ changed: true });
    expect(a.datasetVersion.current()).not.toBe(versionBefore);

    // B reads the dataset version in the background: within seconds its cache drops the old answers.
    const deadline = Date.now() + 15_000;
    let after = await b.inject(url);
    while (renaultIn(after.json()) !== 43.5 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      after = await b.inject(url);
    }
    expect(after.json().stakesIn.map((s: any) => [s.holder.id, s.equityPercent])).toEqual([
      ['mercedes-benz-group', 3.1],
      ['renault', 43.5],
    ]);
    expect(after.headers.etag).not.toBe(fromB.headers.etag);
    expect(b.datasetVersion.current()).toBe(a.datasetVersion.current());
    expect((await a.inject(url)).json()).toEqual(after.json());
    // And B re-reads the change dates of the new version, so days are again keyed by interval.
    while (b.responseCache.epochs?.version !== b.datasetVersion.current() && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      await b.inject('/v1/alliances');
    }
    expect(b.responseCache.epochs?.version).toBe(a.datasetVersion.current());

    // C, whose background read of the version is an hour away, answers a question it has not cached with the
    // reload's data: the read came back from a database state its version was not read in, so the answer
    // waits for the version and names it, with the ETag A gives.
    const unseen = '/v1/companies/nissan?asOf=2017-05-02';
    const fromNewData = await c.inject(unseen);
    expect(fromNewData.headers['x-cache']).toBe('miss');
    expect(renaultIn(fromNewData.json())).toBe(43.5);
    expect(fromNewData.headers['data-version']).toBe(a.datasetVersion.current());
    expect(fromNewData.headers.etag).toBe((await a.inject(unseen)).headers.etag);
    expect(c.datasetVersion.current()).toBe(a.datasetVersion.current());
    // Through MCP alike: D's tool answer names the version its data comes from, and its cached answer of
    // before the reload is not given again.
    const fromNewDataOnD = await mcpOnD('2017-05-02');
    expect(renaultIn(fromNewDataOnD.data)).toBe(43.5);
    expect(fromNewDataOnD.dataVersion).toBe(a.datasetVersion.current());
    const againOnD = await mcpOnD('2016-10-21');
    expect(renaultIn(againOnD.data)).toBe(43.5);
    expect(againOnD.dataVersion).toBe(a.datasetVersion.current());
    // And the question C had cached under the old version is now answered from the new version's data.
    const again = await c.inject(url);
    expect(renaultIn(again.json())).toBe(43.5);
    expect(again.headers['data-version']).toBe(a.datasetVersion.current());
  });
});
