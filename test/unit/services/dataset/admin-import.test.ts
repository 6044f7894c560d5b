import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeImportFiles } from '../../../../src/services/dataset/admin-import.js';

/** The CSV side of the neo4j-admin import: which column types, which files, what is left to Cypher. */
describe('writeImportFiles', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'import-files-'));
    dirs.push(d);
    return join(d, 'csv');
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  const stamp = { version: 'abc', files: ['entities.yaml'], reviewedOn: '2026-01-31' };
  const fileOf = (args: string[], prefix: string) => args.find((a) => a.startsWith(prefix))!.slice(prefix.length);

  it('types columns as the Cypher loader stores them: dates, integers, percentages as floats, lists', () => {
    const out = dir();
    const files = writeImportFiles(
      out,
      {
        // Keys in order, as graph-rows gives them.
        sources: [{ id: 's1', label: 'Source', props: { id: 's1', publishedOn: '2016-10-20', title: 'A "quoted" title' } }],
        nodes: [
          { id: 'nissan', label: 'Company', props: { aliases: ['日産', 'NML'], employees: 131461, foundedOn: '1933-12-26', id: 'nissan', name: 'Nissan' } },
          { id: 'renault', label: 'Company', props: { aliases: [], foundedOn: '1899', id: 'renault', name: 'Renault' } },
        ],
        relationships: [{ id: 'r1', type: 'HOLDS_STAKE', from: 'renault', to: 'nissan', props: { equityPercent: 43, id: 'r1', validFrom: '2016-10-20' } }],
      },
      stamp,
    );
    expect(files).toMatchObject({ nodes: 4, relationships: 1 });
    expect(files.args.slice(0, 2)).toEqual(['--array-delimiter=U+001F', '--id-type=INTEGER']);
    const source = readFileSync(fileOf(files.args, '--nodes=Source='), 'utf8').split('\n');
    // Integer import ids (the importer maps them faster); the node's own id is its id property.
    expect(source[0]).toBe(':ID(Source),id:string,publishedOn:date,title:string');
    expect(source[1]).toBe('0,"s1","2016-10-20","A ""quoted"" title"');
    // Renault's founding year is not a calendar day: a string, so its row goes to a second Company file.
    const companies = files.args.filter((a) => a.startsWith('--nodes=Entity:Company='));
    expect(companies).toHaveLength(2);
    const [first, second] = companies.map((a) => readFileSync(a.slice('--nodes=Entity:Company='.length), 'utf8').split('\n'));
    expect(first![0]).toBe(':ID(Entity),id:string,aliases:string[],employees:long,foundedOn:date,name:string');
    expect(first![1]).toBe('0,"nissan","日産\u001fNML",131461,"1933-12-26","Nissan"');
    expect(second![0]).toBe(':ID(Entity),id:string,foundedOn:string,name:string');
    expect(second![1]).toBe('1,"renault","1899","Renault"');
    const stake = readFileSync(fileOf(files.args, '--relationships=HOLDS_STAKE='), 'utf8').split('\n');
    expect(stake[0]).toBe(':START_ID(Entity),:END_ID(Entity),equityPercent:double,id:string,validFrom:date');
    expect(stake[1]).toBe('1,0,43,"r1","2016-10-20"');
    // The stamp's review day is a parameter of the Cypher loader, stored as a string.
    const dataset = readFileSync(fileOf(files.args, '--nodes=Dataset='), 'utf8').split('\n');
    expect(dataset[0]).toBe(':ID(Dataset),id:string,version:string,files:string[],reviewedOn:string');
    expect(dataset[1]).toBe('0,"current","abc","entities.yaml","2026-01-31"');
    // Every Company has aliases, so Renault's empty list is filled in for the label at once.
    expect(files.followUp).toEqual({
      emptyNodeLists: [{ label: 'Company', key: 'aliases', nodes: 1 }],
      emptyRelationshipLists: [],
      nodes: [],
      relationships: [],
    });
  });

  it('leaves to Cypher, row by row, what a cell cannot hold', () => {
    const files = writeImportFiles(
      dir(),
      {
        sources: [],
        nodes: [
          { id: 'a', label: 'Company', props: { id: 'a', name: 'A', identifierExchanges: [''], description: 'two\nlines' } },
          { id: 'b', label: 'Company', props: { id: 'b', name: 'B', changes: [] } },
        ],
        relationships: [{ id: 'r', type: 'HOLDS_STAKE', from: 'a', to: 'b', props: { id: 'r', note: 'x\r\ny' } }],
      },
      { ...stamp, reviewedOn: null },
    );
    expect(files.followUp.nodes).toEqual([
      { space: 'Entity', id: 'a', props: { identifierExchanges: [''], description: 'two\nlines' } },
      // Not every Company has `changes`: the empty list cannot be filled in for the whole label.
      { space: 'Entity', id: 'b', props: { changes: [] } },
    ]);
    expect(files.followUp.relationships).toEqual([{ id: 'r', from: 'a', to: 'b', props: { note: 'x\r\ny' } }]);
    expect(files.followUp.emptyNodeLists).toEqual([]);
  });

  it('stops at an endpoint that names no node, or a node id given twice, as the importer would', () => {
    const company = (id: string) => ({ id, label: 'Company', props: { id, name: id } });
    const stake = { id: 'r', type: 'HOLDS_STAKE', from: 'a', to: 'ghost', props: { id: 'r' } };
    expect(() => writeImportFiles(dir(), { sources: [], nodes: [company('a')], relationships: [stake] }, stamp)).toThrow(
      'relationship r (HOLDS_STAKE) names no node "ghost"',
    );
    expect(() => writeImportFiles(dir(), { sources: [], nodes: [company('a'), company('a')], relationships: [] }, stamp)).toThrow(
      'Entity id "a" is given twice',
    );
  });
});
