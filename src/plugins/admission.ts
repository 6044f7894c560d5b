import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { POOL_SIZE } from '../db/driver.js';
import { problemBody, sendProblem } from '../lib/problem.js';
import { policyOf } from './route-policy.js';

/** Requests admitted at once by default: the driver pool's connections, and as many again waiting for one. */
export const DEFAULT_MAX_IN_FLIGHT = 2 * POOL_SIZE;
/** A saturated database frees a slot within a request's time: ask clients to come back in a second. */
const RETRY_AFTER_SECONDS = 1;

declare module 'fastify' {
  interface FastifyInstance {
    admission: {
      readonly inFlight: number;
      readonly max: number;
      readonly refused: number;
      /** Takes a slot for work that is not an HTTP request of its own (an MCP tool call): its release, or null when full. */
      tryAcquire(): (() => void) | null;
    };
  }
}

const admitted = new WeakSet<FastifyRequest>();

/**
 * Requests that use the API's pool, as their route declares (plugins/route-policy.ts): data under /v1/,
 * except the research door (its own pool and bulkhead) and the operator's reload, which must get through
 * however busy readers keep the API.
 */
const usesApiPool = (request: FastifyRequest) => policyOf(request).admission === true;

/**
 * Admission control in front of the database: at most `maxInFlight` data requests (under /v1/) that the
 * response cache could not answer are being worked on at once; one more is refused at once with 503 and
 * Retry-After, instead of queueing for a pooled connection while its latency and the process's memory grow.
 * Registered after the response cache, so cached answers are served however busy Neo4j is; health routes
 * are not under /v1/, so liveness answers too. A slot is taken once the body is in (preValidation), so
 * clients that send headers and then no body hold no slot: they wait for the body read timeout instead.
 */
export default fp<{ maxInFlight: number }>(
  async (app, { maxInFlight }) => {
    let inFlight = 0;
    let refused = 0;
    app.decorate('admission', {
      get inFlight() {
        return inFlight;
      },
      max: maxInFlight,
      get refused() {
        return refused;
      },
      tryAcquire() {
        if (inFlight >= maxInFlight) {
          refused += 1;
          return null;
        }
        inFlight += 1;
        let released = false;
        return () => {
          if (released) return;
          released = true;
          inFlight -= 1;
        };
      },
    });
    const release = (request: FastifyRequest) => {
      if (admitted.delete(request)) inFlight -= 1;
    };

    app.addHook('preValidation', (request, reply, done) => {
      if (!usesApiPool(request)) return done();
      if (inFlight >= maxInFlight) {
        refused += 1;
        void sendProblem(reply, problemBody(request, 503, 'The graph database is saturated; try again shortly'), RETRY_AFTER_SECONDS);
        return;
      }
      inFlight += 1;
      admitted.add(request);
      // 'close' also fires when the client goes away before the answer is sent.
      reply.raw.once('close', () => release(request));
      done();
    });
    app.addHook('onResponse', (request, _reply, done) => {
      release(request);
      done();
    });
  },
  { name: 'admission', dependencies: ['http-caching'] },
);
