import underPressure from '@fastify/under-pressure';
import fp from 'fastify-plugin';
import { problemBody, RETRY_AFTER_UNAVAILABLE_SECONDS, sendProblem } from '../../lib/problem.js';

/** Sheds load with a 503 problem when the event loop lags by more than the configured limit (a second by default). */
export default fp<{ maxEventLoopDelayMs?: number | undefined }>(
  async (app, options) => {
    await app.register(underPressure, {
      maxEventLoopDelay: options.maxEventLoopDelayMs ?? 1_000,
      retryAfter: RETRY_AFTER_UNAVAILABLE_SECONDS,
      exposeStatusRoute: false,
      pressureHandler: (request, reply, type, value) => {
        // An interval without a single sample (the loop was busy building the app, say) reads as an infinite delay:
        // that is no measurement, so the request goes on; the next interval's real samples decide.
        if (type === 'eventLoopDelay' && !Number.isFinite(value)) return;
        void sendProblem(reply, problemBody(request, 503, 'The server is overloaded; try again shortly'), RETRY_AFTER_UNAVAILABLE_SECONDS);
      },
    });
  },
  { name: 'under-pressure' },
);
