/** The grammar check in a thread of its own (see parse-pool.ts). */
import { parentPort } from 'node:worker_threads';
import { checkParsedQuery, loadCypherParser } from './cypher-parse.js';

const ready = loadCypherParser();
parentPort!.on('message', (message: { id: number; query: string; params: Record<string, unknown> }) => {
  void ready.then(() => {
    try {
      parentPort!.postMessage({ id: message.id, verdict: checkParsedQuery(message.query, message.params) });
    } catch (error) {
      parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
});
parentPort!.postMessage({ ready: true });
