import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { settled, testConfig } from '../support/app.js';
import { connect } from '../support/graph.js';

const MCP_HEADERS = { accept: 'application/json, text/event-stream', 'content-type': 'application/json' };

/**
 * researchers' queries run on a Neo4j of their own (RESEARCH_NEO4J_URI), for defence in depth.
 * Here it points at a port where nothing answers: the research door is off, and nothing else notices.
 */
describe('research on its own Neo4j', () => {
  const graph = connect();
  let app: FastifyInstance;
  beforeAll(async () => {
    await graph.seedAlliance();
    const config = testConfig();
    app = await buildApp({ ...config, neo4j: { ...config.neo4j, researchUri: 'bolt://127.0.0.1:1' } }, { applySchemaOnStart: false });
    await settled(app);
  });
  afterAll(async () => {
    await app?.close();
    await graph.close();
  });

  it('is read from RESEARCH_NEO4J_URI by config.ts alone, NEO4J_URI when absent', () => {
    expect(loadConfig({ NEO4J_URI: 'bolt://a:7687', RESEARCH_NEO4J_URI: 'bolt://replica:7687' }).neo4j).toMatchObject({
      uri: 'bolt://a:7687',
      researchUri: 'bolt://replica:7687',
    });
    expect(loadConfig({ NEO4J_URI: 'bolt://a:7687', RESEARCH_NEO4J_URI: '' }).neo4j.researchUri).toBeUndefined();
    expect(() => loadConfig({ RESEARCH_NEO4J_URI: 'http://replica:7474' })).toThrow(/RESEARCH_NEO4J_URI/);
  });

  it('takes the research door down with it, and nothing else: typed routes, health and MCP’s typed tools answer', async () => {
    const cypher = await app.inject({ method: 'POST', url: '/v1/cypher', payload: { query: 'RETURN 1 AS one' } });
    expect(cypher.statusCode).toBe(503);
    expect(cypher.headers['content-type']).toMatch(/^application\/problem\+json/);
    // Never answered since the API started: researchers are told it is starting, and when to ask again.
    expect(cypher.json().detail).toMatch(/research database is starting/);
    expect(Number(cypher.headers['retry-after'])).toBeGreaterThan(0);
    const named = await app.inject({ method: 'POST', url: '/v1/queries/stakes-valid-on', payload: { params: { asOf: '2016-10-21' } } });
    expect(named.statusCode).toBe(503);
    expect((await app.inject('/v1/companies/nissan')).statusCode).toBe(200);
    const ready = await app.inject('/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().research.cypher).toBe('off');
    expect(ready.json().research.database.state).toBe('starting');
    let tool: { result?: { isError?: boolean; content: { text: string }[] } } = {};
    for (let i = 0; i < 50; i += 1) {
      const res = await app.inject({
        method: 'POST',
        url: '/mcp',
        headers: MCP_HEADERS,
        payload: { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'get_company', arguments: { id: 'nissan' } } },
      });
      if (res.statusCode === 200) {
        tool = res.json();
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(tool.result?.isError ?? false).toBe(false);
    expect(JSON.parse(tool.result!.content[0]!.text).data.id).toBe('nissan');
    const readCypher = await app.inject({
      method: 'POST',
      url: '/mcp',
      headers: MCP_HEADERS,
      payload: { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'read_cypher', arguments: { query: 'RETURN 1' } } },
    });
    expect(readCypher.json().result.isError).toBe(true);
    expect(JSON.parse(readCypher.json().result.content[0].text).status).toBe(503);
  });

  it('runs researchers’ queries on a research URI that answers at the API’s dataset version, and health says so', async () => {
    // Another address of the same server: a database of "their own" that holds, by construction, the same version.
    const main = testConfig();
    const other = main.neo4j.uri.includes('127.0.0.1') ? main.neo4j.uri.replace('127.0.0.1', 'localhost') : main.neo4j.uri.replace('localhost', '127.0.0.1');
    expect(other).not.toBe(main.neo4j.uri);
    const own = await buildApp({ ...main, neo4j: { ...main.neo4j, researchUri: other } }, { applySchemaOnStart: false });
    try {
      await settled(own);
      let cypher = await own.inject({ method: 'POST', url: '/v1/cypher', payload: { query: 'RETURN 1 AS one' } });
      for (let i = 0; i < 20 && cypher.statusCode === 503; i += 1) {
        await new Promise((r) => setTimeout(r, 500));
        cypher = await own.inject({ method: 'POST', url: '/v1/cypher', payload: { query: 'RETURN 1 AS one' } });
      }
      expect(cypher.statusCode, cypher.body).toBe(200);
      const database = (await own.inject('/health/ready')).json().research.database;
      expect(database.state).toBe('ready');
      expect(database.datasetVersion).toBe(own.datasetVersion.current());
    } finally {
      await own.close();
    }
  });
});
