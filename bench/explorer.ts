/**
 * npm run bench:explorer — latency of the explorer's pages (server-rendered HTML) against a real Neo4j.
 * Uses NEO4J_URI (and NEO4J_PASSWORD …) like the API; applies the schema and seeds data/ first.
 * The response cache is off, so every JSON answer a page is built from reaches Neo4j; each page is asked
 * over real HTTP on loopback, one at a time, for several days (the days a person would pick), after a
 * warm-up round that compiles plans and opens connections. Prints p50/p95/max per page in ms; the target
 * is 300 ms.
 */
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createDataTools, seedFromFolder } from '../src/services/dataset/seed.js';
import { DATA_DIR } from '../src/project-files.js';
import { summarise } from './scale/stats.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const DAYS = ['1999-06-01', '2010-01-01', '2016-10-20', '2022-02-08', '2023-11-08', '2024-01-01', '2025-06-01', '2026-11-26'];
const PAGES: Record<string, (day: string) => string> = {
  home: (d) => `/?asOf=${d}`,
  'company nissan': (d) => `/explore/company/nissan?asOf=${d}`,
  'company renault': (d) => `/explore/company/renault?asOf=${d}`,
  'company trust': (d) => `/explore/company/renault-french-trust-nissan-shares?asOf=${d}`,
  'brand renault-samsung': (d) => `/explore/brand/renault-samsung?asOf=${d}`,
  alliance: (d) => `/explore/alliance/renault-nissan-mitsubishi-alliance?asOf=${d}`,
  'person carlos-ghosn': (d) => `/explore/person/carlos-ghosn?asOf=${d}`,
  compare: (d) => `/explore/compare?from=${Number(d.slice(0, 4)) - 1}-01-01&to=${d}`,
  search: () => `/explore/search?q=${encodeURIComponent('日産')}`,
};

async function main(): Promise<void> {
  const env = { ...process.env, RESPONSE_CACHE: 'off', CACHE_WARM: 'off', LOG_LEVEL: 'warn', EXPENSIVE_GET_RATE_LIMIT: '100000' };
  const config = { ...loadConfig(env), port: 0 };
  const app = await buildApp(config, { applySchemaOnStart: false });
  const repositories = createDataTools(app.db);
  await repositories.system.applySchema();
  await seedFromFolder(repositories, DATA_DIR);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const get = async (path: string) => {
    const start = performance.now();
    const res = await fetch(`${address}${path}`, { headers: { accept: 'text/html' } });
    const body = await res.text();
    const ms = performance.now() - start;
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.slice(0, 200)}`);
    return ms;
  };
  for (const page of Object.values(PAGES)) for (const day of DAYS) await get(page(day));
  const results: Record<string, number[]> = Object.fromEntries(Object.keys(PAGES).map((k) => [k, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, page] of Object.entries(PAGES)) for (const day of DAYS) results[name]!.push(await get(page(day)));
  }
  await app.close();
  let worst = 0;
  console.log(`Explorer pages, response cache off, ${ROUNDS} rounds × ${DAYS.length} days each, one at a time over loopback HTTP:`);
  console.log('| page | n | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|');
  for (const [name, times] of Object.entries(results)) {
    const s = summarise(times);
    worst = Math.max(worst, s.p95);
    console.log(`| ${name} | ${s.n} | ${s.p50} | ${s.p95} | ${s.max} |`);
  }
  console.log(worst < 300 ? `every page's p95 under the 300 ms target (worst ${worst} ms)` : `a page's p95 is OVER the 300 ms target (worst ${worst} ms)`);
}

await main();
