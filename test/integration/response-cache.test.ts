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
