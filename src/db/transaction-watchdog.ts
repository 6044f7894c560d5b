import { randomUUID } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';

/** The tag every research transaction carries in its metadata, so the watchdog finds only those. */
export const RESEARCH_TX_APP = 'alliance-api-research';

export interface TxTag {
  id: string;
  metadata: { app: string; id: string };
}

/**
 * Ends research transactions that outlive their timeout. Neo4j's transaction timeout marks a transaction
 * as terminated, but work inside one expression, or a query that never reaches a check, goes on; so the
 * API looks up its own timed-out transactions by their metadata (SHOW TRANSACTIONS) and terminates them by
 * id, on a connection of its own, until they are gone.
 */
export class TransactionWatchdog {
  /** Tags of research transactions whose answer was given but whose transaction may still run, with their deadline. */
  private readonly overdue = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  terminated = 0;

  constructor(
    private readonly driver: Driver,
    private readonly log: (msg: string, err?: unknown) => void = () => {},
    private readonly sweepEveryMs = 1_000,
  ) {}

  tag(): TxTag {
    const id = randomUUID();
    return { id, metadata: { app: RESEARCH_TX_APP, id } };
  }

  /** Watches a transaction that was answered as timed out (or abandoned) until Neo4j no longer lists it. */
  watch(id: string): void {
    if (this.closed) return;
    this.overdue.set(id, Date.now());
    void this.sweep();
    this.schedule();
  }

  /** Its session closed: the transaction has ended. */
  ended(id: string): void {
    this.overdue.delete(id);
  }

  private schedule(): void {
    if (this.timer || this.closed || this.overdue.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.sweep().finally(() => this.schedule());
    }, this.sweepEveryMs);
    this.timer.unref();
  }

  /** Finds the overdue transactions on the server and terminates them; forgets those it no longer finds. */
  async sweep(): Promise<number> {
    if (this.overdue.size === 0 || this.closed) return 0;
    const ids = [...this.overdue.keys()];
    const session = this.driver.session({ database: 'system', defaultAccessMode: neo4j.session.WRITE });
    try {
      const found = await session.run(
        'SHOW TRANSACTIONS YIELD transactionId, metaData WHERE metaData.app = $app AND metaData.id IN $ids RETURN transactionId, metaData.id AS id',
        { app: RESEARCH_TX_APP, ids },
      );
      const running = new Set(found.records.map((r) => r.get('id') as string));
      for (const id of ids) if (!running.has(id)) this.overdue.delete(id);
      const txIds = found.records.map((r) => r.get('transactionId') as string);
      if (txIds.length > 0) {
        await session.run('TERMINATE TRANSACTIONS $txIds', { txIds });
        this.terminated += txIds.length;
      }
      return txIds.length;
    } catch (error) {
      this.log('research watchdog could not sweep', error);
      return 0;
    } finally {
      await session.close().catch(() => {});
    }
  }

  /** Research transactions of this API that Neo4j still lists (tests and metrics). */
  async listRunning(): Promise<{ id: string; elapsedMs: number; status: string }[]> {
    const session = this.driver.session({ database: 'system' });
    try {
      const result = await session.run(
        'SHOW TRANSACTIONS YIELD metaData, elapsedTime, status WHERE metaData.app = $app RETURN metaData.id AS id, elapsedTime.milliseconds AS ms, status',
        { app: RESEARCH_TX_APP },
      );
      return result.records.map((r) => ({ id: r.get('id') as string, elapsedMs: Number(r.get('ms')), status: String(r.get('status')) }));
    } finally {
      await session.close();
    }
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
