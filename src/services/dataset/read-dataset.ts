import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import {
  DatasetFileSchema,
  ENDPOINTS,
  type Citation,
  type Dataset,
  type DatasetIdentifier,
  type DatasetName,
  type DatasetNode,
  type DatasetRelationship,
  type DatasetShareCapital,
  type DatasetSource,
} from '../../schemas/dataset.js';

export interface DatasetIssue {
  file: string;
  path: string;
  message: string;
}

/** A dataset that cannot be loaded; nothing of it reaches the graph. */
export class DatasetError extends Error {
  constructor(readonly issues: DatasetIssue[]) {
    super(
      `The dataset is invalid (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
        issues.map((i) => `  ${i.file}${i.path ? ` at ${i.path}` : ''}: ${i.message}`).join('\n'),
    );
    this.name = 'DatasetError';
  }
}

const DATASET_FILE = /\.(ya?ml|json)$/;

function listFiles(dir: string): string[] {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new DatasetError([{ file: dir, path: '', message: 'no such dataset folder' }]);
  }
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && DATASET_FILE.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function formatPath(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

interface Located<T> {
  item: T;
  file: string;
  path: string;
}

/** Sorts keys recursively so equal content always hashes equal, whatever the file order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * A claim's `sources` may mix plain ids and {id, quote, readOn} citations. The graph and the API keep
 * `sources` as ids (as before), and the quotes travel beside them in `citations` (absent when none).
 */
export function normaliseCitations<T extends { sources: (string | Citation)[] }>(item: T): Omit<T, 'sources'> & { sources: string[]; citations?: Citation[] } {
  const citations = item.sources.filter((s): s is Citation => typeof s !== 'string');
  // A source quoted twice for one claim is still one source of it.
  const sources = [...new Set(item.sources.map((s) => (typeof s === 'string' ? s : s.id)))];
  const { sources: _raw, ...rest } = item;
  return citations.length > 0 ? { ...rest, sources, citations } : { ...rest, sources };
}

/**
 * Reads every .yaml/.yml/.json file below `dir`, validates each against the dataset schema and the
 * whole for references (unknown ids, unknown sources, wrong endpoint labels, duplicate ids, reversed
 * periods). Throws DatasetError listing file, path and reason for every problem.
 *
 * `parsed`, when given, keeps each file's parse by its text: a caller that reads many variants of one
 * dataset (the malformed-dataset tests read dozens of copies that differ in one file) parses only what
 * changed. The parse is never mutated (validation builds new objects), so sharing it is safe.
 */
export function readDataset(dir: string, parsed?: Map<string, unknown>): Dataset {
  const issues: DatasetIssue[] = [];
  const sources: Located<DatasetSource>[] = [];
  const nodes: Located<DatasetNode>[] = [];
  const relationships: Located<DatasetRelationship>[] = [];
  const names: Located<DatasetName>[] = [];
  const identifiers: Located<DatasetIdentifier>[] = [];
  const capital: Located<DatasetShareCapital>[] = [];
  const reviewed: Located<{ id: string; reviewedOn: string }>[] = [];
  const files = listFiles(dir);
  if (files.length === 0) throw new DatasetError([{ file: dir, path: '', message: 'no .yaml, .yml or .json files' }]);

  for (const path of files) {
    const file = relative(process.cwd(), path) || path;
    let raw: unknown;
    try {
      const text = readFileSync(path, 'utf8');
      const key = `${extname(path)}\n${text}`;
      raw = parsed?.get(key);
      if (raw === undefined) {
        raw = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { uniqueKeys: true });
        parsed?.set(key, raw);
      }
    } catch (error) {
      const message = error instanceof YAMLParseError || error instanceof SyntaxError ? error.message.split('\n')[0]! : String(error);
      issues.push({ file, path: '', message: `cannot be parsed: ${message}` });
      continue;
    }
    const checked = DatasetFileSchema.safeParse(raw ?? {});
    if (!checked.success) {
      for (const issue of checked.error.issues) issues.push({ file, path: formatPath(issue.path), message: issue.message });
      continue;
    }
    if (checked.data.dataset) reviewed.push({ item: { id: 'dataset', reviewedOn: checked.data.dataset.reviewedOn }, file, path: 'dataset' });
    for (const [i, item] of checked.data.sources.entries()) sources.push({ item, file, path: `sources[${i}]` });
    for (const [i, item] of checked.data.nodes.entries()) nodes.push({ item: normaliseCitations(item) as DatasetNode, file, path: `nodes[${i}]` });
    for (const [i, item] of checked.data.relationships.entries())
      relationships.push({ item: normaliseCitations(item) as DatasetRelationship, file, path: `relationships[${i}]` });
    for (const [i, item] of checked.data.names.entries()) names.push({ item, file, path: `names[${i}]` });
    for (const [i, item] of checked.data.identifiers.entries()) identifiers.push({ item, file, path: `identifiers[${i}]` });
    for (const [i, item] of checked.data.shareCapital.entries())
      capital.push({ item: normaliseCitations(item) as DatasetShareCapital, file, path: `shareCapital[${i}]` });
  }
  if (reviewed.length > 1) {
    issues.push({ file: reviewed[1]!.file, path: 'dataset', message: `the review date is stated twice (first in ${reviewed[0]!.file})` });
  }
  if (issues.length > 0) throw new DatasetError(issues);

  const firstSeen = new Map<string, Located<unknown>>();
  for (const entry of [...sources, ...nodes, ...relationships, ...capital]) {
    const previous = firstSeen.get(entry.item.id);
    if (previous) {
      issues.push({ file: entry.file, path: `${entry.path}.id`, message: `duplicate id "${entry.item.id}" (first in ${previous.file} at ${previous.path})` });
    } else firstSeen.set(entry.item.id, entry);
  }

  const sourceIds = new Set(sources.map((s) => s.item.id));
  const labelOf = new Map(nodes.map((n) => [n.item.id, n.item.label]));
  const checkSources = (entry: Located<{ sources: string[] }>) =>
    entry.item.sources.forEach((id, i) => {
      if (!sourceIds.has(id)) issues.push({ file: entry.file, path: `${entry.path}.sources[${i}]`, message: `unknown source "${id}"` });
    });
  const checkPeriod = (entry: Located<{ validFrom: string | null; validTo: string | null }>) => {
    const { validFrom, validTo } = entry.item;
    if (validFrom && validTo && validFrom >= validTo) {
      issues.push({ file: entry.file, path: `${entry.path}.validTo`, message: `validTo ${validTo} is not after validFrom ${validFrom}` });
    }
  };

  const relationshipType = new Map(relationships.map((r) => [r.item.id, r.item.type]));
  for (const entry of nodes) {
    checkSources(entry);
    checkPeriod(entry);
    if (entry.item.label === 'Event') {
      entry.item.changes.forEach((id, i) => {
        const type = relationshipType.get(id);
        if (type !== 'HOLDS_STAKE') {
          issues.push({
            file: entry.file,
            path: `${entry.path}.changes[${i}]`,
            message: type ? `"${id}" is a ${type}, not a HOLDS_STAKE` : `unknown relationship "${id}"`,
          });
        }
      });
    }
  }
  for (const entry of relationships) {
    const r = entry.item;
    checkSources(entry);
    checkPeriod(entry);
    const allowed = ENDPOINTS[r.type];
    for (const end of ['from', 'to'] as const) {
      const label = labelOf.get(r[end]);
      if (!label) issues.push({ file: entry.file, path: `${entry.path}.${end}`, message: `unknown node "${r[end]}"` });
      else if (!allowed[end].includes(label)) {
        issues.push({
          file: entry.file,
          path: `${entry.path}.${end}`,
          message: `${r.type} cannot ${end === 'from' ? 'start at' : 'end at'} a ${label} ("${r[end]}")`,
        });
      }
    }
    if (r.type === 'HOLDS_STAKE' && r.economicBeneficiary && !labelOf.has(r.economicBeneficiary)) {
      issues.push({ file: entry.file, path: `${entry.path}.economicBeneficiary`, message: `unknown node "${r.economicBeneficiary}"` });
    }
  }
  for (const entry of capital) {
    checkSources(entry);
    checkPeriod(entry);
    const label = labelOf.get(entry.item.company);
    if (label !== 'Company')
      issues.push({
        file: entry.file,
        path: `${entry.path}.company`,
        message: label ? `share capital belongs to a Company, not a ${label}` : `unknown node "${entry.item.company}"`,
      });
  }
  checkNamesAndIdentifiers(names, identifiers, labelOf, checkSources, issues);
  if (issues.length > 0) throw new DatasetError(issues);

  const byKey =
    <T>(key: (t: T) => string) =>
    (a: T, b: T) =>
      key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  const nameList = names.map((n) => n.item).sort(byKey((n) => `${n.entity}\u0000${n.name}`));
  const identifierList = identifiers.map((n) => n.item).sort(byKey((n) => `${n.entity}\u0000${n.scheme}\u0000${n.value}`));
  const capitalList = capital.map((c) => c.item).sort(byId);
  const content = {
    sources: sources.map((s) => s.item).sort(byId),
    nodes: nodes.map((n) => n.item).sort(byId),
    relationships: relationships.map((r) => r.item).sort(byId),
    // Only present when used, so that datasets without them keep their version.
    ...(nameList.length > 0 ? { names: nameList } : {}),
    ...(identifierList.length > 0 ? { identifiers: identifierList } : {}),
    ...(capitalList.length > 0 ? { shareCapital: capitalList } : {}),
  };
  const reviewedOn = reviewed[0]?.item.reviewedOn ?? null;
  // The review date is part of what was loaded: changing only it is a new version too.
  const hashed = reviewedOn ? { ...content, reviewedOn } : content;
  const version = createHash('sha256')
    .update(JSON.stringify(canonical(hashed)))
    .digest('hex');
  return { reviewedOn, ...content, version, files: files.map((f) => relative(dir, f)) };
}

/** Names and identifiers must belong to a known entity, cite known sources, and not repeat; an identifier names one entity. */
function checkNamesAndIdentifiers(
  names: Located<DatasetName>[],
  identifiers: Located<DatasetIdentifier>[],
  labelOf: Map<string, string>,
  checkSources: (entry: Located<{ sources: string[] }>) => void,
  issues: DatasetIssue[],
): void {
  const seen = new Map<string, Located<unknown>>();
  const once = (key: string, entry: Located<unknown>, what: string) => {
    const previous = seen.get(key);
    if (previous) issues.push({ file: entry.file, path: entry.path, message: `${what} is listed twice (first in ${previous.file} at ${previous.path})` });
    else seen.set(key, entry);
  };
  for (const entry of [...names, ...identifiers]) {
    checkSources(entry);
    if (!labelOf.has(entry.item.entity)) issues.push({ file: entry.file, path: `${entry.path}.entity`, message: `unknown node "${entry.item.entity}"` });
  }
  for (const entry of names) once(`name\u0000${entry.item.entity}\u0000${entry.item.name}`, entry, `the name "${entry.item.name}" of "${entry.item.entity}"`);
  for (const entry of identifiers) once(`id\u0000${entry.item.scheme}\u0000${entry.item.value}`, entry, `the ${entry.item.scheme} "${entry.item.value}"`);
}
