import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { POOL_SIZE } from '../db/driver.js';
import { AdmissionQueue, type AdmissionTicket } from '../lib/admission-queue.js';
import { problemBody, sendProblem } from '../lib/problem.js';

/** Requests admitted at once by default: the driver pool's connections, and as many again waiting for one. */
export const DEFAULT_MAX_IN_FLIGHT = 2 * POOL_SIZE;
/** Requests waiting for a slot at most by default; one more is refused at once. */
export const DEFAULT_ADMISSION_QUEUE_MAX = 2_048;
/** The longest a request waits for a slot by default. */
export const DEFAULT_ADMISSION_DEADLINE_MS = 1_000;

declare module 'fastify' {
  interface FastifyInstance {
    admission: { readonly inFlight: number; readonly max: number; readonly refused: number; readonly waiting: number };
  }
}

const admitted = new WeakMap<FastifyRequest, AdmissionTicket>();

/**
 * Requests that use the API's pool: data under /v1/, except the research door (its own pool and bulkhead)
 * and the operator's reload, which must get through however busy readers keep the API.
 */
const usesApiPool = (url: string) =>
  url.startsWith('/v1/') && !url.startsWith('/v1/cypher') && !url.startsWith('/v1/queries') && !url.startsWith('/v1/admin/');

/**
 * Admission control in front of the database: at most `maxInFlight` data requests (under /v1/) that the
 * response cache could not answer are being worked on at once; past that, requests wait in a bounded FIFO
 * (lib/admission-queue.ts) for at most `deadlineMs`. A request is refused with 503 and Retry-After only
 * when the queue is full, when its expected wait already passes the deadline, or when the deadline comes.
 * Registered after the response cache, so cached answers are served however busy Neo4j is; health routes
 * are not under /v1/, so liveness answers too.
 */
export default fp<{ maxInFlight: number; maxQueue?: number; deadlineMs?: number }>(
  async (app, { maxInFlight, maxQueue = DEFAULT_ADMISSION_QUEUE_MAX, deadlineMs = DEFAULT_ADMISSION_DEADLINE_MS }) => {
    const queue = new AdmissionQueue({ maxInFlight, maxQueue, deadlineMs });
    app.decorate('admission', {
      get inFlight() {
        return queue.inFlight;
      },
      max: maxInFlight,
      get refused() {
        return queue.refused;
      },
      get waiting() {
        return queue.waiting;
      },
    });
    const release = (request: FastifyRequest) => {
      const ticket = admitted.get(request);
      if (ticket && admitted.delete(request)) ticket.release();
    };

    app.addHook('onRequest', (request, reply, done) => {
      if (!usesApiPool(request.url)) return done();
      let waiting = true;
      const withdraw = queue.enter({
        admit: (ticket) => {
          waiting = false;
          admitted.set(request, ticket);
          done();
        },
        refuse: (_reason, retryAfterSeconds) => {
          waiting = false;
          void sendProblem(reply, problemBody(request, 503, 'The graph database is saturated; try again shortly'), retryAfterSeconds);
        },
      });
      // 'close' also fires when the client goes away before the answer is sent, or while it waits.
      reply.raw.once('close', () => {
        if (waiting) withdraw();
        release(request);
      });
    });
    app.addHook('onResponse', (request, _reply, done) => {
      release(request);
      done();
    });
  },
  { name: 'admission', dependencies: ['http-caching'] },
);
