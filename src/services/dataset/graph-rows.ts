import type { Plain } from '../../db/values.js';
import type { NodeRow, RelationshipRow } from '../../repositories/dataset-repository.js';
import type { Dataset, DatasetNode, DatasetRelationship, DatasetSource } from '../../schemas/dataset.js';

export type { NodeRow, RelationshipRow };

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

export function nodeRow(node: DatasetNode): NodeRow {
  const { label, ...rest } = node;
  return { id: node.id, label, props: sortedKeys(flattenProperties(rest)) };
}

export function relationshipRow(relationship: DatasetRelationship): RelationshipRow {
  const { type, from, to, ...rest } = relationship;
  return { id: relationship.id, type, from, to, props: sortedKeys(flattenProperties(rest)) };
}

export function datasetRows(dataset: Dataset) {
  return {
    sources: dataset.sources.map(sourceRow),
    nodes: dataset.nodes.map(nodeRow),
    relationships: dataset.relationships.map(relationshipRow),
  };
}
