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
 */
export class ParsePool {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly maxPending = 16,
    private readonly timeoutMs = 2_000,
  ) {}

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
    });
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', () => this.fail(worker, new Error('the parser stopped')));
    return worker;
  }

  /** Every query in flight on a worker that died is answered with the error; the next check starts a new worker. */
  private fail(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const [id, entry] of this.pending) {
      clearTimeout(entry.timer);
      entry.reject(error);
      this.pending.delete(id);
    }
  }

  /** Starts the worker and waits until Neo4j's grammar is loaded in it. */
  async warm(): Promise<void> {
    await this.check('RETURN 1', {}, 120_000);
  }

  check(query: string, params: Record<string, unknown>, timeoutMs = this.timeoutMs): Promise<ParseVerdict> {
    if (this.closed) return Promise.reject(new Error('the parser is closed'));
    if (this.pending.size >= this.maxPending) return Promise.reject(new ParserBusyError());
    this.worker ??= this.spawn();
    const worker = this.worker;
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
    const worker = this.worker;
    this.worker = null;
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
    this.pending.clear();
    if (worker) await worker.terminate();
  }
}
