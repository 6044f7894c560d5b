import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { acceptedEncoding, precompress, type Encoding } from '../lib/compression.js';
import { today } from '../lib/dates.js';
import { graphCost } from '../lib/cost-class.js';
import { PUBLIC_DIR } from '../project-files.js';
import { FONT_FILES } from '../services/ownership/graph-pictures.js';
import { IdSchema, IsoDate } from '../schemas/common.js';
import { problemResponses } from '../schemas/problem.js';
import { findEmbedFrame } from '../use-cases/pages.js';
import type { UseCaseDeps } from '../use-cases/deps.js';

// Static files live outside src/ so both `npm start` (tsx) and the built image (node dist/...) find them.
const EMBED_DIR = join(PUBLIC_DIR, 'embed');
const require = createRequire(import.meta.url);

const JS = 'text/javascript; charset=utf-8';
/**
 * Everything the page loads, read once: its script and style, Cytoscape.js, ELK (elkjs) for the layout, and the
 * Arimo font, all from npm. As bytes, outside V8's heap: as strings, the two libraries' 2.5 MB sat in the old
 * space the image caps at 96 MB, for the collector to work around.
 */
const ASSETS: Record<string, { type: string; body: Buffer }> = {
  'ownership.js': { type: JS, body: readFileSync(join(EMBED_DIR, 'ownership.js')) },
  'ownership.css': { type: 'text/css; charset=utf-8', body: readFileSync(join(EMBED_DIR, 'ownership.css')) },
  'cytoscape.min.js': { type: JS, body: readFileSync(require.resolve('cytoscape/dist/cytoscape.min.js')) },
  'elk.bundled.js': { type: JS, body: readFileSync(require.resolve('elkjs/lib/elk.bundled.js')) },
  'arimo-400.ttf': { type: 'font/ttf', body: readFileSync(FONT_FILES[0]!) },
  'arimo-700.ttf': { type: 'font/ttf', body: readFileSync(FONT_FILES[1]!) },
};
const ASSET_NAMES = Object.keys(ASSETS) as [string, ...string[]];
/** Each asset's br and gzip copies, made once on first demand and kept: the ELK bundle goes out as about 400 KB instead of 1.6 MB. */
const PRECOMPRESSED = new Map<string, Promise<Buffer>>();
function precompressed(file: string, encoding: Encoding): Promise<Buffer> {
  const key = `${file}\u0000${encoding}`;
  let copy = PRECOMPRESSED.get(key);
  if (copy === undefined) {
    copy = precompress(ASSETS[file]!.body, encoding);
    copy.catch(() => PRECOMPRESSED.delete(key));
    PRECOMPRESSED.set(key, copy);
  }
  return copy;
}
const PAGE = readFileSync(join(EMBED_DIR, 'ownership.html'), 'utf8');

// Same-origin only, and framable by any site: the page is made to be embedded.
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; frame-ancestors *; base-uri 'none'; form-action 'self'";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const Colour = z
  .string()
  .regex(/^#?([0-9a-f]{3}|[0-9a-f]{6})$/i, 'must be a hex colour such as 1f4e79 or #1f4e79')
  .transform((c) => (c.startsWith('#') ? c : `#${c}`));

/** The colours and font a host app may set, each a CSS custom property of the page. */
const THEME = {
  alliance: '--alliance',
  company: '--company',
  brand: '--brand',
  stake: '--stake',
  disagree: '--disagree',
  background: '--background',
  text: '--text',
  accent: '--accent',
} as const;

export const EmbedQuerySchema = z.object({
  root: IdSchema.default('renault-nissan-mitsubishi-alliance').describe('The company, brand or alliance at the centre'),
  asOf: IsoDate.optional(),
  depth: z.coerce.number().int().min(1).max(6).default(2),
  ...(Object.fromEntries(Object.keys(THEME).map((k) => [k, Colour.optional().describe(`Colour of ${k}, hex`)])) as Record<
    keyof typeof THEME,
    z.ZodOptional<typeof Colour>
  >),
  font: z
    .string()
    .max(100)
    .regex(/^[\w ,'"-]+$/, 'must be a CSS font-family list: letters, digits, spaces, commas, quotes and hyphens')
    .optional()
    .describe('CSS font-family for the page and the graph, e.g. "Inter, sans-serif"; the default, Arimo, is served by this API'),
});

const embed: FastifyPluginAsyncZod<{ deps: UseCaseDeps }> = async (app, { deps }) => {
  app.get(
    '/embed/ownership',
    {
      // The page asks the graph for its root's first ring; its depth decides what the client's script asks next.
      config: { policy: { cost: graphCost } },
      schema: {
        tags: ['embed'],
        summary: 'A self-contained, iframe-able ownership view (HTML) with a time slider, exports and a table of the stakes',
        querystring: EmbedQuerySchema,
        response: {
          200: { description: 'The HTML page', content: { 'text/html': { schema: z.string() } } },
          ...problemResponses(400, 404, 503),
        },
      },
    },
    async (request, reply) => {
      const { root, depth, font } = request.query;
      const asOf = request.query.asOf ?? today();
      const frame = await findEmbedFrame(deps, root, asOf);
      // The group picker: every alliance and group, the current root first when it is one of them. A plain GET form,
      // so it works without JavaScript; the script submits it on change.
      const options = frame.groups
        .map((g) => `<option value="${escapeHtml(g.id)}"${g.id === root ? ' selected' : ''}>${escapeHtml(g.name)} (${escapeHtml(g.kind)})</option>`)
        .join('');
      const other = frame.groups.some((g) => g.id === root) ? '' : `<option value="${escapeHtml(root)}" selected>${escapeHtml(frame.root.name)}</option>`;
      const theme = Object.entries(THEME)
        .map(([key, property]) => {
          const value = request.query[key as keyof typeof THEME];
          return value ? `${property}: ${value};` : '';
        })
        .join(' ');
      const style = `${theme}${font ? ` --font: ${font};` : ''}`;
      const html = PAGE.replaceAll('{{root}}', escapeHtml(root))
        .replaceAll('{{rootLabel}}', escapeHtml(frame.root.name))
        .replaceAll('{{rootType}}', escapeHtml(frame.root.type))
        .replaceAll('{{asOf}}', escapeHtml(asOf))
        .replaceAll('{{depth}}', String(depth))
        .replaceAll('{{groupOptions}}', other + options)
        .replaceAll('{{style}}', escapeHtml(style));
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
        summary: 'The embed page’s script, style, font and the vendored Cytoscape.js and ELK layout',
        params: z.object({ file: z.enum(ASSET_NAMES) }),
        response: {
          200: {
            description: 'The asset',
            content: { 'text/javascript': { schema: z.string() }, 'text/css': { schema: z.string() }, 'font/ttf': { schema: z.string() } },
          },
          ...problemResponses(400, 414),
        },
      },
    },
    async (request, reply) => {
      const asset = ASSETS[request.params.file]!;
      reply.type(asset.type).header('x-content-type-options', 'nosniff').header('vary', 'Accept-Encoding');
      const encoding = acceptedEncoding(request.headers['accept-encoding']);
      if (encoding !== null) {
        const body = await precompressed(request.params.file, encoding);
        return reply.header('content-encoding', encoding).send(body as unknown as string);
      }
      return reply.send(asset.body as unknown as string);
    },
  );
};

export default embed;
