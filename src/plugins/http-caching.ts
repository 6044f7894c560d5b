import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { today } from '../lib/dates.js';

const DATA_CACHE_CONTROL = 'public, max-age=60, must-revalidate';
const MAX_ENTRIES = 5_000;
const MAX_BYTES = 64 * 1024 * 1024;

interface CachedResponse {
  etag: string;
  contentType: string;
  /** Text as text; a binary answer (PNG) stays a Buffer, since a round trip through UTF-8 would spoil it. */
  payload: string | Buffer;
  extraHeaders: Record<string, string>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The cache key of a cacheable GET, set on the way in and used to store the answer on the way out. */
    responseCacheKey?: string;
  }
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const c = candidate.trim();
    return c === '*' || c === etag || c === `W/${etag}`;
  });
}

// The day changes rarely; formatting a date on every request shows in profiles of the cached path.
let day = { until: 0, value: '' };
function currentDay(): string {
  const now = Date.now();
  if (now >= day.until) {
    const value = today();
    const nextMidnight = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate() + 1);
    day = { until: Math.min(nextMidnight, now + 60_000), value };
  }
  return day.value;
}

/** Data answers: every GET under /v1/ (researchers' POSTs are never cached). */
const isCacheable = (request: FastifyRequest) => request.method === 'GET' && request.url.startsWith('/v1/');

interface QuerySchema {
  safeParse(value: unknown): { success: boolean; data?: unknown };
}

const isQuerySchema = (schema: unknown): schema is QuerySchema =>
  typeof schema === 'object' && schema !== null && typeof (schema as QuerySchema).safeParse === 'function';

/**
 * The question a GET asks, as the route reads it: its path and its declared parameters, parsed by the
 * route's own schema (coerced, defaults filled in, unknown names dropped, keys sorted). Parameters the
 * route does not declare cannot make a new cache entry, so they cannot bust the cache. Null when the
 * parameters do not parse: the route answers 400 and nothing is cached.
 */
function questionKey(request: FastifyRequest): string | null {
  const url = request.url;
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const schema = request.routeOptions.schema?.querystring;
  if (!isQuerySchema(schema)) return q === -1 ? path : `${path}?${new URLSearchParams(url.slice(q + 1)).toString()}`;
  const raw: Record<string, string | string[]> = {};
  if (q !== -1) {
    for (const [key, value] of new URLSearchParams(url.slice(q + 1))) {
      const previous = raw[key];
      raw[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return null;
  const data = (parsed.data ?? {}) as Record<string, unknown>;
  const sorted = Object.keys(data)
    .sort()
    .filter((k) => data[k] !== undefined)
    .map((k) => [k, data[k]]);
  return `${path}?${JSON.stringify(sorted)}`;
}

/**
 * A small LRU of whole answers, keyed by route and parameters, the day (asOf defaults to today) and the
 * dataset version. A new dataset version empties it, so a re-seed never serves an old answer for longer
 * than the version takes to be noticed (see plugins/dataset-version.ts).
 */
class ResponseCache {
  private entries = new Map<string, CachedResponse>();
  private bytes = 0;
  private version: string | null = null;
  hits = 0;
  misses = 0;

  key(request: FastifyRequest, version: string | null): string | null {
    if (version !== this.version) {
      this.entries.clear();
      this.bytes = 0;
      this.version = version;
    }
    const question = questionKey(request);
    return question === null ? null : `${version ?? 'none'}\u0000${currentDay()}\u0000${question}`;
  }

  get(key: string): CachedResponse | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      this.hits += 1;
    } else this.misses += 1;
    return hit;
  }

  set(key: string, value: CachedResponse): void {
    if (value.payload.length > MAX_BYTES / 16) return;
    const previous = this.entries.get(key);
    if (previous) this.bytes -= previous.payload.length;
    this.entries.set(key, value);
    this.bytes += value.payload.length;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= MAX_ENTRIES && this.bytes <= MAX_BYTES) break;
      this.entries.delete(oldest);
      this.bytes -= entry.payload.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    responseCache: { readonly hits: number; readonly misses: number; readonly size: number };
  }
}

function sendCached(reply: FastifyReply, hit: CachedResponse, notModified: boolean): FastifyReply {
  reply.headers({ etag: hit.etag, 'cache-control': DATA_CACHE_CONTROL, 'x-cache': 'hit', ...hit.extraHeaders });
  if (notModified) return reply.code(304).send();
  return reply.code(200).type(hit.contentType).serializer((p: unknown) => p as string).send(hit.payload);
}

/**
 * HTTP caching of every successful GET: a strong ETag over the dataset version and the body, 304 on If-None-Match, Cache-Control, and a
 * response cache that answers repeated questions, and their 304s, without touching Neo4j.
 */
export default fp<{ responseCache: boolean }>(
  async (app, { responseCache }) => {
    const cache = new ResponseCache();
    app.decorate('responseCache', cache);

    // Callback style, not async: this hook runs on every request and a promise per request shows.
    app.addHook('onRequest', (request, reply, done) => {
      if (!responseCache || !isCacheable(request)) return done();
      const key = cache.key(request, app.datasetVersion.current());
      if (key === null) return done();
      const hit = cache.get(key);
      if (hit) {
        sendCached(reply, hit, etagMatches(request.headers['if-none-match'], hit.etag));
        return;
      }
      request.responseCacheKey = key;
      done();
    });

    app.addHook('onSend', async (request, reply, payload) => {
      if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return payload;
      if (reply.getHeader('x-cache') === 'hit') return payload;
      if (request.url.startsWith('/health')) {
        reply.header('cache-control', 'no-store');
        return payload;
      }
      if (request.url.startsWith('/docs')) return payload;
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
      const body: string | Buffer = payload;
      const hash = createHash('sha256')
        .update(app.datasetVersion.current() ?? 'no-dataset')
        .update('\0')
        .update(body)
        .digest('base64url')
        .slice(0, 32);
      const etag = `"${hash}"`;
      reply.header('etag', etag);
      reply.header('cache-control', DATA_CACHE_CONTROL);
      if (request.responseCacheKey) {
        const extraHeaders: Record<string, string> = {};
        const disposition = reply.getHeader('content-disposition');
        if (typeof disposition === 'string') extraHeaders['content-disposition'] = disposition;
        cache.set(request.responseCacheKey, {
          etag,
          contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
          payload: body,
          extraHeaders,
        });
        reply.header('x-cache', 'miss');
      }
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
