import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Page } from '../db/page.js';
import type { HttpProblem } from '../lib/problem.js';
import { IdParamsSchema } from '../schemas/common.js';
import { problemResponses } from '../schemas/problem.js';
import { datedItem, datedPage } from '../services/answers/dated-answer.js';

type QuerySchema = z.ZodObject<z.ZodRawShape>;
type IdParams = z.infer<typeof IdParamsSchema>;

interface RouteText {
  url: string;
  tag: string;
  summary: string;
  /** The answer's schema: its validation, type and OpenAPI component. */
  response: z.ZodType;
}

/**
 * The two shapes most resources answer in: a dated list (the day, a page, sources on request) and one dated
 * item (404 when unknown). Each resource's plugin declares its own with these, so its route file says only
 * what differs: the URL, the words, the schemas and the repository call.
 */
export function getDatedList<Q extends QuerySchema>(
  app: FastifyInstance,
  route: RouteText & {
    querystring: Q;
    load: (query: z.infer<Q>, asOf: string, offset: number, limit: number) => Promise<Page<unknown>>;
  },
): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    route.url,
    {
      schema: { tags: [route.tag], summary: route.summary, querystring: route.querystring, response: { 200: route.response, ...problemResponses(400, 503) } },
    },
    async (request) => {
      const query = request.query as z.infer<Q> & Parameters<typeof datedPage>[0];
      return datedPage(query, app.repositories.sources, (asOf, offset, limit) => route.load(query, asOf, offset, limit));
    },
  );
}

/** A dated list that belongs to the entity named by `:id`: 404 when that entity is unknown. */
export function getDatedSubList<Q extends QuerySchema>(
  app: FastifyInstance,
  route: RouteText & {
    querystring: Q;
    load: (id: string, asOf: string, offset: number, limit: number) => Promise<Page<unknown> | null>;
    missing: (id: string) => HttpProblem;
  },
): void {
  app.withTypeProvider<ZodTypeProvider>().get(route.url, { schema: byIdSchema(route) }, async (request) => {
    const { id } = request.params as IdParams;
    const query = request.query as unknown as Parameters<typeof datedPage>[0];
    return datedPage(query, app.repositories.sources, (asOf, offset, limit) => route.load(id, asOf, offset, limit), () => route.missing(id));
  });
}

/** One entity as it stood on a day: 404 when it is unknown. */
export function getDatedItem<Q extends QuerySchema>(
  app: FastifyInstance,
  route: RouteText & {
    querystring: Q;
    load: (id: string, asOf: string) => Promise<object | null>;
    missing: (id: string) => HttpProblem;
  },
): void {
  app.withTypeProvider<ZodTypeProvider>().get(route.url, { schema: byIdSchema(route) }, async (request) => {
    const { id } = request.params as IdParams;
    return datedItem(request.query as unknown as Parameters<typeof datedItem>[0], app.repositories.sources, (asOf) => route.load(id, asOf), () => route.missing(id));
  });
}

/** The schema of a route under `/:id`: the id, the query, the answer, and 404 and 414 besides 400 and 503. */
function byIdSchema(route: RouteText & { querystring: QuerySchema }) {
  return {
    tags: [route.tag],
    summary: route.summary,
    params: IdParamsSchema,
    querystring: route.querystring,
    response: { 200: route.response, ...problemResponses(400, 404, 414, 503) },
  };
}
