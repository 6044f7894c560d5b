import type { StoredLedger } from '../lib/ledger-segments.js';
import {
  expandOwnershipFrontier,
  expandStakesDown,
  expandStakesUp,
  getCompanyName,
  getOwnershipRoot,
  listCompanyNames,
  listOwnershipEdges,
} from '../db/queries.generated.js';
import type { CypherQuery } from '../db/query.js';
import { shaped, type PlainMap } from '../db/values.js';
import { ReadRepository } from './read-repository.js';
import { walkFromEach, walkFrontiers } from '../lib/walk-frontiers.js';

export type Direction = 'up' | 'down' | 'both';

export interface GraphNode {
  id: string;
  type: 'Alliance' | 'Company' | 'Brand';
  name: string;
  country: string | null;
  /** Hops from the root. */
  depth: number;
}

/** A stake, brand ownership or membership between two nodes of an ownership graph. */
export interface GraphEdgeRow {
  id: string;
  type: 'HOLDS_STAKE' | 'OWNS_BRAND' | 'MEMBER_OF';
  source: string;
  target: string;
  equityPercent: number | null;
  votingPercent: number | null;
  carriesVotes: boolean | null;
  role: string | null;
  via: string | null;
  validFrom: string | null;
  validTo: string | null;
  sources: string[];
}

/** One stake as the look-through and control computations take it. */
export interface StakeEdge extends StakeLedgerFields {
  id: string;
  holder: string;
  company: string;
  equityPercent: number;
  votingPercent: number | null;
  carriesVotes: boolean;
  economicBeneficiary: string | null;
  sources: string[];
}

/** A stake's share count and the ledger segments the seed stored (parallel lists): the day's derived percentages. */
export interface StakeLedgerFields extends StoredLedger {
  shares?: number | null;
  votes?: number | null;
}

export interface StakeRow extends StakeEdge {
  holderName: string;
  companyName: string;
}

type NodeRow = Omit<GraphNode, 'depth'>;

/**
 * Ownership subgraphs fetched breadth-first, one query per level (never one per node), so the cost
 * grows with the reachable subgraph and not with the whole graph.
 */
export class OwnershipRepository extends ReadRepository {
  /** Null when the root is no company, brand or alliance. */
  async findOwnershipGraph(root: string, depth: number, direction: Direction, asOf: string): Promise<{ nodes: GraphNode[]; edges: GraphEdgeRow[] } | null> {
    const rootRow = await this.db.readOne(getOwnershipRoot, { id: root });
    if (!rootRow) return null;
    const nodes = new Map<string, GraphNode>([[root, { ...shaped<NodeRow>(rootRow.node), depth: 0 }]]);
    let frontier = [root];
    for (let level = 1; level <= depth && frontier.length > 0; level += 1) {
      const rows = (await this.db.read(expandOwnershipFrontier, { frontier, direction, asOf })).map((r) => shaped<NodeRow>(r.node));
      frontier = [];
      for (const node of rows.sort((a, b) => (a.id < b.id ? -1 : 1))) {
        if (nodes.has(node.id)) continue;
        nodes.set(node.id, { ...node, depth: level });
        frontier.push(node.id);
      }
    }
    const edges = await this.db.read(listOwnershipEdges, { ids: [...nodes.keys()], asOf });
    return {
      nodes: [...nodes.values()].sort((a, b) => a.depth - b.depth || (a.id < b.id ? -1 : 1)),
      edges: edges.map((r) => shaped<GraphEdgeRow>(r.edge)),
    };
  }

  async findCompanyName(id: string): Promise<string | null> {
    return (await this.db.readOne(getCompanyName, { id }))?.name ?? null;
  }

  /** The names of those of the ids that are companies. */
  async findCompanyNames(ids: readonly string[]): Promise<Map<string, string>> {
    return new Map((await this.db.read(listCompanyNames, { ids: [...ids] })).map((r) => [r.id, r.name]));
  }

  /** Every stake reachable downward from the holder on that day (through trusts it benefits from too). */
  stakesBelow(holder: string, asOf: string): Promise<StakeRow[]> {
    return this.walk(expandStakesDown, holder, asOf, nextBelow);
  }

  /**
   * stakesBelow of each company on that day, from one walk down from all of them. A company's level of
   * expand-stakes-down gives the stakes it holds and those held for it as economic beneficiary.
   */
  async stakesBelowEach(companies: readonly string[], asOf: string): Promise<Map<string, StakeRow[]>> {
    const all = await this.walk(expandStakesDown, companies, asOf, nextBelow);
    return walkFromEach(companies, all, (s) => (s.economicBeneficiary ? [s.holder, s.economicBeneficiary] : [s.holder]), nextBelow);
  }

  /** Every stake reachable upward from the company on that day: its holders, their holders, … */
  stakesAbove(company: string, asOf: string): Promise<StakeRow[]> {
    return this.walk(expandStakesUp, company, asOf, nextAbove);
  }

  /** stakesAbove of each company on that day, from one walk up from all of them. */
  async stakesAboveEach(companies: readonly string[], asOf: string): Promise<Map<string, StakeRow[]>> {
    const all = await this.walk(expandStakesUp, companies, asOf, nextAbove);
    return walkFromEach(companies, all, (s) => [s.company], nextAbove);
  }

  private walk(
    query: CypherQuery<{ frontier: string[]; asOf: string }, { stake: PlainMap }>,
    start: string | readonly string[],
    asOf: string,
    next: (s: StakeRow) => string[],
  ): Promise<StakeRow[]> {
    return walkFrontiers(start, async (frontier) => (await this.db.read(query, { frontier, asOf })).map((r) => shaped<StakeRow>(r.stake)), next);
  }
}

const nextBelow = (s: StakeRow) => [s.company, s.holder];
const nextAbove = (s: StakeRow) => [s.holder];
