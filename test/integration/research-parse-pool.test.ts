// Real worker threads loading Neo4j's grammar (hundreds of MB, seconds a start), timed out and replaced on
// real clocks: an integration test of the grammar's worker, kept out of the fast unit loop.
import { afterAll, describe, expect, it } from 'vitest';
import { ParsePool, ParserBusyError, ParserStartingError } from '../../src/services/research/parse-pool.js';

describe('the grammar check in its worker thread', () => {
  const pool = new ParsePool(2, 5_000);
  afterAll(() => pool.close());

  it('answers verdicts from Neo4j’s grammar', async () => {
    await pool.warm();
    expect(await pool.check('MATCH (n:Company) RETURN n.name', {})).toEqual({ ok: true });
    expect(await pool.check("LOAD\u001cCSV FROM 'http://127.0.0.1:1/' AS l RETURN l", {})).toEqual({
      ok: false,
      reason: 'LOAD CSV is not allowed; only reading clauses (MATCH, WITH, UNWIND, CALL, RETURN, …) may be used',
    });
    expect(await pool.check('RETURN range(1, $n) AS r', { n: 10 })).toEqual({ ok: true });
    expect((await pool.check('RETURN range(1, $n) AS r', { n: 10_000 })).ok).toBe(false);
  });

  it('turns queries away past its queue, and refuses a query it cannot finish in time, then goes on with a new worker', async () => {
    const queries = Array.from({ length: 3 }, () => pool.check('MATCH (n) RETURN n', {}));
    const settled = await Promise.allSettled(queries);
    expect(settled.filter((s) => s.status === 'rejected' && s.reason instanceof ParserBusyError)).toHaveLength(1);
    const big = Array.from({ length: 32 }, (_, i) => `MATCH (a {id: 'x${i}'})-[:R*1..3]->(b) RETURN a.name AS n, count(b) AS c`).join(' UNION ');
    expect(await pool.check(big, {}, 1)).toEqual({ ok: false, reason: 'The query is too complex to check' });
    expect(await pool.check('MATCH (n) RETURN n', {}, 60_000)).toEqual({ ok: true });
  });
});

describe('a query that stalls the worker', () => {
  it('is refused alone: the queries queued behind it wait for the new worker and get their verdicts', async () => {
    const pool = new ParsePool(8, 30_000);
    try {
      await pool.warm();
      const big = Array.from({ length: 32 }, (_, i) => `MATCH (a {id: 'x${i}'})-[:R*1..3]->(b) RETURN a.name AS n, count(b) AS c`).join(' UNION ');
      // A time limit of 1 ms stands for a query the grammar cannot finish: the worker is ended while others wait.
      const stalled = pool.check(big, {}, 1);
      const others = [
        pool.check('MATCH (n:Company) RETURN n.name', {}),
        pool.check('CREATE (n) RETURN n', {}),
        pool.check('RETURN range(1, $n) AS r', { n: 10 }),
      ];
      expect(await stalled).toEqual({ ok: false, reason: 'The query is too complex to check' });
      const verdicts = await Promise.allSettled(others);
      expect(verdicts.map((v) => v.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
      expect(verdicts.map((v) => (v as PromiseFulfilledResult<{ ok: boolean }>).value.ok)).toEqual([true, false, true]);
      expect(pool.restarts).toBe(1);
    } finally {
      await pool.close();
    }
  });
});

describe('the grammar worker’s lifetime', () => {
  it('starts with the first query, not before, stops when idle and starts again for the next query', async () => {
    const pool = new ParsePool(4, 5_000, 300);
    try {
      expect(pool.running).toBe(false);
      // The first query waits for the grammar to load; its own time limit starts after that.
      expect(await pool.check('MATCH (n:Company) RETURN n.name', {}, 1_000)).toEqual({ ok: true });
      expect(pool.running).toBe(true);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(pool.running).toBe(false);
      expect(await pool.check('CREATE (n:Company) RETURN n', {})).toMatchObject({ ok: false });
      expect(pool.running).toBe(true);
    } finally {
      await pool.close();
    }
    expect(pool.running).toBe(false);
  });
});

describe('a query that comes while the grammar loads', () => {
  it('waits for it, but no longer than the load wait: then it is turned away, and the load goes on', async () => {
    const pool = new ParsePool(4, 5_000, 60_000, 1);
    try {
      await expect(pool.check('MATCH (n) RETURN n', {})).rejects.toBeInstanceOf(ParserStartingError);
      expect(pool.running).toBe(true);
    } finally {
      await pool.close();
    }
  });
});
