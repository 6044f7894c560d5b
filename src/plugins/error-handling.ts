import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { HttpProblem, problemBody, queryLimitProblem, sendProblem, RETRY_AFTER_UNAVAILABLE_SECONDS } from '../lib/problem.js';
import { isNeo4jUnavailable, queryLimitOf } from '../db/errors.js';
import { MAX_ID_LENGTH } from '../schemas/dataset.js';
import type { ProblemFieldIssue } from '../schemas/problem.js';

type Location = ProblemFieldIssue['location'];

function toPath(instancePath: string): string {
  return instancePath.replace(/^\//, '').replaceAll('/', '.');
}

/**
 * Errors the router raises before any route runs (a malformed URL, a path parameter over the length
 * limit): answered as problems too. Passed to Fastify as `frameworkErrors`.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = typeof error.statusCode === 'number' ? error.statusCode : 400;
  // The router's own messages echo the whole URL; a short fixed sentence says the same without it.
  const detail = FRAMEWORK_DETAILS[error.code] ?? 'The request URL is malformed';
  void sendProblem(reply, problemBody(request, status, detail));
}

const FRAMEWORK_DETAILS: Record<string, string> = {
  FST_ERR_MAX_PARAM_LENGTH: `A path parameter is longer than ${MAX_ID_LENGTH} characters`,
  FST_ERR_BAD_URL: 'The request URL is malformed',
};

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (headers or URL over 16 KiB, a malformed
 * request line): answered as problems too, on the raw socket. Passed to Fastify as `clientErrorHandler`.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy(error);
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const title = STATUS_CODES[status] ?? 'Bad Request';
  const detail =
    status === 431
      ? 'The request line and headers are larger than the server reads (16 KiB); send long queries in a POST body'
      : 'The request could not be read';
  const body = JSON.stringify({ type: 'about:blank', title, status, detail });
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * The one error handler and the one not-found handler: every error leaves as application/problem+json
 * (RFC 9457). Messages of unexpected errors and of the driver are logged, never sent.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const location = (error.validationContext ?? 'querystring') as Location;
      const errors = error.validation.map((v) => ({
        location,
        path: toPath(v.instancePath),
        message: v.message ?? 'invalid',
      }));
      const summary = errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ');
      return sendProblem(reply, problemBody(request, 400, `Invalid ${location}: ${summary}`, { errors }));
    }
    if (isResponseSerializationError(error)) {
      // An answer that breaks its own schema is our bug: log what broke it, never send half a contract.
      request.log.error({ err: error, issues: error.cause.issues, route: error.url }, 'response does not match its schema');
      return sendProblem(reply, problemBody(request, 500, 'The answer did not match its documented schema; it has been logged'));
    }
    const limit = queryLimitOf(error);
    const problem = error instanceof HttpProblem ? error : limit ? queryLimitProblem(limit) : null;
    if (problem) {
      if (limit) request.log.warn({ err: error, limit }, 'a query passed a Neo4j limit');
      const { retryAfterSeconds, ...extra } = problem.extra;
      return sendProblem(reply, problemBody(request, problem.status, problem.message, extra), retryAfterSeconds);
    }
    if (isNeo4jUnavailable(error)) {
      request.log.warn({ err: error }, 'Neo4j unavailable');
      return sendProblem(reply, problemBody(request, 503, 'The graph database is unavailable; try again shortly'), RETRY_AFTER_UNAVAILABLE_SECONDS);
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (bad JSON, body too large, unsupported media type) have safe messages.
      return sendProblem(reply, problemBody(request, status, error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, problemBody(request, 500, 'An unexpected error occurred; it has been logged'));
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    return sendProblem(reply, problemBody(request, 404, `No route ${request.method} ${path}`));
  });
}
