import { awaitIndexes, getServerComponents, listSchemaNames } from '../db/queries.generated.js';
import type { QueryRunner } from '../db/runner.js';
import { applySchema, type MigrationResult } from '../db/schema-migrator.js';
import { declaredSchemaNames } from '../db/cypher-files.js';

export interface ServerInfo {
  name: string;
  version: string;
  edition: string;
}

/** The server and its schema: version, constraints and indexes declared in cypher/schema/. */
export class SystemRepository {
  readonly schemaNames: readonly string[];

  constructor(
    private readonly db: QueryRunner,
    private readonly schemaDir: string,
  ) {
    this.schemaNames = declaredSchemaNames(schemaDir);
  }

  async getServerInfo(): Promise<ServerInfo> {
    const row = await this.db.readOne(getServerComponents, {});
    if (!row) throw new Error('dbms.components() returned nothing');
    return row;
  }

  /** Declared constraints and indexes that are missing or not yet online. */
  async findMissingSchema(): Promise<string[]> {
    const rows = await this.db.read(listSchemaNames, { names: [...this.schemaNames] });
    const online = new Set(rows.filter((r) => r.state === 'ONLINE').map((r) => r.name));
    return this.schemaNames.filter((name) => !online.has(name));
  }

  applySchema(): Promise<MigrationResult> {
    return applySchema(this.db, this.schemaDir, awaitIndexes);
  }
}
