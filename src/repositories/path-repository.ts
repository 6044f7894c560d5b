import type { z } from 'zod';
import { findEntityIds, findPath } from '../db/queries.generated.js';
import { shaped } from '../db/values.js';
import type { PathSchema } from '../schemas/paths.js';
import { ReadRepository } from './read-repository.js';

export type Path = Omit<z.infer<typeof PathSchema>, 'asOf'>;

/** Shortest paths between two entities on a day. */
export class PathRepository extends ReadRepository {
  /** The path, null when both entities exist but nothing connects them that day. */
  async findPath(from: string, to: string, asOf: string): Promise<Path | null> {
    const row = await this.db.readOne(findPath, { from, to, asOf });
    if (!row?.nodes || !row.edges) return null;
    return { from, to, length: row.edges.length, nodes: shaped<Path['nodes']>(row.nodes), edges: shaped<Path['edges']>(row.edges) };
  }

  /** Which of the ids name no entity. */
  async findUnknownIds(ids: string[]): Promise<string[]> {
    const row = await this.db.readOne(findEntityIds, { ids });
    const found = new Set(row?.found ?? []);
    return ids.filter((id) => !found.has(id));
  }
}
