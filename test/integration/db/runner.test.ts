import { createRequire } from 'node:module';
import { Socket } from 'node:net';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { coalesceBoltWrites } from '../../../src/db/coalesced-writes.js';
import { createDriver } from '../../../src/db/driver.js';
import { getAlliance, getCompany } from '../../../src/db/queries.generated.js';
import { connect } from '../../support/graph.js';

// The driver's socket channel, observed (not replaced): each call is one write to the socket.
const NodeChannel = createRequire(import.meta.url)('neo4j-driver-bolt-connection/lib/channel/node/node-channel.js').default as {
  prototype: { write(buffer: unknown): void };
};

/**
 * The runner's reads are auto-commit transactions: RUN and PULL leave together, where a managed
 * transaction (executeQuery) writes BEGIN, RUN+PULL and COMMIT apart. On the machines profiled those
 * writes were the largest single cost of an uncached answer (bench/profile.md).
 */
describe('the runner’s reads', () => {
  const graph = connect();
  afterAll(() => graph.close());

  const countWrites = async (work: () => Promise<unknown>) => {
    const write = NodeChannel.prototype.write;
    let writes = 0;
    NodeChannel.prototype.write = function (this: unknown, buffer: unknown) {
      writes += 1;
      return write.call(this, buffer);
    };
    try {
      await work();
    } finally {
      NodeChannel.prototype.write = write;
    }
    return writes;
  };

  it('send two socket writes fewer per query than executeQuery (no BEGIN, no COMMIT), and answer the same rows', async () => {
    const params = { id: 'renault-nissan-mitsubishi-alliance', asOf: '2022-02-08' };
    // Connections opened and warmed first: only the queries are counted.
    await graph.runner.read(getAlliance, params);
    await graph.driver.executeQuery(getAlliance.text, params);
    let rows: unknown[] = [];
    const byRunner = await countWrites(async () => {
      for (let i = 0; i < 10; i += 1) rows = await graph.runner.read(getAlliance, params);
    });
    const byExecuteQuery = await countWrites(async () => {
      for (let i = 0; i < 10; i += 1) await graph.driver.executeQuery(getAlliance.text, params);
    });
    // A long query text takes more than one write either way (the driver writes in blocks of about 1,400
    // bytes); what the auto-commit read saves is BEGIN's and COMMIT's: two writes per query.
    expect(byExecuteQuery - byRunner).toBe(20);
    expect((rows[0] as { alliance: { name: string } }).alliance.name).toBe('Renault–Nissan–Mitsubishi Alliance');
  });

  it('hand the blocks of one query to the socket in one system call once the API coalesces them', async () => {
    expect(coalesceBoltWrites()).toBe(true);
    // The company's query text is 3.7 KB: three blocks of the driver's 1,400 bytes, and its PULL.
    const params = { id: 'nissan', asOf: '2022-02-08' };
    await graph.runner.read(getCompany, params);
    const socket = Socket.prototype as unknown as Record<'_write' | '_writev', (...args: unknown[]) => unknown>;
    const [write, writev] = [socket._write, socket._writev];
    let calls = 0;
    socket._write = function (this: unknown, ...args: unknown[]) {
      calls += 1;
      return write.apply(this, args);
    };
    socket._writev = function (this: unknown, ...args: unknown[]) {
      calls += 1;
      return writev.apply(this, args);
    };
    let rows: unknown[] = [];
    try {
      for (let i = 0; i < 10; i += 1) rows = await graph.runner.read(getCompany, params);
    } finally {
      [socket._write, socket._writev] = [write, writev];
    }
    expect(calls).toBe(10);
    expect((rows[0] as { company: { name: string } }).company.name).toBe('Nissan');
  });

  it('count the database states their reads come back from: a write, in any process, moves the count once', async () => {
    const params = { id: 'renault-nissan-mitsubishi-alliance', asOf: '2022-02-08' };
    await graph.runner.read(getAlliance, params);
    const before = graph.runner.stateChanges;
    await graph.runner.read(getAlliance, params);
    await graph.runner.read(getCompany, { id: 'nissan', asOf: '2022-02-08' });
    expect(graph.runner.stateChanges).toBe(before);
    // Commits through another driver, as another process's reload would make. (A transaction that creates and
    // deletes the same node changes nothing and commits nothing: Neo4j's bookmark stays where it was.)
    const other = createDriver(inject('neo4j'), { poolSize: 1 });
    try {
      await other.executeQuery('CREATE (:RunnerStateProbe)', {}, { database: graph.runner.database });
      await other.executeQuery('MATCH (p:RunnerStateProbe) DELETE p', {}, { database: graph.runner.database });
    } finally {
      await other.close();
    }
    await graph.runner.read(getAlliance, params);
    expect(graph.runner.stateChanges).toBe(before + 1);
    await graph.runner.read(getAlliance, params);
    expect(graph.runner.stateChanges).toBe(before + 1);
  });
});
