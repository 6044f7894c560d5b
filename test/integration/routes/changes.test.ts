import { describe, expect, it } from 'vitest';
import { ALLIANCE, useSeededApi } from '../../support/api.js';

// Every expected value below is read from data/alliance/relationships.yaml, shareholders-renault.yaml, the ledger
// files (ledger-nissan-mitsubishi.yaml, ledger-gaps.yaml) and events.yaml.
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

/**
 * The integrated shares T = A + A² + … of a small stake matrix, worked out here from the stakes the test lists, and
 * the net shares T[h][c] / (1 + T[h][h]) (the walks that never come back to the holder).
 */
function lookThrough(stakes: [string, string, number][]) {
  const ids = [...new Set(stakes.flat())];
  const n = ids.length;
  const a = ids.map((from) => ids.map((to) => stakes.filter(([f, t]) => f === from && t === to).reduce((s, [, , v]) => s + v, 0)));
  const mul = (x: number[][], y: number[][]) => x.map((row) => y[0]!.map((_, j) => row.reduce((s, v, k) => s + v * y[k]![j]!, 0)));
  let power = a;
  const sum = a.map((row) => [...row]);
  for (let k = 0; k < 200; k++) {
    power = mul(power, a);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sum[i]![j]! += power[i]![j]!;
  }
  const t = (holder: string, company: string) => sum[ids.indexOf(holder)]![ids.indexOf(company)]!;
  return { integrated: (h: string, c: string) => t(h, c) * 100, net: (h: string, c: string) => (t(h, c) / (1 + t(h, h))) * 100 };
}

describe('GET /v1/changes', () => {
  const { get } = useSeededApi();

  it('the 2023 rebalancing (8 November 2023): exactly the three stakes it changed, before and after, with its event, and the French State’s restated stake', async () => {
    const { status, headers, body } = await get('/v1/changes?from=2023-11-08&to=2023-11-08');
    expect(status).toBe(200);
    expect(headers.etag).toBeTruthy();
    expect([body.total, body.nextCursor, body.from, body.to, body.entity, body.kind]).toEqual([4, null, '2023-11-08', '2023-11-08', null, null]);
    expect(body.dataVersion.hash).toBe(headers['data-version']);
    expect(body.items).toEqual([
      // shareholders-renault.yaml: the State's 2017 statement ends the day Nissan's Renault shares gain votes, and its
      // 2023 statement begins; the event does not list it, so it is linked as a same-day event.
      {
        id: 'stake:french-state>renault@2023-11-08',
        date: '2023-11-08',
        kind: 'stake',
        change: 'changed',
        from: { id: 'french-state', name: 'French State' },
        to: { id: 'renault', name: 'Renault' },
        before: {
          id: 'french-state-stake-renault-2017',
          equityPercent: 15.01,
          votingPercent: 28.61,
          carriesVotes: true,
          ...NONE,
          validFrom: '2017-11-03',
          validTo: '2023-11-08',
          sources: ['rtl-2017-11-03-state-sale', 'renault-urd-2020-shareholders'],
        },
        after: {
          id: 'french-state-stake-renault-2023',
          equityPercent: 15,
          votingPercent: null,
          carriesVotes: true,
          ...NONE,
          validFrom: '2023-11-08',
          validTo: null,
          sources: ['dpa-afx-2017-11-03-state-sale', 'reuters-2024-02-06-state-support'],
        },
        events: [{ ...REBALANCING_EVENT, link: 'same-day' }],
      },
      {
        id: 'stake:nissan>renault@2023-11-08',
        date: '2023-11-08',
        kind: 'stake',
        change: 'changed',
        from: { id: 'nissan', name: 'Nissan' },
        to: { id: 'renault', name: 'Renault' },
        before: {
          id: 'nissan-stake-renault-2002',
          equityPercent: 15,
          votingPercent: 0,
          carriesVotes: false,
          ...NONE,
          validFrom: '2002-03-28',
          validTo: '2023-11-08',
          sources: ['nissan-2001-10-30-cross-shareholding', 'sta-2002-03-renault-44-4', 'afp-2005-04-29', 'kyodo-2015-12-01', 'ap-2023-02-06'],
        },
        after: {
          id: 'nissan-stake-renault-2023',
          equityPercent: 15,
          votingPercent: 15,
          carriesVotes: true,
          ...NONE,
          validFrom: '2023-11-08',
          validTo: null,
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
          id: 'trust-stake-nissan-2023',
          equityPercent: 28.4,
          votingPercent: 0,
          carriesVotes: false,
          ...NONE,
          economicBeneficiary: 'renault',
          validFrom: '2023-11-08',
          validTo: '2023-12-13',
          sources: ['edinet-renault-2024-10-nissan', 'justauto-2024-04-02-second-sale', 'reuters-2023-11-08-trust', 'afp-2023-11-08', 'ap-2023-02-06'],
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
          id: 'renault-stake-nissan-2014',
          equityPercent: 43.4,
          votingPercent: null,
          carriesVotes: true,
          ...NONE,
          validFrom: '2014-06-27',
          validTo: '2023-11-08',
          sources: ['reuters-2014-06-27-avtovaz', 'kyodo-2015-12-01', 'ap-2023-02-06', 'afp-2023-11-08'],
        },
        after: {
          id: 'renault-stake-nissan-2023',
          equityPercent: 15,
          votingPercent: 15,
          carriesVotes: true,
          ...NONE,
          validFrom: '2023-11-08',
          validTo: '2024-04-03',
          sources: [
            'edinet-renault-2024-10-nissan',
            'reuters-2023-11-08-trust',
            'afp-2023-11-08',
            'alliance-2023-07-26-definitive-agreements',
            'justauto-2024-04-02-second-sale',
          ],
        },
        events: [REBALANCING_EVENT],
      },
    ]);
  });

  it('the 2023 rebalancing, derived: Renault’s votes in Nissan fall from 43.4% to 15/(1 − 0.15²); on equity Renault’s look-through share of Nissan moves only from the stated 43.4% to the ledger’s 43.4011%', async () => {
    const { body } = await get('/v1/changes?from=2023-11-08&to=2023-11-08');
    expect([body.derived.before, body.derived.after]).toEqual(['2023-11-07', '2023-11-08']);
    // Renault's stated 43.4% becomes 633,107,267 shares direct + 1,198,729,760 in the trust, of the 4,220,715,112 Nissan
    // shares issued (nissan-capital-2017-03-31): 43.4011057%. On equity (the trust counts for Renault) every look-through
    // figure through Nissan therefore moves a little, for Renault, for Nissan and for Geely (which reaches Nissan through
    // tenaciou3-stake-mercedes-benz-group-2018 and Mercedes-Benz's 3.1% of Nissan, mercedes-stake-nissan-2010); on votes
    // the change is the rebalancing itself.
    const companies = [
      'alliance-rostec-auto',
      'ampere',
      'dongfeng-motor-co-ltd',
      'mitsubishi-motors',
      'renault',
      TRUST.id,
      'renault-korea-motors',
      'rnaipl',
      'rntbci',
    ];
    const votingCompanies = [
      'alliance-rostec-auto',
      'ampere',
      'dongfeng-motor-co-ltd',
      'mitsubishi-motors',
      'renault',
      'renault-korea-motors',
      'rnaipl',
      'rntbci',
    ];
    const rows = (holder: string, list: string[], basis: string) => list.map((c) => [holder, c, basis]);
    const withNissan = (list: string[]) => [
      ...list.filter((c) => c !== 'renault' && c < 'nissan'),
      'nissan',
      ...list.filter((c) => c !== 'renault' && c > 'nissan'),
    ];
    expect(triples(body.derived.ownership)).toEqual([
      ...rows('nissan', companies, 'equity'),
      ...rows('nissan', votingCompanies, 'voting'),
      ...rows('renault', withNissan(companies), 'equity'),
      ...rows('renault', withNissan(votingCompanies), 'voting'),
      ...rows(
        'zhejiang-geely-holding-group',
        [
          'alliance-rostec-auto',
          'ampere',
          'dongfeng-motor-co-ltd',
          'mitsubishi-motors',
          'nissan',
          'renault',
          TRUST.id,
          'renault-korea-motors',
          'rnaipl',
          'rntbci',
        ],
        'equity',
      ),
    ]);
    const row = (holder: string, company: string, basis: string) =>
      body.derived.ownership.find((r: any) => r.holder.id === holder && r.company.id === company && r.basis === basis);
    // Votes after: Renault 15% of Nissan, Nissan 15% of Renault (both now carry votes, both capped at 15%): the net
    // share is the direct 15%, the integrated one t = 0.15 / (1 − 0.15 · 0.15).
    const cross = 0.15 / (1 - 0.15 * 0.15);
    expect(row('renault', 'nissan', 'voting')).toEqual({
      holder: { id: 'renault', name: 'Renault' },
      company: { id: 'nissan', name: 'Nissan' },
      basis: 'voting',
      beforePercent: 43.4,
      afterPercent: 15,
      integratedBeforePercent: 43.4,
      integratedAfterPercent: expect.closeTo(cross * 100, 8),
    });
    expect(row('nissan', 'renault', 'voting')).toMatchObject({
      beforePercent: 0,
      afterPercent: 15,
      integratedBeforePercent: 0,
      integratedAfterPercent: expect.closeTo(cross * 100, 8),
    });
    // Through Nissan's 506,620,577 of 1,490,282,496 Mitsubishi Motors shares (nissan-stake-mitsubishi-2016, mmc-capital-2016-10-20).
    const mmc = 506_620_577 / 1_490_282_496;
    expect(row('renault', 'mitsubishi-motors', 'voting')).toMatchObject({
      beforePercent: expect.closeTo(43.4 * mmc, 8),
      afterPercent: expect.closeTo(15 * mmc, 8),
      integratedBeforePercent: expect.closeTo(43.4 * mmc, 8),
      integratedAfterPercent: expect.closeTo(mmc * cross * 100, 8),
    });
    // Equity: before, the stated 43.4% and 15%; after, the ledger's 43.4011057% and Nissan's 44,358,343 of 295,722,284 Renault shares.
    const both = (633_107_267 + 1_198_729_760) / 4_220_715_112;
    const nissanInRenault = 44_358_343 / 295_722_284;
    expect(row('renault', 'nissan', 'equity')).toMatchObject({
      beforePercent: 43.4,
      afterPercent: expect.closeTo(both * 100, 8),
      integratedBeforePercent: expect.closeTo((0.434 / (1 - 0.434 * 0.15)) * 100, 8),
      integratedAfterPercent: expect.closeTo((both / (1 - both * nissanInRenault)) * 100, 8),
    });
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
    // Beside the stake and the membership, the allotment diluted Mitsubishi Motors' Mitsubishi-group holders
    // (data/alliance/ledger-nissan-mitsubishi.yaml: mmc-third-party-allotment-2016): MHI and MUFG restated, and
    // Mitsubishi Corporation's March 2016 figure ends (its next statement is the 20% of 2018).
    const allotment = {
      id: 'mmc-third-party-allotment-2016',
      name: "Nissan's subscription dilutes Mitsubishi Motors' Mitsubishi-group holders",
      kind: 'stake-change',
      occurredOn: '2016-10-20',
      link: 'changes',
      sources: ['nextmobility-2024-11-07', 'reuters-2016-10-21-mitsubishi'],
    };
    const MMC = { id: 'mitsubishi-motors', name: 'Mitsubishi Motors' };
    expect(body.total).toBe(5);
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
          id: 'mitsubishi-motors-member-of-alliance',
          equityPercent: null,
          votingPercent: null,
          carriesVotes: null,
          ...NONE,
          role: 'member',
          validFrom: '2016-10-20',
          validTo: null,
          sources: ['autotrendy-2022-02-08', 'reuters-2016-10-21-mitsubishi'],
        },
        // The event lists the stake in its `changes`; it is behind the membership as a same-day event involving both.
        events: [{ ...event, link: 'same-day' }],
      },
      {
        id: 'stake:mitsubishi-corporation>mitsubishi-motors@2016-10-20',
        date: '2016-10-20',
        kind: 'stake',
        change: 'ended',
        from: { id: 'mitsubishi-corporation', name: 'Mitsubishi Corporation' },
        to: MMC,
        before: {
          id: 'mc-stake-mmc-2016-03',
          equityPercent: 10.06,
          votingPercent: null,
          carriesVotes: true,
          ...NONE,
          validFrom: '2016-03-31',
          validTo: '2016-10-20',
          sources: ['the-shashi-7211-shareholders'],
        },
        after: null,
        events: [{ ...event, link: 'same-day' }],
      },
      {
        id: 'stake:mitsubishi-heavy-industries>mitsubishi-motors@2016-10-20',
        date: '2016-10-20',
        kind: 'stake',
        change: 'changed',
        from: { id: 'mitsubishi-heavy-industries', name: 'Mitsubishi Heavy Industries' },
        to: MMC,
        before: {
          id: 'mhi-stake-mmc-2016-03',
          equityPercent: 12.63,
          votingPercent: null,
          carriesVotes: true,
          ...NONE,
          validFrom: '2016-03-31',
          validTo: '2016-10-20',
          sources: ['the-shashi-7211-shareholders', 'maonline-2016-07-06-mhi-mmc'],
        },
        after: {
          id: 'mhi-stake-mmc-2016-10',
          equityPercent: 8,
          votingPercent: null,
          carriesVotes: true,
          ...NONE,
          validFrom: '2016-10-20',
          validTo: '2018-03-01',
          sources: ['nikkei-asia-2018-02-mc-mmc'],
        },
        events: [allotment, { ...event, link: 'same-day' }],
      },
      {
        id: 'stake:mufg-bank>mitsubishi-motors@2016-10-20',
        date: '2016-10-20',
        kind: 'stake',
        change: 'changed',
        from: { id: 'mufg-bank', name: 'MUFG Bank' },
        to: MMC,
        before: {
          id: 'mufg-stake-mmc-2016-03',
          equityPercent: 3.91,
          votingPercent: null,
          carriesVotes: true,
          ...NONE,
          validFrom: '2016-03-31',
          validTo: '2016-10-20',
          sources: ['the-shashi-7211-shareholders'],
        },
        after: {
          id: 'mufg-stake-mmc-2016-10',
          equityPercent: 3,
          votingPercent: null,
          carriesVotes: true,
          ...NONE,
          validFrom: '2016-10-20',
          validTo: '2018-03-01',
          sources: ['nikkei-asia-2018-02-mc-mmc'],
        },
        events: [allotment, { ...event, link: 'same-day' }],
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
          id: 'nissan-stake-mitsubishi-2016',
          equityPercent: 34,
          votingPercent: null,
          carriesVotes: true,
          ...NONE,
          validFrom: '2016-10-20',
          validTo: '2024-11-08',
          sources: ['reuters-2016-10-21-mitsubishi', 'upi-2016-05-12', 'nextmobility-2024-11-07'],
        },
        events: [{ ...event, link: 'changes' }],
      },
    ]);
    // Derived from the stakes of that day: Renault 43.4% of Nissan (renault-stake-nissan-2014), Nissan 15% of Renault
    // without votes (nissan-stake-renault-2002), Nissan's 506,620,577 of 1,490,282,496 Mitsubishi Motors shares, and the
    // Daimler cross-holdings (shareholders-renault.yaml, ledger-nissan-mitsubishi.yaml): Daimler 3.1% of Nissan
    // (mercedes-stake-nissan-2010) and 3.1% of Renault with 5.07% of its votes (daimler-stake-renault-2016); Renault 1.55%
    // and Nissan 1.54% of Daimler (renault-stake-daimler-2010; nissan-stake-mercedes-2010-count, the statement with a
    // share count, preferred to the 1.55% one).
    const mmcShare = 506_620_577 / 1_490_282_496;
    const common: [string, string, number][] = [
      ['renault', 'nissan', 0.434],
      ['nissan', 'mitsubishi-motors', mmcShare],
      ['mercedes', 'nissan', 0.031],
      ['renault', 'mercedes', 0.0155],
      ['nissan', 'mercedes', 0.0154],
    ];
    const equity = lookThrough([...common, ['nissan', 'renault', 0.15], ['mercedes', 'renault', 0.031]]);
    const voting = lookThrough([...common, ['mercedes', 'renault', 0.0507]]);
    const NISSAN = { id: 'nissan', name: 'Nissan' };
    const RENAULT = { id: 'renault', name: 'Renault' };
    const derived = (holder: typeof NISSAN, basis: 'equity' | 'voting') => {
      const on = basis === 'equity' ? equity : voting;
      return {
        holder,
        company: MMC,
        basis,
        beforePercent: 0,
        integratedBeforePercent: 0,
        afterPercent: expect.closeTo(on.net(holder.id, 'mitsubishi-motors'), 8),
        integratedAfterPercent: expect.closeTo(on.integrated(holder.id, 'mitsubishi-motors'), 8),
      };
    };
    expect(body.derived.ownership).toEqual([derived(NISSAN, 'equity'), derived(NISSAN, 'voting'), derived(RENAULT, 'equity'), derived(RENAULT, 'voting')]);
    // Net, Nissan holds its 33.9949% (no walk from Nissan back to Nissan counts); the Daimler cross-holdings lift the
    // integrated figure a little, as Nissan reaches itself through Daimler (and Renault).
    expect(voting.net('nissan', 'mitsubishi-motors')).toBeCloseTo(mmcShare * 100, 8);
    expect(voting.integrated('nissan', 'mitsubishi-motors')).toBeCloseTo(34.0227289, 6);
    expect(body.derived.controllers).toEqual([]);
  });

  it('a quiet week answers an empty list (the timeline has nothing that week either)', async () => {
    const timeline = await get('/v1/timeline?from=2021-06-07&to=2021-06-13');
    expect(timeline.body.total).toBe(0);
    const { status, body } = await get('/v1/changes?from=2021-06-07&to=2021-06-13');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      total: 0,
      items: [],
      nextCursor: null,
      derived: { before: '2021-06-06', after: '2021-06-13', ownership: [], controllers: [] },
    });
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
    const nissan = body.items.find((c: any) => c.id === 'stake:nissan>mitsubishi-motors@2016-10-20');
    expect(nissan.after.sources.map((s: any) => s.id)).toEqual(['reuters-2016-10-21-mitsubishi', 'upi-2016-05-12', 'nextmobility-2024-11-07']);
    expect(nissan.after.sources[0].publisher).toBeTruthy();
    for (const url of [
      '/v1/changes?from=2024-01-02&to=2024-01-01',
      '/v1/changes?from=2024-01-01',
      '/v1/changes?from=2024-02-30&to=2024-03-01',
      '/v1/changes?from=2024-01-01&to=2024-01-02&kind=rumour',
    ]) {
      const res = await get(url);
      expect(res.status, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});
