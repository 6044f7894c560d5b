import type { IncomingMessage, ServerResponse } from 'node:http';
import { acceptedEncoding, type Encoding } from './compression.js';

/**
 * Answers a repeated GET before fastify sees it: the bytes and headers fastify sent for the same URL the
 * last time, replayed as they were. On a hit, fastify's own work (request and reply objects, routing,
 * the hooks of every plugin, serialisers) costs two to three times the answer itself, so the response
 * cache alone cannot serve a hit at the speed of a bare route.
 *
 * An entry is recorded only from a hit the response cache gave (see plugins/http-caching.ts), so it holds
 * what the response cache answers for that URL; it is valid only for the dataset version and the day it
 * was recorded on, and the table is bounded in entries and bytes of its own. Anything it has not seen in
 * exactly this form goes to fastify: another method, a conditional request with another If-None-Match,
 * another spelling of the URL, an Accept-Encoding it has no answer for, a closing server. So every answer it
 * gives is one fastify gave, headers and all, with a request id of its own. A revalidation is one of them: the
 * 304 fastify gave for this URL, encoding and If-None-Match is replayed when the same value comes again
 * (through fastify, a 304 cost the API half as much again as a 200 hit, bench/profile.md).
 */

/** What a request's Accept-Encoding is answered with: a compressed copy, or the body as it is. */
export type EncodingKey = Encoding | 'identity';

export interface FrontAnswer {
  /** Header names and values, flat, as Node's writeHead takes them (content-length included; no request id). */
  headers: readonly string[];
  body: Buffer;
}

/** The dataset version and the day (UTC) an answer was made for. */
export interface Validity {
  version: string | null;
  day: string;
}

interface FrontEntry extends Validity {
  /** The route's pattern, for the request metrics. */
  route: string;
  answers: Partial<Record<EncodingKey, FrontAnswer>>;
  /** The last 304 fastify gave for each encoding, with the If-None-Match it answered. */
  notModified: Partial<Record<EncodingKey, { ifNoneMatch: string; headers: readonly string[] }>>;
  bytes: number;
}

export interface FrontCacheOptions {
  /** The dataset version answers are valid for now. */
  version(): string | null;
  /** Today (UTC): an answer recorded yesterday is not replayed, as the response cache keys by day too. */
  day(): string;
  /** A request id, when the client sent none (fastify's genReqId). */
  requestId(): string;
  maxEntries?: number;
  maxBytes?: number;
}

export interface FrontCacheStats {
  readonly hits: number;
  readonly size: number;
  readonly bytes: number;
}

/** Headers a replay never copies: they belong to one exchange (Node writes Date and Connection itself). */
const PER_EXCHANGE = new Set(['x-request-id', 'date', 'connection', 'keep-alive', 'transfer-encoding']);
const REQUEST_ID_HEADER = 'x-request-id';
const ENCODING_MEMO_MAX = 64;

/** Characters of a flat header list. */
const sizeOfHeaders = (headers: readonly string[]) => headers.reduce((n, s) => n + s.length, 0);
/** Bytes an answer holds: its body and the characters of its headers. */
const sizeOf = (answer: FrontAnswer) => answer.body.length + sizeOfHeaders(answer.headers);

/** A reply's final headers as the flat list writeHead takes, without the per-exchange ones. */
function flatHeaders(headers: Record<string, unknown>): string[] {
  const flat: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || PER_EXCHANGE.has(name)) continue;
    if (Array.isArray(value)) for (const v of value) flat.push(name, String(v));
    else flat.push(name, String(value));
  }
  return flat;
}

export class FrontCache implements FrontCacheStats {
  private readonly entries = new Map<string, FrontEntry>();
  private readonly encodings = new Map<string, EncodingKey>();
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private totalBytes = 0;
  private now: Validity | null = null;
  hits = 0;
  /** Off while the server closes, so that fastify tells keep-alive clients to hang up. */
  enabled = true;
  /** Called after each answer given here (request metrics, the access log). */
  onAnswer: ((request: IncomingMessage, route: string, status: number, startedAt: number, requestId: string) => void) | null = null;

  constructor(private readonly options: FrontCacheOptions) {
    this.maxEntries = options.maxEntries ?? 2_000;
    this.maxBytes = options.maxBytes ?? 8 * 1024 * 1024;
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  /** Which answer a request's Accept-Encoding gets; the parse of each header value is remembered. */
  encodingKey(acceptEncoding: string | undefined): EncodingKey {
    if (acceptEncoding === undefined) return 'identity';
    let key = this.encodings.get(acceptEncoding);
    if (key === undefined) {
      key = acceptedEncoding(acceptEncoding) ?? 'identity';
      if (this.encodings.size >= ENCODING_MEMO_MAX) this.encodings.clear();
      this.encodings.set(acceptEncoding, key);
    }
    return key;
  }

  /**
   * What an answer made now is valid for: a hit takes it when it is served, as its answer is recorded only later.
   * The same object while the version and the day hold, so that a hit allocates nothing for it.
   */
  validity(): Validity {
    const version = this.options.version();
    const day = this.options.day();
    if (this.now === null || this.now.version !== version || this.now.day !== day) this.now = { version, day };
    return this.now;
  }

  /**
   * Records the answer fastify sent for a GET of `url`, for requests of the same Accept-Encoding key.
   * `headers` are the reply's final headers; the per-exchange ones are left out. `madeFor` is what the
   * answer was made for: when the version or the day has moved on since, it is not recorded.
   */
  record(madeFor: Validity, url: string, route: string, encoding: EncodingKey, headers: Record<string, unknown>, body: Buffer): void {
    if (!this.enabled || !this.isCurrent(madeFor)) return;
    const flat = flatHeaders(headers);
    let length: number | null = null;
    for (let i = 0; i < flat.length; i += 2) if (flat[i] === 'content-length') length = Number(flat[i + 1]);
    // An answer some later hook changed is not the body at hand: leave it to fastify.
    if (length !== null && length !== body.length) return;
    if (length === null) flat.push('content-length', String(body.length));
    const entry = this.entryFor(url, route);
    const previous = entry.answers[encoding];
    const answer = { headers: flat, body };
    entry.answers[encoding] = answer;
    this.grow(entry, sizeOf(answer) - (previous ? sizeOf(previous) : 0));
  }

  /**
   * Records the 304 fastify gave to a GET of `url` with this If-None-Match (and Accept-Encoding); `headers` are
   * the reply's final headers, the per-exchange ones left out. Only for a URL whose 200 is recorded, and only
   * when the 304 was made for the same dataset version and day.
   */
  recordNotModified(madeFor: Validity, url: string, route: string, encoding: EncodingKey, ifNoneMatch: string, headers: Record<string, unknown>): void {
    if (!this.enabled || !this.isCurrent(madeFor)) return;
    const entry = this.entries.get(url);
    if (entry === undefined || !this.isCurrent(entry) || entry.route !== route) return;
    const flat = flatHeaders(headers);
    const previous = entry.notModified[encoding];
    entry.notModified[encoding] = { ifNoneMatch, headers: flat };
    this.grow(entry, sizeOfHeaders(flat) + ifNoneMatch.length - (previous ? sizeOfHeaders(previous.headers) + previous.ifNoneMatch.length : 0));
  }

  /** Whether an entry (or an answer) was made for the current dataset version and day. */
  private isCurrent(validity: Validity): boolean {
    return validity.version === this.options.version() && validity.day === this.options.day();
  }

  /** Counts what an entry grew (or shrank) by, and keeps the table within its bounds. */
  private grow(entry: FrontEntry, bytes: number): void {
    entry.bytes += bytes;
    this.totalBytes += bytes;
    this.evict();
  }

  /** The URL's entry for the current dataset version and day, made anew when it is missing or out of date. */
  private entryFor(url: string, route: string): FrontEntry {
    let entry = this.entries.get(url);
    if (entry && (!this.isCurrent(entry) || entry.route !== route)) {
      this.delete(url);
      entry = undefined;
    }
    if (!entry) {
      entry = { version: this.options.version(), day: this.options.day(), route, answers: {}, notModified: {}, bytes: url.length };
      this.entries.set(url, entry);
      this.totalBytes += entry.bytes;
    }
    return entry;
  }

  /** Forgets a URL (its version or day has passed, or the table is full). */
  delete(url: string): void {
    const entry = this.entries.get(url);
    if (!entry) return;
    this.entries.delete(url);
    this.totalBytes -= entry.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.totalBytes = 0;
  }

  /** Replays the answer for this request and returns true, or returns false and leaves it to fastify. */
  serve(request: IncomingMessage, response: ServerResponse): boolean {
    if (!this.enabled || request.method !== 'GET') return false;
    const url = request.url;
    if (url === undefined) return false;
    const entry = this.entries.get(url);
    if (entry === undefined) return false;
    if (!this.isCurrent(entry)) {
      this.delete(url);
      return false;
    }
    const encoding = this.encodingKey(request.headers['accept-encoding']);
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch !== undefined) {
      const notModified = entry.notModified[encoding];
      if (notModified === undefined || notModified.ifNoneMatch !== ifNoneMatch) return false;
      return this.replay(request, response, entry.route, 304, notModified.headers, undefined);
    }
    const answer = entry.answers[encoding];
    if (answer === undefined) return false;
    return this.replay(request, response, entry.route, 200, answer.headers, answer.body);
  }

  private replay(
    request: IncomingMessage,
    response: ServerResponse,
    route: string,
    status: 200 | 304,
    recorded: readonly string[],
    body: Buffer | undefined,
  ): boolean {
    const startedAt = performance.now();
    const sent = request.headers[REQUEST_ID_HEADER];
    const requestId = typeof sent === 'string' && sent.length > 0 ? sent : this.options.requestId();
    const headers = recorded.slice();
    headers.push(REQUEST_ID_HEADER, requestId);
    try {
      response.writeHead(status, headers);
    } catch {
      // A request id Node will not write back (the parser took it, the writer refuses it): fastify answers.
      return false;
    }
    this.hits += 1;
    response.end(body);
    this.onAnswer?.(request, route, status, startedAt, requestId);
    return true;
  }

  private evict(): void {
    for (const url of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.totalBytes <= this.maxBytes) break;
      this.delete(url);
    }
  }
}
