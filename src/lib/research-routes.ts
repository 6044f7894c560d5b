import type { FastifyReply, FastifyRequest } from 'fastify';

/** The route-level CORS of a research route: only the allowed origins, echoed; never a wildcard. */
export const researchCors = (origins: readonly string[]) => (origins.length > 0 ? { origin: [...origins] } : false);

/**
 * The options every research route shares: a small body, the researchers' request rate, the research policy
 * (the Origin check, no admission slot, no cache) and CORS only for the allowed origins.
 */
export const researchRouteOptions = (limits: { rateLimitPerMinute: number; corsOrigins: readonly string[] }) => ({
  bodyLimit: 32 * 1024,
  config: {
    rateLimit: { max: limits.rateLimitPerMinute, timeWindow: 60_000 },
    policy: { research: true, admission: false, cache: false },
    cors: researchCors(limits.corsOrigins),
  },
});

/** The route options of a research route's preflight: the Origin check guards `methods`; CORS as `cors` says. */
export const researchPreflight = (methods: readonly string[], cors?: ReturnType<typeof researchCors>) => ({
  schema: { hide: true },
  config: { policy: { research: { preflightOf: methods }, admission: false, cache: false }, ...(cors === undefined ? {} : { cors }) },
  // Reached when CORS did not answer the preflight (no Origin, or CORS off for the route): nothing to allow.
  handler: async (_request: FastifyRequest, reply: FastifyReply) => reply.code(204).send(),
});
