import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { includeSources } from '../services/answers/expand-sources.js';
import { HttpProblem } from '../lib/problem.js';
import { hrefOf, namesOf } from '../services/names/entity-names.js';
import { NameSearch } from '../services/names/name-search.js';
import { IDENTIFIER_FORMATS } from '../schemas/dataset.js';
import { IdentifierLookupSchema, IdentifierParamsSchema, SuggestQuerySchema, SuggestResultSchema } from '../schemas/names.js';
import { problemResponses } from '../schemas/problem.js';

const IdentifierLookupQuery = z.object({
  include: z.enum(['sources']).optional().describe('"sources" expands source ids into Source objects inline'),
});

/** Type-ahead over names in every script, and lookups by identifier (ISIN, ticker …). */
const names: FastifyPluginAsyncZod = async (app) => {
  const search = new NameSearch(app.repositories.names);

  app.get(
    '/v1/suggest',
    {
      schema: {
        tags: ['search'],
        summary: 'Type-ahead: entities whose names (in any language) start with the prefix',
        querystring: SuggestQuerySchema,
        response: { 200: SuggestResultSchema, ...problemResponses(400, 503) },
      },
    },
    async (request) => {
      const { prefix, limit } = request.query;
      const hits = await search.suggest(prefix, limit);
      return { prefix, items: hits.map(({ id, type, name, matchedName, match }) => ({ id, type, name, matchedName, match })) };
    },
  );

  app.get(
    '/v1/identifiers/:scheme/:value',
    {
      schema: {
        tags: ['search'],
        summary: 'The entity an identifier (ISIN, ticker, LEI, Wikidata id …) belongs to',
        params: IdentifierParamsSchema,
        querystring: IdentifierLookupQuery,
        response: { 200: IdentifierLookupSchema, ...problemResponses(400, 404, 414, 503) },
      },
    },
    async (request) => {
      const { scheme } = request.params;
      const value = request.params.value.trim().toUpperCase();
      if (!IDENTIFIER_FORMATS[scheme].test(value)) {
        throw new HttpProblem(400, `"${value}" is not a well-formed ${scheme} value`, {
          errors: [{ location: 'params', path: 'value', message: `does not have the form of a ${scheme}` }],
        });
      }
      const entity = await app.repositories.names.findByIdentifier(scheme, value);
      if (!entity) throw new HttpProblem(404, `No entity has the ${scheme} "${value}"`);
      const [stored] = await app.repositories.names.findNames([entity.id]);
      const body = { scheme, value, entity, href: hrefOf(entity.type, entity.id), ...namesOf(stored) };
      return includeSources(body, request.query.include, app.repositories.sources);
    },
  );
};

export default names;
