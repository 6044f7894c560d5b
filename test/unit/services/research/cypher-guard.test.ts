import { beforeAll, describe, expect, it } from 'vitest';
import { checkQuery, readStructure, structuralText } from '../../../../src/services/research/cypher-guard.js';
import { checkParsedQuery, loadCypherParser } from '../../../../src/services/research/cypher-parse.js';

describe('the static layer of the Cypher door', () => {
  it.each([
    'MATCH (c:Company) RETURN c.name',
    "MATCH (c:Company {name: 'LOAD CSV; SHOW USERS; CREATE'}) RETURN c",
    'MATCH (c) // CALL dbms.listConfig();\nRETURN c',
    'MATCH (p:Platform) RETURN p.use AS use',
    'CALL db.labels() YIELD label RETURN label',
    "CALL db.index.fulltext.queryNodes('entity_names', 'renault') YIELD node RETURN node.name",
    'CALL (x) { RETURN 1 AS one } RETURN one',
    'MATCH (n) CALL { RETURN 2 AS two } RETURN two',
    'RETURN 1;',
    'MATCH (n:`Company`) RETURN n.`name`',
  ])('lets through %s', (query) => {
    expect(checkQuery(query)).toEqual({ ok: true });
  });

  it.each([
    ['   ', /empty/],
    [Array.from({ length: 40 }, (_, i) => `RETURN ${i} AS x`).join(' UNION '), /UNION/],
    [`RETURN ${'['.repeat(100)}${']'.repeat(100)}`, /nested too deeply/],
  ])('refuses %s', (query, reason) => {
    const result = checkQuery(query);
    expect(result.ok).toBe(false);
    expect((result as { reason: string }).reason).toMatch(reason);
  });

  it('sees through comments, strings, backticks and compatibility characters when it counts', () => {
    expect(structuralText("RETURN 'a;b' /* c */ // d\n, `x y`, ＣＲＥＡＴＥ")).toBe("RETURN ''     , x_y, CREATE");
  });

  it('keeps string literals as they are: folding applies to words only', () => {
    expect(structuralText("RETURN 'ＡＢ' + ＲＥＴＵＲＮ")).toBe("RETURN '' + RETURN");
    expect(structuralText('MATCH (n) // x\rRETURN n')).toBe('MATCH (n)   RETURN n');
  });
});

/**
 * Commands, several statements, prefixes, LOAD CSV, USE, IN TRANSACTIONS and procedures off the list are the
 * grammar's to refuse, written plainly, with control characters as white space, or behind a comment that a
 * bare CR ends. What the text layer still refuses is what the grammar reads as some other word: a keyword
 * spelt with fullwidth letters or cut by a zero-width character. Neo4j reads such a query as it is (most often
 * a syntax error); the text layer refuses it before anyone, or any later lexer, reads a keyword there.
 */
describe('what the text layer catches that the grammar does not see: words disguised by compatibility and format characters', () => {
  beforeAll(() => loadCypherParser());

  it.each([
    ['fullwidth LOAD CSV', "ＬＯＡＤ ＣＳＶ FROM 'file:///etc/passwd' AS l RETURN l", 'U+FF2C'],
    ['fullwidth SHOW', 'ＳＨＯＷ USERS', 'U+FF33'],
    ['fullwidth EXPLAIN', 'ＥＸＰＬＡＩＮ MATCH (n) RETURN n', 'U+FF25'],
    ['fullwidth CYPHER prefix', 'ＣＹＰＨＥＲ runtime=slotted MATCH (n) RETURN n', 'U+FF23'],
    ['fullwidth USE', 'ＵＳＥ system MATCH (n) RETURN n', 'U+FF35'],
    ['fullwidth CREATE INDEX', 'ＣＲＥＡＴＥ ＩＮＤＥＸ x FOR (n:X) ON (n.y)', 'U+FF23'],
    ['fullwidth GRANT', 'ＧＲＡＮＴ ALL ON DATABASE * TO PUBLIC', 'U+FF27'],
    ['fullwidth STOP DATABASE', 'ＳＴＯＰ ＤＡＴＡＢＡＳＥ neo4j', 'U+FF33'],
    ['fullwidth TERMINATE', "ＴＥＲＭＩＮＡＴＥ ＴＲＡＮＳＡＣＴＩＯＮＳ 'x'", 'U+FF34'],
    ['fullwidth SET PASSWORD', "ＡＬＴＥＲ ＣＵＲＲＥＮＴ ＵＳＥＲ ＳＥＴ ＰＡＳＳＷＯＲＤ FROM 'a' TO 'b'", 'U+FF21'],
    ['fullwidth IN TRANSACTIONS', 'ＣＡＬＬ { ＭＡＴＣＨ (ｎ) ＲＥＴＵＲＮ ｎ } ＩＮ ＴＲＡＮＳＡＣＴＩＯＮＳ', 'U+FF23'],
    ['a fullwidth semicolon', 'ＲＥＴＵＲＮ 1； ＭＡＴＣＨ (ｎ) ＤＥＴＡＣＨ ＤＥＬＥＴＥ ｎ', 'U+FF32'],
    ['a ligature', 'MATCH (n) WHERE n.ﬁeld = 1 RETURN n', 'U+FB01'],
    ['zero-width space inside SHOW', 'S\u200bHOW USERS', 'U+200B'],
    ['zero-width joiner inside LOAD', "LO\u200dAD CSV FROM 'x' AS l RETURN l", 'U+200D'],
    ['soft hyphen inside EXPLAIN', 'EX\u00adPLAIN MATCH (n) RETURN n', 'U+00AD'],
    ['a tag character inside SHOW', 'SH\u{E0041}OW USERS', 'U+E0041'],
  ])('%s: refused here, passed by the grammar alone', (_name, query, codePoint) => {
    const verdict = checkQuery(query);
    expect(verdict.ok).toBe(false);
    expect((verdict as { reason: string }).reason).toContain(codePoint);
    expect(checkParsedQuery(query)).toEqual({ ok: true });
  });

  it.each([
    ['fullwidth letters inside a string', "MATCH (c:Company {name: 'ＬＯＡＤ ＣＳＶ'}) RETURN c"],
    ['a zero-width joiner inside a string (an emoji)', "RETURN '👩\u200d💻' AS s"],
    ['fullwidth letters in a quoted name', 'MATCH (`ｎ`) RETURN `ｎ`'],
    ['a no-break space between words', 'MATCH (n)\u00a0RETURN n'],
    ['fullwidth letters in a comment', 'MATCH (n) // ＳＨＯＷ\nRETURN n'],
  ])('lets through %s', (_name, query) => {
    expect(checkQuery(query)).toEqual({ ok: true });
  });

  it('names the first disguised character outside strings', () => {
    expect(readStructure("RETURN 'ｘ' + ｙ\u200b").disguised).toBe('ｙ');
    expect(readStructure('RETURN `ｘ`').disguised).toBeNull();
  });
});

describe('the parse itself is bounded before the grammar runs', () => {
  const inThen = (n: number) => `${'CASE WHEN true THEN '.repeat(n)}1${' END'.repeat(n)}`;
  it.each([
    ['CASE nested 64 deep in THEN', `RETURN ${inThen(64)}`, /CASE nested at most/],
    ['CASE nested 9 deep in WHEN', `RETURN ${'CASE WHEN '.repeat(9)}true${' THEN 1 END'.repeat(9)}`, /CASE nested at most/],
    ['CASE nested 9 deep in ELSE, lower case', `RETURN ${'case when true then 1 else '.repeat(9)}1${' end'.repeat(9)}`, /CASE nested at most/],
    ['33 CASE side by side', `RETURN ${Array.from({ length: 33 }, () => 'CASE WHEN true THEN 1 END').join(' + ')}`, /at most 32 CASE/],
    ['3,300 alternating AND and OR', `RETURN true${' AND true OR false'.repeat(1_650)}`, /too (complex|long)/],
    ['257 AND and OR', `RETURN true${' AND true OR false'.repeat(129)}`, /AND, OR and XOR/],
    ['a label expression of 15,000 alternatives', `MATCH (n:${'A|'.repeat(15_000)}B) RETURN 1`, /too (complex|long)/],
    ['a label expression of 129 alternatives', `MATCH (n:${'A|'.repeat(129)}B) RETURN 1`, /\| and &/],
    ['4,001 tokens', `RETURN ${Array.from({ length: 2_001 }, () => 'x').join(' + ')}`, /too long/],
  ])('refuses %s', (_name, query, reason) => {
    const verdict = checkQuery(query);
    expect(verdict.ok).toBe(false);
    expect((verdict as { reason: string }).reason).toMatch(reason);
  });

  it.each([
    ['CASE nested 8 deep', `RETURN ${inThen(8)}`],
    ['32 CASE in 4 groups of 8', `RETURN ${Array.from({ length: 4 }, () => inThen(8)).join(' + ')}`],
    ['CASE ... END in strings and comments do not count', `RETURN '${'CASE '.repeat(40)}' AS s // ${'CASE '.repeat(40)}`],
    ['a WHERE of 200 ANDs', `MATCH (n) WHERE ${Array.from({ length: 200 }, (_, i) => `n.a${i} = ${i}`).join(' AND ')} RETURN n`],
  ])('lets through %s', (_name, query) => {
    expect(checkQuery(query)).toEqual({ ok: true });
  });
});
