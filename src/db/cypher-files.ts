import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

export type ParamType = 'string' | 'date' | 'integer' | 'number' | 'boolean' | 'string[]' | 'map[]';
/** What a returned column may hold; `any` where the rows are for researchers and never typed by the API. */
export type ColumnType = ParamType | 'map' | 'any';

export interface QueryColumn {
  name: string;
  type: ColumnType;
  nullable: boolean;
}

export interface QueryParam {
  name: string;
  type: ParamType;
  /** Optional parameters are passed as null when absent. */
  optional: boolean;
  description: string;
}

export interface CypherFile {
  /** File name without ".cypher": the name repositories ask for. */
  name: string;
  /** Path relative to the catalogue folder, for messages and for researchers. */
  file: string;
  /** The whole file, header included (Cypher ignores the comments). */
  text: string;
  description: string;
  params: QueryParam[];
  /** read: behind an endpoint; research: for researchers only; write: used by the loader, never run over HTTP. */
  mode: 'read' | 'write' | 'research';
  usedBy: string | null;
  /** The columns each row has, in order (checked against Neo4j's EXPLAIN by a test). */
  columns: QueryColumn[];
}

const COLUMN_TYPES = new Set<ColumnType>(['string', 'date', 'integer', 'number', 'boolean', 'string[]', 'map[]', 'map', 'any']);
const PARAM_TYPES = new Set<ParamType>(['string', 'date', 'integer', 'number', 'boolean', 'string[]', 'map[]']);

/**
 * Reads the header every query file carries:
 *   // name: list-companies
 *   // description: …
 *   // param country: string? — ISO code (null: any)
 *   // mode: read
 *   // returns: total: integer, items: map[]
 *   // used by: GET /v1/companies
 * and checks it against the file name and the $parameters the query uses.
 */
export function parseHeader(file: string, text: string): Omit<CypherFile, 'file' | 'text'> {
  const header: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('//')) break;
    header.push(line.slice(2).trim());
  }
  const fail = (message: string): never => {
    throw new Error(`${file}: ${message}`);
  };
  const field = (key: string) =>
    header
      .find((h) => h.startsWith(`${key}:`))
      ?.slice(key.length + 1)
      .trim();
  const name = field('name') ?? fail('the header needs "// name: …"');
  if (name !== basename(file, '.cypher')) fail(`the header names "${name}", the file "${basename(file)}"`);
  const description = field('description') ?? fail('the header needs "// description: …"');
  const mode = field('mode') ?? fail('the header needs "// mode: read|write|research"');
  if (mode !== 'read' && mode !== 'write' && mode !== 'research') fail(`unknown mode "${mode}"`);
  const params = header
    .filter((h) => h.startsWith('param '))
    .map((h) => {
      const match = /^param ([A-Za-z_]\w*): ([a-z[\]]+)(\?)?(?: — (.*))?$/.exec(h);
      if (!match) return fail(`cannot read "${h}"; write "param name: type — description"`);
      const type = match[2] as ParamType;
      if (!PARAM_TYPES.has(type)) fail(`unknown parameter type "${type}"`);
      return { name: match[1]!, type, optional: match[3] === '?', description: match[4] ?? '' };
    });
  const body = text.split('\n').slice(header.length).join('\n');
  const used = [...new Set([...body.matchAll(/\$([A-Za-z_]\w*)/g)].map((m) => m[1]!))].sort();
  const declared = params.map((p) => p.name).sort();
  if (used.join(',') !== declared.join(',')) fail(`the header declares [${declared.join(', ')}] but the query uses [${used.join(', ')}]`);
  const returns = field('returns') ?? fail('the header needs "// returns: column: type, …" (or "nothing")');
  const columns =
    returns === 'nothing'
      ? []
      : returns.split(',').map((part) => {
          const match = /^([A-Za-z_]\w*): ([a-z[\]]+)(\?)?$/.exec(part.trim());
          if (!match) return fail(`cannot read the column "${part.trim()}"; write "column: type"`);
          const type = match[2] as ColumnType;
          if (!COLUMN_TYPES.has(type)) fail(`unknown column type "${type}"`);
          return { name: match[1]!, type, nullable: match[3] === '?' };
        });
  return { name, description, params, mode: mode as CypherFile['mode'], usedBy: field('used by') ?? null, columns };
}

function listCypherFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.cypher'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * The Cypher files of one folder with their headers: what `npm run queries` turns into typed modules,
 * and what researchers browse as named queries.
 */
export class CypherFiles {
  private readonly files = new Map<string, CypherFile>();

  constructor(readonly dir: string) {
    for (const path of listCypherFiles(dir)) {
      const name = basename(path, '.cypher');
      const previous = this.files.get(name);
      if (previous) throw new Error(`Two Cypher files are named "${name}": ${previous.file} and ${relative(dir, path)}`);
      const text = readFileSync(path, 'utf8').trim();
      const file = relative(dir, path);
      this.files.set(name, { ...parseHeader(file, text), file, text });
    }
  }

  list(): CypherFile[] {
    return [...this.files.values()];
  }

  get(name: string): CypherFile | undefined {
    return this.files.get(name);
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
