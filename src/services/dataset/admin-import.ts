import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { storedKind, type Plain } from '../../db/values.js';
import type { DatasetStamp, ImportFollowUp, NodeFollowUp, NodeRow, RelationshipFollowUp, RelationshipRow } from '../../repositories/dataset-repository.js';

/**
 * The rows a bulk load writes, as CSV files for `neo4j-admin database import full`: the same nodes, labels,
 * properties (with the same stored types, see storedKind), relationships and Dataset stamp as
 * DatasetRepository.bulkLoadIntoEmptyGraph. What a CSV cell cannot hold is left to Cypher after the import
 * (see ImportFollowUp): the importer drops empty lists, reads a one-element list of "" as no value, and
 * splits list elements on the array delimiter.
 */

/** The importer's column types this loader uses. */
type CsvType = 'string' | 'long' | 'double' | 'boolean' | 'date' | 'string[]' | 'double[]' | 'boolean[]';

type IdSpace = NodeFollowUp['space'];

/** Unit separator: no name, alias or identifier holds it, unlike ";" (the importer's default). */
const ARRAY_DELIMITER = '\u001f';
const NEEDS_CYPHER = /[\r\n\u001f]/;

export interface ImportFiles {
  /** The import arguments (--nodes=…, --relationships=…, --array-delimiter=…) naming the files written. */
  args: string[];
  followUp: ImportFollowUp;
  nodes: number;
  relationships: number;
  files: number;
  bytes: number;
}

type Cell = CsvType | 'empty-list' | null;

/** The CSV type of a value as the Cypher loader would store it; 'empty-list' and null (other) go to Cypher. */
function cellType(key: string, value: Plain, typed: boolean): Cell {
  const kind = typed ? storedKind(key, value) : 'as-is';
  if (kind === 'date') return 'date';
  if (kind === 'integer') return Number.isSafeInteger(value) ? 'long' : null;
  if (typeof value === 'string') return NEEDS_CYPHER.test(value) ? null : 'string';
  if (typeof value === 'number') return Number.isFinite(value) ? 'double' : null;
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) {
    if (value.length === 0) return 'empty-list';
    if (value.every((v) => typeof v === 'string')) {
      // [""] would be an empty cell, which the importer reads as no value.
      if (value.length === 1 && value[0] === '') return null;
      return value.some((v) => NEEDS_CYPHER.test(v as string)) ? null : 'string[]';
    }
    // The driver sends JavaScript numbers as FLOAT, in lists too.
    if (value.every((v) => typeof v === 'number' && Number.isFinite(v))) return 'double[]';
    if (value.every((v) => typeof v === 'boolean')) return 'boolean[]';
  }
  return null;
}

const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;

function cellText(type: CsvType, value: Plain): string {
  switch (type) {
    case 'string':
    case 'date':
      return quote(value as string);
    case 'string[]':
      return quote((value as string[]).join(ARRAY_DELIMITER));
    case 'double[]':
    case 'boolean[]':
      return (value as (number | boolean)[]).join(ARRAY_DELIMITER);
    default:
      return String(value);
  }
}

/** One input row: the id columns, then the properties the CSV holds. */
interface Entry {
  idCells: string[];
  props: Record<string, Plain>;
}

type Group = { columns: Map<string, CsvType>; entries: Entry[] };

/** Rows of one kind (a node's labels, a relationship's type), split into groups whose columns agree on types. */
class Kind {
  readonly groups: Group[] = [];
  /** The group of each set of columns seen (most rows share a few). */
  private readonly bySignature = new Map<string, Group>();
  rows = 0;
  /** How many rows have each key, and how many of them with an empty list. */
  readonly keyRows = new Map<string, number>();
  readonly emptyRows = new Map<string, number>();

  constructor(
    readonly option: 'nodes' | 'relationships',
    readonly name: string,
    readonly idHeader: string[],
  ) {}

  add(entry: Entry, columns: [string, CsvType][]): void {
    this.rows += 1;
    const signature = columns.map(([k, t]) => `${k}:${t}`).join(',');
    let group = this.bySignature.get(signature);
    if (!group) {
      group = this.groups.find((g) => columns.every(([k, t]) => (g.columns.get(k) ?? t) === t));
      if (!group) {
        group = { columns: new Map(), entries: [] };
        this.groups.push(group);
      }
      for (const [k, t] of columns) group.columns.set(k, t);
      this.bySignature.set(signature, group);
    }
    group.entries.push(entry);
  }
}

/**
 * Splits the rows into CSV cells, the empty lists to fill in by label or type, and the few values that go to
 * Cypher row by row.
 */
function planRows(rows: { sources: NodeRow[]; nodes: NodeRow[]; relationships: RelationshipRow[] }, stamp: DatasetStamp) {
  const kinds = new Map<string, Kind>();
  const followUp: ImportFollowUp = { emptyNodeLists: [], emptyRelationshipLists: [], nodes: [], relationships: [] };
  const kindOf = (option: Kind['option'], name: string, idHeader: string[]) => {
    const key = `${option}:${name}`;
    let kind = kinds.get(key);
    if (!kind) kinds.set(key, (kind = new Kind(option, name, idHeader)));
    return kind;
  };
  const split = (kind: Kind, props: Record<string, Plain>, typed: boolean, skip: string) => {
    const csv: Record<string, Plain> = {};
    const columns: [string, CsvType][] = [];
    const later: Record<string, Plain> = {};
    for (const [key, value] of Object.entries(props)) {
      if (value === null || key === skip) continue;
      kind.keyRows.set(key, (kind.keyRows.get(key) ?? 0) + 1);
      const type = cellType(key, value, typed);
      if (type === 'empty-list') {
        kind.emptyRows.set(key, (kind.emptyRows.get(key) ?? 0) + 1);
        later[key] = value;
      } else if (type === null) later[key] = value;
      else {
        csv[key] = value;
        columns.push([key, type]);
      }
    }
    return { csv, columns, later };
  };
  const emptyListsByRow: { kind: Kind; later: Record<string, Plain>; followUp: () => NodeFollowUp | RelationshipFollowUp }[] = [];
  const addNode = (space: IdSpace, labels: string, row: { id: string; props: Record<string, Plain> }, typed: boolean) => {
    const kind = kindOf('nodes', labels, [`id:ID(${space})`]);
    const { csv, columns, later } = split(kind, row.props, typed, 'id');
    kind.add({ idCells: [quote(row.id)], props: csv }, columns);
    if (Object.keys(later).length > 0) emptyListsByRow.push({ kind, later, followUp: () => ({ space, id: row.id, props: later }) });
  };
  for (const s of rows.sources) addNode('Source', 'Source', s, true);
  for (const n of rows.nodes) addNode('Entity', `Entity:${n.label}`, n, true);
  // The stamp's values are parameters of seed-stamp-dataset, stored as they are (reviewedOn stays a string).
  const stampProps: Record<string, Plain> = { id: 'current', version: stamp.version, files: stamp.files, reviewedOn: stamp.reviewedOn };
  addNode('Dataset', 'Dataset', { id: 'current', props: stampProps }, false);
  for (const r of rows.relationships) {
    const kind = kindOf('relationships', r.type, [':START_ID(Entity)', ':END_ID(Entity)']);
    const { csv, columns, later } = split(kind, r.props, true, '');
    kind.add({ idCells: [quote(r.from), quote(r.to)], props: csv }, columns);
    if (Object.keys(later).length > 0) emptyListsByRow.push({ kind, later, followUp: () => ({ id: r.id, from: r.from, to: r.to, props: later }) });
  }

  // An empty list of a key that every row of the kind has is filled in for the whole label (or type) at once:
  // after the import, exactly the rows with the empty list lack it. Otherwise, row by row.
  const labelWide = (kind: Kind, key: string) => kind.keyRows.get(key) === kind.rows;
  for (const kind of kinds.values()) {
    for (const [key, count] of kind.emptyRows) {
      if (!labelWide(kind, key)) continue;
      if (kind.option === 'nodes') followUp.emptyNodeLists.push({ label: kind.name.split(':').at(-1)!, key, nodes: count });
      else followUp.emptyRelationshipLists.push({ type: kind.name, key, relationships: count });
    }
  }
  for (const item of emptyListsByRow) {
    const props = Object.fromEntries(
      Object.entries(item.later).filter(([key, value]) => !(Array.isArray(value) && value.length === 0 && labelWide(item.kind, key))),
    );
    if (Object.keys(props).length === 0) continue;
    const one = { ...item.followUp(), props };
    if ('space' in one) followUp.nodes.push(one);
    else followUp.relationships.push(one);
  }
  return { kinds: [...kinds.values()], followUp };
}

/** Buffered writes of one CSV file. */
class CsvFile {
  private readonly fd: number;
  private buffer = '';
  bytes = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  line(cells: string[]): void {
    this.buffer += `${cells.join(',')}\n`;
    if (this.buffer.length >= 1 << 20) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    this.bytes += writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/**
 * Writes the rows as CSV files into `dir` (emptied first), one file per node kind or relationship type and
 * set of column types, the header on each file's first line.
 */
export function writeImportFiles(
  dir: string,
  rows: { sources: NodeRow[]; nodes: NodeRow[]; relationships: RelationshipRow[] },
  stamp: DatasetStamp,
): ImportFiles {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const { kinds, followUp } = planRows(rows, stamp);
  const args = [`--array-delimiter=U+${ARRAY_DELIMITER.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`];
  let files = 0;
  let bytes = 0;
  for (const kind of kinds) {
    for (const group of kind.groups) {
      const columns = [...group.columns].sort(([a], [b]) => (a < b ? -1 : 1));
      const file = new CsvFile(join(dir, `${kind.option}-${String((files += 1)).padStart(4, '0')}.csv`));
      file.line([...kind.idHeader, ...columns.map(([key, type]) => `${key}:${type}`)]);
      for (const entry of group.entries) {
        const cells = [...entry.idCells];
        for (const [key, type] of columns) {
          const value = entry.props[key];
          cells.push(value === undefined ? '' : cellText(type, value));
        }
        file.line(cells);
      }
      file.close();
      bytes += file.bytes;
      args.push(`--${kind.option}=${kind.name}=${file.path}`);
    }
  }
  return {
    args,
    followUp,
    nodes: rows.sources.length + rows.nodes.length + 1,
    relationships: rows.relationships.length,
    files,
    bytes,
  };
}
