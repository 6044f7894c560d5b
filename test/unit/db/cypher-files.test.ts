import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { CypherFiles, declaredSchemaNames, splitStatements } from '../../../src/db/cypher-files.js';
import { renderQueriesModule } from '../../../src/db/generate-queries.js';
import { allQueries } from '../../../src/db/queries.generated.js';
import { CYPHER_QUERIES_DIR, CYPHER_SCHEMA_DIR, GENERATED_QUERIES_FILE, PROJECT_ROOT } from '../../../src/project-files.js';

/** A query file with a valid header. */
const q = (name: string, body: string, extra = '', returns = 'nothing') =>
  `// name: ${name}\n// description: test\n${extra}// mode: read\n// returns: ${returns}\n${body}\n`;

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cypher-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('CypherFiles', () => {
  it('reads every .cypher file below the folder, by file name, with its parameters and columns', () => {
    const files = new CypherFiles(
      folder({
        'a.cypher': q('a', 'RETURN 1'),
        'sub/b.cypher': q('b', 'RETURN $x AS x, {} AS m', '// param x: integer? — a number\n', 'x: integer?, m: map'),
        'notes.txt': 'x',
      }),
    );
    expect(files.list().map((f) => [f.name, f.file, f.mode, f.params, f.columns])).toEqual([
      ['a', 'a.cypher', 'read', [], []],
      [
        'b',
        'sub/b.cypher',
        'read',
        [{ name: 'x', type: 'integer', optional: true, description: 'a number' }],
        [
          { name: 'x', type: 'integer', nullable: true },
          { name: 'm', type: 'map', nullable: false },
        ],
      ],
    ]);
    expect(files.get('a')!.text).toBe(q('a', 'RETURN 1').trim());
  });

  it('refuses two files with the same name in different folders', () => {
    expect(() => new CypherFiles(folder({ 'x/a.cypher': q('a', 'RETURN 1'), 'y/a.cypher': q('a', 'RETURN 2') }))).toThrow(/Two Cypher files are named "a"/);
  });

  it.each([
    ['no header', 'RETURN 1', /a.cypher: the header needs "\/\/ name: …"/],
    ['another name', q('b', 'RETURN 1'), /the header names "b", the file "a.cypher"/],
    ['an undeclared parameter', q('a', 'RETURN $x'), /the header declares \[\] but the query uses \[x\]/],
    ['a declared parameter the query does not use', q('a', 'RETURN 1', '// param x: string — unused\n'), /declares \[x\] but the query uses \[\]/],
    ['an unknown type', q('a', 'RETURN $x', '// param x: float — x\n'), /unknown parameter type "float"/],
    ['an unknown mode', '// name: a\n// description: d\n// mode: admin\nRETURN 1', /unknown mode "admin"/],
    ['no returns line', '// name: a\n// description: d\n// mode: read\nRETURN 1', /the header needs "\/\/ returns: column: type, …"/],
    ['an unknown column type', q('a', 'RETURN 1 AS x', '', 'x: float'), /unknown column type "float"/],
  ])('refuses a file with %s', (_what, text, message) => {
    expect(() => new CypherFiles(folder({ 'a.cypher': text }))).toThrow(message);
  });

  it('every query file of the project has a header that matches its parameters', () => {
    const files = new CypherFiles(CYPHER_QUERIES_DIR);
    expect(files.list().length).toBeGreaterThan(40);
    for (const file of files.list()) expect(file.description.length, file.name).toBeGreaterThan(10);
  });
});

describe('the typed query modules', () => {
  it('are committed as generated: src/db/queries.generated.ts does not drift from cypher/queries (run npm run queries)', () => {
    expect(readFileSync(GENERATED_QUERIES_FILE, 'utf8')).toBe(renderQueriesModule(new CypherFiles(CYPHER_QUERIES_DIR).list()));
  });

  it("are each used by the code: every query but the researchers' is imported by a repository or the schema migrator", () => {
    const dir = join(PROJECT_ROOT, 'src', 'repositories');
    const code = readdirSync(dir)
      .filter((file) => file.endsWith('-repository.ts'))
      .map((file) => readFileSync(join(dir, file), 'utf8'))
      .join('\n');
    const unused = allQueries.filter(
      (query) => query.mode !== 'research' && !new RegExp(`\\b${query.name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())}\\b`).test(code),
    );
    expect(unused.map((query) => query.name)).toEqual([]);
  });
});

describe('schema files', () => {
  it('split into statements at semicolons that end a line, skipping comments', () => {
    expect(splitStatements('// c;\nCREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x);\nCREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.y);\n')).toEqual([
      'CREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x)',
      'CREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.y)',
    ]);
  });

  it('must name every constraint and index and be idempotent', () => {
    const dir = folder({ '001.cypher': 'CREATE INDEX FOR (n:A) ON (n.x);' });
    expect(() => declaredSchemaNames(dir)).toThrow(/every schema statement must be CREATE … <name> IF NOT EXISTS/);
  });

  it('declares the id constraints and the full-text index of the project', () => {
    const names = declaredSchemaNames(CYPHER_SCHEMA_DIR);
    expect(names).toContain('entity_id');
    expect(names).toContain('entity_names');
    expect(new Set(names).size).toBe(names.length);
  });
});
