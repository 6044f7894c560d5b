import { describe, expect, it } from 'vitest';
import { readDataset } from '../../../src/services/dataset/read-dataset.js';
import { DATA_DIR } from '../../../src/project-files.js';
import { useSeededApi } from '../../support/api.js';

const top = (body: any) => body.items[0];

describe('names in every script, typos, suggest', () => {
  const { get } = useSeededApi();

  it.each([
    ['日産', 'nissan', 'alias'],
    ['日産自動車', 'nissan', 'alias'],
    ['三菱自動車', 'mitsubishi-motors', 'alias'],
    ['三菱自動車工業株式会社', 'mitsubishi-motors', 'alias'],
    ['Лада', 'lada', 'alias'],
    ['лада', 'lada', 'alias'],
    // 르노코리아 names both the company renault-korea-motors (data/alliance/joint-companies.yaml) and the brand
    // renault-korea (data/alliance/names.yaml); the company, with fewer other names, scores higher and comes first.
    ['르노코리아', 'renault-korea-motors', 'alias'],
    ['르노삼성자동차', 'renault-samsung', 'alias'],
    ['ルノー・コリア自動車', 'renault-korea', 'alias'],
    ['启辰', 'venucia', 'alias'],
    ['renualt', 'renault', 'fuzzy'],
    ['Nisan', 'nissan', 'fuzzy'],
    ['Mitsubshi Motors', 'mitsubishi-motors', 'fuzzy'],
    ['Ниссан', 'nissan', 'alias'],
    ['ＲＥＮＡＵＬＴ', 'renault', 'exact'],
    ['RENAULT', 'renault', 'exact'],
    ['fiducie francaise', 'renault-french-trust-nissan-shares', 'alias'],
    ['Nissan Jidōsha Kabushiki Kaisha', 'nissan', 'alias'],
  ])('%s finds %s (%s)', async (q, id, match) => {
    const { status, body } = await get(`/v1/search?q=${encodeURIComponent(q)}`);
    expect(status).toBe(200);
    expect(top(body)).toMatchObject({ id, match });
  });

  it('ranks the exact name before aliases before typos', async () => {
    const { body } = await get('/v1/search?q=renault');
    const matches = body.items.map((h: any) => h.match);
    expect(body.items[0]).toMatchObject({ id: 'renault', match: 'exact', matchedName: 'Renault' });
    expect(body.items[1]).toMatchObject({ id: 'renault-brand', match: 'exact' });
    const rank = { exact: 3, alias: 2, partial: 1, fuzzy: 0 } as Record<string, number>;
    expect(matches.map((m: string) => rank[m])).toEqual([...matches.map((m: string) => rank[m])].sort((a, b) => b - a));
    const alias = await get('/v1/search?q=Groupe%20Renault');
    expect(top(alias.body)).toMatchObject({ id: 'renault', match: 'alias', matchedName: 'Groupe Renault' });
  });

  it('suggest completes prefixes in any script, best first', async () => {
    const ren = await get('/v1/suggest?prefix=ren');
    expect(ren.status).toBe(200);
    expect(ren.body.items.map((h: any) => h.id)).toEqual(expect.arrayContaining(['renault', 'renault-korea', 'renault-korea-motors', 'renault-samsung']));
    expect((await get(`/v1/suggest?prefix=${encodeURIComponent('三菱')}`)).body.items[0]).toMatchObject({ id: 'mitsubishi-motors' });
    // 르노코리아 is the short name of the company and of the brand alike (see above): the company first, then the brand.
    const renaultKo = (await get(`/v1/suggest?prefix=${encodeURIComponent('르노코')}`)).body.items;
    expect(renaultKo.slice(0, 2)).toMatchObject([
      { id: 'renault-korea-motors', matchedName: '르노코리아' },
      { id: 'renault-korea', matchedName: '르노코리아' },
    ]);
    expect((await get(`/v1/suggest?prefix=${encodeURIComponent('Лад')}`)).body.items[0]).toMatchObject({ id: 'lada', matchedName: 'Лада' });
    expect((await get('/v1/suggest?prefix=infin&limit=1')).body).toEqual({
      prefix: 'infin',
      items: [{ id: 'infiniti', type: 'Brand', name: 'Infiniti', matchedName: 'Infiniti', match: 'partial' }],
    });
    expect((await get('/v1/suggest')).status).toBe(400);
    expect((await get('/v1/suggest?prefix=%21%21')).body).toEqual({ prefix: '!!', items: [] });
  });
});

describe('identifiers', () => {
  const { get } = useSeededApi();

  it.each([
    ['isin', 'FR0000131906', 'renault'],
    ['isin', 'jp3899800001', 'mitsubishi-motors'],
    ['ticker', 'RNO', 'renault'],
    ['ticker', '7201', 'nissan'],
    ['ticker', '7211', 'mitsubishi-motors'],
    ['sec-cik', '0000800937', 'nissan'],
    ['jp-corporate-number', '9020001031109', 'nissan'],
  ])('/v1/identifiers/%s/%s is %s', async (scheme, value, id) => {
    const { status, body } = await get(`/v1/identifiers/${scheme}/${value}`);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.entity).toMatchObject({ id, type: 'Company' });
    expect(body.href).toBe(`/v1/companies/${id}`);
    expect(body.identifiers.find((i: any) => i.scheme === scheme).sources.length).toBeGreaterThan(0);
  });

  it('expands the sources of an identifier on request', async () => {
    const { body } = await get('/v1/identifiers/isin/FR0000131906?include=sources');
    expect(body.identifiers.find((i: any) => i.scheme === 'isin').sources[0]).toMatchObject({
      id: 'globenewswire-2025-10-16-renault',
      publisher: 'Renault Group via GlobeNewswire',
    });
  });

  it('an unknown identifier is a 404 problem, a malformed one a 400, an unknown scheme a 400', async () => {
    const unknown = await get('/v1/identifiers/isin/FR0000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await get('/v1/identifiers/isin/not-an-isin')).status).toBe(400);
    expect((await get('/v1/identifiers/duns/123')).status).toBe(400);
  });

  it('the company answer carries its identifiers and names in other languages, each sourced', async () => {
    const { body } = await get('/v1/companies/nissan');
    expect(body.identifiers).toEqual(
      expect.arrayContaining([{ scheme: 'ticker', value: '7201', exchange: 'Tokyo Stock Exchange', sources: ['yahoo-finance-7201-t', 'kabutec-7201'] }]),
    );
    expect(body.names).toEqual(expect.arrayContaining([{ name: '日産自動車株式会社', language: 'ja', kind: 'legal', sources: ['ja-wikipedia-nissan-2012'] }]));
    const brand = (await get('/v1/brands/renault-korea')).body;
    expect(brand.names).toContainEqual({
      name: '르노코리아자동차',
      language: 'ko',
      kind: 'legal',
      sources: ['etoday-2022-03-16-renault-korea', 'mbn-2022-03-16-renault-korea'],
    });
    expect((await get('/v1/brands/dacia')).body.names).toEqual([]);
    const dataset = readDataset(DATA_DIR);
    for (const n of dataset.names ?? []) expect(n.sources.length).toBeGreaterThan(0);
  });

  it('identifiers reach the exports: JSON records, CSV column, BODS identifiers', async () => {
    const json = (await get('/v1/export?format=json')).body;
    expect(json.nodes.find((n: any) => n.id === 'renault').identifiers).toEqual(
      expect.arrayContaining([{ scheme: 'isin', value: 'FR0000131906', exchange: null, sources: ['globenewswire-2025-10-16-renault'] }]),
    );
    expect(json.nodes.find((n: any) => n.id === 'renault').identifierKeys).toBeUndefined();
    const csv = String((await get('/v1/export?format=csv&part=nodes')).body);
    expect(csv.split('\r\n')[0]).toBe('id,label,name,aliases,country,kind,validFrom,validTo,sources,otherNames,identifiers');
    expect(csv).toContain('isin:JP3899800001 ticker:7211');
    const bods = (await get('/v1/export?format=bods')).body;
    const renault = bods.find((s: any) => s.recordId === 'renault');
    expect(renault.recordDetails.identifiers).toEqual([
      { id: 'FR0000131906', schemeName: 'ISIN (ISO 6166)' },
      { id: 'RNO', schemeName: 'Stock exchange ticker, Euronext' },
    ]);
    expect(bods.find((s: any) => s.recordId === 'nissan').recordDetails.alternateNames).toContain('日産自動車株式会社');
  });
});
