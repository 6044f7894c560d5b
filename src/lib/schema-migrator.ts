import type { Driver } from 'neo4j-driver';
import { readSchemaFiles } from './cypher-catalogue.js';

export interface MigrationResult {
  files: number;
  statements: number;
}

/**
 * Applies the schema files in order. Every statement is `CREATE … IF NOT EXISTS`, so a rerun changes
 * nothing; `awaitIndexes` is the text of cypher/queries/await-indexes.cypher.
 */
export async function applySchema(
  driver: Driver,
  database: string,
  schemaDir: string,
  awaitIndexes: string,
): Promise<MigrationResult> {
  const files = readSchemaFiles(schemaDir);
  let statements = 0;
  for (const file of files) {
    for (const statement of file.statements) {
      await driver.executeQuery(statement, {}, { database });
      statements += 1;
    }
  }
  await driver.executeQuery(awaitIndexes, {}, { database });
  return { files: files.length, statements };
}
