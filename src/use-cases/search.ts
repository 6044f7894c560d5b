import type { z } from 'zod';
import { decodeCursor, pageMeta } from '../lib/paging.js';
import { HttpProblem } from '../lib/problem.js';
import { includeSources } from '../services/answers/expand-sources.js';
import { hrefOf, namesOf } from '../services/names/entity-names.js';
import { IDENTIFIER_FORMATS } from '../schemas/dataset.js';
import type { IncludeQuerySchema } from '../schemas/common.js';
import type { IdentifierParamsSchema, SuggestQuerySchema } from '../schemas/names.js';
import type { SearchQuerySchema } from '../schemas/search.js';
import type { UseCaseDeps } from './deps.js';

/** Candidates ranked per query; the graph's names are few, so every relevant hit fits. */
const SEARCH_CANDIDATES = 500;

export async function searchEntities({ names }: UseCaseDeps, input: z.infer<typeof SearchQuerySchema>) {
  const { q, limit, cursor } = input;
  const offset = decodeCursor(cursor);
  const ranked = await names.search(q, { candidates: SEARCH_CANDIDATES });
  const items = ranked
    .slice(offset, offset + limit)
    .map(({ id, type, name, aliases, score, match, matchedName }) => ({ id, type, name, aliases, score, match, matchedName }));
  return { q, ...pageMeta(ranked.length, offset, limit), items };
}

export async function suggestNames({ names }: UseCaseDeps, input: z.infer<typeof SuggestQuerySchema>) {
  const hits = await names.suggest(input.prefix, input.limit);
  return { prefix: input.prefix, items: hits.map(({ id, type, name, matchedName, match }) => ({ id, type, name, matchedName, match })) };
}

export async function lookupIdentifier({ repositories: r }: UseCaseDeps, input: z.infer<typeof IdentifierParamsSchema> & z.infer<typeof IncludeQuerySchema>) {
  const { scheme } = input;
  const value = input.value.trim().toUpperCase();
  if (!IDENTIFIER_FORMATS[scheme].test(value)) {
    throw new HttpProblem(400, `"${value}" is not a well-formed ${scheme} value`, {
      errors: [{ location: 'params', path: 'value', message: `does not have the form of a ${scheme}` }],
    });
  }
  const entity = await r.names.findByIdentifier(scheme, value);
  if (!entity) throw new HttpProblem(404, `No entity has the ${scheme} "${value}"`);
  const [stored] = await r.names.findNames([entity.id]);
  return includeSources({ scheme, value, entity, href: hrefOf(entity.type, entity.id), ...namesOf(stored) }, input.include, r.sources);
}

export function listNamedQueries({ namedQueries }: UseCaseDeps, _input: Record<string, never>) {
  const items = namedQueries.listQueries();
  return Promise.resolve({ total: items.length, items });
}
