import neo4j, { type Driver, type ManagedTransaction, type ProfiledPlan } from 'neo4j-driver';
import { serializeRow } from '../db/serialize.js';
import type { TransactionWatchdog } from '../db/transaction-watchdog.js';
import type { Plain } from '../db/values.js';
import { fixedError } from '../lib/fixed-error.js';

/** One operator of an EXPLAIN plan, as the driver gives it. */
export interface PlanNode {
  operatorType: string;
  arguments: Record<string, unknown>;
  children: PlanNode[];
}

export interface CypherAnswer {
  columns: string[];
  rows: Plain[][];
  truncated: boolean;
  summary: { queryType: string; resultAvailableAfterMs: number | null; resultConsumedAfterMs: number | null; dbHits?: number };
}

export interface RunLimits {
  /** Milliseconds left for the query (the transaction timeout). */
  timeoutMs: number;
  maxRows: number;
  maxBytes: number;
  profile?: boolean;
}

/** The API's own deadline passed before Neo4j answered; the transaction is handed to the watchdog. */
export class ResearchDeadlineError extends fixedError('ResearchDeadlineError', 'The research query passed its deadline') {}

function totalDbHits(plan: ProfiledPlan): number {
  let hits = 0;
  const stack = [plan];
  while (stack.length > 0) {
    const node = stack.pop()!;
    hits += Number(node.dbHits);
    stack.push(...node.children);
  }
  return hits;
}

const ms = (value: unknown) => (value === undefined || value === null ? null : Number(value));

/** How long after the transaction timeout the API stops waiting and answers. */
export const DEADLINE_GRACE_MS = 300;

/**
 * Runs researchers' Cypher on the research driver (a pool of its own): always in a READ access-mode
 * transaction with a timeout and metadata that tags it, so the watchdog can find and terminate it if it
 * outlives its deadline. The API answers by the deadline whatever Neo4j does; `settled` tells the caller
 * when the transaction has really ended (its bulkhead slot and budget wait for that).
 */
export class ResearchRepository {
  constructor(
    private readonly driver: Driver,
    private readonly database: string,
    readonly watchdog: TransactionWatchdog,
  ) {}

  /** Plans only; runs nothing. The plan tree and the planner's verdict: r (read), rw, w or s (schema). */
  async explain(query: string, params: Record<string, unknown>, timeoutMs: number): Promise<{ queryType: string; plan: PlanNode | null }> {
    const tag = this.watchdog.tag();
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    const work = session.executeRead(
      async (tx: ManagedTransaction) => {
        const result = await tx.run(`EXPLAIN ${query}`, params);
        return { queryType: result.summary.queryType as string, plan: (result.summary.plan || null) as PlanNode | null };
      },
      { timeout: timeoutMs, metadata: tag.metadata },
    );
    return this.withDeadline(work, timeoutMs, tag.id, () => session.close());
  }

  async runReadOnly(
    query: string,
    params: Record<string, unknown>,
    limits: RunLimits,
    queryType: string,
    settled: () => void = () => {},
  ): Promise<CypherAnswer> {
    const tag = this.watchdog.tag();
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: neo4j.session.READ,
      fetchSize: Math.min(limits.maxRows + 1, 1000),
    });
    const work = (async () => {
      const tx = await session.beginTransaction({ timeout: limits.timeoutMs, metadata: tag.metadata });
      try {
        const result = tx.run(limits.profile ? `PROFILE ${query}` : query, params);
        const columns = [...(await result.keys())];
        const rows: Plain[][] = [];
        let bytes = 0;
        let truncated = false;
        try {
          for await (const record of result) {
            if (rows.length === limits.maxRows) {
              truncated = true;
              break;
            }
            const { row, bytes: rowBytes } = serializeRow(columns.map((c) => record.get(c)));
            if (bytes + rowBytes > limits.maxBytes) {
              truncated = true;
              break;
            }
            bytes += rowBytes;
            rows.push(row);
          }
        } catch (error) {
          // A PROFILE'd query cut short: Neo4j refuses to discard the rest before it has materialised it, and says
          // so as the reading stops. The rows read stand; the profile is what is lost (the summary says nothing of it).
          if (!(truncated && limits.profile)) throw error;
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
      }
    })();
    return this.withDeadline(work, limits.timeoutMs, tag.id, async () => {
      await session.close();
      settled();
    });
  }

  /**
   * Answers with the work's result, or with ResearchDeadlineError once the deadline has passed; either
   * way the session is closed when the work really ends, and a transaction still running past its
   * deadline is terminated by id.
   */
  private withDeadline<T>(work: Promise<T>, timeoutMs: number, tagId: string, cleanup: () => Promise<void>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.watchdog.watch(tagId);
        reject(new ResearchDeadlineError());
      }, timeoutMs + DEADLINE_GRACE_MS);
    });
    void work
      .catch(() => {})
      .finally(() => {
        // A transaction past its deadline stays watched until Neo4j no longer lists it: its client may
        // have been told it was terminated while its thread still works.
        clearTimeout(timer);
        void cleanup().catch(() => {});
      });
    return Promise.race([work, deadline]);
  }
}
