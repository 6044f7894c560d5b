import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { PROJECT_ROOT } from '../../src/project-files.js';

/** An API server in an OS process of its own (`node --import tsx src/server.ts`), asked over HTTP. */
export interface ApiProcess {
  name: string;
  /** `http://127.0.0.1:<port>` */
  url: string;
  pid: number;
  /** What it printed (the last 20,000 characters), for a failure's message. */
  output(): string;
  /** SIGTERM (the graceful close), then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const KEEP_OUTPUT = 20_000;
const LISTENING = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/;

/**
 * Starts the server on a port the OS picks (PORT=0), reads the URL it logs, and waits until
 * /health/ready answers 200. `env` is the server's whole configuration on top of this process's.
 * Rejects (and kills the process) if it exits or is not ready by `readyWithinMs`.
 */
export async function startApiProcess(name: string, env: Record<string, string>, readyWithinMs = 60_000): Promise<ApiProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let url: string | undefined;
  // The URL is looked for in each whole line as it arrives: the warm-up's request logs soon push it out of `output`.
  const keep = () => {
    let partial = '';
    return (chunk: Buffer) => {
      const text = chunk.toString();
      output = (output + text).slice(-KEEP_OUTPUT);
      if (url) return;
      const lines = (partial + text).split('\n');
      partial = lines.pop()!.slice(-KEEP_OUTPUT);
      for (const line of lines) url ??= LISTENING.exec(line)?.[1];
    };
  };
  child.stdout!.on('data', keep());
  child.stderr!.on('data', keep());
  const exited = once(child, 'exit');
  // Should this process end before stop() (a crashed or interrupted test run), the server ends with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));
  const proc: ApiProcess = {
    name,
    url: '',
    pid: child.pid!,
    output: () => output,
    stop: (graceMs = 15_000) => stopChild(child, exited, graceMs),
  };
  try {
    proc.url = await readyUrl(
      child,
      () => url,
      () => output,
      Date.now() + readyWithinMs,
      name,
    );
    return proc;
  } catch (error) {
    await proc.stop(2_000);
    throw error;
  }
}

async function readyUrl(child: ChildProcess, listening: () => string | undefined, output: () => string, deadline: number, name: string): Promise<string> {
  const fail = (why: string) => new Error(`${name} ${why}:\n${output()}`);
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw fail(`exited (${child.exitCode ?? child.signalCode})`);
    const url = listening();
    if (url) {
      const ready = await fetch(`${url}/health/ready`).catch(() => null);
      if (ready?.status === 200) return url;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw fail(listening() ? `was not ready at ${listening()} in time` : 'did not say where it listens in time');
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
  if ((await Promise.race([exited, late])) === 'late') {
    child.kill('SIGKILL');
    await exited;
  }
  clearTimeout(timer);
}
