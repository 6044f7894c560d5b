import { PassThrough } from 'node:stream';
import fp from 'fastify-plugin';

/** How long a request body may take to arrive once the headers are in, by default. */
export const DEFAULT_BODY_READ_TIMEOUT_MS = 5_000;

class BodyTimeoutError extends Error {
  readonly statusCode = 408;
  constructor(ms: number) {
    super(`The request body did not arrive within ${ms / 1000} s`);
    this.name = 'BodyTimeoutError';
  }
}

/**
 * A read timeout for request bodies: a client that sends headers and then no body (or a trickle) gets a
 * 408 problem after `timeoutMs` and its connection is closed, instead of keeping a socket and a request
 * for the server's whole request timeout. Nothing is admitted before the body is in: admission control,
 * the research bulkhead and MCP's gate all take their slot after parsing.
 */
export default fp<{ timeoutMs: number }>(
  async (app, { timeoutMs }) => {
    app.addHook('preParsing', (request, reply, payload, done) => {
      const headers = request.headers;
      const hasBody = (headers['content-length'] !== undefined && headers['content-length'] !== '0') || headers['transfer-encoding'] !== undefined;
      if (!hasBody || request.raw.readableEnded) return done(null, payload);
      const through = new PassThrough();
      const timer = setTimeout(() => {
        payload.unpipe(through);
        // Answered already without the body (415, 413): nothing waits for it.
        if (reply.sent) return;
        // The answer is the last on this connection: the rest of the body is never read.
        reply.header('connection', 'close');
        through.destroy(new BodyTimeoutError(timeoutMs));
      }, timeoutMs);
      const clear = () => clearTimeout(timer);
      payload.once('end', clear);
      payload.once('close', clear);
      payload.once('error', (error) => {
        clear();
        through.destroy(error);
      });
      payload.pipe(through);
      done(null, through);
    });
  },
  { name: 'body-timeout' },
);
