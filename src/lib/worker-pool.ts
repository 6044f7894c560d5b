/**
 * One worker thread behind a bounded queue, on piscina: the grammar check and the pictures both run here,
 * off the event loop that answers everyone else. Piscina queues the tasks, hands them to the worker one at
 * a time, terminates the worker when a running task's signal is aborted and starts another for the tasks
 * still queued. This module adds what the API promises on top: a bound on the tasks waiting, a time limit
 * per task that runs from when the worker starts on it, and a worker that is stopped when idle.
 */
import type { ResourceLimits } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { isStartedMessage, type Envelope, type Outcome } from './worker-task.js';
import { fixedError } from './fixed-error.js';

/** The pool has `maxPending` tasks already; it refuses more at once instead of queueing without end. */
export class PoolFullError extends fixedError('PoolFullError', 'The worker pool is full') {}

/** The task outlived its time limit: its worker was terminated (the queued tasks go on in a new one). */
export class TaskTimeoutError extends fixedError('TaskTimeoutError', 'The task took too long') {}

/** The worker died under the task: out of its heap, or crashed. */
export class WorkerLostError extends Error {
  constructor(cause: unknown) {
    super('The worker stopped before the task was done', { cause });
    this.name = 'WorkerLostError';
  }
}

export class PoolClosedError extends fixedError('PoolClosedError', 'The worker pool is closed') {}

export interface WorkerPoolOptions {
  /**
   * The task module, beside the caller (pass its `import.meta.url`) and named without extension: from the
   * TypeScript sources it is the `.ts` file (through tsx-worker.mjs), in the build the compiled `.js`.
   */
  task: { beside: string; name: string };
  /** Tasks queued or running at once; one more is refused with PoolFullError. */
  maxPending: number;
  /** A task's time limit unless `run` is given another, counted from when the worker starts on it. */
  timeoutMs: number;
  /** The worker stops after this long without a task, and gives its memory back. */
  idleMs: number;
  /** The worker's own heap, apart from the API's. */
  resourceLimits?: ResourceLimits;
}

/** What the pool needs of piscina (the unit tests stand in for it). */
export interface Threads {
  run(envelope: unknown, options: { signal: AbortSignal }): Promise<unknown>;
  on(event: 'message' | 'error', listener: (value: unknown) => void): unknown;
  destroy(): Promise<void>;
}

const TSX_WORKER = new URL('./tsx-worker.mjs', import.meta.url).href;

function piscinaFor({ task, resourceLimits }: WorkerPoolOptions): Threads {
  const fromSources = task.beside.endsWith('.ts');
  const file = new URL(`./${task.name}.${fromSources ? 'ts' : 'js'}`, task.beside).href;
  return new Piscina({
    ...(fromSources ? { filename: TSX_WORKER, workerData: { taskFile: file } } : { filename: file }),
    // One worker, started with the pool and, when a task kills it, replaced by piscina at once for the tasks
    // queued behind (with no minimum it would start none until the next task came). Idle, the whole pool is
    // stopped instead.
    minThreads: 1,
    maxThreads: 1,
    concurrentTasksPerWorker: 1,
    ...(resourceLimits ? { resourceLimits } : {}),
  });
}

export class WorkerPool<T, R> {
  private threads: Threads | null = null;
  /** Starts the time limit of each task handed over and not settled, by id, when its worker names it. */
  private readonly starts = new Map<number, () => void>();
  private nextId = 1;
  private pendingTasks = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Workers replaced because a task outlived its time or the worker died under it (for the tests). */
  restarts = 0;

  constructor(
    private readonly options: WorkerPoolOptions,
    private readonly startThreads: () => Threads = () => piscinaFor(options),
  ) {}

  /** Whether a worker is there now (it starts with the first task and stops when idle). */
  get running(): boolean {
    return this.threads !== null;
  }

  /** Tasks queued or running. */
  get pending(): number {
    return this.pendingTasks;
  }

  async run(task: T, timeoutMs = this.options.timeoutMs): Promise<R> {
    if (this.closed) throw new PoolClosedError();
    // Piscina's own maxQueue does not count tasks that carry a signal, and every task here does.
    if (this.pendingTasks >= this.options.maxPending) throw new PoolFullError();
    this.pendingTasks += 1;
    clearTimeout(this.idleTimer);
    const threads = this.start();
    const id = this.nextId++;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    this.starts.set(id, () => {
      timer = setTimeout(() => controller.abort(new TaskTimeoutError()), timeoutMs);
    });
    let outcome: Outcome<R>;
    try {
      outcome = (await threads.run({ id, task } satisfies Envelope<T>, { signal: controller.signal })) as Outcome<R>;
    } catch (error) {
      throw this.failure(error, controller.signal);
    } finally {
      clearTimeout(timer);
      this.starts.delete(id);
      this.pendingTasks -= 1;
      this.stopWhenIdle();
    }
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.value;
  }

  private failure(error: unknown, signal: AbortSignal): Error {
    if (this.closed) return new PoolClosedError();
    this.restarts += 1;
    if (signal.aborted && signal.reason instanceof TaskTimeoutError) return signal.reason;
    return new WorkerLostError(error);
  }

  private start(): Threads {
    if (this.threads) return this.threads;
    const threads = this.startThreads();
    this.threads = threads;
    threads.on('message', (message: unknown) => {
      if (isStartedMessage(message)) this.starts.get(message.taskStarted)?.();
    });
    // A worker that dies outside any task (its module would not load) is not started again by piscina, and
    // the tasks queued for it would wait for ever: they fail now, and the next task starts a new pool.
    threads.on('error', () => this.retire(threads));
    return threads;
  }

  private retire(threads: Threads): void {
    if (this.threads === threads) this.threads = null;
    void threads.destroy();
  }

  private stopWhenIdle(): void {
    const threads = this.threads;
    if (this.pendingTasks > 0 || threads === null || this.closed) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.pendingTasks === 0) this.retire(threads);
    }, this.options.idleMs);
    this.idleTimer.unref();
  }

  /** Fails the queued and running tasks with PoolClosedError and ends the worker. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    const threads = this.threads;
    this.threads = null;
    await threads?.destroy();
  }
}
