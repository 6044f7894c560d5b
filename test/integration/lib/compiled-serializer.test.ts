import type { FastifyInstance } from 'fastify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { testConfig } from '../../support/app.js';
import { connect } from '../../support/graph.js';

const ALLIANCE = 'renault-nissan-mitsubishi-alliance';
/** One or more real questions for every GET route that answers JSON through a response schema. */
const URLS = [
  '/v1/alliances?asOf=2022-02-08',
  `/v1/alliances/${ALLIANCE}?asOf=2022-02-08`,
  `/v1/alliances/${ALLIANCE}/members?asOf=2022-02-08`,
  `/v1/alliances/${ALLIANCE}/brands?asOf=2022-02-08`,
  '/v1/companies?asOf=2016-10-21',
  '/v1/companies/nissan?asOf=2016-10-21',
  '/v1/companies/renault?asOf=2024-10-03',
  '/v1/companies/nissan/brands?asOf=2016-10-21',
  '/v1/brands?asOf=2022-02-08',
  '/v1/brands/datsun?asOf=2022-02-08',
  '/v1/brands/lada?asOf=2022-02-08',
  '/v1/plans',
  '/v1/plans/alliance-2030',
  '/v1/targets',
  '/v1/platforms',
  '/v1/technologies',
  '/v1/timeline?from=2023-01-01&to=2025-12-31',
  '/v1/changes?from=2023-01-01&to=2025-12-31',
  '/v1/versions',
  '/v1/search?q=nissan',
  '/v1/suggest?prefix=ren',
  '/v1/reconcile?queries=%7B%22q0%22%3A%7B%22query%22%3A%22Nissan%22%7D%7D',
  `/v1/path?from=renault&to=nissan&asOf=2022-02-08`,
  `/v1/graph/ownership?root=${ALLIANCE}&asOf=2022-02-08&depth=2`,
  '/v1/ownership/effective?holder=renault&asOf=2022-02-08',
  '/v1/ownership/effective/explain?holder=renault&company=nissan&asOf=2022-02-08',
  '/v1/ownership/controller?company=nissan&asOf=2022-02-08',
  '/v1/sources?limit=5',
  '/v1/people?organisation=nissan&asOf=2025-04-01',
  '/v1/people/ivan-espinosa',
  '/v1/queries',
  '/health/live',
];

/**
 * Answers are written by fast-json-stringify from each route's JSON Schema (src/lib/compiled-serializer.ts).
 * For real answers of every JSON route, the text must be byte for byte what zod's serialiser (parse, then
 * JSON.stringify) writes from the same value: a difference would be a field dropped, coerced or reordered.
 */
describe('answers written from compiled schemas', () => {
  const graph = connect();
  let app: FastifyInstance;
  const captured = new Map<string, { schema: unknown; payload: unknown }>();
  beforeAll(async () => {
    await graph.seedAlliance();
    app = await buildApp(
      { ...testConfig(), responseCache: false },
      {
        applySchemaOnStart: false,
        beforeReady: (built) =>
          built.addHook('preSerialization', (request, reply, payload, done) => {
            const declared = (request.routeOptions.schema?.response as Record<number, { content?: Record<string, { schema: unknown }> }> | undefined)?.[
              reply.statusCode
            ];
            // A route that answers several media types declares a schema per type.
            const schema = declared?.content ? declared.content['application/json']?.schema : declared;
            captured.set(request.url, { schema, payload });
            done(null, payload);
          }),
      },
    );
  });
  afterAll(async () => {
    await app?.close();
    await graph.close();
  });

  it.each(URLS)('%s', async (url) => {
    const res = await app.inject(url);
    expect(res.statusCode, res.body).toBe(200);
    const { schema, payload } = captured.get(url)!;
    expect(schema).toBeDefined();
    const zodText = zodSerializerCompiler({ schema: schema as never, method: 'GET', url })(payload);
    // The same JSON value; the order of keys may differ (fast-json-stringify writes optional keys last).
    expect(JSON.parse(res.body)).toStrictEqual(JSON.parse(zodText));
    expect(res.body.length).toBeGreaterThan(10);
  });
});
