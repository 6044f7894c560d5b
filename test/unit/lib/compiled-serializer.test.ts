import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileStringifier, compiledSerializerCompiler } from '../../../src/lib/compiled-serializer.js';
import { ProblemSchema } from '../../../src/schemas/problem.js';

const compile = (schema: unknown, url: string) => compiledSerializerCompiler({ schema, method: 'GET', url, httpStatus: '200' } as never);

describe('compiled serialisers', () => {
  it('compile one function per distinct JSON Schema: the same schema, or an equal one made apart, shares it', () => {
    const make = () => z.object({ id: z.string(), share: z.number().nullable() });
    expect(compileStringifier(ProblemSchema)).toBe(compileStringifier(ProblemSchema));
    expect(compileStringifier(make())).toBe(compileStringifier(make()));
    expect(compileStringifier(make())).not.toBe(compileStringifier(z.object({ id: z.string(), share: z.number() })));
    expect(compileStringifier(make())).not.toBe(compileStringifier(ProblemSchema));
  });

  it('still write each answer by its own schema, leaving out what it does not declare', () => {
    const a = compile(z.object({ id: z.string() }), '/a');
    const b = compile(z.object({ id: z.string(), n: z.number() }), '/b');
    const again = compile(z.object({ id: z.string() }), '/a-again');
    const value = { id: 'nissan', n: 43.4, extra: true };
    expect(a(value)).toBe('{"id":"nissan"}');
    expect(again(value)).toBe('{"id":"nissan"}');
    expect(b(value)).toBe('{"id":"nissan","n":43.4}');
  });

  it('name the route of an answer that does not fit its schema', () => {
    const a = compile(z.object({ n: z.number() }), '/v1/shared');
    const b = compile(z.object({ n: z.number() }), '/v1/other');
    const errorOf = (write: (data: unknown) => string) => {
      try {
        write({ n: 'not a number' });
      } catch (error) {
        return error as { url?: string; method?: string };
      }
      return null;
    };
    expect(errorOf(a)).toMatchObject({ method: 'GET', url: '/v1/shared' });
    expect(errorOf(b)).toMatchObject({ method: 'GET', url: '/v1/other' });
  });
});
