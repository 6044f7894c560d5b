import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Driver } from 'neo4j-driver';
import type { CypherLimits, Neo4jConfig } from '../config.js';
import { problemBody, sendProblem } from '../lib/problem.js';
import { ResearchRepository } from '../repositories/research-repository.js';
import { createResearchDriver } from '../db/driver.js';
import { ResearchDoor } from '../services/research/run-cypher.js';
import { RedisBudgetStore } from '../services/research/budget.js';
import { readResearchGate } from '../db/server-settings.js';
import { TransactionWatchdog } from '../db/transaction-watchdog.js';
import { QueryRunner } from '../db/runner.js';
import { DatasetRepository } from '../repositories/dataset-repository.js';
import { APP_TAG } from '../project-files.js';
import { ResearchReadiness, SHARED_VERDICT, type ResearchVerdict } from '../services/research/research-readiness.js';
import { policyOf } from './route-policy.js';

declare module 'fastify' {
  interface FastifyInstance {
    research: {
      driver: Driver;
      door: ResearchDoor;
      watchdog: TransactionWatchdog;
      refreshGate: () => Promise<void>;
      /** Whether researchers' own database answers at the API's dataset version, without waiting for it (for health). */
      database: () => ResearchVerdict;
      /** Null when researchers share the main database. */
      readiness: ResearchReadiness | null;
    };
  }
}

/** How often the server's memory settings are read again: often while the door is closed, seldom once open. */
const GATE_RETRY_MS = 5_000;
const GATE_REFRESH_MS = 60_000;

/**
 * Whether a request reaches a research route (researchers' Cypher, the named-query runs, MCP), or is a
 * browser's preflight for one, as the matched route's policy says (plugins/route-policy.ts).
 */
export function isResearchRequest(request: FastifyRequest): boolean {
  const research = policyOf(request).research;
  if (research === undefined || research === false) return false;
  if (research === true) return true;
  const method = String(request.headers['access-control-request-method'] ?? '').toUpperCase();
  return request.method === 'OPTIONS' && research.preflightOf.includes(method);
}

/**
 * Everything researchers' queries run on, apart from the rest of the API: their own driver and pool, a
 * watchdog on a connection of its own, the door with its bulkhead and budgets, and the gate that opens
 * only when Neo4j limits each transaction's memory.
 */
export default fp<{ config: Neo4jConfig; limits: CypherLimits; ownDatabase: boolean }>(
  async (app, { config, limits, ownDatabase }) => {
    const driver = createResearchDriver(config, limits.concurrency * 2 + 1);
    const watchdogDriver = createResearchDriver(config, 2);
    const watchdog = new TransactionWatchdog(watchdogDriver, (msg, err) => app.log.warn({ err }, msg));
    const repository = new ResearchRepository(driver, config.database, watchdog);
    // The budgets are counted where the rate limits are (plugins/external/rate-limit.ts), and likewise fail open.
    const budgetStore = app.limitStore
      ? new RedisBudgetStore(app.limitStore, (error) => app.log.debug({ err: error }, 'query-time budget store did not answer'))
      : undefined;
    // A database of their own may be starting or lag behind the main one: the door asks before each query
    // (cached briefly), so researchers get a 503 rather than no answer or an answer from other data.
    const versions = new DatasetRepository(new QueryRunner(watchdogDriver, config.database, APP_TAG));
    const readiness = ownDatabase
      ? new ResearchReadiness(
          () => versions.getVersion(),
          () => app.datasetVersion.current(),
        )
      : null;
    const door = new ResearchDoor(repository, limits, readiness, budgetStore);
    const refreshGate = async () => {
      door.gate = await readResearchGate(watchdogDriver);
    };
    door.regate = refreshGate;
    const database = () => readiness?.peek() ?? SHARED_VERDICT;
    app.decorate('research', { driver, door, watchdog, refreshGate, database, readiness });

    // Browsers may call the research routes (and MCP) only from origins the operator allows (none by
    // default), so that no web page can spend its visitors' query budgets. Decided by the matched route.
    const allowed = new Set(limits.corsOrigins);
    app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done) => {
      const origin = request.headers.origin;
      if (origin === undefined) return done();
      if (!isResearchRequest(request)) return done();
      if (allowed.has(origin)) return done();
      void sendProblem(
        reply,
        problemBody(
          request,
          403,
          `Pages from ${origin.slice(0, 100)} may not run research queries (the operator allows: ${allowed.size ? [...allowed].join(', ') : 'none'})`,
        ),
      );
    });

    let timer: NodeJS.Timeout | undefined;
    app.addHook('onReady', async () => {
      // The grammar is not loaded here: its worker starts with the first research query (services/research/parse-pool.ts).
      await refreshGate();
      // A first look at researchers' own database, so that health does not report "starting" before anyone asked.
      readiness?.peek();
      let last = Date.now();
      timer = setInterval(() => {
        if (door.gate.open && Date.now() - last < GATE_REFRESH_MS) return;
        last = Date.now();
        void refreshGate();
      }, GATE_RETRY_MS);
      timer.unref();
    });
    app.addHook('onClose', async () => {
      if (timer) clearInterval(timer);
      watchdog.close();
      await door.parser.close();
      await driver.close();
      await watchdogDriver.close();
    });
  },
  { name: 'research', dependencies: ['rate-limit'] },
);
