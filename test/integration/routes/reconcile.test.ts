import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../src/project-files.js';
import { useSeededApi } from '../../support/api.js';

const SPEC_DIR = join(PROJECT_ROOT, 'test', 'fixtures', 'reconciliation-0.2');
const VARIANTS = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'reconcile-name-variants.json'), 'utf8')).variants as {
  query: string;
  type: string;
  expected: string;
}[];

/** The specification's own schemas; "$schema" names no draft ajv knows, so it is dropped (the keywords are draft-07's). */
function specValidators() {
  const ajv = new Ajv.default({ strict: false, allErrors: true });
  const load = (file: string) => {
    const { $schema: _ignored, ...schema } = JSON.parse(readFileSync(join(SPEC_DIR, file), 'utf8'));
    return schema;
  };
  // The manifest refers to Swagger 2's securityDefinitions for `authentication`, which this service does not use.
  ajv.addSchema({ $id: 'http://swagger.io/v2/schema.json', definitions: { securityDefinitions: { additionalProperties: { type: 'object' } } } });
  ajv.addSchema(load('type.json'));
  return {
    manifest: ajv.compile(load('manifest.json')),
    queryBatch: ajv.compile(load('reconciliation-query-batch.json')),
    resultBatch: ajv.compile(load('reconciliation-result-batch.json')),
    suggest: ajv.compile(load('suggest-entities-response.json')),
  };
}

describe('/v1/reconcile (W3C Reconciliation Service API 0.2)', () => {
  const { ctx, get } = useSeededApi();
  const spec = specValidators();
  const post = async (queries: unknown) => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/v1/reconcile',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ queries: JSON.stringify(queries) }).toString(),
    });
    return { status: res.statusCode, headers: res.headers, body: JSON.parse(res.body) };
  };

  it('serves a manifest that passes the specification schema', async () => {
    const { status, body } = await get('/v1/reconcile', { host: 'kg.example' });
    expect(status).toBe(200);
    expect(spec.manifest(body), JSON.stringify(spec.manifest.errors)).toBe(true);
    expect(body).toMatchObject({ versions: ['0.2'], preview: { url: 'http://kg.example/embed/entity-preview?id={{id}}' } });
    expect(body.defaultTypes.map((t: any) => t.id)).toContain('Company');
    // Its URLs follow the Host the client used, so it is never served from the cache to another host.
    const other = await get('/v1/reconcile', { host: 'other.example' });
    expect(other.body.preview.url).toBe('http://other.example/embed/entity-preview?id={{id}}');
    expect(other.headers.vary).toMatch(/Host/);
    // The validator bites: a manifest without identifierSpace is refused.
    const { identifierSpace: _gone, ...broken } = body;
    expect(spec.manifest(broken)).toBe(false);
  });

  it('answers a query with type and country: scored candidates with features and a match flag', async () => {
    const queries = {
      q0: { query: 'Nissan', type: 'Company', properties: [{ pid: 'country', v: 'JP' }] },
      q1: { query: 'Nissan', type: 'Company', properties: [{ pid: 'country', v: 'France' }] },
      q2: { query: 'Nissan' },
      q3: { query: 'renualt', type: 'Brand', limit: 2 },
      q4: { properties: [{ pid: 'isin', v: 'JP3899800001' }] },
      q5: { query: 'Toyota', type: 'Company' },
      q6: { query: 'Ferrari', type: 'Company' },
    };
    expect(spec.queryBatch(queries)).toBe(true);
    const { status, body } = await post(queries);
    expect(status).toBe(200);
    expect(spec.resultBatch(body), JSON.stringify(spec.resultBatch.errors)).toBe(true);
    expect(body.q0.result[0]).toMatchObject({ id: 'nissan', name: 'Nissan', score: 100, match: true, type: [{ id: 'Company', name: 'Company' }] });
    expect(body.q0.result[0].features).toEqual(
      expect.arrayContaining([
        { id: 'name_exact', value: true },
        { id: 'country_match', value: true },
      ]),
    );
    // The country contradicts: still the best candidate, but no longer a sure match.
    expect(body.q1.result[0]).toMatchObject({ id: 'nissan', score: 70, match: false });
    // Without a type, the company and the brand are both exactly "Nissan": neither is sure.
    expect(body.q2.result.slice(0, 2).map((c: any) => [c.id, c.match])).toEqual([
      ['nissan', false],
      ['nissan-brand', false],
    ]);
    expect(body.q3.result).toHaveLength(2);
    expect(body.q3.result[0]).toMatchObject({ id: 'renault-brand', match: false });
    expect(body.q3.result[0].features).toEqual(expect.arrayContaining([{ id: 'name_fuzzy', value: true }]));
    expect(body.q4.result[0]).toMatchObject({ id: 'mitsubishi-motors', score: 100, match: true });
    // Toyota is in the graph since data/toyota came in: "Toyota" is an alias of Toyota Motor Corporation (a sure
    // match), then the group companies whose names start with it.
    expect(body.q5.result.map((c: any) => [c.id, c.score, c.match])).toEqual([
      ['toyota', 90, true],
      ['toyota-tsusho', 72, false],
      ['toyota-boshoku', 71, false],
      ['toyota-fudosan', 71, false],
      ['toyota-industries', 69, false],
    ]);
    expect(body.q5.result[0].features).toEqual(expect.arrayContaining([{ id: 'name_alias', value: true }]));
    // A name the graph does not hold (no Ferrari anywhere under data/) has no candidates.
    expect(body.q6.result).toEqual([]);
  });

  it('takes GET ?queries= too, and refuses malformed batches with a 400 problem', async () => {
    const { body } = await get(`/v1/reconcile?queries=${encodeURIComponent(JSON.stringify({ a: { query: '日産', type: 'Company' } }))}`);
    expect(body.a.result[0]).toMatchObject({ id: 'nissan', match: true });
    for (const bad of ['not json', JSON.stringify({ a: { type: 'Company' } }), JSON.stringify({ a: { query: 'x', unknown: 1 } }), JSON.stringify([1])]) {
      const res = await get(`/v1/reconcile?queries=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });

  it('answers blank queries with no candidates, and the rest of their batch as usual', async () => {
    const queries = {
      blank: { query: '' },
      spaces: { query: '   ', type: 'Company' },
      tab: { query: '\t', limit: 3 },
      real: { query: 'Nissan', type: 'Company' },
    };
    expect(spec.queryBatch(queries)).toBe(true);
    const { status, body } = await post(queries);
    expect(status).toBe(200);
    expect(spec.resultBatch(body), JSON.stringify(spec.resultBatch.errors)).toBe(true);
    expect(body.blank).toEqual({ result: [] });
    expect(body.spaces).toEqual({ result: [] });
    expect(body.tab).toEqual({ result: [] });
    expect(body.real.result[0]).toMatchObject({ id: 'nissan', match: true });
    // Over GET as well.
    const got = await get(`/v1/reconcile?queries=${encodeURIComponent(JSON.stringify({ a: { query: '' } }))}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual({ a: { result: [] } });
  });

  it('lowers an identifier that contradicts the name, and never auto-matches it', async () => {
    const queries = {
      x: { query: 'x', properties: [{ pid: 'ticker', v: '7201' }] },
      other: { query: 'Renault', type: 'Company', properties: [{ pid: 'ticker', v: '7201' }] },
      junk: { query: 'zzqv', properties: [{ pid: 'isin', v: 'JP3899800001' }] },
      agrees: { query: 'Nissan', type: 'Company', properties: [{ pid: 'ticker', v: '7201' }] },
      alone: { query: '', properties: [{ pid: 'ticker', v: '7201' }] },
    };
    expect(spec.queryBatch(queries)).toBe(true);
    const { status, body } = await post(queries);
    expect(status).toBe(200);
    const nissanOf = (key: string) => body[key].result.find((c: any) => c.id === 'nissan');
    expect(nissanOf('x')).toMatchObject({ match: false });
    expect(nissanOf('x').score).toBeLessThan(100);
    expect(nissanOf('x').features).toContainEqual({ id: 'name_agrees_with_identifier', value: false });
    expect(body.x.result.some((c: any) => c.match)).toBe(false);
    expect(body.other.result.some((c: any) => c.match)).toBe(false);
    // Nissan, named by the ticker only, ranks below Renault's candidates (it may fall past the limit): never at 100.
    expect(body.other.result.filter((c: any) => c.id === 'nissan' && c.score >= 100)).toEqual([]);
    expect(body.other.result[0].id).not.toBe('nissan');
    expect(body.junk.result.some((c: any) => c.match)).toBe(false);
    expect(body.junk.result[0]).toMatchObject({ id: 'mitsubishi-motors' });
    expect(body.junk.result[0].score).toBeLessThan(100);
    // Name and identifier agreeing, or the identifier alone, are sure.
    expect(body.agrees.result[0]).toMatchObject({ id: 'nissan', score: 100, match: true });
    expect(body.alone.result[0]).toMatchObject({ id: 'nissan', score: 100, match: true });
  });

  it('suggests entities, types and properties; previews an entity as HTML', async () => {
    const entity = await get(`/v1/reconcile/suggest/entity?prefix=${encodeURIComponent('르노')}`);
    expect(spec.suggest(entity.body), JSON.stringify(spec.suggest.errors)).toBe(true);
    expect(entity.body.result.map((r: any) => r.id)).toEqual(expect.arrayContaining(['renault', 'renault-korea']));
    const types = await get('/v1/reconcile/suggest/type?prefix=comp');
    expect(spec.suggest(types.body)).toBe(true);
    expect(types.body.result).toEqual([{ id: 'Company', name: 'Company' }]);
    const props = await get('/v1/reconcile/suggest/property?prefix=isi');
    expect(props.body.result).toEqual([{ id: 'isin', name: 'Identifier: isin' }]);
    const preview = await ctx.app.inject({ method: 'GET', url: '/embed/entity-preview?id=nissan' });
    expect(preview.headers['content-type']).toMatch(/^text\/html/);
    expect(preview.body).toContain('日産自動車株式会社');
    expect(preview.body).toContain('TICKER 7201');
    expect((await get('/embed/entity-preview?id=nobody')).status).toBe(404);
  });

  it('a batch of 100 name variants: at least 95% correct at top 1', async () => {
    const queries = Object.fromEntries(VARIANTS.map((v, i) => [`q${i}`, { query: v.query, type: v.type }]));
    expect(Object.keys(queries)).toHaveLength(100);
    expect(spec.queryBatch(queries)).toBe(true);
    const { status, body } = await post(queries);
    expect(status).toBe(200);
    expect(spec.resultBatch(body), JSON.stringify(spec.resultBatch.errors)).toBe(true);
    const wrong = VARIANTS.filter((v, i) => body[`q${i}`].result[0]?.id !== v.expected).map(
      (v, i) => `${v.query} → ${body[`q${VARIANTS.indexOf(v)}`].result[0]?.id ?? 'nothing'} (want ${v.expected}) #${i}`,
    );
    const correct = VARIANTS.length - wrong.length;
    console.log(`reconciliation batch: ${correct}/100 correct at top 1${wrong.length ? `; wrong: ${wrong.join('; ')}` : ''}`);
    expect(correct, wrong.join('\n')).toBeGreaterThanOrEqual(95);
  });
});
