import { createHash } from 'node:crypto';
import cors from '@fastify/cors';
import fp from 'fastify-plugin';

const DATA_CACHE_CONTROL = 'public, max-age=60, must-revalidate';

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const c = candidate.trim();
    return c === '*' || c === etag || c === `W/${etag}`;
  });
}

/**
 * CORS for apps that embed the data (any origin may GET), and HTTP caching of every successful GET:
 * a strong ETag over the dataset version and the body, 304 on If-None-Match, and Cache-Control.
 */
export default fp(
  async (app) => {
    await app.register(cors, {
      origin: '*',
      methods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
      exposedHeaders: ['ETag', 'X-Request-Id', 'Retry-After'],
      maxAge: 86_400,
    });

    app.addHook('onSend', async (request, reply, payload) => {
      if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return payload;
      if (request.url.startsWith('/health') || request.url.startsWith('/docs')) {
        if (request.url.startsWith('/health')) reply.header('cache-control', 'no-store');
        return payload;
      }
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
      const hash = createHash('sha256')
        .update(app.datasetVersion.current() ?? 'no-dataset')
        .update('\0')
        .update(payload)
        .digest('base64url')
        .slice(0, 32);
      const etag = `"${hash}"`;
      reply.header('etag', etag);
      reply.header('cache-control', DATA_CACHE_CONTROL);
      if (etagMatches(request.headers['if-none-match'], etag)) {
        reply.code(304);
        reply.removeHeader('content-type');
        reply.removeHeader('content-length');
        return '';
      }
      return payload;
    });
  },
  { name: 'http-caching', dependencies: ['dataset-version'] },
);
