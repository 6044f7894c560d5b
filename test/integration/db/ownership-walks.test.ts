import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OwnershipRepository } from '../../../src/repositories/ownership-repository.js';
import { connect } from '../../support/graph.js';

/**
 * The changes feed reads every member's stakes on two days through one walk from all members (stakesBelowEach,
 * stakesAboveEach). Each company's share of that walk must be exactly what its own walk reads, on the seeded
 * graph: trusts held for an economic beneficiary, cycles and the ledgers included.
 */
describe('stake walks from many companies at once', () => {
  const graph = connect();
  const ownership = new OwnershipRepository(graph.runner);
  let companies: string[] = [];
  beforeAll(async () => {
    await graph.seedAlliance();
    companies = (await graph.query('MATCH (c:Company) RETURN c.id AS id ORDER BY id')).map((r) => r.id as string);
  });
  afterAll(() => graph.close());

  for (const day of ['2001-06-01', '2023-11-08', '2026-06-01']) {
    it(`give each company what its own walk gives, down and up, on ${day}`, async () => {
      const [below, above] = await Promise.all([ownership.stakesBelowEach(companies, day), ownership.stakesAboveEach(companies, day)]);
      expect([...below.keys()]).toEqual(companies);
      let stakes = 0;
      for (const id of companies) {
        expect(below.get(id), `below ${id}`).toEqual(await ownership.stakesBelow(id, day));
        expect(above.get(id), `above ${id}`).toEqual(await ownership.stakesAbove(id, day));
        stakes += below.get(id)!.length;
      }
      // Not a walk over nothing: the seeded network has stakes on these days, some through a trust's beneficiary.
      expect(companies.length).toBeGreaterThan(100);
      expect(stakes, `stakes found on ${day}`).toBeGreaterThan(50);
    });
  }

  it('reaches a trust’s stakes from its economic beneficiary (Renault’s Nissan shares in the French trust)', async () => {
    const below = await ownership.stakesBelowEach(['renault', 'nissan'], '2026-06-01');
    const fromTrust = below.get('renault')!.filter((s) => s.economicBeneficiary === 'renault');
    expect(fromTrust.map((s) => [s.holder, s.company])).toContainEqual(['renault-french-trust-nissan-shares', 'nissan']);
  });
});
