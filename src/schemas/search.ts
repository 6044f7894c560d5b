import { z } from 'zod';
import { IdSchema, PagingQuerySchema } from './common.js';
import { MatchKindSchema } from './names.js';

export const SearchQuerySchema = PagingQuerySchema.extend({
  q: z
    .string()
    .min(1)
    .max(200)
    .describe('Words to find in names, aliases and names in other languages, in any script, typos allowed (at most 200 characters; punctuation is ignored)'),
});

export const SearchHitSchema = z
  .object({
    id: IdSchema,
    type: z.string().describe('The node label: Alliance, Company, Brand, Plan, Target, Platform, Technology, Observation, Event or Person'),
    name: z.string(),
    aliases: z.array(z.string()),
    score: z.number().describe('Relevance within its kind of match; higher is better'),
    match: MatchKindSchema,
    matchedName: z.string().describe('The name (in any language) the query matched best'),
  })
  .meta({
    id: 'SearchHit',
    example: {
      id: 'renault-korea',
      type: 'Brand',
      name: 'Renault Korea',
      aliases: ['Renault Korea Motors', 'RKM'],
      score: 8.19,
      match: 'exact',
      matchedName: 'Renault Korea',
    },
  });

export const SearchResultSchema = z
  .object({
    q: z.string(),
    total: z.number().int(),
    limit: z.number().int(),
    nextCursor: z.string().nullable(),
    items: z.array(SearchHitSchema),
  })
  .meta({ id: 'SearchResult', description: 'Entities whose names or aliases match, best first' });
