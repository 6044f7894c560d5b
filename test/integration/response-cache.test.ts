import { describe, expect, it } from 'vitest';
import { ALLIANCE, useSeededApi } from '../support/api.js';

describe('the response cache', () => {
  const { ctx, get } = useSeededApi();

  it('answers a repeated question, and its 304, without touching Neo4j', async () => {
    const url = `/v1/alliances/${ALLIANCE}?asOf=2022-02-08&include=sources`;
    const first = await get(url);
    expect(first.headers['x-cache']).toBe('miss');
    const again = await get(`/v1/alliances/${ALLIANCE}?include=sources&asOf=2022-02-08`);
    expect(again.headers['x-cache']).toBe('hit');
    expect(again.body).toEqual(first.body);
    expect(again.headers.etag).toBe(first.headers.etag);

    // With the driver gone, only the cache can answer.
    await ctx.app.db.driver.close();
    const cached = await get(url);
    expect(cached.status).toBe(200);
    expect(cached.body.brandCount).toBe(10);
    const notModified = await get(url, { 'if-none-match': first.headers.etag as string });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.etag).toBe(first.headers.etag);
    expect(notModified.headers['x-cache']).toBe('hit');
    const uncached = await get(`/v1/alliances/${ALLIANCE}?asOf=2022-02-09`);
    expect(uncached.status).toBe(503);
    expect(ctx.app.responseCache.hits).toBeGreaterThanOrEqual(3);
  });
});

describe('HEAD', () => {
  const { ctx, get } = useSeededApi();
  const head = async (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ method: 'HEAD', url, headers });
  /** The headers a HEAD must share with its GET (RFC 9110 §9.3.2), but those of one exchange. */
  const shared = (headers: Record<string, unknown>) => {
    const { 'x-request-id': _id, date: _date, connection: _connection, 'keep-alive': _keepAlive, 'x-cache': _cache, ...rest } = headers;
    return rest;
  };

  it('is answered with the headers of the GET, ETag and length included, from the same cache, for any day of an interval', async () => {
    // Nissan's holders do not change between Mitsubishi's entry (2016-10-20) and 2019-01-24.
    const url = '/v1/companies/nissan?asOf=2017-03-01';
    const first = await head(url);
    expect(first.statusCode).toBe(200);
    expect(first.body).toBe('');
    expect(first.headers['x-cache']).toBe('miss');
    const got = await get(url);
    expect(got.headers['x-cache']).toBe('hit');
    expect(got.body.asOf).toBe('2017-03-01');
    expect(shared(first.headers)).toEqual(shared(got.headers));
    expect(Number(first.headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify(got.body)));

    const again = await head(url);
    expect(again.headers['x-cache']).toBe('hit');
    expect(shared(again.headers)).toEqual(shared(got.headers));

    // Another day of the same interval: its own ETag, the one its GET gives.
    const otherDay = '/v1/companies/nissan?asOf=2018-06-30';
    const [headOther, getOther] = [await head(otherDay), await get(otherDay)];
    expect(headOther.headers.etag).toBe(getOther.headers.etag);
    expect(headOther.headers.etag).not.toBe(got.headers.etag);

    const revalidated = await head(url, { 'if-none-match': got.headers.etag as string });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.headers.etag).toBe(got.headers.etag);
  });

  it('with an Accept-Encoding is answered with the encoding, length and ETag its GET gives', async () => {
    const url = `/v1/alliances/${ALLIANCE}?asOf=2022-02-08`;
    const [h, g] = [await head(url, { 'accept-encoding': 'br' }), await get(url, { 'accept-encoding': 'br' })];
    expect(h.headers.etag).toBe(g.headers.etag);
    expect(h.headers['content-encoding']).toBe(g.headers['content-encoding']);
    expect(h.headers['content-length']).toBe(g.headers['content-length']);
  });
});
