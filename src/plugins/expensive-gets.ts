import { normalizeIP, type CreateRateLimitOptions } from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { problemBody, sendProblem } from '../lib/problem.js';
import { costOf } from './route-policy.js';

/**
 * The typed GETs whose answers cost Neo4j real work (deep graphs, look-through, the export, paths,
 * pictures, version diffs), as the matched route's cost class says (plugins/route-policy.ts).
 */
export function isExpensiveGet(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  return costOf(request) === 'expensive';
}

const WINDOW_MS = 60_000;
/** Clients whose windows the in-process store remembers (the library's default is 5,000). */
const MAX_CLIENTS = 50_000;

declare module 'fastify' {
  interface FastifyInstance {
    expensiveGets: {
      readonly perMinute: number;
      /**
       * Charges one expensive request to the request's client, as an MCP tool call is: null when allowed,
       * else the seconds until its window resets.
       */
      take(request: FastifyRequest): Promise<number | null>;
    };
  }
}

/**
 * A per-client limit on the expensive typed GETs, counted only for answers the response cache does not
 * give (this hook runs after the cache's), so that a flood of new questions cannot crowd out other
 * clients. Answers carry the IETF draft's RateLimit headers; past the limit, 429 with Retry-After.
 *
 * The count is @fastify/rate-limit's, in its store (shared by replicas when there is one). It is one
 * limiter, not a `config.rateLimit` per route: that would give each route its own count, and whether a
 * request is expensive depends on its parameters (a deep graph) and on the cache, which the route's
 * config cannot say. MCP tool calls are charged to the same count.
 */
export default fp<{ perMinute: number }>(
  async (app, { perMinute }) => {
    // `cache` sizes the in-process store; the library reads it here though its types leave it out.
    const options: CreateRateLimitOptions & { cache: number } = {
      max: perMinute,
      timeWindow: WINDOW_MS,
      // Keys of its own: every limiter made with createRateLimit shares one namespace of the store.
      keyGenerator: (request) => `expensive-gets:${normalizeIP(request.ip)}`,
      cache: MAX_CLIENTS,
    };
    const limiter = app.createRateLimit(options);
    /** Counts one request; `reset` is the seconds left in the client's window. */
    const charge = async (request: FastifyRequest): Promise<{ allowed: boolean; remaining: number; reset: number }> => {
      const result = await limiter(request);
      if (result.isAllowed) return { allowed: true, remaining: perMinute, reset: WINDOW_MS / 1000 };
      // A store that did not answer counts nothing (ttl 0): the request is let through (plugins/external/rate-limit.ts).
      const reset = result.ttlInSeconds > 0 ? result.ttlInSeconds : WINDOW_MS / 1000;
      return { allowed: !result.isExceeded, remaining: result.remaining, reset };
    };
    app.decorate('expensiveGets', {
      perMinute,
      async take(request: FastifyRequest) {
        const { allowed, reset } = await charge(request);
        return allowed ? null : reset;
      },
    });
    // Callback style: most requests are cheap and leave at once, without the promise an async hook costs.
    app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done) => {
      if (!isExpensiveGet(request)) return done();
      charge(request).then(
        ({ allowed, remaining, reset }) => {
          reply.header('ratelimit-policy', `"expensive-gets";q=${perMinute};w=${WINDOW_MS / 1000}`);
          reply.header('ratelimit', `"expensive-gets";r=${remaining};t=${reset}`);
          if (allowed) return done();
          void sendProblem(
            reply,
            problemBody(request, 429, `At most ${perMinute} deep-graph, look-through, export and path requests a minute per client`),
            reset,
          );
        },
        (error: unknown) => done(error as Error),
      );
    });
  },
  { name: 'expensive-gets', dependencies: ['http-caching', 'rate-limit'] },
);
