import type { Direction, OwnershipRepository, StakeRow } from '../../repositories/ownership-repository.js';
import type { VersionRepository } from '../../repositories/version-repository.js';
import { ownershipGraphKnownAt, versionRef, type StakeReader } from '../versions/versions.js';
import type { Controller, EffectiveOwnership, Explanation } from '../../schemas/ownership.js';
import { explainIntegrated } from './explain.js';
import { ultimateController } from './control.js';
import { edgeLabel, type OwnershipGraph } from './graph-formats.js';
import { directRow, integratedRow, METHOD_EQUITY, METHOD_VOTING, resolveClaims, weightedEdges, type Basis } from './look-through.js';

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

/** The graph around `root` with every edge labelled for drawing; null when the root is no entity. */
export async function findOwnershipGraph(
  repository: OwnershipRepository,
  root: string,
  depth: number,
  direction: Direction,
  asOf: string,
): Promise<OwnershipGraph | null> {
  const graph = await repository.findOwnershipGraph(root, depth, direction, asOf);
  return graph && { nodes: graph.nodes, edges: graph.edges.map((edge) => ({ ...edge, label: edgeLabel(edge) })) };
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
    graph: graph && { nodes: graph.nodes, edges: graph.edges.map((edge) => ({ ...edge, label: edgeLabel(edge) })) },
    dataVersion: versionRef(version),
  };
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
  const rows = await repository.stakesBelow(holder, asOf);
  const names = namesOf(holder, holderName, rows);
  const { stakes, resolved } = resolveClaims(rows);
  const edges = weightedEdges(stakes, basis);
  const integrated = integratedRow(holder, edges);
  const direct = directRow(holder, edges);
  const items = [...integrated.entries()]
    .filter(([id, share]) => id !== holder && share > 0)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([id, share]) => ({
      company: { id, name: names.get(id) ?? id },
      directPercent: percent(direct.get(id) ?? 0),
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
  };
}

export const CONTROL_METHOD =
  'A holder controls a company when its votes there, plus those of the companies it controls, exceed 50% (computed as a fixpoint, so the order of the stakes does not matter). ' +
  'The ultimate controller controls the company and is controlled by no one. Votes are votingPercent where a source gives it, else equityPercent where the stake carries votes; where sources disagree, the best-sourced statement counts.';

export async function findUltimateController(repository: StakeReader, company: string, asOf: string): Promise<Omit<Controller, 'asOf' | 'dataVersion'> | null> {
  const companyName = await repository.findCompanyName(company);
  if (companyName === null) return null;
  const rows = await repository.stakesAbove(company, asOf);
  const names = namesOf(company, companyName, rows);
  const { stakes } = resolveClaims(rows);
  const votes = weightedEdges(stakes, 'voting');
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
      .map((v) => ({ holder: { id: v.holder, name: name(v.holder) }, votingPercent: percent(v.share), stake: v.from[0]! })),
  };
}

export const EXPLAIN_METHOD =
  'The integrated share T[holder][company] sums the product of shares over every walk of stakes from the holder to the company. ' +
  'Each walk erases (removing its loops in order) to one simple chain; a chain contributes the product of its shares. ' +
  'A cycle with product q adds q/(1 − q) times each chain it touches (the walks going round it k ≥ 1 times, at the first company the chain shares with it). ' +
  'Walks going round two or more cycles form the remainder, so that the parts add up to the integrated share.';

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
  const rows = await repository.stakesBelow(holder, asOf);
  const names = namesOf(holder, holderName, rows);
  names.set(company, companyName);
  const { stakes } = resolveClaims(rows);
  const { integrated, parts } = explainIntegrated(holder, company, weightedEdges(stakes, basis));
  return {
    holder: { id: holder, name: holderName },
    company: { id: company, name: companyName },
    basis,
    method: EXPLAIN_METHOD,
    integratedPercent: integrated * 100,
    parts: parts.map((p) => ({
      kind: p.kind,
      companies: p.companies.map((id) => ({ id, name: names.get(id) ?? id })),
      stakes: p.stakes,
      percent: p.share * 100,
      productPercent: p.product * 100,
    })),
  };
}
