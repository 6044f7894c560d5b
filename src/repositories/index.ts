import type { QueryRunner } from '../db/runner.js';
import { AllianceRepository } from './alliance-repository.js';
import { BrandRepository } from './brand-repository.js';
import { ChangeRepository } from './change-repository.js';
import { CompanyRepository } from './company-repository.js';
import { DatasetRepository } from './dataset-repository.js';
import { EpochRepository } from './epoch-repository.js';
import { NameRepository } from './name-repository.js';
import { OwnershipRepository } from './ownership-repository.js';
import { PathRepository } from './path-repository.js';
import { PersonRepository } from './person-repository.js';
import { PlanRepository } from './plan-repository.js';
import { ProvenanceRepository } from './provenance-repository.js';
import { ReferenceRepository } from './reference-repository.js';
import { SourceRepository } from './source-repository.js';
import { SystemRepository } from './system-repository.js';
import { TargetRepository } from './target-repository.js';
import { TimelineRepository } from './timeline-repository.js';
import { VersionRepository } from './version-repository.js';

/** Every repository over one runner: what the app, its services and the MCP tools read the graph through. */
export function createRepositories(db: QueryRunner, schemaDir: string) {
  return {
    system: new SystemRepository(db, schemaDir),
    dataset: new DatasetRepository(db),
    sources: new SourceRepository(db),
    alliances: new AllianceRepository(db),
    companies: new CompanyRepository(db),
    brands: new BrandRepository(db),
    plans: new PlanRepository(db),
    targets: new TargetRepository(db),
    references: new ReferenceRepository(db),
    timeline: new TimelineRepository(db),
    paths: new PathRepository(db),
    ownership: new OwnershipRepository(db),
    names: new NameRepository(db),
    provenance: new ProvenanceRepository(db),
    people: new PersonRepository(db),
    changes: new ChangeRepository(db),
    versions: new VersionRepository(db),
    epochs: new EpochRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
