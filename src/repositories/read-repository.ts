import neo4j, { routing, type Driver } from 'neo4j-driver';
import { toPlain } from '../lib/neo4j-values.js';

/** SKIP and LIMIT need integers; JavaScript numbers travel as floats. */
export const int = (n: number) => neo4j.int(n);

/**
 * Shared plumbing of the read repositories: every query runs through executeQuery with READ routing,
 * and every record leaves as plain JSON (no driver Integer or temporal objects).
 */
export abstract class ReadRepository {
  /** Queries running now, across repositories (each holds a pooled connection); shown by /metrics. */
  static inFlight = 0;

  constructor(
    protected readonly driver: Driver,
    protected readonly database: string,
  ) {}

  /** The first record as a plain object, or null when the query returned nothing. */
  protected async readOne<T>(query: string, params: Record<string, unknown>): Promise<T | null> {
    const records = await this.read(query, params);
    return records[0] ? (toPlain(records[0].toObject()) as T) : null;
  }

  /** Every record as a plain object. */
  protected async readAll<T>(query: string, params: Record<string, unknown>): Promise<T[]> {
    return (await this.read(query, params)).map((r) => toPlain(r.toObject()) as T);
  }

  private async read(query: string, params: Record<string, unknown>) {
    ReadRepository.inFlight += 1;
    try {
      return (await this.driver.executeQuery(query, params, { database: this.database, routing: routing.READ })).records;
    } finally {
      ReadRepository.inFlight -= 1;
    }
  }
}
