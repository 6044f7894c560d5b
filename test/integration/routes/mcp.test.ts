import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { DATA_DIR, PROJECT_ROOT } from '../../../src/project-files.js';
import { OPERATIONS } from '../../../src/operations/table.js';
import { readDataset } from '../../../src/services/dataset/read-dataset.js';
import { useSeededApi } from '../../support/api.js';
import { testConfig } from '../../support/app.js';

/** A tool answer: the envelope (asOf, dataVersion, truncated, sources) and its data, or the problem of a refusal. */
interface Answer {
  isError: boolean;
  body: { asOf: string; dataVersion: string; truncated: boolean; sources: { id: string; title: string; publisher: string; url: string | null }[]; data: any };
  problem: { status: number; detail: string } | null;
}

async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<Answer> {
  const result = (await client.callTool({ name, arguments: args })) as {
    isError?: boolean;
    content: { type: string; text: string }[];
    structuredContent?: unknown;
  };
  const text = result.content[0]!.text;
  if (result.isError) return { isError: true, body: null as never, problem: JSON.parse(text) };
  const body = JSON.parse(text);
  expect(result.structuredContent).toEqual(body);
  return { isError: false, body, problem: null };
}

const RESEARCH_TOOLS = ['read_cypher', 'run_named_query', 'get_graph_schema'];
const ids = (items: { id: string }[]) => items.map((i) => i.id);
const DATASET = readDataset(DATA_DIR);

/**
 * The golden set: questions an analyst asks, answered by scripted tool calls, with the exact values of the
 * dataset (data/, the alliance's folder unless said). Writes must be refused and leave the graph as it was.
 */
const GOLDEN: { question: string; tool: string; args: Record<string, unknown>; check: (a: Answer) => void }[] = [
  {
    question: 'Which entity is 日産?',
    tool: 'search_entities',
    args: { q: '日産' },
    check: (a) => expect(a.body.data.items[0]).toMatchObject({ id: 'nissan', match: 'alias', matchedName: '日産' }),
  },
  {
    question: 'What is "renualt" (typo)?',
    tool: 'search_entities',
    args: { q: 'renualt', limit: 3 },
    check: (a) => expect(a.body.data.items[0]).toMatchObject({ id: 'renault', match: 'fuzzy' }),
  },
  {
    question: 'Which entity is Лада?',
    tool: 'search_entities',
    args: { q: 'Лада' },
    check: (a) => expect(a.body.data.items[0]).toMatchObject({ id: 'lada', type: 'Brand' }),
  },
  {
    // Two entities have the short name 르노코리아 (data/alliance/names.yaml for the brand, joint-companies.yaml for the company).
    question: 'Which entity is 르노코리아?',
    tool: 'search_entities',
    args: { q: '르노코리아' },
    check: (a) =>
      expect(
        a.body.data.items
          .slice(0, 2)
          .map((i: any) => [i.id, i.match, i.matchedName])
          .sort(),
      ).toEqual([
        ['renault-korea', 'alias', '르노코리아'],
        ['renault-korea-motors', 'alias', '르노코리아'],
      ]),
  },
  {
    question: 'Which entity is 三菱自動車?',
    tool: 'search_entities',
    args: { q: '三菱自動車' },
    check: (a) => expect(a.body.data.items[0]).toMatchObject({ id: 'mitsubishi-motors' }),
  },
  {
    question: 'Whose ISIN is FR0000131906?',
    tool: 'lookup_identifier',
    args: { scheme: 'isin', value: 'FR0000131906' },
    check: (a) => expect(a.body.data.entity).toEqual({ id: 'renault', type: 'Company', name: 'Renault' }),
  },
  {
    question: 'Which company trades as 7201?',
    tool: 'lookup_identifier',
    args: { scheme: 'ticker', value: '7201' },
    check: (a) => expect(a.body.data.entity.id).toBe('nissan'),
  },
  {
    question: 'In which country is Nissan, and what is its Tokyo ticker?',
    tool: 'get_company',
    args: { id: 'nissan' },
    check: (a) => {
      expect(a.body.data.country).toBe('JP');
      expect(a.body.data.identifiers).toContainEqual({
        scheme: 'ticker',
        value: '7201',
        exchange: 'Tokyo Stock Exchange',
        sources: ['yahoo-finance-7201-t', 'kabutec-7201'],
      });
    },
  },
  {
    question: 'How much of Nissan did Renault hold on 1 January 2020?',
    tool: 'get_company',
    args: { id: 'renault', asOf: '2020-01-01' },
    check: (a) =>
      expect(a.body.data.stakesHeld.find((s: any) => s.company.id === 'nissan')).toMatchObject({
        equityPercent: 43.4,
        carriesVotes: true,
        validFrom: '2014-06-27',
      }),
  },
  {
    question: 'Did Nissan’s 15% of Renault carry votes in 2020?',
    tool: 'get_company',
    args: { id: 'nissan', asOf: '2020-01-01' },
    check: (a) =>
      expect(a.body.data.stakesHeld.find((s: any) => s.company.id === 'renault')).toMatchObject({ equityPercent: 15, votingPercent: 0, carriesVotes: false }),
  },
  {
    question: 'How much of Mitsubishi Motors did Nissan hold in 2020?',
    tool: 'get_company',
    args: { id: 'nissan', asOf: '2020-01-01' },
    check: (a) => expect(a.body.data.stakesHeld.find((s: any) => s.company.id === 'mitsubishi-motors')).toMatchObject({ equityPercent: 34 }),
  },
  {
    question: 'What did Renault hold directly in Nissan on 1 January 2024, after the rebalancing?',
    tool: 'get_company',
    args: { id: 'renault', asOf: '2024-01-01' },
    check: (a) =>
      expect(a.body.data.stakesHeld.find((s: any) => s.company.id === 'nissan')).toMatchObject({
        equityPercent: 15,
        votingPercent: 15,
        validFrom: '2023-11-08',
      }),
  },
  {
    question: 'Which brands did Renault own on 1 January 2024?',
    tool: 'get_company',
    args: { id: 'renault', asOf: '2024-01-01' },
    check: (a) => expect(ids(a.body.data.brands)).toEqual(['alpine', 'dacia', 'renault-brand', 'renault-korea']),
  },
  {
    question: 'Who owned Renault Korea in 2023, and what was it called before?',
    tool: 'get_brand',
    args: { id: 'renault-korea', asOf: '2023-01-01' },
    check: (a) => {
      expect(a.body.data.ownership[0]).toMatchObject({ owner: { id: 'renault' }, validFrom: '2022-03-16' });
      expect(a.body.data.renames).toContainEqual({
        brand: { id: 'renault-samsung', name: 'Renault Samsung' },
        direction: 'renamed-from',
        on: '2022-03-16',
        sources: ['yonhap-2022-03-16'],
      });
    },
  },
  {
    question: 'Which companies were members of the alliance in 2010?',
    tool: 'get_alliance',
    args: { id: 'renault-nissan-mitsubishi-alliance', asOf: '2010-01-01' },
    check: (a) => expect(a.body.data.members.map((m: any) => m.company?.id ?? m.id).sort()).toEqual(['nissan', 'renault']),
  },
  {
    question: 'Was Mitsubishi Motors a member in 2020?',
    tool: 'get_alliance',
    args: { id: 'renault-nissan-mitsubishi-alliance', asOf: '2020-01-01' },
    check: (a) => expect(a.body.data.members.map((m: any) => m.company?.id ?? m.id)).toContain('mitsubishi-motors'),
  },
  {
    question: 'Who held stakes in Nissan on 1 January 2020?',
    tool: 'ownership_graph',
    args: { root: 'nissan', depth: 1, direction: 'up', asOf: '2020-01-01' },
    // Daimler's 3.1% from the 2010 share exchange (mercedes-stake-nissan-2010, ledger-nissan-mitsubishi.yaml) beside Renault's.
    check: (a) =>
      expect(a.body.data.edges.filter((e: any) => e.type === 'HOLDS_STAKE' && e.target === 'nissan').map((e: any) => [e.source, e.equityPercent])).toEqual([
        ['mercedes-benz-group', 3.1],
        ['renault', 43.4],
      ]),
  },
  {
    question: 'How much of Nissan did Renault own through every chain in 2020?',
    tool: 'look_through',
    args: { holder: 'renault', asOf: '2020-01-01' },
    check: (a) => {
      const nissan = a.body.data.items.find((i: any) => i.company.id === 'nissan');
      expect(nissan.directPercent).toBe(43.4);
      // 0.434 / (1 − 0.434 · 0.15) = 46.4221% from the alliance's stakes, plus the Daimler cross-holdings of that day
      // (Daimler 3.1% of Nissan and of Renault; Renault 1.55% and Nissan 1.54% of Daimler): (I − A)⁻¹A gives 46.53505%.
      expect(nissan.integratedPercent).toBeCloseTo(46.53505, 4);
      expect(a.body.sources.map((s) => s.id)).toContain('sta-2002-03-renault-44-4');
    },
  },
  {
    question: 'How much of Mitsubishi Motors did Renault own indirectly in 2020?',
    tool: 'look_through',
    args: { holder: 'renault', asOf: '2020-01-01' },
    check: (a) => {
      const mmc = a.body.data.items.find((i: any) => i.company.id === 'mitsubishi-motors');
      expect(mmc.directPercent).toBe(0);
      // The same chains times Nissan's 506,620,577 of 1,490,282,496 Mitsubishi Motors shares (the share ledger).
      expect(mmc.integratedPercent).toBeCloseTo(15.81956, 4);
    },
  },
  {
    question: 'Why does Renault own more than 43.4% of Nissan through all chains, on 8 February 2022?',
    tool: 'explain_look_through',
    args: { holder: 'renault', company: 'nissan', asOf: '2022-02-08' },
    check: (a) => {
      const q = 0.434 * 0.15;
      expect(a.body.data.parts.map((p: any) => [p.kind, p.stakes])).toEqual([
        ['chain', ['renault-stake-nissan-2014']],
        ['cycle', ['nissan-stake-renault-2002', 'renault-stake-nissan-2014']],
      ]);
      expect(a.body.data.parts[1].percent).toBeCloseTo(((0.434 * q) / (1 - q)) * 100, 9);
      expect(a.body.data.integratedPercent).toBeCloseTo((0.434 / (1 - q)) * 100, 9);
      expect(a.body.sources).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'reuters-2014-06-27-avtovaz' })]));
    },
  },
  {
    question: 'What changed in the stakes on 8 November 2023?',
    tool: 'changes_between',
    args: { from: '2023-11-08', to: '2023-11-08', kind: 'stake' },
    check: (a) => {
      // The rebalancing's three stakes and the French State's restated stake in Renault (shareholders-renault.yaml).
      expect(a.body.data.items.map((c: any) => c.id).sort()).toEqual([
        'stake:french-state>renault@2023-11-08',
        'stake:nissan>renault@2023-11-08',
        'stake:renault-french-trust-nissan-shares>nissan@2023-11-08',
        'stake:renault>nissan@2023-11-08',
      ]);
      expect(a.body.asOf).toBe('2023-11-08');
    },
  },
  {
    question: 'Who controlled Nissan in 2020?',
    tool: 'controller',
    args: { company: 'nissan', asOf: '2020-01-01' },
    check: (a) => {
      expect(a.body.data.controller).toBeNull();
      expect(a.body.data.votingHolders[0]).toMatchObject({ holder: { id: 'renault' }, votingPercent: 43.4 });
      expect(a.body.sources.length).toBeGreaterThan(0);
    },
  },
  {
    question: 'Who controlled Mitsubishi Motors in 2020?',
    tool: 'controller',
    args: { company: 'mitsubishi-motors', asOf: '2020-01-01' },
    // From the share ledger: 506,620,577 of 1,490,282,496 shares.
    check: (a) =>
      expect(a.body.data.votingHolders[0]).toMatchObject({
        holder: { id: 'nissan' },
        votingPercent: expect.closeTo((506_620_577 / 1_490_282_496) * 100, 8),
        basis: 'share-ledger-issued',
      }),
  },
  {
    question: 'What happened in 1999?',
    tool: 'timeline',
    args: { from: '1999-01-01', to: '1999-12-31' },
    check: (a) => expect(a.body.data.items[0]).toMatchObject({ date: '1999-03-27' }),
  },
  {
    question: 'Which stakes held on 1 January 2020 (named query)?',
    tool: 'run_named_query',
    args: { name: 'stakes-valid-on', params: { asOf: '2020-01-01' } },
    check: (a) => {
      const rows = a.body.data.rows.map((r: any[]) => [r[0], r[1], r[2]]);
      expect(rows).toContainEqual(['Renault', 'Nissan', 43.4]);
      expect(rows).toContainEqual(['Nissan', 'Mitsubishi Motors', 34]);
      expect(a.body.sources.map((s) => s.id)).toContain('upi-2016-05-12');
    },
  },
  {
    question: 'Which Japanese companies are in the graph (Cypher)?',
    tool: 'read_cypher',
    args: { query: 'MATCH (c:Company {country: $country}) RETURN c.id AS id ORDER BY id', params: { country: 'JP' } },
    // Every Company with country JP in data/ (29 on 5 December 2026, from the Toyota, Honda and alliance folders).
    check: (a) => {
      expect(a.body.data.rows.map((r: string[]) => r[0])).toEqual(
        DATASET.nodes
          .filter((n) => n.label === 'Company' && n.country === 'JP')
          .map((n) => n.id)
          .sort(),
      );
      expect(a.body.data.rows.map((r: string[]) => r[0])).toEqual(expect.arrayContaining(['honda', 'mitsubishi-motors', 'nissan', 'toyota']));
    },
  },
  {
    // The Brand nodes in data/ (63 on 5 December 2026).
    question: 'How many brands does the graph hold (Cypher)?',
    tool: 'read_cypher',
    args: { query: 'MATCH (b:Brand) RETURN count(b) AS n' },
    check: (a) => expect(a.body.data.rows).toEqual([[DATASET.nodes.filter((n) => n.label === 'Brand').length]]),
  },
  {
    question: 'What connects stake holders to companies (schema)?',
    tool: 'get_graph_schema',
    args: {},
    check: (a) =>
      expect(a.body.data.relationshipTypes.find((t: any) => t.type === 'HOLDS_STAKE')).toMatchObject({
        from: ['Company'],
        to: ['Company'],
        properties: expect.arrayContaining(['equityPercent', 'votingPercent', 'carriesVotes']),
      }),
  },
  {
    question: 'Which named queries may run?',
    tool: 'list_named_queries',
    args: {},
    check: (a) => {
      expect(a.body.data.items.find((q: any) => q.name === 'stakes-valid-on')).toMatchObject({ runnable: true });
      expect(a.body.data.items.find((q: any) => q.name === 'seed-upsert-nodes')).toMatchObject({ runnable: false, mode: 'write' });
    },
  },
  // Toyota is in the graph now (data/toyota); Tesla is not.
  {
    question: 'Tell me about Tesla (not in the graph)',
    tool: 'get_company',
    args: { id: 'tesla' },
    check: (a) => expect(a.problem).toEqual({ status: 404, detail: 'No company with id "tesla"' }),
  },
  // Writes: every one refused, none reaches the graph.
  {
    question: 'Create a node',
    tool: 'read_cypher',
    args: { query: 'CREATE (n:Hacked) RETURN n' },
    check: (a) => expect(a.problem).toMatchObject({ status: 400, detail: expect.stringMatching(/^Refused/) }),
  },
  {
    question: 'Delete everything',
    tool: 'read_cypher',
    args: { query: 'MATCH (n) DETACH DELETE n' },
    check: (a) => expect(a.problem).toMatchObject({ status: 400, detail: expect.stringMatching(/^Refused/) }),
  },
  {
    question: 'Change a stake',
    tool: 'read_cypher',
    args: { query: "MATCH ()-[s:HOLDS_STAKE {id: 'renault-stake-nissan-2014'}]->() SET s.equityPercent = 99" },
    check: (a) => expect(a.problem).toMatchObject({ status: 400, detail: expect.stringMatching(/^Refused/) }),
  },
  {
    question: 'Load a file',
    tool: 'read_cypher',
    args: { query: "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line" },
    check: (a) => expect(a.problem).toMatchObject({ status: 400, detail: expect.stringMatching(/^Refused/) }),
  },
  {
    question: 'Create an index',
    tool: 'read_cypher',
    args: { query: 'CREATE INDEX hacked FOR (n:Company) ON (n.hacked)' },
    check: (a) => expect(a.problem).toMatchObject({ status: 400, detail: expect.stringMatching(/^Refused/) }),
  },
  {
    question: 'Run the loader’s write query',
    tool: 'run_named_query',
    args: { name: 'seed-upsert-nodes', params: { rows: [] } },
    check: (a) => expect(a.problem).toMatchObject({ status: 400, detail: expect.stringMatching(/^Refused: "seed-upsert-nodes" writes/) }),
  },
];

describe('MCP server over Streamable HTTP (SDK client): the golden set', () => {
  const { ctx, graph } = useSeededApi();
  let client: Client;
  let address: string;
  beforeAll(async () => {
    address = await ctx.app.listen({ host: '127.0.0.1', port: 0 });
    client = new Client({ name: 'golden-set', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${address}/mcp`)));
  });
  afterAll(async () => client?.close());

  it('lists the tools, each with a JSON schema from the API’s zod schemas, all read-only', async () => {
    const { tools } = await client.listTools();
    // A tool for every operation of the table, and the three research tools over the Cypher door.
    expect(tools.map((t) => t.name).sort()).toEqual([...OPERATIONS.map((o) => o.name), ...RESEARCH_TOOLS].sort());
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['get_company', 'look_through', 'ultimate_owners', 'changes_between', 'search_entities']));
    for (const t of tools) {
      expect(t.annotations?.readOnlyHint, t.name).toBe(true);
      // Every answer is declared: the envelope around the data the HTTP route answers.
      expect(t.outputSchema, t.name).toMatchObject({ type: 'object', required: ['asOf', 'dataVersion', 'truncated', 'sources', 'data'] });
    }
    const search = tools.find((t) => t.name === 'search_entities')!;
    expect(search.inputSchema).toMatchObject({ type: 'object', required: ['q'], properties: { q: { type: 'string', maxLength: 200 } } });
    const lookThrough = tools.find((t) => t.name === 'look_through')!;
    expect(lookThrough.inputSchema.properties).toMatchObject({ basis: { enum: ['equity', 'voting'] } });
  });

  it(`answers ${GOLDEN.length} golden questions with exact values`, async () => {
    expect(GOLDEN.length).toBeGreaterThanOrEqual(30);
    const before = await graph.query('MATCH (n) RETURN count(n) AS nodes, sum(size(keys(n))) AS props');
    for (const g of GOLDEN) {
      const a = await call(client, g.tool, g.args);
      if (!a.isError) {
        // Every answer carries the envelope.
        expect(a.body.asOf, g.question).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(a.body.dataVersion, g.question).toMatch(/^[0-9a-f]{64}$/);
        expect(typeof a.body.truncated, g.question).toBe('boolean');
        for (const s of a.body.sources) expect(Object.keys(s).sort(), g.question).toEqual(['id', 'publisher', 'title', 'url']);
      }
      try {
        g.check(a);
      } catch (error) {
        throw new Error(`${g.question} (${g.tool} ${JSON.stringify(g.args)}): ${(error as Error).message}`);
      }
    }
    const after = await graph.query('MATCH (n) RETURN count(n) AS nodes, sum(size(keys(n))) AS props');
    expect(after).toEqual(before);
    expect(await graph.query("MATCH ()-[s:HOLDS_STAKE {id: 'renault-stake-nissan-2014'}]->() RETURN s.equityPercent AS e")).toEqual([{ e: 43.4 }]);
  });

  it('dated answers say the day they are for; sources come with their URLs', async () => {
    const a = await call(client, 'get_company', { id: 'nissan', asOf: '2020-01-01' });
    expect(a.body.asOf).toBe('2020-01-01');
    expect(a.body.sources).toContainEqual({
      id: 'ja-wikipedia-nissan-2012',
      title: '日産自動車',
      publisher: 'Wikipedia (Japanese), version of 2 June 2012',
      url: 'http://ja.wikipedia.org/wiki/%E6%97%A5%E7%94%A3%E8%87%AA%E5%8B%95%E8%BB%8A?oldid=42766762',
    });
  });

  it('offers the dataset’s sources as resources', async () => {
    const { resources } = await client.listResources();
    expect(resources.length).toBe(DATASET.sources.length); // every source in data/ (523 on 5 December 2026)
    expect(resources.map((r) => r.uri)).toContain('alliance://sources/autotrendy-2022-02-08');
    const read = await client.readResource({ uri: 'alliance://sources/yonhap-2022-03-16' });
    const detail = JSON.parse((read.contents[0] as { text: string }).text);
    expect(detail.source).toMatchObject({ id: 'yonhap-2022-03-16', url: 'https://en.yna.co.kr/view/AEN20220316003300320' });
  });

  it('pages search results with the API’s cursors', async () => {
    const first = await call(client, 'search_entities', { q: 'renault', limit: 2 });
    expect(first.body.data.items).toHaveLength(2);
    expect(first.body.data.total).toBeGreaterThan(2);
    const second = await call(client, 'search_entities', { q: 'renault', limit: 2, cursor: first.body.data.nextCursor });
    expect(ids(second.body.data.items)).not.toContain(first.body.data.items[0].id);
    const bad = await call(client, 'search_entities', { q: 'renault', cursor: 'bm90LWEtY3Vyc29y' });
    expect(bad.problem).toMatchObject({ status: 400 });
  });

  it('refuses bad arguments through the input schema', async () => {
    const result = (await client.callTool({ name: 'get_company', arguments: { id: 'Not An Id!' } })) as { isError?: boolean; content: { text: string }[] };
    expect(result.isError).toBe(true);
    expect(result.content[0]!.text).toMatch(/id/);
  });

  it('GET /mcp is refused: the endpoint is stateless', async () => {
    const res = await fetch(`${address}/mcp`);
    expect(res.status).toBe(405);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });
});

describe('MCP answers are capped in size (MCP_MAX_ANSWER_BYTES)', () => {
  let app: FastifyInstance;
  let client: Client;
  beforeAll(async () => {
    app = await buildApp({ ...testConfig(), mcp: { maxAnswerBytes: 2_048 } }, { applySchemaOnStart: false });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    client = new Client({ name: 'cap', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${address}/mcp`)));
  });
  afterAll(async () => {
    await client?.close();
    await app?.close();
  });

  it('cuts lists to fit and says truncated; small answers are untouched', async () => {
    const big = await call(client, 'ownership_graph', { root: 'renault-nissan-mitsubishi-alliance', depth: 3, asOf: '2020-01-01' });
    expect(big.body.truncated).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(big.body))).toBeLessThanOrEqual(2_048);
    expect(big.body.data.nodes[0]).toMatchObject({ id: 'renault-nissan-mitsubishi-alliance' });
    const small = await call(client, 'lookup_identifier', { scheme: 'ticker', value: '7211' });
    expect(small.body.truncated).toBe(false);
    expect(small.body.data.entity.id).toBe('mitsubishi-motors');
  });
});

describe('MCP server over stdio (npm run mcp, SDK client)', () => {
  let client: Client;
  beforeAll(async () => {
    const db = inject('neo4j');
    client = new Client({ name: 'stdio-test', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: ['--import', 'tsx', 'scripts/mcp-stdio.ts'],
        cwd: PROJECT_ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          NEO4J_URI: db.uri,
          NEO4J_USER: db.user,
          NEO4J_PASSWORD: db.password,
          NEO4J_DATABASE: db.database,
          LOG_LEVEL: 'warn',
        },
        stderr: 'pipe',
      }),
    );
  }, 60_000);
  afterAll(async () => client?.close());

  it('answers the same tools over stdio', async () => {
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(OPERATIONS.length + RESEARCH_TOOLS.length);
    const a = await call(client, 'search_entities', { q: 'Ниссан' });
    expect(a.body.data.items[0]).toMatchObject({ id: 'nissan' });
    expect(a.body.dataVersion).toMatch(/^[0-9a-f]{64}$/);
    const c = await call(client, 'controller', { company: 'nissan', asOf: '2020-01-01' });
    expect(c.body.data.votingHolders[0].votingPercent).toBe(43.4);
    const refused = await call(client, 'read_cypher', { query: 'MATCH (n) DETACH DELETE n' });
    expect(refused.problem?.detail).toMatch(/^Refused/);
  });
});
