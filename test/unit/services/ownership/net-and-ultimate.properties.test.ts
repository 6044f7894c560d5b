import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { integratedRow, netRow, ultimateOwners, type Basis } from '../../../../src/services/ownership/look-through.js';
import { RUNS, anyNetwork, edgesOf, networkArbitrary } from '../../../support/arbitraries.js';

describe('properties: net look-through and ultimate owners on random networks', () => {
  it('the net share never exceeds 100%, and is the integrated share divided by (1 + self-ownership)', () => {
    fc.assert(
      fc.property(anyNetwork, fc.constantFrom<Basis>('equity', 'voting'), ({ companies, stakes }, basis) => {
        const edges = edgesOf(stakes, basis);
        for (const holder of companies) {
          const integrated = integratedRow(holder, edges);
          const self = integrated.get(holder) ?? 0;
          for (const [company, net] of netRow(holder, integrated)) {
            expect(net, `${holder}→${company}`).toBeLessThanOrEqual(1 + 1e-9);
            expect(net).toBeGreaterThanOrEqual(0);
            expect(net * (1 + self)).toBeCloseTo(integrated.get(company)!, 12);
          }
        }
      }),
      RUNS,
    );
  });

  it('without cycles the net share equals the integrated share', () => {
    fc.assert(
      fc.property(networkArbitrary(true), fc.constantFrom<Basis>('equity', 'voting'), ({ companies, stakes }, basis) => {
        const edges = edgesOf(stakes, basis);
        for (const holder of companies) {
          const integrated = integratedRow(holder, edges);
          for (const [company, net] of netRow(holder, integrated)) expect(net).toBe(integrated.get(company));
        }
      }),
      RUNS,
    );
  });

  it('ultimate owners and remainders add up to 100% within 1e-9, every part non-negative', () => {
    fc.assert(
      fc.property(anyNetwork, fc.constantFrom<Basis>('equity', 'voting'), ({ companies, stakes }, basis) => {
        const edges = edgesOf(stakes, basis);
        for (const company of companies) {
          const { owners, remainders } = ultimateOwners(company, edges);
          const parts = [...owners.values(), ...remainders.values()];
          for (const p of parts) expect(p).toBeGreaterThanOrEqual(-1e-12);
          expect(Math.abs(parts.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
          // An ultimate owner is held by no one in the graph.
          for (const owner of owners.keys()) expect(edges.some((e) => e.company === owner && e.share > 0)).toBe(false);
        }
      }),
      RUNS,
    );
  });
});

describe('worked examples from the sources', () => {
  // Renault 17.05% of Nissan directly and 18.66% through the trust (its economic beneficiary), Nissan 15% of Renault,
  // Renault 100% of Ampere: the press's 35.71% for Nissan and 100% for Ampere.
  const edges = [
    { holder: 'renault', company: 'nissan', share: 0.1705, from: ['a'] },
    { holder: 'trust', company: 'nissan', share: 0.1866, from: ['b'] },
    { holder: 'renault', company: 'trust', share: 1, from: ['b'] },
    { holder: 'nissan', company: 'renault', share: 0.15, from: ['c'] },
    { holder: 'renault', company: 'ampere', share: 1, from: ['d'] },
    { holder: 'french-state', company: 'renault', share: 0.15, from: ['e'] },
  ];
  it('Renault: Ampere 100% net (105.66% integrated), Nissan 35.71% net (37.73% integrated)', () => {
    const integrated = integratedRow('renault', edges);
    const net = netRow('renault', integrated);
    expect(integrated.get('ampere')! * 100).toBeCloseTo(105.66, 2);
    expect(net.get('ampere')! * 100).toBeCloseTo(100, 9);
    expect(net.get('trust')! * 100).toBeCloseTo(100, 9);
    expect(integrated.get('nissan')! * 100).toBeCloseTo(37.73, 2);
    expect(net.get('nissan')! * 100).toBeCloseTo(35.71, 9);
  });
  it('2022: Renault 43.4% of Nissan, Nissan 34% of Mitsubishi Motors and 15% of Renault: 14.756% net', () => {
    const e2022 = [
      { holder: 'renault', company: 'nissan', share: 0.434, from: ['a'] },
      { holder: 'nissan', company: 'renault', share: 0.15, from: ['c'] },
      { holder: 'nissan', company: 'mitsubishi-motors', share: 0.34, from: ['m'] },
    ];
    const integrated = integratedRow('renault', e2022);
    expect(integrated.get('mitsubishi-motors')! * 100).toBeCloseTo(15.78, 2);
    expect(netRow('renault', integrated).get('mitsubishi-motors')! * 100).toBeCloseTo(14.756, 9);
  });
  it('Nissan’s ultimate owners: the French State and the remainders, adding up to 100%', () => {
    const { owners, remainders } = ultimateOwners('nissan', edges);
    const total = [...owners.values(), ...remainders.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 12);
    expect([...owners.keys()]).toEqual(['french-state']);
    // Renault holds 35.71% of Nissan; Renault's holders are Nissan (15%, back round the cycle) and the State (15%).
    expect(owners.get('french-state')! * 100).toBeCloseTo((0.3571 * 0.15 * 100) / (1 - 0.3571 * 0.15), 9);
    expect(remainders.get('nissan')! * 100).toBeCloseTo(((1 - 0.3571) * 100) / (1 - 0.3571 * 0.15), 9);
  });
  it('a company no one holds has a 100% remainder, not itself as owner', () => {
    expect(ultimateOwners('french-state', edges)).toEqual({ owners: new Map(), remainders: new Map([['french-state', 1]]) });
  });
});
