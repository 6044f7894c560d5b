import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import fastJson from 'fast-json-stringify';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * One compiled function per distinct JSON Schema, shared by every route and status code that answers with it
 * (every route's problem answers, for one). Compiled per route and status, the same code was made 365 times
 * for 49 schemas: 4.6 MB of generated source, and its bytecode, held by the heap for the life of the process.
 */
const stringifiers = new Map<string, (data: unknown) => string>();

/** The compiled stringify for a zod schema, made once for each distinct JSON Schema. */
export function compileStringifier(schema: z.ZodType): (data: unknown) => string {
  const jsonSchema = z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'any', cycles: 'ref', reused: 'inline' });
  const key = JSON.stringify(jsonSchema);
  let stringify = stringifiers.get(key);
  if (stringify === undefined) {
    stringify = fastJson(jsonSchema as Parameters<typeof fastJson>[0]);
    stringifiers.set(key, stringify);
  }
  return stringify;
}

/**
 * Answers are written by code that fast-json-stringify compiles from each route's response schema (the
 * zod schema as JSON Schema), as fastify does natively, instead of re-parsing every answer with zod and
 * then stringifying it: the repositories already build answers of that shape, and their tests assert it.
 * Properties the schema does not declare are left out, as zod's parse would leave them out.
 */
export const compiledSerializerCompiler: FastifySerializerCompiler<unknown> = ({ schema, method, url }) => {
  if (!(schema instanceof z.ZodType)) throw new Error(`${method} ${url}: a response schema must be a zod schema`);
  const stringify = compileStringifier(schema);
  return (data: unknown) => {
    try {
      return stringify(data);
    } catch (cause) {
      // The error handler logs the cause and answers a problem, as it does for zod's serialiser.
      throw new ResponseSerializationError(method, url, { cause: cause as z.ZodError });
    }
  };
};
