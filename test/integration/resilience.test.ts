import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/project-files.js';
import { connect } from '../support/graph.js';

function envFor(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const db = inject('neo4j');
  return { ...process.env, NEO4J_URI: db.uri, NEO4J_USER: db.user, NEO4J_PASSWORD: db.password, NEO4J_DATABASE: db.database, ...extra };
}

function waitFor(proc: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] ?? match[0]);
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
  });
}

/** A made-up dataset big enough that seeding it takes a while: 20,000 companies (test data). */
function bigDataset(): string {
  const dir = mkdtempSync(join(tmpdir(), 'big-dataset-'));
  const nodes = Array.from({ length: 20_000 }, (_, i) => ({
    id: `test-company-${i}`,
    label: 'Company',
    name: `Test company ${i}`,
    country: 'ZZ',
    kind: 'automaker',
    sources: ['test-source'],
  }));
  writeFileSync(
    join(dir, 'big.json'),
    JSON.stringify({ sources: [{ id: 'test-source', kind: 'report', title: 'Made-up test data', publisher: 'Test suite' }], nodes }),
  );
  return dir;
}

describe('seeding is crash-safe', () => {
  const g = connect();
  let clean: Awaited<ReturnType<typeof g.repositories.dataset.computeContentChecksum>>;
  beforeAll(async () => {
    await g.seedAlliance();
    clean = await g.repositories.dataset.computeContentChecksum();
  });
  afterAll(async () => {
    await g.seedAlliance();
    await g.close();
  });

  it('kill -9 in the middle of a seed, then seed again: the same content as a clean seed', async () => {
    const seed = spawn(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', bigDataset()], { cwd: PROJECT_ROOT, env: envFor() });
    // Progress lines appear while the one write transaction is open.
    await waitFor(seed, /(\d+)% \(\d+\/\d+/, 60_000);
    seed.kill('SIGKILL');
    const [, signal] = await once(seed, 'exit');
    expect(signal).toBe('SIGKILL');
    // Nothing of the killed transaction is visible.
    expect(await g.query("MATCH (c:Company {country: 'ZZ'}) RETURN count(c) AS n")).toEqual([{ n: 0 }]);
    await g.seedAlliance();
    expect(await g.repositories.dataset.computeContentChecksum()).toEqual(clean);
  });
});

describe('graceful shutdown', () => {
  const g = connect();
  beforeAll(async () => {
    await g.seedAlliance();
  });
  afterAll(() => g.close());

  it('drains an in-flight request on SIGTERM, then exits 0 and takes no new connections', async () => {
    const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: PROJECT_ROOT,
      env: envFor({ PORT: '0', LOG_LEVEL: 'info', CYPHER_TIMEOUT_MS: '20000' }),
    });
    const url = await waitFor(server, /Server listening at (http:\/\/127\.0\.0\.1:\d+)/, 30_000);
    // A slow query: about a second of counting inside Neo4j.
    const slow = fetch(`${url}/v1/cypher`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'UNWIND range(1, 4000000) AS x WITH x WHERE x % 7 = 3 RETURN count(*) AS n' }),
    });
    await new Promise((r) => setTimeout(r, 300));
    server.kill('SIGTERM');
    const response = await slow;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { rows: number[][] }).rows).toEqual([[571429]]);
    const [code] = await once(server, 'exit');
    expect(code).toBe(0);
    await expect(fetch(`${url}/health/live`)).rejects.toThrow();
  });
});
