import { z } from 'zod';
import { IdSchema } from './dataset.js';

export { IdSchema };

export const IsoDate = z.iso.date('must be a real calendar date YYYY-MM-DD');

export const IdParamsSchema = z.object({
  id: IdSchema.describe('Stable kebab-case id, e.g. "renault" or "renault-nissan-mitsubishi-alliance"'),
});

export const SourceSchema = z
  .object({
    id: IdSchema,
    kind: z.string(),
    title: z.string(),
    publisher: z.string(),
    author: z.string().nullable(),
    reviewer: z.string().nullable(),
    url: z.string().nullable(),
    publishedOn: IsoDate.nullable(),
    publishedOnPrecision: z.enum(['day', 'month', 'year']).nullable(),
    language: z.string().nullable(),
    note: z.string().nullable(),
  })
  .meta({
    id: 'Source',
    description: 'Where facts come from',
    example: {
      id: 'autotrendy-2022-02-08',
      kind: 'article',
      title: 'Renault-Nissan-Mitsubishi Alliance: from start to future',
      publisher: 'Auto Trendy',
      author: 'Daniel Andzhurov',
      reviewer: 'Asaf Kedem',
      url: null,
      publishedOn: '2022-02-08',
      publishedOnPrecision: null,
      language: null,
      note: null,
    },
  });
export type Source = z.infer<typeof SourceSchema>;

/** A source as one claim cites it: the Source, and the verbatim quotes that claim takes from it. */
export const CitedSourceSchema = SourceSchema.extend({
  quotes: z
    .array(
      z.object({
        quote: z.string().describe('Verbatim, at most 300 characters, supporting the claim'),
        readOn: IsoDate.nullable().describe('The day the (web) source was read'),
      }),
    )
    .optional()
    .describe('Present where the claim quotes this source'),
}).meta({ id: 'CitedSource', description: 'A source of one claim, with the quotes that claim takes from it' });

/** Source ids, or with `?include=sources` the sources themselves (with the claim's quotes), inline. */
export const SourcesFieldSchema = z
  .array(z.union([IdSchema, CitedSourceSchema]))
  .min(1)
  .meta({
    id: 'Sources',
    description: 'The sources of this fact: ids by default, whole Source objects with include=sources',
    example: ['autotrendy-2022-02-08'],
  });

export const ValiditySchema = {
  validFrom: IsoDate.nullable().describe('First day the fact holds; null: open or not known'),
  validTo: IsoDate.nullable().describe('First day it no longer holds; null: still holds'),
};

export const AsOfQuerySchema = z.object({
  asOf: IsoDate.optional().describe('Answer as the graph stood on this day (default: today, UTC)'),
  include: z.enum(['sources']).optional().describe('"sources" expands source ids into Source objects inline'),
});

export const PagingQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Page size, 1 to 500'),
  cursor: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be a cursor returned by a previous page')
    .optional()
    .describe('Opaque cursor from the previous page’s nextCursor'),
});

export const ListQuerySchema = AsOfQuerySchema.extend(PagingQuerySchema.shape);

export const IncludeQuerySchema = z.object({ include: AsOfQuerySchema.shape.include });

/** Paging and include=sources: the query of every undated list. */
export const PagedIncludeQuerySchema = PagingQuerySchema.extend(IncludeQuerySchema.shape);

export const PageMetaSchema = {
  total: z.number().int().describe('How many items match, over all pages'),
  limit: z.number().int(),
  nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last page'),
};

export const AsOfMetaSchema = { asOf: IsoDate.describe('The day this answer is for') };

export const EntityRefSchema = z
  .object({ id: IdSchema, type: z.string().describe('The node label, e.g. Company or Brand'), name: z.string() })
  .meta({ id: 'EntityRef', description: 'A reference to another entity of the graph' });
