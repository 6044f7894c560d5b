import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CypherCatalogue, declaredSchemaNames, splitStatements } from '../../src/lib/cypher-catalogue.js';
import { CYPHER_QUERIES_DIR, CYPHER_SCHEMA_DIR } from '../../src/paths.js';

/** A query file with a valid header. */
const q = (name: string, body: string, extra = '') => `// name: ${name}\n// description: test\n${extra}// mode: read\n${body}\n`;

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cypher-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('CypherCatalogue', () => {
  it('reads every .cypher file below the folder, by file name', () => {
    const catalogue = new CypherCatalogue(folder({ 'a.cypher': q('a', 'RETURN 1'), 'sub/b.cypher': q('b', 'RETURN $x', '// param x: integer? — a number\n'), 'notes.txt': 'x' }));
    expect(catalogue.list().map((f) => [f.name, f.file, f.mode, f.params])).toEqual([
      ['a', 'a.cypher', 'read', []],
      ['b', 'sub/b.cypher', 'read', [{ name: 'x', type: 'integer', optional: true, description: 'a number' }]],
    ]);
    expect(catalogue.take('a')).toBe(q('a', 'RETURN 1').trim());
  });

  it('throws on a missing file, naming it', () => {
    const catalogue = new CypherCatalogue(folder({ 'a.cypher': q('a', 'RETURN 1') }));
    expect(() => catalogue.take('missing-query')).toThrow(/Missing Cypher file "missing-query.cypher"/);
  });

  it('reports files nobody took', () => {
    const catalogue = new CypherCatalogue(folder({ 'a.cypher': q('a', 'RETURN 1'), 'b.cypher': q('b', 'RETURN 2') }));
    catalogue.take('a');
    expect(catalogue.unused()).toEqual(['b']);
  });

  it('refuses two files with the same name in different folders', () => {
    expect(() => new CypherCatalogue(folder({ 'x/a.cypher': q('a', 'RETURN 1'), 'y/a.cypher': q('a', 'RETURN 2') }))).toThrow(/Two Cypher files are named "a"/);
  });

  it.each([
    ['no header', 'RETURN 1', /a.cypher: the header needs "\/\/ name: …"/],
    ['another name', q('b', 'RETURN 1'), /the header names "b", the file "a.cypher"/],
    ['an undeclared parameter', q('a', 'RETURN $x'), /the header declares \[\] but the query uses \[x\]/],
    ['a declared parameter the query does not use', q('a', 'RETURN 1', '// param x: string — unused\n'), /declares \[x\] but the query uses \[\]/],
    ['an unknown type', q('a', 'RETURN $x', '// param x: float — x\n'), /unknown parameter type "float"/],
    ['an unknown mode', '// name: a\n// description: d\n// mode: admin\nRETURN 1', /unknown mode "admin"/],
  ])('refuses a file with %s', (_what, text, message) => {
    expect(() => new CypherCatalogue(folder({ 'a.cypher': text }))).toThrow(message);
  });

  it('every query file of the project has a header that matches its parameters', () => {
    const catalogue = new CypherCatalogue(CYPHER_QUERIES_DIR);
    expect(catalogue.list().length).toBeGreaterThan(40);
    for (const file of catalogue.list()) expect(file.description.length, file.name).toBeGreaterThan(10);
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
