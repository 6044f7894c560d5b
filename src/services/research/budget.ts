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

interface Bucket {
  ms: number;
  at: number;
}

const MAX_CLIENTS = 50_000;
const WINDOW_MS = 60_000;

export class QueryTimeBudget {
  private readonly buckets = new Map<string, Bucket>();
  private readonly capacityMs: number;

  constructor(
    readonly secondsPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.capacityMs = secondsPerMinute * 1000;
  }

  private bucket(client: string): Bucket {
    const t = this.now();
    let b = this.buckets.get(client);
    if (!b) {
      if (this.buckets.size >= MAX_CLIENTS) {
        // Full buckets carry no information; the oldest entries go first.
        const oldest = this.buckets.keys().next().value;
        if (oldest !== undefined) this.buckets.delete(oldest);
      }
      b = { ms: this.capacityMs, at: t };
      this.buckets.set(client, b);
    }
    b.ms = Math.min(this.capacityMs, b.ms + ((t - b.at) * this.capacityMs) / WINDOW_MS);
    b.at = t;
    return b;
  }

  state(client: string): BudgetState {
    const b = this.bucket(client);
    const refillPerMs = this.capacityMs / WINDOW_MS;
    return {
      remainingSeconds: b.ms / 1000,
      retryAfterSeconds: b.ms > 0 ? 0 : Math.ceil((1 - b.ms) / refillPerMs / 1000),
      resetSeconds: Math.ceil((this.capacityMs - b.ms) / refillPerMs / 1000),
    };
  }

  charge(client: string, ms: number): void {
    this.bucket(client).ms -= Math.max(0, ms);
  }

  /** The IETF draft's headers (RateLimit-Policy, RateLimit) for this client. */
  headers(client: string): Record<string, string> {
    const s = this.state(client);
    return {
      'ratelimit-policy': `"query-seconds";q=${this.secondsPerMinute};w=60`,
      ratelimit: `"query-seconds";r=${Math.max(0, Math.floor(s.remainingSeconds))};t=${s.resetSeconds}`,
    };
  }
}
