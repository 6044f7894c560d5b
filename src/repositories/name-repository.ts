import { findEntityByIdentifier, getEntityNames, searchNames } from '../db/queries.generated.js';
import { ReadRepository } from './read-repository.js';

/** One candidate of the name indexes, before ranking. */
export interface NameCandidate {
  id: string;
  type: string;
  name: string;
  aliases: string[];
  otherNames: string[];
  foldedNames: string[];
  country: string | null;
  description: string | null;
  sources: string[];
  score: number;
}

/** Names and identifiers of one entity as the graph stores them (parallel lists, see dataset/graph-rows.ts). */
export interface StoredNames {
  id: string;
  type: string;
  name: string;
  aliases: string[];
  country: string | null;
  description: string | null;
  otherNames: string[];
  otherNameLanguages: string[];
  otherNameKinds: string[];
  otherNameSources: string[];
  identifierSchemes: string[];
  identifierValues: string[];
  identifierExchanges: string[];
  identifierSources: string[];
}

export interface EntityRef {
  id: string;
  type: string;
  name: string;
}

/** The full-text name indexes and the identifier lookup. */
export class NameRepository extends ReadRepository {
  /** Both queries must already be safe Lucene (see names/name-query.ts); null skips that index. */
  findCandidates(query: string | null, cjkQuery: string | null, types: string[] | null, limit: number): Promise<NameCandidate[]> {
    if (query === null && cjkQuery === null) return Promise.resolve([]);
    return this.db.read(searchNames, { query, cjkQuery, types, limit });
  }

  findByIdentifier(scheme: string, value: string): Promise<EntityRef | null> {
    return this.db.readOne(findEntityByIdentifier, { key: `${scheme}:${value}` });
  }

  findNames(ids: string[]): Promise<StoredNames[]> {
    return this.db.read(getEntityNames, { ids });
  }
}
