import neo4j, { type Driver } from 'neo4j-driver';
import type { Neo4jConfig } from '../config.js';

/**
 * The researchers' own driver: a small pool of its own, so that slow research queries can never take
 * the connections of the typed endpoints, health or the loader. One connection more than the research
 * concurrency, for EXPLAIN; the watchdog (SHOW/TERMINATE TRANSACTIONS) has a driver of its own too.
 * Kept to this one function so it can move to the shared database layer unchanged.
 */
export function createResearchDriver(config: Neo4jConfig, poolSize: number): Driver {
  return neo4j.driver(config.uri, neo4j.auth.basic(config.user, config.password), {
    maxConnectionPoolSize: poolSize,
    connectionAcquisitionTimeout: 1_000,
    connectionTimeout: 1_000,
    maxTransactionRetryTime: 0,
    disableLosslessIntegers: false,
    logging: { level: 'warn', logger: () => {} },
  });
}
