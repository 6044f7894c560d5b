import fp from 'fastify-plugin';
import { createRepositories, type Repositories } from '../repositories/index.js';
import { DatasetService } from '../services/dataset/seed.js';
import { NamedQueryService } from '../services/research/named-queries.js';

export type { Repositories };
export type Services = ReturnType<typeof createServices>;

declare module 'fastify' {
  interface FastifyInstance {
    repositories: Repositories;
    services: Services;
  }
}

function createServices(repositories: Repositories) {
  return {
    datasets: new DatasetService(repositories.dataset),
    namedQueries: new NamedQueryService(),
  };
}

/** Builds every repository over the one runner, and the services that hold more than one query's logic. */
export default fp<{ schemaDir: string }>(
  async (app, { schemaDir }) => {
    const repositories = createRepositories(app.db, schemaDir);
    app.decorate('repositories', repositories);
    app.decorate('services', createServices(repositories));
  },
  { name: 'repositories', dependencies: ['db'] },
);
