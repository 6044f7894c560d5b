import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { ALLIANCE, useSeededApi } from '../support/api.js';
import { testConfig } from '../support/app.js';

const dayBefore = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

/** Answers are cached by the time interval between two change dates of the graph, not by day. */
describe('the response cache by time interval', () => {
  const { ctx, graph, get } = useSeededApi();
  let uncached: FastifyInstance;
  beforeAll(async () => {
    await ctx.app.ready();
    uncached = await buildApp({ ...testConfig(), responseCache: false }, { applySchemaOnStart: false });
  });
  afterAll(() => uncached?.close());
  const fresh = async (url: string) => JSON.parse((await uncached.inject({ method: 'GET', url })).body);

  it('reads the graph’s change dates for the loaded dataset version', async () => {
    const epochs = ctx.app.responseCache.epochs!;
    expect(epochs.version).toBe(ctx.app.datasetVersion.current());
    const [row] = await graph.query(`MATCH (:Company {id: 'mitsubishi-motors'})-[m:MEMBER_OF]->(:Alliance {id: $id}) RETURN toString(m.validFrom) AS since`, {
      id: ALLIANCE,
    });
    const since = row!.since as string;
    expect(epochs.intervalOf(since)).toBe(epochs.intervalOf(dayBefore(since)) + 1);
    expect(epochs.count).toBeGreaterThan(20);
  });

  it('answers 2020-01-02 from the answer of 2020-01-01, echoing its own asOf under its own ETag', async () => {
    const url = (day: string) => `/v1/alliances/${ALLIANCE}?include=sources&asOf=${day}`;
    const first = await get(url('2020-01-01'));
    expect(first.headers['x-cache']).toBe('miss');
    const second = await get(url('2020-01-02'));
    expect(second.headers['x-cache']).toBe('hit');
    expect(first.body.asOf).toBe('2020-01-01');
    expect(second.body.asOf).toBe('2020-01-02');
    expect({ ...second.body, asOf: '2020-01-01' }).toEqual(first.body);
    expect(second.body).toEqual(await fresh(url('2020-01-02')));
    expect(second.headers.etag).not.toBe(first.headers.etag);

    // 304 per asOf: each day's ETag validates that day only.
    const notModified = await get(url('2020-01-02'), { 'if-none-match': second.headers.etag as string });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.etag).toBe(second.headers.etag);
    const firstAgain = await get(url('2020-01-01'), { 'if-none-match': second.headers.etag as string });
    expect(firstAgain.status).toBe(200);
    expect(firstAgain.body.asOf).toBe('2020-01-01');
    expect(firstAgain.headers.etag).toBe(first.headers.etag);
    expect((await get(url('2020-01-01'), { 'if-none-match': first.headers.etag as string })).status).toBe(304);
  });

  it('gives different answers on either side of a change date', async () => {
    const [row] = await graph.query(`MATCH (:Company {id: 'mitsubishi-motors'})-[m:MEMBER_OF]->(:Alliance {id: $id}) RETURN toString(m.validFrom) AS since`, {
      id: ALLIANCE,
    });
    const since = row!.since as string;
    const members = async (day: string) => (await get(`/v1/alliances/${ALLIANCE}?asOf=${day}`)).body.members.map((m: { id: string }) => m.id);
    expect(await members(dayBefore(since))).not.toContain('mitsubishi-motors');
    expect(await members(since)).toContain('mitsubishi-motors');
    // Asked again, now from the cache, each side keeps its own answer.
    expect(await members(dayBefore(since))).not.toContain('mitsubishi-motors');
    expect(await members(since)).toContain('mitsubishi-motors');
  });

  it('answers every day as the graph does, change dates and the days around them included', async () => {
    const epochs = ctx.app.responseCache.epochs!;
    const changes = epochs.representativeDays().slice(0, 12);
    const days = [...changes, ...changes.map(dayBefore), '1999-01-01', '2005-06-15', '2013-02-28', '2024-12-31'];
    for (const path of ['/v1/brands?limit=200', `/v1/alliances/${ALLIANCE}`, '/v1/companies?limit=200']) {
      for (const day of days) {
        const url = `${path}${path.includes('?') ? '&' : '?'}asOf=${day}`;
        const answer = await get(url);
        expect(answer.status).toBe(200);
        expect(answer.body, url).toEqual(await fresh(url));
      }
    }
    expect(ctx.app.responseCache.hits).toBeGreaterThan(0);
  });
});

describe('the cache warm-up', () => {
  const { ctx, get } = useSeededApi();
  let warmed: FastifyInstance;
  beforeAll(async () => {
    await ctx.app.ready();
    warmed = await buildApp({ ...testConfig(), cacheWarmPaths: ['/v1/alliances'] }, { applySchemaOnStart: false });
    await warmed.ready();
    await warmed.responseCache.warmed();
  });
  afterAll(() => warmed?.close());

  it('asks the hot answers for every interval in the background at start, so any day of them is a hit', async () => {
    const epochs = warmed.responseCache.epochs!;
    expect(warmed.responseCache.size).toBe(epochs.count);
    const hitsBefore = warmed.responseCache.hits;
    for (const day of ['1999-03-28', '2007-07-07', '2016-10-21', '2020-01-02', '2026-01-01']) {
      const res = await warmed.inject({ method: 'GET', url: `/v1/alliances?asOf=${day}` });
      expect(res.headers['x-cache']).toBe('hit');
      expect(JSON.parse(res.body).asOf).toBe(day);
      expect(JSON.parse(res.body)).toEqual((await get(`/v1/alliances?asOf=${day}`)).body);
    }
    expect(warmed.responseCache.hits - hitsBefore).toBe(5);
  });
});
