import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ResearchReadiness } from '../../../../src/services/research/research-readiness.js';
import { shouldReseed } from '../../../../scripts/research-neo4j.js';

const V1 = 'a'.repeat(64);
const V2 = 'b'.repeat(64);

/** A research database whose answers the test sets, counting how often it is asked. */
function fakeResearchDatabase() {
  const db = {
    asked: 0,
    answer: (): Promise<string | null> => Promise.reject(Object.assign(new Error('refused'), { code: 'ServiceUnavailable' })),
    read: () => {
      db.asked += 1;
      return db.answer();
    },
  };
  return db;
}

describe('ResearchReadiness', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it('says "starting" until the research database first answers, then "unreachable" when it stops answering', async () => {
    const db = fakeResearchDatabase();
    const readiness = new ResearchReadiness(db.read, () => V1, { ttlMs: 2_000 });
    const first = await readiness.check();
    expect(first).toMatchObject({ state: 'starting', ready: false, retryAfterSeconds: 10 });
    expect(first.reason).toMatch(/research database is starting/);

    db.answer = () => Promise.resolve(V1);
    vi.advanceTimersByTime(2_000);
    expect(await readiness.check()).toMatchObject({ state: 'ready', ready: true, datasetVersion: V1 });

    db.answer = () => Promise.reject(Object.assign(new Error('gone'), { code: 'ServiceUnavailable' }));
    vi.advanceTimersByTime(2_000);
    const gone = await readiness.check();
    expect(gone).toMatchObject({ state: 'unreachable', ready: false });
    expect(gone.reason).toMatch(/ServiceUnavailable.*restarting/);
  });

  it('asks the research database at most once per ttl, and concurrent requests share one look', async () => {
    const db = fakeResearchDatabase();
    db.answer = () => Promise.resolve(V1);
    const readiness = new ResearchReadiness(db.read, () => V1, { ttlMs: 2_000 });
    await Promise.all(Array.from({ length: 50 }, () => readiness.check()));
    expect(db.asked).toBe(1);
    vi.advanceTimersByTime(1_999);
    await readiness.check();
    expect(db.asked).toBe(1);
    vi.advanceTimersByTime(1);
    await readiness.check();
    expect(db.asked).toBe(2);
  });

  it('refuses while the research database holds no dataset or another version than the API serves, and sees a new main version at once', async () => {
    const db = fakeResearchDatabase();
    let main: string | null = V1;
    db.answer = () => Promise.resolve(null);
    const readiness = new ResearchReadiness(db.read, () => main, { ttlMs: 2_000 });
    expect(await readiness.check()).toMatchObject({ state: 'loading', ready: false });

    db.answer = () => Promise.resolve(V1);
    vi.advanceTimersByTime(2_000);
    expect((await readiness.check()).ready).toBe(true);

    // A reload of the main database: the cached look at the research one no longer matches, without asking it again.
    main = V2;
    const behind = await readiness.check();
    expect(db.asked).toBe(2);
    expect(behind).toMatchObject({ state: 'behind', ready: false, datasetVersion: V1, retryAfterSeconds: 5 });
    expect(behind.reason).toContain('aaaaaaaaaaaa');
    expect(behind.reason).toContain('bbbbbbbbbbbb');

    main = null;
    expect(await readiness.check()).toMatchObject({ state: 'behind', ready: false });
  });

  it('counts a research database that does not answer within the probe timeout as not answering', async () => {
    const db = fakeResearchDatabase();
    db.answer = () => new Promise(() => {});
    const readiness = new ResearchReadiness(db.read, () => V1, { ttlMs: 2_000, probeTimeoutMs: 1_500 });
    const verdict = readiness.check();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(await verdict).toMatchObject({ state: 'starting', ready: false });
  });

  it('reports a failed start until the database answers after all', async () => {
    const db = fakeResearchDatabase();
    const readiness = new ResearchReadiness(db.read, () => V1, { ttlMs: 2_000 });
    readiness.reportFailure('Bolt did not answer at bolt://127.0.0.1:7689 within 180 s');
    const failed = await readiness.check();
    expect(failed).toMatchObject({ state: 'unreachable', retryAfterSeconds: 60 });
    expect(failed.reason).toMatch(/could not be started \(Bolt did not answer/);
    db.answer = () => Promise.resolve(V1);
    vi.advanceTimersByTime(2_000);
    expect((await readiness.check()).state).toBe('ready');
  });

  it('peek never waits: it gives the last verdict and refreshes a stale one behind', async () => {
    const db = fakeResearchDatabase();
    db.answer = () => Promise.resolve(V1);
    const readiness = new ResearchReadiness(db.read, () => V1, { ttlMs: 2_000 });
    expect(readiness.peek()).toMatchObject({ state: 'starting', checkedAt: null });
    await vi.advanceTimersByTimeAsync(0);
    expect(readiness.peek()).toMatchObject({ state: 'ready', checkedAt: '2026-01-01T00:00:00.000Z' });
    expect(db.asked).toBe(1);
  });
});

describe('shouldReseed', () => {
  it('reseeds an empty or lagging research database once per main version', () => {
    expect(shouldReseed(V1, null, null)).toBe(true);
    expect(shouldReseed(V2, V1, V1)).toBe(true);
    expect(shouldReseed(V1, V1, null)).toBe(false);
    // The data folder no longer gives the main version: not again and again until the main version changes.
    expect(shouldReseed(V2, V1, V2)).toBe(false);
    // The main version is not known yet: nothing to follow.
    expect(shouldReseed(null, null, null)).toBe(false);
  });
});
