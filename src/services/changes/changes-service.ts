import type { ChangeRepository } from '../../repositories/change-repository.js';
import type { OwnershipRepository } from '../../repositories/ownership-repository.js';
import type { ChangeKind } from '../../schemas/changes.js';
import { computeEffectiveOwnership, findUltimateController } from '../ownership/ownership-service.js';
import type { StakeReader } from '../versions/versions.js';
import { dayBefore, eventsBehind, KIND_TYPES } from './fact-changes.js';

export interface ChangesQuery {
  from: string;
  to: string;
  entity: string | null;
  kind: ChangeKind | null;
  offset: number;
  limit: number;
}

/** Differences below this are rounding, not change. */
const EPSILON = 1e-9;

/**
 * What changed between two days: the facts (paged) with the events behind them, and the derived answers
 * for the member companies compared between the day before `from` and `to`.
 */
export async function findChanges(changes: ChangeRepository, ownership: OwnershipRepository, query: ChangesQuery) {
  const types = query.kind ? [KIND_TYPES[query.kind]] : Object.values(KIND_TYPES);
  const { total, items: page } = await changes.listChanges(query.from, query.to, types, query.entity, query.offset, query.limit);
  const events =
    page.length === 0
      ? []
      : await changes.listChangeEvents([...new Set(page.map((c) => c.date))], [...new Set(page.flatMap((c) => (c.after ? [c.after.id] : [])))]);
  const items = page.map((c) => ({ ...c, events: eventsBehind(c, events) }));
  return { total, items, derived: await derivedChanges(changes, ownership, query) };
}

/** Look-throughs computed at once for one changes request (each takes one session at a time). */
const DERIVED_CONCURRENCY = 4;

/** Maps items with at most `limit` of them in flight, keeping their order. */
async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await map(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * The stake reads of one changes request, each asked once, and the members' asked together: on each day one walk
 * down and one walk up from all members at once (a query per level, where a walk per member took one per level
 * per member: 585 queries for a year of changes) and one query for their names. A read for anyone else (a trust's
 * beneficiary above a member) is asked on its own, once.
 */
function readAhead(ownership: OwnershipRepository, companies: readonly string[], days: readonly string[]): StakeReader {
  const cache = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    if (!cache.has(key)) cache.set(key, read());
    return cache.get(key) as Promise<T>;
  };
  const names = once('names', () => ownership.findCompanyNames(companies));
  const walks = (direction: 'below' | 'above', day: string) =>
    once(`${direction}\u0000${day}`, () => (direction === 'below' ? ownership.stakesBelowEach(companies, day) : ownership.stakesAboveEach(companies, day)));
  const known = new Set(companies);
  const walked = (id: string, day: string) => known.has(id) && days.includes(day);
  return {
    findCompanyName: (id) => (known.has(id) ? names.then((found) => found.get(id) ?? null) : once(`name\u0000${id}`, () => ownership.findCompanyName(id))),
    stakesBelow: (holder, asOf) =>
      walked(holder, asOf)
        ? walks('below', asOf).then((found) => found.get(holder)!)
        : once(`below\u0000${holder}\u0000${asOf}`, () => ownership.stakesBelow(holder, asOf)),
    stakesAbove: (company, asOf) =>
      walked(company, asOf)
        ? walks('above', asOf).then((found) => found.get(company)!)
        : once(`above\u0000${company}\u0000${asOf}`, () => ownership.stakesAbove(company, asOf)),
  };
}

async function derivedChanges(changes: ChangeRepository, repository: OwnershipRepository, query: ChangesQuery) {
  const before = dayBefore(query.from);
  const after = query.to;
  const members = await changes.listMembersBetween(before, after);
  const touches = (...ids: string[]) => query.entity === null || ids.includes(query.entity);
  const ownership = readAhead(repository, members, [before, after]);
  // With every group's members these are hundreds of look-throughs, most read from readAhead's shared walks. What
  // is read on its own (a beneficiary's holders) is read for four members at a time, so that one changes request
  // never holds the whole driver pool.
  const rows = await mapWithConcurrency(members, DERIVED_CONCURRENCY, async (holder) => {
    const out = [];
    for (const basis of ['equity', 'voting'] as const) out.push(await lookThroughChanges(holder, basis));
    return out.flat();
  });
  async function lookThroughChanges(holder: string, basis: 'equity' | 'voting') {
    const [was, is] = await Promise.all([
      computeEffectiveOwnership(ownership, holder, before, basis),
      computeEffectiveOwnership(ownership, holder, after, basis),
    ]);
    if (!was || !is) return [];
    const companies = new Map<string, { id: string; name: string }>();
    // The net figure is the main one, as in GET /v1/ownership/effective; the integrated one comes beside it.
    const wasShare = new Map(was.items.map((i) => [i.company.id, i.netPercent]));
    const isShare = new Map(is.items.map((i) => [i.company.id, i.netPercent]));
    const wasIntegrated = new Map(was.items.map((i) => [i.company.id, i.integratedPercent]));
    const isIntegrated = new Map(is.items.map((i) => [i.company.id, i.integratedPercent]));
    for (const i of [...was.items, ...is.items]) companies.set(i.company.id, i.company);
    return [...companies.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([id, company]) => ({
        holder: is.holder,
        company,
        basis,
        beforePercent: wasShare.get(id) ?? 0,
        afterPercent: isShare.get(id) ?? 0,
        integratedBeforePercent: wasIntegrated.get(id) ?? 0,
        integratedAfterPercent: isIntegrated.get(id) ?? 0,
      }))
      .filter(
        (r) =>
          (Math.abs(r.afterPercent - r.beforePercent) > EPSILON || Math.abs(r.integratedAfterPercent - r.integratedBeforePercent) > EPSILON) &&
          touches(holder, r.company.id),
      );
  }
  const ownershipChanges = rows.flat();
  const controllerRows = await mapWithConcurrency(
    members.filter((company) => touches(company)),
    DERIVED_CONCURRENCY,
    async (company) => {
      const [was, is] = await Promise.all([findUltimateController(ownership, company, before), findUltimateController(ownership, company, after)]);
      if (!was || !is || (was.controller?.id ?? null) === (is.controller?.id ?? null)) return [];
      return [{ company: is.company, before: was.controller, after: is.controller }];
    },
  );
  const controllers = controllerRows.flat();
  return { before, after, ownership: ownershipChanges, controllers };
}
