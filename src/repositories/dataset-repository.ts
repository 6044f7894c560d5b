import { createHash } from 'node:crypto';
import { routing, type Driver, type ManagedTransaction } from 'neo4j-driver';
import { datasetRows, type NodeRow, type RelationshipRow } from '../dataset/graph-rows.js';
import type { CypherCatalogue } from '../lib/cypher-catalogue.js';
import { toPlain, toTypedProperties, type Plain } from '../lib/neo4j-values.js';
import type { Dataset } from '../schemas/dataset.js';

export interface ChangeCounts {
  created: number;
  updated: number;
  removed: number;
  unchanged: number;
}

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

const BATCH_SIZE = 2_000;

const emptyCounts = (): ChangeCounts => ({ created: 0, updated: 0, removed: 0, unchanged: 0 });
const canonicalJson = (value: Plain) => JSON.stringify(sortDeep(value));

function sortDeep(value: Plain): Plain {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortDeep(value[k]!)]));
  }
  return value;
}

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

    const nodeCounts: Record<string, ChangeCounts> = {};
    const relCounts: Record<string, ChangeCounts> = {};
    const count = (table: Record<string, ChangeCounts>, key: string, field: keyof ChangeCounts) => {
      table[key] ??= emptyCounts();
      table[key][field] += 1;
    };

    const desiredNodes = [...desired.sources, ...desired.nodes];
    const desiredNodeIds = new Set(desiredNodes.map((n) => n.id));
    const nodeWrites: NodeRow[] = [];
    const nodeRemovals: NodeRow[] = [];
    for (const row of desiredNodes) {
      const before = existingNodes.get(row.id);
      if (!before) {
        nodeWrites.push(row);
        count(nodeCounts, row.label, 'created');
      } else if (before.label !== row.label) {
        // A node that changes label is a different statement: remove the old, create the new.
        nodeRemovals.push(before);
        nodeWrites.push(row);
        count(nodeCounts, before.label, 'removed');
        count(nodeCounts, row.label, 'created');
      } else if (canonicalJson(before.props) !== canonicalJson(row.props)) {
        nodeWrites.push(row);
        count(nodeCounts, row.label, 'updated');
      } else count(nodeCounts, row.label, 'unchanged');
    }
    for (const before of existingNodes.values()) {
      if (!desiredNodeIds.has(before.id)) {
        nodeRemovals.push(before);
        count(nodeCounts, before.label, 'removed');
      }
    }

    const desiredRelIds = new Set(desired.relationships.map((r) => r.id));
    const relWrites: RelationshipRow[] = [];
    const relRemovals: string[] = [];
    const removedNodeIds = new Set(nodeRemovals.map((n) => n.id));
    for (const row of desired.relationships) {
      const before = existingRels.get(row.id);
      const endpointsGone = before && (removedNodeIds.has(before.from) || removedNodeIds.has(before.to));
      if (!before) {
        relWrites.push(row);
        count(relCounts, row.type, 'created');
      } else if (before.type !== row.type || before.from !== row.from || before.to !== row.to || endpointsGone) {
        relRemovals.push(before.id);
        relWrites.push(row);
        count(relCounts, before.type, 'removed');
        count(relCounts, row.type, 'created');
      } else if (canonicalJson(before.props) !== canonicalJson(row.props)) {
        relWrites.push(row);
        count(relCounts, row.type, 'updated');
      } else count(relCounts, row.type, 'unchanged');
    }
    for (const before of existingRels.values()) {
      if (!desiredRelIds.has(before.id)) {
        relRemovals.push(before.id);
        count(relCounts, before.type, 'removed');
      }
    }

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
    if (changed) await tx.run(this.q.stamp, { version: dataset.version, files: dataset.files });
    return { version: dataset.version, previousVersion, nodes: nodeCounts, relationships: relCounts, changed };
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
