import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    datasetVersion: { current(): string | null; reviewedOn(): string | null; refresh(): Promise<string | null> };
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
    let reviewedOn: string | null = null;
    const refresh = async () => {
      try {
        ({ version, reviewedOn } = await app.repositories.dataset.getStamp());
      } catch (error) {
        app.log.debug({ err: error }, 'dataset version not refreshed');
      }
      return version;
    };
    app.decorate('datasetVersion', { current: () => version, reviewedOn: () => reviewedOn, refresh });
    // Every answer says how fresh the facts are: the day the loaded dataset was last reviewed against its sources.
    // Callback style, not async: it runs on every answer, cached ones included, and a promise each shows.
    app.addHook('onSend', (_request, reply, payload, done) => {
      if (reviewedOn) reply.header('dataset-reviewed-on', reviewedOn);
      // Every answer names the data it comes from; an answer for an earlier version (knownAt) has set its own.
      if (version && !reply.hasHeader('data-version')) reply.header('data-version', version);
      done(null, payload);
    });
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
