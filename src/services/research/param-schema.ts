import { z } from 'zod';
import type { QueryParam } from '../../db/cypher-files.js';

const BASE: Record<QueryParam['type'], () => z.ZodType> = {
  string: () => z.string().max(2_000),
  date: () => z.iso.date('must be a real calendar date YYYY-MM-DD'),
  integer: () =>
    z
      .number()
      .int()
      .min(-(2 ** 53))
      .max(2 ** 53),
  number: () => z.number(),
  boolean: () => z.boolean(),
  'string[]': () => z.array(z.string().max(2_000)).max(10_000),
  'map[]': () => z.array(z.record(z.string(), z.unknown())).max(10_000),
};

/** The zod schema of a named query's parameters, built from its file header; unknown names are refused. */
export function paramSchema(params: readonly QueryParam[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const p of params) shape[p.name] = p.optional ? BASE[p.type]().nullable().default(null) : BASE[p.type]();
  return z.object(shape).strict();
}
