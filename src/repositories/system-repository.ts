import { routing, type Driver } from 'neo4j-driver';
import type { CypherCatalogue } from '../lib/cypher-catalogue.js';
import { applySchema, type MigrationResult } from '../lib/schema-migrator.js';

export interface ServerInfo {
  name: string;
  version: string;
  edition: string;
}

export class SystemRepository {
  private readonly q;

  constructor(
    private readonly driver: Driver,
    private readonly database: string,
    queries: CypherCatalogue,
    private readonly schemaDir: string,
    readonly schemaNames: readonly string[],
  ) {
    this.q = {
      components: queries.take('get-server-components'),
      schemaNames: queries.take('list-schema-names'),
      awaitIndexes: queries.take('await-indexes'),
    };
  }

  async getServerInfo(): Promise<ServerInfo> {
    const { records } = await this.driver.executeQuery(this.q.components, {}, { database: this.database, routing: routing.READ });
    const record = records[0];
    if (!record) throw new Error('dbms.components() returned nothing');
    return { name: record.get('name'), version: record.get('version'), edition: record.get('edition') };
  }

  /** Declared constraints and indexes that are missing or not yet online. */
  async findMissingSchema(): Promise<string[]> {
    const { records } = await this.driver.executeQuery(
      this.q.schemaNames,
      { names: this.schemaNames },
      { database: this.database, routing: routing.READ },
    );
    const online = new Set(records.filter((r) => r.get('state') === 'ONLINE').map((r) => r.get('name') as string));
    return this.schemaNames.filter((name) => !online.has(name));
  }

  applySchema(): Promise<MigrationResult> {
    return applySchema(this.driver, this.database, this.schemaDir, this.q.awaitIndexes);
  }
}
