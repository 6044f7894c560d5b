/**
 * Splits one entry of the integrated ownership T = A + A² + … into the walks it sums.
 *
 * Every walk from the holder to the company erases (chronological loop erasure) to exactly one simple
 * path. With a single cycle C touching a simple path P, the walks erasing to P are P with C inserted
 * k ≥ 1 times at the first node of P on C, so they sum to prod(P) · q/(1 − q) where q = prod(C): the
 * cycle's geometric tail. Walks that go round more than one cycle belong to no single tail; they form
 * the remainder, T minus everything else, so the parts add up to T exactly.
 *
 * Pure and order-independent: nodes and edges are sorted before the search.
 */
import { integratedRow, type WeightedEdge } from './look-through.js';

export interface ExplainPart {
  kind: 'chain' | 'cycle' | 'remainder';
  /** chain: holder → … → company; cycle: the cycle's companies from its smallest id, closing on it again. */
  companies: string[];
  /** The stake statements along it (a trust's beneficiary link names the stakes the trust holds). */
  stakes: string[];
  /** chain: the product of the shares; cycle: the walks that go round it (on every chain it touches). */
  share: number;
  /** chain: the product of shares along the chain; cycle: the product round the cycle. */
  product: number;
}

export interface Explanation {
  integrated: number;
  parts: ExplainPart[];
  /** Every simple cycle among the companies on some walk from holder to company (those touching no chain give no part). */
  cycles: string[][];
}

/** The search stops enumerating beyond this many chains or cycles; what it left out goes to the remainder. */
export const EXPLAIN_LIMIT = 5000;
/** Nor does it take more than this many search steps (simple paths can be exponentially many in a dense network). */
export const EXPLAIN_STEPS = 200_000;

interface Edge {
  to: string;
  share: number;
  from: string[];
}

function mergedAdjacency(edges: readonly WeightedEdge[]): Map<string, Edge[]> {
  const pairs = new Map<string, Map<string, Edge>>();
  for (const e of edges) {
    if (e.share <= 0) continue;
    const row = pairs.get(e.holder) ?? new Map<string, Edge>();
    const existing = row.get(e.company);
    row.set(
      e.company,
      existing ? { to: e.company, share: existing.share + e.share, from: [...existing.from, ...e.from] } : { to: e.company, share: e.share, from: [...e.from] },
    );
    pairs.set(e.holder, row);
  }
  const out = new Map<string, Edge[]>();
  for (const [holder, row] of pairs)
    out.set(
      holder,
      [...row.values()].sort((a, b) => (a.to < b.to ? -1 : 1)),
    );
  return out;
}

function reach(start: string, next: Map<string, string[]>): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const n of next.get(queue.shift()!) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen;
}

const byShare = (a: ExplainPart, b: ExplainPart) =>
  b.share - a.share || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || (a.companies.join('>') < b.companies.join('>') ? -1 : 1);

/** The parts of T[holder][company], largest first; holder and company differ. */
export function explainIntegrated(holder: string, company: string, edges: readonly WeightedEdge[], limit = EXPLAIN_LIMIT): Explanation {
  const integrated = integratedRow(holder, edges).get(company) ?? 0;
  const adjacency = mergedAdjacency(edges);
  const forward = new Map<string, string[]>();
  const backward = new Map<string, string[]>();
  for (const [h, row] of adjacency) {
    for (const e of row) {
      forward.set(h, [...(forward.get(h) ?? []), e.to]);
      backward.set(e.to, [...(backward.get(e.to) ?? []), h]);
    }
  }
  // Only nodes on some walk from holder to company matter; every cycle touching a chain lies among them.
  const fromHolder = reach(holder, forward);
  const toCompany = reach(company, backward);
  const relevant = new Set([...fromHolder].filter((n) => toCompany.has(n)));
  const out = (n: string) => (adjacency.get(n) ?? []).filter((e) => relevant.has(e.to));

  const chains: { nodes: string[]; edges: Edge[]; product: number }[] = [];
  const cycles: { nodes: string[]; edges: Edge[]; product: number }[] = [];
  let truncated = false;
  let steps = 0;
  const exhausted = () => chains.length >= limit || cycles.length >= limit || ++steps > EXPLAIN_STEPS;
  /** Depth-first over the simple paths from `from` that end with an edge into `target`; `skip` keeps nodes off them. */
  const walkPaths = (
    from: string,
    target: string,
    skip: (to: string) => boolean,
    found: (path: { nodes: string[]; edges: Edge[]; product: number }) => void,
  ) => {
    const go = (node: string, nodes: string[], path: Edge[], product: number, onPath: Set<string>) => {
      if (exhausted()) {
        truncated = true;
        return;
      }
      for (const e of out(node)) {
        if (e.to === target) {
          found({ nodes: [...nodes, e.to], edges: [...path, e], product: product * e.share });
          continue;
        }
        if (onPath.has(e.to) || skip(e.to)) continue;
        onPath.add(e.to);
        go(e.to, [...nodes, e.to], [...path, e], product * e.share, onPath);
        onPath.delete(e.to);
      }
    };
    go(from, [from], [], 1, new Set([from]));
  };
  if (relevant.has(holder) && relevant.has(company) && holder !== company) {
    walkPaths(
      holder,
      company,
      (to) => to === holder,
      (chain) => chains.push(chain),
    );
  }

  // Simple cycles, each found once from its smallest node (searching only nodes above it).
  for (const start of [...relevant].sort())
    walkPaths(
      start,
      start,
      (to) => to < start,
      (cycle) => cycles.push(cycle),
    );

  const stakesOf = (path: Edge[]) => [...new Set(path.flatMap((e) => e.from))];
  const parts: ExplainPart[] = chains.map((c) => ({ kind: 'chain', companies: c.nodes, stakes: stakesOf(c.edges), share: c.product, product: c.product }));
  for (const cycle of cycles) {
    if (cycle.product >= 1) continue; // cannot happen when T exists; the remainder then says so
    const members = new Set(cycle.nodes);
    const ratio = cycle.product / (1 - cycle.product);
    // Each chain that touches the cycle gains its walks going round it, inserted at the first node it shares.
    const share = chains.filter((c) => c.nodes.some((n) => members.has(n))).reduce((sum, c) => sum + c.product * ratio, 0);
    if (share > 0) parts.push({ kind: 'cycle', companies: cycle.nodes, stakes: stakesOf(cycle.edges), share, product: cycle.product });
  }
  const remainder = integrated - parts.reduce((sum, p) => sum + p.share, 0);
  // Two or more cycles on one walk (or a search cut short) leave a remainder; rounding alone leaves dust.
  if (truncated || Math.abs(remainder) > 1e-12) parts.push({ kind: 'remainder', companies: [], stakes: [], share: remainder, product: 0 });
  return { integrated, parts: parts.sort(byShare), cycles: cycles.map((c) => c.nodes) };
}
