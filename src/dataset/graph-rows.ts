import type { Plain } from '../lib/neo4j-values.js';
import type { Dataset, DatasetNode, DatasetRelationship, DatasetSource } from '../schemas/dataset.js';

/** A node or relationship as the graph stores it: flat properties, plain values, nulls dropped. */
export interface NodeRow {
  id: string;
  label: string;
  props: Record<string, Plain>;
}

export interface RelationshipRow {
  id: string;
  type: string;
  from: string;
  to: string;
  props: Record<string, Plain>;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Neo4j properties cannot hold maps, so nested objects flatten with camel-cased prefixes
 * ({investment: {amount}} → investmentAmount). Nulls and undefined are dropped: absence is null.
 */
export function flattenProperties(input: Record<string, unknown>, prefix = ''): Record<string, Plain> {
  const out: Record<string, Plain> = {};
  for (const [key, value] of Object.entries(input)) {
    const name = prefix ? `${prefix}${capitalise(key)}` : key;
    if (value === null || value === undefined) continue;
    if (typeof value === 'object' && !Array.isArray(value)) Object.assign(out, flattenProperties(value as Record<string, unknown>, name));
    else out[name] = value as Plain;
  }
  return out;
}

function sortedKeys(props: Record<string, Plain>): Record<string, Plain> {
  return Object.fromEntries(Object.keys(props).sort().map((k) => [k, props[k]!]));
}

export function sourceRow(source: DatasetSource): NodeRow {
  return { id: source.id, label: 'Source', props: sortedKeys(flattenProperties(source)) };
}

/**
 * Neo4j cannot store a list of maps, so a claim's citations (quotes beside source ids) are kept as one
 * JSON string property, read back by the API for include=sources.
 */
function withCitations(props: Record<string, Plain>, citations: unknown[] | undefined): Record<string, Plain> {
  return citations && citations.length > 0 ? { ...props, citations: JSON.stringify(citations) } : props;
}

export function nodeRow(node: DatasetNode): NodeRow {
  const { label, citations, ...rest } = node;
  return { id: node.id, label, props: sortedKeys(withCitations(flattenProperties(rest), citations)) };
}

export function relationshipRow(relationship: DatasetRelationship): RelationshipRow {
  const { type, from, to, citations, ...rest } = relationship;
  return { id: relationship.id, type, from, to, props: sortedKeys(withCitations(flattenProperties(rest), citations)) };
}

export function datasetRows(dataset: Dataset) {
  return {
    sources: dataset.sources.map(sourceRow),
    nodes: dataset.nodes.map(nodeRow),
    relationships: dataset.relationships.map(relationshipRow),
  };
}
