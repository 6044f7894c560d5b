import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

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
