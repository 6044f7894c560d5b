import fp from 'fastify-plugin';
import type { QueryRunner } from '../db/runner.js';
import { AllianceRepository } from '../repositories/alliance-repository.js';
import { BrandRepository } from '../repositories/brand-repository.js';
import { CompanyRepository } from '../repositories/company-repository.js';
import { DatasetRepository } from '../repositories/dataset-repository.js';
import { OwnershipRepository } from '../repositories/ownership-repository.js';
import { PathRepository } from '../repositories/path-repository.js';
import { PlanRepository } from '../repositories/plan-repository.js';
import { ReferenceRepository } from '../repositories/reference-repository.js';
import { ResearchRepository } from '../repositories/research-repository.js';
import { SearchRepository } from '../repositories/search-repository.js';
import { SourceRepository } from '../repositories/source-repository.js';
import { SystemRepository } from '../repositories/system-repository.js';
import { TargetRepository } from '../repositories/target-repository.js';
import { TimelineRepository } from '../repositories/timeline-repository.js';
import { DatasetService } from '../services/dataset/seed.js';
import { NamedQueryService } from '../services/research/named-queries.js';

export type Repositories = ReturnType<typeof createRepositories>;
export type Services = ReturnType<typeof createServices>;

declare module 'fastify' {
  interface FastifyInstance {
    repositories: Repositories;
    services: Services;
  }
}

function createRepositories(db: QueryRunner, schemaDir: string) {
  return {
    system: new SystemRepository(db, schemaDir),
    dataset: new DatasetRepository(db),
    research: new ResearchRepository(db),
    sources: new SourceRepository(db),
    alliances: new AllianceRepository(db),
    companies: new CompanyRepository(db),
    brands: new BrandRepository(db),
    plans: new PlanRepository(db),
    targets: new TargetRepository(db),
    references: new ReferenceRepository(db),
    timeline: new TimelineRepository(db),
    search: new SearchRepository(db),
    paths: new PathRepository(db),
    ownership: new OwnershipRepository(db),
  };
}

function createServices(repositories: Repositories) {
  return {
    datasets: new DatasetService(repositories.dataset),
    namedQueries: new NamedQueryService(repositories.research),
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
