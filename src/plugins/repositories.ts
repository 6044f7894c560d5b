import fp from 'fastify-plugin';
import { createRepositories, type Repositories } from '../repositories/index.js';

export type { Repositories };

declare module 'fastify' {
  interface FastifyInstance {
    /** For the plugins (caching, dataset version); the doors get the use cases instead (use-cases/deps.ts). */
    repositories: Repositories;
  }
}

/** Builds every repository over the one runner. */
export default fp<{ schemaDir: string }>(
  async (app, { schemaDir }) => {
    app.decorate('repositories', createRepositories(app.db, schemaDir));
  },
  { name: 'repositories', dependencies: ['db'] },
);
