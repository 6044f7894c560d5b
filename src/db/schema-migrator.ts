import { readSchemaFiles } from './cypher-files.js';
import type { CypherQuery } from './query.js';
import type { QueryRunner } from './runner.js';

export interface MigrationResult {
  files: number;
  statements: number;
}

/**
 * Applies the schema files in order. Every statement is `CREATE … IF NOT EXISTS`, so a rerun changes
 * nothing; then waits until the indexes are online, so that "schema applied" means "usable".
 */
export async function applySchema(db: QueryRunner, schemaDir: string, awaitIndexes: CypherQuery<Record<string, never>, unknown>): Promise<MigrationResult> {
  const files = readSchemaFiles(schemaDir);
  let statements = 0;
  for (const file of files) {
    for (const statement of file.statements) {
      // Schema statements are files of cypher/schema, not queries: they run as they are written.
      await db.write({ ...awaitIndexes, name: `schema:${file.file}`, text: statement, params: [] }, {});
      statements += 1;
    }
  }
  await db.write(awaitIndexes, {});
  return { files: files.length, statements };
}
