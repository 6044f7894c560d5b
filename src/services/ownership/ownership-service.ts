import type { Direction, GraphEdgeRow, OwnershipRepository, StakeRow } from '../../repositories/ownership-repository.js';
import type { VersionRepository } from '../../repositories/version-repository.js';
import { ownershipGraphKnownAt, versionRef, type StakeReader } from '../versions/versions.js';
import type { Controller, EffectiveOwnership, Explanation, UltimateOwners } from '../../schemas/ownership.js';
import { explainIntegrated } from './explain.js';
import { ultimateController } from './control.js';
import { edgeLabel, type OwnershipGraph } from './graph-formats.js';
import { directRow, integratedRow, METHOD_EQUITY, METHOD_VOTING, netRow, resolveClaims, ultimateOwners, weightedEdges, type Basis } from './look-through.js';
import { segmentOn, type StoredLedger } from '../../lib/ledger-segments.js';

const percent = (share: number) => Number((share * 100).toFixed(10));

/** Company names by id: the start's and those of every stake's two ends. */
function namesOf(start: string, startName: string, rows: StakeRow[]): Map<string, string> {
  const names = new Map<string, string>([[start, startName]]);
  for (const r of rows) {
    names.set(r.holder, r.holderName);
    names.set(r.company, r.companyName);
  }
  return names;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * An edge as drawn: a stake with a share count is labelled with the percentages the ledger derives for the day
 * (rounded to two decimals), and says so in derivedEquityPercent; the stored lists stay out of the answer.
 */
function labelledOnLedger(edge: GraphEdgeRow & StoredLedger, asOf: string) {
  const { ledgerFrom: _f, ledgerTo: _t, ledgerIssuedPercent: _i, ledgerVotingPercent: _v, ...rest } = edge;
  const segment = segmentOn(edge, asOf);
  const shown = segment
    ? {
        ...rest,
        equityPercent: round2(segment.issuedPercent),
        votingPercent: rest.carriesVotes === false || segment.votingPercent === null ? rest.votingPercent : round2(segment.votingPercent),
      }
    : rest;
  return { ...rest, derivedEquityPercent: segment ? segment.issuedPercent : null, label: edgeLabel(shown) };
}

/** The graph around `root` with every edge labelled for drawing; null when the root is no entity. */
export async function findOwnershipGraph(
  repository: OwnershipRepository,
  root: string,
  depth: number,
  direction: Direction,
  asOf: string,
): Promise<OwnershipGraph | null> {
  const graph = await repository.findOwnershipGraph(root, depth, direction, asOf);
  return graph && { nodes: graph.nodes, edges: graph.edges.map((edge) => labelledOnLedger(edge, asOf)) };
}

/** The same graph as the data stood at an earlier dataset version (knownAt), and that version. */
export async function findOwnershipGraphKnownAt(
  versions: VersionRepository,
  knownAt: string,
  root: string,
  depth: number,
  direction: Direction,
  asOf: string,
): Promise<{ graph: OwnershipGraph | null; dataVersion: ReturnType<typeof versionRef> }> {
  const { version, graph } = await ownershipGraphKnownAt(versions, knownAt, root, depth, direction, asOf);
  return {
    // Labelled as the live graph is: a stake with a share count shows the ledger's figure for the day.
    graph: graph && { nodes: graph.nodes, edges: graph.edges.map((edge) => labelledOnLedger(edge, asOf)) },
    dataVersion: versionRef(version),
  };
}

/** Where a stake's percentage came from on the asked day. */
export type StakeBasis = 'share-ledger' | 'stated';

/**
 * The stakes as they stand on the day: a stake with a share count takes the percentages its ledger segment
 * derives (shares / shares issued; votes / exercisable votes); one without keeps its stated figures.
 */
export function onLedger<T extends StakeRow>(
  rows: readonly T[],
  asOf: string,
): { rows: T[]; basisOf: Map<string, StakeBasis>; votingBasisOf: Map<string, StakeBasis> } {
  const basisOf = new Map<string, StakeBasis>();
  const votingBasisOf = new Map<string, StakeBasis>();
  const out = rows.map((r) => {
    const segment = segmentOn(r, asOf);
    basisOf.set(r.id, segment ? 'share-ledger' : 'stated');
    votingBasisOf.set(r.id, segment && segment.votingPercent !== null ? 'share-ledger' : 'stated');
    // Where the ledger cannot count the exercisable votes, the stated voting share stands.
    return segment ? { ...r, equityPercent: segment.issuedPercent, votingPercent: segment.votingPercent ?? r.votingPercent } : r;
  });
  return { rows: out, basisOf, votingBasisOf };
}

/** Null when the holder is no company. */
export async function computeEffectiveOwnership(
  repository: StakeReader,
  holder: string,
  asOf: string,
  basis: Basis,
): Promise<Omit<EffectiveOwnership, 'asOf' | 'dataVersion'> | null> {
  const holderName = await repository.findCompanyName(holder);
  if (holderName === null) return null;
  const { rows, basisOf } = onLedger(await repository.stakesBelow(holder, asOf), asOf);
  const names = namesOf(holder, holderName, rows);
  const { stakes, resolved } = resolveClaims(rows);
  const edges = weightedEdges(stakes, basis);
  const integrated = integratedRow(holder, edges);
  const net = netRow(holder, integrated);
  const direct = directRow(holder, edges);
  const items = [...integrated.entries()]
    .filter(([id, share]) => id !== holder && share > 0)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([id, share]) => ({
      company: { id, name: names.get(id) ?? id },
      directPercent: percent(direct.get(id) ?? 0),
      netPercent: percent(net.get(id) ?? 0),
      integratedPercent: percent(share),
    }));
  return {
    holder: { id: holder, name: holderName },
    basis,
    method: basis === 'equity' ? METHOD_EQUITY : METHOD_VOTING,
    items,
    selfOwnershipPercent: percent(integrated.get(holder) ?? 0),
    resolvedClaims: resolved,
    stakes: stakes.map((s) => s.id),
    derivedFromShareLedger: stakes.filter((s) => basisOf.get(s.id) === 'share-ledger').map((s) => s.id),
  };
}

export const ULTIMATE_METHOD =
  'The company’s shares are followed up through every recorded holder in proportion to its stake (on the basis asked: shares issued, or exercisable votes), ' +
  'until they reach a holder that no one in the graph holds (an ultimate owner) or the part of a company that no recorded holder has (that company’s remainder, "other shareholders"). ' +
  'Cross-holdings pass shares round a cycle, and each turn leaks into remainders, so the owners and remainders add up to 100% (an absorbing walk, one row of (I − Q)⁻¹ with Q the reversed stake matrix). ' +
  'A trust’s shares go to its economic beneficiary on the equity basis; neutralised votes go to no one on the voting basis. ' +
  'Stakes with share counts use the percentages the share ledger derives for the day; the others their stated figures.';

/** Null when the company is no company. */
export async function findUltimateOwners(
  repository: StakeReader,
  company: string,
  asOf: string,
  basis: Basis,
): Promise<Omit<UltimateOwners, 'asOf' | 'dataVersion'> | null> {
  const companyName = await repository.findCompanyName(company);
  if (companyName === null) return null;
  // A trust's holder on the equity basis is its beneficiary, so the beneficiary's own holders are read too.
  const above = await repository.stakesAbove(company, asOf);
  const walked = new Set([company, ...above.map((r) => r.holder)]);
  for (let i = 0; i < above.length; i += 1) {
    const beneficiary = above[i]!.economicBeneficiary;
    if (beneficiary && !walked.has(beneficiary)) {
      walked.add(beneficiary);
      for (const row of await repository.stakesAbove(beneficiary, asOf)) {
        if (!above.some((r) => r.id === row.id)) above.push(row);
        walked.add(row.holder);
      }
    }
  }
  const { rows, basisOf } = onLedger(above, asOf);
  const names = namesOf(company, companyName, rows);
  const { stakes } = resolveClaims(rows);
  const edges = weightedEdges(stakes, basis);
  const { owners, remainders } = ultimateOwners(company, edges);
  const direct = edges.filter((e) => e.company === company && e.share > 0);
  const recorded = direct.reduce((sum, e) => sum + e.share, 0);
  const name = (id: string) => names.get(id) ?? id;
  const total = [...owners.values(), ...remainders.values()].reduce((a, b) => a + b, 0);
  return {
    company: { id: company, name: companyName },
    basis,
    method: ULTIMATE_METHOD,
    owners: [...owners.entries()]
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .map(([id, share]) => ({ owner: { id, name: name(id) }, percent: share * 100 })),
    remainders: [...remainders.entries()]
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .map(([id, share]) => ({ of: { id, name: name(id) }, percent: share * 100 })),
    totalPercent: total * 100,
    directHolders: direct
      .sort((a, b) => b.share - a.share || (a.holder < b.holder ? -1 : 1))
      .map((e) => ({
        holder: { id: e.holder, name: name(e.holder) },
        percent: percent(e.share),
        stakes: e.from,
        basis: e.from.every((id) => basisOf.get(id) === 'share-ledger') ? 'share-ledger' : 'stated',
      })),
    otherShareholdersPercent: percent(Math.max(0, 1 - recorded)),
    stakes: stakes.map((s) => s.id),
  };
}

export const CONTROL_METHOD =
  'A holder controls a company when its votes there, plus those of the companies it controls, exceed 50% (computed as a fixpoint, so the order of the stakes does not matter). ' +
  'The ultimate controller controls the company and is controlled by no one. Votes are derived from the share ledger where the stake has a share count ' +
  '(votes held, double voting rights included, over the exercisable votes: the published total, else shares issued less treasury shares); else votingPercent where a source gives it, else equityPercent where the stake carries votes. ' +
  'Where sources disagree, the best-sourced statement counts. Each voting holder says which basis its figure has.';

export async function findUltimateController(repository: StakeReader, company: string, asOf: string): Promise<Omit<Controller, 'asOf' | 'dataVersion'> | null> {
  const companyName = await repository.findCompanyName(company);
  if (companyName === null) return null;
  const { rows, basisOf, votingBasisOf } = onLedger(await repository.stakesAbove(company, asOf), asOf);
  const names = namesOf(company, companyName, rows);
  const { stakes } = resolveClaims(rows);
  const votes = weightedEdges(stakes, 'voting');
  const byId = new Map(stakes.map((s) => [s.id, s]));
  const votingBasis = (id: string) =>
    votingBasisOf.get(id) === 'share-ledger'
      ? ('share-ledger' as const)
      : byId.get(id)?.votingPercent != null
        ? ('stated-voting-percent' as const)
        : basisOf.get(id) === 'share-ledger'
          ? ('share-ledger-issued' as const)
          : ('stated-equity-percent' as const);
  const name = (id: string) => names.get(id) ?? id;
  const answer = ultimateController(company, votes, name);
  return {
    company: { id: company, name: companyName },
    controller: answer.controller ? { id: answer.controller, name: name(answer.controller) } : null,
    chain: answer.chain.map((id) => ({ id, name: name(id) })),
    reason: answer.reason,
    method: CONTROL_METHOD,
    votingHolders: votes
      .filter((v) => v.company === company)
      .sort((a, b) => b.share - a.share || (a.holder < b.holder ? -1 : 1))
      .map((v) => ({
        holder: { id: v.holder, name: name(v.holder) },
        votingPercent: percent(v.share),
        equityPercent: byId.get(v.from[0]!)?.equityPercent ?? null,
        stake: v.from[0]!,
        basis: votingBasis(v.from[0]!),
      })),
  };
}

export const EXPLAIN_METHOD =
  'The integrated share T[holder][company] sums the product of shares over every walk of stakes from the holder to the company. ' +
  'Each walk erases (removing its loops in order) to one simple chain; a chain contributes the product of its shares. ' +
  'A cycle with product q adds q/(1 − q) times each chain it touches (the walks going round it k ≥ 1 times, at the first company the chain shares with it). ' +
  'Walks going round two or more cycles form the remainder, so that the parts add up to the integrated share. ' +
  'The net share, integrated / (1 + the holder’s self-ownership), counts only the walks that never come back to the holder: netParts split it the same way over the stakes other than those held in the holder, and add up to it.';

/** Null when holder or company is no company. */
export async function explainEffectiveOwnership(
  repository: StakeReader,
  holder: string,
  company: string,
  asOf: string,
  basis: Basis,
): Promise<Omit<Explanation, 'asOf' | 'dataVersion'> | null> {
  const [holderName, companyName] = await Promise.all([repository.findCompanyName(holder), repository.findCompanyName(company)]);
  if (holderName === null || companyName === null) return null;
  const { rows } = onLedger(await repository.stakesBelow(holder, asOf), asOf);
  const names = namesOf(holder, holderName, rows);
  names.set(company, companyName);
  const { stakes } = resolveClaims(rows);
  const edges = weightedEdges(stakes, basis);
  const { integrated, parts } = explainIntegrated(holder, company, edges);
  const self = integratedRow(holder, edges).get(holder) ?? 0;
  // The net share counts the walks that never come back to the holder: the same split, without the stakes held in the holder.
  const net = explainIntegrated(
    holder,
    company,
    edges.filter((e) => e.company !== holder),
  );
  const named = (p: (typeof parts)[number]) => ({
    kind: p.kind,
    companies: p.companies.map((id) => ({ id, name: names.get(id) ?? id })),
    stakes: p.stakes,
    percent: p.share * 100,
    productPercent: p.product * 100,
  });
  return {
    holder: { id: holder, name: holderName },
    company: { id: company, name: companyName },
    basis,
    method: EXPLAIN_METHOD,
    integratedPercent: integrated * 100,
    netPercent: net.integrated * 100,
    selfOwnershipPercent: self * 100,
    parts: parts.map(named),
    netParts: net.parts.map(named),
  };
}
