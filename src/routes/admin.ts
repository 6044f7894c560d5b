import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAdmin } from '../lib/admin-auth.js';
import { HttpProblem } from '../lib/problem.js';
import { reloadDataset } from '../use-cases/pages.js';
import type { UseCaseDeps } from '../use-cases/deps.js';
import { DATA_DIR } from '../project-files.js';
import { problemResponses } from '../schemas/problem.js';

const CountsSchema = z.record(z.string(), z.object({ created: z.number(), updated: z.number(), removed: z.number(), unchanged: z.number() }));

const ReloadSchema = z
  .object({
    version: z.string(),
    previousVersion: z.string().nullable(),
    changed: z.boolean(),
    nodes: CountsSchema,
    relationships: CountsSchema,
  })
  .meta({ id: 'ReloadSummary', description: 'What a re-seed from data/ created, updated and removed' });

const AdminHeaders = z.object({
  authorization: z.string().max(600).optional().describe('Bearer <ADMIN_API_KEY>'),
  'x-api-key': z.string().max(512).optional().describe('The admin API key (instead of Authorization)'),
});

/** Registered only when ADMIN_API_KEY is set: without it, these routes do not exist (404). */
const admin: FastifyPluginAsyncZod<{ apiKey: string; dataDir?: string; deps: UseCaseDeps }> = async (app, { apiKey, dataDir, deps }) => {
  let reloading = false;

  app.post(
    '/v1/admin/reload',
    {
      schema: {
        tags: ['admin'],
        summary: 'Re-seed the graph from data/ (one transaction; the response cache is dropped)',
        headers: AdminHeaders,
        response: { 200: ReloadSchema, ...problemResponses(400, 401, 403, 409, 503) },
      },
    },
    async (request) => {
      requireAdmin(request, apiKey);
      if (reloading) throw new HttpProblem(409, 'A reload is already running');
      reloading = true;
      try {
        const summary = await reloadDataset(deps, dataDir ?? DATA_DIR);
        await app.datasetVersion.refresh();
        request.log.info({ version: summary.version, changed: summary.changed }, 'dataset reloaded');
        return summary;
      } finally {
        reloading = false;
      }
    },
  );

  app.get(
    '/metrics',
    {
      schema: {
        tags: ['admin'],
        summary: 'Prometheus metrics: requests and latency per route, cache hits, Neo4j usage',
        headers: AdminHeaders,
        response: { 200: { description: 'Prometheus text format', content: { 'text/plain': { schema: z.string() } } }, ...problemResponses(401, 403) },
      },
    },
    async (request, reply) => {
      requireAdmin(request, apiKey);
      const text = await app.metrics.render();
      return reply
        .type(app.metrics.contentType)
        .header('cache-control', 'no-store')
        .serializer((p: unknown) => p as string)
        .send(text);
    },
  );
};

export default admin;
