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

interface Queued {
  query: string;
  params: Record<string, unknown>;
  timeoutMs: number;
  resolve: (verdict: ParseVerdict) => void;
  reject: (error: Error) => void;
}

/** A query the worker is parsing now: its time limit runs from when the worker took it. */
interface InFlight extends Queued {
  id: number;
  timer: NodeJS.Timeout;
}

export class ParsePool {
  private worker: Worker | null = null;
  /** Resolves when the worker has loaded the grammar; the time limit per query starts after it. */
  private loaded: Promise<void> | null = null;
  private ready = false;
  private readonly queue: Queued[] = [];
  private inFlight: InFlight | null = null;
  private waiting = 0;
  private nextId = 1;
  private closed = false;
  private idleTimer: NodeJS.Timeout | undefined;
  /** Workers replaced because a query stalled or crashed them (for /metrics and the tests). */
  restarts = 0;

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
      if (message.id === undefined || this.worker !== worker) return;
      const entry = this.inFlight;
      if (!entry || entry.id !== message.id) return;
      this.inFlight = null;
      clearTimeout(entry.timer);
      if (message.verdict) entry.resolve(message.verdict);
      else entry.reject(new Error(message.error ?? 'the parser failed'));
      this.pump();
      this.stopWhenIdle();
    });
    worker.on('error', (error) => this.lose(worker, error));
    worker.on('exit', () => this.lose(worker, new Error('the parser stopped')));
    return worker;
  }

  /**
   * The worker died or was ended: the query it was parsing (the one that broke it) fails; the queued ones
   * stay queued, for a new worker.
   */
  private lose(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.loaded = null;
    this.ready = false;
    const entry = this.inFlight;
    this.inFlight = null;
    if (entry) {
      clearTimeout(entry.timer);
      entry.reject(error);
    }
    if (this.queue.length > 0 && !this.closed) {
      this.restarts += 1;
      this.start();
    }
  }

  private stopWhenIdle(): void {
    if (this.inFlight || this.queue.length > 0 || this.waiting > 0 || this.worker === null) return;
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.idleTimer = setTimeout(() => {
      if (this.worker !== worker || this.inFlight || this.queue.length > 0 || this.waiting > 0) return;
      this.lose(worker, new Error('the parser stopped while idle'));
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
      this.loaded = new Promise<void>((resolve, reject) => {
        // The first message loads the grammar; it has the load's time limit, not a query's.
        this.dispatch(worker, { query: 'RETURN 1', params: {}, timeoutMs: this.loadTimeoutMs, resolve: () => resolve(), reject });
      }).then(() => {
        if (this.worker === worker) this.ready = true;
        this.pump();
      });
      // A load that fails is seen by the queries that wait for it.
      this.loaded.catch(() => undefined);
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
    if (this.queue.length + (this.inFlight ? 1 : 0) + this.waiting >= this.maxPending) throw new ParserBusyError();
    this.start();
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
    return new Promise<ParseVerdict>((resolve, reject) => {
      this.queue.push({ query, params, timeoutMs, resolve, reject });
      if (this.worker === null) this.start();
      this.pump();
    });
  }

  /** Hands the next queued query to the worker once it is loaded and free. */
  private pump(): void {
    if (this.closed || this.inFlight || !this.ready || this.worker === null) return;
    const next = this.queue.shift();
    if (next) this.dispatch(this.worker, next);
  }

  private dispatch(worker: Worker, entry: Queued): void {
    const id = this.nextId++;
    const timer = setTimeout(() => {
      if (this.inFlight?.id !== id) return;
      // A query the parser cannot finish in time is refused, and the stuck worker replaced.
      this.inFlight = null;
      entry.resolve({ ok: false, reason: 'The query is too complex to check' });
      if (this.worker === worker) {
        this.lose(worker, new Error('the parser was restarted'));
        void worker.terminate();
      }
    }, entry.timeoutMs);
    this.inFlight = { ...entry, id, timer };
    worker.postMessage({ id, query: entry.query, params: entry.params });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = null;
    this.loaded = null;
    this.ready = false;
    if (this.inFlight) clearTimeout(this.inFlight.timer);
    this.inFlight = null;
    for (const entry of this.queue.splice(0)) entry.reject(new Error('the parser is closed'));
    if (worker) await worker.terminate();
  }
}
