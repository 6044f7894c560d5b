import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { POOL_SIZE } from '../db/driver.js';
import { AdmissionQueue, type AdmissionTicket } from '../lib/admission-queue.js';
import { problemBody, sendProblem } from '../lib/problem.js';
import { policyOf } from './route-policy.js';

/** Requests admitted at once by default: the driver pool's connections, and as many again waiting for one. */
export const DEFAULT_MAX_IN_FLIGHT = 2 * POOL_SIZE;
/** Requests waiting for a slot at most by default; one more is refused at once. */
export const DEFAULT_ADMISSION_QUEUE_MAX = 2_048;
/** The event-loop delay histogram's sampling period (ms); readings are this much late by design. */
const LOOP_DELAY_RESOLUTION_MS = 10;
/** The longest a request waits for a slot by default. */
export const DEFAULT_ADMISSION_DEADLINE_MS = 1_000;

declare module 'fastify' {
  interface FastifyInstance {
    admission: {
      readonly inFlight: number;
      readonly max: number;
      readonly refused: number;
      readonly waiting: number;
      /**
       * Takes a slot at once for work that is not an HTTP request of its own (an MCP tool call): its release, or null
       * when no slot is free right now (it does not wait in the queue: the MCP request holding it already waited).
       */
      tryAcquire(): (() => void) | null;
    };
  }
}

const admitted = new WeakMap<FastifyRequest, AdmissionTicket>();

/**
 * Requests that use the API's pool, as their route declares (plugins/route-policy.ts): data under /v1/,
 * except the research door (its own pool and bulkhead) and the operator's reload, which must get through
 * however busy readers keep the API.
 */
const usesApiPool = (request: FastifyRequest) => policyOf(request).admission === true;

/**
 * Admission control in front of the database: at most `maxInFlight` data requests (under /v1/) that the
 * response cache could not answer are being worked on at once; past that, requests wait in a bounded FIFO
 * (lib/admission-queue.ts) for at most `deadlineMs`. A request is refused with 503 and Retry-After only
 * when the queue is full, when its expected wait and query already pass the deadline, or when the deadline comes.
 * Registered after the response cache, so cached answers are served however busy Neo4j is; health routes
 * are not under /v1/, so liveness answers too. A slot is taken once the body is in (preValidation), so
 * clients that send headers and then no body hold no slot: they wait for the body read timeout instead.
 */
export default fp<{ maxInFlight: number; maxQueue?: number; deadlineMs?: number }>(
  async (app, { maxInFlight, maxQueue = DEFAULT_ADMISSION_QUEUE_MAX, deadlineMs = DEFAULT_ADMISSION_DEADLINE_MS }) => {
    // A busy event loop reads a request and writes its answer late by up to a turn each: a waiter's turn leaves
    // room for two of the loop's 99th-percentile delays of the last second (Node's own histogram), so that the
    // answer, not only the hold, is out by the deadline. The mean delay (under-pressure's reading) left one
    // answer in a hundred at 1,024 connections 15–45 ms late at the client; one 99th-percentile delay left the
    // served answers' p99 at 944–1,036 ms in four probes, two of them late; two delays: 923–948 ms in four.
    // The deadline counts from the request's arrival (fastify's elapsed time), not from its asking for a slot.
    const loopDelay = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS });
    loopDelay.enable();
    let loopDelayP99 = 0;
    // The queue counts a reading that is no positive number of milliseconds (no sample this second) as none.
    const sampler = setInterval(() => {
      loopDelayP99 = loopDelay.percentile(99) / 1e6 - LOOP_DELAY_RESOLUTION_MS;
      loopDelay.reset();
    }, 1_000);
    sampler.unref();
    app.addHook('onClose', (_app, done) => {
      clearInterval(sampler);
      loopDelay.disable();
      done();
    });
    // Once a newcomer would expect its answer after half the deadline, the newest are served first (adaptive
    // LIFO). At 1,024 connections (8-s probes): p99 of served answers 667 and 675 ms, and about 6,000 refused,
    // against 839–1,092 ms and 2,100–49,000 refused first come, first served (six probes). At 256, 192 wait
    // at most: at the bench's rates there (831–1,460 answers/s) a newcomer expects 180–310 ms, so FIFO stays.
    const queue = new AdmissionQueue({ maxInFlight, maxQueue, deadlineMs, margin: () => 2 * loopDelayP99, lifoAboveMs: deadlineMs / 2 });
    let refusedAtOnce = 0;
    app.decorate('admission', {
      get inFlight() {
        return queue.inFlight;
      },
      max: maxInFlight,
      get refused() {
        return queue.refused + refusedAtOnce;
      },
      get waiting() {
        return queue.waiting;
      },
      tryAcquire() {
        let ticket: AdmissionTicket | null = null;
        const withdraw = queue.enter({ admit: (t) => (ticket = t), refuse: () => undefined });
        const granted = ticket as AdmissionTicket | null;
        if (!granted) {
          // Queued (or refused): an MCP call does not wait here.
          withdraw();
          refusedAtOnce += 1;
          return null;
        }
        let released = false;
        return () => {
          if (released) return;
          released = true;
          granted.release();
        };
      },
    });
    const release = (request: FastifyRequest) => {
      const ticket = admitted.get(request);
      if (ticket && admitted.delete(request)) ticket.release();
    };

    // The slot is asked for once the body is in (preValidation): a client that sends headers and no body holds none.
    app.addHook('preValidation', (request, reply, done) => {
      if (!usesApiPool(request)) return done();
      let waiting = true;
      const withdraw = queue.enter(
        {
          admit: (ticket) => {
            waiting = false;
            admitted.set(request, ticket);
            done();
          },
          refuse: (_reason, retryAfterSeconds) => {
            waiting = false;
            void sendProblem(reply, problemBody(request, 503, 'The graph database is saturated; try again shortly'), retryAfterSeconds);
          },
        },
        reply.elapsedTime,
      );
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
