import type { Driver } from 'neo4j-driver';
import type { CypherCatalogue } from '../lib/cypher-catalogue.js';
import type { z } from 'zod';
import type { PlatformSchema } from '../schemas/platforms.js';
import type { TechnologySchema } from '../schemas/technologies.js';
import type { Page } from './alliance-repository.js';
import { int, ReadRepository } from './read-repository.js';

/** Platforms and technologies: the things plans and targets concern. */
export class CatalogueRepository extends ReadRepository {
  private readonly q;

  constructor(driver: Driver, database: string, queries: CypherCatalogue) {
    super(driver, database);
    this.q = { platforms: queries.take('list-platforms'), technologies: queries.take('list-technologies') };
  }

  async listPlatforms(offset: number, limit: number): Promise<Page<z.infer<typeof PlatformSchema>>> {
    return (await this.readOne<Page<z.infer<typeof PlatformSchema>>>(this.q.platforms, { offset: int(offset), limit: int(limit) }))!;
  }

  async listTechnologies(offset: number, limit: number): Promise<Page<z.infer<typeof TechnologySchema>>> {
    return (await this.readOne<Page<z.infer<typeof TechnologySchema>>>(this.q.technologies, { offset: int(offset), limit: int(limit) }))!;
  }
}
