import fp from 'fastify-plugin';
import neo4j, { type Driver } from 'neo4j-driver';
import type { Neo4jConfig } from '../config.js';

declare module 'fastify' {
  interface FastifyInstance {
    neo4j: { driver: Driver; database: string };
  }
}

export const POOL_SIZE = 32;

export function createDriver(config: Neo4jConfig): Driver {
  return neo4j.driver(config.uri, neo4j.auth.basic(config.user, config.password), {
    // Small box, short answers: a modest pool, and bounded waits so an outage becomes a fast 503.
    maxConnectionPoolSize: POOL_SIZE,
    // Bounded waits: with Neo4j gone, a request becomes a 503 within a second instead of hanging.
    connectionAcquisitionTimeout: 1_000,
    connectionTimeout: 1_000,
    maxTransactionRetryTime: 300,
    disableLosslessIntegers: false,
    logging: { level: 'warn', logger: () => {} },
  });
}

/** Owns the driver for the app's lifetime and closes it on shutdown. */
export default fp<{ config: Neo4jConfig }>(
  async (app, { config }) => {
    const driver = createDriver(config);
    app.decorate('neo4j', { driver, database: config.database });
    app.addHook('onClose', async () => {
      await driver.close();
    });
  },
  { name: 'neo4j' },
);
