import { z } from 'zod';
import { MAX_ID_LENGTH } from './dataset.js';

export const ProblemFieldIssueSchema = z
  .object({
    location: z.enum(['params', 'querystring', 'body', 'headers']).describe('Which part of the request was wrong'),
    path: z.string().describe('Dotted path of the offending field, e.g. "asOf"'),
    message: z.string(),
  })
  .meta({ id: 'ProblemFieldIssue' });

export const ProblemSchema = z
  .object({
    type: z.string().describe('A URI reference naming the kind of problem; "about:blank" when the status says it all'),
    title: z.string().describe('Short, human-readable summary of the kind of problem'),
    status: z.number().int().describe('The HTTP status code'),
    detail: z.string().optional().describe('What went wrong with this request, in words'),
    instance: z.string().optional().describe('The request path the problem occurred on'),
    requestId: z.string().optional().describe('The id of the request in the server logs'),
    errors: z.array(ProblemFieldIssueSchema).optional().describe('Field-level validation issues (400 only)'),
  })
  .meta({
    id: 'Problem',
    description: 'An error answer in the shape of RFC 9457 (application/problem+json)',
    example: {
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No route GET /v2/nothing',
      instance: '/v2/nothing',
      requestId: 'req-1',
    },
  });

export type Problem = z.infer<typeof ProblemSchema>;
export type ProblemFieldIssue = z.infer<typeof ProblemFieldIssueSchema>;

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed: a parameter is missing, of the wrong type or out of range',
  401: 'The admin API key is missing',
  403: 'Forbidden: a wrong admin API key, or a page from an origin the operator does not allow to run research queries',
  409: 'The same operation is already running',
  413: 'The request body is too large',
  414: `A path parameter is longer than ${MAX_ID_LENGTH} characters (the longest id)`,
  404: 'No such resource',
  408: 'The query took longer than allowed',
  422: 'The request is well-formed but the data cannot answer it (e.g. stakes that do not converge), or the question needs more memory or time than the graph database gives one query: ask a narrower one',
  429: 'Too many requests; see Retry-After',
  431: 'The request line and headers are larger than the server reads (16 KiB); send long queries in a POST body',
  500: 'An unexpected error on the server',
  503: 'Neo4j is unreachable, the schema is not applied yet, all queries together have used the memory Neo4j gives them, or (research routes) Neo4j sets no per-transaction memory limit; see Retry-After',
};

/** OpenAPI response entries for problem answers, so every route documents its errors the same way. */
export function problemResponses<const S extends readonly number[]>(...statuses: S) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: PROBLEM_DESCRIPTIONS[status] ?? 'Problem',
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    ]),
  ) as { [K in S[number]]: { description: string; content: { 'application/problem+json': { schema: typeof ProblemSchema } } } };
}
