import { Neo4jError } from 'neo4j-driver';
import type { CypherLimits } from '../../config.js';
import { HttpProblem } from '../../lib/problem.js';
import type { CypherAnswer, ResearchRepository } from '../../repositories/research-repository.js';
import { checkQuery } from './cypher-guard.js';
import { toCypherParams } from '../../db/serialize.js';

const QUERY_TYPES: Record<string, string> = { r: 'read-only', rw: 'read and write', w: 'write-only', s: 'schema' };

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).slice(0, 500);
}

/** Neo4j's answer to a researcher's query, as a problem; null for errors that are not the query's fault. */
function problemFor(error: unknown, limits: CypherLimits): HttpProblem | null {
  if (!(error instanceof Neo4jError)) return null;
  const code = error.code;
  if (code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut') || code === 'Neo.TransientError.Transaction.LockClientStopped') {
    return new HttpProblem(422, `The query ran longer than ${limits.timeoutMs / 1000} s and was stopped`, { title: 'Query timed out' });
  }
  if (code === 'Neo.TransientError.General.MemoryPoolOutOfMemoryError' || code.includes('MemoryLimit')) {
    return new HttpProblem(422, 'The query needed more memory than a query may use and was stopped', { title: 'Query too large' });
  }
  if (code === 'Neo.ClientError.Statement.AccessMode' || code.startsWith('Neo.ClientError.Security.')) {
    return new HttpProblem(400, 'Refused: the query tried to write or to administer the database; only reading is allowed');
  }
  if (code.startsWith('Neo.ClientError.')) {
    // Neo4j's own words about the researcher's query (syntax, types, parameters) are what they need to fix it.
    return new HttpProblem(400, `The query failed: ${firstLine(error.message)}`);
  }
  return null;
}

/**
 * The read-only door, in layers: (1) static refusals (cypher-guard), (2) EXPLAIN must plan a read-only
 * query, (3) it runs in a READ access-mode transaction that is rolled back, (4) under a timeout and a
 * row cap. Rate and body-size limits are set on the routes.
 */
export async function runReadOnlyCypher(
  repository: ResearchRepository,
  query: string,
  params: Record<string, unknown>,
  limits: CypherLimits,
  profile = false,
): Promise<CypherAnswer> {
  const verdict = checkQuery(query);
  if (!verdict.ok) throw new HttpProblem(400, `Refused: ${verdict.reason}`, { title: 'Query refused' });
  const cypherParams = toCypherParams(params) as Record<string, unknown>;
  try {
    const queryType = await repository.explainQueryType(query, cypherParams);
    if (queryType !== 'r') {
      throw new HttpProblem(400, `Refused: only read-only queries may run; EXPLAIN plans this one as ${QUERY_TYPES[queryType] ?? queryType}`, {
        title: 'Query refused',
      });
    }
    return await repository.runReadOnly(query, cypherParams, { timeoutMs: limits.timeoutMs, maxRows: limits.maxRows, profile }, queryType);
  } catch (error) {
    throw problemFor(error, limits) ?? error;
  }
}
