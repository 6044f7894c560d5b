import type { FastifyReply, FastifyRequest } from 'fastify';

/** The route-level CORS of a research route: only the allowed origins, echoed; never a wildcard. */
export const researchCors = (origins: readonly string[]) => (origins.length > 0 ? { origin: [...origins] } : false);

/** The route options of a research route's preflight: the Origin check guards `methods`; CORS as `cors` says. */
export const researchPreflight = (methods: readonly string[], cors?: ReturnType<typeof researchCors>) => ({
  schema: { hide: true },
  config: { policy: { research: { preflightOf: methods }, admission: false, cache: false }, ...(cors === undefined ? {} : { cors }) },
  // Reached when CORS did not answer the preflight (no Origin, or CORS off for the route): nothing to allow.
  handler: async (_request: FastifyRequest, reply: FastifyReply) => reply.code(204).send(),
});
