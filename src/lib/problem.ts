import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { QueryLimit } from '../db/errors.js';
import type { Problem, ProblemFieldIssue } from '../schemas/problem.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
/** Retry-After of a 503: Neo4j unreachable, a schema not yet applied, an overloaded server. */
export const RETRY_AFTER_UNAVAILABLE_SECONDS = 5;

/** An error that carries the problem it should be answered with. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly extra: { type?: string; title?: string; errors?: ProblemFieldIssue[]; retryAfterSeconds?: number } = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

/**
 * The answer to a typed question that one of Neo4j's limits stopped (db/errors.ts queryLimitOf): too large for one
 * query is the question's size, so a 422 that says how to narrow it; all queries' memory spent is the moment's, so
 * a 503 to come back to.
 */
export function queryLimitProblem(limit: QueryLimit): HttpProblem {
  if (limit === 'shared-memory') {
    return new HttpProblem(503, 'The graph database has no memory left for another query right now; try again shortly', {
      retryAfterSeconds: RETRY_AFTER_UNAVAILABLE_SECONDS,
    });
  }
  const what = limit === 'time' ? 'more time' : 'more memory';
  return new HttpProblem(
    422,
    `The question needed ${what} than the graph database gives one query and was stopped; ask a narrower one (a shorter period, one entity or one kind)`,
    { title: 'Question too large' },
  );
}

export function notFound(what: string, id: string): HttpProblem {
  return new HttpProblem(404, `No ${what} with id "${id}"`);
}

export function problemBody(
  request: FastifyRequest,
  status: number,
  detail?: string,
  extra: { type?: string; title?: string; errors?: ProblemFieldIssue[] } = {},
): Problem {
  return {
    type: extra.type ?? 'about:blank',
    title: extra.title ?? STATUS_CODES[status] ?? 'Error',
    status,
    ...(detail === undefined ? {} : { detail }),
    instance: request.url.split('?')[0] ?? request.url,
    requestId: String(request.id),
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
}

/** Sends a problem as a pre-serialised string so no route response schema interferes. */
export function sendProblem(reply: FastifyReply, problem: Problem, retryAfterSeconds?: number): FastifyReply {
  if (retryAfterSeconds !== undefined) reply.header('retry-after', String(retryAfterSeconds));
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
