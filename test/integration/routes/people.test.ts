import { describe, expect, it } from 'vitest';
import { ALLIANCE, useSeededApi } from '../../support/api.js';

describe('/v1/people', () => {
  const { get } = useSeededApi();

  it('Nissan’s chief executive on a date: Uchida until 31 March 2025, Espinosa from 1 April 2025', async () => {
    const before = await get('/v1/people?organisation=nissan&asOf=2025-03-31');
    // Nissan's board is in the data too (data/alliance/changes-2025-2026.yaml): Renault's two directors until 24 June 2025 and
    // the chairman; the chief executive is the one that changes.
    expect(before.body.items.map((p: any) => [p.id, p.roles.map((r: any) => r.title)])).toEqual([
      ['jean-dominique-senard', ['Director (Vice Chairman of the Board)']],
      ['makoto-uchida', ['President and Chief Executive Officer']],
      ['pierre-fleuriot', ['Director (nominated by Renault)']],
      ['yasushi-kimura', ['Chairman of the Board of Directors (independent outside director)']],
    ]);
    const after = await get('/v1/people?organisation=nissan&asOf=2025-04-01');
    expect(after.body.items.map((p: any) => p.id)).toEqual(['ivan-espinosa', 'jean-dominique-senard', 'pierre-fleuriot', 'yasushi-kimura']);
    expect(after.body.items[0].roles[0]).toMatchObject({
      organisation: { id: 'nissan', type: 'Company', name: 'Nissan' },
      validFrom: '2025-04-01',
      validTo: null,
    });
  });

  it('Renault’s chief executive: de Meo until 15 July 2025, nobody sourced in the interim, Provost from 31 July 2025', async () => {
    const ceo = async (asOf: string) =>
      (await get(`/v1/people?organisation=renault&asOf=${asOf}`)).body.items
        .filter((p: any) => p.roles.some((r: any) => r.title === 'Chief Executive Officer'))
        .map((p: any) => p.id);
    expect(await ceo('2025-07-14')).toEqual(['luca-de-meo']);
    expect(await ceo('2025-07-20')).toEqual([]);
    expect(await ceo('2025-07-31')).toEqual(['francois-provost']);
  });

  it('the alliance’s chair since 12 March 2019, and Mitsubishi Motors’ CEO since 21 June 2019', async () => {
    const chair = await get(`/v1/people?organisation=${ALLIANCE}&asOf=2026-11-26`);
    expect(chair.body.items.map((p: any) => [p.id, p.roles[0].title, p.roles[0].validFrom])).toEqual([
      ['jean-dominique-senard', 'Chairman of the Alliance Operating Board', '2019-03-12'],
    ]);
    const kato = await get('/v1/people?organisation=mitsubishi-motors&asOf=2019-06-21');
    expect(kato.body.items.map((p: any) => p.id)).toEqual(['takao-kato']);
    expect((await get('/v1/people?organisation=mitsubishi-motors&asOf=2019-06-20')).body.items.map((p: any) => p.id)).toEqual(['osamu-masuko']);
  });

  it('one person with the whole history of roles, and quotes with include=sources', async () => {
    const { status, body } = await get('/v1/people/jean-dominique-senard?include=sources');
    expect(status).toBe(200);
    expect(body.roles.map((r: any) => [r.organisation.id, r.title, r.validFrom, r.validTo])).toEqual([
      ['renault', 'Chairman of the Board', '2019-01-24', null],
      [ALLIANCE, 'Chairman of the Alliance Operating Board', '2019-03-12', null],
      ['nissan', 'Director (Vice Chairman of the Board)', '2019-04-08', '2025-06-24'],
    ]);
    const source = body.roles[1].sources.find((s: any) => s.id === 'neconnected-2025-09-16-alliance-board');
    expect(source.quotes[0].quote).toContain('Jean-Dominique Senard, Chairman');
  });

  it('an unknown person is a 404 problem; a bad organisation id a 400', async () => {
    const missing = await get('/v1/people/nobody');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect((await get('/v1/people?organisation=Not%20An%20Id')).status).toBe(400);
  });

  it('the company answer lists who holds a role there on the day', async () => {
    const { body } = await get('/v1/companies/renault?asOf=2026-11-26');
    expect(body.roles.map((r: any) => [r.person.id, r.title])).toEqual([
      ['jean-dominique-senard', 'Chairman of the Board'],
      ['duncan-minto', 'Chief Financial Officer'],
      ['francois-provost', 'Chief Executive Officer'],
    ]);
    // Roles in order of their start: the board members since 2019 and 2020, then the new chief executive.
    const nissan = await get('/v1/companies/nissan?asOf=2025-04-01');
    expect(nissan.body.roles.map((r: any) => [r.person.id, r.validFrom])).toEqual([
      ['jean-dominique-senard', '2019-04-08'],
      ['yasushi-kimura', '2019-06-01'],
      ['pierre-fleuriot', '2020-01-01'],
      ['ivan-espinosa', '2025-04-01'],
    ]);
  });

  it('people are found by search, as Person hits', async () => {
    const { body } = await get('/v1/search?q=Espinosa');
    expect(body.items[0]).toMatchObject({ id: 'ivan-espinosa', type: 'Person', name: 'Ivan Espinosa' });
  });

  it('roles are in the timeline: Nissan’s change of chief executive on 1 April 2025', async () => {
    // The alliance's own timeline (Volvo Cars changed its chief executive on the same day: data/geely).
    const { body } = await get(`/v1/timeline?from=2025-04-01&to=2025-04-01&alliance=${ALLIANCE}`);
    expect(body.items.map((e: any) => [e.id, e.kind])).toEqual([
      ['end:uchida-ceo-nissan', 'role-ended'],
      ['event:nissan-leadership-change-2025', 'leadership-change'],
      ['start:espinosa-ceo-nissan', 'role-started'],
    ]);
    expect(body.items[2].entities).toEqual([
      { id: 'ivan-espinosa', type: 'Person', name: 'Ivan Espinosa' },
      { id: 'nissan', type: 'Company', name: 'Nissan' },
    ]);
  });
});
