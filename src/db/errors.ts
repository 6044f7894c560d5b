import { Neo4jError } from 'neo4j-driver';

const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  // A wrong password or a locked account is the operator's problem; clients only see "unavailable".
  'Neo.ClientError.Security.Unauthorized',
  'Neo.ClientError.Security.AuthenticationRateLimit',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Database.DatabaseNotFound',
]);

/** True when an error means "the database cannot be reached or used right now" (answered 503). */
export function isNeo4jUnavailable(error: unknown): boolean {
  if (!(error instanceof Neo4jError)) return false;
  if (UNAVAILABLE_CODES.has(error.code)) return true;
  // The pool gives these no code of their own: a saturated pool, and a driver closed by a shutdown.
  return error.message.startsWith('Connection acquisition timed out') || error.message.startsWith('Pool is closed');
}

/** A read stopped by one of Neo4j's limits on a query: its memory (its own or all queries' together) or its time. */
export type QueryLimit = 'own-memory' | 'shared-memory' | 'time';

/**
 * Which of Neo4j's limits stopped a query, or null. On a large graph a typed question (a wide window of changes,
 * a deep look-through) can pass db.memory.transaction.max or db.transaction.timeout: that is the question's size,
 * not a bug. When all queries together pass dbms.memory.transaction.total.max, others share the blame.
 */
export function queryLimitOf(error: unknown): QueryLimit | null {
  if (!(error instanceof Neo4jError)) return null;
  if (error.code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut')) return 'time';
  if (error.code === 'Neo.TransientError.General.MemoryPoolOutOfMemoryError' || error.code.includes('MemoryLimit')) {
    // Neo4j names the setting that was reached in its message; the total is dbms.memory.transaction.total.max.
    return error.message.includes('total.max') ? 'shared-memory' : 'own-memory';
  }
  return null;
}
