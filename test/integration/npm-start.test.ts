import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import neo4j from 'neo4j-driver';
import { describe, expect, inject, it } from 'vitest';
import { boltAnswers } from '../../neo4j/local-server.js';
import { PROJECT_ROOT } from '../../src/project-files.js';
import { loadConfig } from '../../src/config.js';

/** Where npm start puts researchers' own Neo4j by default (config.ts's RESEARCH_NEO4J_BOLT_PORT). */
const RESEARCH_BOLT_URI = `bolt://127.0.0.1:${loadConfig({}).research!.localBoltPort}`;

interface Problem {
  status: number;
  detail?: string;
}

/** POST /v1/cypher, with what a test needs of the answer. */
async function cypher(url: string, query: string, params: Record<string, unknown> = {}) {
  const res = await fetch(`${url}/v1/cypher`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, params }) });
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as unknown,
  };
}

describe('npm start (scripts/start.ts)', () => {
  it('reuses the running Neo4j, answers ready, and on SIGINT exits 0 leaving that Neo4j running', { timeout: 300_000 }, async () => {
    const db = inject('neo4j');
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', LOG_LEVEL: 'warn', NEO4J_PASSWORD: db.password };
    // With the project's local Neo4j, leave NEO4J_URI unset so the "start or reuse" path is the one exercised.
    if (db.choice === 'local') delete env.NEO4J_URI;
    else env.NEO4J_URI = db.uri;
    // The defaults are what is tested: a second local Neo4j for researchers when Neo4j is managed locally.
    for (const name of ['RESEARCH_NEO4J_URI', 'RESEARCH_ISOLATION', 'RESEARCH_NEO4J_BOLT_PORT', 'RESEARCH_NEO4J_HTTP_PORT']) delete env[name];
    const local = db.choice === 'local';

    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: PROJECT_ROOT, env });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 25_000);
        child.stdout.on('data', () => {
          const match = /API on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      if (local) expect(output).toContain('Reusing the Neo4j running at bolt://127.0.0.1:7687');

      // At once, while researchers' own Neo4j is (normally) still starting: a clear 503, never a 500 and never the main database.
      let first = await cypher(url, 'RETURN 1 AS one');
      // While both Neo4j processes start on this box the API may shed load for a moment (503 "overloaded",
      // with Retry-After): not yet the research door's verdict, so it is asked again, soon.
      for (let i = 0; i < 20 && first.status === 503 && /overloaded/.test((first.body as Problem).detail ?? ''); i += 1) {
        expect(Number(first.retryAfter)).toBeGreaterThan(0);
        await new Promise((r) => setTimeout(r, 250));
        first = await cypher(url, 'RETURN 1 AS one');
      }

      let ready: Response | undefined;
      for (let i = 0; i < 40 && ready?.status !== 200; i += 1) {
        ready = await fetch(`${url}/health/ready`);
        if (ready.status !== 200) await new Promise((r) => setTimeout(r, 250));
      }
      expect(ready?.status).toBe(200);
      expect(((await ready!.json()) as { status: string }).status).toBe('ready');

      if (!local) expect(output).toContain('Researchers’ queries share the Neo4j at NEO4J_URI');
      else await researchRunsOnItsOwnNeo4j(url, first);
    } finally {
      child.kill('SIGINT');
    }
    const [code] = await once(child, 'exit');
    expect(code, output).toBe(0);
    expect(output).not.toContain('Stopping the local Neo4j');
    // Researchers' Neo4j is stopped only when this process started it, as the main one.
    if (local) expect(await boltAnswers(RESEARCH_BOLT_URI, db.user, db.password)).toBe(!output.includes('Started the research Neo4j'));

    const driver = neo4j.driver(db.uri, neo4j.auth.basic(db.user, db.password));
    try {
      const info = await driver.getServerInfo();
      expect(info.agent).toMatch(/^Neo4j\/5\.26\./);
    } finally {
      await driver.close();
    }

    async function researchRunsOnItsOwnNeo4j(url: string, first: Awaited<ReturnType<typeof cypher>>): Promise<void> {
      expect(output).toContain(`Researchers’ queries run on a second local Neo4j at ${RESEARCH_BOLT_URI}`);
      if (first.status !== 200) {
        expect(first.status, JSON.stringify(first.body)).toBe(503);
        expect(first.contentType).toMatch(/^application\/problem\+json/);
        expect(Number(first.retryAfter)).toBeGreaterThan(0);
        expect((first.body as Problem).detail).toMatch(/research database (is starting|does not answer|holds)/);
      }

      // Until it answers at the API's dataset version, every research answer is that 503.
      let answer = first;
      const deadline = Date.now() + 240_000;
      while (answer.status !== 200 && Date.now() < deadline) {
        expect([200, 503], JSON.stringify(answer.body)).toContain(answer.status);
        // Every 2 s: well under the research routes' 60 requests a minute.
        await new Promise((r) => setTimeout(r, 2_000));
        answer = await cypher(url, 'RETURN 1 AS one');
      }
      expect(answer.status, `${JSON.stringify(answer.body)}\n${output}`).toBe(200);
      // This process started it (not a reuse): then the first answer was the "starting" one.
      const startedHere = output.includes('Started the research Neo4j');
      if (startedHere) expect((first.body as Problem).detail).toMatch(/research database is starting/);

      const health = (await (await fetch(`${url}/health/ready`)).json()) as { research: { database: { state: string; datasetVersion: string | null } } };
      expect(health.research.database.state).toBe('ready');
      const typed = await fetch(`${url}/v1/companies/nissan`);
      expect(typed.status).toBe(200);
      expect(health.research.database.datasetVersion).toBe(typed.headers.get('data-version'));

      // A marker written into researchers' database only: the door finds it, the main database has none.
      const token = randomUUID();
      const researchDriver = neo4j.driver(RESEARCH_BOLT_URI, neo4j.auth.basic(db.user, db.password));
      const mainDriver = neo4j.driver(db.uri, neo4j.auth.basic(db.user, db.password));
      try {
        await researchDriver.executeQuery('CREATE (:NpmStartResearchMarker {token: $token})', { token }, { database: db.database });
        const marked = await cypher(url, 'MATCH (m:NpmStartResearchMarker {token: $token}) RETURN count(m) AS n', { token });
        expect(marked.status, JSON.stringify(marked.body)).toBe(200);
        expect((marked.body as { rows: unknown[][] }).rows).toEqual([[1]]);
        const onMain = await mainDriver.executeQuery(
          'MATCH (m:NpmStartResearchMarker {token: $token}) RETURN count(m) AS n',
          { token },
          { database: db.database },
        );
        expect(onMain.records[0]!.get('n').toNumber()).toBe(0);
      } finally {
        await researchDriver.executeQuery('MATCH (m:NpmStartResearchMarker) DELETE m', {}, { database: db.database }).catch(() => {});
        await researchDriver.close();
        await mainDriver.close();
      }
    }
  });
});
