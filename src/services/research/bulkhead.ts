/**
 * A concurrency limit with a bounded queue. Research queries take a slot; when all slots are busy they
 * wait in a short queue, and past it they are refused at once (the caller answers 429 with Retry-After),
 * so that no request ever piles up behind researchers' work.
 */
export class BulkheadFullError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('Too many research queries are running or waiting; try again shortly');
    this.name = 'BulkheadFullError';
  }
}

export class Bulkhead {
  private running = 0;
  private readonly waiting: { grant: () => void; timer: NodeJS.Timeout }[] = [];

  constructor(
    readonly concurrency: number,
    readonly queue: number,
    /** Longest wait in the queue before the request is refused. */
    private readonly maxWaitMs: number,
  ) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves with a release function once a slot is free; throws BulkheadFullError when it cannot wait. */
  async acquire(): Promise<() => void> {
    const retryAfter = Math.max(1, Math.ceil(this.maxWaitMs / 1000));
    if (this.running < this.concurrency) {
      this.running += 1;
      return this.releaser();
    }
    if (this.waiting.length >= this.queue) throw new BulkheadFullError(retryAfter);
    await new Promise<void>((resolve, reject) => {
      const entry = {
        grant: () => {
          clearTimeout(entry.timer);
          resolve();
        },
        timer: setTimeout(() => {
          const index = this.waiting.indexOf(entry);
          if (index !== -1) this.waiting.splice(index, 1);
          reject(new BulkheadFullError(retryAfter));
        }, this.maxWaitMs),
      };
      this.waiting.push(entry);
    });
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter; `running` stays the same.
      if (next) next.grant();
      else this.running -= 1;
    };
  }
}
