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
// biome-ignore lint/suspicious/noControlCharactersInRegex: the unit separator is the array delimiter this finds on purpose
const NEEDS_CYPHER = /[\r\n\u001f]/;

export interface ImportFiles {
  /** The import arguments (--nodes=…, --relationships=…, --array-delimiter=…, --id-type=…) naming the files written. */
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

const quote = (s: string) => `"${s.includes('"') ? s.replaceAll('"', '""') : s}"`;

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

/** Buffered writes of one CSV file. */
class CsvFile {
  private readonly fd: number;
  private buffer = '';
  bytes = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  line(text: string): void {
    this.buffer += `${text}\n`;
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

/** The files of one kind (a node's labels, a relationship's type): one per set of columns, written as rows come. */
class Kind {
  rows = 0;
  /** How many rows have each key, and how many of them with an empty list. */
  readonly keyRows = new Map<string, number>();
  readonly emptyRows = new Map<string, number>();
  /** By the row's columns and their types. */
  readonly files = new Map<string, CsvFile>();

  constructor(
    readonly option: 'nodes' | 'relationships',
    readonly name: string,
    readonly idHeader: string,
  ) {}
}

/** A row with a value left to Cypher, kept to work out its follow-up once every row has been seen. */
interface Pending {
  kind: Kind;
  props: Record<string, Plain>;
  typed: boolean;
  skip: string;
  target: Omit<NodeFollowUp, 'props'> | Omit<RelationshipFollowUp, 'props'>;
}

/** The rows to write (datasetRows). */
export interface ImportRows {
  sources: Iterable<NodeRow>;
  nodes: Iterable<NodeRow>;
  relationships: Iterable<RelationshipRow>;
}

/**
 * Writes the rows as CSV files into `dir` (emptied first) in one pass, each row into the file of its kind
 * (labels or relationship type) and columns, the header on each file's first line; what a cell cannot hold
 * is returned as the follow-up for Cypher.
 *
 * Nodes are given integer import ids (--id-type=INTEGER), each node's own id stored as its `id` property:
 * the importer maps integers much faster than strings (its relationship stage took 5.5 s for 917k
 * relationships with string ids, 3.3 s with integers). An endpoint that names no node, or a node id given
 * twice, stops the writing, as the importer's --bad-tolerance=0 would.
 */
export function writeImportFiles(dir: string, rows: ImportRows, stamp: DatasetStamp): ImportFiles {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const kinds = new Map<string, Kind>();
  const kindOf = (option: Kind['option'], name: string, idHeader: string) => {
    const key = `${option}:${name}`;
    let kind = kinds.get(key);
    if (!kind) {
      kind = new Kind(option, name, idHeader);
      kinds.set(key, kind);
    }
    return kind;
  };
  const args = [`--array-delimiter=U+${ARRAY_DELIMITER.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`, '--id-type=INTEGER'];
  let files = 0;
  const pending: Pending[] = [];

  /** Writes one row's cells; true when some value is left to Cypher. */
  const writeRow = (kind: Kind, idCells: string, props: Record<string, Plain>, typed: boolean, skip: string): boolean => {
    kind.rows += 1;
    let signature = '';
    let line = idCells;
    let later = false;
    for (const key in props) {
      const value = props[key]!;
      if (value === null || key === skip) continue;
      kind.keyRows.set(key, (kind.keyRows.get(key) ?? 0) + 1);
      const type = cellType(key, value, typed);
      if (type === 'empty-list') {
        kind.emptyRows.set(key, (kind.emptyRows.get(key) ?? 0) + 1);
        later = true;
      } else if (type === null) later = true;
      else {
        signature += `,${key}:${type}`;
        line += `,${cellText(type, value)}`;
      }
    }
    let file = kind.files.get(signature);
    if (!file) {
      files += 1;
      file = new CsvFile(join(dir, `${kind.option}-${String(files).padStart(4, '0')}.csv`));
      file.line(`${kind.idHeader}${signature}`);
      kind.files.set(signature, file);
      args.push(`--${kind.option}=${kind.name}=${file.path}`);
    }
    file.line(line);
    return later;
  };
  /** Import ids by id space; an entity's is what its relationships' endpoints are written as. */
  const importIds = new Map<IdSpace, Map<string, number>>();
  let nodes = 0;
  const addNode = (space: IdSpace, labels: string, row: { id: string; props: Record<string, Plain> }, typed: boolean) => {
    let ids = importIds.get(space);
    if (!ids) {
      ids = new Map();
      importIds.set(space, ids);
    }
    if (ids.has(row.id)) throw new Error(`${space} id "${row.id}" is given twice`);
    ids.set(row.id, ids.size);
    nodes += 1;
    const kind = kindOf('nodes', labels, `:ID(${space}),id:string`);
    if (writeRow(kind, `${ids.size - 1},${quote(row.id)}`, row.props, typed, 'id')) {
      pending.push({ kind, props: row.props, typed, skip: 'id', target: { space, id: row.id } });
    }
  };
  for (const s of rows.sources) addNode('Source', 'Source', s, true);
  for (const n of rows.nodes) addNode('Entity', `Entity:${n.label}`, n, true);
  // The stamp's values are parameters of seed-stamp-dataset, stored as they are (reviewedOn stays a string).
  addNode('Dataset', 'Dataset', { id: 'current', props: { id: 'current', version: stamp.version, files: stamp.files, reviewedOn: stamp.reviewedOn } }, false);
  const entities = importIds.get('Entity') ?? new Map<string, number>();
  const endpoint = (r: RelationshipRow, id: string) => {
    const found = entities.get(id);
    if (found === undefined) throw new Error(`relationship ${r.id} (${r.type}) names no node "${id}"`);
    return found;
  };
  let relationships = 0;
  for (const r of rows.relationships) {
    relationships += 1;
    const kind = kindOf('relationships', r.type, ':START_ID(Entity),:END_ID(Entity)');
    if (writeRow(kind, `${endpoint(r, r.from)},${endpoint(r, r.to)}`, r.props, true, '')) {
      pending.push({ kind, props: r.props, typed: true, skip: '', target: { id: r.id, from: r.from, to: r.to } });
    }
  }
  let bytes = 0;
  for (const kind of kinds.values()) {
    for (const file of kind.files.values()) {
      file.close();
      bytes += file.bytes;
    }
  }

  // An empty list of a key that every row of the kind has is filled in for the whole label (or type) at once:
  // after the import, exactly the rows with the empty list lack it. Otherwise, row by row.
  const followUp: ImportFollowUp = { emptyNodeLists: [], emptyRelationshipLists: [], nodes: [], relationships: [] };
  const labelWide = (kind: Kind, key: string) => kind.keyRows.get(key) === kind.rows;
  for (const kind of kinds.values()) {
    for (const [key, count] of kind.emptyRows) {
      if (!labelWide(kind, key)) continue;
      if (kind.option === 'nodes') followUp.emptyNodeLists.push({ label: kind.name.split(':').at(-1)!, key, nodes: count });
      else followUp.emptyRelationshipLists.push({ type: kind.name, key, relationships: count });
    }
  }
  for (const item of pending) {
    const props: Record<string, Plain> = {};
    for (const [key, value] of Object.entries(item.props)) {
      if (value === null || key === item.skip) continue;
      const type = cellType(key, value, item.typed);
      if (type === null || (type === 'empty-list' && !labelWide(item.kind, key))) props[key] = value;
    }
    if (Object.keys(props).length === 0) continue;
    if ('space' in item.target) followUp.nodes.push({ ...item.target, props });
    else followUp.relationships.push({ ...item.target, props });
  }
  return { args, followUp, nodes, relationships, files, bytes };
}
