import { createHash } from 'node:crypto';
import type { CypherQuery } from '../db/query.js';
import {
  countUnsourced,
  getDatasetVersion,
  importFillEmptyNodeLists,
  importFillEmptyRelationshipLists,
  importSetNodeProperties,
  importSetRelationshipProperties,
  readGraphContent,
  seedDeleteEntities,
  seedDeleteRelationships,
  seedDeleteSources,
  seedReadNodes,
  seedReadRelationships,
  seedReadVersionHistory,
  seedRecordVersion,
  seedFindStatementVersions,
  seedRetractStatements,
  seedStampDataset,
  seedUpsertNodes,
  seedUpsertRelationships,
  seedUpsertSources,
} from '../db/queries.generated.js';
import type { QueryRunner, WriteTransaction } from '../db/runner.js';
import { toTypedProperties, type Plain } from '../db/values.js';
import { canonicalJson } from '../lib/canonical-json.js';

/** A node or relationship as the graph stores it: flat properties, plain values, nulls dropped. */
export interface NodeRow {
  id: string;
  label: string;
  props: Record<string, Plain>;
}

export interface RelationshipRow {
  id: string;
  type: string;
  from: string;
  to: string;
  props: Record<string, Plain>;
}

/** What the Dataset node says of the loaded dataset. */
export interface DatasetStamp {
  version: string;
  files: string[];
  /** The day the dataset was last reviewed (null: not stated). */
  reviewedOn: string | null;
}

/** What the graph holds now, as the seed's planner reads it. */
export interface GraphContent {
  version: string | null;
  /** The number of the latest recorded dataset version (null: none recorded yet). */
  latestVersionNumber: number | null;
  nodes: Map<string, NodeRow>;
  relationships: Map<string, RelationshipRow>;
}

/** The writes a seed decided on; applied in the order that keeps every relationship's endpoints. */
export interface GraphWrites {
  relationshipRemovals: string[];
  nodeRemovals: NodeRow[];
  nodeWrites: NodeRow[];
  relationshipWrites: RelationshipRow[];
  /** The dataset stamp to write, or null when nothing changed. */
  stamp: DatasetStamp | null;
  /** The version to record for this load, or null when nothing changed. */
  version: VersionRecord | null;
  /** The statements this load corrects or removes, kept as retracted (written with the version). */
  retractions: RetractionRow[];
}

/** One load of data/ as the version history records it. */
export interface VersionRecord {
  number: number;
  hash: string;
  loadedAt: string;
  message: string | null;
  files: string[];
  nodeCount: number;
  relationshipCount: number;
  /** Created, corrected, removed (the id lists below stay empty for a load into an empty graph). */
  nodeChanges: number[];
  relationshipChanges: number[];
  nodesCreated: string[];
  nodesUpdated: string[];
  nodesRemoved: string[];
  relationshipsCreated: string[];
  relationshipsUpdated: string[];
  relationshipsRemoved: string[];
}

/** A statement as it stood before a correction or removal; props as canonical JSON. */
export interface RetractionRow {
  statementId: string;
  kind: 'node' | 'relationship';
  type: string;
  from: string | null;
  to: string | null;
  props: string;
}

/** Properties set by Cypher after neo4j-admin import, on one node found by its id space and id. */
export interface NodeFollowUp {
  space: 'Entity' | 'Source' | 'Dataset';
  id: string;
  props: Record<string, Plain>;
}

/** Properties set by Cypher after neo4j-admin import, on one relationship found by its id and endpoints. */
export interface RelationshipFollowUp {
  id: string;
  from: string;
  to: string;
  props: Record<string, Plain>;
}

/** What the import's CSV files cannot say, done with Cypher once the server runs on the imported store. */
export interface ImportFollowUp {
  /** Every node with this label and no value for `key` gets an empty list (every row of the label has `key`). */
  emptyNodeLists: { label: string; key: string; nodes: number }[];
  /** Likewise for the relationships of a type. */
  emptyRelationshipLists: { type: string; key: string; relationships: number }[];
  nodes: NodeFollowUp[];
  relationships: RelationshipFollowUp[];
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

const nodeParams = (r: NodeRow) => ({ id: r.id, label: r.label, props: toTypedProperties(r.props) });
const relationshipParams = (r: RelationshipRow) => ({ id: r.id, type: r.type, from: r.from, to: r.to, props: toTypedProperties(r.props) });
/** The version bookkeeping keys of a Retracted node; a statement's own properties of these names stay in its JSON only. */
const RETRACTED_KEYS = new Set(['statementId', 'kind', 'type', 'from', 'to', 'props', 'since', 'until']);
const retractionParams = (r: RetractionRow) => {
  const props = JSON.parse(r.props) as Record<string, Plain>;
  const values = r.kind === 'relationship' ? Object.fromEntries(Object.entries(props).filter(([k]) => !RETRACTED_KEYS.has(k))) : {};
  return { ...r, values: toTypedProperties(values) };
};
const asNodeRow = (r: { id: string; label: string; props: Plain }): NodeRow => ({ id: r.id, label: r.label, props: r.props as Record<string, Plain> });
const asRelationshipRow = (r: { id: string; type: string; from: string; to: string; props: Plain }): RelationshipRow => ({
  id: r.id,
  type: r.type,
  from: r.from,
  to: r.to,
  props: r.props as Record<string, Plain>,
});

/**
 * The dataset's rows in the graph: reads them, applies the writes a seed planned (in one transaction),
 * loads an empty graph in bulk, and checks what is there. What to write is decided by the dataset service.
 */
export class DatasetRepository {
  constructor(private readonly db: QueryRunner) {}

  async getVersion(): Promise<string | null> {
    return (await this.db.readOne(getDatasetVersion, {}))?.version ?? null;
  }

  /** The loaded dataset's review date, as stamped on the Dataset node (null: none loaded or none stated). */
  async getReviewedOn(): Promise<string | null> {
    return (await this.getStamp()).reviewedOn;
  }

  /** The Dataset node's version and review date, in one read (nulls: no dataset loaded). */
  async getStamp(): Promise<{ version: string | null; reviewedOn: string | null }> {
    const row = await this.db.readOne(getDatasetVersion, {});
    return { version: row?.version ?? null, reviewedOn: row?.reviewedOn ?? null };
  }

  /**
   * Reads the graph, lets `plan` decide the writes, and applies them, all in one write transaction: a seed
   * is all or nothing, and nobody writes between the read and the writes.
   */
  async applyPlanned<T>(plan: (content: GraphContent) => { writes: GraphWrites; result: T }, onProgress?: ProgressListener): Promise<T> {
    return this.db.inWriteTransaction('seed', async (tx) => {
      const version = (await tx.run(getDatasetVersion, {}))[0]?.version ?? null;
      const latestVersionNumber = (await tx.run(seedReadVersionHistory, {}))[0]?.number ?? null;
      const nodes = new Map((await tx.run(seedReadNodes, {})).map((r) => [r.id, asNodeRow(r)]));
      const relationships = new Map((await tx.run(seedReadRelationships, {})).map((r) => [r.id, asRelationshipRow(r)]));
      const { writes, result } = plan({ version, latestVersionNumber, nodes, relationships });
      await this.write(tx, writes, onProgress);
      return result;
    });
  }

  private async write(tx: WriteTransaction, writes: GraphWrites, onProgress?: ProgressListener): Promise<void> {
    const total = writes.relationshipRemovals.length + writes.nodeRemovals.length + writes.nodeWrites.length + writes.relationshipWrites.length;
    let done = 0;
    const inBatches = async <T, P>(query: CypherQuery<P, unknown>, items: T[], params: (batch: T[]) => P) => {
      for (const batch of chunks(items, BATCH_SIZE)) {
        await tx.run(query, params(batch));
        done += batch.length;
        onProgress?.(done, total);
      }
    };
    const isSource = (n: NodeRow) => n.label === 'Source';
    await inBatches(seedDeleteRelationships, writes.relationshipRemovals, (ids: string[]) => ({ ids }));
    await inBatches(
      seedDeleteEntities,
      writes.nodeRemovals.filter((n) => !isSource(n)).map((n) => n.id),
      (ids: string[]) => ({ ids }),
    );
    await inBatches(
      seedDeleteSources,
      writes.nodeRemovals.filter(isSource).map((n) => n.id),
      (ids: string[]) => ({ ids }),
    );
    await inBatches(seedUpsertSources, writes.nodeWrites.filter(isSource), (rows: NodeRow[]) => ({ rows: rows.map(nodeParams) }));
    await inBatches(
      seedUpsertNodes,
      writes.nodeWrites.filter((n) => !isSource(n)),
      (rows: NodeRow[]) => ({ rows: rows.map(nodeParams) }),
    );
    await inBatches(seedUpsertRelationships, writes.relationshipWrites, (rows: RelationshipRow[]) => ({ rows: rows.map(relationshipParams) }));
    if (writes.stamp) await tx.run(seedStampDataset, writes.stamp);
    if (writes.version) {
      // Retracted first: their `since` is read from the versions recorded before this one.
      const until = writes.version.number;
      for (const batch of chunks(writes.retractions, BATCH_SIZE)) {
        const idsOf = (kind: RetractionRow['kind']) => batch.filter((r) => r.kind === kind).map((r) => r.statementId);
        const found = await tx.run(seedFindStatementVersions, { nodeIds: idsOf('node'), relationshipIds: idsOf('relationship'), until });
        const since = new Map(found.map((f) => [`${f.kind} ${f.statementId}`, f.since]));
        const rows = batch.map((r) => ({ ...retractionParams(r), since: since.get(`${r.kind} ${r.statementId}`) ?? 0 }));
        await tx.run(seedRetractStatements, { rows, until });
      }
      const {
        nodeChanges: [nc = 0, nu = 0, nr = 0],
        relationshipChanges: [rc = 0, ru = 0, rr = 0],
        ...record
      } = writes.version;
      await tx.run(seedRecordVersion, {
        ...record,
        nodesCreatedCount: nc,
        nodesCorrectedCount: nu,
        nodesRemovedCount: nr,
        relationshipsCreatedCount: rc,
        relationshipsCorrectedCount: ru,
        relationshipsRemovedCount: rr,
      });
    }
  }

  /**
   * Bulk mode, for loading a large dataset into an EMPTY graph (benchmarks, a first load of millions of
   * rows): the same rows and the same upsert Cypher as a seed, but committed in transactions of
   * `rowsPerTransaction` rows instead of one, so no single transaction has to hold the whole dataset in
   * Neo4j's transaction memory (dbms.memory.transaction.total.max). There is no diff to compute, because
   * the graph is empty: every row is created. It refuses a graph that holds any entity, source or dataset
   * stamp. Not atomic: the Dataset stamp is written last, so a load that stops half-way leaves a graph
   * without a stamp, holding part of the dataset, which must be emptied before loading again.
   * A seed remains the way to load or update data/: one transaction, all or nothing.
   */
  async bulkLoadIntoEmptyGraph(
    rows: { sources: NodeRow[]; nodes: NodeRow[]; relationships: RelationshipRow[] },
    stamp: DatasetStamp,
    onProgress?: ProgressListener,
    options: BulkLoadOptions = {},
  ): Promise<void> {
    const rowsPerTransaction = options.rowsPerTransaction ?? 20_000;
    const batchSize = Math.min(options.batchSize ?? BATCH_SIZE, rowsPerTransaction);
    if ((await this.getVersion()) !== null) throw new BulkLoadError('Bulk mode loads into an empty graph only; this one holds a dataset (use seed)');
    if (await this.holdsAnyDatasetNode()) {
      throw new BulkLoadError('Bulk mode loads into an empty graph only; this one holds entities or sources (an earlier load stopped half-way?)');
    }
    const total = rows.sources.length + rows.nodes.length + rows.relationships.length;
    let done = 0;
    /** Commits `items` in transactions of `rowsPerTransaction` rows, each a series of UNWIND statements. */
    const load = async <T>(
      query: CypherQuery<{ rows: Record<string, unknown>[] }, unknown>,
      items: T[],
      toParams: (row: T) => Record<string, unknown>,
      text = query.text,
    ) => {
      for (const part of chunks(items, rowsPerTransaction)) {
        try {
          await this.db.inWriteTransaction('bulk-load', async (tx) => {
            for (const batch of chunks(part, batchSize)) await tx.runText(query, text, { rows: batch.map(toParams) });
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
    await load(seedUpsertSources, rows.sources, nodeParams);
    await load(seedUpsertNodes, rows.nodes, nodeParams);
    // Planned against a graph without relationships, the upsert's MERGE scans every relationship for each
    // row (DirectedAllRelationshipsScan, which also reads the transaction's own new ones: quadratic).
    // So a first few relationships are committed on their own, and the next statement is replanned
    // against those statistics (Expand(Into) between the two endpoints), which the cache then keeps.
    const [primer, rest] = [rows.relationships.slice(0, PRIMER_ROWS), rows.relationships.slice(PRIMER_ROWS)];
    await load(seedUpsertRelationships, primer, relationshipParams);
    await load(seedUpsertRelationships, rest.slice(0, batchSize), relationshipParams, `CYPHER replan=force\n${seedUpsertRelationships.text}`);
    await load(seedUpsertRelationships, rest.slice(batchSize), relationshipParams);
    await this.db.inWriteTransaction('bulk-load', (tx) => tx.run(seedStampDataset, stamp));
  }

  /**
   * The empty lists a graph loaded by neo4j-admin import lacks, filled in label by label (or type by type).
   * Best before the schema is applied: lists such as aliases are in full-text indexes, which are then built
   * once over the finished nodes instead of updated node by node.
   */
  async fillImportedEmptyLists(followUp: Pick<ImportFollowUp, 'emptyNodeLists' | 'emptyRelationshipLists'>): Promise<void> {
    for (const { label, key } of followUp.emptyNodeLists) await this.db.writeInOwnTransactions(importFillEmptyNodeLists, { label, key });
    for (const { type, key } of followUp.emptyRelationshipLists) await this.db.writeInOwnTransactions(importFillEmptyRelationshipLists, { type, key });
  }

  /**
   * The other values the import's CSV files could not hold, set row by row (see ImportFollowUp). Needs the
   * schema applied first: the rows are found through the id constraints' indexes.
   */
  async completeImportedRows(followUp: Pick<ImportFollowUp, 'nodes' | 'relationships'>): Promise<void> {
    const check = (what: string, expected: number, updated: number) => {
      if (updated !== expected) throw new BulkLoadError(`After the import, ${expected - updated} of ${expected} ${what} to complete were not found`);
    };
    for (const batch of chunks(followUp.nodes, BATCH_SIZE)) {
      const rows = batch.map((r) => ({ space: r.space, id: r.id, props: r.space === 'Dataset' ? r.props : toTypedProperties(r.props) }));
      check('nodes', batch.length, (await this.db.write(importSetNodeProperties, { rows }))[0]?.updated ?? 0);
    }
    for (const batch of chunks(followUp.relationships, BATCH_SIZE)) {
      const rows = batch.map((r) => ({ id: r.id, from: r.from, to: r.to, props: toTypedProperties(r.props) }));
      check('relationships', batch.length, (await this.db.write(importSetRelationshipProperties, { rows }))[0]?.updated ?? 0);
    }
  }

  /** Whether the graph holds a dataset stamp, an entity or a source (an import would replace them). */
  async holdsAnyData(): Promise<boolean> {
    return (await this.getVersion()) !== null || (await this.holdsAnyDatasetNode());
  }

  /** Whether any entity or source exists: reads the seed's node listing only up to its first row. */
  private async holdsAnyDatasetNode(): Promise<boolean> {
    let any = false;
    await this.db.stream(seedReadNodes, {}, () => {
      any = true;
      return false;
    });
    return any;
  }

  /** sha256 over every node and relationship (but the Dataset stamp), independent of storage order. */
  async computeContentChecksum(): Promise<{ checksum: string; nodes: number; relationships: number }> {
    const rows = await this.db.read(readGraphContent, {});
    const lines = rows.map((r) => canonicalJson({ ...r, labels: (r.labels ?? []).slice().sort() }));
    lines.sort();
    const checksum = createHash('sha256').update(lines.join('\n')).digest('hex');
    const nodes = rows.filter((r) => r.kind === 'node').length;
    return { checksum, nodes, relationships: rows.length - nodes };
  }

  /** Every node and relationship the dataset owns, as plain rows (the same reads the seed diffs against). */
  async exportGraph(): Promise<{ nodes: NodeRow[]; relationships: RelationshipRow[] }> {
    const [nodes, relationships] = await Promise.all([this.db.read(seedReadNodes, {}), this.db.read(seedReadRelationships, {})]);
    return { nodes: nodes.map(asNodeRow), relationships: relationships.map(asRelationshipRow) };
  }

  async checkIntegrity(): Promise<IntegrityReport> {
    const row = await this.db.readOne(countUnsourced, {});
    return row ?? { unsourcedNodes: 0, unsourcedRelationships: 0, unknownSources: [] };
  }
}
