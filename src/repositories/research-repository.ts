import neo4j, { type ProfiledPlan } from 'neo4j-driver';
import type { QueryRunner } from '../db/runner.js';
import { serializeValue } from '../db/serialize.js';
import type { Plain } from '../db/values.js';

export interface CypherAnswer {
  columns: string[];
  rows: Plain[][];
  truncated: boolean;
  summary: { queryType: string; resultAvailableAfterMs: number | null; resultConsumedAfterMs: number | null; dbHits?: number };
}

export interface RunLimits {
  timeoutMs: number;
  maxRows: number;
  profile?: boolean;
}

function totalDbHits(plan: ProfiledPlan): number {
  return Number(plan.dbHits) + plan.children.reduce((sum, child) => sum + totalDbHits(child), 0);
}

const ms = (value: unknown) => (value === undefined || value === null ? null : Number(value));

/**
 * Runs researchers' Cypher: always in a READ access-mode transaction with a timeout. The query text is
 * the researcher's own (checked by research/cypher-guard.ts); EXPLAIN and PROFILE are the only text the
 * API puts in front of it.
 */
export class ResearchRepository {
  constructor(private readonly db: QueryRunner) {}

  private session(fetchSize?: number) {
    return this.db.driver.session({ database: this.db.database, defaultAccessMode: neo4j.session.READ, ...(fetchSize ? { fetchSize } : {}) });
  }

  /** The planner's verdict: r (read), rw, w or s (schema). Plans only; runs nothing. */
  async explainQueryType(query: string, params: Record<string, unknown>): Promise<string> {
    const session = this.session();
    try {
      const result = await session.run(`EXPLAIN ${query}`, params, { timeout: 5_000, metadata: { app: this.db.app, query: 'research:explain' } });
      return result.summary.queryType;
    } finally {
      await session.close();
    }
  }

  async runReadOnly(query: string, params: Record<string, unknown>, limits: RunLimits, queryType: string): Promise<CypherAnswer> {
    const session = this.session(Math.min(limits.maxRows + 1, 1000));
    const tx = await session.beginTransaction({ timeout: limits.timeoutMs, metadata: { app: this.db.app, query: 'research' } });
    try {
      const result = tx.run(limits.profile ? `PROFILE ${query}` : query, params);
      const columns = [...(await result.keys())];
      const rows: Plain[][] = [];
      let truncated = false;
      for await (const record of result) {
        if (rows.length === limits.maxRows) {
          truncated = true;
          break;
        }
        rows.push(columns.map((c) => serializeValue(record.get(c))));
      }
      let summary: CypherAnswer['summary'] = { queryType, resultAvailableAfterMs: null, resultConsumedAfterMs: null };
      if (!truncated) {
        const s = await result.summary();
        summary = {
          queryType,
          resultAvailableAfterMs: ms(s.resultAvailableAfter),
          resultConsumedAfterMs: ms(s.resultConsumedAfter),
          ...(s.profile ? { dbHits: totalDbHits(s.profile) } : {}),
        };
      }
      return { columns, rows, truncated, summary };
    } finally {
      // Nothing a researcher runs is ever committed.
      await tx.rollback().catch(() => {});
      await session.close();
    }
  }
}
