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

/** Nesting researchers' parameters may have: deeper is refused with 400 before anything recurses over it. */
export const MAX_PARAM_DEPTH = 32;

/** Characters of one string parameter: a comprehension may repeat it, outside Neo4j's memory tracking. */
export const MAX_PARAM_STRING = 4_096;

export class ParamDepthError extends Error {
  constructor(message = `Parameters may be nested at most ${MAX_PARAM_DEPTH} deep`) {
    super(message);
    this.name = 'ParamDepthError';
  }
}

const checkString = (v: unknown) => {
  if (typeof v === 'string' && v.length > MAX_PARAM_STRING) throw new ParamDepthError(`String parameters may have at most ${MAX_PARAM_STRING} characters`);
};

/**
 * JSON parameters as Cypher expects them: whole numbers as INTEGER (so LIMIT $n works), the rest as is.
 * Iterative, with a depth limit: neither this nor the driver's encoder ever recurses over a deep value.
 */
export function toCypherParams(value: unknown, limitStrings = false): unknown {
  const convert = (v: unknown): unknown => {
    if (limitStrings) checkString(v);
    return typeof v === 'number' && Number.isSafeInteger(v) ? neo4j.int(v) : v;
  };
  if (!value || typeof value !== 'object') return convert(value);
  const root: unknown = Array.isArray(value) ? [] : {};
  const stack: { from: object; to: Record<string, unknown> | unknown[]; depth: number }[] = [{ from: value, to: root as Record<string, unknown>, depth: 1 }];
  while (stack.length > 0) {
    const { from, to, depth } = stack.pop()!;
    if (depth > MAX_PARAM_DEPTH) throw new ParamDepthError();
    for (const [key, child] of Object.entries(from)) {
      let converted: unknown;
      if (child && typeof child === 'object') {
        converted = Array.isArray(child) ? [] : {};
        stack.push({ from: child, to: converted as Record<string, unknown>, depth: depth + 1 });
      } else converted = convert(child);
      if (Array.isArray(to)) to[Number(key)] = converted;
      else to[key] = converted;
    }
  }
  return root;
}

/** Plain values of one row, with a running byte count so that the caller can stop at a byte cap. */
export function serializeRow(values: unknown[]): { row: Plain[]; bytes: number } {
  const row = values.map(serializeValue);
  return { row, bytes: Buffer.byteLength(JSON.stringify(row)) };
}
