import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root, found from this file both when run from src/ (tsx, vitest) and from dist/src/. */
function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const CYPHER_QUERIES_DIR = join(PROJECT_ROOT, 'cypher', 'queries');
export const CYPHER_SCHEMA_DIR = join(PROJECT_ROOT, 'cypher', 'schema');
export const DATA_DIR = join(PROJECT_ROOT, 'data');

export const API_VERSION: string = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')).version;
