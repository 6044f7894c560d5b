import { createHash } from 'node:crypto';
import { getHeapStatistics } from 'node:v8';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { compressedVariant, encodingFor, type Encoding, type Variants } from '../lib/compression.js';
import { currentDay } from '../lib/dates.js';
import { TimeEpochs } from '../lib/time-epochs.js';
import type { FrontCache, FrontCacheStats, Validity } from '../lib/front-cache.js';
import { policyOf } from './route-policy.js';

const DATA_CACHE_CONTROL = 'public, max-age=60, must-revalidate';
const EMPTY = Buffer.alloc(0);
const MAX_ENTRIES = 5_000;
/**
 * The cache's bound in bytes: 32 MiB, or an eighth of the heap the process may have, whichever is less
 * (under the image's --max-old-space-size=96, 12 MiB), so that cached answers and their compressed copies can
 * never fill the heap.
 */
export const MAX_BYTES = Math.min(32 * 1024 * 1024, Math.floor(getHeapStatistics().heap_size_limit / 8));

interface CachedResponse {
  etag: string;
  contentType: string;
  /**
   * The body as the bytes sent: text is encoded to UTF-8 once, when stored, not on every hit (a JSON answer
   * with a non-Latin-1 character is a two-byte string that Node would otherwise copy and encode per write).
   */
  payload: Buffer;
  extraHeaders: Record<string, string>;
  /** Compressed copies of the payload, made once on first demand: a hit is never compressed again. */
  variants?: Variants;
  /**
   * Set on an answer shared by every day of a time interval: the body is `head + asOf + tail` and the
   * ETag a hash of the hash of head and tail and the asOf, so each day gets its own echoed asOf and its own
   * strong ETag, without hashing the body again.
   */
  template?: { head: string; tail: string; hash: string; last?: { asOf: string; etag: string; payload: Buffer; variants?: Variants } };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The cache key of a cacheable GET, set on the way in and used to store the answer on the way out. */
    responseCacheKey?: string;
    /** The dataset version that key was made for: an answer is stored under it only if it is still current. */
    responseCacheVersion?: string | null;
    /** For a dated GET: the asOf it echoes, and once the change dates are known, the key its time interval shares. */
    responseCacheDated?: Dated;
    /** The bytes a cache hit went out with, for the front cache to replay with the hit's headers. */
    frontAnswer?: Buffer;
    /** A cache hit answered 304 to this request's If-None-Match, for the front cache to replay with its headers. */
    frontNotModified?: boolean;
    /** The dataset version and day a hit was served for: the front cache records it only if they still hold. */
    frontMadeFor?: Validity;
  }
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const c = candidate.trim();
    return c === '*' || c === etag || c === `W/${etag}`;
  });
}

/**
 * Data answers: GETs (and their HEADs) of the routes whose policy says so, every GET under /v1/ (researchers'
 * POSTs are never cached). A HEAD asks the GET's question: it shares its entry, so it gets the GET's headers,
 * day ETag included (RFC 9110 §9.3.2).
 */
const isCacheable = (request: FastifyRequest) => (request.method === 'GET' || request.method === 'HEAD') && policyOf(request).cache === true;

interface QuerySchema {
  safeParse(value: unknown): { success: boolean; data?: unknown };
}

const isQuerySchema = (schema: unknown): schema is QuerySchema =>
  typeof schema === 'object' && schema !== null && typeof (schema as QuerySchema).safeParse === 'function';

const datedSchemas = new WeakMap<object, boolean>();
/** Whether a route's query declares asOf (its zod object's shape has it): its answers are dated. */
function declaresAsOf(schema: QuerySchema): boolean {
  let dated = datedSchemas.get(schema);
  if (dated === undefined) {
    const shape = (schema as { shape?: unknown }).shape;
    dated = typeof shape === 'object' && shape !== null && 'asOf' in shape;
    datedSchemas.set(schema, dated);
  }
  return dated;
}

interface Dated {
  /** The day the answer is for (default today). */
  asOf: string;
  /** The key every day of its time interval shares, once the change dates of this version are known. */
  intervalKey?: string;
}

interface Question {
  /** Path and parsed parameters. */
  key: string;
  /** For a route that declares asOf: the same without asOf, and the day asked for (default today). */
  dated?: { key: string; asOf: string };
}

/**
 * The question a GET asks, as the route reads it: its path and its declared parameters, parsed by the
 * route's own schema (coerced, defaults filled in, unknown names dropped, keys sorted). Parameters the
 * route does not declare cannot make a new cache entry, so they cannot bust the cache. Null when the
 * parameters do not parse: the route answers 400 and nothing is cached.
 */
function questionOf(request: FastifyRequest): Question | null {
  const url = request.url;
  const schema = request.routeOptions.schema?.querystring;
  if (typeof schema !== 'object' || schema === null) return withDay(parseQuestion(url, schema));
  // A URL always asks the same question of its route: remember the parse of the URLs asked lately, since
  // parsing and sorting the parameters again is most of the cache's own work on a hit.
  let byUrl = questions.get(schema);
  if (byUrl === undefined) {
    byUrl = new Map();
    questions.set(schema, byUrl);
  }
  let parsed = byUrl.get(url);
  if (parsed === undefined) {
    parsed = parseQuestion(url, schema);
    if (byUrl.size >= MAX_REMEMBERED_QUESTIONS) byUrl.delete(byUrl.keys().next().value!);
    byUrl.set(url, parsed);
  }
  return withDay(parsed);
}

/** Without asOf a dated question asks about today, which is not remembered: it changes at midnight. */
function withDay(parsed: ParsedQuestion | null): Question | null {
  if (!parsed?.dated) return parsed as Question | null;
  const { key, asOf } = parsed.dated;
  return asOf === undefined ? { key: parsed.key, dated: { key, asOf: currentDay() } } : (parsed as Question);
}

const MAX_REMEMBERED_QUESTIONS = 1_000;
const questions = new WeakMap<object, Map<string, ParsedQuestion | null>>();

/** A question as its URL reads; a dated one without asOf is about the day it is asked. */
interface ParsedQuestion {
  key: string;
  dated?: { key: string; asOf: string | undefined };
}

function parseQuestion(url: string, schema: unknown): ParsedQuestion | null {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (!isQuerySchema(schema)) return { key: q === -1 ? path : `${path}?${new URLSearchParams(url.slice(q + 1)).toString()}` };
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
  const key = `${path}?${JSON.stringify(sorted)}`;
  if (!declaresAsOf(schema)) return { key };
  const asOf = typeof data.asOf === 'string' ? data.asOf : undefined;
  return { key, dated: { key: `${path}?${JSON.stringify(sorted.filter(([k]) => k !== 'asOf'))}`, asOf } };
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

  /**
   * The keys of a cacheable GET: `exact` for this very question on this day; `interval`, for a dated
   * question once the change dates of this dataset version are known, shared by every day of its interval.
   */
  keys(request: FastifyRequest, version: string | null, epochs: TimeEpochs | null): { exact: string; dated?: Dated } | null {
    if (version !== this.version) {
      this.entries.clear();
      this.bytes = 0;
      this.version = version;
    }
    const question = questionOf(request);
    if (question === null) return null;
    const v = version ?? 'none';
    const exact = `${v}\u0000${currentDay()}\u0000${question.key}`;
    if (!question.dated) return { exact };
    const { key, asOf } = question.dated;
    if (!epochs || epochs.version !== version) return { exact, dated: { asOf } };
    return { exact, dated: { asOf, intervalKey: `${v}\u0000e${epochs.intervalOf(asOf)}\u0000${key}` } };
  }

  /** Looks a key up without counting a hit or a miss. */
  peek(key: string): CachedResponse | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  /** Counts the bytes of a compressed copy added to (or dropped from) an entry already stored, and keeps within bounds. */
  grow(bytes: number): void {
    this.bytes += bytes;
    if (bytes > 0) this.evict();
  }

  set(key: string, value: CachedResponse): void {
    const size = sizeOf(value);
    if (size > MAX_BYTES / 16) return;
    const previous = this.entries.get(key);
    if (previous) this.bytes -= sizeOf(previous);
    this.entries.set(key, value);
    this.bytes += size;
    this.evict();
  }

  private evict(): void {
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= MAX_ENTRIES && this.bytes <= MAX_BYTES) break;
      this.entries.delete(oldest);
      this.bytes -= sizeOf(entry);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get byteSize(): number {
    return this.bytes;
  }
}

// Bytes in memory: a string's characters count two bytes each (V8 keeps non-Latin-1 text in two), a Buffer
// its length. A template counts twice: its parts, and the body of the day asked last that it keeps; and every
// compressed copy counts too.
const chars = (text: string | Buffer) => (typeof text === 'string' ? 2 * text.length : text.length);
const variantBytes = (variants: Variants | undefined) => (variants ? (variants.br?.length ?? 0) + (variants.gzip?.length ?? 0) : 0);
const sizeOf = (entry: CachedResponse) =>
  chars(entry.payload) +
  (entry.template ? 2 * (chars(entry.template.head) + chars(entry.template.tail)) : 0) +
  variantBytes(entry.variants) +
  variantBytes(entry.template?.last?.variants);

declare module 'fastify' {
  interface FastifyInstance {
    responseCache: {
      /** Hits, the front cache's included. */
      readonly hits: number;
      readonly misses: number;
      /** The answers replayed in front of fastify, when there is a table. */
      readonly front: FrontCacheStats | null;
      readonly size: number;
      /** Bytes the cached answers hold (at most MAX_BYTES). */
      readonly bytes: number;
      /** The change dates the cache keys dated answers by (null until read for the current dataset version). */
      readonly epochs: TimeEpochs | null;
      /** Reads the change dates again now (after a reload), and warms the hot answers in the background. */
      refreshEpochs(): Promise<TimeEpochs | null>;
      /** Resolves when the background warm-up started last has finished. */
      warmed(): Promise<void>;
      /** Bodies the cache has compressed (once per answer and encoding, never on a hit that has its copy). */
      readonly compressions: number;
    };
  }
}

/** The answer a cached entry gives to a day of its interval: its body with that asOf, and that day's ETag. */
function bodyFor(hit: CachedResponse, asOf: string | undefined, grow: (bytes: number) => void): { etag: string; payload: Buffer; variants?: Variants } {
  if (!hit.template || asOf === undefined) return hit;
  const template = hit.template;
  // The day asked last is usually asked again: keep its ETag and body rather than hash and join them anew.
  if (template.last?.asOf !== asOf) {
    // Its compressed copies go with it.
    grow(-variantBytes(template.last?.variants));
    template.last = { asOf, etag: dayEtag(template.hash, asOf), payload: Buffer.from(template.head + asOf + template.tail) };
  }
  return template.last;
}

/**
 * The body to send for the request's Accept-Encoding: the answer's compressed copy, made now and kept with
 * the answer when it has none yet (`onCompress(bytes)` then counts it), or the body itself.
 */
function encodedBody(
  request: FastifyRequest,
  reply: FastifyReply,
  contentType: string,
  holder: { payload: Buffer; variants?: Variants },
  onCompress: (bytes: number) => void,
): Buffer {
  const encoding: Encoding | null = encodingFor(request.headers['accept-encoding'], contentType, holder.payload);
  if (encoding === null) return holder.payload;
  let body = holder.variants?.[encoding];
  if (body === undefined) {
    body = compressedVariant(holder.payload, encoding);
    holder.variants = { ...holder.variants, [encoding]: body };
    onCompress(body.length);
  }
  const vary = reply.getHeader('vary');
  reply.header('vary', vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding');
  reply.header('content-encoding', encoding);
  return body;
}

function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  hit: CachedResponse,
  asOf: string | undefined,
  onCompress: (bytes: number) => void,
  grow: (bytes: number) => void,
): FastifyReply {
  const answer = bodyFor(hit, asOf, grow);
  reply.headers({ etag: answer.etag, 'cache-control': DATA_CACHE_CONTROL, 'x-cache': 'hit', ...hit.extraHeaders });
  if (etagMatches(request.headers['if-none-match'], answer.etag)) {
    request.frontNotModified = true;
    return reply.code(304).send();
  }
  const body = encodedBody(request, reply, hit.contentType, answer, onCompress);
  request.frontAnswer = body;
  return reply
    .code(200)
    .type(hit.contentType)
    .serializer((p: unknown) => p as string)
    .send(body);
}

const hashOf = (version: string | null, ...parts: (string | Buffer)[]) => {
  const hash = createHash('sha256').update(version ?? 'no-dataset');
  for (const part of parts) hash.update('\0').update(part);
  return hash.digest('base64url').slice(0, 32);
};

const dayEtag = (intervalHash: string, asOf: string) => `"${createHash('sha256').update(intervalHash).update(asOf).digest('base64url').slice(0, 32)}"`;

/**
 * Splits a JSON answer around the one `"asOf":"<day>"` it echoes; null when it does not echo it exactly
 * once (that answer is then cached for its day only).
 */
function templateOf(body: string, asOf: string): { head: string; tail: string } | null {
  const needle = `"asOf":"${asOf}"`;
  const at = body.indexOf(needle);
  if (at === -1 || body.indexOf(needle, at + needle.length) !== -1) return null;
  const valueAt = at + needle.length - asOf.length - 1;
  return { head: body.slice(0, valueAt), tail: body.slice(valueAt + asOf.length) };
}

export interface HttpCachingOptions {
  responseCache: boolean;
  /** The table of answers replayed in front of fastify (lib/front-cache.ts), filled here from the cache's answers. */
  front?: FrontCache;
  /** GET paths (without asOf) to ask for every time interval in the background once the change dates are read: the hot answers. */
  warmPaths?: readonly string[];
}

/**
 * HTTP caching of every successful GET: a strong ETag over the dataset version and the body, 304 on If-None-Match, Cache-Control, and a
 * response cache that answers repeated questions, and their 304s, without touching Neo4j. A dated question
 * is keyed by the time interval its asOf falls in (see lib/time-epochs.ts), so any day inside an interval
 * already asked about is a hit.
 */
export default fp<HttpCachingOptions>(
  async (app, { responseCache, warmPaths = [], front }) => {
    const cache = new ResponseCache();
    let compressions = 0;
    const onCompress = (bytes: number) => {
      compressions += 1;
      cache.grow(bytes);
    };
    const grow = (bytes: number) => cache.grow(bytes);
    let epochs: TimeEpochs | null = null;
    let reading: Promise<TimeEpochs | null> | null = null;
    let lastRead = 0;
    let warming: Promise<void> = Promise.resolve();
    let closing = false;

    /** Asks every warm path for one day of every interval, one at a time, so it never crowds the pool. */
    const warm = async (forEpochs: TimeEpochs) => {
      for (const day of forEpochs.representativeDays()) {
        for (const path of warmPaths) {
          if (closing || epochs !== forEpochs) return;
          try {
            await app.inject({ method: 'GET', url: `${path}${path.includes('?') ? '&' : '?'}asOf=${day}` });
          } catch (error) {
            app.log.debug({ err: error }, 'cache warm-up request failed');
          }
        }
      }
    };

    const refreshEpochs = (): Promise<TimeEpochs | null> => {
      reading ??= (async () => {
        lastRead = Date.now();
        try {
          const { version, dates } = await app.repositories.epochs.listChangeDates();
          epochs = new TimeEpochs(version, dates);
          if (responseCache && warmPaths.length > 0 && version === app.datasetVersion.current()) {
            const current = epochs;
            warming = warming.then(() => warm(current));
          }
        } catch (error) {
          app.log.debug({ err: error }, 'change dates not read');
        } finally {
          reading = null;
        }
        return epochs;
      })();
      return reading;
    };

    app.decorate('responseCache', {
      get hits() {
        return cache.hits + (front?.hits ?? 0);
      },
      front: front ?? null,
      get misses() {
        return cache.misses;
      },
      get size() {
        return cache.size;
      },
      get bytes() {
        return cache.byteSize;
      },
      get epochs() {
        return epochs;
      },
      refreshEpochs,
      warmed: () => warming,
      get compressions() {
        return compressions;
      },
    });

    // Callback style, not async: this hook runs on every request and a promise per request shows.
    app.addHook('onRequest', (request, reply, done) => {
      if (!responseCache || !isCacheable(request)) return done();
      const version = app.datasetVersion.current();
      // A new dataset version has new change dates: read them in the background; until then, days are keyed one by one.
      if ((epochs === null || epochs.version !== version) && reading === null && Date.now() - lastRead > 1_000) void refreshEpochs();
      const keys = cache.keys(request, version, epochs);
      if (keys === null) return done();
      const intervalKey = keys.dated?.intervalKey;
      const hit = (intervalKey && cache.peek(intervalKey)) || cache.peek(keys.exact);
      if (hit) {
        cache.hits += 1;
        // Taken now: the background read of the version may move it before the answer is out and recorded.
        if (front) request.frontMadeFor = front.validity();
        sendCached(request, reply, hit, keys.dated?.asOf, onCompress, grow);
        return;
      }
      cache.misses += 1;
      request.responseCacheKey = keys.exact;
      request.responseCacheVersion = version;
      if (keys.dated) request.responseCacheDated = keys.dated;
      done();
    });

    // A hit has its headers already: pass it on without the promise an async hook would cost.
    app.addHook('onSend', (request, reply, payload, done) => {
      if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200 || reply.getHeader('x-cache') === 'hit') {
        done(null, payload);
        return;
      }
      try {
        done(null, storeAnswer(request, reply, payload));
      } catch (error) {
        done(error as Error);
      }
    });

    // Once a hit is out, its final headers (every plugin's) are known: the front cache keeps them with its bytes,
    // so that what it replays is the hit fastify gave, not the first answer with its x-cache: miss.
    if (responseCache && front) {
      app.addHook('onResponse', (request, reply, done) => {
        const answer = request.frontAnswer;
        const madeFor = request.frontMadeFor;
        const ifNoneMatch = request.headers['if-none-match'];
        if (request.method === 'GET' && madeFor && (answer || request.frontNotModified)) {
          const encoding = front.encodingKey(request.headers['accept-encoding']);
          const route = request.routeOptions.url ?? 'unmatched';
          if (answer && reply.statusCode === 200 && ifNoneMatch === undefined) front.record(madeFor, request.url, route, encoding, reply.getHeaders(), answer);
          else if (request.frontNotModified && reply.statusCode === 304 && ifNoneMatch !== undefined) {
            front.recordNotModified(madeFor, request.url, route, encoding, ifNoneMatch, reply.getHeaders());
          }
        }
        done();
      });
    }

    const storeAnswer = (request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown => {
      const { httpCaching } = policyOf(request);
      if (httpCaching === 'no-store') {
        reply.header('cache-control', 'no-store');
        return payload;
      }
      if (httpCaching === 'own') return payload;
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
      const body: string | Buffer = payload;
      // One UTF-8 encoding serves the hash, the cache and the socket (a string would be encoded for each).
      const bytes = typeof body === 'string' ? Buffer.from(body) : body;
      const version = app.datasetVersion.current();
      // A dated answer's ETag is its day's, whether or not the change dates are known yet, so every replica gives one answer one ETag.
      const dated = request.responseCacheKey ? request.responseCacheDated : undefined;
      const parts = dated && typeof body === 'string' ? templateOf(body, dated.asOf) : null;
      let etag: string;
      let template: CachedResponse['template'];
      if (dated && parts) {
        const hash = hashOf(version, parts.head, parts.tail);
        template = { ...parts, hash };
        etag = dayEtag(hash, dated.asOf);
      } else etag = `"${hashOf(version, bytes)}"`;
      reply.header('etag', etag);
      reply.header('cache-control', DATA_CACHE_CONTROL);
      // When the version was read again while this answer was made (its data is newer than the version its key
      // was made for, see plugins/dataset-version.ts), it goes out with the new version's ETag and is not
      // stored under the old version's key.
      const cacheKey = request.responseCacheVersion === version ? request.responseCacheKey : undefined;
      if (cacheKey) {
        const extraHeaders: Record<string, string> = {};
        const disposition = reply.getHeader('content-disposition');
        if (typeof disposition === 'string') extraHeaders['content-disposition'] = disposition;
        const entry = {
          etag,
          contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
          extraHeaders,
        };
        let holder: { payload: Buffer; variants?: Variants };
        if (template && dated) {
          // The day's body is kept as the template's last, so its compressed copy made below is kept too.
          const last = { asOf: dated.asOf, etag, payload: bytes };
          template.last = last;
          holder = last;
          cache.set(dated.intervalKey ?? cacheKey, { ...entry, payload: EMPTY, template });
        } else {
          const stored: CachedResponse = { ...entry, payload: bytes };
          cache.set(cacheKey, stored);
          holder = stored;
        }
        reply.header('x-cache', 'miss');
        if (etagMatches(request.headers['if-none-match'], etag)) return notModified(reply);
        // Compressed here, once, and kept with the answer (@fastify/compress leaves a body with a Content-Encoding alone).
        return encodedBody(request, reply, entry.contentType, holder, onCompress);
      }
      if (request.responseCacheKey) reply.header('x-cache', 'miss');
      if (etagMatches(request.headers['if-none-match'], etag)) return notModified(reply);
      return bytes;
    };

    const notModified = (reply: FastifyReply) => {
      reply.code(304);
      reply.removeHeader('content-type');
      reply.removeHeader('content-length');
      return '';
    };

    // After the dataset version (registered before this plugin) has been read. On a very large graph the
    // scan of every stored date may take longer: readiness does not wait for more than a few seconds of it.
    app.addHook('onReady', async () => {
      if (!responseCache) return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([refreshEpochs(), new Promise((resolve) => (timer = setTimeout(resolve, 3_000)))]);
      clearTimeout(timer);
    });
    app.addHook('onClose', async () => {
      closing = true;
      await warming;
    });
  },
  { name: 'http-caching', dependencies: ['dataset-version', 'repositories'] },
);
