import neo4j, { Date as Neo4jDate, isDate, isDateTime, isDuration, isInt, isLocalDateTime, isLocalTime, isTime } from 'neo4j-driver';

export type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };
export type PlainMap = { [key: string]: Plain };

/**
 * Turns driver values into plain JSON: Integers become numbers (strings beyond 2^53, never silently
 * rounded), temporals become ISO strings. No driver object leaves a repository.
 */
export function toPlain(value: unknown): Plain {
  // Leaves first: most values of a row are strings and numbers, and the driver's type checks below cost
  // a property look-up each (they showed in the profile of the uncached path, bench/profile.md).
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'undefined':
      return null;
    case 'bigint':
      return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
    case 'object':
      break;
    default:
      return String(value);
  }
  if (value === null) return null;
  if (Array.isArray(value)) return value.map(toPlain);
  if (isInt(value)) return value.inSafeRange() ? value.toNumber() : value.toString();
  if (isDate(value) || isDateTime(value) || isLocalDateTime(value) || isTime(value) || isLocalTime(value) || isDuration(value)) {
    return value.toString();
  }
  const out: Record<string, Plain> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toPlain(v);
  return out;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A property that holds a calendar date: validFrom, validTo and every `…On` (foundedOn, observedOn …). */
export function isDateProperty(key: string): boolean {
  return key === 'validFrom' || key === 'validTo' || /On$/.test(key);
}

/** Percentages stay floating point even when whole (15 → 15.0); other whole numbers are stored as integers. */
function isFloatProperty(key: string): boolean {
  return /Percent$/.test(key);
}

export function isoToNeo4jDate(iso: string): Neo4jDate<number> {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Neo4jDate(y, m, d);
}

/**
 * How a plain property value is stored: a calendar DATE, an INTEGER, or as the driver sends it (strings,
 * booleans, numbers as FLOAT, lists as they are). One rule for every loader (the Cypher upserts and the
 * CSV files of neo4j-admin import), so both give the same types.
 */
export function storedKind(key: string, value: Plain): 'date' | 'integer' | 'as-is' {
  if (typeof value === 'string' && isDateProperty(key) && ISO_DATE.test(value)) return 'date';
  if (typeof value === 'number' && Number.isInteger(value) && !isFloatProperty(key)) return 'integer';
  return 'as-is';
}

/** Plain property values to typed Neo4j values: dates as DATE, whole numbers as INTEGER. */
export function toTypedProperties(props: Record<string, Plain>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (value === null) continue; // Neo4j has no null properties; absence is null.
    const kind = storedKind(key, value);
    if (kind === 'date') out[key] = isoToNeo4jDate(value as string);
    else if (kind === 'integer') out[key] = neo4j.int(value as number);
    else out[key] = value;
  }
  return out;
}

/**
 * States the domain shape of a map column. The Cypher builds that shape and the route's response schema
 * checks it on the way out, so this is the one place a row is taken at its word.
 */
export function shaped<T>(value: Plain): T {
  return value as unknown as T;
}
