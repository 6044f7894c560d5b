import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { toPlain } from '../../../src/db/values.js';

describe('toPlain', () => {
  it('turns driver values into plain JSON, leaves as they are', () => {
    expect(
      toPlain({
        s: 'Renault',
        n: 36.8,
        b: true,
        nothing: null,
        missing: undefined,
        int: neo4j.int(43),
        huge: neo4j.int('9007199254740993'),
        big: 12n,
        day: new neo4j.types.Date(2016, 10, 20),
        list: [neo4j.int(1), 'a', [new neo4j.types.Date(1999, 3, 27)]],
        nested: { equityPercent: 15, since: new neo4j.types.Date(2023, 11, 8) },
      }),
    ).toEqual({
      s: 'Renault',
      n: 36.8,
      b: true,
      nothing: null,
      missing: null,
      int: 43,
      huge: '9007199254740993',
      big: 12,
      day: '2016-10-20',
      list: [1, 'a', ['1999-03-27']],
      nested: { equityPercent: 15, since: '2023-11-08' },
    });
  });
});
