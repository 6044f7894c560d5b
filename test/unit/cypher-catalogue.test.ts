import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CypherCatalogue, declaredSchemaNames, splitStatements } from '../../src/lib/cypher-catalogue.js';
import { CYPHER_SCHEMA_DIR } from '../../src/paths.js';

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
    const catalogue = new CypherCatalogue(folder({ 'a.cypher': 'RETURN 1\n', 'sub/b.cypher': 'RETURN 2', 'notes.txt': 'x' }));
    expect(catalogue.list().map((f) => [f.name, f.file, f.text])).toEqual([
      ['a', 'a.cypher', 'RETURN 1'],
      ['b', 'sub/b.cypher', 'RETURN 2'],
    ]);
  });

  it('throws on a missing file, naming it', () => {
    const catalogue = new CypherCatalogue(folder({ 'a.cypher': 'RETURN 1' }));
    expect(() => catalogue.take('missing-query')).toThrow(/Missing Cypher file "missing-query.cypher"/);
  });

  it('reports files nobody took', () => {
    const catalogue = new CypherCatalogue(folder({ 'a.cypher': 'RETURN 1', 'b.cypher': 'RETURN 2' }));
    catalogue.take('a');
    expect(catalogue.unused()).toEqual(['b']);
  });

  it('refuses two files with the same name in different folders', () => {
    expect(() => new CypherCatalogue(folder({ 'x/a.cypher': 'RETURN 1', 'y/a.cypher': 'RETURN 2' }))).toThrow(/Two Cypher files are named "a"/);
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
