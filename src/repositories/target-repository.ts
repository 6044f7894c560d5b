import type { Driver } from 'neo4j-driver';
import type { CypherCatalogue } from '../lib/cypher-catalogue.js';
import type { Target } from '../schemas/plans.js';
import type { Page } from './alliance-repository.js';
import { toTarget, type FlatTarget } from './plan-repository.js';
import { int, ReadRepository } from './read-repository.js';

export interface TargetFilters {
  fromYear?: number | undefined;
  toYear?: number | undefined;
  kind?: string | undefined;
  subject?: string | undefined;
}

export class TargetRepository extends ReadRepository {
  private readonly q;

  constructor(driver: Driver, database: string, queries: CypherCatalogue) {
    super(driver, database);
    this.q = { list: queries.take('list-targets') };
  }

  async listTargets(filters: TargetFilters, offset: number, limit: number): Promise<Page<Target>> {
    const params = {
      fromYear: filters.fromYear === undefined ? null : int(filters.fromYear),
      toYear: filters.toYear === undefined ? null : int(filters.toYear),
      kind: filters.kind ?? null,
      subject: filters.subject ?? null,
      offset: int(offset),
      limit: int(limit),
    };
    const page = (await this.readOne<Page<FlatTarget>>(this.q.list, params))!;
    return { total: page.total, items: page.items.map(toTarget) };
  }
}
