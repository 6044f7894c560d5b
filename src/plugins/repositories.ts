import fp from 'fastify-plugin';
import { CypherCatalogue, declaredSchemaNames } from '../lib/cypher-catalogue.js';
import { DatasetRepository } from '../repositories/dataset-repository.js';
import { SystemRepository } from '../repositories/system-repository.js';

export interface RepositoryPaths {
  queriesDir: string;
  schemaDir: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    cypher: CypherCatalogue;
    repositories: { system: SystemRepository; dataset: DatasetRepository };
  }
}

/** Reads cypher/ once and builds every repository over the one driver. */
export default fp<RepositoryPaths>(
  async (app, paths) => {
    const cypher = new CypherCatalogue(paths.queriesDir);
    const { driver, database } = app.neo4j;
    app.decorate('cypher', cypher);
    app.decorate('repositories', {
      system: new SystemRepository(driver, database, cypher, paths.schemaDir, declaredSchemaNames(paths.schemaDir)),
      dataset: new DatasetRepository(driver, database, cypher),
    });
  },
  { name: 'repositories', dependencies: ['neo4j'] },
);
