import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
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
  const url = await app.listen({ host: config.host, port: config.port });
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
