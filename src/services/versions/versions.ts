/**
 * Two timelines: when a fact held (validFrom/validTo) and when the data said so (dataset versions).
 * Each load of data/ that changes the graph is a version; a correction keeps the statement it replaces as
 * retracted, with the range of versions [since, until) in which it stood. The graph as it stood at
 * version k is then: the live statements written at or before k, plus the retracted ones standing at k.
 */
import type { Plain } from '../../db/values.js';
import { canonicalJson } from '../../lib/canonical-json.js';
import { HttpProblem } from '../../lib/problem.js';
import type { NodeRow, RelationshipRow } from '../../repositories/dataset-repository.js';
import type { StakeRow } from '../../repositories/ownership-repository.js';
import type { GraphEdgeRow, GraphNode, OwnershipRepository } from '../../repositories/ownership-repository.js';
import type { RetractedRow, StakeStatementRow, VersionRepository, VersionRow } from '../../repositories/version-repository.js';
import { storedLedgerOf, type StoredLedger } from '../../lib/ledger-segments.js';
import { walkFrontiers } from '../../lib/walk-frontiers.js';

export const versionRef = (v: Pick<VersionRow, 'number' | 'hash' | 'loadedAt'>) => ({ number: v.number, hash: v.hash, loadedAt: v.loadedAt });

/** What look-through and control read: the live graph, or the stakes as known at a version. */
export type StakeReader = Pick<OwnershipRepository, 'findCompanyName' | 'stakesBelow' | 'stakesAbove'>;

/**
 * The stake reader for an answer and the version it comes from: the live graph and the current version
 * without knownAt; with it, the stakes as the data stood at the version it names.
 */
export async function stakeReaderFor(
  ownership: OwnershipRepository,
  versions: VersionRepository,
  knownAt: string | undefined,
): Promise<{ reader: StakeReader; dataVersion: ReturnType<typeof versionRef> | null }> {
  if (knownAt === undefined) {
    const latest = await versions.findLatestVersion();
    return { reader: ownership, dataVersion: latest ? versionRef(latest) : null };
  }
  const all = await versions.listVersions();
  const version = resolveKnownAt(all, knownAt);
  const [live, retracted] = await Promise.all([versions.listStakeStatements(), versions.listRetracted(version.number, version.number)]);
  const reader = new StakesAsKnown(stakesKnownAt(version.number, live, retracted, all), (id) => ownership.findCompanyName(id));
  return { reader, dataVersion: versionRef(version) };
}

export type StatementKind = 'node' | 'relationship';

const created = (v: VersionRow, kind: StatementKind) =>
  kind === 'node' ? [...v.nodesCreated, ...v.nodesUpdated] : [...v.relationshipsCreated, ...v.relationshipsUpdated];
const touched = (v: VersionRow, kind: StatementKind) =>
  kind === 'node'
    ? [...v.nodesCreated, ...v.nodesUpdated, ...v.nodesRemoved]
    : [...v.relationshipsCreated, ...v.relationshipsUpdated, ...v.relationshipsRemoved];

/**
 * The version a knownAt names: a version number, a content hash (its latest load), or an ISO date or
 * timestamp (the latest version loaded by then; a date means its end, UTC).
 */
export function resolveKnownAt(versions: readonly VersionRow[], knownAt: string): VersionRow {
  const newestFirst = [...versions].sort((a, b) => b.number - a.number);
  let found: VersionRow | undefined;
  if (/^[0-9a-f]{64}$/.test(knownAt)) found = newestFirst.find((v) => v.hash === knownAt);
  else if (/^\d+$/.test(knownAt)) found = newestFirst.find((v) => v.number === Number(knownAt));
  else {
    const at = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(knownAt) ? `${knownAt}T23:59:59.999Z` : knownAt);
    if (Number.isNaN(at)) {
      throw new HttpProblem(400, `knownAt "${knownAt}" is no version number, content hash, date or timestamp`, {
        errors: [{ location: 'querystring', path: 'knownAt', message: 'a version number, a 64-hex content hash, YYYY-MM-DD or an ISO timestamp' }],
      });
    }
    found = newestFirst.find((v) => Date.parse(v.loadedAt) <= at);
  }
  if (!found) throw new HttpProblem(404, `No dataset version known at "${knownAt}"`);
  return found;
}

/** The latest version up to `upTo` that wrote the statement as it stands now (0: before versions were recorded). */
function sinceOf(versions: readonly VersionRow[], kind: StatementKind, id: string): number {
  let since = 0;
  for (const v of versions) if (v.number > since && created(v, kind).includes(id)) since = v.number;
  return since;
}

export interface StatementState {
  type: string;
  from: string | null;
  to: string | null;
  props: Record<string, Plain>;
}

/** The statement as it stood at version k: a retracted one standing then, or the live one if written by then; null when none stood. */
export function stateAt(
  k: number,
  kind: StatementKind,
  id: string,
  live: StatementState | undefined,
  retracted: readonly RetractedRow[],
  versions: readonly VersionRow[],
): StatementState | null {
  const old = retracted.find((r) => r.kind === kind && r.statementId === id && r.since <= k && k < r.until);
  if (old) return { type: old.type, from: old.from, to: old.to, props: JSON.parse(old.props) as Record<string, Plain> };
  if (live && sinceOf(versions, kind, id) <= k) return live;
  return null;
}

/** The stake statements as the data stood at version k (whatever their dates). */
export function stakesKnownAt(
  k: number,
  live: readonly StakeStatementRow[],
  retracted: readonly RetractedRow[],
  versions: readonly VersionRow[],
): StakeStatementRow[] {
  const names = new Map<string, string>();
  for (const s of live) {
    names.set(s.holder, s.holderName);
    names.set(s.company, s.companyName);
  }
  const out = new Map<string, StakeStatementRow>();
  for (const s of live) {
    if (retracted.some((r) => r.kind === 'relationship' && r.statementId === s.id && r.since <= k && k < r.until)) continue;
    if (sinceOf(versions, 'relationship', s.id) <= k) out.set(s.id, s);
  }
  for (const r of retracted) {
    if (r.kind !== 'relationship' || r.type !== 'HOLDS_STAKE' || !(r.since <= k && k < r.until) || r.from === null || r.to === null) continue;
    const p = JSON.parse(r.props) as Record<string, Plain>;
    out.set(r.statementId, {
      id: r.statementId,
      holder: r.from,
      holderName: names.get(r.from) ?? r.from,
      company: r.to,
      companyName: names.get(r.to) ?? r.to,
      equityPercent: Number(p.equityPercent ?? 0),
      votingPercent: p.votingPercent === undefined || p.votingPercent === null ? null : Number(p.votingPercent),
      carriesVotes: p.carriesVotes === true,
      economicBeneficiary: typeof p.economicBeneficiary === 'string' ? p.economicBeneficiary : null,
      validFrom: typeof p.validFrom === 'string' ? p.validFrom : null,
      validTo: typeof p.validTo === 'string' ? p.validTo : null,
      sources: Array.isArray(p.sources) ? (p.sources as string[]) : [],
      shares: typeof p.shares === 'number' ? p.shares : null,
      votes: typeof p.votes === 'number' ? p.votes : null,
      ...storedLedgerOf(p),
    });
  }
  return [...out.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** What look-through and control read, over a fixed list of stake statements (the data as known at a version). */
export class StakesAsKnown {
  private readonly names = new Map<string, string>();

  constructor(
    private readonly statements: readonly StakeStatementRow[],
    private readonly companyName: (id: string) => Promise<string | null>,
  ) {
    for (const s of statements) {
      this.names.set(s.holder, s.holderName);
      this.names.set(s.company, s.companyName);
    }
  }

  async findCompanyName(id: string): Promise<string | null> {
    return this.names.get(id) ?? this.companyName(id);
  }

  private on(asOf: string): StakeRow[] {
    return this.statements
      .filter((s) => (s.validFrom === null || s.validFrom <= asOf) && (s.validTo === null || s.validTo > asOf))
      .map(({ validFrom: _f, validTo: _t, ...s }) => s);
  }

  /** As expand-stakes-down: the stakes the frontier holds, and those of trusts it benefits from. */
  async stakesBelow(holder: string, asOf: string): Promise<StakeRow[]> {
    const stakes = this.on(asOf);
    return walk(
      holder,
      (id) => stakes.filter((s) => s.holder === id || s.economicBeneficiary === id),
      (s) => [s.company, s.holder],
    );
  }

  async stakesAbove(company: string, asOf: string): Promise<StakeRow[]> {
    const stakes = this.on(asOf);
    return walk(
      company,
      (id) => stakes.filter((s) => s.company === id),
      (s) => [s.holder],
    );
  }
}

/** Every stake reachable from `start` through `step` (the stakes out of one node), level by level. */
function walk(start: string, step: (id: string) => StakeRow[], next: (s: StakeRow) => string[]): Promise<StakeRow[]> {
  return walkFrontiers(start, (frontier) => frontier.flatMap(step), next);
}

export interface DiffItem {
  kind: StatementKind;
  id: string;
  change: 'added' | 'corrected' | 'removed';
  before: StatementState | null;
  after: StatementState | null;
}

/** What the loads after version a up to version b changed: each statement whose content differs between them. */
export function diffVersions(
  a: number,
  b: number,
  versions: readonly VersionRow[],
  retracted: readonly RetractedRow[],
  live: { nodes: readonly NodeRow[]; relationships: readonly RelationshipRow[] },
): DiffItem[] {
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  const liveNodes = new Map(live.nodes.map((n) => [n.id, { type: n.label, from: null, to: null, props: n.props }]));
  const liveRelationships = new Map(live.relationships.map((r) => [r.id, { type: r.type, from: r.from, to: r.to, props: r.props }]));
  const items: DiffItem[] = [];
  for (const kind of ['relationship', 'node'] as const) {
    const ids = new Set(versions.filter((v) => v.number > lo && v.number <= hi).flatMap((v) => touched(v, kind)));
    const liveRows: Map<string, StatementState> = kind === 'node' ? liveNodes : liveRelationships;
    for (const id of [...ids].sort()) {
      const before = stateAt(a, kind, id, liveRows.get(id), retracted, versions);
      const after = stateAt(b, kind, id, liveRows.get(id), retracted, versions);
      if (before && after && canonicalJson({ ...before }) === canonicalJson({ ...after })) continue;
      if (!before && !after) continue;
      items.push({ kind, id, change: !before ? 'added' : !after ? 'removed' : 'corrected', before, after });
    }
  }
  return items;
}

const OWNERSHIP_TYPES = new Set(['HOLDS_STAKE', 'OWNS_BRAND', 'MEMBER_OF']);

/** An edge with the share-ledger lists it was stored with, so the day's derived percentages can label it. */
type LedgerEdgeRow = GraphEdgeRow & StoredLedger;
const field = <T>(props: Record<string, Plain>, key: string, ok: (v: Plain) => boolean): T | null =>
  props[key] !== undefined && ok(props[key]!) ? (props[key] as T) : null;

/**
 * The ownership graph around `root` as the data stood at version k, walked as GET /v1/graph/ownership walks
 * the live graph (breadth-first, "down" from owner to owned, alliance → member). Null when the root is unknown.
 */
export async function ownershipGraphKnownAt(
  versions: VersionRepository,
  knownAt: string,
  root: string,
  depth: number,
  direction: 'up' | 'down' | 'both',
  asOf: string,
): Promise<{ version: VersionRow; graph: { nodes: GraphNode[]; edges: GraphEdgeRow[] } | null }> {
  const all = await versions.listVersions();
  const version = resolveKnownAt(all, knownAt);
  const k = version.number;
  const [live, retracted] = await Promise.all([versions.listOwnershipStatements(), versions.listRetracted(k, k)]);
  const nodes = new Map<string, Omit<GraphNode, 'depth'>>();
  const edges = new Map<string, LedgerEdgeRow>();
  for (const row of live) {
    nodes.set(row.source.id, row.source);
    nodes.set(row.target.id, row.target);
    if (retracted.some((r) => r.kind === 'relationship' && r.statementId === row.edge.id && r.since <= k && k < r.until)) continue;
    if (sinceOf(all, 'relationship', row.edge.id) <= k) edges.set(row.edge.id, row.edge);
  }
  for (const r of retracted) {
    if (r.kind !== 'relationship' || !OWNERSHIP_TYPES.has(r.type) || !(r.since <= k && k < r.until) || r.from === null || r.to === null) continue;
    const p = JSON.parse(r.props) as Record<string, Plain>;
    const isString = (v: Plain) => typeof v === 'string';
    edges.set(r.statementId, {
      id: r.statementId,
      type: r.type as GraphEdgeRow['type'],
      source: r.from,
      target: r.to,
      equityPercent: field<number>(p, 'equityPercent', (v) => typeof v === 'number'),
      votingPercent: field<number>(p, 'votingPercent', (v) => typeof v === 'number'),
      carriesVotes: field<boolean>(p, 'carriesVotes', (v) => typeof v === 'boolean'),
      role: field<string>(p, 'role', isString),
      via: field<string>(p, 'via', isString),
      validFrom: field<string>(p, 'validFrom', isString),
      validTo: field<string>(p, 'validTo', isString),
      sources: Array.isArray(p.sources) ? (p.sources as string[]) : [],
      ...storedLedgerOf(p),
    });
    for (const id of [r.from, r.to]) {
      if (!nodes.has(id)) {
        const node = await versions.findOwnershipNode(id);
        if (node) nodes.set(id, node);
      }
    }
  }
  const rootNode = nodes.get(root) ?? (await versions.findOwnershipNode(root));
  if (!rootNode) return { version, graph: null };
  const valid = [...edges.values()].filter(
    (e) => (e.validFrom === null || e.validFrom <= asOf) && (e.validTo === null || e.validTo > asOf) && nodes.has(e.source) && nodes.has(e.target),
  );
  const reached = new Map<string, GraphNode>([[root, { ...rootNode, depth: 0 }]]);
  let frontier = [root];
  for (let level = 1; level <= depth && frontier.length > 0; level += 1) {
    const next = new Set<string>();
    for (const a of frontier) {
      for (const e of valid) {
        if (e.source !== a && e.target !== a) continue;
        const fromA = e.source === a;
        // "down" follows ownership: a holder or owner to what it holds, an alliance to its members (MEMBER_OF runs member → alliance).
        if (direction !== 'both' && (direction === 'down') !== ((e.type === 'MEMBER_OF') !== fromA)) continue;
        next.add(fromA ? e.target : e.source);
      }
    }
    frontier = [];
    for (const id of [...next].sort()) {
      if (reached.has(id)) continue;
      reached.set(id, { ...nodes.get(id)!, depth: level });
      frontier.push(id);
    }
  }
  return {
    version,
    graph: {
      nodes: [...reached.values()].sort((a, b) => a.depth - b.depth || (a.id < b.id ? -1 : 1)),
      edges: valid.filter((e) => reached.has(e.source) && reached.has(e.target)).sort((a, b) => (a.id < b.id ? -1 : 1)),
    },
  };
}
