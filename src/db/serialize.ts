import neo4j, { isNode, isPath, isPoint, isRelationship, type Node, type Relationship } from 'neo4j-driver';
import { toPlain, type Plain } from './values.js';

/**
 * Any value a Cypher query returns, as plain JSON: nodes, relationships and paths become objects with
 * elementId strings, labels or type, and properties; integers become numbers (strings beyond 2^53);
 * temporals ISO strings; points {srid, x, y, z}.
 */
export function serializeValue(value: unknown): Plain {
  if (isNode(value)) return serializeNode(value);
  if (isRelationship(value)) return serializeRelationship(value);
  if (isPath(value)) {
    return {
      start: serializeNode(value.start),
      end: serializeNode(value.end),
      nodes: [value.start, ...value.segments.map((s) => s.end)].map(serializeNode),
      relationships: value.segments.map((s) => serializeRelationship(s.relationship)),
      length: value.length,
    };
  }
  if (isPoint(value)) {
    return { srid: toPlain(value.srid), x: value.x, y: value.y, ...(value.z === undefined ? {} : { z: value.z }) };
  }
  if (Array.isArray(value)) return value.map(serializeValue);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, serializeValue(v)]));
  }
  return toPlain(value);
}

function serializeNode(node: Node): Plain {
  return { elementId: node.elementId, labels: [...node.labels], properties: serializeValue(node.properties) };
}

function serializeRelationship(rel: Relationship): Plain {
  return {
    elementId: rel.elementId,
    type: rel.type,
    startNodeElementId: rel.startNodeElementId,
    endNodeElementId: rel.endNodeElementId,
    properties: serializeValue(rel.properties),
  };
}

/** JSON parameters as Cypher expects them: whole numbers as INTEGER (so LIMIT $n works), the rest as is. */
export function toCypherParams(value: unknown): unknown {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(toCypherParams);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCypherParams(v)]));
  return value;
}
