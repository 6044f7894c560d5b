import { HttpProblem } from '../../lib/problem.js';
import { PoolFullError, TaskTimeoutError, WorkerLostError, WorkerPool } from '../../lib/worker-pool.js';
import type { OwnershipGraph } from '../ownership/graph-formats.js';
import type { PictureTask } from './picture-worker.js';

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
 * Graphviz and resvg draw in a worker thread with a heap of its own and a bounded queue (lib/worker-pool.ts):
 * a picture is drawn one at a time, never on the event loop that serves everyone else, and a burst of
 * pictures waits in the queue (or is turned away with 503) instead of filling the API's heap. A worker that
 * runs out of its heap or takes too long is replaced; only the picture it was drawing fails.
 */
export class PicturePool {
  private readonly workers: WorkerPool<PictureTask, string | Uint8Array>;
  /** Pictures turned away because the queue was full (for the tests). */
  refused = 0;

  constructor(options: PicturePoolOptions = {}) {
    this.workers = new WorkerPool({
      task: { beside: import.meta.url, name: 'picture-worker' },
      // The picture being drawn, and those waiting for it.
      maxPending: (options.maxQueued ?? 16) + 1,
      timeoutMs: options.timeoutMs ?? 15_000,
      idleMs: options.idleMs ?? 60_000,
      resourceLimits: { maxOldGenerationSizeMb: options.heapMb ?? 96, maxYoungGenerationSizeMb: 8 },
    });
  }

  async render(graph: OwnershipGraph, title: string, format: 'svg' | 'png'): Promise<string | Buffer> {
    let picture: string | Uint8Array;
    try {
      picture = await this.workers.run({ graph, title, format });
    } catch (error) {
      if (error instanceof PoolFullError) {
        this.refused += 1;
        throw new HttpProblem(503, 'Too many pictures are being drawn; try again shortly', { retryAfterSeconds: 1 });
      }
      if (error instanceof TaskTimeoutError) throw new HttpProblem(503, 'The picture took too long to draw; try again shortly', { retryAfterSeconds: 1 });
      if (error instanceof WorkerLostError) {
        throw new HttpProblem(503, 'The picture could not be drawn within its memory; try again shortly', { retryAfterSeconds: 1 });
      }
      throw error;
    }
    // A PNG crosses from the worker as a Uint8Array; Fastify sends a Buffer as bytes.
    return typeof picture === 'string' ? picture : Buffer.from(picture.buffer, picture.byteOffset, picture.byteLength);
  }

  close(): Promise<void> {
    return this.workers.close();
  }
}
