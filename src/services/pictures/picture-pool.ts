import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { HttpProblem } from '../../lib/problem.js';
import type { OwnershipGraph } from '../ownership/graph-formats.js';

/** tsx's ESM API (its package exports map `import` to this file). */
function tsxEsmApi(): string {
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  return pathToFileURL(join(dirname(packageJson), 'dist', 'esm', 'api', 'index.mjs')).href;
}

interface Job {
  graph: OwnershipGraph;
  title: string;
  format: 'svg' | 'png';
  resolve: (picture: string | Buffer) => void;
  reject: (error: Error) => void;
}

export interface PicturePoolOptions {
  /** Pictures waiting for the worker; one more is answered 503 with Retry-After at once. */
  maxQueued?: number;
  /** A picture not drawn in this time is given up (503) and its worker replaced. */
  timeoutMs?: number;
  /** The worker's own heap, apart from the API's. */
  heapMb?: number;
  /** The worker stops after this long without a picture, and gives its memory back. */
  idleMs?: number;
}

/**
 * Graphviz and resvg draw in a worker thread with a heap of its own and a bounded queue: a picture is
 * drawn one at a time, never on the event loop that serves everyone else, and a burst of pictures waits
 * in the queue (or is turned away with 503) instead of filling the API's heap. A worker that runs out of
 * its heap or takes too long is replaced; only the picture it was drawing fails.
 */
export class PicturePool {
  private worker: Worker | null = null;
  private readonly queue: Job[] = [];
  private current: (Job & { id: number; timer: NodeJS.Timeout }) | null = null;
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly maxQueued: number;
  private readonly timeoutMs: number;
  private readonly heapMb: number;
  private readonly idleMs: number;
  /** Pictures turned away because the queue was full (for the tests). */
  refused = 0;

  constructor(options: PicturePoolOptions = {}) {
    this.maxQueued = options.maxQueued ?? 16;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.heapMb = options.heapMb ?? 96;
    this.idleMs = options.idleMs ?? 60_000;
  }

  render(graph: OwnershipGraph, title: string, format: 'svg' | 'png'): Promise<string | Buffer> {
    if (this.closed) return Promise.reject(new Error('the picture pool is closed'));
    if (this.queue.length >= this.maxQueued) {
      this.refused += 1;
      return Promise.reject(new HttpProblem(503, 'Too many pictures are being drawn; try again shortly', { retryAfterSeconds: 1 }));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ graph, title, format, resolve, reject });
      this.pump();
    });
  }

  private spawn(): Worker {
    const here = fileURLToPath(import.meta.url);
    const isTs = here.endsWith('.ts');
    const file = here.replace(/picture-pool\.(ts|js)$/, `picture-worker.${isTs ? 'ts' : 'js'}`);
    const resourceLimits = { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: 8 };
    const worker = isTs
      ? new Worker(
          `import(${JSON.stringify(tsxEsmApi())})` + `.then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); })`,
          { eval: true, resourceLimits },
        )
      : new Worker(file, { resourceLimits });
    worker.unref();
    worker.on('message', (message: { id: number; svg?: string; png?: Uint8Array; error?: string }) => {
      const job = this.current;
      if (this.worker !== worker || !job || job.id !== message.id) return;
      this.current = null;
      clearTimeout(job.timer);
      if (message.svg !== undefined) job.resolve(message.svg);
      else if (message.png !== undefined) job.resolve(Buffer.from(message.png.buffer, message.png.byteOffset, message.png.byteLength));
      else job.reject(new Error(message.error ?? 'the picture could not be drawn'));
      this.pump();
    });
    const lost = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      const job = this.current;
      this.current = null;
      if (job) {
        clearTimeout(job.timer);
        job.reject(new HttpProblem(503, 'The picture could not be drawn within its memory; try again shortly', { retryAfterSeconds: 1 }));
        void error;
      }
      this.pump();
    };
    worker.on('error', lost);
    worker.on('exit', () => lost(new Error('the picture worker stopped')));
    return worker;
  }

  private pump(): void {
    if (this.closed || this.current) return;
    const job = this.queue.shift();
    if (!job) {
      this.stopWhenIdle();
      return;
    }
    clearTimeout(this.idleTimer);
    const worker = (this.worker ??= this.spawn());
    const id = this.nextId++;
    const timer = setTimeout(() => {
      if (this.current?.id !== id) return;
      this.current = null;
      job.reject(new HttpProblem(503, 'The picture took too long to draw; try again shortly', { retryAfterSeconds: 1 }));
      if (this.worker === worker) {
        this.worker = null;
        void worker.terminate();
      }
      this.pump();
    }, this.timeoutMs);
    this.current = { ...job, id, timer };
    worker.postMessage({ id, graph: job.graph, title: job.title, format: job.format });
  }

  private stopWhenIdle(): void {
    const worker = this.worker;
    if (!worker) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.worker !== worker || this.current || this.queue.length > 0) return;
      this.worker = null;
      void worker.terminate();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    for (const job of this.queue.splice(0)) job.reject(new Error('the picture pool is closed'));
    if (this.current) {
      clearTimeout(this.current.timer);
      this.current.reject(new Error('the picture pool is closed'));
      this.current = null;
    }
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}
