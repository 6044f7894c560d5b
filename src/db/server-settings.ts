import neo4j, { type Driver } from 'neo4j-driver';

export interface ResearchGate {
  open: boolean;
  /** Why the Cypher door is closed, or what limit keeps it open. */
  reason: string;
  transactionMemoryMax: string | null;
  totalTransactionMemoryMax: string | null;
  checkedAt: string | null;
  /** Closed because the settings could not be read (the server was starting or away), not for what they say. */
  unreadable?: boolean;
}

/** True when a memory setting's value means "no limit" ("0B", "0", "0.00KiB" or empty). */
export function isUnlimited(value: string | null): boolean {
  if (value === null) return true;
  const number = Number.parseFloat(value.trim());
  return !Number.isFinite(number) || number <= 0;
}

/** The decision from the two settings' values as SHOW SETTINGS gives them (null: not listed). */
export function gateFromSettings(perTx: string | null, total: string | null, checkedAt: string | null = new Date().toISOString()): ResearchGate {
  if (isUnlimited(perTx)) {
    return {
      open: false,
      reason: 'Neo4j sets no per-transaction memory limit (db.memory.transaction.max), so one query could fill its heap; researchers’ Cypher is off',
      transactionMemoryMax: perTx,
      totalTransactionMemoryMax: total,
      checkedAt,
    };
  }
  return {
    open: true,
    reason: `Each research transaction may use at most ${perTx} of Neo4j's memory`,
    transactionMemoryMax: perTx,
    totalTransactionMemoryMax: total,
    checkedAt,
  };
}

/**
 * The server's memory settings, read at start: researchers' Cypher is served only when Neo4j limits the
 * memory of each transaction (db.memory.transaction.max), so that one query cannot fill the heap. A
 * user's own Neo4j or Aura that lacks the limit, or does not let us read it, keeps the door closed.
 */
export async function readResearchGate(driver: Driver): Promise<ResearchGate> {
  // A read: a cluster may answer it from any server, as it does the research queries themselves.
  const session = driver.session({ database: 'system', defaultAccessMode: neo4j.session.READ });
  const checkedAt = new Date().toISOString();
  try {
    const result = await session.run(
      "SHOW SETTINGS YIELD name, value WHERE name IN ['db.memory.transaction.max', 'dbms.memory.transaction.total.max'] RETURN name, value",
    );
    const values = new Map(result.records.map((r) => [r.get('name') as string, String(r.get('value'))]));
    return gateFromSettings(values.get('db.memory.transaction.max') ?? null, values.get('dbms.memory.transaction.total.max') ?? null, checkedAt);
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'error';
    return {
      open: false,
      reason: `The server's memory settings could not be read (${code}); researchers’ Cypher stays off until they can`,
      transactionMemoryMax: null,
      totalTransactionMemoryMax: null,
      checkedAt,
      unreadable: true,
    };
  } finally {
    await session.close().catch(() => {});
  }
}
