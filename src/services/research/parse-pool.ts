import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParseVerdict } from './cypher-parse.js';

/** The parser is busy with this many queries already: the request is turned away (429). */
export class ParserBusyError extends Error {
  constructor() {
    super('The query checker is busy; try again shortly');
    this.name = 'ParserBusyError';
  }
}

/** The grammar is still loading after the wait a query may spend on it: the request is turned away (503). */
export class ParserStartingError extends Error {
  constructor() {
    super('The query checker is starting; try again in a few seconds');
    this.name = 'ParserStartingError';
  }
}

/** tsx's ESM API (its package exports map `import` to this file). */
function tsxEsmApi(): string {
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  return pathToFileURL(join(dirname(packageJson), 'dist', 'esm', 'api', 'index.mjs')).href;
}

interface Pending {
  resolve: (verdict: ParseVerdict) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Neo4j's grammar runs in a worker thread: parsing a long query takes tens of milliseconds, which must
 * not stall the event loop that serves everyone else. One worker, a bounded queue, and a time limit per
 * query: a query the parser cannot finish in time is refused, and the worker is replaced.
 *
 * The grammar takes about 300 MB once loaded (bench/profile.md), more than the rest of the API, and most
 * processes never see a research query: the worker starts with the first query that needs it and stops
 * when no query has come for `idleMs`, so the memory is only held while researchers are at work.
 */
export class ParsePool {
  private worker: Worker | null = null;
  /** Resolves when the worker has loaded the grammar; the time limit per query starts after it. */
  private loaded: Promise<void> | null = null;
  private readonly pending = new Map<number, Pending>();
  private waiting = 0;
  private nextId = 1;
  private closed = false;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly maxPending = 16,
    private readonly timeoutMs = 2_000,
    private readonly idleMs = 10 * 60_000,
    /** How long a query may wait for the grammar to load before it is turned away. */
    private readonly loadWaitMs = 10_000,
    private readonly loadTimeoutMs = 120_000,
  ) {}

  /** Whether the grammar is in memory now (for /metrics and the tests). */
  get running(): boolean {
    return this.worker !== null;
  }

  private spawn(): Worker {
    const here = fileURLToPath(import.meta.url);
    const isTs = here.endsWith('.ts');
    const file = here.replace(/parse-pool\.(ts|js)$/, `parse-worker.${isTs ? 'ts' : 'js'}`);
    // From TypeScript sources (development, tests) the worker registers tsx first; the build runs the .js as is.
    const worker = isTs
      ? new Worker(
          `import(${JSON.stringify(tsxEsmApi())})` +
            `.then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); })`,
          { eval: true },
        )
      : new Worker(file);
    worker.unref();
    worker.on('message', (message: { id?: number; verdict?: ParseVerdict; error?: string }) => {
      if (message.id === undefined) return;
      const entry = this.pending.get(message.id);
      if (!entry) return;
      this.pending.delete(message.id);
      clearTimeout(entry.timer);
      if (message.verdict) entry.resolve(message.verdict);
      else entry.reject(new Error(message.error ?? 'the parser failed'));
      this.stopWhenIdle();
    });
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', () => this.fail(worker, new Error('the parser stopped')));
    return worker;
  }

  /** Every query in flight on a worker that died is answered with the error; the next check starts a new worker. */
  private fail(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.loaded = null;
    for (const [id, entry] of this.pending) {
      clearTimeout(entry.timer);
      entry.reject(error);
      this.pending.delete(id);
    }
  }

  private stopWhenIdle(): void {
    if (this.pending.size > 0 || this.waiting > 0 || this.worker === null) return;
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.idleTimer = setTimeout(() => {
      if (this.worker !== worker || this.pending.size > 0 || this.waiting > 0) return;
      this.fail(worker, new Error('the parser stopped while idle'));
      void worker.terminate();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  /** The worker, started if needed; `loaded` resolves when it has loaded the grammar. */
  private start(): Worker {
    if (this.closed) throw new Error('the parser is closed');
    clearTimeout(this.idleTimer);
    if (this.worker === null) {
      const worker = (this.worker = this.spawn());
      this.loaded = this.send(worker, 'RETURN 1', {}, this.loadTimeoutMs).then(() => undefined);
    }
    return this.worker;
  }

  /** Starts the worker if needed and waits until Neo4j's grammar is loaded in it, however long that takes. */
  async warm(): Promise<void> {
    this.start();
    await this.loaded;
  }

  async check(query: string, params: Record<string, unknown>, timeoutMs = this.timeoutMs): Promise<ParseVerdict> {
    if (this.closed) throw new Error('the parser is closed');
    if (this.pending.size + this.waiting >= this.maxPending) throw new ParserBusyError();
    const worker = this.start();
    this.waiting += 1;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.loaded,
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new ParserStartingError()), this.loadWaitMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
      this.waiting -= 1;
    }
    if (this.closed) throw new Error('the parser is closed');
    return this.send(worker, query, params, timeoutMs);
  }

  private send(worker: Worker, query: string, params: Record<string, unknown>, timeoutMs: number): Promise<ParseVerdict> {
    if (this.worker !== worker) return Promise.reject(new Error('the parser was restarted'));
    const id = this.nextId++;
    return new Promise<ParseVerdict>((resolve, reject) => {
      const timer = setTimeout(() => {
        // A query the parser cannot finish in time is refused, and the stuck worker replaced.
        this.pending.delete(id);
        resolve({ ok: false, reason: 'The query is too complex to check' });
        if (this.worker === worker) {
          this.fail(worker, new Error('the parser was restarted'));
          void worker.terminate();
        }
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, query, params });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = null;
    this.loaded = null;
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
    this.pending.clear();
    if (worker) await worker.terminate();
  }
}
