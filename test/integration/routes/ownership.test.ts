import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../src/project-files.js';
import { ALLIANCE, useSeededApi } from '../../support/api.js';

const BODS_DIR = join(PROJECT_ROOT, 'test', 'fixtures', 'bods-0.4.0');

describe('look-through ownership', () => {
  const { get } = useSeededApi();

  it('Renault’s look-through equity stake in Mitsubishi Motors as of 2022-02-08, worked out by hand', async () => {
    // Stakes that day (sourced): Renault → Nissan 43.4%, Nissan → Renault 15%, Nissan → Mitsubishi Motors 34%.
    // Renault's integrated row t solves t = a_Renault + t·A:
    //   t_Nissan  = 0.434 + 0.434 · t_Renault        (Renault's own holding, plus what Renault holds of itself)
    //   t_Renault = 0.15 · t_Nissan                   (Renault reaches itself through Nissan's 15%)
    //   ⇒ t_Nissan = 0.434 / (1 − 0.434 · 0.15) = 0.434 / 0.9349 = 0.46422077…
    //   t_Mitsubishi = 0.34 · t_Nissan = 0.1475600 / 0.9349 = 0.15783506…
    const nissan = 0.434 / (1 - 0.434 * 0.15);
    const mitsubishi = 0.34 * nissan;
    expect(mitsubishi).toBeCloseTo(0.157835, 6);

    const { status, body } = await get('/v1/ownership/effective?holder=renault&asOf=2022-02-08&basis=equity');
    expect(status).toBe(200);
    const byId = Object.fromEntries(body.items.map((i: any) => [i.company.id, i]));
    expect(byId['mitsubishi-motors'].directPercent).toBe(0);
    expect(byId['mitsubishi-motors'].integratedPercent).toBeCloseTo(mitsubishi * 100, 8);
    expect(byId.nissan.directPercent).toBe(43.4);
    expect(byId.nissan.integratedPercent).toBeCloseTo(nissan * 100, 8);
    expect(body.selfOwnershipPercent).toBeCloseTo(0.15 * nissan * 100, 8);
    expect(body.method).toContain('T = (I − A)⁻¹A');
    expect(body.stakes).toEqual(['nissan-stake-mitsubishi-2016', 'nissan-stake-renault-2002', 'nissan-stake-rnaipl-2010', 'renault-stake-nissan-2014', 'renault-stake-rnaipl-2010']);
  });

  it('on the voting basis Nissan’s 15% of Renault (no votes) drops out: Renault reaches Mitsubishi Motors with 43.4% × 34%', async () => {
    const { body } = await get('/v1/ownership/effective?holder=renault&asOf=2022-02-08&basis=voting');
    const byId = Object.fromEntries(body.items.map((i: any) => [i.company.id, i.integratedPercent]));
    expect(byId['mitsubishi-motors']).toBeCloseTo(43.4 * 0.34, 8);
    expect(body.selfOwnershipPercent).toBe(0);
  });

  it('today Renault’s trust shares count for Renault on the equity basis: 17.05% direct + 18.66% in trust', async () => {
    const { body } = await get('/v1/ownership/effective?holder=renault&basis=equity');
    const trust = body.items.find((i: any) => i.company.id === 'renault-french-trust-nissan-shares');
    expect(trust.directPercent).toBe(100);
    // The disagreeing Mitsubishi figures are resolved to the better-sourced one, and said so.
    expect(body.resolvedClaims).toEqual([
      { holder: 'nissan', company: 'mitsubishi-motors', chosen: 'nissan-stake-mitsubishi-2024', alternatives: ['nissan-stake-mitsubishi-2024-nikkan'] },
    ]);
    // Direct plus trust before the cycle: 35.71%, the figure AOF reported on 2025-03-31.
    const nissanDirectAndTrust = 17.05 + 18.66;
    const t = nissanDirectAndTrust / 100 / (1 - (nissanDirectAndTrust / 100) * 0.15);
    expect(body.items.find((i: any) => i.company.id === 'nissan').integratedPercent).toBeCloseTo(t * 100, 8);
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

  it('the ultimate controller: none for Nissan in 2022 (Renault 43.4% < 50%), none for Mitsubishi Motors (Nissan 34%)', async () => {
    const nissan = await get('/v1/ownership/controller?company=nissan&asOf=2022-02-08');
    expect(nissan.body.controller).toBeNull();
    expect(nissan.body.reason).toBe("No holder has more than 50% of the votes, directly or through companies it controls; the largest direct voting stake is Renault's 43.4%");
    expect(nissan.body.votingHolders).toEqual([{ holder: { id: 'renault', name: 'Renault' }, votingPercent: 43.4, stake: 'renault-stake-nissan-2014' }]);
    const mmc = await get('/v1/ownership/controller?company=mitsubishi-motors&asOf=2022-02-08');
    expect(mmc.body.controller).toBeNull();
    expect(mmc.body.reason).toContain("Nissan's 34%");
    const renault = await get('/v1/ownership/controller?company=renault&asOf=2022-02-08');
    expect(renault.body.reason).toBe('No stake with voting rights in this company is recorded on that day');
    expect((await get('/v1/ownership/controller?company=tesla')).status).toBe(404);
  });
});

describe('ownership graph formats', () => {
  const { get } = useSeededApi();
  const url = (format: string) => `/v1/graph/ownership?root=${ALLIANCE}&asOf=2022-02-08&depth=2&direction=down&format=${format}`;

  it('json: the alliance, its three members, their ten brands and RNAIPL; stakes with equity and voting apart', async () => {
    const { body } = await get(url('json'));
    expect(body).toMatchObject({ asOf: '2022-02-08', root: ALLIANCE, depth: 2, direction: 'down' });
    expect(body.nodes).toHaveLength(15);
    expect(body.nodes.filter((n: any) => n.type === 'Brand')).toHaveLength(10);
    const stakes = body.edges.filter((e: any) => e.type === 'HOLDS_STAKE');
    expect(stakes.map((e: any) => [e.source, e.target, e.equityPercent, e.votingPercent, e.carriesVotes, e.label])).toEqual([
      ['nissan', 'mitsubishi-motors', 34, null, true, '34%'],
      ['nissan', 'renault', 15, 0, false, '15% (no votes)'],
      ['nissan', 'rnaipl', 70, null, true, '70%'],
      ['renault', 'nissan', 43.4, null, true, '43.4%'],
      ['renault', 'rnaipl', 30, null, true, '30%'],
    ]);
    expect(body.edges).toHaveLength(18);
  });

  it('direction up from a brand climbs to its owner and the alliance', async () => {
    const { body } = await get('/v1/graph/ownership?root=lada&asOf=2022-02-08&depth=2&direction=up');
    expect(body.nodes.map((n: any) => [n.id, n.depth])).toEqual([
      ['lada', 0],
      ['renault', 1],
      ['nissan', 2],
      [ALLIANCE, 2],
    ]);
  });

  it('cytoscape and json agree on counts', async () => {
    const json = (await get(url('json'))).body;
    const cy = (await get(url('cytoscape'))).body;
    expect(cy.elements.nodes).toHaveLength(json.nodes.length);
    expect(cy.elements.edges).toHaveLength(json.edges.length);
    expect(cy.elements.edges.find((e: any) => e.data.id === 'renault-stake-nissan-2014').data).toMatchObject({ source: 'renault', target: 'nissan', label: '43.4%' });
  });

  it('graphml is valid XML with typed keys and the same node and edge counts', async () => {
    const res = await get(url('graphml'));
    expect(res.headers['content-type']).toMatch(/^application\/graphml\+xml/);
    const xml = String(res.body);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    expect(doc.graphml.graph.node).toHaveLength(15);
    expect(doc.graphml.graph.edge).toHaveLength(18);
    const keys = Object.fromEntries(doc.graphml.key.map((k: any) => [k.id, k['attr.type']]));
    expect(keys).toMatchObject({ equityPercent: 'double', votingPercent: 'double', carriesVotes: 'boolean', depth: 'int', name: 'string' });
  });

  it('dot is a Graphviz digraph with percentage labels', async () => {
    const res = await get(url('dot'));
    expect(res.headers['content-type']).toMatch(/^text\/vnd\.graphviz/);
    const dot = String(res.body);
    expect(dot.startsWith('digraph ownership {')).toBe(true);
    expect(dot).toContain('"renault" -> "nissan" [label="43.4%"];');
    expect(dot.match(/ -> /g)).toHaveLength(18);
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
    expect(groups.filter((g: any) => g.class === 'node')).toHaveLength(15);
    expect(groups.filter((g: any) => g.class === 'edge')).toHaveLength(18);
    for (const label of ['43.4%', '15% (no votes)', '34%']) expect(svg).toContain(`>${label}</text>`);
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
    expect(body.sources).toHaveLength(98);
    expect(body.nodes).toHaveLength(82);
    expect(body.relationships).toHaveLength(134);
    expect(body.version).toMatch(/^[0-9a-f]{64}$/);
    expect(body.relationships.find((r: any) => r.id === 'renault-stake-nissan-2014')).toMatchObject({ equityPercent: 43.4, validFrom: '2014-06-27', validTo: '2023-11-08' });
  });

  it('csv: RFC 4180 tables of relationships, nodes and sources', async () => {
    const res = await get('/v1/export?format=csv');
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = String(res.body).trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,type,from,to,validFrom,validTo,equityPercent,votingPercent,carriesVotes,role,via,note,sources');
    expect(lines).toHaveLength(135); // a header and 134 relationships
    expect(lines).toContain('renault-stake-nissan-2014,HOLDS_STAKE,renault,nissan,2014-06-27,2023-11-08,43.4,,true,,,First reported in our sources on 27 June 2014; held until the rebalanced alliance came into force.,reuters-2014-06-27-avtovaz kyodo-2015-12-01 ap-2023-02-06 afp-2023-11-08');
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
    expect(body.filter((s: any) => s.recordType === 'entity')).toHaveLength(8);
    // People with a role at a company: nine persons; Provost is Renault's senior managing official from 2025-07-31.
    expect(body.filter((s: any) => s.recordType === 'person').map((s: any) => s.recordId)).toHaveLength(9);
    const provost = body.find((s: any) => s.recordId === 'provost-ceo-renault');
    expect(provost.recordDetails).toMatchObject({ subject: 'renault', interestedParty: 'francois-provost' });
    expect(provost.recordDetails.interests).toEqual([
      { type: 'seniorManagingOfficial', directOrIndirect: 'direct', beneficialOwnershipOrControl: false, details: 'Chief Executive Officer', startDate: '2025-07-31' },
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
