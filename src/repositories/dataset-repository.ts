import { createHash } from 'node:crypto';
import { routing, type Driver, type ManagedTransaction } from 'neo4j-driver';
import { datasetRows, type NodeRow, type RelationshipRow } from '../dataset/graph-rows.js';
import { canonicalJson, planChanges, type ChangeCounts } from '../dataset/plan-changes.js';
import type { CypherCatalogue } from '../lib/cypher-catalogue.js';
import { toPlain, toTypedProperties, type Plain } from '../lib/neo4j-values.js';
import type { Dataset } from '../schemas/dataset.js';

export interface SeedSummary {
  version: string;
  previousVersion: string | null;
  /** Per node label (Source included) and per relationship type. */
  nodes: Record<string, ChangeCounts>;
  relationships: Record<string, ChangeCounts>;
  changed: boolean;
}

export interface IntegrityReport {
  unsourcedNodes: number;
  unsourcedRelationships: number;
  unknownSources: string[];
}

export type ProgressListener = (done: number, total: number) => void;

export interface BulkLoadOptions {
  /** Rows committed per write transaction (default 20,000). */
  rowsPerTransaction?: number;
  /** Rows per UNWIND statement inside a transaction (default 2,000, as in seed()). */
  batchSize?: number;
}

/** The graph is not empty, or a bulk load stopped half-way (the graph then holds part of the dataset). */
export class BulkLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BulkLoadError';
  }
}

const BATCH_SIZE = 2_000;
/** Relationships committed first in bulk mode, so that the rest is planned against a graph that has some. */
const PRIMER_ROWS = 100;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Loads a validated dataset into the graph in one write transaction: it reads what is there, writes
 * only what differs (so a second seed writes nothing), and removes what left the file.
 */
export class DatasetRepository {
  private readonly q;

  constructor(
    private readonly driver: Driver,
    private readonly database: string,
    queries: CypherCatalogue,
  ) {
    this.q = {
      readNodes: queries.take('seed-read-nodes'),
      readRelationships: queries.take('seed-read-relationships'),
      upsertSources: queries.take('seed-upsert-sources'),
      upsertNodes: queries.take('seed-upsert-nodes'),
      upsertRelationships: queries.take('seed-upsert-relationships'),
      deleteRelationships: queries.take('seed-delete-relationships'),
      deleteEntities: queries.take('seed-delete-entities'),
      deleteSources: queries.take('seed-delete-sources'),
      stamp: queries.take('seed-stamp-dataset'),
      version: queries.take('get-dataset-version'),
      content: queries.take('read-graph-content'),
      integrity: queries.take('count-unsourced'),
    };
  }

  async getVersion(): Promise<string | null> {
    const { records } = await this.driver.executeQuery(this.q.version, {}, { database: this.database, routing: routing.READ });
    return records[0] ? (records[0].get('version') as string) : null;
  }

  /** The loaded dataset's review date, as stamped on the Dataset node (null: none loaded or none stated). */
  async getReviewedOn(): Promise<string | null> {
    const { records } = await this.driver.executeQuery(this.q.version, {}, { database: this.database, routing: routing.READ });
    return records[0] ? ((records[0].get('reviewedOn') as string | null) ?? null) : null;
  }

  async seed(dataset: Dataset, onProgress?: ProgressListener): Promise<SeedSummary> {
    const desired = datasetRows(dataset);
    const session = this.driver.session({ database: this.database });
    try {
      return await session.executeWrite((tx) => this.seedIn(tx, dataset, desired, onProgress));
    } finally {
      await session.close();
    }
  }

  private async seedIn(
    tx: ManagedTransaction,
    dataset: Dataset,
    desired: ReturnType<typeof datasetRows>,
    onProgress?: ProgressListener,
  ): Promise<SeedSummary> {
    const versionResult = await tx.run(this.q.version);
    const previousVersion = versionResult.records[0] ? (versionResult.records[0].get('version') as string) : null;

    const existingNodes = new Map<string, NodeRow>();
    for (const r of (await tx.run(this.q.readNodes)).records) {
      existingNodes.set(r.get('id'), { id: r.get('id'), label: r.get('label'), props: toPlain(r.get('props')) as Record<string, Plain> });
    }
    const existingRels = new Map<string, RelationshipRow>();
    for (const r of (await tx.run(this.q.readRelationships)).records) {
      existingRels.set(r.get('id'), {
        id: r.get('id'),
        type: r.get('type'),
        from: r.get('from'),
        to: r.get('to'),
        props: toPlain(r.get('props')) as Record<string, Plain>,
      });
    }

    const nodePlan = planChanges([...desired.sources, ...desired.nodes], existingNodes, (n) => n.label, (a, b) => a.label === b.label);
    const removedNodeIds = new Set(nodePlan.removals.map((n) => n.id));
    const relPlan = planChanges(
      desired.relationships,
      existingRels,
      (r) => r.type,
      // A relationship whose endpoint is recreated goes with it, so it must be recreated too.
      (a, b) => a.type === b.type && a.from === b.from && a.to === b.to && !removedNodeIds.has(a.from) && !removedNodeIds.has(a.to),
    );
    const nodeWrites = nodePlan.writes;
    const nodeRemovals = nodePlan.removals;
    const relWrites = relPlan.writes;
    const relRemovals = relPlan.removals.map((r) => r.id);

    const total = relRemovals.length + nodeRemovals.length + nodeWrites.length + relWrites.length;
    let done = 0;
    const step = async (query: string, params: Record<string, unknown>, size: number) => {
      await tx.run(query, params);
      done += size;
      onProgress?.(done, total);
    };

    for (const ids of chunks(relRemovals, BATCH_SIZE)) await step(this.q.deleteRelationships, { ids }, ids.length);
    const removedEntities = nodeRemovals.filter((n) => n.label !== 'Source').map((n) => n.id);
    const removedSources = nodeRemovals.filter((n) => n.label === 'Source').map((n) => n.id);
    for (const ids of chunks(removedEntities, BATCH_SIZE)) await step(this.q.deleteEntities, { ids }, ids.length);
    for (const ids of chunks(removedSources, BATCH_SIZE)) await step(this.q.deleteSources, { ids }, ids.length);

    const toParams = (rows: NodeRow[]) => rows.map((r) => ({ id: r.id, label: r.label, props: toTypedProperties(r.props) }));
    const sourceWrites = nodeWrites.filter((n) => n.label === 'Source');
    const entityWrites = nodeWrites.filter((n) => n.label !== 'Source');
    for (const rows of chunks(sourceWrites, BATCH_SIZE)) await step(this.q.upsertSources, { rows: toParams(rows) }, rows.length);
    for (const rows of chunks(entityWrites, BATCH_SIZE)) await step(this.q.upsertNodes, { rows: toParams(rows) }, rows.length);
    for (const rows of chunks(relWrites, BATCH_SIZE)) {
      const params = rows.map((r) => ({ id: r.id, type: r.type, from: r.from, to: r.to, props: toTypedProperties(r.props) }));
      await step(this.q.upsertRelationships, { rows: params }, rows.length);
    }

    const changed = total > 0 || previousVersion !== dataset.version;
    if (changed) await tx.run(this.q.stamp, { version: dataset.version, files: dataset.files, reviewedOn: dataset.reviewedOn });
    return { version: dataset.version, previousVersion, nodes: nodePlan.counts, relationships: relPlan.counts, changed };
  }

  /**
   * Bulk mode, for loading a large dataset into an EMPTY graph (benchmarks, a first load of millions of
   * rows): the same rows and the same upsert Cypher as seed(), but committed in transactions of
   * `rowsPerTransaction` rows instead of one, so no single transaction has to hold the whole dataset in
   * Neo4j's transaction memory (dbms.memory.transaction.total.max). There is no diff to compute, because
   * the graph is empty: every row is created. It refuses a graph that holds any entity, source or dataset
   * stamp. Not atomic: the Dataset stamp is written last, so a load that stops half-way leaves a graph
   * without a stamp, holding part of the dataset, which must be emptied before loading again.
   * seed() remains the way to load or update data/: one transaction, all or nothing.
   */
  async bulkLoadIntoEmptyGraph(dataset: Dataset, onProgress?: ProgressListener, options: BulkLoadOptions = {}): Promise<SeedSummary> {
    const rowsPerTransaction = options.rowsPerTransaction ?? 20_000;
    const batchSize = Math.min(options.batchSize ?? BATCH_SIZE, rowsPerTransaction);
    if ((await this.getVersion()) !== null) throw new BulkLoadError('Bulk mode loads into an empty graph only; this one holds a dataset (use seed)');
    if (await this.holdsAnyDatasetNode()) {
      throw new BulkLoadError('Bulk mode loads into an empty graph only; this one holds entities or sources (an earlier load stopped half-way?)');
    }
    const desired = datasetRows(dataset);
    const total = desired.sources.length + desired.nodes.length + desired.relationships.length;
    let done = 0;
    const session = this.driver.session({ database: this.database });
    /** Commits `rows` in transactions of `rowsPerTransaction` rows, each a series of UNWIND statements. */
    const load = async <T>(query: string, rows: T[], toParams: (row: T) => Record<string, unknown>) => {
      for (const part of chunks(rows, rowsPerTransaction)) {
        try {
          await session.executeWrite(async (tx) => {
            for (const batch of chunks(part, batchSize)) await tx.run(query, { rows: batch.map(toParams) });
          });
        } catch (error) {
          throw new BulkLoadError(
            `Bulk load stopped after ${done} of ${total} rows; the graph holds part of the dataset and must be emptied before loading again: ` +
              (error instanceof Error ? error.message : String(error)),
          );
        }
        done += part.length;
        onProgress?.(done, total);
      }
    };
    const nodeParams = (r: NodeRow) => ({ id: r.id, label: r.label, props: toTypedProperties(r.props) });
    const relParams = (r: RelationshipRow) => ({ id: r.id, type: r.type, from: r.from, to: r.to, props: toTypedProperties(r.props) });
    try {
      await load(this.q.upsertSources, desired.sources, nodeParams);
      await load(this.q.upsertNodes, desired.nodes, nodeParams);
      // Planned against a graph without relationships, the upsert's MERGE scans every relationship for each
      // row (DirectedAllRelationshipsScan, which also reads the transaction's own new ones: quadratic).
      // So a first few relationships are committed on their own, and the next statement is replanned
      // against those statistics (Expand(Into) between the two endpoints), which the cache then keeps.
      const [primer, rest] = [desired.relationships.slice(0, PRIMER_ROWS), desired.relationships.slice(PRIMER_ROWS)];
      await load(this.q.upsertRelationships, primer, relParams);
      await load(`CYPHER replan=force\n${this.q.upsertRelationships}`, rest.slice(0, batchSize), relParams);
      await load(this.q.upsertRelationships, rest.slice(batchSize), relParams);
      await session.executeWrite((tx) => tx.run(this.q.stamp, { version: dataset.version, files: dataset.files, reviewedOn: dataset.reviewedOn }));
    } finally {
      await session.close();
    }
    const created = (kinds: string[]) => {
      const counts: Record<string, ChangeCounts> = {};
      for (const kind of kinds) {
        counts[kind] ??= { created: 0, updated: 0, removed: 0, unchanged: 0 };
        counts[kind].created += 1;
      }
      return counts;
    };
    return {
      version: dataset.version,
      previousVersion: null,
      nodes: created([...desired.sources, ...desired.nodes].map((n) => n.label)),
      relationships: created(desired.relationships.map((r) => r.type)),
      changed: true,
    };
  }

  /** Whether any entity or source exists: reads the seed's node listing only up to its first row. */
  private async holdsAnyDatasetNode(): Promise<boolean> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: 'READ', fetchSize: 1 });
    try {
      return await session.executeRead(async (tx) => {
        for await (const record of tx.run(this.q.readNodes)) {
          void record;
          return true;
        }
        return false;
      });
    } finally {
      await session.close();
    }
  }

  /** sha256 over every node and relationship (but the Dataset stamp), independent of storage order. */
  async computeContentChecksum(): Promise<{ checksum: string; nodes: number; relationships: number }> {
    const { records } = await this.driver.executeQuery(this.q.content, {}, { database: this.database, routing: routing.READ });
    const lines = records.map((r) =>
      canonicalJson({
        kind: r.get('kind'),
        labels: (r.get('labels') as string[]).slice().sort(),
        type: r.get('type'),
        from: r.get('from'),
        to: r.get('to'),
        props: toPlain(r.get('props')),
      }),
    );
    lines.sort();
    const checksum = createHash('sha256').update(lines.join('\n')).digest('hex');
    const nodes = records.filter((r) => r.get('kind') === 'node').length;
    return { checksum, nodes, relationships: records.length - nodes };
  }

  /** Every node and relationship the dataset owns, as plain rows (the same reads the seed diffs against). */
  async exportGraph(): Promise<{ nodes: NodeRow[]; relationships: RelationshipRow[] }> {
    const read = (query: string) => this.driver.executeQuery(query, {}, { database: this.database, routing: routing.READ });
    const [nodes, relationships] = await Promise.all([read(this.q.readNodes), read(this.q.readRelationships)]);
    return {
      nodes: nodes.records.map((r) => ({ id: r.get('id'), label: r.get('label'), props: toPlain(r.get('props')) as Record<string, Plain> })),
      relationships: relationships.records.map((r) => ({
        id: r.get('id'),
        type: r.get('type'),
        from: r.get('from'),
        to: r.get('to'),
        props: toPlain(r.get('props')) as Record<string, Plain>,
      })),
    };
  }

  async checkIntegrity(): Promise<IntegrityReport> {
    const { records } = await this.driver.executeQuery(this.q.integrity, {}, { database: this.database, routing: routing.READ });
    const r = records[0]!;
    return {
      unsourcedNodes: toPlain(r.get('unsourcedNodes')) as number,
      unsourcedRelationships: toPlain(r.get('unsourcedRelationships')) as number,
      unknownSources: r.get('unknownSources') as string[],
    };
  }
}
