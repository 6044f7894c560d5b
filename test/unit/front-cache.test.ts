import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { FrontCache } from '../../src/lib/front-cache.js';

const request = (url: string, headers: Record<string, string> = {}, method = 'GET') => ({ method, url, headers }) as unknown as IncomingMessage;

function response() {
  const sent: { status?: number; headers?: string[]; body?: Buffer } = {};
  const res = {
    writeHead(status: number, headers: string[]) {
      sent.status = status;
      sent.headers = headers;
    },
    end(body: Buffer) {
      sent.body = body;
    },
  } as unknown as ServerResponse;
  return { res, sent };
}

function table(state = { version: 'v1' as string | null, day: '2026-12-06' }, limits: { maxEntries?: number; maxBytes?: number } = {}) {
  let ids = 0;
  const front = new FrontCache({ version: () => state.version, day: () => state.day, requestId: () => `id-${++ids}`, ...limits });
  return { front, state };
}

const HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  etag: '"abc"',
  'x-cache': 'hit',
  'x-request-id': 'of-the-first',
  date: 'Sun',
  'content-length': 7,
};
const body = Buffer.from('{"a":1}');

describe('FrontCache', () => {
  it('replays a recorded answer with its headers, a content length and a request id of its own, leaving out the per-exchange ones', () => {
    const { front } = table();
    front.record(front.validity(), '/v1/x?asOf=2020-01-01', '/v1/x', 'identity', HEADERS, body);
    const { res, sent } = response();
    expect(front.serve(request('/v1/x?asOf=2020-01-01'), res)).toBe(true);
    expect(sent.status).toBe(200);
    expect(sent.body).toBe(body);
    expect(sent.headers).toEqual([
      'content-type',
      'application/json; charset=utf-8',
      'etag',
      '"abc"',
      'x-cache',
      'hit',
      'content-length',
      '7',
      'x-request-id',
      'id-1',
    ]);
    expect(front.hits).toBe(1);
  });

  it('keeps the request id the client sent', () => {
    const { front } = table();
    front.record(front.validity(), '/u', '/u', 'identity', HEADERS, body);
    const { res, sent } = response();
    front.serve(request('/u', { 'x-request-id': 'mine' }), res);
    expect(sent.headers?.slice(-2)).toEqual(['x-request-id', 'mine']);
  });

  it('answers each Accept-Encoding with the copy recorded for it, and leaves the others to fastify', () => {
    const { front } = table();
    const br = Buffer.from('br-bytes');
    front.record(front.validity(), '/u', '/u', 'br', { ...HEADERS, 'content-encoding': 'br', 'content-length': br.length }, br);
    expect(front.serve(request('/u'), response().res)).toBe(false);
    expect(front.serve(request('/u', { 'accept-encoding': 'gzip' }), response().res)).toBe(false);
    const { res, sent } = response();
    expect(front.serve(request('/u', { 'accept-encoding': 'gzip, deflate, br' }), res)).toBe(true);
    expect(sent.body).toBe(br);
    expect(front.encodingKey('br;q=0, gzip')).toBe('gzip');
    expect(front.encodingKey(undefined)).toBe('identity');
  });

  it('replays the 304 fastify gave for the same If-None-Match and encoding, and leaves any other to fastify', () => {
    const { front, state } = table();
    // Only for a URL whose 200 is recorded.
    front.recordNotModified(front.validity(), '/u', '/u', 'identity', '"abc"', { etag: '"abc"' });
    expect(front.serve(request('/u', { 'if-none-match': '"abc"' }), response().res)).toBe(false);
    front.record(front.validity(), '/u', '/u', 'identity', HEADERS, body);
    front.recordNotModified(front.validity(), '/u', '/u', 'identity', '"abc"', {
      etag: '"abc"',
      'x-cache': 'hit',
      'x-request-id': 'of-the-first',
      date: 'Sun',
    });
    const { res, sent } = response();
    expect(front.serve(request('/u', { 'if-none-match': '"abc"' }), res)).toBe(true);
    expect(sent.status).toBe(304);
    expect(sent.headers).toEqual(['etag', '"abc"', 'x-cache', 'hit', 'x-request-id', 'id-1']);
    expect(sent.body).toBeUndefined();
    expect(front.hits).toBe(1);
    // Another value (even one fastify would also answer 304), another encoding: fastify decides.
    expect(front.serve(request('/u', { 'if-none-match': 'W/"abc"' }), response().res)).toBe(false);
    expect(front.serve(request('/u', { 'if-none-match': '"abc"', 'accept-encoding': 'br' }), response().res)).toBe(false);
    // A new dataset version forgets the 304 with the 200.
    state.version = 'v2';
    expect(front.serve(request('/u', { 'if-none-match': '"abc"' }), response().res)).toBe(false);
    expect(front.size).toBe(0);
    expect(front.hits).toBe(1);
  });

  it('counts a recorded 304 in its bytes', () => {
    const { front } = table();
    front.record(front.validity(), '/u', '/u', 'identity', HEADERS, body);
    const before = front.bytes;
    front.recordNotModified(front.validity(), '/u', '/u', 'identity', '"abc"', { etag: '"abc"' });
    expect(front.bytes).toBe(before + '"abc"'.length + 'etag'.length + '"abc"'.length);
    front.recordNotModified(front.validity(), '/u', '/u', 'identity', '"abcd"', { etag: '"abc"' });
    expect(front.bytes).toBe(before + '"abcd"'.length + 'etag'.length + '"abc"'.length);
  });

  it('leaves to fastify other methods, conditional requests it has no 304 for, unknown URLs and a closing server', () => {
    const { front } = table();
    front.record(front.validity(), '/u', '/u', 'identity', HEADERS, body);
    expect(front.serve(request('/u', {}, 'HEAD'), response().res)).toBe(false);
    expect(front.serve(request('/u', { 'if-none-match': '"abc"' }), response().res)).toBe(false);
    expect(front.serve(request('/u?'), response().res)).toBe(false);
    front.enabled = false;
    expect(front.serve(request('/u'), response().res)).toBe(false);
    expect(front.hits).toBe(0);
  });

  it('forgets an answer once the dataset version or the day has changed', () => {
    const { front, state } = table();
    front.record(front.validity(), '/u', '/u', 'identity', HEADERS, body);
    state.version = 'v2';
    expect(front.serve(request('/u'), response().res)).toBe(false);
    expect(front.size).toBe(0);
    front.record(front.validity(), '/u', '/u', 'identity', HEADERS, body);
    expect(front.serve(request('/u'), response().res)).toBe(true);
    state.day = '2026-12-07';
    expect(front.serve(request('/u'), response().res)).toBe(false);
    expect(front.size).toBe(0);
  });

  it('records no answer, 200 or 304, made for a version or a day that has passed before it was recorded', () => {
    const { front, state } = table();
    // A hit served for v1; the background read of the version moves it to v2 before the answer is out.
    const madeFor = front.validity();
    state.version = 'v2';
    front.record(madeFor, '/u', '/u', 'identity', HEADERS, body);
    expect(front.size).toBe(0);
    expect(front.serve(request('/u'), response().res)).toBe(false);
    front.record(front.validity(), '/u', '/u', 'identity', HEADERS, body);
    front.recordNotModified(madeFor, '/u', '/u', 'identity', '"abc"', { etag: '"abc"' });
    expect(front.serve(request('/u', { 'if-none-match': '"abc"' }), response().res)).toBe(false);
    // Nor across midnight.
    const yesterday = front.validity();
    state.day = '2026-12-07';
    front.record(yesterday, '/d', '/d', 'identity', HEADERS, body);
    expect(front.serve(request('/d'), response().res)).toBe(false);
    // Only the entry of the day before is left, until it is asked for.
    expect(front.size).toBe(1);
  });

  it('records nothing whose content length is not the body at hand (a later hook changed it)', () => {
    const { front } = table();
    front.record(front.validity(), '/u', '/u', 'identity', { ...HEADERS, 'content-length': 99 }, body);
    expect(front.size).toBe(0);
  });

  it('stays within its entries and bytes, the oldest going first', () => {
    const { front } = table(undefined, { maxEntries: 3, maxBytes: 10_000 });
    for (let i = 0; i < 5; i += 1) front.record(front.validity(), `/u${i}`, '/u', 'identity', HEADERS, body);
    expect(front.size).toBe(3);
    expect(front.serve(request('/u0'), response().res)).toBe(false);
    expect(front.serve(request('/u4'), response().res)).toBe(true);
    const small = table(undefined, { maxBytes: 400 }).front;
    for (let i = 0; i < 10; i += 1) small.record(small.validity(), `/u${i}`, '/u', 'identity', { ...HEADERS, 'content-length': 100 }, Buffer.alloc(100));
    expect(small.bytes).toBeLessThanOrEqual(400);
    expect(small.size).toBeGreaterThan(0);
  });
});
