import type { Driver } from 'neo4j-driver';
import type { CypherCatalogue } from '../lib/cypher-catalogue.js';
import type { Plan, PlanSummary, Target } from '../schemas/plans.js';
import type { Page } from './alliance-repository.js';
import { int, ReadRepository } from './read-repository.js';

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
  private readonly q;

  constructor(driver: Driver, database: string, queries: CypherCatalogue) {
    super(driver, database);
    this.q = { list: queries.take('list-plans'), get: queries.take('get-plan') };
  }

  async listPlans(offset: number, limit: number): Promise<Page<PlanSummary>> {
    const page = (await this.readOne<Page<FlatPlan>>(this.q.list, { offset: int(offset), limit: int(limit) }))!;
    return { total: page.total, items: page.items.map((p) => toPlan(p, p.holder ?? null)) };
  }

  async findPlan(id: string): Promise<Plan | null> {
    const row = await this.readOne<{
      plan: FlatPlan;
      holder: PlanSummary['holder'];
      targets: FlatTarget[];
      platforms: Plan['platforms'];
      technologies: Plan['technologies'];
    }>(this.q.get, { id });
    return row && { ...toPlan(row.plan, row.holder), targets: row.targets.map(toTarget), platforms: row.platforms, technologies: row.technologies };
  }
}
