import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Redis } from 'ioredis';
import { MemoryBudgetStore, QueryTimeBudget, RedisBudgetStore } from '../../../../src/services/research/budget.js';

describe('the query-time budget of a client, in this process', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-01-01T00:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('starts full, is charged the time queries took, and says so in the RateLimit headers', async () => {
    const budget = new QueryTimeBudget(10);
    expect(await budget.state('a')).toEqual({ remainingSeconds: 10, retryAfterSeconds: 0, resetSeconds: 0 });
    await budget.charge('a', 4_000);
    expect(await budget.state('a')).toEqual({ remainingSeconds: 6, retryAfterSeconds: 0, resetSeconds: 24 });
    expect(await budget.headers('a')).toEqual({ 'ratelimit-policy': '"query-seconds";q=10;w=60', ratelimit: '"query-seconds";r=6;t=24' });
  });

  it('refuses once spent until the bucket is positive again, refilling continuously over the minute', async () => {
    const budget = new QueryTimeBudget(10);
    // A query that ran past the budget leaves the bucket below zero: the client waits for it to come back.
    await budget.charge('a', 13_000);
    const spent = await budget.state('a');
    expect(spent.remainingSeconds).toBe(-3);
    expect(spent.retryAfterSeconds).toBe(19);
    expect((await budget.headers('a')).ratelimit).toBe('"query-seconds";r=0;t=78');
    vi.advanceTimersByTime(18_000);
    expect((await budget.state('a')).retryAfterSeconds).toBe(1);
    vi.advanceTimersByTime(1_000);
    expect((await budget.state('a')).retryAfterSeconds).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect((await budget.state('a')).remainingSeconds).toBe(10);
  });

  it('keeps each client’s budget apart', async () => {
    const budget = new QueryTimeBudget(1);
    await budget.charge('a', 5_000);
    expect((await budget.state('a')).retryAfterSeconds).toBeGreaterThan(0);
    expect((await budget.state('b')).remainingSeconds).toBe(1);
  });

  it('charges before the caller’s next line, as the research door expects of a charge it does not await', async () => {
    const store = new MemoryBudgetStore();
    const budget = new QueryTimeBudget(1, store);
    void budget.charge('a', 2_000);
    expect(await store.spend('a', 0, 1_000, 60_000)).toBe(-1_000);
  });

  it('never refills past its capacity, and a clock going back refills nothing', async () => {
    let now = 1_000_000;
    const store = new MemoryBudgetStore(() => now);
    expect(await store.spend('a', 500, 1_000, 60_000)).toBe(500);
    now -= 30_000;
    expect(await store.spend('a', 0, 1_000, 60_000)).toBe(500);
    now += 10 * 60_000;
    expect(await store.spend('a', 0, 1_000, 60_000)).toBe(1_000);
  });
});

describe('the query-time budget in a shared store', () => {
  it('lets the request through with a full budget when the store does not answer, and says so', async () => {
    const errors: unknown[] = [];
    const broken = {
      defineCommand(name: string) {
        (this as Record<string, unknown>)[name] = () => Promise.reject(new Error('Connection is closed.'));
      },
    } as unknown as Redis;
    const budget = new QueryTimeBudget(5, new RedisBudgetStore(broken, (error) => errors.push(error)));
    expect(await budget.state('a')).toEqual({ remainingSeconds: 5, retryAfterSeconds: 0, resetSeconds: 0 });
    await expect(budget.charge('a', 10_000)).resolves.toBeUndefined();
    expect(errors).toHaveLength(2);
  });
});
