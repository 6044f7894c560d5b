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

interface Window {
  start: number;
  count: number;
}

const WINDOW_MS = 60_000;
const MAX_CLIENTS = 50_000;

/**
 * A per-client limit on the expensive typed GETs, counted only for answers the response cache does not
 * give (this hook runs after the cache's), so that a flood of new questions cannot crowd out other
 * clients. Answers carry the IETF draft's RateLimit headers; past the limit, 429 with Retry-After.
 */
declare module 'fastify' {
  interface FastifyInstance {
    expensiveGets: {
      readonly perMinute: number;
      /** Charges one expensive request to a client (an MCP tool call): null when allowed, else the seconds until its window resets. */
      take(client: string): number | null;
    };
  }
}

export default fp<{ perMinute: number }>(
  async (app, { perMinute }) => {
    const windows = new Map<string, Window>();
    const windowOf = (client: string, now: number): Window => {
      let w = windows.get(client);
      if (!w || now - w.start >= WINDOW_MS) {
        if (!w && windows.size >= MAX_CLIENTS) {
          const oldest = windows.keys().next().value;
          if (oldest !== undefined) windows.delete(oldest);
        }
        w = { start: now, count: 0 };
        windows.delete(client);
        windows.set(client, w);
      }
      return w;
    };
    const resetOf = (w: Window, now: number) => Math.max(1, Math.ceil((w.start + WINDOW_MS - now) / 1000));
    app.decorate('expensiveGets', {
      perMinute,
      take(client: string) {
        const now = Date.now();
        const w = windowOf(client, now);
        if (w.count >= perMinute) return resetOf(w, now);
        w.count += 1;
        return null;
      },
    });
    app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done) => {
      if (!isExpensiveGet(request)) return done();
      const now = Date.now();
      const w = windowOf(request.ip, now);
      const reset = resetOf(w, now);
      reply.header('ratelimit-policy', `"expensive-gets";q=${perMinute};w=60`);
      if (w.count >= perMinute) {
        reply.header('ratelimit', `"expensive-gets";r=0;t=${reset}`);
        void sendProblem(
          reply,
          problemBody(request, 429, `At most ${perMinute} deep-graph, look-through, export and path requests a minute per client`),
          reset,
        );
        return;
      }
      w.count += 1;
      reply.header('ratelimit', `"expensive-gets";r=${perMinute - w.count};t=${reset}`);
      done();
    });
  },
  { name: 'expensive-gets', dependencies: ['http-caching'] },
);
