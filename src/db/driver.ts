import neo4j, { type Driver } from 'neo4j-driver';
import type { Neo4jConfig } from '../config.js';

/** Connections in the pool of the API's driver; /metrics reports it beside the queries in flight. */
export const POOL_SIZE = 32;

export interface DriverOptions {
  /** Smaller for side pools (a script, a test helper); the API's is POOL_SIZE. */
  poolSize?: number;
  /** Waits for a pooled connection (ms). Short by default, so an outage becomes a fast 503. */
  acquisitionTimeoutMs?: number;
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
    maxTransactionRetryTime: 300,
    disableLosslessIntegers: false,
    logging: { level: 'warn', logger: () => {} },
  });
}
