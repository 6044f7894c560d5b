/** The grammar check in a thread of its own (see parse-pool.ts). */
import { workerTask } from '../../lib/worker-task.js';
import { checkParsedQuery, loadCypherParser, type ParseVerdict } from './cypher-parse.js';

export interface ParseTask {
  query: string;
  params: Record<string, unknown>;
}

// Loaded before the module is: piscina hands this worker no query until then, so no query's time limit
// pays for the grammar's load.
await loadCypherParser();

export default workerTask(({ query, params }: ParseTask): ParseVerdict => checkParsedQuery(query, params));
