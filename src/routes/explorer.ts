import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { today } from '../lib/dates.js';
import { PUBLIC_DIR } from '../project-files.js';
import { html } from '../explorer/html.js';
import { EXPLORER_CSP, isEntityType, layout } from '../explorer/layout.js';
import { findSourcesByIds } from '../use-cases/pages.js';
import type { UseCaseDeps } from '../use-cases/deps.js';
import { comparePage, entityPage, searchPage, type Answer, type Ask, type Rendered } from '../explorer/pages.js';

/**
 * The explorer: server-rendered pages for people, built from the same JSON answers everyone else gets,
 * asked in-process (app.inject, never HTTP) with the visitor's address, so that the response cache,
 * admission control and the per-client limits apply to a page as to the JSON it shows.
 */
const EXPLORER_DIR = join(PUBLIC_DIR, 'explorer');
const ASSETS: Record<string, { type: string; body: string }> = {
  'explorer.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(join(EXPLORER_DIR, 'explorer.js'), 'utf8') },
  'explorer.css': { type: 'text/css; charset=utf-8', body: readFileSync(join(EXPLORER_DIR, 'explorer.css'), 'utf8') },
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** A real calendar day YYYY-MM-DD, or null. */
export function validDay(value: unknown): string | null {
  if (typeof value !== 'string' || !ISO_DAY.test(value)) return null;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : null;
}

/** Asks this app for one JSON answer, in-process, as the visitor. */
export function asker(app: FastifyInstance, request: FastifyRequest, deps: UseCaseDeps): Ask {
  const ask: Ask = async (url: string): Promise<Answer> => {
    const res = await app.inject({ method: 'GET', url, headers: { accept: 'application/json' }, remoteAddress: request.ip });
    let body: unknown = null;
    try {
      body = res.json();
    } catch {
      body = null;
    }
    const reviewed = res.headers['dataset-reviewed-on'];
    return { status: res.statusCode, body, reviewedOn: typeof reviewed === 'string' ? reviewed : null };
  };
  // The sources a page cites by id only (the timeline's), in one query, as include=sources fetches them.
  ask.sourcesByIds = (ids) => findSourcesByIds(deps, ids);
  return ask;
}

export function sendPage(reply: FastifyReply, page: Rendered) {
  return reply
    .code(page.status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', EXPLORER_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-cache')
    .serializer((payload: unknown) => payload as string)
    .send(page.html);
}

const badRequest = (message: string, asOf: string): Rendered => ({
  status: 400,
  html: layout({
    title: 'Bad request',
    asOf,
    body: html`<h1>That address cannot be read</h1><p role="alert">${message}</p><p><a href="/">Start again</a>.</p>`,
  }),
});

const Loose = z.record(z.string(), z.unknown());

const explorer: FastifyPluginAsyncZod<{ deps: UseCaseDeps }> = async (app, { deps }) => {
  app.get('/explore/assets/:file', { schema: { hide: true, params: z.object({ file: z.enum(['explorer.js', 'explorer.css']) }) } }, async (request, reply) => {
    const asset = ASSETS[request.params.file]!;
    return reply
      .type(asset.type)
      .header('cache-control', 'public, max-age=300')
      .header('x-content-type-options', 'nosniff')
      .serializer((payload: unknown) => payload as string)
      .send(asset.body);
  });

  app.get('/explore/search', { schema: { hide: true, querystring: Loose } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const asOf = validDay(query.asOf) ?? today();
    const q = typeof query.q === 'string' ? query.q.trim().slice(0, 200) : '';
    if (!q) return reply.redirect(`/?asOf=${asOf}`, 303);
    return sendPage(reply, await searchPage(asker(app, request, deps), q, asOf));
  });

  app.get('/explore/compare', { schema: { hide: true, querystring: Loose } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const day = today();
    const has = (k: string) => typeof query[k] === 'string' && query[k] !== '';
    const from = has('from') ? validDay(query.from) : null;
    const to = has('to') ? validDay(query.to) : null;
    if ((has('from') && !from) || (has('to') && !to)) return sendPage(reply, badRequest('Dates are written YYYY-MM-DD and must be real calendar days.', day));
    const entity = has('entity') ? String(query.entity) : null;
    if (entity !== null && !ID.test(entity)) return sendPage(reply, badRequest('An id is lower-case letters, digits and hyphens.', day));
    return sendPage(reply, await comparePage(asker(app, request, deps), from, to, entity, day));
  });

  app.get('/explore/:type/:id', { schema: { hide: true, querystring: Loose } }, async (request, reply) => {
    const { type, id } = request.params as { type: string; id: string };
    const query = request.query as Record<string, unknown>;
    const asOf = query.asOf === undefined || query.asOf === '' ? today() : validDay(query.asOf);
    if (!asOf) return sendPage(reply, badRequest('The date is written YYYY-MM-DD and must be a real calendar day.', today()));
    if (!isEntityType(type)) return sendPage(reply, { ...badRequest('Pages exist for a company, brand, alliance or person.', asOf), status: 404 });
    if (!ID.test(id)) return sendPage(reply, badRequest('An id is lower-case letters, digits and hyphens.', asOf));
    return sendPage(reply, await entityPage(asker(app, request, deps), type, id, asOf));
  });
};

export default explorer;
