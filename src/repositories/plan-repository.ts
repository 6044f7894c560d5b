import type { Page } from '../db/page.js';
import type { ParamsOf } from '../db/query.js';
import { getPlan, listPlans } from '../db/queries.generated.js';
import { shaped } from '../db/values.js';
import type { Plan, PlanSummary, Target } from '../schemas/plans.js';
import { ReadRepository } from './read-repository.js';

/** Plans and targets as Neo4j stores them: nested quantities flattened with prefixes. */
type FlatPlan = Omit<PlanSummary, 'investment' | 'holder'> & {
  investmentAmount: number | null;
  investmentCurrency: string | null;
  investmentPrecision: string | null;
  investmentNote: string | null;
  holder?: PlanSummary['holder'];
};
export type FlatTarget = Omit<Target, 'quantity'> & { quantityCount: number | null; quantityUnit: string | null; quantityPrecision: string | null };

function toPlan({ investmentAmount, investmentCurrency, investmentPrecision, investmentNote, ...rest }: FlatPlan, holder: PlanSummary['holder']): PlanSummary {
  return {
    ...rest,
    holder,
    investment:
      investmentAmount === null || investmentCurrency === null
        ? null
        : { amount: investmentAmount, currency: investmentCurrency, precision: investmentPrecision, note: investmentNote },
  };
}

export function toTarget({ quantityCount, quantityUnit, quantityPrecision, ...rest }: FlatTarget): Target {
  return {
    ...rest,
    quantity: quantityCount === null || quantityUnit === null ? null : { count: quantityCount, unit: quantityUnit, precision: quantityPrecision },
  };
}

export class PlanRepository extends ReadRepository {
  async listPlans(offset: number, limit: number): Promise<Page<PlanSummary>> {
    const page = await this.page<ParamsOf<typeof listPlans>, FlatPlan>(listPlans, { offset, limit });
    return { total: page.total, items: page.items.map((p) => toPlan(p, p.holder ?? null)) };
  }

  async findPlan(id: string): Promise<Plan | null> {
    const row = await this.db.readOne(getPlan, { id });
    if (!row) return null;
    return {
      ...toPlan(shaped<FlatPlan>(row.plan), shaped<PlanSummary['holder']>(row.holder)),
      targets: shaped<FlatTarget[]>(row.targets).map(toTarget),
      platforms: shaped<Plan['platforms']>(row.platforms),
      technologies: shaped<Plan['technologies']>(row.technologies),
    };
  }
}
