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
