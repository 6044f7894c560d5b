import { PoolFullError, TaskTimeoutError, WorkerPool } from '../../lib/worker-pool.js';
import type { ParseVerdict } from './cypher-parse.js';
import type { ParseTask } from './parse-worker.js';
import { fixedError } from '../../lib/fixed-error.js';

/** The parser is busy with this many queries already: the request is turned away (429). */
export class ParserBusyError extends fixedError('ParserBusyError', 'The query checker is busy; try again shortly') {}

/** The grammar is still loading after the wait a query may spend on it: the request is turned away (503). */
export class ParserStartingError extends fixedError('ParserStartingError', 'The query checker is starting; try again in a few seconds') {}

const WARM_UP: ParseTask = { query: 'RETURN 1', params: {} };

/**
 * Neo4j's grammar in a worker thread (lib/worker-pool.ts): the worker starts with the first research query,
 * not with the API, and stops when idle, since the grammar holds memory the rest of the API never needs. A
 * query the grammar cannot check in its time is refused as too complex and its worker replaced; the queries
 * queued behind it get their verdicts from the new worker.
 */
export class ParsePool {
  private readonly workers: WorkerPool<ParseTask, ParseVerdict>;
  /** Resolves when the worker has loaded the grammar (a first query waits for it, at most `loadWaitMs`). */
  private loaded: Promise<void> | null = null;
  /** Queries waiting for the grammar or in the worker's queue. */
  private admitted = 0;

  constructor(
    private readonly maxPending = 16,
    timeoutMs = 2_000,
    idleMs = 10 * 60_000,
    /** How long a query may wait for the grammar to load before it is turned away. */
    private readonly loadWaitMs = 10_000,
  ) {
    // One more than the queries: the warm-up that loads the grammar holds a place while they wait for it.
    this.workers = new WorkerPool({ task: { beside: import.meta.url, name: 'parse-worker' }, maxPending: maxPending + 1, timeoutMs, idleMs });
  }

  /** Whether the grammar is in memory now (for the tests). */
  get running(): boolean {
    return this.workers.running;
  }

  /** Workers replaced because a query stalled or crashed them (for the tests). */
  get restarts(): number {
    return this.workers.restarts;
  }

  /** Starts the worker if there is none; resolves once it has loaded the grammar. */
  private start(): Promise<void> {
    if (this.loaded === null || !this.workers.running) {
      const loaded = this.workers.run(WARM_UP).then(() => undefined);
      // A load that fails is seen by the queries that wait for it; the next query tries again.
      loaded.catch(() => {
        if (this.loaded === loaded) this.loaded = null;
      });
      this.loaded = loaded;
    }
    return this.loaded;
  }

  /** Starts the worker if needed and waits until Neo4j's grammar is loaded in it, however long that takes. */
  async warm(): Promise<void> {
    await this.start();
  }

  async check(query: string, params: Record<string, unknown>, timeoutMs?: number): Promise<ParseVerdict> {
    if (this.admitted >= this.maxPending) throw new ParserBusyError();
    this.admitted += 1;
    let timer: NodeJS.Timeout | undefined;
    try {
      // The load goes on for the next query when this one gives up waiting.
      await Promise.race([
        this.start(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new ParserStartingError()), this.loadWaitMs);
        }),
      ]);
      clearTimeout(timer);
      return await this.workers.run({ query, params }, timeoutMs);
    } catch (error) {
      if (error instanceof TaskTimeoutError) return { ok: false, reason: 'The query is too complex to check' };
      if (error instanceof PoolFullError) throw new ParserBusyError();
      throw error;
    } finally {
      clearTimeout(timer);
      this.admitted -= 1;
    }
  }

  async close(): Promise<void> {
    await this.workers.close();
  }
}
