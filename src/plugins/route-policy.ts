import type { FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { problemBody, sendProblem } from '../lib/problem.js';

/**
 * What a request costs the graph: `cheap` answers are small reads; `expensive` ones (deep graphs,
 * look-through, the export, paths, pictures, version diffs) count against the per-client limit of
 * plugins/expensive-gets.ts when the response cache cannot answer them.
 */
export type CostClass = 'cheap' | 'expensive';

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
  /** The cost class, or how the request's parameters decide it. */
  cost?: CostClass | ((query: Record<string, unknown>) => CostClass);
}

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
}

const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);

/** A graph deeper than 3, or drawn as a picture, is expensive. */
const graphCost = (query: Record<string, unknown>): CostClass => {
  const depth = Number(first(query.depth) ?? '2');
  const format = String(first(query.format) ?? 'json');
  return !(depth < 4) || format === 'png' || format === 'svg' ? 'expensive' : 'cheap';
};

/**
 * Cost classes of the typed routes, by the route's declared URL (not a request's): the routes whose
 * answers cost Neo4j or the CPU real work. A route may also declare its own `config.policy.cost`.
 */
export const ROUTE_COSTS: Readonly<Record<string, RoutePolicy['cost']>> = {
  '/v1/graph/ownership': graphCost,
  '/v1/ownership/effective': 'expensive',
  '/v1/ownership/effective/explain': 'expensive',
  '/v1/ownership/controller': 'expensive',
  '/v1/ownership/ultimate': 'expensive',
  '/v1/changes': 'expensive',
  '/v1/export': 'expensive',
  '/v1/path': 'expensive',
  '/v1/versions/:a/diff/:b': 'expensive',
  '/embed/ownership': graphCost,
};

/** The policies a route gets unless it declares its own: data under /v1/ uses the pool and is cached. */
export function defaultPolicy(method: string, url: string): RoutePolicy {
  const data = url.startsWith('/v1/') && !url.startsWith('/v1/admin/');
  const cost = ROUTE_COSTS[url];
  return {
    admission: data,
    cache: data && method === 'GET',
    ...(cost ? { cost } : {}),
  };
}

/** The policy of the route a request reached (empty for an unmatched one). */
export function policyOf(request: FastifyRequest): RoutePolicy {
  return request.routeOptions.config?.policy ?? {};
}

/** The cost class of a request on its route. */
export function costOf(request: FastifyRequest): CostClass {
  const cost = policyOf(request).cost;
  if (cost === undefined) return 'cheap';
  return typeof cost === 'function' ? cost((request.query ?? {}) as Record<string, unknown>) : cost;
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
 * Route policies: every route gets its `config.policy` (its own, or the defaults by its declared URL)
 * when it is registered, and paths that percent-encode unreserved characters are refused with 400 before
 * any other policy runs. Registered before every route.
 */
export default fp(
  async (app) => {
    app.addHook('onRoute', (route: RouteOptions) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const declared = route.config?.policy;
      const defaults = defaultPolicy(String(methods[0]).toUpperCase(), route.url);
      route.config = { ...route.config, policy: { ...defaults, ...declared } };
    });
    app.addHook('onRequest', (request, reply, done) => {
      const escape = request.url.includes('%') ? nonCanonicalEscape(request.url) : null;
      if (escape === null) return done();
      void sendProblem(
        reply,
        problemBody(request, 400, `The path percent-encodes the unreserved character "${decodeURIComponent(escape)}" (${escape}); spell it plainly`),
      );
    });
  },
  { name: 'route-policy' },
);
