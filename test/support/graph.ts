import neo4j, { type Driver } from 'neo4j-driver';
import { inject } from 'vitest';
import { buildRepositories, seedFromFolder } from '../../src/dataset/seed.js';
import { toPlain, type Plain } from '../../src/lib/neo4j-values.js';
import { DATA_DIR } from '../../src/paths.js';

/** A driver and the project's repositories over the suite's real Neo4j. */
export function connect() {
  const db = inject('neo4j');
  const driver: Driver = neo4j.driver(db.uri, neo4j.auth.basic(db.user, db.password));
  const repositories = buildRepositories(driver, db.database);
  /** Runs Cypher and returns plain rows (numbers, ISO dates), for assertions. */
  const query = async (cypher: string, params: Record<string, unknown> = {}): Promise<Record<string, Plain>[]> => {
    const { records } = await driver.executeQuery(cypher, params, { database: db.database });
    return records.map((r) => toPlain(r.toObject()) as Record<string, Plain>);
  };
  const seedAlliance = async () => {
    await repositories.system.applySchema();
    return seedFromFolder(repositories, DATA_DIR);
  };
  return { driver, repositories, query, seedAlliance, close: () => driver.close() };
}

export const ARTICLE = 'autotrendy-2022-02-08';
