import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';

/** Off by default; the expensive routes (researchers' Cypher) opt in with their own limits. */
export default fp(
  async (app) => {
    await app.register(rateLimit, { global: false });
  },
  { name: 'rate-limit' },
);
