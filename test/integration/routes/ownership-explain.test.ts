import { describe, expect, it } from 'vitest';
import { useSeededApi } from '../../support/api.js';

const sum = (parts: { percent: number }[]) => parts.reduce((s, p) => s + p.percent, 0);
const TRUST = 'renault-french-trust-nissan-shares';

describe('GET /v1/ownership/effective/explain', () => {
  const { get } = useSeededApi();

  it('Renault in Nissan on 2022-02-08: the 43.4% chain plus the tail of the Renault–Nissan cross-holding', async () => {
    // Stakes that day (data/alliance/relationships.yaml): renault-stake-nissan-2014 43.4%, nissan-stake-renault-2002 15%.
    const q = 0.434 * 0.15;
    const { status, body } = await get('/v1/ownership/effective/explain?holder=renault&company=nissan&asOf=2022-02-08');
    expect(status).toBe(200);
    expect(body.integratedPercent).toBeCloseTo((0.434 / (1 - q)) * 100, 10);
    expect(body.parts).toEqual([
      {
        kind: 'chain',
        companies: [
          { id: 'renault', name: 'Renault' },
          { id: 'nissan', name: 'Nissan' },
        ],
        stakes: ['renault-stake-nissan-2014'],
        percent: expect.closeTo(43.4, 10),
        productPercent: expect.closeTo(43.4, 10),
      },
      {
        kind: 'cycle',
        companies: [
          { id: 'nissan', name: 'Nissan' },
          { id: 'renault', name: 'Renault' },
          { id: 'nissan', name: 'Nissan' },
        ],
        stakes: ['nissan-stake-renault-2002', 'renault-stake-nissan-2014'],
        percent: expect.closeTo(((0.434 * q) / (1 - q)) * 100, 10),
        productPercent: expect.closeTo(q * 100, 10),
      },
    ]);
    expect(Math.abs(sum(body.parts) - body.integratedPercent)).toBeLessThanOrEqual(1e-7);
  });

  it('after the 2023 rebalancing (2023-11-20): 15% direct, 28.4% through the trust, two interacting cycles and a remainder', async () => {
    // renault-stake-nissan-2023 15%, trust-stake-nissan-2023 28.4% (economic beneficiary Renault), nissan-stake-renault-2023 15%,
    // each with a share count, so the share ledger gives the figures of the day: Renault's 633,107,267 and the trust's
    // 1,198,729,760 of the 4,220,715,112 Nissan shares issued (nissan-capital-2017-03-31, until 13 December 2023), and
    // Nissan's 44,358,343 of the 295,722,284 Renault shares issued (renault-capital-2023-11-08).
    const direct = 633_107_267 / 4_220_715_112; // 15.0000000047%
    const trust = 1_198_729_760 / 4_220_715_112; // 28.401105694%
    const nissanInRenault = 44_358_343 / 295_722_284; // 15.0000001%
    const both = direct + trust;
    const cross = nissanInRenault * direct; // Nissan → Renault → Nissan
    const viaTrust = nissanInRenault * 1 * trust; // Nissan → Renault → trust → Nissan
    const integrated = both / (1 - cross - viaTrust);
    const { body } = await get('/v1/ownership/effective/explain?holder=renault&company=nissan&asOf=2023-11-20');
    expect(body.integratedPercent).toBeCloseTo(integrated * 100, 10);
    const effective = await get('/v1/ownership/effective?holder=renault&asOf=2023-11-20');
    expect(body.integratedPercent).toBeCloseTo(effective.body.items.find((i: any) => i.company.id === 'nissan').integratedPercent, 8);
    const shape = body.parts.map((p: any) => [p.kind, p.companies.map((c: any) => c.id).join('>'), p.stakes, Number(p.percent.toFixed(9))]);
    expect(shape).toEqual([
      ['chain', `renault>${TRUST}>nissan`, ['trust-stake-nissan-2023'], Number((trust * 100).toFixed(9))],
      ['chain', 'renault>nissan', ['renault-stake-nissan-2023'], Number((direct * 100).toFixed(9))],
      [
        'cycle',
        `nissan>renault>${TRUST}>nissan`,
        ['nissan-stake-renault-2023', 'trust-stake-nissan-2023'],
        Number((((both * viaTrust) / (1 - viaTrust)) * 100).toFixed(9)),
      ],
      ['cycle', 'nissan>renault>nissan', ['nissan-stake-renault-2023', 'renault-stake-nissan-2023'], Number((((both * cross) / (1 - cross)) * 100).toFixed(9))],
      ['remainder', '', [], Number(((integrated - both - (both * viaTrust) / (1 - viaTrust) - (both * cross) / (1 - cross)) * 100).toFixed(9))],
    ]);
    expect(Math.abs(sum(body.parts) - body.integratedPercent)).toBeLessThanOrEqual(1e-7);
  });

  it('Renault in Mitsubishi Motors on 2022-02-08 and on the voting basis the cycle drops out', async () => {
    const { body } = await get('/v1/ownership/effective/explain?holder=renault&company=mitsubishi-motors&asOf=2022-02-08&basis=voting');
    // Nissan's votes in Mitsubishi Motors from the ledger: 506,620,577 of 1,490,282,496 shares (33.9949…%).
    const chain = 43.4 * (506_620_577 / 1_490_282_496);
    expect(body.parts.map((p: any) => [p.kind, p.stakes, p.percent])).toEqual([
      ['chain', ['renault-stake-nissan-2014', 'nissan-stake-mitsubishi-2016'], expect.closeTo(chain, 10)],
    ]);
    expect(body.integratedPercent).toBeCloseTo(chain, 10);
  });

  it('no chain: an empty list; unknown ids are 404 problems, the same company twice a 400 problem', async () => {
    const none = await get('/v1/ownership/effective/explain?holder=mitsubishi-motors&company=renault&asOf=2022-02-08');
    expect(none.status).toBe(200);
    expect([none.body.integratedPercent, none.body.parts]).toEqual([0, []]);
    const unknown = await get('/v1/ownership/effective/explain?holder=renault&company=no-such-company');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.body.detail).toContain('no-such-company');
    const same = await get('/v1/ownership/effective/explain?holder=renault&company=renault');
    expect(same.status).toBe(400);
  });
});
