import { describe, expect, it } from 'vitest';
import { readDataset } from '../../../src/services/dataset/read-dataset.js';
import { DATA_DIR } from '../../../src/project-files.js';
import { ALLIANCE, useSeededApi } from '../../support/api.js';

describe('/v1/companies', () => {
  const { get } = useSeededApi();

  it('lists companies by id, filtered by country and by alliance membership as of a date', async () => {
    // Every company of data/ (119 over the seven group folders), in id order: more than a default page, so one page of 500.
    const all = await get('/v1/companies?limit=500');
    const companiesInData = readDataset(DATA_DIR)
      .nodes.filter((n) => n.label === 'Company')
      .map((n) => n.id)
      .sort();
    expect(companiesInData).toHaveLength(119);
    expect(all.body.total).toBe(119);
    expect(all.body.items.map((c: any) => c.id)).toEqual(companiesInData);
    expect(all.body.items.map((c: any) => c.id).slice(0, 3)).toEqual(['ab-volvo', 'aisin', 'alliance-rostec-auto']);
    const japanese = await get(`/v1/companies?country=JP&alliance=${ALLIANCE}`);
    expect(japanese.body.items.map((c: any) => c.id)).toEqual(['mitsubishi-motors', 'nissan']);
    const members1999 = await get(`/v1/companies?alliance=${ALLIANCE}&asOf=1999-03-28`);
    expect(members1999.body.items.map((c: any) => c.id)).toEqual(['nissan', 'renault']);
  });

  it('Nissan’s brands as of 2022-02-08 are Nissan, Infiniti, Datsun and Venucia', async () => {
    const { body } = await get('/v1/companies/nissan/brands?asOf=2022-02-08');
    expect(body.items.map((b: any) => b.name).sort()).toEqual(['Datsun', 'Infiniti', 'Nissan', 'Venucia']);
    // Datsun's production ended in 2022; the sources report no end of Nissan's ownership of the brand.
    const today = await get('/v1/companies/nissan/brands');
    expect(today.body.items.map((b: any) => b.name).sort()).toEqual(['Datsun', 'Infiniti', 'Nissan', 'Venucia']);
  });

  it('Nissan as of 2016-10-21: 34% of Mitsubishi Motors held; Renault’s 43.4% in it; Nissan’s 15% of Renault without votes', async () => {
    const { body } = await get('/v1/companies/nissan?asOf=2016-10-21');
    // Statement ids (data/alliance, data/volkswagen) beside each row; Daimler's 2010 cross-holding is stated twice
    // (1.55% and, from the share count, 1.54%).
    expect(body.stakesHeld.map((s: any) => [s.company.id, s.equityPercent, s.carriesVotes, s.votingPercent])).toEqual([
      ['alliance-rostec-auto', 17, true, null], // nissan-stake-ara-2014
      ['dongfeng-motor-co-ltd', 50, true, null], // nissan-stake-dongfeng-motor-co-2003
      ['mercedes-benz-group', 1.55, true, null], // nissan-stake-mercedes-2010
      ['mercedes-benz-group', 1.54, true, null], // nissan-stake-mercedes-2010-count
      ['mitsubishi-motors', 34, true, null], // nissan-stake-mitsubishi-2016
      ['renault', 15, false, 0], // nissan-stake-renault-2002
      ['rnaipl', 70, true, null], // nissan-stake-rnaipl-2010
      ['rntbci', 49, true, null], // nissan-stake-rntbci
    ]);
    expect(body.stakesIn.map((s: any) => [s.holder.id, s.equityPercent])).toEqual([
      ['mercedes-benz-group', 3.1], // mercedes-stake-nissan-2010
      ['renault', 43.4], // renault-stake-nissan-2014
    ]);
    expect(body.memberships).toEqual([
      expect.objectContaining({ alliance: { id: ALLIANCE, name: 'Renault–Nissan–Mitsubishi Alliance' }, role: 'founding-member', since: '1999-03-27' }),
    ]);
  });

  it('Nissan today: Renault 17.05% directly and 18.66% through the French trust, whose votes are neutralised', async () => {
    const { body } = await get('/v1/companies/nissan');
    expect(body.stakesIn.map((s: any) => [s.holder.id, s.equityPercent, s.carriesVotes, s.economicBeneficiary])).toEqual([
      ['renault', 17.05, true, null],
      ['renault-french-trust-nissan-shares', 18.66, false, 'renault'],
    ]);
  });

  it('unknown companies are 404 problems naming the id', async () => {
    for (const url of ['/v1/companies/tesla', '/v1/companies/tesla/brands']) {
      const { status, body } = await get(url);
      expect(status).toBe(404);
      expect(body.detail).toBe('No company with id "tesla"');
    }
  });
});

describe('/v1/brands', () => {
  const { get } = useSeededApi();

  it('lists brands with owner and status as of a date, filtered by owner, status and alliance', async () => {
    const byOwner = await get('/v1/brands?owner=renault&asOf=2022-02-08');
    expect(byOwner.body.items.map((b: any) => b.name)).toEqual(['Alpine', 'Dacia', 'Lada', 'Renault', 'Renault Samsung']);
    const former = await get('/v1/brands?status=former');
    expect(former.body.items.map((b: any) => b.id)).toEqual(['lada', 'renault-samsung']);
    const future = await get('/v1/brands?status=future&asOf=1999-03-28');
    // Brands whose first ownership in data/ starts after the day, by name (the API's order: code points, so "smart" is
    // last). The other groups' brands are only followed from their present owners' statements.
    expect(future.body.items.map((b: any) => b.id)).toEqual([
      'abarth',
      'alfa-romeo',
      'bugatti',
      'chrysler-brand',
      'dacia',
      'datsun',
      'dodge',
      'ducati',
      'fiat-brand',
      'genesis',
      'ioniq',
      'jeep',
      'lada',
      'lancia',
      'maserati',
      'opel',
      'ram-brand',
      'renault-korea',
      'renault-samsung',
      'vauxhall',
      'venucia',
      'volkswagen-truck-and-bus-brand',
      'smart-brand',
    ]);
    const inAlliance = await get(`/v1/brands?alliance=${ALLIANCE}&asOf=2022-02-08`);
    expect(inAlliance.body.total).toBe(10);
  });

  it('Lada as of 2022-02-08: owned by Renault through AvtoVAZ, up to the alliance', async () => {
    const { body } = await get('/v1/brands/lada?asOf=2022-02-08');
    expect(body.status).toBe('active');
    expect(body.ownerChain).toEqual([
      { id: 'lada', type: 'Brand', name: 'Lada' },
      { id: 'renault', type: 'Company', name: 'Renault' },
      { id: ALLIANCE, type: 'Alliance', name: 'Renault–Nissan–Mitsubishi Alliance' },
    ]);
    expect(body.ownership).toEqual([
      expect.objectContaining({ owner: { id: 'renault', name: 'Renault' }, via: 'AvtoVAZ', validFrom: '2014-06-18', validTo: '2022-05-16' }),
    ]);
  });

  it('Lada today: a former brand of the alliance, with its history kept', async () => {
    const { body } = await get('/v1/brands/lada');
    expect(body.status).toBe('former');
    expect(body.ownerChain).toEqual([{ id: 'lada', type: 'Brand', name: 'Lada' }]);
    expect(body.ownership).toHaveLength(1);
  });

  it('Renault Samsung was renamed Renault Korea on 2022-03-16', async () => {
    const { body } = await get('/v1/brands/renault-samsung?asOf=2022-02-08');
    expect(body.renames).toEqual([
      expect.objectContaining({ direction: 'renamed-to', brand: { id: 'renault-korea', name: 'Renault Korea' }, on: '2022-03-16' }),
    ]);
  });

  it('an unknown brand is a 404 problem', async () => {
    const { status, body } = await get('/v1/brands/trabant');
    expect(status).toBe(404);
    expect(body.detail).toBe('No brand with id "trabant"');
  });
});
