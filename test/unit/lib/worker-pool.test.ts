import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PoolClosedError, PoolFullError, TaskTimeoutError, WorkerLostError, WorkerPool, type Threads } from '../../../src/lib/worker-pool.js';
import { workerTask, type Envelope, type Outcome } from '../../../src/lib/worker-task.js';

interface Handed {
  envelope: Envelope<string>;
  signal: AbortSignal;
  resolve: (outcome: Outcome<string>) => void;
  reject: (error: Error) => void;
}

/** Stands in for piscina: tasks wait here until the test starts, answers or fails them. */
class FakeThreads extends EventEmitter implements Threads {
  readonly handed: Handed[] = [];
  destroyed = false;

  run(envelope: unknown, { signal }: { signal: AbortSignal }): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.handed.push({ envelope: envelope as Envelope<string>, signal, resolve, reject });
      // As piscina does: an aborted task is rejected at once (and, if it was running, its worker terminated).
      signal.addEventListener('abort', () => reject(new Error('The task has been aborted')), { once: true });
    });
  }

  /** The worker names the task it starts on. */
  start(index: number): void {
    this.emit('message', { taskStarted: this.handed[index]!.envelope.id });
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
    for (const task of this.handed) task.reject(new Error('Terminating worker thread'));
  }
}

function pool(options: Partial<{ maxPending: number; timeoutMs: number; idleMs: number }> = {}) {
  const started: FakeThreads[] = [];
  const workers = new WorkerPool<string, string>(
    { task: { beside: import.meta.url, name: 'unused' }, maxPending: 3, timeoutMs: 100, idleMs: 1_000, ...options },
    () => {
      const threads = new FakeThreads();
      started.push(threads);
      return threads;
    },
  );
  return { workers, started, threads: () => started.at(-1)! };
}

describe('the worker pool around piscina', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refuses a task past its bound, the running task counted, and takes tasks again once one is done', async () => {
    const { workers, threads } = pool({ maxPending: 2 });
    const first = workers.run('a');
    const second = workers.run('b');
    await expect(workers.run('c')).rejects.toBeInstanceOf(PoolFullError);
    expect(workers.pending).toBe(2);
    threads().handed[0]!.resolve({ ok: true, value: 'A' });
    expect(await first).toBe('A');
    const third = workers.run('d');
    threads().handed[1]!.resolve({ ok: true, value: 'B' });
    threads().handed[2]!.resolve({ ok: true, value: 'D' });
    expect([await second, await third]).toEqual(['B', 'D']);
  });

  it('counts a task’s time from when its worker starts on it, not from when it was queued', async () => {
    const { workers, threads } = pool({ timeoutMs: 100 });
    const slow = workers.run('slow').catch((error: unknown) => error);
    const queued = workers.run('queued');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(threads().handed.map((t) => t.signal.aborted)).toEqual([false, false]);

    threads().start(0);
    await vi.advanceTimersByTimeAsync(99);
    expect(threads().handed[0]!.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await slow).toBeInstanceOf(TaskTimeoutError);
    expect(workers.restarts).toBe(1);

    // The task queued behind is not the one that took too long: it waits for the next worker and gets its answer.
    expect(threads().handed[1]!.signal.aborted).toBe(false);
    threads().start(1);
    threads().handed[1]!.resolve({ ok: true, value: 'Q' });
    expect(await queued).toBe('Q');
  });

  it('takes a time limit of its own for one task', async () => {
    const { workers, threads } = pool({ timeoutMs: 100 });
    const patient = workers.run('patient', 5_000);
    threads().start(0);
    await vi.advanceTimersByTimeAsync(4_999);
    threads().handed[0]!.resolve({ ok: true, value: 'P' });
    expect(await patient).toBe('P');
    expect(workers.restarts).toBe(0);
  });

  it('tells a task that failed in its handler from a worker lost under a task', async () => {
    const { workers, threads } = pool();
    const failed = workers.run('bad');
    threads().handed[0]!.resolve({ ok: false, message: 'the graph has no nodes' });
    await expect(failed).rejects.toThrow(/^the graph has no nodes$/);
    expect(workers.restarts).toBe(0);

    const lost = workers.run('huge');
    threads().handed[1]!.reject(Object.assign(new Error('Worker terminated due to reaching memory limit'), { code: 'ERR_WORKER_OUT_OF_MEMORY' }));
    const error = await lost.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerLostError);
    expect((error as WorkerLostError).cause).toMatchObject({ code: 'ERR_WORKER_OUT_OF_MEMORY' });
    expect(workers.restarts).toBe(1);
  });

  it('starts no worker before the first task, stops it after the idle time, and starts a new one for the next task', async () => {
    const { workers, started, threads } = pool({ idleMs: 1_000 });
    expect(workers.running).toBe(false);
    const one = workers.run('one');
    expect(workers.running).toBe(true);
    threads().handed[0]!.resolve({ ok: true, value: '1' });
    await one;
    await vi.advanceTimersByTimeAsync(999);
    expect(started[0]!.destroyed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(started[0]!.destroyed).toBe(true);
    expect(workers.running).toBe(false);

    const two = workers.run('two');
    expect(started).toHaveLength(2);
    threads().handed[0]!.resolve({ ok: true, value: '2' });
    expect(await two).toBe('2');
  });

  it('is not stopped for idleness while a task waits', async () => {
    const { workers, started, threads } = pool({ idleMs: 1_000 });
    const quick = workers.run('quick');
    const waiting = workers.run('waiting');
    threads().handed[0]!.resolve({ ok: true, value: 'q' });
    await quick;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(started[0]!.destroyed).toBe(false);
    threads().handed[1]!.resolve({ ok: true, value: 'w' });
    expect(await waiting).toBe('w');
  });

  it('fails the queued tasks when its worker dies outside any task, and starts afresh for the next', async () => {
    const { workers, started, threads } = pool();
    const queued = [workers.run('a'), workers.run('b')].map((p) => p.catch((e: unknown) => e));
    threads().emit('error', new Error('the module would not load'));
    for (const error of await Promise.all(queued)) expect(error).toBeInstanceOf(WorkerLostError);
    expect(workers.running).toBe(false);
    const next = workers.run('c');
    expect(started).toHaveLength(2);
    threads().handed[0]!.resolve({ ok: true, value: 'C' });
    expect(await next).toBe('C');
  });

  it('fails the queued and running tasks when closed, and refuses new ones', async () => {
    const { workers, threads } = pool();
    const running = workers.run('a').catch((e: unknown) => e);
    threads().start(0);
    const queued = workers.run('b').catch((e: unknown) => e);
    await workers.close();
    expect(await running).toBeInstanceOf(PoolClosedError);
    expect(await queued).toBeInstanceOf(PoolClosedError);
    await expect(workers.run('c')).rejects.toBeInstanceOf(PoolClosedError);
    expect(workers.restarts).toBe(0);
  });
});

describe('a task module’s handler', () => {
  it('answers its value, and its own failure as a message rather than a lost worker', async () => {
    const task = workerTask((n: number) => {
      if (n < 0) throw new Error('negative');
      return n * 2;
    });
    expect(await task({ id: 1, task: 21 })).toEqual({ ok: true, value: 42 });
    expect(await task({ id: 2, task: -1 })).toEqual({ ok: false, message: 'negative' });
  });
});
