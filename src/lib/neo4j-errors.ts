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
  // The pool gives this one no code of its own.
  return error.message.startsWith('Connection acquisition timed out');
}
