import { z } from 'zod';
import { IDENTIFIER_SCHEMES } from './dataset.js';
import { EntityRefSchema, IdSchema, SourcesFieldSchema } from './common.js';

export const MatchKindSchema = z
  .enum(['exact', 'alias', 'partial', 'fuzzy'])
  .describe('How the hit matched, best first: its name, another of its names, part of a name, or through typos');

export const NameRecordSchema = z
  .object({
    name: z.string(),
    language: z.string().describe('BCP 47 tag: ja, ko, zh-Hans, ru, fr, ja-Latn …'),
    kind: z.enum(['legal', 'short', 'alias', 'former', 'transliteration']),
    sources: SourcesFieldSchema,
  })
  .meta({ id: 'NameRecord', description: 'A name of the entity in one language, or a former name, with its sources' });

export const IdentifierSchema = z
  .object({
    scheme: z.enum(IDENTIFIER_SCHEMES),
    value: z.string(),
    exchange: z.string().nullable().describe('For tickers: the exchange, where the source names it'),
    sources: SourcesFieldSchema,
  })
  .meta({ id: 'Identifier', description: 'An identifier of the entity (ISIN, ticker, registry number …) with its sources' });

export const NamesAndIdentifiersFields = {
  names: z.array(NameRecordSchema).describe('Names in other languages and former names'),
  identifiers: z.array(IdentifierSchema),
};

export const SuggestQuerySchema = z.object({
  prefix: z.string().min(1).max(100).describe('The start of a name, in any script (at most 100 characters)'),
  limit: z.coerce.number().int().min(1).max(50).default(10).describe('Suggestions at most, 1 to 50'),
});

export const SuggestionSchema = z
  .object({
    id: IdSchema,
    type: z.string(),
    name: z.string(),
    matchedName: z.string().describe('The name (in any language) the prefix matched'),
    match: MatchKindSchema,
  })
  .meta({ id: 'Suggestion' });

export const SuggestResultSchema = z
  .object({ prefix: z.string(), items: z.array(SuggestionSchema) })
  .meta({ id: 'SuggestResult', description: 'Entities whose names start with the prefix, best first' });

export const IdentifierParamsSchema = z.object({
  scheme: z.enum(IDENTIFIER_SCHEMES).describe('lei, isin, ticker, wikidata, sec-cik or jp-corporate-number'),
  value: z.string().min(1).max(40).describe('The identifier, as issued (case is ignored)'),
});

export const IdentifierLookupSchema = z
  .object({
    scheme: z.enum(IDENTIFIER_SCHEMES),
    value: z.string(),
    entity: EntityRefSchema,
    href: z.string().describe('Where the entity itself is served'),
    ...NamesAndIdentifiersFields,
  })
  .meta({ id: 'IdentifierLookup', description: 'The entity an identifier belongs to, with all its identifiers and names' });

export type NameRecord = z.infer<typeof NameRecordSchema>;
export type Identifier = z.infer<typeof IdentifierSchema>;
