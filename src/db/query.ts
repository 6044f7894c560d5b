import type { CypherFile } from './cypher-files.js';

/** A query of cypher/queries with the types of its parameters and rows (see queries.generated.ts). */
export interface CypherQuery<Params, Row> extends CypherFile {
  /** Phantom fields: they carry the types and hold nothing at run time. */
  readonly __params?: Params;
  readonly __row?: Row;
}

export type ParamsOf<Q> = Q extends CypherQuery<infer P, unknown> ? P : never;
export type RowOf<Q> = Q extends CypherQuery<Record<string, unknown>, infer R> ? R : never;

export function defineQuery<Params, Row>(file: CypherFile): CypherQuery<Params, Row> {
  return file;
}
