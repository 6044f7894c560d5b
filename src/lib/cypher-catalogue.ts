import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

export interface CypherFile {
  /** File name without ".cypher": the name repositories ask for. */
  name: string;
  /** Path relative to the catalogue folder, for messages and for researchers. */
  file: string;
  text: string;
}

function listCypherFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.cypher'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * The Cypher files of one folder, read once at start-up. Asking for a file that does not exist throws
 * at start-up (repositories take their queries when they are built), and `unused()` lets a test fail
 * on a file that nothing asks for.
 */
export class CypherCatalogue {
  private readonly files = new Map<string, CypherFile>();
  private readonly taken = new Set<string>();

  constructor(readonly dir: string) {
    for (const path of listCypherFiles(dir)) {
      const name = basename(path, '.cypher');
      const previous = this.files.get(name);
      if (previous) throw new Error(`Two Cypher files are named "${name}": ${previous.file} and ${relative(dir, path)}`);
      this.files.set(name, { name, file: relative(dir, path), text: readFileSync(path, 'utf8').trim() });
    }
  }

  /** The text of one query; throws when the file is missing. */
  take(name: string): string {
    const file = this.files.get(name);
    if (!file) throw new Error(`Missing Cypher file "${name}.cypher" in ${this.dir}`);
    this.taken.add(name);
    return file.text;
  }

  list(): CypherFile[] {
    return [...this.files.values()];
  }

  unused(): string[] {
    return [...this.files.keys()].filter((name) => !this.taken.has(name)).sort();
  }
}

/** Splits a schema file into statements; schema files hold several idempotent DDL statements. */
export function splitStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('//'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function readSchemaFiles(dir: string): { file: string; statements: string[] }[] {
  return listCypherFiles(dir).map((path) => ({
    file: relative(dir, path),
    statements: splitStatements(readFileSync(path, 'utf8')),
  }));
}

/** Names of the constraints and indexes the schema files declare (each must be named). */
export function declaredSchemaNames(dir: string): string[] {
  const names: string[] = [];
  for (const { file, statements } of readSchemaFiles(dir)) {
    for (const statement of statements) {
      const match = /^CREATE\s+(?:(?:FULLTEXT|RANGE|TEXT|POINT|LOOKUP)\s+)?(?:CONSTRAINT|INDEX)\s+([A-Za-z_][A-Za-z0-9_]*)\s+IF\s+NOT\s+EXISTS/i.exec(
        statement,
      );
      if (!match?.[1]) throw new Error(`${file}: every schema statement must be CREATE … <name> IF NOT EXISTS, got: ${statement.slice(0, 80)}`);
      names.push(match[1]);
    }
  }
  return names;
}
