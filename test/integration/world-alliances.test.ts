import { describe, expect, it } from 'vitest';
import { readDataset } from '../../src/services/dataset/read-dataset.js';
import { DATA_DIR } from '../../src/project-files.js';
import { useSeededApi } from '../support/api.js';

/** The world's capital alliances in one graph: data/<group>/ folders loaded together, every door working across them. */
describe('the automotive alliances knowledge graph across groups', () => {
  const { get } = useSeededApi();
  const dataset = readDataset(DATA_DIR);
  const GROUPS = ['toyota-group', 'hyundai-motor-group', 'volkswagen-group', 'stellantis-group', 'geely-group'];

  it('holds at least six groups and 250 entities, each group in its own folder, every claim sourced', async () => {
    const alliances = dataset.nodes.filter((n) => n.label === 'Alliance').map((n) => n.id);
    expect(alliances).toEqual(expect.arrayContaining(['renault-nissan-mitsubishi-alliance', ...GROUPS]));
    const entities = dataset.nodes.filter((n) => ['Alliance', 'Company', 'Brand', 'Person'].includes(n.label));
    expect(entities.length).toBeGreaterThanOrEqual(250);
    for (const folder of ['alliance', 'toyota', 'hyundai', 'honda', 'volkswagen', 'stellantis', 'geely']) {
      expect(
        dataset.files.some((f) => f.startsWith(`${folder}/`)),
        folder,
      ).toBe(true);
    }
    expect([...dataset.nodes, ...dataset.relationships].every((c) => c.sources.length > 0)).toBe(true);
    const { body } = await get('/v1/alliances?kind=group');
    expect(body.items.map((a: any) => a.id).sort()).toEqual([...GROUPS].sort());
  });

  it('lists filter by group and by country', async () => {
    const toyota = await get('/v1/companies?alliance=toyota-group&limit=100');
    expect(toyota.body.items.map((c: any) => c.id)).toEqual(expect.arrayContaining(['toyota', 'denso', 'aisin', 'toyota-industries']));
    expect(toyota.body.items.every((c: any) => c.country === 'JP' || c.id === 'archion' || c.id === 'daimler-truck' || c.id === 'mitsubishi-fuso')).toBe(true);
    const korean = await get('/v1/companies?country=KR&limit=100');
    expect(korean.body.items.map((c: any) => c.id)).toEqual(expect.arrayContaining(['hyundai-motor', 'kia', 'hyundai-mobis', 'renault-korea-motors']));
    const germanGroups = await get('/v1/alliances?country=DE');
    expect(germanGroups.body.items.map((a: any) => a.id)).toContain('volkswagen-group');
  });

  it('search and suggest find names in their own scripts: 現代 → Hyundai Motor, 豊田 → Toyota Industries, 吉利 → Geely', async () => {
    const hyundai = await get(`/v1/suggest?prefix=${encodeURIComponent('현대')}`);
    expect(hyundai.body.items.map((i: any) => i.id)).toEqual(expect.arrayContaining(['hyundai-motor', 'hyundai-mobis', 'hyundai-motor-group']));
    expect(hyundai.body.items.find((i: any) => i.id === 'hyundai-motor').matchedName).toBe('현대자동차');
    const toyoda = await get(`/v1/suggest?prefix=${encodeURIComponent('豊田')}`);
    expect(toyoda.body.items.map((i: any) => i.id)).toContain('toyota-industries');
    const geely = await get(`/v1/search?q=${encodeURIComponent('吉利')}`);
    expect(geely.body.items.map((i: any) => i.id)).toEqual(expect.arrayContaining(['geely-automobile-holdings', 'geely-group']));
  });

  it('look-through on Hyundai’s circle (Hyundai Motor → Kia → Hyundai Mobis → Hyundai Motor): net at most 100%, self-ownership from the cycle', async () => {
    const { body } = await get('/v1/ownership/effective?holder=hyundai-motor&asOf=2026-12-05');
    const byId = Object.fromEntries(body.items.map((i: any) => [i.company.id, i]));
    expect(body.selfOwnershipPercent).toBeGreaterThan(0);
    for (const item of body.items) expect(item.netPercent).toBeLessThanOrEqual(100 + 1e-9);
    // Without the cycle back to Hyundai Motor the net share of Kia is its direct stake, of Mobis that stake times Kia's.
    expect(byId.kia.netPercent).toBeCloseTo(byId.kia.directPercent, 9);
    const explain = await get('/v1/ownership/effective/explain?holder=hyundai-motor&company=hyundai-mobis&asOf=2026-12-05');
    expect(explain.body.parts.some((p: any) => p.kind === 'cycle')).toBe(true);
    expect(explain.body.netParts.every((p: any) => p.kind === 'chain')).toBe(true);
  });

  it('ultimate owners add up to 100% on the real cycles: Kia, Hyundai Motor, Toyota, Toyota Industries, Denso, Stellantis, Volkswagen, Volvo Cars', async () => {
    for (const company of ['kia', 'hyundai-motor', 'toyota', 'toyota-industries', 'denso', 'stellantis', 'volkswagen', 'volvo-cars']) {
      for (const basis of ['equity', 'voting']) {
        const { status, body } = await get(`/v1/ownership/ultimate?company=${company}&asOf=2026-01-01&basis=${basis}`);
        expect(status, company).toBe(200);
        const total = [...body.owners, ...body.remainders].reduce((a: number, p: any) => a + p.percent, 0);
        expect(Math.abs(total - 100), `${company} ${basis}`).toBeLessThan(1e-9);
      }
    }
    const kia = await get('/v1/ownership/ultimate?company=kia&asOf=2026-01-01');
    expect(kia.body.owners.map((o: any) => o.owner.id)).toContain('national-pension-service');
  });

  it('paths run between groups: Renault to Mercedes-Benz (the 2010 cross-holding), Renault to Geely (Horse Powertrain or Renault Korea)', async () => {
    const mercedes = await get('/v1/path?from=renault&to=mercedes-benz-group');
    expect(mercedes.status).toBe(200);
    expect(mercedes.body.nodes.at(-1).id).toBe('mercedes-benz-group');
    const geely = await get('/v1/path?from=renault&to=geely-automobile-holdings');
    expect(geely.body.length).toBeGreaterThan(0);
  });

  it('the timeline and the changes feed work per group', async () => {
    const { body } = await get('/v1/timeline?alliance=volkswagen-group&limit=100');
    expect(body.total).toBeGreaterThan(10);
    for (const item of body.items) {
      const ids = item.entities.map((e: any) => e.id);
      expect(
        ids.some(
          (id: string) =>
            id === 'volkswagen-group' ||
            dataset.relationships.some((r) => r.type === 'MEMBER_OF' && r.to === 'volkswagen-group' && r.from === id) ||
            dataset.relationships.some((r) => r.type === 'OWNS_BRAND' && r.to === id),
        ),
        item.id,
      ).toBe(true);
    }
    const changes = await get('/v1/changes?from=2020-01-01&to=2021-12-31&entity=stellantis');
    expect(changes.status).toBe(200);
    expect(JSON.stringify(changes.body.items)).toContain('stellantis');
  });

  it('exports carry every group: CSV rows and BODS statements for Toyota and Geely companies', async () => {
    const csv = await get('/v1/export?format=csv&part=nodes');
    expect(String(csv.body)).toContain('toyota-industries');
    const bods = await get('/v1/export?format=bods');
    const ids = bods.body.map((s: any) => s.recordId);
    expect(ids).toEqual(expect.arrayContaining(['toyota', 'volvo-cars', 'hyundai-mobis']));
  });
});
