import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    datasetVersion: { current(): string | null; refresh(): Promise<string | null> };
  }
}

const REFRESH_MS = 5_000;

/**
 * Keeps the loaded dataset's content hash in memory, refreshed in the background, so ETags (and caches)
 * can key on it without a query per request. A re-seed shows within REFRESH_MS, or at once after refresh().
 */
export default fp(
  async (app) => {
    let version: string | null = null;
    const refresh = async () => {
      try {
        version = await app.repositories.dataset.getVersion();
      } catch (error) {
        app.log.debug({ err: error }, 'dataset version not refreshed');
      }
      return version;
    };
    app.decorate('datasetVersion', { current: () => version, refresh });
    let timer: NodeJS.Timeout | undefined;
    app.addHook('onReady', async () => {
      await refresh();
      timer = setInterval(() => void refresh(), REFRESH_MS);
      timer.unref();
    });
    app.addHook('onClose', async () => clearInterval(timer));
  },
  { name: 'dataset-version', dependencies: ['repositories'] },
);
