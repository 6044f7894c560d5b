import neo4j, { routing, type Driver, type ManagedTransaction, type QueryResult, type RecordShape } from 'neo4j-driver';
import type { CypherQuery } from './query.js';
import { toPlain } from './values.js';

type Params = Record<string, unknown>;

/** As long as the API's driver retries a transient failure (createDriver's maxTransactionRetryTime). */
const READ_RETRY_MS = 300;

/** A write transaction's view of the runner: typed queries only, rows as plain JSON. */
export interface WriteTransaction {
  run<P, R>(query: CypherQuery<P, R>, params: P): Promise<R[]>;
  /** For the rare statement that is derived from a query (a planner hint in front of it). */
  runText<R>(query: CypherQuery<unknown, R>, text: string, params: Params): Promise<R[]>;
}

/**
 * Runs the typed queries of cypher/ for the app, the scripts and the tests: every transaction is tagged
 * with `{app, query}` metadata (so SHOW TRANSACTIONS names it), integer parameters travel as INTEGER,
 * rows leave as plain JSON, and the queries in flight are counted for /metrics.
 */
export class QueryRunner {
  private running = 0;
  private lastState: string | null = null;
  private states = 0;

  constructor(
    readonly driver: Driver,
    readonly database: string,
    /** `name@version` of what runs the queries. */
    readonly app: string,
  ) {}

  get inFlight(): number {
    return this.running;
  }

  /**
   * Moves each time a read comes back from another state of the database than the read before it. A read's
   * bookmark names the last transaction committed when it ran, so it changes only when someone wrote, in this
   * process or another. What is kept about the data (the dataset version) can tell from this whether a read
   * since may have seen data newer than what it knows, without a query per answer.
   */
  get stateChanges(): number {
    return this.states;
  }

  private noteState(bookmarks: string[]): void {
    const state = bookmarks.join(',');
    if (state === this.lastState) return;
    this.lastState = state;
    this.states += 1;
  }

  /** Every row of a read query, with READ routing (a cluster's secondaries serve it). */
  async read<P, R>(query: CypherQuery<P, R>, params: P): Promise<R[]> {
    return rowsOf<R>(await this.execute(query, params, routing.READ));
  }

  /** The first row, or null when the query returned none. */
  async readOne<P, R>(query: CypherQuery<P, R>, params: P): Promise<R | null> {
    return (await this.read(query, params))[0] ?? null;
  }

  /** One auto-committed write (schema statements, a stamp). */
  async write<P, R>(query: CypherQuery<P, R>, params: P): Promise<R[]> {
    return rowsOf<R>(await this.execute(query, params, routing.WRITE));
  }

  /**
   * One write in an implicit (auto-commit) transaction: the only kind that may commit its own batches
   * (CALL … IN TRANSACTIONS), for a statement that touches more rows than one transaction should hold.
   */
  async writeInOwnTransactions<P>(query: CypherQuery<P, unknown>, params: P): Promise<void> {
    const session = this.driver.session({ database: this.database });
    this.running += 1;
    try {
      await session.run({ text: query.text, parameters: toParams(query, params as Params) }, { metadata: { app: this.app, query: query.name } });
    } finally {
      this.running -= 1;
      await session.close();
    }
  }

  /** Several typed statements in one write transaction: all or nothing. */
  async inWriteTransaction<T>(name: string, work: (tx: WriteTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database });
    this.running += 1;
    try {
      return await session.executeWrite((tx) => work(this.wrap(tx)), { metadata: { app: this.app, query: name } });
    } finally {
      this.running -= 1;
      await session.close();
    }
  }

  /** Rows of a read query one at a time, stopping when `visit` returns false (reads no further). */
  async stream<P, R>(query: CypherQuery<P, R>, params: P, visit: (row: R) => boolean): Promise<void> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ, fetchSize: 100 });
    this.running += 1;
    try {
      await session.executeRead(
        async (tx) => {
          for await (const record of tx.run(query.text, toParams(query, params as Params))) {
            if (!visit(toPlain(record.toObject()) as R)) break;
          }
        },
        { metadata: { app: this.app, query: query.name } },
      );
      this.noteState(session.lastBookmarks());
    } finally {
      this.running -= 1;
      await session.close();
    }
  }

  /**
   * Reads run as auto-commit transactions: the driver sends RUN and PULL together, where executeQuery's
   * managed transaction writes BEGIN, RUN+PULL and COMMIT separately: two more system calls and two more
   * messages for Neo4j to handle per answer (bench/profile.md; test/integration/db/runner.test.ts). The shared bookmark
   * manager keeps reads after the loader's writes causally consistent, as executeQuery does; a transient
   * failure is retried within the driver's retry time, as executeQuery would.
   */
  private async execute<P>(query: CypherQuery<P, unknown>, params: P, route: typeof routing.READ | typeof routing.WRITE) {
    this.running += 1;
    const cypherParams = toParams(query, params as Params);
    try {
      if (route === routing.WRITE) {
        return await this.driver.executeQuery(query.text, cypherParams, {
          database: this.database,
          routing: route,
          transactionConfig: { metadata: { app: this.app, query: query.name } },
        });
      }
      const started = Date.now();
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await this.runAutoCommitRead(query, cypherParams);
        } catch (error) {
          if (!neo4j.isRetryableError(error) || Date.now() - started > READ_RETRY_MS) throw error;
          await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
        }
      }
    } finally {
      this.running -= 1;
    }
  }

  private async runAutoCommitRead(query: CypherQuery<unknown, unknown>, params: Params): Promise<QueryResult<RecordShape>> {
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: neo4j.session.READ,
      bookmarkManager: this.driver.executeQueryBookmarkManager,
    });
    try {
      // The driver formats a stack trace for every result, in case it fails later (about 4 % of the API's CPU
      // under load, bench/profile.md); our errors become problem answers and never show that stack.
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 0;
      let result: ReturnType<typeof session.run>;
      try {
        result = session.run(query.text, params, { metadata: { app: this.app, query: query.name } });
      } finally {
        Error.stackTraceLimit = limit;
      }
      const answered = await result;
      this.noteState(session.lastBookmarks());
      return answered;
    } finally {
      await session.close();
    }
  }

  private wrap(tx: ManagedTransaction): WriteTransaction {
    return {
      run: async (query, params) => rowsOf(await tx.run(query.text, toParams(query, params as Params))),
      runText: async (query, text, params) => rowsOf(await tx.run(text, toParams(query, params))),
    };
  }
}

/** Parameters declared `integer` travel as Cypher INTEGER (SKIP and LIMIT need them); JS numbers are floats. */
function toParams(query: CypherQuery<unknown, unknown>, params: Params): Params {
  let out = params;
  for (const p of query.params) {
    const value = params[p.name];
    if (p.type === 'integer' && typeof value === 'number') {
      if (out === params) out = { ...params };
      out[p.name] = neo4j.int(value);
    }
  }
  return out;
}

function rowsOf<R>(result: QueryResult<RecordShape>): R[] {
  return result.records.map((record) => toPlain(record.toObject()) as R);
}
