import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

/** A Redis server of the test's own, on a free port of the loopback, keeping nothing on disk. */
export interface RedisProcess {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  stop(): Promise<void>;
}

const freePort = async (): Promise<number> => {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
};

/**
 * Starts `redis-server` (Debian's package; CI installs it in .ci/run) and waits until it accepts
 * connections. A machine without it fails the test with a message saying what to install: the shared
 * store is what the test is about, so it is never skipped.
 */
export async function startRedisServer(readyWithinMs = 15_000): Promise<RedisProcess> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-10_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  // Not events.once: it would reject on the spawn's 'error', handled below.
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    // A server that never started (no binary) has nothing to stop and will not say it exited.
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await exited;
  };
  const ready = new Promise<void>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new Error('redis-server is not installed: the shared-store test needs it (Debian: apt-get install redis-server; .ci/run installs it)')
          : error,
      ),
    );
    void exited.then(() => reject(new Error(`redis-server exited before it was ready:\n${output}`)));
    const look = () => (/Ready to accept connections/.test(output) ? resolve() : undefined);
    child.stdout!.on('data', look);
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`redis-server was not ready in ${readyWithinMs} ms:\n${output}`)), readyWithinMs)),
  );
  try {
    await Promise.race([ready, late]);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return { url: `redis://127.0.0.1:${port}`, stop };
}
