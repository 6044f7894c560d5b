import type { Plain } from '../../db/values.js';
import { transliterate } from '../../lib/name-folding.js';
import type { NodeRow, RelationshipRow } from '../../repositories/dataset-repository.js';
import type { Dataset, DatasetIdentifier, DatasetName, DatasetNode, DatasetRelationship, DatasetShareCapital, DatasetSource } from '../../schemas/dataset.js';
import { stakeSegments, storedVotingPercent, type LedgerSegment } from '../ownership/share-ledger.js';

export type { NodeRow, RelationshipRow };

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Neo4j properties cannot hold maps, so nested objects flatten with camel-cased prefixes
 * ({investment: {amount}} → investmentAmount). Nulls and undefined are dropped: absence is null.
 */
export function flattenProperties(input: Record<string, unknown>, prefix = '', out: Record<string, Plain> = {}): Record<string, Plain> {
  // Written into one object, not merged from one per level: a million-company dataset makes millions of rows.
  for (const key in input) {
    const value = input[key];
    if (value === null || value === undefined) continue;
    const name = prefix ? `${prefix}${capitalise(key)}` : key;
    if (typeof value === 'object' && !Array.isArray(value)) flattenProperties(value as Record<string, unknown>, name, out);
    else out[name] = value as Plain;
  }
  return out;
}

function sortedKeys(props: Record<string, Plain>): Record<string, Plain> {
  const out: Record<string, Plain> = {};
  for (const key of Object.keys(props).sort()) out[key] = props[key]!;
  return out;
}

export function sourceRow(source: DatasetSource): NodeRow {
  return { id: source.id, label: 'Source', props: sortedKeys(flattenProperties(source)) };
}

/**
 * Names and identifiers live in their own files but are stored on the entity they belong to, as parallel lists
 * (Neo4j properties cannot hold maps): otherNames[i] is in otherNameLanguages[i], cited by otherNameSources[i]
 * (source ids joined by spaces). identifierKeys ("scheme:value") answer lookups by identifier; foldedNames holds
 * Latin readings of names in other scripts for the full-text index.
 */
function nameAndIdentifierProperties(node: DatasetNode, names: DatasetName[], identifiers: DatasetIdentifier[]): Record<string, Plain> {
  const props: Record<string, Plain> = {};
  if (names.length > 0) {
    props.otherNames = names.map((n) => n.name);
    props.otherNameLanguages = names.map((n) => n.language);
    props.otherNameKinds = names.map((n) => n.kind);
    props.otherNameSources = names.map((n) => n.sources.join(' '));
  }
  if (identifiers.length > 0) {
    props.identifierSchemes = identifiers.map((i) => i.scheme);
    props.identifierValues = identifiers.map((i) => i.value);
    props.identifierExchanges = identifiers.map((i) => i.exchange ?? '');
    props.identifierSources = identifiers.map((i) => i.sources.join(' '));
    props.identifierKeys = identifiers.map((i) => `${i.scheme}:${i.value}`);
  }
  const readings = [...new Set([node.name, ...node.aliases, ...names.map((n) => n.name)].map(transliterate).filter((t): t is string => t !== null))];
  if (readings.length > 0) props.foldedNames = readings;
  return props;
}

/**
 * Neo4j cannot store a list of maps, so a claim's citations (quotes beside source ids) are kept as one
 * JSON string property, read back by the API for include=sources.
 */
function withCitations(props: Record<string, Plain>, citations: unknown[] | undefined): Record<string, Plain> {
  return citations && citations.length > 0 ? { ...props, citations: JSON.stringify(citations) } : props;
}

export function nodeRow(node: DatasetNode, names: DatasetName[] = [], identifiers: DatasetIdentifier[] = []): NodeRow {
  const { label, citations, ...rest } = node;
  return {
    id: node.id,
    label,
    props: sortedKeys({ ...withCitations(flattenProperties(rest), citations), ...nameAndIdentifierProperties(node, names, identifiers) }),
  };
}

/**
 * A stake with a share count carries its ledger segments as parallel lists (ledgerTo '' = open): the answers
 * pick the segment in force on the asked day without reading the capital records again.
 */
function ledgerProperties(segments: LedgerSegment[]): Record<string, Plain> {
  if (segments.length === 0) return {};
  return {
    ledgerFrom: segments.map((s) => s.from),
    ledgerTo: segments.map((s) => s.to ?? ''),
    ledgerCapital: segments.map((s) => s.capital),
    ledgerSharesIssued: segments.map((s) => s.sharesIssued),
    ledgerIssuedPercent: segments.map((s) => s.issuedPercent),
    ledgerVotingPercent: segments.map((s) => storedVotingPercent(s.votingPercent)),
  };
}

export function relationshipRow(relationship: DatasetRelationship, capital: readonly DatasetShareCapital[] = []): RelationshipRow {
  const { type, from, to, citations, ...rest } = relationship;
  const ledger = relationship.type === 'HOLDS_STAKE' ? ledgerProperties(stakeSegments(relationship, capital)) : {};
  return { id: relationship.id, type, from, to, props: sortedKeys({ ...withCitations(flattenProperties(rest), citations), ...ledger }) };
}

/** A company's share capital records, kept whole (with their quotes) as one JSON property of the company. */
function capitalProperties(records: DatasetShareCapital[] | undefined): Record<string, Plain> {
  if (!records || records.length === 0) return {};
  const sorted = [...records].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
  return { shareCapital: JSON.stringify(sorted.map(({ company: _c, ...r }) => r)) };
}

function groupBy<T extends { entity: string }>(items: T[] = []): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(item.entity, [...(out.get(item.entity) ?? []), item]);
  return out;
}

export function datasetRows(dataset: Dataset) {
  const names = groupBy(dataset.names);
  const identifiers = groupBy(dataset.identifiers);
  const capital = dataset.shareCapital ?? [];
  const capitalOf = new Map<string, DatasetShareCapital[]>();
  for (const c of capital) capitalOf.set(c.company, [...(capitalOf.get(c.company) ?? []), c]);
  return {
    sources: dataset.sources.map(sourceRow),
    nodes: dataset.nodes.map((n) => {
      const row = nodeRow(n, names.get(n.id), identifiers.get(n.id));
      const extra = capitalProperties(capitalOf.get(n.id));
      return Object.keys(extra).length > 0 ? { ...row, props: sortedKeys({ ...row.props, ...extra }) } : row;
    }),
    relationships: dataset.relationships.map((r) => relationshipRow(r, capitalOf.get(r.to) ?? [])),
  };
}
