import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The Redis (or Valkey) server every limit and query-time budget is counted in, shared by all replicas;
     * null when RATE_LIMIT_STORE_URL is unset and each process counts alone.
     */
    limitStore: Redis | null;
  }
}

/** Longest wait for the store on a request: a slow store must not make every limited request slow. */
const COMMAND_TIMEOUT_MS = 500;
/** How long start-up waits for a silent store before serving without it (fail-open, below). */
const CONNECT_WAIT_MS = 3_000;

/**
 * @fastify/rate-limit, off by default: routes opt in with `config.rateLimit` (researchers' Cypher, MCP), and
 * the expensive GETs and MCP tool calls share one limiter made with `app.createRateLimit` (plugins/expensive-gets.ts).
 *
 * With a store URL every count lives in Redis, so N replicas allow each limit once, not N times. When the
 * store cannot be reached the limits fail open (`skipOnError`): the limits are fairness between clients,
 * while admission control, the research bulkhead and load shedding, which live in each process, still
 * protect Neo4j; failing closed would turn an outage of the store into an outage of the API's costly
 * routes. The store's errors are logged, once per outage.
 */
export default fp<{ storeUrl?: string }>(
  async (app, { storeUrl }) => {
    // ioredis is loaded only for a store: a process counting alone does not keep its 0.5 MB of source (about 6 MB resident).
    const redis = storeUrl
      ? new (await import('ioredis')).Redis(storeUrl, {
          // Commands fail at once while disconnected instead of queueing behind a reconnect.
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          commandTimeout: COMMAND_TIMEOUT_MS,
          connectTimeout: CONNECT_WAIT_MS,
        })
      : null;
    if (redis) {
      let down = false;
      redis.on('error', (error: Error) => {
        if (down) return;
        down = true;
        app.log.warn({ err: error }, 'rate-limit store unreachable: limits are not enforced until it is back');
      });
      redis.on('ready', () => {
        if (down) app.log.info('rate-limit store reachable again');
        down = false;
      });
    }
    app.decorate('limitStore', redis);
    await app.register(rateLimit, { global: false, skipOnError: true, ...(redis ? { redis, nameSpace: 'alliance-api-rate-limit:' } : {}) });

    app.addHook('onReady', async () => {
      if (!redis) return;
      // ioredis keeps reconnecting in the background; start-up waits for the first answer only: the store
      // ready, or its first error (refused, unknown host), or CONNECT_WAIT_MS of silence.
      if (redis.status === 'ready') return;
      let timer: NodeJS.Timeout | undefined;
      let settle = () => {};
      await new Promise<void>((resolve) => {
        settle = resolve;
        redis.once('ready', settle);
        redis.once('error', settle);
        timer = setTimeout(settle, CONNECT_WAIT_MS);
      });
      clearTimeout(timer);
      redis.off('ready', settle);
      redis.off('error', settle);
    });
    app.addHook('onClose', async () => {
      if (!redis) return;
      // Charges still on their way are sent first; a store that is gone is just dropped.
      await redis.quit().catch(() => redis.disconnect());
    });
  },
  { name: 'rate-limit' },
);
