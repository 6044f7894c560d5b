import type { Page } from '../db/page.js';
import type { ParamsOf } from '../db/query.js';
import { listTargets } from '../db/queries.generated.js';
import type { Target } from '../schemas/plans.js';
import { toTarget, type FlatTarget } from './plan-repository.js';
import { ReadRepository } from './read-repository.js';

export interface TargetFilters {
  fromYear?: number | undefined;
  toYear?: number | undefined;
  kind?: string | undefined;
  subject?: string | undefined;
}

export class TargetRepository extends ReadRepository {
  async listTargets(filters: TargetFilters, offset: number, limit: number): Promise<Page<Target>> {
    const { fromYear = null, toYear = null, kind = null, subject = null } = filters;
    const page = await this.page<ParamsOf<typeof listTargets>, FlatTarget>(listTargets, { fromYear, toYear, kind, subject, offset, limit });
    return { total: page.total, items: page.items.map(toTarget) };
  }
}
