import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';

/** What a GET gave: the same shape from app.inject (in process) and from fetch (another process). */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}
export type Get = (url: string, headers?: Record<string, string>) => Promise<Answer>;

const parsed = (text: string): any => {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
};

/** Asks an app in this process. */
export const injectGet =
  (app: FastifyInstance): Get =>
  async (url, headers = {}) => {
    const res = await app.inject({ method: 'GET', url, headers });
    const answerHeaders = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v]));
    return { status: res.statusCode, headers: answerHeaders, body: parsed(res.body) };
  };

/** Asks an API over real HTTP (another process). */
export const fetchGet =
  (base: string): Get =>
  async (url, headers = {}) => {
    const res = await fetch(`${base}${url}`, { headers });
    const answerHeaders: Record<string, string> = {};
    res.headers.forEach((value, name) => (answerHeaders[name] = value));
    return { status: res.status, headers: answerHeaders, body: parsed(await res.text()) };
  };

/** The French trust's holding in Nissan on a day inside each of its periods (and today). */
export const TRUST_IN_NISSAN: [asOf: string, equityPercent: number][] = [
  ['2023-11-20', 28.4],
  ['2024-01-15', 24.63],
  ['2024-06-01', 22.73],
  ['2025-01-15', 18.66],
  ['2026-11-26', 18.66],
];

/** Renault's direct stake in Nissan on days inside its periods (two records overlap in 2000). */
export const RENAULT_DIRECT_IN_NISSAN: [asOf: string, equityPercents: number[]][] = [
  ['2000-01-01', [36.6, 36.8]],
  ['2010-01-01', [44.4]],
  ['2020-01-01', [43.4]],
  ['2023-11-08', [15]],
  ['2024-04-02', [15]],
  ['2024-04-03', [16.19]],
  ['2024-10-02', [16.19]],
  ['2024-10-03', [17.05]],
  ['2025-06-01', [17.05]],
];

/** The holders of a company on a day, as sorted [holder id, equity %] pairs. */
export async function holdersOf(get: Get, company: string, asOf: string): Promise<[string, number][]> {
  const { status, body } = await get(`/v1/companies/${company}?asOf=${asOf}`);
  expect(status).toBe(200);
  return body.stakesIn.map((s: any) => [s.holder.id, s.equityPercent]).sort();
}

export async function equityOf(get: Get, holder: string, company: string, asOf: string): Promise<number[]> {
  return (await holdersOf(get, company, asOf)).filter(([id]) => id === holder).map(([, pct]) => pct);
}

function expectProblem(answer: Answer, status: number): void {
  expect(answer.status).toBe(status);
  expect(String(answer.headers['content-type'])).toContain('application/problem+json');
  expect(answer.body.status).toBe(status);
}

/**
 * Real-value checks any instance of the API over the seeded alliance dataset must pass, whether it is
 * asked in process or over HTTP in another process: the replica tests run the same table against each.
 * Each check stands alone (no order, no state left behind) and keeps to the hour-free days above.
 */
export const SAME_ANSWERS: { name: string; check: (get: Get) => Promise<void> }[] = [
  {
    name: 'the French trust’s holding in Nissan in each period',
    check: async (get) => {
      for (const [asOf, pct] of TRUST_IN_NISSAN) expect(await equityOf(get, 'renault-french-trust-nissan-shares', 'nissan', asOf), asOf).toEqual([pct]);
      expect(await equityOf(get, 'renault-french-trust-nissan-shares', 'nissan', '2023-11-07')).toEqual([]);
    },
  },
  {
    name: 'Renault’s direct stake in Nissan in each period',
    check: async (get) => {
      for (const [asOf, pcts] of RENAULT_DIRECT_IN_NISSAN) expect((await equityOf(get, 'renault', 'nissan', asOf)).sort(), asOf).toEqual(pcts);
    },
  },
  {
    name: 'Ampere wholly Renault’s from 1 November 2023; RNAIPL 70/30, 51/49, then Renault alone',
    check: async (get) => {
      expect((await get('/v1/companies/ampere?asOf=2023-10-31')).body.stakesIn).toEqual([]);
      expect(await holdersOf(get, 'ampere', '2023-11-01')).toEqual([['renault', 100]]);
      expect(await holdersOf(get, 'rnaipl', '2015-06-01')).toEqual([
        ['nissan', 70],
        ['renault', 30],
      ]);
      expect(await holdersOf(get, 'rnaipl', '2025-07-31')).toEqual([
        ['nissan', 51],
        ['renault', 49],
      ]);
      expect(await holdersOf(get, 'rnaipl', '2025-08-01')).toEqual([['renault', 100]]);
    },
  },
  {
    name: 'Nissan as of 2019-06-01: 34% of Mitsubishi Motors held, Renault’s 43.4% in it',
    check: async (get) => {
      const { body } = await get('/v1/companies/nissan?asOf=2019-06-01');
      expect(body.stakesHeld.map((s: any) => [s.company.id, s.equityPercent])).toContainEqual(['mitsubishi-motors', 34]);
      // Daimler's 3.1% (mercedes-stake-nissan-2010, until 2025) beside Renault's 43.4%.
      expect(body.stakesIn.map((s: any) => [s.holder.id, s.equityPercent])).toEqual([
        ['mercedes-benz-group', 3.1],
        ['renault', 43.4],
      ]);
    },
  },
  {
    name: 'the alliance as of 2022-02-08: three members, ten brands; as of 1999-03-28: two members, four brands',
    check: async (get) => {
      const then = await get('/v1/alliances/renault-nissan-mitsubishi-alliance?asOf=2022-02-08');
      expect(then.status).toBe(200);
      expect(then.body.members.map((m: any) => m.id).sort()).toEqual(['mitsubishi-motors', 'nissan', 'renault']);
      expect(then.body.brandCount).toBe(10);
      const founding = await get('/v1/alliances/renault-nissan-mitsubishi-alliance?asOf=1999-03-28');
      expect(founding.body.members.map((m: any) => m.id)).toEqual(['nissan', 'renault']);
      expect(founding.body.brandCount).toBe(4);
    },
  },
  {
    name: 'Nissan’s brands as of 2022-02-08; Lada owned by Renault through AvtoVAZ then',
    check: async (get) => {
      const brands = await get('/v1/companies/nissan/brands?asOf=2022-02-08');
      expect(brands.body.items.map((b: any) => b.name).sort()).toEqual(['Datsun', 'Infiniti', 'Nissan', 'Venucia']);
      const lada = await get('/v1/brands/lada?asOf=2022-02-08');
      expect(lada.body.status).toBe('active');
      expect(lada.body.ownership).toEqual([expect.objectContaining({ owner: { id: 'renault', name: 'Renault' }, via: 'AvtoVAZ' })]);
    },
  },
  {
    name: 'a repeated question has the same ETag, and If-None-Match gets a 304',
    check: async (get) => {
      const url = '/v1/companies/renault?asOf=2019-05-01';
      const first = await get(url);
      expect(first.status).toBe(200);
      expect(first.headers.etag).toMatch(/^(W\/)?"/);
      const again = await get(url);
      expect(again.headers.etag).toBe(first.headers.etag);
      expect(again.headers['x-cache']).toBe('hit');
      const notModified = await get(url, { 'if-none-match': String(first.headers.etag) });
      expect(notModified.status).toBe(304);
      expect(notModified.headers.etag).toBe(first.headers.etag);
    },
  },
  {
    name: 'another day of the same time interval is a cache hit, with its own asOf',
    check: async (get) => {
      // No change date of the graph falls between 2016-10-21 and 2019-01-24.
      const first = await get('/v1/companies/mitsubishi-motors?asOf=2018-03-12');
      expect(first.status).toBe(200);
      const { hit, day } = await sameIntervalHit(get, '/v1/companies/mitsubishi-motors', '2018-03-13', '2019-01-24');
      expect(hit.headers['x-cache']).toBe('hit');
      expect(hit.body.asOf).toBe(day);
      expect({ ...hit.body, asOf: first.body.asOf }).toEqual(first.body);
    },
  },
  {
    name: 'bad input is a 4xx problem+json: an impossible date, an unknown company',
    check: async (get) => {
      expectProblem(await get('/v1/companies/nissan?asOf=2021-02-30'), 400);
      const unknown = await get('/v1/companies/tesla');
      expectProblem(unknown, 404);
      expect(unknown.body.detail).toBe('No company with id "tesla"');
    },
  },
];

const nextDay = (day: string): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * Asks `path` for day after day from `from` until the cache answers (x-cache: hit) or `before` or the
 * deadline is reached. Until a process has read the change dates of its dataset version (at start, after a
 * reload) it caches day by day; after that, every new day of an asked interval is a hit.
 */
export async function sameIntervalHit(get: Get, path: string, from: string, before: string, withinMs = 20_000): Promise<{ hit: Answer; day: string }> {
  const deadline = Date.now() + withinMs;
  let day = from;
  let hit = await get(`${path}?asOf=${day}`);
  while (hit.headers['x-cache'] !== 'hit' && nextDay(day) < before && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    day = nextDay(day);
    hit = await get(`${path}?asOf=${day}`);
  }
  return { hit, day };
}
