import fp from 'fastify-plugin';
import type { Neo4jConfig } from '../config.js';
import { coalesceBoltWrites } from '../db/coalesced-writes.js';
import { createDriver } from '../db/driver.js';
import { QueryRunner } from '../db/runner.js';
import { APP_TAG } from '../project-files.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The one query runner over the app's driver; closed on shutdown. */
    db: QueryRunner;
  }
}

/** Owns the driver for the app's lifetime and closes it on shutdown. */
export default fp<{ config: Neo4jConfig }>(
  async (app, { config }) => {
    // One socket write per query instead of one per 1,400 bytes of it (bench/profile.md).
    coalesceBoltWrites();
    const driver = createDriver(config);
    app.decorate('db', new QueryRunner(driver, config.database, APP_TAG));
    app.addHook('onClose', async () => {
      await driver.close();
    });
  },
  { name: 'db' },
);
