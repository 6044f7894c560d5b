import type { Redis } from 'ioredis';

/**
 * Query-time budgets per client, as the Wikidata Query Service has them: each client may spend N seconds
 * of query time per minute on the research routes. A token bucket per client, refilled continuously;
 * a request is admitted while the bucket is positive and charged the time its query really took.
 */
export interface BudgetState {
  /** Seconds left now (may be below zero after a long query). */
  remainingSeconds: number;
  /** Seconds until the bucket is positive again (0 when it is). */
  retryAfterSeconds: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
}

/**
 * Where the buckets are kept: in this process, or in a store every replica shares, so that a client's
 * budget holds in total however many replicas answer it.
 */
export interface BudgetStore {
  /**
   * Refills the client's bucket for the time since it was last touched (up to `capacityMs`, over
   * `windowMs`), takes `ms` from it (0 only looks), and resolves with the milliseconds left.
   */
  spend(client: string, ms: number, capacityMs: number, windowMs: number): Promise<number>;
}

interface Bucket {
  ms: number;
  at: number;
}

const MAX_CLIENTS = 50_000;
const WINDOW_MS = 60_000;

/** The buckets in this process's memory: each replica counts alone. */
export class MemoryBudgetStore implements BudgetStore {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = Date.now) {}

  // Not async in its body: the charge is made before the caller's next line, as a synchronous map's is.
  spend(client: string, ms: number, capacityMs: number, windowMs: number): Promise<number> {
    const t = this.now();
    let b = this.buckets.get(client);
    if (!b) {
      if (this.buckets.size >= MAX_CLIENTS) {
        // Full buckets carry no information; the oldest entries go first.
        const oldest = this.buckets.keys().next().value;
        if (oldest !== undefined) this.buckets.delete(oldest);
      }
      b = { ms: capacityMs, at: t };
      this.buckets.set(client, b);
    }
    b.ms = Math.min(capacityMs, b.ms + (Math.max(0, t - b.at) * capacityMs) / windowMs) - ms;
    b.at = t;
    return Promise.resolve(b.ms);
  }
}

/**
 * The same bucket in Redis (or Valkey), refilled and charged in one script so that replicas charging one
 * client at once cannot lose each other's charges. The store's clock is the one clock every replica shares.
 * A bucket's key lives until the bucket would be full again: a full bucket carries no information.
 */
const SPEND = `
local capacity = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local spend = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local stored = redis.call('HMGET', KEYS[1], 'ms', 'at')
local ms = tonumber(stored[1]) or capacity
local at = tonumber(stored[2]) or now
ms = math.min(capacity, ms + math.max(0, now - at) * capacity / window) - spend
redis.call('HSET', KEYS[1], 'ms', tostring(ms), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.max(1, math.ceil((capacity - ms) * window / capacity)))
return tostring(ms)
`;

type WithSpend = Redis & { spendQueryTime(key: string, capacityMs: number, windowMs: number, ms: number): Promise<string> };

export class RedisBudgetStore implements BudgetStore {
  private readonly redis: WithSpend;

  constructor(
    redis: Redis,
    /** Told when the store did not answer; the request is then let through (fail-open, as the rate limits). */
    private readonly onError: (error: unknown) => void = () => {},
    private readonly prefix = 'alliance-api-query-time:',
  ) {
    if (!('spendQueryTime' in redis)) redis.defineCommand('spendQueryTime', { numberOfKeys: 1, lua: SPEND });
    this.redis = redis as WithSpend;
  }

  async spend(client: string, ms: number, capacityMs: number, windowMs: number): Promise<number> {
    try {
      return Number(await this.redis.spendQueryTime(this.prefix + client, capacityMs, windowMs, Math.max(0, ms)));
    } catch (error) {
      this.onError(error);
      return capacityMs;
    }
  }
}

export class QueryTimeBudget {
  private readonly capacityMs: number;

  constructor(
    readonly secondsPerMinute: number,
    private readonly store: BudgetStore = new MemoryBudgetStore(),
  ) {
    this.capacityMs = secondsPerMinute * 1000;
  }

  async state(client: string): Promise<BudgetState> {
    return this.stateOf(await this.store.spend(client, 0, this.capacityMs, WINDOW_MS));
  }

  /** Charges the time a query really took; never rejects (a store that fails counts nothing). */
  async charge(client: string, ms: number): Promise<void> {
    await this.store.spend(client, Math.max(0, ms), this.capacityMs, WINDOW_MS);
  }

  /** The IETF draft's headers (RateLimit-Policy, RateLimit) for this client. */
  async headers(client: string): Promise<Record<string, string>> {
    const s = await this.state(client);
    return {
      'ratelimit-policy': `"query-seconds";q=${this.secondsPerMinute};w=60`,
      ratelimit: `"query-seconds";r=${Math.max(0, Math.floor(s.remainingSeconds))};t=${s.resetSeconds}`,
    };
  }

  private stateOf(ms: number): BudgetState {
    const refillPerMs = this.capacityMs / WINDOW_MS;
    return {
      remainingSeconds: ms / 1000,
      retryAfterSeconds: ms > 0 ? 0 : Math.ceil((1 - ms) / refillPerMs / 1000),
      resetSeconds: Math.ceil((this.capacityMs - ms) / refillPerMs / 1000),
    };
  }
}
