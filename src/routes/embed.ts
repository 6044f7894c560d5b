import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { today } from '../lib/paging.js';
import { HttpProblem } from '../lib/problem.js';
import { PROJECT_ROOT } from '../paths.js';
import { IdSchema, IsoDate } from '../schemas/common.js';
import { problemResponses } from '../schemas/problem.js';

// Static files live outside src/ so both `npm start` (tsx) and the built image (node dist/...) find them.
const EMBED_DIR = join(PROJECT_ROOT, 'public', 'embed');
const require = createRequire(import.meta.url);

/** Everything the page loads, read once: the page, its script and style, and Cytoscape.js from npm. */
const ASSETS: Record<string, { type: string; body: string }> = {
  'ownership.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(join(EMBED_DIR, 'ownership.js'), 'utf8') },
  'ownership.css': { type: 'text/css; charset=utf-8', body: readFileSync(join(EMBED_DIR, 'ownership.css'), 'utf8') },
  'cytoscape.min.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(require.resolve('cytoscape/dist/cytoscape.min.js'), 'utf8') },
};
const PAGE = readFileSync(join(EMBED_DIR, 'ownership.html'), 'utf8');

// Same-origin only, and framable by any site: the page is made to be embedded.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors *; base-uri 'none'; form-action 'none'";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const embed: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/embed/ownership',
    {
      schema: {
        tags: ['embed'],
        summary: 'A self-contained, iframe-able ownership view (HTML)',
        querystring: z.object({
          root: IdSchema.default('renault-nissan-mitsubishi-alliance').describe('The company, brand or alliance at the centre'),
          asOf: IsoDate.optional(),
          depth: z.coerce.number().int().min(1).max(6).default(2),
        }),
        response: {
          200: { description: 'The HTML page', content: { 'text/html': { schema: z.string() } } },
          ...problemResponses(400, 404, 503),
        },
      },
    },
    async (request, reply) => {
      const { root, depth } = request.query;
      const asOf = request.query.asOf ?? today();
      const graph = await app.repositories.ownership.findOwnershipGraph(root, 1, 'both', asOf);
      if (!graph) throw new HttpProblem(404, `No company, brand or alliance with id "${root}"`);
      const html = PAGE.replaceAll('{{root}}', escapeHtml(root))
        .replaceAll('{{rootLabel}}', escapeHtml(graph.nodes[0]!.name))
        .replaceAll('{{asOf}}', escapeHtml(asOf))
        .replaceAll('{{depth}}', String(depth));
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', CSP)
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        .serializer((payload: unknown) => payload as string)
        .send(html);
    },
  );

  app.get(
    '/embed/assets/:file',
    {
      schema: {
        tags: ['embed'],
        summary: 'The embed page’s script, style and the vendored Cytoscape.js',
        params: z.object({ file: z.enum(['ownership.js', 'ownership.css', 'cytoscape.min.js']) }),
        response: {
          200: { description: 'The asset', content: { 'text/javascript': { schema: z.string() }, 'text/css': { schema: z.string() } } },
          ...problemResponses(400, 414),
        },
      },
    },
    async (request, reply) => {
      const asset = ASSETS[request.params.file]!;
      return reply
        .type(asset.type)
        .header('x-content-type-options', 'nosniff')
        .serializer((payload: unknown) => payload as string)
        .send(asset.body);
    },
  );
};

export default embed;
