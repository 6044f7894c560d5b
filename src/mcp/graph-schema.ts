import { NodeSchema, RelationshipSchema, ENDPOINTS } from '../schemas/dataset.js';
import { NAME_PROPERTIES } from '../services/names/entity-names.js';

/**
 * The graph's schema for an agent writing Cypher, derived from the dataset's own zod schema (so it cannot drift):
 * labels and their properties, relationship types with their endpoints and properties, indexes and conventions.
 */
export function graphSchema() {
  const nodeLabels = NodeSchema.options.map((o) => ({
    label: o.shape.label.value,
    properties: Object.keys(o.shape).filter((k) => k !== 'label'),
  }));
  const relationshipTypes = RelationshipSchema.options.map((o) => {
    const type = o.shape.type.value;
    return { type, from: ENDPOINTS[type].from, to: ENDPOINTS[type].to, properties: Object.keys(o.shape).filter((k) => !['type', 'from', 'to'].includes(k)) };
  });
  return {
    nodeLabels: [...nodeLabels, { label: 'Source', properties: ['id', 'kind', 'title', 'publisher', 'author', 'url', 'publishedOn', 'language', 'note'] }],
    relationshipTypes,
    nameAndIdentifierProperties: NAME_PROPERTIES,
    fullTextIndexes: [
      { name: 'entity_names', analyzer: 'standard', properties: ['name', 'aliases'] },
      { name: 'entity_names_folded', analyzer: 'standard-folding', properties: ['name', 'aliases', 'otherNames', 'foldedNames'] },
      { name: 'entity_names_cjk', analyzer: 'cjk', properties: ['name', 'aliases', 'otherNames'] },
    ],
    conventions: [
      'Every domain node carries :Entity and a unique id; Source nodes carry :Source.',
      'Facts are dated: validFrom is the first day a fact holds, validTo the first day it no longer holds (null: open). A fact holds on day d when (validFrom IS NULL OR validFrom <= d) AND (validTo IS NULL OR validTo > d).',
      'Every node and relationship has `sources`: a list of Source ids.',
      'Stakes keep equity and votes apart: equityPercent, votingPercent (null where no source gives it) and carriesVotes.',
      'Names in other languages are parallel lists: otherNames[i] is in otherNameLanguages[i]; identifierKeys holds "scheme:value".',
      'Dates are Neo4j DATE values: compare with date("YYYY-MM-DD").',
    ],
  };
}
