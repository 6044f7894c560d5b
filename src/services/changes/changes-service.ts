import type { ChangeRepository } from '../../repositories/change-repository.js';
import type { OwnershipRepository } from '../../repositories/ownership-repository.js';
import type { ChangeKind } from '../../schemas/changes.js';
import { computeEffectiveOwnership, findUltimateController } from '../ownership/ownership-service.js';
import { dayBefore, eventsBehind, factChanges, KIND_TYPES } from './fact-changes.js';

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
  const statements = await changes.listChangedFacts(query.from, query.to, types, query.entity);
  const all = factChanges(statements, query.from, query.to);
  const page = all.slice(query.offset, query.offset + query.limit);
  const events =
    page.length === 0
      ? []
      : await changes.listChangeEvents(
          [...new Set(page.map((c) => c.date))],
          [...new Set(page.flatMap((c) => (c.after ? [c.after.id] : [])))],
        );
  const items = page.map((c) => ({ ...c, events: eventsBehind(c, events) }));
  return { total: all.length, items, derived: await derivedChanges(changes, ownership, query) };
}

async function derivedChanges(changes: ChangeRepository, ownership: OwnershipRepository, query: ChangesQuery) {
  const before = dayBefore(query.from);
  const after = query.to;
  const members = await changes.listMembersBetween(before, after);
  const touches = (...ids: string[]) => query.entity === null || ids.includes(query.entity);
  // Every member, basis and day at once: each answer is independent of the others.
  const rows = await Promise.all(
    members.flatMap((holder) =>
      (['equity', 'voting'] as const).map(async (basis) => {
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
            (r) => (Math.abs(r.afterPercent - r.beforePercent) > EPSILON || Math.abs(r.integratedAfterPercent - r.integratedBeforePercent) > EPSILON) && touches(holder, r.company.id),
          );
      }),
    ),
  );
  const ownershipChanges = rows.flat();
  const controllerRows = await Promise.all(
    members.filter((company) => touches(company)).map(async (company) => {
      const [was, is] = await Promise.all([findUltimateController(ownership, company, before), findUltimateController(ownership, company, after)]);
      if (!was || !is || (was.controller?.id ?? null) === (is.controller?.id ?? null)) return [];
      return [{ company: is.company, before: was.controller, after: is.controller }];
    }),
  );
  const controllers = controllerRows.flat();
  return { before, after, ownership: ownershipChanges, controllers };
}
