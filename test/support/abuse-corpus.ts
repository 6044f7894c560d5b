/**
 * Attempts to get round the research door or to hurt other clients through it, none of them in
 * attack-corpus.ts: spelling tricks that once fooled the text guard, commands, LOAD CSV, heap and CPU
 * bombs, unbounded paths, deep nesting and huge UNIONs. Each names what it tries; `status` is the
 * answer it must get (all 4xx).
 */
export interface Attempt {
  name: string;
  query: string;
  params?: Record<string, unknown>;
  /** Parameters as raw JSON, for values too deep for JSON.stringify. */
  rawParams?: string;
  status: number | number[];
  /** A fragment the problem's detail must contain: the reason is named. */
  reason?: RegExp;
}

/** Arrays nested `depth` deep, as JSON: 16,000 of them still fit the 32 KiB body limit. */
const deepParams = (depth: number) => `{"deep":${'['.repeat(depth)}${']'.repeat(depth)}}`;

const REFUSED = 400;

export const ABUSE: Attempt[] = [
  // Control characters and CR comments
  { name: 'line comment ended by a bare CR hides a write', query: 'MATCH (n) // c\rDETACH DELETE n', status: REFUSED, reason: /DELETE is not allowed/ },
  { name: 'CR comment before LOAD CSV', query: "RETURN 1 AS x // c\rLOAD CSV FROM 'http://127.0.0.1:1/' AS l RETURN l", status: REFUSED },
  { name: 'U+001C as whitespace in LOAD CSV', query: "LOAD\u001cCSV FROM 'http://127.0.0.1:1/' AS l RETURN l", status: REFUSED, reason: /LOAD CSV/ },
  { name: 'U+001C as whitespace before a procedure', query: 'CALL\u001cdb.info()', status: REFUSED, reason: /procedure db\.info is not allowed/ },
  { name: 'U+001F before dbms.listConfig', query: 'CALL\u001fdbms.listConfig() YIELD name RETURN name', status: REFUSED, reason: /dbms\.listConfig/ },
  { name: 'U+001D inside SHOW TRANSACTIONS', query: 'SHOW\u001dTRANSACTIONS', status: REFUSED, reason: /SHOW/ },
  { name: 'U+001E before SET', query: 'MATCH (n:Company)\u001eSET n.x = 1', status: REFUSED },
  // Fullwidth quotes
  {
    name: 'fullwidth apostrophe inside a string, LOAD CSV after it',
    query: "WITH '\uff07 AS x' AS s LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
    status: REFUSED,
    reason: /LOAD CSV/,
  },
  {
    name: 'fullwidth apostrophe then a procedure',
    query: "WITH 'a\uff07' AS s CALL dbms.listConfig() YIELD name RETURN name",
    status: REFUSED,
    reason: /dbms\.listConfig/,
  },
  {
    name: 'fullwidth quotation mark then SHOW',
    query: 'WITH "\uff02" AS s RETURN s UNION SHOW TRANSACTIONS YIELD transactionId AS s RETURN s',
    status: REFUSED,
  },
  // CYPHER and EXPLAIN prefixes
  { name: 'CYPHER option before SHOW TRANSACTIONS', query: 'CYPHER runtime=slotted SHOW TRANSACTIONS', status: REFUSED, reason: /prefixes/ },
  { name: 'CYPHER 5 before SHOW SETTINGS', query: 'CYPHER 5 SHOW SETTINGS', status: REFUSED },
  { name: 'CYPHER option before TERMINATE', query: "CYPHER planner=cost TERMINATE TRANSACTIONS 'neo4j-transaction-1'", status: REFUSED },
  { name: 'CYPHER option before USE', query: 'CYPHER runtime=pipelined USE neo4j MATCH (n) RETURN n', status: REFUSED },
  { name: 'EXPLAIN before SHOW', query: 'EXPLAIN SHOW TRANSACTIONS', status: REFUSED },
  { name: 'PROFILE with CYPHER options', query: 'PROFILE CYPHER runtime=slotted MATCH (n) RETURN n', status: REFUSED },
  { name: 'explain U+001C LOAD CSV', query: "explain\u001cLOAD CSV FROM 'x' AS l RETURN l", status: REFUSED },
  // LOAD CSV in every spelling
  { name: 'LOAD CSV from the Neo4j HTTP port', query: "LOAD CSV FROM 'http://127.0.0.1:7474/' AS l RETURN l", status: REFUSED, reason: /LOAD CSV/ },
  {
    name: 'load csv with headers, lower case, from the API',
    query: "load csv with headers from 'http://localhost:3000/v1/companies' as l return l",
    status: REFUSED,
  },
  { name: 'LOAD /* comment */ CSV', query: "LOAD /* c */ CSV FROM 'file:///etc/hostname' AS l RETURN l", status: REFUSED },
  { name: 'LOAD CSV with the URL in a parameter', query: 'LOAD\tCSV\nFROM $u AS l RETURN l', params: { u: 'http://127.0.0.1:1/' }, status: REFUSED },
  { name: 'LOAD CSV inside a subquery', query: "CALL { LOAD CSV FROM 'http://127.0.0.1:1/' AS l RETURN l } RETURN l", status: REFUSED },
  {
    name: 'LOAD CSV after MATCH with a built URL',
    query: "MATCH (n) WITH n LIMIT 1 LOAD CSV FROM 'http://127.0.0.1:1/' + n.id AS l RETURN l",
    status: REFUSED,
  },
  {
    name: 'LOAD CSV with FIELDTERMINATOR, backticked variable',
    query: "LOAD CSV FROM 'http://127.0.0.1:1/' AS `l` FIELDTERMINATOR ';' RETURN `l`",
    status: REFUSED,
  },
  // Every Show/Terminate command
  { name: 'SHOW TRANSACTIONS YIELD *', query: 'SHOW TRANSACTIONS YIELD * RETURN *', status: REFUSED },
  { name: 'SHOW SETTINGS', query: 'SHOW SETTINGS', status: REFUSED },
  { name: 'SHOW PROCEDURES', query: 'SHOW PROCEDURES', status: REFUSED },
  { name: 'SHOW FUNCTIONS', query: 'SHOW FUNCTIONS', status: REFUSED },
  { name: 'SHOW INDEXES', query: 'SHOW INDEXES', status: REFUSED },
  { name: 'SHOW CONSTRAINTS', query: 'SHOW CONSTRAINTS', status: REFUSED },
  { name: 'SHOW CURRENT USER', query: 'SHOW CURRENT USER', status: REFUSED },
  { name: 'SHOW SERVERS', query: 'SHOW SERVERS', status: REFUSED },
  { name: 'SHOW PRIVILEGES', query: 'SHOW PRIVILEGES', status: REFUSED },
  { name: 'TERMINATE TRANSACTIONS', query: "TERMINATE TRANSACTIONS 'neo4j-transaction-1'", status: REFUSED },
  { name: 'SHOW then TERMINATE, composed', query: 'SHOW TRANSACTIONS YIELD transactionId TERMINATE TRANSACTIONS transactionId', status: REFUSED },
  { name: 'SHOW in a UNION branch', query: 'MATCH (n) RETURN n.id AS id UNION SHOW TRANSACTIONS YIELD transactionId AS id RETURN id', status: REFUSED },
  // Heap bombs
  { name: 'string doubling with reduce', query: "RETURN size(reduce(s = 'x', i IN range(1, 40) | s + s)) AS n", status: REFUSED, reason: /reduce/ },
  { name: 'list growth with reduce', query: 'RETURN size(reduce(l = [], i IN range(1, 30000) | l + [i])) AS n', status: REFUSED, reason: /reduce/ },
  { name: 'list comprehension over a huge range', query: 'RETURN size([x IN range(1, 100000000) | toString(x)]) AS n', status: REFUSED, reason: /range/ },
  { name: 'huge range()', query: 'RETURN size(range(1, 200000000)) AS n', status: REFUSED, reason: /range/ },
  {
    name: 'range with its size in a parameter',
    query: 'RETURN size([x IN range(1, $n) | x]) AS n',
    params: { n: 1_000_000_000 },
    status: REFUSED,
    reason: /range/,
  },
  { name: 'range with a computed bound', query: "RETURN size(range(1, toInteger('1000000000'))) AS n", status: REFUSED, reason: /range/ },
  {
    name: 'nested comprehensions',
    query: 'RETURN size([a IN range(1, 10) | [b IN range(1, 10) | [c IN range(1, 10) | c]]]) AS n',
    status: REFUSED,
    reason: /nested at most 2/,
  },
  {
    name: 'two ranges whose product is too large',
    query: 'RETURN size([a IN range(1, 100) | [b IN range(1, 100) | a * b]]) AS n',
    status: REFUSED,
    reason: /range/,
  },
  {
    name: 'long strings repeated by a comprehension',
    query: 'RETURN size([x IN range(1, 1000) | toString(x) + $s]) AS n',
    params: { s: 'x'.repeat(20_000) },
    status: REFUSED,
    reason: /at most 4096 characters/,
  },
  {
    name: 'replace() multiplying a string',
    query: "WITH 'aaaaaaaaaaaaaaaa' AS s RETURN size(replace(replace(replace(s, 'a', s), 'a', s), 'a', s)) AS n",
    status: REFUSED,
    reason: /replace\(\)/,
  },
  {
    name: 'string doubling across WITH clauses',
    query: `WITH 'xxxxxxxxxxxxxxxx' AS s ${Array.from({ length: 30 }, () => 'WITH s + s AS s').join(' ')} RETURN size(s)`,
    status: REFUSED,
    reason: /\+ operators/,
  },
  {
    name: 'collect() of a cartesian product (stopped by Neo4j’s memory limit or the timeout)',
    query: 'MATCH (a), (b), (c), (d) RETURN size(collect(a.id + b.id + c.id + d.id)) AS n',
    status: 422,
  },
  // Regex backtracking
  {
    name: 'catastrophic regex literal',
    query: "RETURN 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' =~ '(a+)+b' AS m",
    status: REFUSED,
    reason: /regular expression/,
  },
  {
    name: 'catastrophic regex in a parameter',
    query: 'MATCH (c:Company) WHERE c.name =~ $p RETURN c.id',
    params: { p: '(x+x+)+y' },
    status: REFUSED,
    reason: /[Rr]egular expression/,
  },
  {
    name: 'regex built at run time',
    query: "WITH '(a+)' + '+b' AS p RETURN 'aaaaaaaaaaaaaaaaaaaaaaaaaaaa' =~ p AS m",
    status: REFUSED,
    reason: /pattern of =~/,
  },
  {
    name: 'alternation under a quantifier',
    query: "RETURN $s =~ '(a|aa)+b' AS m",
    params: { s: 'a'.repeat(60) },
    status: REFUSED,
    reason: /regular expression/,
  },
  { name: 'backreference regex', query: "RETURN 'abab' =~ '(ab)\\\\1' AS m", status: REFUSED },
  // Unbounded variable-length paths
  { name: '[*]', query: 'MATCH (a)-[*]->(b) RETURN count(*)', status: REFUSED, reason: /upper bound/ },
  { name: '[*1..]', query: 'MATCH (a)-[*1..]->(b) RETURN count(*)', status: REFUSED, reason: /upper bound/ },
  { name: '[*0..100]', query: 'MATCH p = (a)-[:HOLDS_STAKE*0..100]-(b) RETURN count(p)', status: REFUSED, reason: /at most 10 hops/ },
  { name: 'quantified path +', query: 'MATCH (a) ((x)-[]->(y))+ (b) RETURN count(*)', status: REFUSED },
  { name: 'quantified path {2,}', query: 'MATCH (a) ((x)-[]->(y)){2,} (b) RETURN count(*)', status: REFUSED },
  { name: 'allShortestPaths unbounded', query: 'MATCH p = allShortestPaths((a)-[*]-(b)) RETURN count(p)', status: REFUSED },
  // Deep nesting
  { name: '5,000 nested lists', query: `RETURN ${'['.repeat(5_000)}${']'.repeat(5_000)} AS x`, status: REFUSED, reason: /nested too deeply/ },
  { name: '4,000 NOTs', query: `RETURN ${'NOT '.repeat(4_000)}true AS x`, status: REFUSED, reason: /nested too deeply/ },
  { name: '1,000 nested maps', query: `RETURN ${'{a:'.repeat(1_000)}1${'}'.repeat(1_000)} AS x`, status: REFUSED },
  { name: 'parameters nested 16,000 deep', query: 'RETURN $deep AS x', rawParams: deepParams(16_000), status: REFUSED, reason: /nested at most/ },
  // Huge UNIONs
  { name: '700-branch UNION', query: Array.from({ length: 700 }, (_, i) => `RETURN ${i} AS x`).join(' UNION '), status: REFUSED, reason: /UNION/ },
  {
    name: '33-branch UNION ALL',
    query: Array.from({ length: 33 }, (_, i) => `MATCH (n) RETURN count(n) + ${i} AS x`).join(' UNION ALL '),
    status: REFUSED,
    reason: /UNION/,
  },
];

/** A query that passes every static check and runs until the timeout stops it. */
export const SLOW_QUERY = "MATCH (a), (b), (c), (d), (e) WHERE a.id + b.id + c.id + d.id + e.id = 'never' RETURN count(*) AS n";
