import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../src/operations/table.js';
import { ALLIANCE, useSeededApi } from '../support/api.js';

/**
 * One question for every operation of the table, asked at both doors: GET over HTTP and the MCP tool of the
 * same name through the SDK's client, which checks each answer against the tool's declared output schema
 * (it throws on a mismatch). The tool's data must be the route's answer, value for value.
 */
const QUESTIONS: Record<string, Record<string, string | number>> = {
  list_alliances: { kind: 'capital alliance', limit: 5 },
  get_alliance: { id: ALLIANCE, asOf: '2022-02-08' },
  list_alliance_members: { id: ALLIANCE, asOf: '2020-01-01' },
  list_alliance_brands: { id: ALLIANCE, asOf: '2022-02-08', limit: 5 },
  list_companies: { country: 'JP', limit: 10 },
  get_company: { id: 'nissan', asOf: '2024-01-15' },
  list_company_brands: { id: 'nissan', asOf: '2022-02-08' },
  list_brands: { owner: 'renault', asOf: '2022-02-08' },
  get_brand: { id: 'lada', asOf: '2022-02-08', include: 'sources' },
  list_people: { organisation: 'nissan', asOf: '2024-01-01' },
  get_person: { id: 'carlos-ghosn' },
  list_plans: { include: 'sources' },
  get_plan: { id: 'alliance-2030' },
  list_targets: { fromYear: 2025, toYear: 2030 },
  list_platforms: { limit: 3 },
  list_technologies: { include: 'sources' },
  list_sources: { limit: 3 },
  get_source: { id: 'chicago-tribune-1999-03-28' },
  search_entities: { q: 'renualt' },
  suggest_names: { prefix: 'Nis' },
  lookup_identifier: { scheme: 'ticker', value: '7201' },
  find_path: { from: 'dacia', to: 'infiniti' },
  ownership_graph: { root: 'nissan', depth: 2, asOf: '2022-02-08' },
  look_through: { holder: 'renault', asOf: '2022-02-08' },
  explain_look_through: { holder: 'renault', company: 'mitsubishi-motors', asOf: '2022-02-08' },
  controller: { company: 'renault', asOf: '2024-01-01' },
  ultimate_owners: { company: 'nissan', asOf: '2024-01-15' },
  timeline: { from: '2014-01-01', to: '2016-12-31', limit: 20 },
  changes_between: { from: '2023-12-01', to: '2024-01-31', entity: 'nissan' },
  list_versions: { limit: 5 },
  diff_versions: { a: '1', b: '1' },
  list_named_queries: {},
};

/** The route's URL for an operation's input: path parameters in place, the rest as the query. */
function urlOf(path: string, input: Record<string, string | number>): string {
  const query = new URLSearchParams();
  let url = path;
  for (const [key, value] of Object.entries(input)) {
    if (url.includes(`:${key}`)) url = url.replace(`:${key}`, encodeURIComponent(String(value)));
    else query.set(key, String(value));
  }
  const q = query.toString();
  return q ? `${url}?${q}` : url;
}

/** An MCP argument as its schema wants it: numbers stay numbers, as an agent sends them. */
const argsOf = (input: Record<string, string | number>) => Object.fromEntries(Object.entries(input));

describe('every operation answers the same at both doors', () => {
  const { ctx, get } = useSeededApi();
  let client: Client;
  beforeAll(async () => {
    const address = await ctx.app.listen({ host: '127.0.0.1', port: 0 });
    client = new Client({ name: 'parity', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${address}/mcp`)));
  });
  afterAll(async () => client?.close());

  it('has a question for every operation, and no question without one', () => {
    expect(Object.keys(QUESTIONS).sort()).toEqual(OPERATIONS.map((o) => o.name).sort());
  });

  for (const operation of OPERATIONS) {
    it(`${operation.name}: GET ${operation.path} and the tool give the same answer`, async () => {
      const input = QUESTIONS[operation.name]!;
      const http = await get(urlOf(operation.path, input));
      expect(http.status, JSON.stringify(http.body)).toBe(200);
      // The SDK client validates structuredContent against the tool's outputSchema and throws when it does not match.
      const result = (await client.callTool({ name: operation.name, arguments: argsOf(input) })) as {
        isError?: boolean;
        structuredContent?: { data: unknown; truncated: boolean };
      };
      expect(result.isError ?? false, JSON.stringify(result)).toBe(false);
      expect(result.structuredContent!.truncated).toBe(false);
      expect(result.structuredContent!.data).toEqual(http.body);
    });
  }

  it('a problem is the same problem at both doors', async () => {
    const http = await get('/v1/companies/no-such-company');
    expect(http.status).toBe(404);
    const result = (await client.callTool({ name: 'get_company', arguments: { id: 'no-such-company' } })) as { isError?: boolean; content: { text: string }[] };
    expect(result.isError).toBe(true);
    expect(JSON.parse(result.content[0]!.text)).toEqual({ status: 404, detail: http.body.detail });
  });
});
