/**
 * npm run bench:suggest — latency of GET /v1/suggest (type-ahead) against a real Neo4j.
 * Uses NEO4J_URI (and NEO4J_PASSWORD …) like the API; applies the schema and seeds data/ first.
 * Every prefix of a set of names in five scripts is asked as a user would type it, over real HTTP on
 * loopback, with the response cache off so each request reaches Neo4j; prints p50/p95/p99 in ms.
 */
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createDataTools, seedFromFolder } from '../src/services/dataset/seed.js';
import { DATA_DIR } from '../src/project-files.js';
import { summarise } from './scale/stats.js';

const NAMES = [
  'Renault',
  'Nissan Motor',
  'Mitsubishi Motors',
  'Infiniti',
  'Dacia',
  'Renault Korea',
  '日産自動車',
  '三菱自動車',
  'Лада',
  '르노코리아',
  '启辰',
  'Alliance 2030',
];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);

async function main(): Promise<void> {
  const config = { ...loadConfig({ ...process.env, RESPONSE_CACHE: 'off', LOG_LEVEL: 'warn' }), port: 0 };
  const app = await buildApp(config, { applySchemaOnStart: false });
  const repositories = createDataTools(app.db);
  await repositories.system.applySchema();
  await seedFromFolder(repositories, DATA_DIR);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const prefixes = NAMES.flatMap((name) => [...name].map((_, i) => [...name].slice(0, i + 1).join('')).filter((p) => p.trim()));
  // Warm-up: the first queries compile plans and open connections.
  for (const p of prefixes) await fetch(`${address}/v1/suggest?prefix=${encodeURIComponent(p)}`);
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const p of prefixes) {
      const start = performance.now();
      const res = await fetch(`${address}/v1/suggest?prefix=${encodeURIComponent(p)}`);
      await res.arrayBuffer();
      times.push(performance.now() - start);
      if (res.status !== 200) throw new Error(`${p}: ${res.status}`);
    }
  }
  await app.close();
  const s = summarise(times);
  console.log(`GET /v1/suggest: ${s.n} requests (${prefixes.length} prefixes × ${ROUNDS}), p50 ${s.p50} ms, p95 ${s.p95} ms, p99 ${s.p99} ms, max ${s.max} ms`);
  console.log(s.p95 < 50 ? 'p95 under the 50 ms target' : 'p95 OVER the 50 ms target');
}

await main();
