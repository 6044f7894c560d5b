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
/** Static files served as they are (the embed view's page, script and style). */
export const PUBLIC_DIR = join(PROJECT_ROOT, 'public');
/** Written by `npm run queries`; lives in src/ so that the compiler checks every use of a query. */
export const GENERATED_QUERIES_FILE = join(PROJECT_ROOT, 'src', 'db', 'queries.generated.ts');

const packageJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
export const API_VERSION: string = packageJson.version;
/** How the API names itself to Neo4j in every transaction's metadata. */
export const APP_TAG = `${packageJson.name}@${packageJson.version}`;
