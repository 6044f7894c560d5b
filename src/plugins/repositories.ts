import fp from 'fastify-plugin';
import { CypherCatalogue, declaredSchemaNames } from '../lib/cypher-catalogue.js';
import { AllianceRepository } from '../repositories/alliance-repository.js';
import { BrandRepository } from '../repositories/brand-repository.js';
import { CatalogueRepository } from '../repositories/catalogue-repository.js';
import { CompanyRepository } from '../repositories/company-repository.js';
import { GraphRepository } from '../repositories/graph-repository.js';
import { OwnershipRepository } from '../repositories/ownership-repository.js';
import { PlanRepository } from '../repositories/plan-repository.js';
import { QueryCatalogueRepository } from '../repositories/query-catalogue-repository.js';
import { TargetRepository } from '../repositories/target-repository.js';
import { DatasetRepository } from '../repositories/dataset-repository.js';
import { SourceRepository } from '../repositories/source-repository.js';
import { SystemRepository } from '../repositories/system-repository.js';

export interface RepositoryPaths {
  queriesDir: string;
  schemaDir: string;
}

export type Repositories = ReturnType<typeof createRepositories>;

declare module 'fastify' {
  interface FastifyInstance {
    cypher: CypherCatalogue;
    repositories: Repositories;
  }
}

function createRepositories(driver: ConstructorParameters<typeof SystemRepository>[0], database: string, cypher: CypherCatalogue, schemaDir: string) {
  return {
    queries: new QueryCatalogueRepository(cypher),
    system: new SystemRepository(driver, database, cypher, schemaDir, declaredSchemaNames(schemaDir)),
    dataset: new DatasetRepository(driver, database, cypher),
    sources: new SourceRepository(driver, database, cypher),
    alliances: new AllianceRepository(driver, database, cypher),
    companies: new CompanyRepository(driver, database, cypher),
    brands: new BrandRepository(driver, database, cypher),
    plans: new PlanRepository(driver, database, cypher),
    targets: new TargetRepository(driver, database, cypher),
    catalogue: new CatalogueRepository(driver, database, cypher),
    graph: new GraphRepository(driver, database, cypher),
    ownership: new OwnershipRepository(driver, database, cypher),
  };
}

/** Reads cypher/ once and builds every repository over the one driver. */
export default fp<RepositoryPaths>(
  async (app, paths) => {
    const cypher = new CypherCatalogue(paths.queriesDir);
    app.decorate('cypher', cypher);
    app.decorate('repositories', createRepositories(app.neo4j.driver, app.neo4j.database, cypher, paths.schemaDir));
  },
  { name: 'repositories', dependencies: ['neo4j'] },
);
