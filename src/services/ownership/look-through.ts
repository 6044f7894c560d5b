/**
 * Look-through ("integrated") ownership over a stake network, after Vitali, Glattfelder and Battiston,
 * "The network of global corporate control" (PLoS ONE, 2011): with A[i][j] the share of j held directly
 * by i, the integrated ownership is T = (I − A)⁻¹ A, i.e. T = A + A² + A³ + …, the sum over every
 * ownership chain of the product of its shares. Cross-holdings (cycles) converge because every
 * company's shares held by others sum to less than 1.
 *
 * Everything here is pure and independent of input order: edges are grouped and sorted by id first.
 */
import type { StakeEdge } from '../../repositories/ownership-repository.js';

export type Basis = 'equity' | 'voting';

/** One dated stake statement as the graph holds it. */
export type { StakeEdge };

export interface ResolvedClaim {
  holder: string;
  company: string;
  chosen: string;
  alternatives: string[];
}

export interface WeightedEdge {
  holder: string;
  company: string;
  /** Fraction in [0, 1]. */
  share: number;
  /** Statement ids the weight comes from (a synthetic beneficiary link names the stakes it stands for). */
  from: string[];
}

export const METHOD_EQUITY =
  'netPercent, the main figure, is the holder’s look-through share net of its self-ownership: integratedPercent / (1 + selfOwnershipPercent/100), which never exceeds 100%. ' +
  'Stakes with share counts take the percentage the share ledger derives for the day (shares held / shares issued); the others their stated figure. ' +
  'integratedPercent is the Leontief integrated ownership T = (I − A)⁻¹A (Vitali, Glattfelder & Battiston, "The network of global corporate control", 2011), ' +
  'where A[i][j] is the equity share of company j held directly by i; T sums the product of shares over every ownership chain, cycles included. ' +
  'Where sources disagree on the same stake on the same day, a statement with a share count is used first, then the one with the most sources (ties: the smaller id). ' +
  'A trust’s holdings count for its economic beneficiary (the beneficiary holds 100% of the trust’s economic interest). ' +
  'Cross-holdings route part of every holding back through the holder, so an integrated share can exceed the direct one by the holder’s self-ownership (selfOwnershipPercent).';

export const METHOD_VOTING =
  'netPercent, the main figure, is integratedPercent / (1 + selfOwnershipPercent/100), net of the holder’s claim on itself. ' +
  'Stakes with share counts take the voting share the share ledger derives for the day (votes held, double voting rights included, over exercisable votes). integratedPercent is the Leontief integrated ownership T = (I − A)⁻¹A (Vitali, Glattfelder & Battiston, 2011) over voting rights: A[i][j] is votingPercent where a source gives it, ' +
  'else equityPercent where the stake carries votes, else 0. Where sources disagree on the same stake on the same day, the statement with the most sources is used (ties: the smaller id). ' +
  'Neutralised votes (such as a trust’s) count for no one.';

/** One statement per (holder, company): the best-sourced one, ties broken by id, so the choice is order-independent. */
export function resolveClaims(edges: readonly StakeEdge[]): { stakes: StakeEdge[]; resolved: ResolvedClaim[] } {
  const groups = new Map<string, StakeEdge[]>();
  for (const edge of edges) {
    const key = `${edge.holder}\u0000${edge.company}`;
    groups.set(key, [...(groups.get(key) ?? []), edge]);
  }
  const stakes: StakeEdge[] = [];
  const resolved: ResolvedClaim[] = [];
  for (const key of [...groups.keys()].sort()) {
    // A statement with a share count beats a bare percentage; then the best-sourced; ties by id.
    const counted = (e: StakeEdge) => (e.shares != null ? 1 : 0);
    const group = [...groups.get(key)!].sort(
      (a, b) => counted(b) - counted(a) || b.sources.length - a.sources.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    const chosen = group[0]!;
    stakes.push(chosen);
    if (group.length > 1) {
      resolved.push({ holder: chosen.holder, company: chosen.company, chosen: chosen.id, alternatives: group.slice(1).map((e) => e.id) });
    }
  }
  return { stakes, resolved };
}

/** The weighted edges of A for a basis (stakes already resolved to one per pair). */
export function weightedEdges(stakes: readonly StakeEdge[], basis: Basis): WeightedEdge[] {
  const out: WeightedEdge[] = [];
  const beneficiaryLinks = new Map<string, string[]>();
  for (const s of stakes) {
    const percent = basis === 'equity' ? s.equityPercent : !s.carriesVotes ? 0 : (s.votingPercent ?? s.equityPercent);
    if (percent > 0) out.push({ holder: s.holder, company: s.company, share: percent / 100, from: [s.id] });
    if (basis === 'equity' && s.economicBeneficiary && s.economicBeneficiary !== s.holder) {
      const key = `${s.economicBeneficiary}\u0000${s.holder}`;
      beneficiaryLinks.set(key, [...(beneficiaryLinks.get(key) ?? []), s.id]);
    }
  }
  for (const [key, ids] of [...beneficiaryLinks.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [beneficiary, trust] = key.split('\u0000') as [string, string];
    out.push({ holder: beneficiary, company: trust, share: 1, from: ids.sort() });
  }
  return out;
}

/** The stakes cannot be composed: a company is more than 100% held, or a cycle holds everything. */
export class OwnershipCycleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OwnershipCycleError';
  }
}

/**
 * The holder's row of T = (I − A)⁻¹A: t solves t (I − A) = a_h, over the companies reachable from the
 * holder (every other entry of the row is 0). Solved exactly by Gaussian elimination with partial
 * pivoting for up to `denseLimit` companies, by the Neumann series t = a_h Σ Aᵏ to 1e-13 beyond.
 * A company held more than 100% (a data error), or a cycle that holds all of itself, is refused.
 */
export function integratedRow(holder: string, edges: readonly WeightedEdge[], denseLimit = 1500): Map<string, number> {
  // Only companies reachable from the holder can have non-zero entries.
  const out = new Map<string, WeightedEdge[]>();
  for (const e of edges) out.set(e.holder, [...(out.get(e.holder) ?? []), e]);
  const reachable = new Set<string>();
  const queue = [holder];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const e of out.get(node) ?? []) {
      if (!reachable.has(e.company)) {
        reachable.add(e.company);
        queue.push(e.company);
      }
    }
  }
  const nodes = [...new Set([holder, ...reachable])].sort();
  const index = new Map(nodes.map((n, i) => [n, i]));
  const n = nodes.length;
  const columnSums = new Array<number>(n).fill(0);
  const inside = edges.filter((e) => index.has(e.holder) && index.has(e.company));
  for (const e of inside) columnSums[index.get(e.company)!]! += e.share;
  columnSums.forEach((sum, j) => {
    if (sum > 1 + 1e-9) {
      throw new OwnershipCycleError(`The stakes in "${nodes[j]}" add up to ${(sum * 100).toFixed(2)}%, more than the whole company`);
    }
  });
  return walkSums(holder, nodes, inside, denseLimit);
}

/**
 * Row `start` of (I − A)⁻¹A over the given nodes and edges: the sum, over every walk of edges from start, of
 * the product of its shares. Solved exactly by Gaussian elimination with partial pivoting for up to
 * `denseLimit` nodes, by the Neumann series beyond. Callers check that the series converges.
 */
function walkSums(start: string, nodes: readonly string[], inside: readonly WeightedEdge[], denseLimit = 1500): Map<string, number> {
  const holder = start;
  const index = new Map(nodes.map((n, i) => [n, i]));
  const n = nodes.length;
  const singular = () => new OwnershipCycleError('The stakes form a cycle that holds 100% of itself, so look-through ownership does not converge');

  const h = index.get(holder)!;
  const result = new Map<string, number>();
  if (n <= denseLimit) {
    // Solve (I − A)ᵀ tᵀ = a_hᵀ.
    const m: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (i === j ? 1 : 0)));
    for (const e of inside) {
      const i = index.get(e.holder)!;
      const j = index.get(e.company)!;
      m[j]![i]! -= e.share; // transpose of (I − A)
      if (i === h) m[j]![n]! += e.share; // right-hand side a_h
    }
    for (let col = 0; col < n; col += 1) {
      let pivot = col;
      for (let r = col + 1; r < n; r += 1) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
      [m[col], m[pivot]] = [m[pivot]!, m[col]!];
      const p = m[col]![col]!;
      if (Math.abs(p) < 1e-12) throw singular();
      for (let r = 0; r < n; r += 1) {
        if (r === col) continue;
        const f = m[r]![col]! / p;
        if (f === 0) continue;
        for (let c = col; c <= n; c += 1) m[r]![c]! -= f * m[col]![c]!;
      }
    }
    for (const [i, node] of nodes.entries()) result.set(node, m[i]![n]! / m[i]![i]!);
  } else {
    let term = new Map<number, number>();
    const total = new Map<number, number>();
    for (const e of inside) if (index.get(e.holder) === h) term.set(index.get(e.company)!, (term.get(index.get(e.company)!) ?? 0) + e.share);
    const byHolder = new Map<number, { j: number; w: number }[]>();
    for (const e of inside) {
      const i = index.get(e.holder)!;
      byHolder.set(i, [...(byHolder.get(i) ?? []), { j: index.get(e.company)!, w: e.share }]);
    }
    let converged = false;
    for (let k = 0; k < 100_000; k += 1) {
      if (term.size === 0) {
        // The series ended exactly: no chain goes further.
        converged = true;
        break;
      }
      let size = 0;
      const next = new Map<number, number>();
      for (const [i, v] of term) {
        total.set(i, (total.get(i) ?? 0) + v);
        size = Math.max(size, Math.abs(v));
        for (const { j, w } of byHolder.get(i) ?? []) next.set(j, (next.get(j) ?? 0) + v * w);
      }
      if (size < 1e-13) {
        converged = true;
        break;
      }
      term = next;
    }
    if (!converged) throw singular();
    for (const [i, node] of nodes.entries()) result.set(node, total.get(i) ?? 0);
  }
  for (const [node, value] of result) result.set(node, Math.abs(value) < 1e-15 ? 0 : value);
  return result;
}

/** The holder's direct shares (row h of A). */
export function directRow(holder: string, edges: readonly WeightedEdge[]): Map<string, number> {
  const row = new Map<string, number>();
  for (const e of edges) if (e.holder === holder) row.set(e.company, (row.get(e.company) ?? 0) + e.share);
  return row;
}

/**
 * The holder's look-through share net of its self-ownership: T[h][j] / (1 + T[h][h]). Every walk from h to j
 * is a closed walk from h back to h followed by a walk that never returns to h, so the net figure counts
 * only the latter: what h holds of j on its own account, not its claim on itself through the cross-holdings.
 * It never exceeds 100% (each company's holders hold at most all of it), and equals T without cycles through h.
 */
export function netRow(holder: string, integrated: ReadonlyMap<string, number>): Map<string, number> {
  const self = integrated.get(holder) ?? 0;
  const out = new Map<string, number>();
  for (const [id, share] of integrated) if (id !== holder) out.set(id, share / (1 + self));
  return out;
}

export interface UltimateOwnership {
  /** Holders no one in the graph holds, with their share of the company (fraction). */
  owners: Map<string, number>;
  /** Per company on the way up: the part of the company held by holders the graph does not record. */
  remainders: Map<string, number>;
}

/**
 * Who ultimately owns a company: its shares are followed up through every holder, in proportion to their
 * stakes, until they reach a holder no one in the graph holds (an ultimate owner) or the part of some
 * company that no recorded holder has (that company's remainder). Cycles pass shares round and round and
 * leak at each turn into remainders, so owners and remainders add up to 1: the expected mass of an absorbing
 * walk, solved as one row of (I − Q)⁻¹ with Q the reversed stake matrix.
 */
export function ultimateOwners(company: string, edges: readonly WeightedEdge[], denseLimit = 1500): UltimateOwnership {
  const holdersOf = new Map<string, WeightedEdge[]>();
  for (const e of edges) holdersOf.set(e.company, [...(holdersOf.get(e.company) ?? []), e]);
  const reached = new Set([company]);
  const queue = [company];
  while (queue.length > 0) {
    for (const e of holdersOf.get(queue.shift()!) ?? []) {
      if (!reached.has(e.holder)) {
        reached.add(e.holder);
        queue.push(e.holder);
      }
    }
  }
  const nodes = [...reached].sort();
  const inside = edges.filter((e) => reached.has(e.holder) && reached.has(e.company));
  const held = new Map<string, number>();
  for (const e of inside) held.set(e.company, (held.get(e.company) ?? 0) + e.share);
  for (const [id, sum] of held) {
    if (sum > 1 + 1e-9) throw new OwnershipCycleError(`The stakes in "${id}" add up to ${(sum * 100).toFixed(2)}%, more than the whole company`);
  }
  const reversed = inside.map((e) => ({ holder: e.company, company: e.holder, share: e.share, from: e.from }));
  const walks = walkSums(company, nodes, reversed, denseLimit);
  const owners = new Map<string, number>();
  const remainders = new Map<string, number>();
  for (const id of nodes) {
    const mass = (id === company ? 1 : 0) + (walks.get(id) ?? 0);
    const recorded = held.get(id) ?? 0;
    if (recorded === 0) {
      // The company asked about with no recorded holder is not its own owner: its holders are unknown.
      if (id === company) remainders.set(id, 1);
      else if (mass > 0) owners.set(id, mass);
    } else if (1 - recorded > 1e-12 && mass > 0) remainders.set(id, mass * (1 - recorded));
  }
  return { owners, remainders };
}
