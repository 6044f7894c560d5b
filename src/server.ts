import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { assertPortFree, CAN_SHARE_PORT } from './plugins/shared-port.js';
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
  const url = await listen(app, config);
  return { app, url };
}

/** Listens on the configured address; the URL it answers on. */
export async function listen(app: FastifyInstance, config: Pick<AppConfig, 'host' | 'port'>): Promise<string> {
  // Where Node can, the port is shared by several sockets of this process (plugins/shared-port.ts).
  if (CAN_SHARE_PORT) await assertPortFree(config.host, config.port);
  // A deep accept queue: at 1,024 connections opened at once, Node's default of 511 overflowed (3,060
  // SYNs dropped in 8 s, each client retrying after 1 s, 3 s, 7 s); the kernel caps it at somaxconn.
  return app.listen({ host: config.host, port: config.port, backlog: LISTEN_BACKLOG, ...(CAN_SHARE_PORT ? { reusePort: true } : {}) });
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
