import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HttpProblem } from '../lib/problem.js';
import { foldName } from '../lib/name-folding.js';
import { hrefOf, namesOf } from '../services/names/entity-names.js';
import { RECONCILE_PROPERTIES, RECONCILE_TYPES } from '../services/names/reconcile.js';
import { findEntityCard } from '../use-cases/pages.js';
import type { UseCaseDeps } from '../use-cases/deps.js';
import { problemResponses } from '../schemas/problem.js';
import {
  ReconcileManifestSchema,
  ReconcilePreviewQuerySchema,
  ReconcileQueryBatchSchema,
  ReconcileRequestSchema,
  ReconcileResultBatchSchema,
  ReconcileSuggestQuerySchema,
  ReconcileSuggestResultSchema,
} from '../schemas/reconcile.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const ManifestOrResults = z
  .union([ReconcileManifestSchema, ReconcileResultBatchSchema])
  .describe('Without queries, the service manifest; with them, the candidates of each query');

/** Where the service is reached, as the client reached it (the manifest's URLs are absolute). */
const baseUrl = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

function manifest(request: FastifyRequest) {
  const base = baseUrl(request);
  const service = `${base}/v1/reconcile`;
  return {
    versions: ['0.2'],
    name: 'Renault–Nissan–Mitsubishi Alliance knowledge graph',
    identifierSpace: `${base}/v1/entities/`,
    schemaSpace: `${base}/v1/types/`,
    documentation: `${base}/docs`,
    serviceVersion: '1',
    view: { url: `${base}/embed/entity-preview?id={{id}}` },
    defaultTypes: RECONCILE_TYPES.map((t) => ({ ...t })),
    suggest: {
      entity: { service_url: service, service_path: '/suggest/entity' },
      type: { service_url: service, service_path: '/suggest/type' },
      property: { service_url: service, service_path: '/suggest/property' },
    },
    preview: { url: `${base}/embed/entity-preview?id={{id}}`, width: 400, height: 120 },
  };
}

/** Parses and checks the `queries` parameter; a malformed batch is a 400 problem naming what is wrong. */
function parseBatch(text: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new HttpProblem(400, 'queries must be a JSON object of reconciliation queries', {
      errors: [{ location: 'querystring', path: 'queries', message: 'not JSON' }],
    });
  }
  const parsed = ReconcileQueryBatchSchema.safeParse(raw);
  if (!parsed.success) {
    throw new HttpProblem(400, 'queries is not a valid reconciliation query batch', {
      errors: parsed.error.issues
        .slice(0, 20)
        .map((i) => ({ location: 'querystring', path: ['queries', ...i.path.map(String)].join('.'), message: i.message })),
    });
  }
  return parsed.data;
}

/** Reconciliation reads names from the graph: an admission slot, and GET answers cached. */
const RECONCILE_POLICY = { admission: true, cache: true } as const;

/**
 * The W3C Reconciliation Service API 0.2 over the graph's names, for OpenRefine and other clients:
 * manifest, query batches (GET or form POST), entity/type/property suggest and an HTML preview.
 */
const reconcile: FastifyPluginAsyncZod<{ deps: UseCaseDeps }> = async (app, { deps }) => {
  const reconciler = deps.reconciler;

  // OpenRefine posts the batch as an HTML form; only this plugin accepts form bodies.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  const answer = async (request: FastifyRequest, reply: FastifyReply, queries: string | undefined) => {
    if (queries !== undefined) return reconciler.reconcileBatch(parseBatch(queries));
    // The manifest's URLs follow the Host the client used: not for the shared response cache, and varying by Host.
    delete request.responseCacheKey;
    reply.header('vary', 'Host');
    return manifest(request);
  };

  app.get(
    '/v1/reconcile',
    {
      config: { policy: RECONCILE_POLICY },
      schema: {
        tags: ['reconcile'],
        summary: 'Reconciliation Service API 0.2: the manifest, or candidates for a batch of queries',
        querystring: ReconcileRequestSchema,
        response: { 200: ManifestOrResults, ...problemResponses(400, 431, 503) },
      },
    },
    async (request, reply) => answer(request, reply, request.query.queries),
  );

  app.post(
    '/v1/reconcile',
    {
      config: { policy: RECONCILE_POLICY },
      schema: {
        tags: ['reconcile'],
        summary: 'Reconciliation Service API 0.2: candidates for a batch of queries sent as a form (queries=…)',
        body: ReconcileRequestSchema,
        response: { 200: ManifestOrResults, ...problemResponses(400, 413, 415, 503) },
      },
    },
    async (request, reply) => answer(request, reply, request.body.queries),
  );

  app.get(
    '/v1/reconcile/suggest/entity',
    {
      config: { policy: RECONCILE_POLICY },
      schema: {
        tags: ['reconcile'],
        summary: 'Reconciliation suggest: entities whose names start with the prefix',
        querystring: ReconcileSuggestQuerySchema,
        response: { 200: ReconcileSuggestResultSchema, ...problemResponses(400, 503) },
      },
    },
    async (request) => ({ result: await reconciler.suggest(request.query.prefix, request.query.cursor) }),
  );

  const staticSuggest = (items: readonly { id: string; name: string }[]) => (prefix: string) => {
    const p = foldName(prefix);
    return { result: items.filter((t) => foldName(t.id).startsWith(p) || foldName(t.name).includes(p)).map((t) => ({ id: t.id, name: t.name })) };
  };
  // The two suggest services whose answers are fixed lists: types, and the properties a query may carry.
  const fixedSuggests = [
    { kind: 'type', summary: 'Reconciliation suggest: types', suggest: staticSuggest(RECONCILE_TYPES) },
    { kind: 'property', summary: 'Reconciliation suggest: properties a query may carry (country, identifiers)', suggest: staticSuggest(RECONCILE_PROPERTIES) },
  ];
  for (const { kind, summary, suggest } of fixedSuggests) {
    app.get(
      `/v1/reconcile/suggest/${kind}`,
      {
        config: { policy: { cache: true } },
        schema: {
          tags: ['reconcile'],
          summary,
          querystring: ReconcileSuggestQuerySchema,
          response: { 200: ReconcileSuggestResultSchema, ...problemResponses(400) },
        },
      },
      async (request) => suggest(request.query.prefix),
    );
  }

  app.get(
    // HTML, so served beside the other embeddable pages rather than under /v1 (which answers JSON).
    '/embed/entity-preview',
    {
      schema: {
        tags: ['embed'],
        summary: 'Reconciliation preview: a small HTML card of an entity, its names in other languages and identifiers',
        querystring: ReconcilePreviewQuerySchema,
        response: { 200: { description: 'The HTML card', content: { 'text/html': { schema: z.string() } } }, ...problemResponses(400, 404, 503) },
      },
    },
    async (request, reply) => {
      const entity = await findEntityCard(deps, request.query.id);
      const { names, identifiers } = namesOf(entity);
      const other = names.map((n) => `${escapeHtml(n.name)} <small>(${escapeHtml(n.language)})</small>`).join(', ');
      const ids = identifiers.map((i) => `${escapeHtml(i.scheme.toUpperCase())} ${escapeHtml(i.value)}`).join(' · ');
      const html =
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(entity.name)}</title></head>` +
        `<body style="font:13px sans-serif;margin:6px"><strong><a href="${escapeHtml(hrefOf(entity.type, entity.id))}" target="_blank">${escapeHtml(entity.name)}</a></strong> ` +
        `<span>${escapeHtml(entity.type)}${entity.country ? ` · ${escapeHtml(entity.country)}` : ''}</span>` +
        (other ? `<div>${other}</div>` : '') +
        (ids ? `<div>${ids}</div>` : '') +
        (entity.description ? `<p style="margin:4px 0">${escapeHtml(entity.description)}</p>` : '') +
        `</body></html>`;
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *")
        .header('x-content-type-options', 'nosniff')
        .serializer((payload: unknown) => payload as string)
        .send(html);
    },
  );
};

export default reconcile;
