import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export const API_TITLE = 'Alliance knowledge-graph API';

type Doc = { paths?: unknown; components?: { schemas?: Record<string, unknown> } };

/** Gives each success response the description of the component it returns, instead of "Default Response". */
function describeResponses<T>(document: T): T {
  const doc = document as Doc & { paths?: Record<string, Record<string, { responses?: Record<string, ResponseObject> }>> };
  const schemas = (doc.components?.schemas ?? {}) as Record<string, { description?: string }>;
  for (const operations of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      for (const response of Object.values(operation.responses ?? {})) {
        if (response.description !== 'Default Response') continue;
        const ref = response.content?.['application/json']?.schema?.$ref;
        const description = ref ? schemas[ref.replace('#/components/schemas/', '')]?.description : undefined;
        if (description) response.description = description;
      }
    }
  }
  return document;
}

type ResponseObject = { description?: string; content?: Record<string, { schema?: { $ref?: string } }> };

/**
 * The zod type provider emits an input and an output component for every named schema; only output
 * shapes are named here, so the unreferenced "…Input" twins are dropped to keep the spec readable.
 * The rest are listed by name.
 */
function pruneUnusedComponents<T>(document: T): T {
  const doc = document as Doc;
  const schemas = doc.components?.schemas;
  if (!schemas) return document;
  const used = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === '$ref' && typeof child === 'string' && child.startsWith('#/components/schemas/')) {
          const name = child.slice('#/components/schemas/'.length);
          if (!used.has(name)) {
            used.add(name);
            visit(schemas[name]);
          }
        } else visit(child);
      }
    }
  };
  visit(doc.paths);
  // By name: the registry lists schemas in the order modules were first imported, which a lazy import
  // (the MCP tools) changes; the committed document must not.
  doc.components!.schemas = Object.fromEntries(
    Object.keys(schemas)
      .filter((name) => used.has(name))
      .sort()
      .map((name) => [name, schemas[name]]),
  );
  return document;
}

/** OpenAPI 3.1 generated from the routes' zod schemas; served at /openapi.json, browsable at /docs. */
export default fp(
  async (app, { version }: { version: string }) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: API_TITLE,
          version,
          description:
            'Typed, sourced and dated answers about the Renault–Nissan–Mitsubishi Alliance knowledge graph. ' +
            'Every error is application/problem+json (RFC 9457).',
          license: { name: 'MIT', identifier: 'MIT' },
        },
        servers: [{ url: '/', description: 'This server' }],
        tags: [{ name: 'health', description: 'Liveness and readiness of the API and its database' }],
      },
      transform: jsonSchemaTransform,
      transformObject: (input) => describeResponses(pruneUnusedComponents(jsonSchemaTransformObject(input))),
    });
    // The docs' pages and static files come with swagger-ui's own caching headers: their routes say so.
    await app.register(async (docs) => {
      docs.addHook('onRoute', (route) => {
        route.config = { ...route.config, policy: { ...route.config?.policy, httpCaching: 'own' } };
      });
      await docs.register(swaggerUi, { routePrefix: '/docs' });
    });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'swagger' },
);
