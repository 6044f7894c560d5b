import { beforeAll, describe, expect, it } from 'vitest';
import { checkParsedQuery, loadCypherParser, stringLiteralValue, upperHops } from '../../../../src/services/research/cypher-parse.js';
import { checkPlan, procedureOf, type PlanNode } from '../../../../src/services/research/plan-check.js';

const node = (operatorType: string, details = '', children: PlanNode[] = []): PlanNode => ({ operatorType, arguments: { Details: details }, children });

describe('the grammar layer', () => {
  beforeAll(() => loadCypherParser());

  it.each([
    'MATCH (c:Company)-[:HOLDS_STAKE*1..3]->(t) RETURN c.name, t.name',
    'UNWIND range(1, 4000000) AS x RETURN count(*)',
    "MATCH (c:Company) WHERE c.name =~ '(?i)ren.*' RETURN c",
    'MATCH (a) ((x)-[]->(y)){1,3} (b) RETURN count(*)',
    'CALL db.labels() YIELD label RETURN label',
    "RETURN replace('abc', 'b', 'x') AS s",
    "MATCH (c:Company) WHERE c.name =~ '(Renault|Nissan).*' RETURN c",
    "MATCH (c:Company) WHERE c.name =~ '.*ren.*' RETURN c",
    "MATCH (c:Company) WHERE c.id =~ '[a|b]+' RETURN c",
    'MATCH (n) RETURN [x IN range(1, 10) | x * 2] AS l',
  ])('lets through %s', (query) => {
    expect(checkParsedQuery(query, {})).toEqual({ ok: true });
  });

  it.each([
    ['MATCH (n) RETURN n; MATCH (m) RETURN m', /one statement/],
    ['MATCH (n) CALL { WITH n SET n.x = 1 } RETURN n', /SET is not allowed/],
    ['CALL `dbms`.`listConfig`()', /dbms\.listConfig/],
    ['SHOW TRANSACTIONS YIELD transactionId RETURN transactionId', /SHOW TRANSACTIONS/],
    ['RETURN reduce(a = 0, x IN [1] | a + x)', /reduce/],
    ["RETURN 'x' =~ '(a*)*b'", /backtrack/],
    ["RETURN 'x' =~ '(?i)(a+)+b'", /backtrack/],
    ["RETURN 'x' =~ '(a|aa)+b'", /backtrack/],
    ["RETURN 'x' =~ '((a|b)c)*d'", /backtrack/],
    ["RETURN 'x' =~ '.*a.*b.*c'", /unbounded quantifiers/],
    ["WITH 'x' + 'y' AS s RETURN s =~ '.*a'", /=~ may not build strings/],
    ["WITH 'aaaa' AS s RETURN replace(replace(s, 'a', 'bb'), 'b', 'cc')", /replace\(\) call/],
    ['MATCH p = shortestPath((a)-[*]-(b)) RETURN p', /upper bound/],
    [`RETURN '${'x'.repeat(5_000)}' AS s`, /String literals/],
  ])('refuses %s', (query, reason) => {
    const verdict = checkParsedQuery(query, {});
    expect(verdict.ok).toBe(false);
    expect((verdict as { reason: string }).reason).toMatch(reason);
  });

  // What the text layer's keyword rules refused before the grammar ran; the grammar refuses each alone, also spelt
  // with control characters as white space, in lower case, after a comment that a bare CR ends, or behind a comment.
  it.each([
    ['RETURN 1; RETURN 2', /one statement/],
    ['RETURN 1 ; /* next */ CREATE (:Hacked)', /one statement/],
    ['RETURN 1 // x\r; RETURN 2', /one statement/],
    ['CYPHER 5 MATCH (n) RETURN n', /prefixes/],
    ['CYPHER runtime=slotted SHOW TRANSACTIONS', /prefixes/],
    ['EXPLAIN CREATE (n:Hacked)', /prefixes/],
    ['EXPLAIN MATCH (n) RETURN n', /prefixes/],
    ['profile MATCH (n) RETURN n', /prefixes/],
    ["LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l", /LOAD CSV/],
    ["load /* c */ csv with headers from 'x' as l return l", /LOAD CSV/],
    ["LOAD\u001cCSV FROM 'x' AS l RETURN l", /LOAD CSV/],
    ["RETURN 1 AS x // c\rLOAD CSV FROM 'x' AS l RETURN l", /LOAD CSV/],
    ["WITH '\uff07 AS x' AS s LOAD CSV FROM 'x' AS l RETURN l", /LOAD CSV/],
    ['USE system MATCH (n) RETURN n', /USE/],
    ['CALL { USE neo4j MATCH (n) RETURN n } RETURN n', /USE/],
    ['SHOW USERS', /SHOW USERS/],
    ['SHOW\u001dTRANSACTIONS', /SHOW TRANSACTIONS/],
    ['MATCH (n) RETURN n.id AS id UNION SHOW TRANSACTIONS YIELD transactionId AS id RETURN id', /SHOW TRANSACTIONS/],
    ['CALL { MATCH (n) RETURN n } IN TRANSACTIONS', /IN TRANSACTIONS/],
    ['CALL { MATCH (n) RETURN n } IN 10 CONCURRENT TRANSACTIONS', /IN TRANSACTIONS/],
    ['CREATE INDEX x FOR (n:X) ON (n.y)', /CREATE INDEX/],
    ['DROP DATABASE neo4j', /DROP DATABASE/],
    ['CREATE OR REPLACE DATABASE x', /Administration/],
    ['RENAME ROLE a TO b', /RENAME ROLE/],
    ['GRANT ALL ON DATABASE * TO PUBLIC', /GRANT/],
    ['GRANT\u001cALL ON DATABASE * TO PUBLIC', /GRANT/],
    ['DRYRUN REALLOCATE DATABASES', /DRYRUN/],
    ['ENABLE SERVER "x"', /ENABLE SERVER/],
    ['START DATABASE neo4j', /START DATABASE/],
    ['STOP DATABASE neo4j', /STOP DATABASE/],
    ["TERMINATE TRANSACTIONS 'x'", /TERMINATE TRANSACTIONS/],
    ["ALTER CURRENT USER SET PASSWORD FROM 'a' TO 'b'", /ALTER CURRENT USER/],
    ["CREATE USER evil SET PASSWORD 'password123'", /CREATE USER/],
    ['CALL dbms.listConfig()', /dbms\.listConfig/],
    ['CALL\u001fdbms.listConfig()', /dbms\.listConfig/],
    ['CALL `db`.`createLabel`("x")', /db\.createLabel/],
    [Array.from({ length: 40 }, (_, i) => `RETURN ${i} AS x`).join(' UNION '), /UNION may have at most 32/],
  ])('refuses on its own %s', (query, reason) => {
    const verdict = checkParsedQuery(query, {});
    expect(verdict.ok).toBe(false);
    expect((verdict as { reason: string }).reason).toMatch(reason);
  });

  // what builds memory or CPU inside one expression, where Neo4j neither tracks nor stops it.
  const list16k = Array.from({ length: 16_000 }, (_, i) => i);
  const doublings = (n: number, op: string) =>
    `WITH '${'x'.repeat(4_096)}' AS s ${Array.from({ length: n }, () => `WITH s ${op} s AS s`).join(' ')} RETURN size(s)`;
  it.each([
    ['18 doublings by ||', doublings(18, '||'), {}, /string and list operators/],
    ['9 doublings by ||', doublings(9, '||'), {}, /string and list operators/],
    ['+ and || under one budget', `WITH 'x' AS s WITH s + s || s + s || s + s || s + s || s || s AS s RETURN s`, {}, /string and list operators/],
    ['|| on lists', `WITH [1] AS l ${Array.from({ length: 9 }, () => 'WITH l || l AS l').join(' ')} RETURN size(l)`, {}, /string and list operators/],
    ['split() of a doubled string', "WITH 'xy' AS s WITH s + s + s + s + s AS s RETURN split(s, '')", {}, /string and list operators/],
    ['normalize() twice with doublings', "WITH 'x' AS s WITH normalize(s + s, NFKD) AS s RETURN normalize(s, NFKD)", {}, /string and list operators/],
    ['a comprehension two deep over a 16,000-item parameter', 'RETURN size([x IN $l | [y IN $l | y]]) AS n', { l: list16k }, /iterate at most/],
    [
      'replace() inside two comprehensions',
      "RETURN size([x IN $l | [y IN $l | replace('ab', 'a', 'xxxxxxxxxxxxxxxx')]]) AS n",
      { l: list16k.slice(0, 400) },
      /iterate at most|grow too large/,
    ],
    [
      'any() nested three deep over a parameter',
      'RETURN any(a IN $l WHERE any(b IN $l WHERE any(c IN $l WHERE a + b + c < 0)))',
      { l: list16k.slice(0, 100) },
      /iterate at most/,
    ],
    ['all() and none() over a parameter', 'RETURN all(a IN $l WHERE none(b IN $l WHERE a = b))', { l: list16k }, /iterate at most/],
    ['single() over a list literal, IN over a parameter', 'RETURN single(a IN $l WHERE a IN $l)', { l: list16k }, /iterate at most/],
    [
      'a quantifier over a range() inside one over a parameter',
      'RETURN any(a IN $l WHERE any(b IN range(1, 1000) WHERE a = b))',
      { l: list16k },
      /iterate at most|range\(\)/,
    ],
    ['a pattern comprehension inside one over a parameter', 'MATCH (n) RETURN [x IN $l | [(n)-->(m) | m.id]] AS r', { l: list16k }, /iterate at most/],
    ['a string doubled inside a comprehension over a parameter', "WITH 'xx' AS s RETURN [x IN $l | s + s + s + s] AS r", { l: list16k }, /grow too large/],
  ])('refuses %s', (_name, query, params, reason) => {
    const verdict = checkParsedQuery(query, params);
    expect(verdict.ok).toBe(false);
    expect((verdict as { reason: string }).reason).toMatch(reason);
  });

  it.each([
    ['8 doublings by ||', doublings(8, '||'), {}],
    ['a comprehension over a 16,000-item parameter', 'RETURN [x IN $l | x * 2] AS l', { l: list16k }],
    ['any() over a parameter, IN a small literal', 'RETURN any(a IN $l WHERE a IN [1, 2, 3])', { l: list16k }],
    ['two quantifiers over properties', 'MATCH (n:Company) RETURN any(s IN n.sources WHERE any(t IN n.sources WHERE s = t))', {}],
    ['names joined in a comprehension over ids', "RETURN [x IN $ids | x + ' (' + x + ')'] AS l", { ids: ['renault', 'nissan'] }],
  ])('lets through %s', (_name, query, params) => {
    expect(checkParsedQuery(query, params)).toEqual({ ok: true });
  });

  it('reads literals and hop bounds', () => {
    expect(stringLiteralValue("'a\\'b\\u0041'")).toBe("a'bA");
    expect(upperHops('*')).toBeNull();
    expect(upperHops('*2..')).toBeNull();
    expect(upperHops('*..6')).toBe(6);
    expect(upperHops('{1,3}')).toBe(3);
    expect(upperHops('+')).toBeNull();
  });
});

describe('the plan layer', () => {
  it('allows read operators and listed procedures, by the names the planner resolved', () => {
    const plan = node('ProduceResults@neo4j', '', [node('ProcedureCall@neo4j', 'db.labels() :: (label :: STRING)')]);
    expect(procedureOf(plan.children[0]!)).toBe('db.labels');
    expect(checkPlan(plan)).toEqual({ ok: true, operators: 2 });
  });

  it.each([
    [node('ProduceResults@neo4j', '', [node('ShowTransactions@neo4j', 'defaultColumns, allTransactions')]), /ShowTransactions/],
    [node('ProduceResults@neo4j', '', [node('LoadCSV@neo4j', 'line')]), /LOAD CSV/],
    [node('ProduceResults@neo4j', '', [node('ProcedureCall@neo4j', 'dbms.listConfig(...)')]), /dbms\.listConfig/],
    [node('ProduceResults@neo4j', '', [node('VarLengthExpand(All)@neo4j', '(a)-[anon_0*]->(b)')]), /upper bound/],
    [node('ProduceResults@neo4j', '', [node('VarLengthExpand(All)@neo4j', '(a)-[anon_0:X*2..50]->(b)')]), /upper bound/],
    [node('EmptyResult@neo4j', '', [node('SetProperty@neo4j', 'n.x = 1')]), /Writing is not allowed/],
    [node('ProduceResults@neo4j', '', [node('SomethingNew@neo4j')]), /not on the list/],
  ])('refuses plan %#', (plan, reason) => {
    const verdict = checkPlan(plan);
    expect(verdict.ok).toBe(false);
    expect((verdict as { reason: string }).reason).toMatch(reason);
  });
});
