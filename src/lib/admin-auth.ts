import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { HttpProblem } from './problem.js';

/** Compares in constant time: both sides are hashed to equal lengths first, so length leaks nothing either. */
export function keysMatch(provided: string, expected: string): boolean {
  const a = createHash('sha256').update(provided).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The admin key from `Authorization: Bearer <key>` or `X-API-Key`; 401 when absent, 403 when wrong. */
export function requireAdmin(request: FastifyRequest, expected: string): void {
  const header = request.headers.authorization;
  const bearer = typeof header === 'string' && /^Bearer\s+/i.test(header) ? header.replace(/^Bearer\s+/i, '') : undefined;
  const provided = bearer ?? (typeof request.headers['x-api-key'] === 'string' ? request.headers['x-api-key'] : undefined);
  if (!provided) throw new HttpProblem(401, 'This route needs the admin API key (Authorization: Bearer <key>, or X-API-Key)');
  if (!keysMatch(provided, expected)) throw new HttpProblem(403, 'The admin API key is not valid');
}
