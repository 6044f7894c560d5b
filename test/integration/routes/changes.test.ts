import { describe, expect, it } from 'vitest';
import { ALLIANCE, useSeededApi } from '../../support/api.js';

// Every expected value below is read from data/alliance/relationships.yaml and events.yaml.
const REBALANCING_EVENT = {
  id: 'rebalanced-alliance-in-force-2023',
  name: 'Rebalanced Renault–Nissan alliance comes into force',
  kind: 'stake-change',
  occurredOn: '2023-11-08',
  link: 'changes',
  sources: ['reuters-2023-11-08-trust', 'afp-2023-11-08', 'alliance-2023-07-26-definitive-agreements'],
};
const NONE = { economicBeneficiary: null, role: null, title: null, via: null };
const TRUST = { id: 'renault-french-trust-nissan-shares', name: 'French trust holding Renault’s Nissan shares'.replace('’', "'") };

const triples = (rows: any[]) => rows.map((r) => [r.holder.id, r.company.id, r.basis]);

describe('GET /v1/changes', () => {
  const { get } = useSeededApi();

  it('the 2023 rebalancing (8 November 2023): exactly the three stakes it changed, before and after, with its event', async () => {
    const { status, headers, body } = await get('/v1/changes?from=2023-11-08&to=2023-11-08');
    expect(status).toBe(200);
    expect(headers.etag).toBeTruthy();
    expect([body.total, body.nextCursor, body.from, body.to, body.entity, body.kind]).toEqual([3, null, '2023-11-08', '2023-11-08', null, null]);
    expect(body.dataVersion.hash).toBe(headers['data-version']);
    expect(body.items).toEqual([
      {
        id: 'stake:nissan>renault@2023-11-08',
        date: '2023-11-08',
        kind: 'stake',
        change: 'changed',
        from: { id: 'nissan', name: 'Nissan' },
        to: { id: 'renault', name: 'Renault' },
        before: {
          id: 'nissan-stake-renault-2002', equityPercent: 15, votingPercent: 0, carriesVotes: false, ...NONE, validFrom: '2002-03-28', validTo: '2023-11-08',
          sources: ['nissan-2001-10-30-cross-shareholding', 'sta-2002-03-renault-44-4', 'afp-2005-04-29', 'kyodo-2015-12-01', 'ap-2023-02-06'],
        },
        after: {
          id: 'nissan-stake-renault-2023', equityPercent: 15, votingPercent: 15, carriesVotes: true, ...NONE, validFrom: '2023-11-08', validTo: null,
          sources: ['reuters-2023-11-08-trust', 'alliance-2023-07-26-definitive-agreements', 'boursier-2023-11-nissan-finance'],
        },
        events: [REBALANCING_EVENT],
      },
      {
        id: 'stake:renault-french-trust-nissan-shares>nissan@2023-11-08',
        date: '2023-11-08',
        kind: 'stake',
        change: 'began',
        from: TRUST,
        to: { id: 'nissan', name: 'Nissan' },
        before: null,
        after: {
          id: 'trust-stake-nissan-2023', equityPercent: 28.4, votingPercent: 0, carriesVotes: false, ...NONE, economicBeneficiary: 'renault', validFrom: '2023-11-08', validTo: '2023-12-13',
          sources: ['reuters-2023-11-08-trust', 'afp-2023-11-08', 'ap-2023-02-06'],
        },
        events: [REBALANCING_EVENT],
      },
      {
        id: 'stake:renault>nissan@2023-11-08',
        date: '2023-11-08',
        kind: 'stake',
        change: 'changed',
        from: { id: 'renault', name: 'Renault' },
        to: { id: 'nissan', name: 'Nissan' },
        before: {
          id: 'renault-stake-nissan-2014', equityPercent: 43.4, votingPercent: null, carriesVotes: true, ...NONE, validFrom: '2014-06-27', validTo: '2023-11-08',
          sources: ['reuters-2014-06-27-avtovaz', 'kyodo-2015-12-01', 'ap-2023-02-06', 'afp-2023-11-08'],
        },
        after: {
          id: 'renault-stake-nissan-2023', equityPercent: 15, votingPercent: 15, carriesVotes: true, ...NONE, validFrom: '2023-11-08', validTo: '2024-04-03',
          sources: ['reuters-2023-11-08-trust', 'afp-2023-11-08', 'alliance-2023-07-26-definitive-agreements', 'justauto-2024-04-02-second-sale'],
        },
        events: [REBALANCING_EVENT],
      },
    ]);
  });

  it('the 2023 rebalancing, derived: Renault’s votes in Nissan fall from 43.4% to 15/(1 − 0.15²); on equity Renault’s look-through share of Nissan is unchanged', async () => {
    const { body } = await get('/v1/changes?from=2023-11-08&to=2023-11-08');
    expect([body.derived.before, body.derived.after]).toEqual(['2023-11-07', '2023-11-08']);
    // Renault's 43.4% now 15% direct + 28.4% in the trust: on equity (the trust counts for Renault) the
    // integrated share stays 0.434 / (1 − 0.434 · 0.15), so renault → nissan (equity) is not listed.
    expect(triples(body.derived.ownership)).toEqual([
      ['nissan', TRUST.id, 'equity'],
      ['nissan', 'ampere', 'voting'],
      ['nissan', 'mitsubishi-motors', 'voting'],
      ['nissan', 'renault', 'voting'],
      ['nissan', 'rnaipl', 'voting'],
      ['renault', TRUST.id, 'equity'],
      ['renault', 'ampere', 'voting'],
      ['renault', 'mitsubishi-motors', 'voting'],
      ['renault', 'nissan', 'voting'],
      ['renault', 'rnaipl', 'voting'],
    ]);
    const row = (holder: string, company: string, basis: string) =>
      body.derived.ownership.find((r: any) => r.holder.id === holder && r.company.id === company && r.basis === basis);
    // Votes after: Renault 15% of Nissan, Nissan 15% of Renault (both now carry votes): t = 0.15 / (1 − 0.15 · 0.15).
    const cross = 0.15 / (1 - 0.15 * 0.15);
    expect(row('renault', 'nissan', 'voting')).toMatchObject({ beforePercent: 43.4, afterPercent: expect.closeTo(cross * 100, 8) });
    expect(row('nissan', 'renault', 'voting')).toMatchObject({ beforePercent: 0, afterPercent: expect.closeTo(cross * 100, 8) });
    // Through Nissan's 34% of Mitsubishi Motors (nissan-stake-mitsubishi-2016).
    expect(row('renault', 'mitsubishi-motors', 'voting')).toMatchObject({ beforePercent: expect.closeTo(43.4 * 0.34, 8), afterPercent: expect.closeTo(34 * cross, 8) });
    expect(body.derived.controllers).toEqual([]);
  });

  it('the 2016 Mitsubishi Motors purchase (20 October 2016): Nissan’s 34% and Mitsubishi Motors joining, with the event', async () => {
    const { body } = await get('/v1/changes?from=2016-10-20&to=2016-10-20');
    const event = {
      id: 'mitsubishi-joins-2016',
      name: 'Nissan completes its 34% stake in Mitsubishi Motors',
      kind: 'member-joined',
      occurredOn: '2016-10-20',
      sources: ['reuters-2016-10-21-mitsubishi', 'upi-2016-05-12'],
    };
    expect(body.total).toBe(2);
    expect(body.items).toEqual([
      {
        id: `membership:mitsubishi-motors>${ALLIANCE}@2016-10-20`,
        date: '2016-10-20',
        kind: 'membership',
        change: 'began',
        from: { id: 'mitsubishi-motors', name: 'Mitsubishi Motors' },
        to: { id: ALLIANCE, name: 'Renault–Nissan–Mitsubishi Alliance' },
        before: null,
        after: {
          id: 'mitsubishi-motors-member-of-alliance', equityPercent: null, votingPercent: null, carriesVotes: null, ...NONE, role: 'member', validFrom: '2016-10-20', validTo: null,
          sources: ['autotrendy-2022-02-08', 'reuters-2016-10-21-mitsubishi'],
        },
        // The event lists the stake in its `changes`; it is behind the membership as a same-day event involving both.
        events: [{ ...event, link: 'same-day' }],
      },
      {
        id: 'stake:nissan>mitsubishi-motors@2016-10-20',
        date: '2016-10-20',
        kind: 'stake',
        change: 'began',
        from: { id: 'nissan', name: 'Nissan' },
        to: { id: 'mitsubishi-motors', name: 'Mitsubishi Motors' },
        before: null,
        after: {
          id: 'nissan-stake-mitsubishi-2016', equityPercent: 34, votingPercent: null, carriesVotes: true, ...NONE, validFrom: '2016-10-20', validTo: '2024-11-08',
          sources: ['reuters-2016-10-21-mitsubishi', 'upi-2016-05-12', 'nextmobility-2024-11-07'],
        },
        events: [{ ...event, link: 'changes' }],
      },
    ]);
    // Derived, with Renault 43.4% of Nissan and Nissan 15% of Renault (no votes) that day: q = 0.434 · 0.15.
    const q = 0.434 * 0.15;
    expect(body.derived.ownership).toEqual([
      { holder: { id: 'nissan', name: 'Nissan' }, company: { id: 'mitsubishi-motors', name: 'Mitsubishi Motors' }, basis: 'equity', beforePercent: 0, afterPercent: expect.closeTo((34 / (1 - q)), 8) },
      { holder: { id: 'nissan', name: 'Nissan' }, company: { id: 'mitsubishi-motors', name: 'Mitsubishi Motors' }, basis: 'voting', beforePercent: 0, afterPercent: 34 },
      { holder: { id: 'renault', name: 'Renault' }, company: { id: 'mitsubishi-motors', name: 'Mitsubishi Motors' }, basis: 'equity', beforePercent: 0, afterPercent: expect.closeTo((0.434 * 34) / (1 - q), 8) },
      { holder: { id: 'renault', name: 'Renault' }, company: { id: 'mitsubishi-motors', name: 'Mitsubishi Motors' }, basis: 'voting', beforePercent: 0, afterPercent: expect.closeTo(43.4 * 0.34, 8) },
    ]);
    expect(body.derived.controllers).toEqual([]);
  });

  it('a quiet week answers an empty list (the timeline has nothing that week either)', async () => {
    const timeline = await get('/v1/timeline?from=2021-06-07&to=2021-06-13');
    expect(timeline.body.total).toBe(0);
    const { status, body } = await get('/v1/changes?from=2021-06-07&to=2021-06-13');
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 0, items: [], nextCursor: null, derived: { before: '2021-06-06', after: '2021-06-13', ownership: [], controllers: [] } });
    const { headers } = await get('/v1/changes?from=2021-06-07&to=2021-06-13');
    expect((await get('/v1/changes?from=2021-06-07&to=2021-06-13', { 'if-none-match': String(headers.etag) })).status).toBe(304);
  });

  it('the trust’s sales over 2023–2024 come one per sale, each with the sale event; pages follow with the cursor', async () => {
    const { body } = await get(`/v1/changes?from=2023-11-09&to=2024-12-31&entity=${TRUST.id}&kind=stake&limit=2`);
    expect(body.total).toBe(3);
    const second = await get(`/v1/changes?from=2023-11-09&to=2024-12-31&entity=${TRUST.id}&kind=stake&limit=2&cursor=${body.nextCursor}`);
    expect(second.body.nextCursor).toBeNull();
    const items = [...body.items, ...second.body.items];
    expect(items.map((c: any) => [c.date, c.change, c.before.equityPercent, c.after.equityPercent, c.events.map((e: any) => e.id)])).toEqual([
      ['2023-12-13', 'changed', 28.4, 24.63, ['trust-first-sale-2023']],
      ['2024-03-28', 'changed', 24.63, 22.73, ['trust-second-sale-2024']],
      ['2024-09-27', 'changed', 22.73, 18.66, ['trust-third-sale-2024']],
    ]);
    // With entity, the derived rows are those naming it.
    expect(body.derived.ownership.every((r: any) => r.holder.id === TRUST.id || r.company.id === TRUST.id)).toBe(true);
  });

  it('roles: on 24 January 2019 Carlos Ghosn’s role at Renault ends and Jean-Dominique Senard’s begins (people.yaml)', async () => {
    const { body } = await get('/v1/changes?from=2019-01-24&to=2019-01-24&kind=role');
    expect(body.items.map((c: any) => [c.id, c.change, c.before?.id ?? null, c.after?.id ?? null, (c.before ?? c.after).title, c.events])).toEqual([
      ['role:carlos-ghosn>renault:Chairman and CEO@2019-01-24', 'ended', 'ghosn-ceo-renault', null, 'Chairman and CEO', []],
      ['role:jean-dominique-senard>renault:Chairman of the Board@2019-01-24', 'began', null, 'senard-chairs-renault', 'Chairman of the Board', []],
    ]);
  });

  it('plans and targets: Alliance 2030 adopted on 27 January 2022 with its five targets, behind the announcement event', async () => {
    const plan = (await get('/v1/changes?from=2022-01-27&to=2022-01-27&kind=plan')).body;
    expect(plan.items.map((c: any) => [c.id, c.change, c.after.id, c.events.map((e: any) => [e.id, e.link])])).toEqual([
      [`plan:${ALLIANCE}>alliance-2030@2022-01-27`, 'began', 'alliance-has-plan-2030', [['alliance-2030-announced', 'same-day']]],
    ]);
    const targets = (await get('/v1/changes?from=2022-01-27&to=2022-01-27&kind=target')).body;
    expect(targets.items.map((c: any) => [c.to.id, c.change, c.after.id])).toEqual([
      ['assb-mass-production-2028', 'began', 'plan-target-assb'],
      ['common-ev-platforms-5', 'began', 'plan-target-ev-platforms'],
      ['common-platforms-80-by-2026', 'began', 'plan-target-common-platforms'],
      ['ev-ice-cost-parity-2028', 'began', 'plan-target-cost-parity'],
      ['ev-models-35-by-2030', 'began', 'plan-target-ev-models'],
    ]);
    expect(targets.items.every((c: any) => c.from.id === 'alliance-2030' && c.events.map((e: any) => e.id).join() === 'alliance-2030-announced')).toBe(true);
  });

  it('include=sources expands the sources; bad input is a 400 problem', async () => {
    const { body } = await get('/v1/changes?from=2016-10-20&to=2016-10-20&kind=stake&include=sources');
    expect(body.items[0].after.sources.map((s: any) => s.id)).toEqual(['reuters-2016-10-21-mitsubishi', 'upi-2016-05-12', 'nextmobility-2024-11-07']);
    expect(body.items[0].after.sources[0].publisher).toBeTruthy();
    for (const url of ['/v1/changes?from=2024-01-02&to=2024-01-01', '/v1/changes?from=2024-01-01', '/v1/changes?from=2024-02-30&to=2024-03-01', '/v1/changes?from=2024-01-01&to=2024-01-02&kind=rumour']) {
      const res = await get(url);
      expect(res.status, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});
