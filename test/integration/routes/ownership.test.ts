import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { DATA_DIR, PROJECT_ROOT } from '../../../src/project-files.js';
import { readDataset } from '../../../src/services/dataset/read-dataset.js';
import { ALLIANCE, useSeededApi } from '../../support/api.js';

const BODS_DIR = join(PROJECT_ROOT, 'test', 'fixtures', 'bods-0.4.0');

describe('look-through ownership', () => {
  const { get } = useSeededApi();

  it('Renault’s look-through equity stake in Mitsubishi Motors as of 2022-02-08, worked out by hand', async () => {
    // Stakes that day (sourced): Renault → Nissan 43.4%, Nissan → Renault 15%, Nissan → Mitsubishi Motors "34%".
    // Nissan's Mitsubishi Motors stake has a share count, so the share ledger gives its figure for the day:
    // 506,620,577 shares (nissan-stake-mitsubishi-2016) of 1,490,282,496 issued (mmc-capital-2016-10-20) = 33.9949…%.
    // Renault's integrated row t solves t = a_Renault + t·A:
    //   t_Nissan  = 0.434 + 0.434 · t_Renault        (Renault's own holding, plus what Renault holds of itself)
    //   t_Renault = 0.15 · t_Nissan                   (Renault reaches itself through Nissan's 15%)
    //   ⇒ t_Nissan = 0.434 / (1 − 0.434 · 0.15) = 0.434 / 0.9349 = 0.46422077…
    //   t_Mitsubishi = 0.339949… · t_Nissan = 0.15781155…
    const mmcShare = 506_620_577 / 1_490_282_496;
    const nissan = 0.434 / (1 - 0.434 * 0.15);
    const mitsubishi = mmcShare * nissan;
    expect(mitsubishi).toBeCloseTo(0.157812, 6);

    const { status, body } = await get('/v1/ownership/effective?holder=renault&asOf=2022-02-08&basis=equity');
    expect(status).toBe(200);
    const byId = Object.fromEntries(body.items.map((i: any) => [i.company.id, i]));
    expect(byId['mitsubishi-motors'].directPercent).toBe(0);
    expect(byId['mitsubishi-motors'].integratedPercent).toBeCloseTo(mitsubishi * 100, 8);
    // Net of Renault's self-ownership: integrated / (1 + 0.15 · t_Nissan) = 0.434 · 0.339949…
    expect(byId['mitsubishi-motors'].netPercent).toBeCloseTo(43.4 * mmcShare, 8);
    expect(byId.nissan.directPercent).toBe(43.4);
    expect(byId.nissan.integratedPercent).toBeCloseTo(nissan * 100, 8);
    expect(body.selfOwnershipPercent).toBeCloseTo(0.15 * nissan * 100, 8);
    expect(body.method).toContain('T = (I − A)⁻¹A');
    // Beside the alliance's own stakes, those of the joint companies (Alliance Rostec Auto → AvtoVAZ, Dongfeng Motor
    // Co., RNTBCI) and of Renault Korea, all in data/alliance; RNAIPL's stakes are still the 2010 ones that day.
    expect(body.stakes).toEqual([
      'ara-stake-avtovaz-2014',
      'nissan-stake-ara-2014',
      'nissan-stake-dongfeng-motor-co-2003',
      'nissan-stake-mitsubishi-2016',
      'nissan-stake-renault-2002',
      'nissan-stake-rnaipl-2010',
      'nissan-stake-rntbci',
      'renault-stake-ara-2014',
      'renault-stake-nissan-2014',
      'renault-stake-renault-korea-2000',
      'renault-stake-rnaipl-2010',
      'renault-stake-rntbci',
    ]);
    expect(body.derivedFromShareLedger).toEqual(['nissan-stake-mitsubishi-2016']);
  });

  it('on the voting basis Nissan’s 15% of Renault (no votes) drops out: Renault reaches Mitsubishi Motors with 43.4% × 33.99%', async () => {
    const { body } = await get('/v1/ownership/effective?holder=renault&asOf=2022-02-08&basis=voting');
    const byId = Object.fromEntries(body.items.map((i: any) => [i.company.id, i.integratedPercent]));
    // Nissan's votes in Mitsubishi Motors from the ledger: 506,620,577 of 1,490,282,496 shares (no treasury count given).
    expect(byId['mitsubishi-motors']).toBeCloseTo(43.4 * (506_620_577 / 1_490_282_496), 8);
    expect(body.selfOwnershipPercent).toBe(0);
  });

  it('today Renault’s trust shares count for Renault on the equity basis: 17.05% direct + 18.66% in trust (from the share ledger)', async () => {
    const { body } = await get('/v1/ownership/effective?holder=renault&basis=equity');
    const trust = body.items.find((i: any) => i.company.id === 'renault-french-trust-nissan-shares');
    expect(trust.directPercent).toBe(100);
    // The disagreeing Mitsubishi figures are resolved to the better-sourced one, and said so.
    // The statement with a share count (nissan-stake-mitsubishi-2025-03, 357,592,277 shares) is preferred.
    expect(body.resolvedClaims).toEqual([
      {
        holder: 'nissan',
        company: 'mitsubishi-motors',
        chosen: 'nissan-stake-mitsubishi-2025-03',
        alternatives: ['nissan-stake-mitsubishi-2024', 'nissan-stake-mitsubishi-2024-nikkan'],
      },
    ]);
    // From the ledger: Renault's 633,107,267 direct shares and the trust's 693,124,060 (trust-stake-nissan-2024-09) of
    // Nissan's 3,713,998,612 shares issued (nissan-capital-2024-10-03): 17.0465% + 18.6625% = 35.709%, the figure AOF
    // reported on 2025-03-31; Nissan's 44,358,343 Renault shares of 295,722,284 close the cycle (≈ 15%).
    const nissanShares = 3_713_998_612;
    const nissanDirectAndTrust = (633_107_267 + 693_124_060) / nissanShares;
    const cross = 44_358_343 / 295_722_284;
    const t = nissanDirectAndTrust / (1 - nissanDirectAndTrust * cross);
    const nissanRow = body.items.find((i: any) => i.company.id === 'nissan');
    expect(nissanRow.directPercent).toBeCloseTo((633_107_267 / nissanShares) * 100, 8);
    expect(nissanRow.netPercent).toBeCloseTo(nissanDirectAndTrust * 100, 8);
    expect(nissanRow.integratedPercent).toBeCloseTo(t * 100, 8);
  });

  it('a holder with no stakes gets an empty answer; an unknown holder is a 404 problem', async () => {
    const empty = await get('/v1/ownership/effective?holder=mitsubishi-motors&asOf=2022-02-08');
    expect(empty.status).toBe(200);
    expect(empty.body.items).toEqual([]);
    const unknown = await get('/v1/ownership/effective?holder=tesla');
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe('No company with id "tesla"');
    expect((await get('/v1/ownership/effective?holder=renault&basis=control')).status).toBe(400);
  });

  it('the ultimate controller: none for Nissan in 2022 (Renault 43.4% < 50%), none for Mitsubishi Motors (Nissan 33.99%)', async () => {
    const nissan = await get('/v1/ownership/controller?company=nissan&asOf=2022-02-08');
    expect(nissan.body.controller).toBeNull();
    expect(nissan.body.reason).toBe(
      "No holder has more than 50% of the votes, directly or through companies it controls; the largest direct voting stake is Renault's 43.4%",
    );
    // Daimler's 3.1% of Nissan (mercedes-stake-nissan-2010, data/alliance/ledger-nissan-mitsubishi.yaml) votes too.
    expect(nissan.body.votingHolders).toEqual([
      {
        holder: { id: 'renault', name: 'Renault' },
        votingPercent: 43.4,
        equityPercent: 43.4,
        stake: 'renault-stake-nissan-2014',
        basis: 'stated-equity-percent',
      },
      {
        holder: { id: 'mercedes-benz-group', name: 'Mercedes-Benz Group' },
        votingPercent: 3.1,
        equityPercent: 3.1,
        stake: 'mercedes-stake-nissan-2010',
        basis: 'stated-equity-percent',
      },
    ]);
    const mmc = await get('/v1/ownership/controller?company=mitsubishi-motors&asOf=2022-02-08');
    expect(mmc.body.controller).toBeNull();
    // 506,620,577 of 1,490,282,496 shares, from the ledger.
    expect(mmc.body.reason).toContain("Nissan's 33.9949%");
    expect(mmc.body.votingHolders[0]).toMatchObject({
      holder: { id: 'nissan' },
      stake: 'nissan-stake-mitsubishi-2016',
      basis: 'share-ledger-issued',
      votingPercent: expect.closeTo((506_620_577 / 1_490_282_496) * 100, 8),
    });
    // Renault's own holders are now recorded: the French State's 28.61% of the votes is the largest (french-state-stake-renault-2017).
    const renault = await get('/v1/ownership/controller?company=renault&asOf=2022-02-08');
    expect(renault.body.controller).toBeNull();
    expect(renault.body.reason).toBe(
      "No holder has more than 50% of the votes, directly or through companies it controls; the largest direct voting stake is French State's 28.61%",
    );
    expect((await get('/v1/ownership/controller?company=tesla')).status).toBe(404);
  });
});

describe('ownership graph formats', () => {
  const { get } = useSeededApi();
  const url = (format: string) => `/v1/graph/ownership?root=${ALLIANCE}&asOf=2022-02-08&depth=2&direction=down&format=${format}`;

  it('json: the alliance, its three members, their ten brands and the companies they hold; stakes with equity and voting apart', async () => {
    const { body } = await get(url('json'));
    expect(body).toMatchObject({ asOf: '2022-02-08', root: ALLIANCE, depth: 2, direction: 'down' });
    // The alliance, 3 members, 10 brands and 5 held companies (data/alliance/joint-companies.yaml: Alliance Rostec
    // Auto, Dongfeng Motor Co., Renault Korea Motors, RNAIPL, RNTBCI).
    expect(body.nodes).toHaveLength(19);
    expect(body.nodes.filter((n: any) => n.type === 'Brand')).toHaveLength(10);
    expect(body.nodes.filter((n: any) => n.type === 'Company' && n.depth === 2).map((n: any) => n.id)).toEqual([
      'alliance-rostec-auto',
      'dongfeng-motor-co-ltd',
      'renault-korea-motors',
      'rnaipl',
      'rntbci',
    ]);
    const stakes = body.edges.filter((e: any) => e.type === 'HOLDS_STAKE');
    // Nissan's Mitsubishi Motors stake is labelled with the ledger's figure: 506,620,577 of 1,490,282,496 shares.
    // Renault Korea has two disagreeing sources (80.1% and 70.1%, the latter from renault-stake-renault-korea-2000-kt).
    expect(stakes.map((e: any) => [e.source, e.target, e.equityPercent, e.votingPercent, e.carriesVotes, e.label])).toEqual([
      ['nissan', 'alliance-rostec-auto', 17, null, true, '17%'],
      ['nissan', 'dongfeng-motor-co-ltd', 50, null, true, '50%'],
      ['nissan', 'mitsubishi-motors', 34, null, true, '33.99%'],
      ['nissan', 'renault', 15, 0, false, '15% (no votes)'],
      ['nissan', 'rnaipl', 70, null, true, '70%'],
      ['nissan', 'rntbci', 49, null, true, '49%'],
      ['renault', 'alliance-rostec-auto', 50.1, null, true, '50.1%'],
      ['renault', 'nissan', 43.4, null, true, '43.4%'],
      ['renault', 'renault-korea-motors', 80.1, null, true, '80.1%'],
      ['renault', 'renault-korea-motors', 70.1, null, true, '70.1%'],
      ['renault', 'rnaipl', 30, null, true, '30%'],
      ['renault', 'rntbci', 51, null, true, '51%'],
    ]);
    expect(stakes.find((e: any) => e.id === 'nissan-stake-mitsubishi-2016').derivedEquityPercent).toBeCloseTo((506_620_577 / 1_490_282_496) * 100, 8);
    // 3 memberships, 10 brand ownerships, 12 stakes.
    expect(body.edges).toHaveLength(25);
  });

  it('direction up from a brand climbs to its owner and the alliance', async () => {
    const { body } = await get('/v1/graph/ownership?root=lada&asOf=2022-02-08&depth=2&direction=up');
    // Renault's holders that day beside Nissan: the French State and the employees (data/alliance/shareholders-renault.yaml).
    expect(body.nodes.map((n: any) => [n.id, n.depth])).toEqual([
      ['lada', 0],
      ['renault', 1],
      ['french-state', 2],
      ['nissan', 2],
      ['renault-employee-shareholders', 2],
      [ALLIANCE, 2],
    ]);
  });

  it("cytoscape has the json's nodes, and its edges folded: one per relationship, carrying every claim", async () => {
    const json = (await get(url('json'))).body;
    const cy = (await get(url('cytoscape'))).body;
    expect(cy.elements.nodes.map((n: any) => n.data.id)).toEqual(json.nodes.map((n: any) => n.id));
    const relationships = new Set(json.edges.map((e: any) => `${e.type} ${e.source} ${e.target}`));
    expect(cy.elements.edges).toHaveLength(relationships.size);
    expect(cy.elements.edges.flatMap((e: any) => e.data.claims.map((c: any) => c.id)).sort()).toEqual(json.edges.map((e: any) => e.id).sort());
    expect(cy.elements.edges.find((e: any) => e.data.id === 'renault-stake-nissan-2014').data).toMatchObject({
      source: 'renault',
      target: 'nissan',
      label: '43.4%',
      ids: ['renault-stake-nissan-2014'],
      disagree: false,
      claims: [{ id: 'renault-stake-nissan-2014', label: '43.4%', equityPercent: 43.4, validFrom: '2014-06-27' }],
    });
    expect(cy.elements.nodes.find((n: any) => n.data.id === ALLIANCE).data).toMatchObject({
      name: 'Renault–Nissan–Mitsubishi Alliance',
      label: 'Renault–Nissan–Mitsubishi\nAlliance',
      shape: 'rectangle',
    });
  });

  it('graphml is valid XML with typed keys and the same node and edge counts', async () => {
    const res = await get(url('graphml'));
    expect(res.headers['content-type']).toMatch(/^application\/graphml\+xml/);
    const xml = String(res.body);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    expect(doc.graphml.graph.node).toHaveLength(19);
    expect(doc.graphml.graph.edge).toHaveLength(25);
    const keys = Object.fromEntries(doc.graphml.key.map((k: any) => [k.id, k['attr.type']]));
    expect(keys).toMatchObject({ equityPercent: 'double', votingPercent: 'double', carriesVotes: 'boolean', depth: 'int', name: 'string' });
  });

  it('dot is the Graphviz digraph the svg is drawn from, with percentage labels', async () => {
    const res = await get(url('dot'));
    expect(res.headers['content-type']).toMatch(/^text\/vnd\.graphviz/);
    const dot = String(res.body);
    expect(dot.startsWith('digraph ownership {')).toBe(true);
    expect(dot).toContain('"renault" -> "nissan" [label="43.4%", id="renault-stake-nissan-2014"');
    expect(dot).toContain('"nissan" -> "mitsubishi-motors" [label="33.99%", id="nissan-stake-mitsubishi-2016"');
    // One edge per relationship, as in the svg: the two Renault Korea claims are one.
    expect(dot.match(/ -> /g)).toHaveLength(24);
  });

  it('svg is valid SVG drawn by Graphviz, with edges labelled by percentage', async () => {
    const res = await get(url('svg'));
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = String(res.body);
    expect(XMLValidator.validate(svg)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(svg);
    expect(doc.svg.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(svg).toContain('Generated by graphviz');
    const groups = doc.svg.g.g;
    expect(groups.filter((g: any) => g.class === 'node')).toHaveLength(19);
    // The picture draws the two disagreeing Renault Korea statements (80.1% and 70.1%) as one edge: 24 of the 25.
    expect(groups.filter((g: any) => g.class === 'edge')).toHaveLength(24);
    expect(svg).toContain('>80.1% · 70.1% — sources</text>');
    for (const label of ['43.4%', '15% (no votes)', '33.99%']) expect(svg).toContain(`>${label}</text>`);
  });

  it('bad graph requests are 4xx problems', async () => {
    expect((await get(`/v1/graph/ownership?root=${ALLIANCE}&depth=7`)).status).toBe(400);
    expect((await get(`/v1/graph/ownership?root=${ALLIANCE}&format=gif`)).status).toBe(400);
    expect((await get(`/v1/graph/ownership?root=${ALLIANCE}&direction=sideways`)).status).toBe(400);
    const unknown = await get('/v1/graph/ownership?root=tesla');
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe('No company, brand or alliance with id "tesla"');
    expect((await get('/v1/graph/ownership?root=alliance-2030')).status).toBe(404);
  });
});

describe('/v1/export', () => {
  const { get } = useSeededApi();

  it('json: every node, relationship and source with all properties', async () => {
    const { body } = await get('/v1/export?format=json');
    // Everything in data/, all seven folders (on 5 December 2026 about 540 sources, 450 nodes, 830 relationships).
    const dataset = readDataset(DATA_DIR);
    expect(body.sources).toHaveLength(dataset.sources.length);
    expect(body.nodes).toHaveLength(dataset.nodes.length);
    expect(body.relationships).toHaveLength(dataset.relationships.length);
    expect(body.nodes.map((n: any) => n.id).sort()).toEqual(dataset.nodes.map((n) => n.id).sort());
    expect(body.version).toMatch(/^[0-9a-f]{64}$/);
    expect(body.relationships.find((r: any) => r.id === 'renault-stake-nissan-2014')).toMatchObject({
      equityPercent: 43.4,
      validFrom: '2014-06-27',
      validTo: '2023-11-08',
    });
  });

  it('csv: RFC 4180 tables of relationships, nodes and sources', async () => {
    const res = await get('/v1/export?format=csv');
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = String(res.body).trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,type,from,to,validFrom,validTo,equityPercent,votingPercent,carriesVotes,role,via,note,sources');
    expect(lines).toHaveLength(1 + readDataset(DATA_DIR).relationships.length); // a header and every relationship in data/
    expect(lines).toContain(
      'renault-stake-nissan-2014,HOLDS_STAKE,renault,nissan,2014-06-27,2023-11-08,43.4,,true,,,First reported in our sources on 27 June 2014; held until the rebalanced alliance came into force.,reuters-2014-06-27-avtovaz kyodo-2015-12-01 ap-2023-02-06 afp-2023-11-08',
    );
    expect(String((await get('/v1/export?format=csv&part=sources')).body).split('\r\n')[0]).toBe('id,kind,title,publisher,author,url,publishedOn,language');
  });

  it('bods: BODS 0.4 statements that pass the BODS JSON schema', async () => {
    const { body } = await get('/v1/export?format=bods');
    const ajv = new Ajv2020.default({ strict: false, allErrors: true });
    addFormats.default(ajv);
    // The schema names its files "urn:entity", "urn:components" …, which ajv's URI parser refuses (a URN needs
    // a namespace-specific part); the ids are mapped, in memory only, onto an equivalent reserved-domain URL.
    const load = (file: string) => JSON.parse(readFileSync(join(BODS_DIR, file), 'utf8').replace(/"urn:(\w+)/g, '"https://bods.invalid/0.4/$1'));
    for (const file of ['components.json', 'entity-record.json', 'person-record.json', 'relationship-record.json']) ajv.addSchema(load(file));
    const validate = ajv.compile(load('statement.json'));
    const valid = validate(body);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The validator bites: a too-short statementId or an unknown interest type is refused.
    expect(validate([{ ...body[0], statementId: 'short' }])).toBe(false);
    const broken = structuredClone(body.find((s: any) => s.recordType === 'relationship'));
    broken.recordDetails.interests[0].type = 'friendship';
    expect(validate([broken])).toBe(false);
    // One entity statement per Company node in data/ (119 on 5 December 2026).
    const dataset = readDataset(DATA_DIR);
    const companies = new Set(dataset.nodes.filter((n) => n.label === 'Company').map((n) => n.id));
    expect(body.filter((s: any) => s.recordType === 'entity')).toHaveLength(companies.size);
    // People with a role at a company (59 on 5 December 2026: Chung Mong-koo's roles are at the Hyundai group, not a company); Provost is Renault's senior managing official from 2025-07-31.
    expect(
      body
        .filter((s: any) => s.recordType === 'person')
        .map((s: any) => s.recordId)
        .sort(),
    ).toEqual([...new Set(dataset.relationships.filter((r) => r.type === 'HOLDS_ROLE' && companies.has(r.to)).map((r) => r.from))].sort());
    const provost = body.find((s: any) => s.recordId === 'provost-ceo-renault');
    expect(provost.recordDetails).toMatchObject({ subject: 'renault', interestedParty: 'francois-provost' });
    expect(provost.recordDetails.interests).toEqual([
      {
        type: 'seniorManagingOfficial',
        directOrIndirect: 'direct',
        beneficialOwnershipOrControl: false,
        details: 'Chief Executive Officer',
        startDate: '2025-07-31',
      },
    ]);
    const stake = body.find((s: any) => s.recordId === 'renault-stake-nissan-2014');
    expect(stake.recordDetails).toMatchObject({ subject: 'nissan', interestedParty: 'renault' });
    expect(stake.recordDetails.interests[0]).toMatchObject({ type: 'shareholding', share: { exact: 43.4 }, startDate: '2014-06-27', endDate: '2023-11-08' });
    const noVotes = body.find((s: any) => s.recordId === 'nissan-stake-renault-2002');
    expect(noVotes.recordDetails.interests[1]).toMatchObject({ type: 'votingRights', share: { exact: 0 } });
    const trust = body.find((s: any) => s.recordId === 'renault-french-trust-nissan-shares');
    expect(trust.recordDetails.entityType).toEqual({ type: 'arrangement', subtype: 'trust' });
  });

  it('an unknown format is a 400 problem', async () => {
    expect((await get('/v1/export?format=xlsx')).status).toBe(400);
  });
});
