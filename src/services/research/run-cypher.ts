import { Neo4jError } from 'neo4j-driver';
import type { CypherLimits } from '../../config.js';
import { HttpProblem } from '../../lib/problem.js';
import { ResearchDeadlineError, type CypherAnswer, type ResearchRepository } from '../../repositories/research-repository.js';
import { Bulkhead, BulkheadFullError } from './bulkhead.js';
import { QueryTimeBudget, type BudgetStore } from './budget.js';
import { checkQuery } from './cypher-guard.js';
import { cleanNeo4jMessage } from './neo4j-message.js';
import { ParsePool, ParserBusyError, ParserStartingError } from './parse-pool.js';
import { checkPlan } from './plan-check.js';
import { ParamDepthError, toCypherParams } from '../../db/serialize.js';
import type { ResearchGate } from '../../db/server-settings.js';
import type { ResearchReadiness } from './research-readiness.js';

const QUERY_TYPES: Record<string, string> = { r: 'read-only', rw: 'read and write', w: 'write-only', s: 'schema' };

const refused = (reason: string) => new HttpProblem(400, `Refused: ${reason}`, { title: 'Query refused' });

/** Neo4j's answer to a researcher's query, as a problem; null for errors that are not the query's fault. */
function problemFor(error: unknown, limits: CypherLimits): HttpProblem | null {
  if (error instanceof ResearchDeadlineError) {
    return new HttpProblem(422, `The query ran longer than ${limits.timeoutMs / 1000} s and was stopped`, { title: 'Query timed out' });
  }
  if (!(error instanceof Neo4jError)) return null;
  const code = error.code;
  if (
    code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut') ||
    code === 'Neo.TransientError.Transaction.LockClientStopped' ||
    code === 'Neo.ClientError.Transaction.Terminated' ||
    code === 'Neo.TransientError.Transaction.Terminated'
  ) {
    return new HttpProblem(422, `The query ran longer than ${limits.timeoutMs / 1000} s and was stopped`, { title: 'Query timed out' });
  }
  if (code === 'Neo.TransientError.General.MemoryPoolOutOfMemoryError' || code.includes('MemoryLimit')) {
    return new HttpProblem(422, 'The query needed more memory than a query may use and was stopped', { title: 'Query too large' });
  }
  if (code === 'Neo.ClientError.Statement.AccessMode' || code.startsWith('Neo.ClientError.Security.')) {
    return new HttpProblem(400, 'Refused: the query tried to write or to administer the database; only reading is allowed');
  }
  if (code.startsWith('Neo.ClientError.')) {
    // Neo4j's own words about the researcher's query (syntax, types, parameters) are what they need to fix it.
    return new HttpProblem(400, `The query failed: ${cleanNeo4jMessage(error.message)}`);
  }
  return null;
}

export interface ResearchRun {
  /** Who pays: the client's key for the query-time budget. */
  client: string;
  profile?: boolean;
  /**
   * The catalogue's own query files: their text is the project's, so the researcher-text layers (grammar
   * and plan allow-lists) are skipped; they still run read-only, in the bulkhead, on the budget.
   */
  trusted?: boolean;
  /** A smaller byte cap for this answer (an MCP tool's answer cap), applied while the rows stream in. */
  maxBytes?: number;
}

/**
 * The research door, in layers: (1) a textual fast filter (cypher-guard), (2) Neo4j's grammar
 * (cypher-parse), (3) EXPLAIN: the planner must call it read-only and every operator of the plan must be
 * on the read allow-list (plan-check), (4) a READ transaction, rolled back, with a timeout, a row cap and
 * a byte cap, terminated by id if it outlives its deadline (watchdog). Around them: the server's memory
 * limit must be set (gate), a bulkhead (concurrency and a bounded queue) and a query-time budget per client.
 */
export class ResearchDoor {
  readonly bulkhead: Bulkhead;
  readonly budget: QueryTimeBudget;
  gate: ResearchGate = {
    open: false,
    reason: 'The server settings have not been read yet',
    transactionMemoryMax: null,
    totalTransactionMemoryMax: null,
    checkedAt: null,
    unreadable: true,
  };
  /**
   * Reads the settings again. A gate closed only because they could not be read (researchers' database
   * was still starting when the API was) is read again by the first query after, at most once a second,
   * rather than at the next periodic read, seconds later.
   */
  regate: (() => Promise<void>) | null = null;
  private lastRegate = 0;

  readonly parser = new ParsePool();

  constructor(
    readonly repository: ResearchRepository,
    readonly limits: CypherLimits,
    /** When researchers have a database of their own: null means they share the main one. */
    readonly readiness: ResearchReadiness | null = null,
    /** Where the query-time budgets are counted: this process's memory unless replicas share a store. */
    budgetStore?: BudgetStore,
  ) {
    this.bulkhead = new Bulkhead(limits.concurrency, limits.queue, Math.min(2_000, Math.floor(limits.timeoutMs / 2)));
    this.budget = new QueryTimeBudget(limits.budgetSecondsPerMinute, budgetStore);
  }

  /** Refusals before the query reaches Neo4j, in order: research database not ready, closed gate, budget, text, parameters, grammar. */
  async precheck(query: string, params: Record<string, unknown>, run: ResearchRun): Promise<Record<string, unknown>> {
    // First: while their database is starting, its settings cannot be read either, and "starting" is the reason that helps.
    if (this.readiness) {
      const verdict = await this.readiness.check();
      if (!verdict.ready) throw new HttpProblem(503, verdict.reason, { title: 'Research database not ready', retryAfterSeconds: verdict.retryAfterSeconds });
    }
    if (!this.gate.open && this.gate.unreadable && this.regate && Date.now() - this.lastRegate >= 1_000) {
      this.lastRegate = Date.now();
      await this.regate();
    }
    if (!this.gate.open) throw new HttpProblem(503, this.gate.reason, { title: 'Research queries are off', retryAfterSeconds: 60 });
    const budget = await this.budget.state(run.client);
    if (budget.retryAfterSeconds > 0) {
      throw new HttpProblem(429, `This client has used its ${this.limits.budgetSecondsPerMinute} s of query time for this minute`, {
        title: 'Query-time budget spent',
        retryAfterSeconds: budget.retryAfterSeconds,
      });
    }
    let cypherParams: Record<string, unknown>;
    try {
      cypherParams = toCypherParams(params, !run.trusted) as Record<string, unknown>;
    } catch (error) {
      if (error instanceof ParamDepthError) throw new HttpProblem(400, error.message, { title: 'Parameters too large' });
      throw error;
    }
    if (!run.trusted) {
      const verdict = checkQuery(query);
      if (!verdict.ok) throw refused(verdict.reason);
      let parsed: Awaited<ReturnType<typeof this.parser.check>>;
      try {
        parsed = await this.parser.check(query, params);
      } catch (error) {
        if (error instanceof ParserBusyError) throw new HttpProblem(429, error.message, { title: 'Research queries are busy', retryAfterSeconds: 1 });
        if (error instanceof ParserStartingError) throw new HttpProblem(503, error.message, { retryAfterSeconds: 2 });
        // The checker's thread died (it is replaced on the next query): nothing unchecked runs.
        throw new HttpProblem(503, 'The query checker is restarting; try again shortly', { retryAfterSeconds: 1 });
      }
      if (!parsed.ok) throw refused(parsed.reason);
    }
    return cypherParams;
  }

  async run(query: string, params: Record<string, unknown>, run: ResearchRun): Promise<CypherAnswer> {
    const cypherParams = await this.precheck(query, params, run);
    const arrived = Date.now();
    let release: () => void;
    try {
      release = await this.bulkhead.acquire();
    } catch (error) {
      if (error instanceof BulkheadFullError) {
        throw new HttpProblem(429, error.message, { title: 'Research queries are busy', retryAfterSeconds: error.retryAfterSeconds });
      }
      throw error;
    }
    const started = Date.now();
    let settledHere = false;
    const settle = () => {
      if (settledHere) return;
      settledHere = true;
      release();
      void this.budget.charge(run.client, Date.now() - started);
    };
    // The deadline counts from arrival: time spent queueing is taken from the query's own time.
    const left = () => Math.max(100, this.limits.timeoutMs - (Date.now() - arrived));
    let handedOver = false;
    try {
      const { queryType, plan } = await this.repository.explain(query, cypherParams, left());
      if (queryType !== 'r') {
        throw refused(`only read-only queries may run; EXPLAIN plans this one as ${QUERY_TYPES[queryType] ?? queryType}`);
      }
      if (!run.trusted) {
        if (!plan) throw refused('Neo4j gave no plan for this query');
        const verdict = checkPlan(plan);
        if (!verdict.ok) throw refused(verdict.reason);
      }
      handedOver = true;
      return await this.repository.runReadOnly(
        query,
        cypherParams,
        { timeoutMs: left(), maxRows: this.limits.maxRows, maxBytes: Math.min(this.limits.maxBytes, run.maxBytes ?? Infinity), profile: run.profile ?? false },
        queryType,
        settle,
      );
    } catch (error) {
      throw problemFor(error, this.limits) ?? error;
    } finally {
      // Before the run, nothing holds the slot; once handed over, the run's own end releases it.
      if (!handedOver) settle();
    }
  }
}
