import cors from '@fastify/cors';
import fp from 'fastify-plugin';

/** Apps that embed the data read it from any origin. */
export default fp(
  async (app) => {
    await app.register(cors, {
      origin: '*',
      methods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
      exposedHeaders: ['ETag', 'X-Request-Id', 'Retry-After', 'X-Cache', 'Dataset-Reviewed-On'],
      maxAge: 86_400,
    });
  },
  { name: 'cors' },
);
