import { describe, expect, it } from 'vitest';
import { ALLIANCE, useSeededApi } from '../../support/api.js';

describe('/v1/plans, /v1/targets, /v1/platforms, /v1/technologies', () => {
  const { get } = useSeededApi();

  it('the Alliance 2030 plan: EUR 23 billion, horizon 2030, 35 EVs, five platforms, targets in 2028', async () => {
    const { status, body } = await get('/v1/plans/alliance-2030');
    expect(status).toBe(200);
    expect(body.investment).toMatchObject({ amount: 23_000_000_000, currency: 'EUR' });
    expect(body.horizonYear).toBe(2030);
    expect(body.holder).toEqual({ id: ALLIANCE, name: 'Renault–Nissan–Mitsubishi Alliance' });
    const byKind = Object.fromEntries(body.targets.map((t: any) => [t.kind, t]));
    expect(byKind['ev-models'].quantity).toEqual({ count: 35, unit: 'EV models', precision: 'exact' });
    expect(byKind['ev-platforms'].quantity.count).toBe(5);
    expect(byKind.battery.year).toBe(2028);
    expect(byKind['cost-parity'].year).toBe(2028);
    expect(body.platforms).toHaveLength(5);
    expect(body.technologies.map((t: any) => t.id)).toEqual(['all-solid-state-battery', 'electrification']);
  });

  it('lists plans', async () => {
    const { body } = await get('/v1/plans');
    expect(body.items.map((p: any) => [p.id, p.investment.amount, p.investment.currency])).toEqual([['alliance-2030', 23_000_000_000, 'EUR']]);
  });

  it('targets by year range, kind and subject: 2026, 2028 and 2050', async () => {
    const all = await get('/v1/targets');
    expect(all.body.items.map((t: any) => t.year)).toEqual([2026, 2028, 2028, 2030, 2030, 2050]);
    const late = await get('/v1/targets?fromYear=2031');
    expect(late.body.items).toEqual([
      expect.objectContaining({
        id: 'carbon-neutral-2050',
        year: 2050,
        heldBy: [{ id: ALLIANCE, type: 'Alliance', name: 'Renault–Nissan–Mitsubishi Alliance' }],
      }),
    ]);
    const battery = await get('/v1/targets?subject=all-solid-state-battery');
    expect(battery.body.items.map((t: any) => t.id)).toEqual(['assb-mass-production-2028']);
    // The source ties cost parity to common batteries, not to solid-state ones.
    const common = await get('/v1/targets?subject=common-batteries');
    expect(common.body.items.map((t: any) => t.id)).toEqual(['ev-ice-cost-parity-2028']);
    const kind = await get('/v1/targets?kind=ev-models');
    expect(kind.body.items.map((t: any) => t.quantity.count)).toEqual([35]);
    const reversed = await get('/v1/targets?fromYear=2050&toYear=2028');
    expect(reversed.status).toBe(400);
  });

  it('platforms and technologies', async () => {
    const platforms = await get('/v1/platforms');
    expect(platforms.body.items.map((p: any) => p.name)).toEqual(['CMF-AEV', 'CMF-BEV', 'CMF-EV', 'KEI-EV', 'LCV-EV']);
    expect(platforms.body.items[0].usedBy).toEqual([{ id: 'alliance-2030', name: 'Alliance 2030' }]);
    const technologies = await get('/v1/technologies');
    const assb = technologies.body.items.find((t: any) => t.id === 'all-solid-state-battery');
    expect(assb.aliases).toContain('ASSB');
    const autonomous = technologies.body.items.find((t: any) => t.id === 'autonomous-driving');
    expect(autonomous.developedBy).toEqual([expect.objectContaining({ id: ALLIANCE, stage: 'looking-towards' })]);
  });

  it('an unknown plan is a 404 problem', async () => {
    const { status, body } = await get('/v1/plans/alliance-2040');
    expect(status).toBe(404);
    expect(body.detail).toBe('No plan with id "alliance-2040"');
  });
});
