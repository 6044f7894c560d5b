/**
 * The task file piscina loads when the API runs from its TypeScript sources (development, tests): it
 * registers tsx in the worker thread, then loads the real task module named in workerData. Node 20 ignores
 * `--import` in a worker's execArgv, so piscina's `execArgv` cannot do this; the build's workers load the
 * compiled .js task modules directly and never come here.
 */
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const task = await import(workerData.taskFile);
export default task.default;
