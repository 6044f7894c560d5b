import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createResearchDriver } from '../../../src/db/driver.js';
import { listCompanies } from '../../../src/db/queries.generated.js';
import { TransactionWatchdog } from '../../../src/db/transaction-watchdog.js';
import { PROJECT_ROOT } from '../../../src/project-files.js';
import { ResearchRepository } from '../../../src/repositories/research-repository.js';
import { connect } from '../../support/graph.js';

const ACCESS_MODE = 'Neo.ClientError.Statement.AccessMode';
/** A write that leaves nothing behind; Neo4j refuses it in a transaction opened for READ access. */
const WRITE_TEXT = 'CREATE (p:ReadRoutingProbe) WITH p DELETE p RETURN 0 AS total, [] AS items';
const probe = { ...listCompanies, name: 'read-routing-probe', text: WRITE_TEXT };
const params = { country: null, alliance: null, asOf: '2020-01-01', offset: 0, limit: 1 };

/**
 * Reads go with READ access, which a cluster routes to its secondaries. Neo4j says which mode a
 * transaction was opened in by refusing a write in a READ one; a single server enforces it too.
 */
describe('reads go with READ access mode', () => {
  const graph = connect();
  afterAll(() => graph.close());

  it('the runner’s read, readOne and stream open READ transactions: Neo4j refuses a write in them', async () => {
    await expect(graph.runner.read(probe, params)).rejects.toMatchObject({ code: ACCESS_MODE });
    await expect(graph.runner.readOne(probe, params)).rejects.toMatchObject({ code: ACCESS_MODE });
    await expect(graph.runner.stream(probe, params, () => true)).rejects.toMatchObject({ code: ACCESS_MODE });
    expect(await graph.query('MATCH (p:ReadRoutingProbe) RETURN count(p) AS n')).toEqual([{ n: 0 }]);
  });

  it('the same statement runs through the runner’s write: the refusal above is the access mode, not the statement', async () => {
    expect(await graph.runner.write(probe, params)).toEqual([{ total: 0, items: [] }]);
    expect(await graph.runner.inWriteTransaction('read-routing-probe', (tx) => tx.run(probe, params))).toEqual([{ total: 0, items: [] }]);
  });

  it('researchers’ Cypher runs in READ transactions too (beside the planner’s check that it only reads)', async () => {
    const db = inject('neo4j');
    const driver = createResearchDriver(db, 2);
    const watchdog = new TransactionWatchdog(driver);
    try {
      const research = new ResearchRepository(driver, db.database, watchdog);
      await expect(research.runReadOnly(WRITE_TEXT, {}, { timeoutMs: 10_000, maxRows: 10, maxBytes: 10_000 }, 'rw')).rejects.toMatchObject({
        code: ACCESS_MODE,
      });
      const read = await research.runReadOnly('RETURN 1 AS one', {}, { timeoutMs: 10_000, maxRows: 10, maxBytes: 10_000 }, 'r');
      expect(read.rows).toEqual([[1]]);
    } finally {
      watchdog.close();
      await driver.close();
    }
  });

  it('only the dataset loader and the schema migrator ask for write transactions; every other session is READ', () => {
    const files = tsFiles(join(PROJECT_ROOT, 'src'));
    const writes = /\b(?:db|runner)\.(?:write|inWriteTransaction)\(|executeWrite\(|routing\.WRITE|session\.WRITE/;
    const writers = files.filter((f) => writes.test(readFileSync(f, 'utf8'))).map(rel);
    // The runner defines the write path; the watchdog terminates overdue research transactions (on `system`).
    expect(writers.sort()).toEqual([
      'src/db/runner.ts',
      'src/db/schema-migrator.ts',
      'src/db/transaction-watchdog.ts',
      'src/repositories/dataset-repository.ts',
    ]);
    // Sessions opened on the data (not on `system`, where the research watchdog and gate ask the server itself) say READ.
    const sessions = files.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/\.session\(\{([^}]*)\}/g)]
        .filter((m) => !m[1]!.includes("'system'"))
        .map((m) => `${rel(f)}: ${m[1]!.includes('neo4j.session.READ') ? 'READ' : m[1]}`),
    );
    expect(sessions.filter((s) => !s.endsWith(': READ') && !s.startsWith('src/db/runner.ts'))).toEqual([]);
  });
});

const rel = (file: string) => relative(PROJECT_ROOT, file).split('\\').join('/');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

describe('the routing table of the project’s local Neo4j', () => {
  const db = inject('neo4j');
  // Only where the suite runs the project's own Neo4j: another server advertises what its operator set.
  it.runIf(db.choice === 'local')('names the port it listens on, so neo4j:// URIs reach this instance and no other', async () => {
    const graph = connect();
    try {
      const rows = await graph.query("CALL dbms.routing.getRoutingTable({}, 'neo4j') YIELD servers RETURN servers");
      const servers = rows[0]!.servers as { addresses: string[]; role: string }[];
      const port = new URL(db.uri.replace(/^\w+:/, 'http:')).port || '7687';
      for (const role of ['READ', 'WRITE', 'ROUTE']) {
        expect(servers.find((s) => s.role === role)?.addresses).toEqual([`127.0.0.1:${port}`]);
      }
    } finally {
      await graph.close();
    }
  });
});
