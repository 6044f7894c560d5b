import type { FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { problemBody, sendProblem } from '../lib/problem.js';
import { costFor, type CostClass, type CostOf } from '../lib/cost-class.js';

export type { CostClass };

/**
 * The policies of one route, decided where the route is declared and read from the route the router
 * matched (after it decoded the path), never from the raw URL: a path spelled another way reaches the
 * same route and so the same policies.
 */
export interface RoutePolicy {
  /**
   * The route runs researchers' queries: only pages from the operator's allowed origins may call it, and
   * it gets no wildcard CORS. On a preflight (OPTIONS) route, `preflightOf` lists the methods it guards.
   */
  research?: boolean | { preflightOf: readonly string[] };
  /** Counted by admission control in front of the API's pool (plugins/admission.ts). */
  admission?: boolean;
  /** Successful GET answers are cached and get ETags (plugins/http-caching.ts). */
  cache?: boolean;
  /**
   * What HTTP caches are told of a successful GET answer (plugins/http-caching.ts): by default an ETag and the
   * data's Cache-Control; 'no-store' for answers no cache may keep (health); 'own' for routes that set their
   * own caching headers (the docs' static files).
   */
  httpCaching?: 'no-store' | 'own';
  /** The cost class, or how the request's parameters decide it. */
  cost?: CostOf;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
}

/** The policy of the route a request reached (empty for an unmatched one). */
export function policyOf(request: FastifyRequest): RoutePolicy {
  return request.routeOptions.config?.policy ?? {};
}

/** The cost class of a request on its route. */
export function costOf(request: FastifyRequest): CostClass {
  return costFor(policyOf(request).cost, (request.query ?? {}) as Record<string, unknown>);
}

/** Characters RFC 3986 calls unreserved: their percent-encoded form must not be used (section 2.3). */
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/**
 * The first percent-encoded unreserved character of a URL's path (`%76` for `v`), or null. Such a path
 * names the same resource as its decoded form, so proxies, caches and logs would see another URL than
 * the route that answers; it is refused.
 */
export function nonCanonicalEscape(url: string): string | null {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  let at = path.indexOf('%');
  while (at !== -1) {
    const hex = path.slice(at + 1, at + 3);
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      const ch = String.fromCharCode(Number.parseInt(hex, 16));
      if (UNRESERVED.test(ch)) return path.slice(at, at + 3);
    }
    at = path.indexOf('%', at + 1);
  }
  return null;
}

/**
 * Route policies: every route declares its `config.policy` where it is registered (the table of operations
 * for the typed answers), and paths that percent-encode unreserved characters are refused with 400 before
 * any other policy runs. Registered before every route.
 */
export default fp(
  async (app) => {
    // A route that declares no policy gets none: no admission slot, no cache, cheap.
    app.addHook('onRoute', (route: RouteOptions) => {
      route.config = { ...route.config, policy: route.config?.policy ?? {} };
    });
    app.addHook('onRequest', (request, reply, done) => {
      const escaped = request.url.includes('%') ? nonCanonicalEscape(request.url) : null;
      if (escaped === null) return done();
      void sendProblem(
        reply,
        problemBody(request, 400, `The path percent-encodes the unreserved character "${decodeURIComponent(escaped)}" (${escaped}); spell it plainly`),
      );
    });
  },
  { name: 'route-policy' },
);
