import { describe, expect, it } from 'vitest';
import { ALLIANCE, useSeededApi } from '../../support/api.js';

describe('/v1/alliances', () => {
  const { get } = useSeededApi();

  it('lists the alliance with its member count on the day asked', async () => {
    // The data now holds seven alliances and groups; the one with a French member on that day is the alliance alone
    // (Renault: data/alliance/relationships.yaml), so the exact list stays meaningful.
    const { status, body } = await get('/v1/alliances?asOf=2022-02-08&country=FR');
    expect(status).toBe(200);
    expect(body).toMatchObject({ asOf: '2022-02-08', total: 1, limit: 50, nextCursor: null });
    expect(body.items[0]).toMatchObject({ id: ALLIANCE, foundedOn: '1999-03-27', memberCount: 3, kind: 'strategic alliance' });
  });

  it('as of 2022-02-08: founded 1999, three members with since and role, ten brands, around 420,000 employees', async () => {
    const { status, body } = await get(`/v1/alliances/${ALLIANCE}?asOf=2022-02-08`);
    expect(status).toBe(200);
    expect(body.asOf).toBe('2022-02-08');
    expect(body.foundedOn.slice(0, 4)).toBe('1999');
    expect(body.nationality).toBe('French-Japanese');
    expect(body.members.map((m: any) => [m.id, m.role, m.since])).toEqual([
      ['nissan', 'founding-member', '1999-03-27'],
      ['renault', 'founding-member', '1999-03-27'],
      ['mitsubishi-motors', 'member', '2016-10-20'],
    ]);
    expect(body.brandCount).toBe(10);
    expect(body.latestHeadcount).toMatchObject({ value: 420000, precision: 'around', observedOn: '2022-02-08', sources: ['autotrendy-2022-02-08'] });
    expect(body.headcountClaims.map((h: any) => h.value)).toEqual([420000, 300000, 470000]);
    expect(body.plans).toEqual([{ id: 'alliance-2030', name: 'Alliance 2030', announcedOn: '2022-01-27', horizonYear: 2030 }]);
  });

  it('as of 1999-03-28: two founding members, four brands, the 2005 headcount not yet reported', async () => {
    const { body } = await get(`/v1/alliances/${ALLIANCE}?asOf=1999-03-28`);
    expect(body.members.map((m: any) => m.id)).toEqual(['nissan', 'renault']);
    expect(body.brandCount).toBe(4);
    expect(body.latestHeadcount).toBeNull();
    expect(body.plans).toEqual([]);
  });

  it('defaults asOf to today and says so', async () => {
    const { body } = await get(`/v1/alliances/${ALLIANCE}`);
    expect(body.asOf).toBe(new Date().toISOString().slice(0, 10));
    // Datsun's production ended in 2022, not Nissan's ownership of the brand.
    expect(body.brandCount).toBe(9);
  });

  it('members: in order of joining, paged', async () => {
    const first = await get(`/v1/alliances/${ALLIANCE}/members?asOf=2022-02-08&limit=2`);
    expect(first.body).toMatchObject({ total: 3, limit: 2 });
    expect(first.body.items.map((m: any) => m.id)).toEqual(['nissan', 'renault']);
    const second = await get(`/v1/alliances/${ALLIANCE}/members?asOf=2022-02-08&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((m: any) => m.id)).toEqual(['mitsubishi-motors']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('brands: the ten brands of 2022-02-08, each with its owning company', async () => {
    const { body } = await get(`/v1/alliances/${ALLIANCE}/brands?asOf=2022-02-08`);
    expect(body.total).toBe(10);
    expect(Object.fromEntries(body.items.map((b: any) => [b.name, b.owner.id]))).toEqual({
      Alpine: 'renault',
      Dacia: 'renault',
      Datsun: 'nissan',
      Infiniti: 'nissan',
      Lada: 'renault',
      Mitsubishi: 'mitsubishi-motors',
      Nissan: 'nissan',
      Renault: 'renault',
      'Renault Samsung': 'renault',
      Venucia: 'nissan',
    });
    expect(body.items.find((b: any) => b.name === 'Lada').via).toBe('AvtoVAZ');
  });

  it('include=sources expands source ids into Source objects inline', async () => {
    const { body } = await get(`/v1/alliances/${ALLIANCE}?asOf=2022-02-08&include=sources`);
    expect(body.latestHeadcount.sources).toEqual([
      expect.objectContaining({ id: 'autotrendy-2022-02-08', publisher: 'Auto Trendy', author: 'Daniel Andzhurov', publishedOn: '2022-02-08' }),
    ]);
    expect(body.members[0].sources[0]).toMatchObject({ id: 'autotrendy-2022-02-08', title: expect.any(String) });
  });

  it.each(['/v1/alliances/no-such-alliance', '/v1/alliances/no-such-alliance/members', '/v1/alliances/no-such-alliance/brands'])(
    '%s is a 404 problem naming the id',
    async (url) => {
      const { status, headers, body } = await get(url);
      expect(status).toBe(404);
      expect(headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(body.detail).toBe('No alliance with id "no-such-alliance"');
    },
  );
});
