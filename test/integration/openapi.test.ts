import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { CLIENT_TYPES_FILE, generateArtefacts, OPENAPI_FILE } from '../../src/openapi/generate.js';
import { useSeededApi } from '../support/api.js';

describe('the OpenAPI document', () => {
  const { get } = useSeededApi();

  it('is committed as generated: openapi/openapi.json and client/api-types.ts do not drift (run npm run openapi)', async () => {
    const generated = await generateArtefacts();
    expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(generated.openapi);
    expect(readFileSync(CLIENT_TYPES_FILE, 'utf8')).toBe(generated.clientTypes);
  });

  it('passes an OpenAPI 3.1 validator', async () => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('documents every route the app serves, with tags, a 200 and problem answers', async () => {
    const spec = (await get('/openapi.json')).body;
    const documented = Object.entries(spec.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(documented.map((d) => d.route)).toEqual(
      expect.arrayContaining([
        'GET /v1/alliances',
        'GET /v1/alliances/{id}',
        'GET /v1/alliances/{id}/members',
        'GET /v1/alliances/{id}/brands',
        'GET /v1/companies',
        'GET /v1/companies/{id}',
        'GET /v1/companies/{id}/brands',
        'GET /v1/brands',
        'GET /v1/brands/{id}',
        'GET /v1/plans',
        'GET /v1/plans/{id}',
        'GET /v1/targets',
        'GET /v1/platforms',
        'GET /v1/technologies',
        'GET /v1/timeline',
        'GET /v1/search',
        'GET /v1/path',
        'GET /v1/sources',
        'GET /v1/sources/{id}',
      ]),
    );
    for (const { route, op } of documented.filter((d) => d.route.includes('/v1/'))) {
      expect(op.tags?.length, route).toBeGreaterThan(0);
      expect(op.summary, route).toBeTruthy();
      expect(op.responses['200'].content['application/json'].schema, route).toBeDefined();
      expect(op.responses['200'].description, route).not.toBe('Default Response');
      expect(op.responses['400'].content['application/problem+json'].schema.$ref, route).toBe('#/components/schemas/Problem');
      if (route.includes('{id}')) expect(op.responses['404'], route).toBeDefined();
    }
    expect(Object.keys(spec.components.schemas)).toEqual(expect.arrayContaining(['Alliance', 'Company', 'Brand', 'Plan', 'Stake', 'Source', 'Problem']));
  });

  it('is browsable at /docs', async () => {
    const docs = await get('/docs/');
    expect(docs.status).toBe(200);
    expect(String(docs.body)).toContain('swagger-ui');
    const json = await get('/docs/json');
    expect(Object.keys(json.body.paths)).toContain('/v1/path');
  });
});
