import fc from 'fast-check';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listChangedFacts, listChangedFactsOfEntity, listChanges, listChangesOfEntity } from '../../../src/db/queries.generated.js';
import { toPlain } from '../../../src/db/values.js';
import { ChangeRepository } from '../../../src/repositories/change-repository.js';
import { KIND_TYPES } from '../../../src/services/changes/fact-changes.js';
import { type FactStatement, factChanges } from '../../support/fact-changes-reference.js';
import { connect } from '../../support/graph.js';

const ALL_TYPES = Object.values(KIND_TYPES);

/**
 * GET /v1/changes works its changes out in Cypher (list-changes), so that the API holds one page however wide
 * the window; factChanges (test/support/fact-changes-reference.ts) is the same rule in TypeScript, over the
 * statements the feed used to load. The two must give the same changes, in the same order, on the seeded graph
 * and on random facts.
 */
describe('the changes worked out in Cypher equal factChanges over the same statements', () => {
  const graph = connect();
  const changes = new ChangeRepository(graph.runner);
  beforeAll(() => graph.seedAlliance());
  afterAll(() => graph.close());

  it('on the seeded graph: every year from 1999 to 2026, two single days and all of it, for everything and for three companies', async () => {
    const windows: [string, string][] = [
      ['1990-01-01', '2030-12-31'],
      ['2023-11-08', '2023-11-08'],
      ['2016-10-20', '2016-10-20'],
    ];
    for (let y = 1999; y <= 2026; y++) windows.push([`${y}-01-01`, `${y}-12-31`]);
    let compared = 0;
    for (const [from, to] of windows) {
      for (const entity of [null, 'nissan', 'renault', 'mitsubishi-motors']) {
        // The statements the feed used to load (the research queries list-changed-facts and …-of-entity).
        const rows =
          entity === null
            ? await graph.query(listChangedFacts.text, { from, to, types: ALL_TYPES })
            : await graph.query(listChangedFactsOfEntity.text, { from, to, types: ALL_TYPES, entity });
        const expected = factChanges(
          rows.map((r) => r.statement as unknown as FactStatement),
          from,
          to,
        );
        const page = await changes.listChanges(from, to, ALL_TYPES, entity, 0, 100_000);
        expect(page.total, `${from}…${to} ${entity}`).toBe(expected.length);
        expect(page.items, `${from}…${to} ${entity}`).toEqual(expected);
        // A page is a slice of the same order.
        expect((await changes.listChanges(from, to, ALL_TYPES, entity, 3, 4)).items).toEqual(expected.slice(3, 7));
        compared += expected.length;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  // Random facts among four companies in 2200–2210 (the seeded graph has no date there, so none of its facts
  // enters these windows), in a transaction that is rolled back: several statements per fact, on few distinct
  // days, so that they overlap, disagree (the most sources stand, then the smaller id), follow each other with
  // equal or different values, and roles differ by title.
  const DAYS = ['2200-01-01', '2201-06-30', '2203-02-28', '2203-03-01', '2205-12-31', '2208-07-14', '2210-01-01'];
  const ENDS = ['pt-a', 'pt-b', 'pt-c', 'pt-d'];
  const StatementArb = fc.record({
    type: fc.constantFrom(...ALL_TYPES),
    from: fc.constantFrom(...ENDS),
    to: fc.constantFrom(...ENDS),
    validFrom: fc.option(fc.constantFrom(...DAYS), { nil: null }),
    validTo: fc.option(fc.constantFrom(...DAYS), { nil: null }),
    equityPercent: fc.option(fc.constantFrom(10, 20.5), { nil: null }),
    votingPercent: fc.option(fc.constantFrom(10, 33.3), { nil: null }),
    carriesVotes: fc.option(fc.boolean(), { nil: null }),
    title: fc.option(fc.constantFrom('CEO', 'Chair'), { nil: null }),
    via: fc.option(fc.constantFrom('fund'), { nil: null }),
    sources: fc.constantFrom(['s1'], ['s1', 's2'], ['s2', 's3', 's4']),
  });
  const WindowArb = fc.tuple(fc.constantFrom(...DAYS), fc.constantFrom(...DAYS)).map(([a, b]) => (a <= b ? [a, b] : [b, a]) as [string, string]);

  it('on random facts: the same changes, in the same order, for the whole graph and for one end', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(StatementArb, { minLength: 1, maxLength: 14 }), WindowArb, fc.constantFrom(...ENDS), async (drawn, [from, to], entity) => {
        const statements: FactStatement[] = drawn
          .filter((s) => s.from !== s.to && (s.validFrom === null || s.validTo === null || s.validFrom < s.validTo))
          .map((s, i) => ({
            ...s,
            sources: [...s.sources],
            id: `pt-${String(i).padStart(2, '0')}`,
            fromName: s.from.toUpperCase(),
            toName: s.to.toUpperCase(),
            economicBeneficiary: null,
            role: s.type === 'HOLDS_ROLE' ? 'executive' : null,
            title: s.type === 'HOLDS_ROLE' ? s.title : null,
          }));
        const session = graph.driver.session({ database: graph.runner.database });
        const tx = await session.beginTransaction();
        try {
          await tx.run('UNWIND $ends AS id CREATE (:Entity:Company {id: id, name: toUpper(id)})', { ends: ENDS });
          for (const type of ALL_TYPES) {
            await tx.run(
              `UNWIND $rows AS row MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
               CREATE (a)-[s:${type}]->(b)
               SET s = {id: row.id, equityPercent: row.equityPercent, votingPercent: row.votingPercent, carriesVotes: row.carriesVotes,
                        role: row.role, title: row.title, via: row.via, sources: row.sources,
                        validFrom: CASE WHEN row.validFrom IS NULL THEN null ELSE date(row.validFrom) END,
                        validTo: CASE WHEN row.validTo IS NULL THEN null ELSE date(row.validTo) END}`,
              { rows: statements.filter((s) => s.type === type) },
            );
          }
          const read = async (text: string, params: Record<string, unknown>) => {
            const { records } = await tx.run(text, { from, to, types: ALL_TYPES, offset: neo4j.int(0), limit: neo4j.int(1_000), ...params });
            return toPlain(records[0]!.toObject()) as { total: number; items: unknown[] };
          };
          const inWindow = (s: FactStatement) => [s.validFrom, s.validTo].some((d) => d !== null && d >= from && d <= to);
          const factOf = (s: FactStatement) => `${s.type} ${s.from} ${s.to} ${s.type === 'HOLDS_ROLE' ? (s.title ?? '') : ''}`;
          // What list-changed-facts reads: every statement of the facts with a statement in the window.
          const facts = new Set(statements.filter(inWindow).map(factOf));
          const expected = factChanges(
            statements.filter((s) => facts.has(factOf(s))),
            from,
            to,
          );
          const all = await read(listChanges.text, {});
          expect(all).toEqual({ total: expected.length, items: expected });
          const ofEntity = expected.filter((c) => c.from.id === entity || c.to.id === entity);
          expect(await read(listChangesOfEntity.text, { entity })).toEqual({ total: ofEntity.length, items: ofEntity });
        } finally {
          await tx.rollback();
          await session.close();
        }
      }),
      { numRuns: 60 },
    );
    // Rolled back: none of the random companies is left.
    expect(await graph.query("MATCH (n:Entity) WHERE n.id STARTS WITH 'pt-' RETURN count(n) AS n")).toEqual([{ n: 0 }]);
  });
});
