import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCitationsByClaimIds, getRelationshipSources } from '../../../src/db/queries.generated.js';
import { CYPHER_SCHEMA_DIR } from '../../../src/project-files.js';
import { RelationshipSchema } from '../../../src/schemas/dataset.js';
import { connect } from '../../support/graph.js';

const TYPES = RelationshipSchema.options.map((o) => o.shape.type.value);
const QUERIES = [getCitationsByClaimIds, getRelationshipSources];

/** What the two lookups were before they went type by type: a pattern of any type, which scans every relationship. */
const SCANNING = {
  [getCitationsByClaimIds.name]: `CALL () {
  MATCH (n:Entity) WHERE n.id IN $ids AND n.citations IS NOT NULL RETURN n.id AS id, n.citations AS citations
  UNION ALL
  MATCH ()-[r]->() WHERE r.id IN $ids AND r.citations IS NOT NULL RETURN r.id AS id, r.citations AS citations
} RETURN id, citations ORDER BY id`,
  [getRelationshipSources.name]: 'MATCH ()-[r]->() WHERE r.id IN $ids RETURN r.id AS id, coalesce(r.sources, []) AS sources ORDER BY id',
};

/**
 * A claim's quotes and sources are found by relationship id (include=sources, the MCP look-through's citations).
 * A property index is per relationship type, so both lookups name every type, and the schema indexes each one's
 * id: a new relationship type must join all three, or its claims would be looked up by a scan of every
 * relationship (300 ms on a million stakes) or not at all.
 */
describe('relationships looked up by id', () => {
  const graph = connect();
  beforeAll(() => graph.seedAlliance());
  afterAll(() => graph.close());

  it('every relationship type of the dataset has an id index and a branch in both lookups', () => {
    const schema = readFileSync(join(CYPHER_SCHEMA_DIR, '002-indexes.cypher'), 'utf8');
    expect(TYPES.length).toBe(13);
    for (const type of TYPES) {
      expect(schema, type).toContain(`FOR ()-[r:${type}]-() ON (r.id);`);
      for (const query of QUERIES) expect(query.text, `${query.name} ${type}`).toContain(`MATCH ()-[r:${type}]->() WHERE r.id IN $ids`);
    }
  });

  it('the seeded graph has ids on no other relationship type', async () => {
    const rows = await graph.query('MATCH ()-[r]->() WHERE r.id IS NOT NULL RETURN DISTINCT type(r) AS type ORDER BY type');
    expect(rows.map((r) => r.type)).toEqual([...TYPES].sort());
  });

  it('Neo4j answers each from the id indexes, never by scanning relationships', async () => {
    for (const query of QUERIES) {
      const { summary } = await graph.driver.executeQuery(`EXPLAIN ${query.text}`, { ids: ['renault-stake-nissan-2023'] }, { database: graph.runner.database });
      const operators: string[] = [];
      const walk = (plan: { operatorType: string; children: unknown[] }) => {
        operators.push(plan.operatorType.replace(/@.*/, ''));
        for (const child of plan.children) walk(child as typeof plan);
      };
      walk(summary.plan as never);
      expect(operators.filter((o) => o === 'DirectedRelationshipIndexSeek').length, query.name).toBe(TYPES.length);
      expect(
        operators.filter((o) => /Scan/.test(o)),
        query.name,
      ).toEqual([]);
    }
  });

  it('give what the scan gave, for every relationship and node id of the graph and ids of nothing', async () => {
    const relationshipIds = (await graph.query('MATCH ()-[r]->() WHERE r.id IS NOT NULL RETURN r.id AS id')).map((r) => r.id as string);
    const nodeIds = (await graph.query('MATCH (n:Entity) RETURN n.id AS id')).map((r) => r.id as string);
    const ids = [...relationshipIds, ...nodeIds, 'no-such-claim'];
    expect(relationshipIds.length).toBeGreaterThan(500);
    for (const query of QUERIES) {
      const now = await graph.query(query.text, { ids });
      const before = await graph.query(SCANNING[query.name]!, { ids });
      const order = (rows: typeof now) => [...rows].sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
      expect(order(now), query.name).toEqual(order(before));
      if (query === getRelationshipSources) expect(now.length).toBe(relationshipIds.length);
      else expect(now.length).toBeGreaterThan(10);
    }
  });
});
