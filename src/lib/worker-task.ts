/**
 * The worker's side of lib/worker-pool.ts: a task module's default export is `workerTask(handler)`.
 */
import { parentPort } from 'node:worker_threads';

/** What the pool hands a worker: the task, and an id the worker names when it starts on it. */
export interface Envelope<T> {
  id: number;
  task: T;
}

/**
 * A handler's own failure comes back as a value, so that a rejection from piscina always means the worker
 * itself was lost (ended for its time, out of its heap, crashed) and never a task that merely failed.
 */
export type Outcome<R> = { ok: true; value: R } | { ok: false; message: string };

export interface StartedMessage {
  taskStarted: number;
}

export function isStartedMessage(message: unknown): message is StartedMessage {
  return typeof message === 'object' && message !== null && typeof (message as StartedMessage).taskStarted === 'number';
}

export function workerTask<T, R>(handler: (task: T) => R | Promise<R>): (envelope: Envelope<T>) => Promise<Outcome<R>> {
  return async ({ id, task }) => {
    // The pool starts the task's time limit on this message: the time it queued, or that the worker spent
    // loading its module, is not the task's.
    parentPort?.postMessage({ taskStarted: id } satisfies StartedMessage);
    try {
      return { ok: true, value: await handler(task) };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  };
}
