import { inject } from 'vitest';
import { createDriver } from '../../src/db/driver.js';
import { QueryRunner } from '../../src/db/runner.js';
import { toPlain, type Plain } from '../../src/db/values.js';
import { APP_TAG, DATA_DIR } from '../../src/project-files.js';
import { createDataTools, seedFromFolder } from '../../src/services/dataset/seed.js';

/** A driver and the project's repositories over the suite's real Neo4j. */
export function connect() {
  const db = inject('neo4j');
  const driver = createDriver(db, { poolSize: 8, acquisitionTimeoutMs: 60_000 });
  const runner = new QueryRunner(driver, db.database, `${APP_TAG} tests`);
  const repositories = createDataTools(runner);
  /** Runs Cypher and returns plain rows (numbers, ISO dates), for assertions. */
  const query = async (cypher: string, params: Record<string, unknown> = {}): Promise<Record<string, Plain>[]> => {
    const { records } = await driver.executeQuery(cypher, params, { database: db.database });
    return records.map((r) => toPlain(r.toObject()) as Record<string, Plain>);
  };
  const seedAlliance = async () => {
    await repositories.system.applySchema();
    return seedFromFolder(repositories, DATA_DIR);
  };
  return { driver, runner, repositories, query, seedAlliance, close: () => driver.close() };
}

export const ARTICLE = 'autotrendy-2022-02-08';
