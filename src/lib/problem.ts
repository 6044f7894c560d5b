import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
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
