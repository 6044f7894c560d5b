import type { z } from 'zod';
import type { Page } from '../db/page.js';
import { listPlatforms, listTechnologies } from '../db/queries.generated.js';
import type { PlatformSchema } from '../schemas/platforms.js';
import type { TechnologySchema } from '../schemas/technologies.js';
import { ReadRepository } from './read-repository.js';

export type Platform = z.infer<typeof PlatformSchema>;
export type Technology = z.infer<typeof TechnologySchema>;

/** The plain reference lists that plans and targets point at: platforms and technologies. */
export class ReferenceRepository extends ReadRepository {
  listPlatforms(offset: number, limit: number): Promise<Page<Platform>> {
    return this.page(listPlatforms, { offset, limit });
  }

  listTechnologies(offset: number, limit: number): Promise<Page<Technology>> {
    return this.page(listTechnologies, { offset, limit });
  }
}
