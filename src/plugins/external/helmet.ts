import type { IncomingMessage, ServerResponse } from 'node:http';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Security headers. The JSON needs no CSP, /docs needs inline scripts, and /embed sets its own; apps frame
 * /embed and read JSON cross-origin. Headers that only concern HTML in old browsers, or TLS (set HSTS at
 * the TLS terminator), stay off: every header is paid for on every answer.
 */
const OPTIONS: HelmetOptions = {
  contentSecurityPolicy: false,
  frameguard: false,
  crossOriginResourcePolicy: { policy: 'cross-origin' },
  hsts: false,
  dnsPrefetchControl: false,
  ieNoOpen: false,
  originAgentCluster: false,
  permittedCrossDomainPolicies: false,
  xssFilter: false,
};

/** The headers helmet sets with these options: without a CSP nonce they are the same on every answer. */
export function helmetHeaders(options: HelmetOptions = OPTIONS): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => {});
  return headers;
}

/**
 * helmet decides the headers once, at start, and every answer gets them from a plain object: run per
 * request, as @fastify/helmet does, its middleware cost a cached answer a quarter of its CPU time
 * (bench/profile.md).
 */
export default fp(
  async (app) => {
    const headers = helmetHeaders();
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers);
      done();
    });
  },
  { name: 'helmet' },
);
