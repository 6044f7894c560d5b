import neo4j, { type Driver } from 'neo4j-driver';
import type { Neo4jConfig } from '../config.js';

/** Connections in the pool of the API's driver; /metrics reports it beside the queries in flight. */
export const POOL_SIZE = 32;

export interface DriverOptions {
  /** Smaller for side pools (a script, a test helper); the API's is POOL_SIZE. */
  poolSize?: number;
  /** Waits for a pooled connection (ms). Short by default, so an outage becomes a fast 503. */
  acquisitionTimeoutMs?: number;
  /** How long the driver retries a transient failure (ms); researchers' queries are never retried. */
  retryTimeMs?: number;
}

/**
 * The one way to open Neo4j: the app, every script and the test helpers get the same pool limits,
 * bounded waits and silent driver logging (the app logs errors itself, once).
 */
export function createDriver(config: Pick<Neo4jConfig, 'uri' | 'user' | 'password'>, options: DriverOptions = {}): Driver {
  return neo4j.driver(config.uri, neo4j.auth.basic(config.user, config.password), {
    maxConnectionPoolSize: options.poolSize ?? POOL_SIZE,
    connectionAcquisitionTimeout: options.acquisitionTimeoutMs ?? 1_000,
    connectionTimeout: 1_000,
    maxTransactionRetryTime: options.retryTimeMs ?? 300,
    disableLosslessIntegers: false,
    logging: { level: 'warn', logger: () => {} },
  });
}

/**
 * The researchers' own driver: a small pool of its own, so that slow research queries can never take the
 * connections of the typed endpoints, health or the loader. One connection more than the research
 * concurrency, for EXPLAIN; the transaction watchdog has a driver of its own too. Never retried.
 */
export function createResearchDriver(config: Pick<Neo4jConfig, 'uri' | 'user' | 'password'>, poolSize: number): Driver {
  return createDriver(config, { poolSize, acquisitionTimeoutMs: 1_000, retryTimeMs: 0 });
}
