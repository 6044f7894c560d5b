import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Page } from '../db/page.js';
import type { ReferenceRepository } from '../repositories/reference-repository.js';
import { listPage } from '../services/answers/dated-answer.js';
import { PagedIncludeQuerySchema } from '../schemas/common.js';
import { PlatformListSchema } from '../schemas/platforms.js';
import { problemResponses } from '../schemas/problem.js';
import { TechnologyListSchema } from '../schemas/technologies.js';

/** The plain reference lists: undated, paged, by name. One row of this table is one endpoint. */
const REFERENCE_LISTS = [
  {
    url: '/v1/platforms',
    summary: 'List the common vehicle platforms, with the plans built on them',
    schema: PlatformListSchema,
    load: (repository: ReferenceRepository, offset: number, limit: number): Promise<Page<unknown>> => repository.listPlatforms(offset, limit),
  },
  {
    url: '/v1/technologies',
    summary: 'List technologies, who develops them and which plans and targets concern them',
    schema: TechnologyListSchema,
    load: (repository: ReferenceRepository, offset: number, limit: number): Promise<Page<unknown>> => repository.listTechnologies(offset, limit),
  },
] as const;

const referenceLists: FastifyPluginAsyncZod = async (app) => {
  for (const list of REFERENCE_LISTS) {
    app.get(
      list.url,
      {
        schema: {
          tags: ['plans'],
          summary: list.summary,
          querystring: PagedIncludeQuerySchema,
          response: { 200: list.schema, ...problemResponses(400, 503) },
        },
      },
      // The response schema checks each item on the way out.
      async (request) => listPage(request.query, app.repositories.sources, (offset, limit) => list.load(app.repositories.references, offset, limit)) as never,
    );
  }
};

export default referenceLists;
