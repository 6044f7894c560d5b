import { describe, expect, it } from 'vitest';
import { calledProcedures, checkQuery, structuralText } from '../../../../src/services/research/cypher-guard.js';

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
    ['RETURN 1; RETURN 2', /one statement/],
    ["LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l", /LOAD CSV/],
    ['USE system SHOW USERS', /USE/],
    ['SHOW USERS', /SHOW/],
    ['CALL { MATCH (n) RETURN n } IN TRANSACTIONS', /IN TRANSACTIONS/],
    ['CREATE INDEX x FOR (n:X) ON (n.y)', /schema commands/],
    ['GRANT ALL ON DATABASE * TO PUBLIC', /Administration/],
    ['CALL dbms.listConfig()', /procedure dbms.listConfig is not allowed/],
    ['CALL `db`.`createLabel`("x")', /procedure db.createLabel is not allowed/],
    ['ＬＯＡＤ ＣＳＶ FROM "x" AS l RETURN l', /LOAD CSV/],
    ['EXPLAIN MATCH (n) RETURN n', /without EXPLAIN or PROFILE/],
    ['   ', /empty/],
  ])('refuses %s', (query, reason) => {
    const result = checkQuery(query);
    expect(result.ok).toBe(false);
    expect((result as { reason: string }).reason).toMatch(reason);
  });

  it('sees through comments, strings, backticks and compatibility characters', () => {
    expect(structuralText("RETURN 'a;b' /* c */ // d\n, `x y`, ＣＲＥＡＴＥ")).toBe("RETURN ''     , x_y, CREATE");
    expect(calledProcedures(structuralText('CALL `db`.`labels`() CALL db . propertyKeys() CALL { RETURN 1 }'))).toEqual(['db.labels', 'db.propertyKeys']);
  });
});

describe('the text guard reads comments, whitespace and literals as Neo4j does (the holes an attacker used)', () => {
  it.each([
    ["RETURN 1 AS x // c\rLOAD CSV FROM 'x' AS l RETURN l", /LOAD CSV/, 'a bare CR ends a line comment'],
    ["LOAD\u001cCSV FROM 'x' AS l RETURN l", /LOAD CSV/, 'U+001C is whitespace'],
    ['CALL\u001fdbms.listConfig()', /dbms\.listConfig/, 'U+001F is whitespace'],
    ["WITH '\uff07 AS x' AS s LOAD CSV FROM 'x' AS l RETURN l", /LOAD CSV/, 'a fullwidth apostrophe inside a string does not end it'],
    ['CYPHER runtime=slotted SHOW TRANSACTIONS', /prefixes/, 'a CYPHER option prefix'],
    [Array.from({ length: 40 }, (_, i) => `RETURN ${i} AS x`).join(' UNION '), /UNION/, 'a huge UNION'],
    [`RETURN ${'['.repeat(100)}${']'.repeat(100)}`, /nested too deeply/, 'deep brackets'],
  ])('refuses %s (%s)', (query, reason) => {
    const result = checkQuery(query);
    expect(result.ok).toBe(false);
    expect((result as { reason: string }).reason).toMatch(reason);
  });

  it('keeps string literals as they are: folding applies to words only', () => {
    expect(structuralText("RETURN 'ＡＢ' + ＲＥＴＵＲＮ")).toBe("RETURN '' + RETURN");
    expect(structuralText('MATCH (n) // x\rRETURN n')).toBe('MATCH (n)   RETURN n');
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
