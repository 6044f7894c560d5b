import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

/**
 * Security headers. The JSON needs no CSP, /docs needs inline scripts, and /embed sets its own; apps frame
 * /embed and read JSON cross-origin. Headers that only concern HTML in old browsers, or TLS (set HSTS at
 * the TLS terminator), stay off: every header is paid for on every answer.
 */
export default fp(
  async (app) => {
    await app.register(helmet, {
      contentSecurityPolicy: false,
      frameguard: false,
      crossOriginResourcePolicy: { policy: 'cross-origin' },
      hsts: false,
      dnsPrefetchControl: false,
      ieNoOpen: false,
      originAgentCluster: false,
      permittedCrossDomainPolicies: false,
      xssFilter: false,
    });
  },
  { name: 'helmet' },
);
