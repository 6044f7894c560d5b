import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESEARCH_TX_APP } from '../../src/db/transaction-watchdog.js';

/** The p-th percentile of sorted values (nearest rank); NaN when there are none. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** OutOfMemoryError lines in the Neo4j server's logs, when its log folder is on this machine. */
export function oomCount(logDir: string | null): number | null {
  if (!logDir || !existsSync(logDir)) return null;
  let count = 0;
  for (const file of ['neo4j.log', 'debug.log']) {
    const path = join(logDir, file);
    if (existsSync(path)) count += readFileSync(path, 'utf8').split('OutOfMemoryError').length - 1;
  }
  return count;
}

/**
 * Polls the research transactions Neo4j lists (on the test's own connection) until stopped; `stop()` answers
 * the longest elapsed time seen, in milliseconds.
 */
export function watchResearchTransactions(
  query: (cypher: string, params: Record<string, unknown>) => Promise<Record<string, unknown>[]>,
  everyMs: number,
): { stop(): Promise<number> } {
  let polling = true;
  let longestMs = 0;
  const poller = (async () => {
    while (polling) {
      const running = await query('SHOW TRANSACTIONS YIELD metaData, elapsedTime WHERE metaData.app = $app RETURN elapsedTime.milliseconds AS ms', {
        app: RESEARCH_TX_APP,
      });
      for (const r of running) longestMs = Math.max(longestMs, Number(r.ms));
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      polling = false;
      await poller;
      return longestMs;
    },
  };
}
