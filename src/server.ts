import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { assertPortFree, CAN_SHARE_PORT, LISTEN_BACKLOG } from './plugins/shared-port.js';
import { ConfigError, loadConfig, type AppConfig } from './config.js';

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
