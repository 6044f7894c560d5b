import type { Driver } from 'neo4j-driver';
import type { CypherCatalogue } from '../lib/cypher-catalogue.js';
import { edgeLabel, type GraphEdge, type GraphNode, type OwnershipGraph } from '../ownership/graph-formats.js';
import type { StakeEdge } from '../ownership/look-through.js';
import { ReadRepository } from './read-repository.js';

export type Direction = 'up' | 'down' | 'both';

export interface StakeRow extends StakeEdge {
  holderName: string;
  companyName: string;
}

type NodeRow = Omit<GraphNode, 'depth'>;
type EdgeRow = Omit<GraphEdge, 'label'>;

/**
 * Ownership subgraphs fetched breadth-first, one query per level (never one per node), so the cost
 * grows with the reachable subgraph and not with the whole graph.
 */
export class OwnershipRepository extends ReadRepository {
  private readonly q;

  constructor(driver: Driver, database: string, queries: CypherCatalogue) {
    super(driver, database);
    this.q = {
      root: queries.take('get-ownership-root'),
      frontier: queries.take('expand-ownership-frontier'),
      edges: queries.take('list-ownership-edges'),
      stakesDown: queries.take('expand-stakes-down'),
      stakesUp: queries.take('expand-stakes-up'),
      company: queries.take('get-company-name'),
    };
  }

  /** Null when the root is no company, brand or alliance. */
  async findOwnershipGraph(root: string, depth: number, direction: Direction, asOf: string): Promise<OwnershipGraph | null> {
    const rootRow = await this.readOne<{ node: NodeRow }>(this.q.root, { id: root });
    if (!rootRow) return null;
    const nodes = new Map<string, GraphNode>([[root, { ...rootRow.node, depth: 0 }]]);
    let frontier = [root];
    for (let level = 1; level <= depth && frontier.length > 0; level += 1) {
      const rows = await this.readAll<{ node: NodeRow }>(this.q.frontier, { frontier, direction, asOf });
      frontier = [];
      for (const { node } of rows.sort((a, b) => (a.node.id < b.node.id ? -1 : 1))) {
        if (nodes.has(node.id)) continue;
        nodes.set(node.id, { ...node, depth: level });
        frontier.push(node.id);
      }
    }
    const edges = await this.readAll<{ edge: EdgeRow }>(this.q.edges, { ids: [...nodes.keys()], asOf });
    return {
      nodes: [...nodes.values()].sort((a, b) => a.depth - b.depth || (a.id < b.id ? -1 : 1)),
      edges: edges.map(({ edge }) => ({ ...edge, label: edgeLabel(edge) })),
    };
  }

  async findCompanyName(id: string): Promise<string | null> {
    return (await this.readOne<{ name: string }>(this.q.company, { id }))?.name ?? null;
  }

  /** Every stake reachable downward from the holder on that day (through trusts it benefits from too). */
  stakesBelow(holder: string, asOf: string): Promise<StakeRow[]> {
    return this.walk(this.q.stakesDown, holder, asOf, (s) => [s.company, s.holder]);
  }

  /** Every stake reachable upward from the company on that day: its holders, their holders, … */
  stakesAbove(company: string, asOf: string): Promise<StakeRow[]> {
    return this.walk(this.q.stakesUp, company, asOf, (s) => [s.holder]);
  }

  private async walk(query: string, start: string, asOf: string, next: (s: StakeRow) => string[]): Promise<StakeRow[]> {
    const stakes = new Map<string, StakeRow>();
    const seen = new Set([start]);
    let frontier = [start];
    while (frontier.length > 0) {
      const rows = await this.readAll<{ stake: StakeRow }>(query, { frontier, asOf });
      frontier = [];
      for (const { stake } of rows) {
        stakes.set(stake.id, stake);
        for (const id of next(stake)) {
          if (!seen.has(id)) {
            seen.add(id);
            frontier.push(id);
          }
        }
      }
    }
    return [...stakes.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  }
}
