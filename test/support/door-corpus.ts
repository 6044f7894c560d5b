/**
 * Every door: the attempts of the outside review against the surfaces of the last
 * round, and variations of them, none of them in attack-corpus.ts or abuse-corpus.ts. Three kinds:
 * Cypher bombs (sent to POST /v1/cypher and to MCP's read_cypher), HTTP requests (encoded paths, costs,
 * batches) and pages (requests a browser sends on a web page's behalf, with its Origin). Each names what it
 * tries and the answer it must get (all 4xx).
 */
import type { Attempt } from './abuse-corpus.js';

const REFUSED = 400;
// Zeros, so that 16,000 of them fit the 32 KiB body of POST /v1/cypher.
const list16k: number[] = Array.from({ length: 16_000 }, () => 0);
const s4k = 'x'.repeat(4_096);
const withDoublings = (n: number, op: string) => `WITH $s AS s ${Array.from({ length: n }, () => `WITH s ${op} s AS s`).join(' ')} RETURN size(s) AS n`;
const inThen = (n: number) => `${'CASE WHEN true THEN '.repeat(n)}1${' END'.repeat(n)}`;

/** Cypher that builds memory or burns CPU inside one expression, or makes the grammar slow. */
export const CYPHER_BOMBS: Attempt[] = [
  // || concatenation, not counted before
  {
    name: '18 doublings by || of a 4,096-character string',
    query: withDoublings(18, '||'),
    params: { s: s4k },
    status: REFUSED,
    reason: /string and list operators/,
  },
  {
    name: '9 doublings by || of a literal',
    query: `WITH '${'y'.repeat(1_000)}' AS s ${Array.from({ length: 9 }, () => 'WITH s || s AS s').join(' ')} RETURN size(s)`,
    status: REFUSED,
    reason: /string and list operators/,
  },
  {
    name: '|| and + mixed, 12 doublings',
    query: `WITH $s AS s ${Array.from({ length: 12 }, (_, i) => `WITH s ${i % 2 ? '+' : '||'} s AS s`).join(' ')} RETURN size(s)`,
    params: { s: s4k },
    status: REFUSED,
    reason: /string and list operators/,
  },
  {
    name: '|| doubling a list',
    query: `WITH [$s] AS l ${Array.from({ length: 20 }, () => 'WITH l || l AS l').join(' ')} RETURN size(l)`,
    params: { s: s4k },
    status: REFUSED,
    reason: /string and list operators/,
  },
  {
    name: '|| in one expression tree',
    query: `WITH $s AS s RETURN size(${Array.from({ length: 10 }, () => 's').join(' || ')}) AS n`,
    params: { s: s4k },
    status: REFUSED,
    reason: /string and list operators/,
  },
  {
    name: '|| inside a subquery',
    query: `CALL { WITH $s AS s ${Array.from({ length: 10 }, () => 'WITH s || s AS s').join(' ')} RETURN s } RETURN size(s)`,
    params: { s: s4k },
    status: REFUSED,
    reason: /string and list operators/,
  },
  {
    name: 'normalize() NFKD of doubled strings',
    query: "WITH '\ufdfa' AS s WITH s + s + s + s + s AS s RETURN size(normalize(s, NFKD))",
    status: REFUSED,
    reason: /string and list operators/,
  },
  {
    name: 'split() of a doubled string',
    query: `WITH $s AS s WITH s + s + s + s + s AS s RETURN size(split(s, ''))`,
    params: { s: s4k },
    status: REFUSED,
    reason: /string and list operators/,
  },
  // Comprehensions and quantifiers over parameters
  {
    name: 'a comprehension two deep over a 16,000-item parameter',
    query: 'RETURN size([x IN $l | [y IN $l | y]]) AS n',
    params: { l: list16k },
    status: REFUSED,
    reason: /iterate at most/,
  },
  {
    name: 'a comprehension two deep, the parameter renamed',
    query: 'RETURN size([x IN $items | [y IN $items | x + y]]) AS n',
    params: { items: list16k },
    status: REFUSED,
    reason: /iterate at most/,
  },
  {
    name: 'a comprehension over a parameter inside one over another',
    query: 'RETURN size([x IN $a | [y IN $b | y]]) AS n',
    params: { a: list16k.slice(0, 2_000), b: list16k.slice(0, 2_000) },
    status: REFUSED,
    reason: /iterate at most/,
  },
  {
    name: 'replace() inside two comprehensions',
    query: "RETURN size([x IN $l | [y IN $l | replace('ab', 'a', $r)]]) AS n",
    params: { l: list16k.slice(0, 1_000), r: 'x'.repeat(16) },
    status: REFUSED,
    reason: /iterate at most|grow too large/,
  },
  {
    name: 'replace() in a comprehension over a parameter',
    query: "RETURN size([x IN $l | replace($s, 'x', $r)]) AS n",
    params: { l: list16k.slice(0, 8_000), s: s4k, r: 'x'.repeat(16) },
    status: REFUSED,
    reason: /grow too large/,
  },
  {
    name: 'any() nested three deep over a parameter',
    query: 'RETURN any(a IN $l WHERE any(b IN $l WHERE any(c IN $l WHERE a + b + c < 0))) AS x',
    params: { l: list16k.slice(0, 200) },
    status: REFUSED,
    reason: /iterate at most/,
  },
  {
    name: 'all() in none() over a parameter',
    query: 'RETURN all(a IN $l WHERE none(b IN $l WHERE a = b + 1)) AS x',
    params: { l: list16k },
    status: REFUSED,
    reason: /iterate at most/,
  },
  {
    name: 'single() with IN over the same parameter',
    query: 'RETURN single(a IN $l WHERE a IN $l) AS x',
    params: { l: list16k },
    status: REFUSED,
    reason: /iterate at most/,
  },
  {
    name: 'IN over a parameter inside a comprehension',
    query: 'RETURN size([a IN $l WHERE a IN $l | a]) AS n',
    params: { l: list16k },
    status: REFUSED,
    reason: /iterate at most/,
  },
  {
    name: 'any() over a parameter inside a WHERE per node',
    query: 'MATCH (n) WHERE any(a IN $l WHERE any(b IN $l WHERE a = b)) RETURN count(n) AS n',
    params: { l: list16k.slice(0, 500) },
    status: REFUSED,
    reason: /iterate at most/,
  },
  {
    name: 'a pattern comprehension inside a comprehension over a parameter',
    query: 'MATCH (n) RETURN size([x IN $l | [(n)--(m) | m.id]]) AS n',
    params: { l: list16k },
    status: REFUSED,
    reason: /iterate at most/,
  },
  {
    name: 'a quantifier over a range inside one over a parameter',
    query: 'RETURN any(a IN $l WHERE any(b IN range(1, 500) WHERE a = b)) AS x',
    params: { l: list16k },
    status: REFUSED,
    reason: /iterate at most/,
  },
  {
    name: 'a string doubled in a comprehension over a parameter',
    query: 'WITH $s AS s RETURN size([x IN $l | s + s + s + s]) AS n',
    params: { l: list16k, s: 'ab' },
    status: REFUSED,
    reason: /grow too large/,
  },
  {
    name: 'a list literal of 300 items walked inside one over a parameter',
    query: `RETURN any(a IN $l WHERE a IN [${Array.from({ length: 300 }, (_, i) => i).join(', ')}]) AS x`,
    params: { l: list16k.slice(0, 8_000) },
    status: REFUSED,
    reason: /iterate at most/,
  },
  // The parse itself
  { name: 'CASE nested 64 deep', query: `RETURN ${inThen(64)} AS x`, status: REFUSED, reason: /CASE nested at most/ },
  { name: 'CASE nested 24 deep', query: `RETURN ${inThen(24)} AS x`, status: REFUSED, reason: /CASE nested at most/ },
  {
    name: 'CASE nested 9 deep, lower case, in ELSE',
    query: `RETURN ${'case when true then 1 else '.repeat(9)}1${' end'.repeat(9)} AS x`,
    status: REFUSED,
    reason: /CASE nested at most/,
  },
  {
    name: 'CASE nested 12 deep in WHEN',
    query: `RETURN ${'CASE WHEN '.repeat(12)}true${' THEN 1 END'.repeat(12)} AS x`,
    status: REFUSED,
    reason: /CASE nested at most/,
  },
  {
    name: '40 CASE side by side',
    query: `RETURN ${Array.from({ length: 40 }, () => 'CASE WHEN true THEN 1 END').join(' + ')} AS x`,
    status: REFUSED,
    reason: /CASE/,
  },
  { name: '8 groups of CASE nested 8 deep', query: `RETURN ${Array.from({ length: 8 }, () => inThen(8)).join(', ')}`, status: REFUSED, reason: /CASE/ },
  {
    name: 'CASE nested in subqueries',
    query: `RETURN ${'COUNT { MATCH (n) WHERE CASE WHEN true THEN '.repeat(10)}true${' END }'.repeat(10)} AS x`,
    status: REFUSED,
    reason: /CASE|too complex/,
  },
  { name: '1,600 alternating AND and OR', query: `RETURN true${' AND true OR false'.repeat(800)} AS x`, status: REFUSED, reason: /too (complex|long)/ },
  { name: '300 XORs', query: `RETURN true${' XOR false'.repeat(300)} AS x`, status: REFUSED, reason: /AND, OR and XOR/ },
  {
    name: 'a label expression of 5,000 alternatives',
    query: `MATCH (n:${'A|'.repeat(5_000)}Brand) RETURN count(n) AS n`,
    status: REFUSED,
    reason: /too (complex|long)/,
  },
  { name: 'a label expression of 200 & and !', query: `MATCH (n:${'!Company&'.repeat(200)}Brand) RETURN count(n) AS n`, status: REFUSED, reason: /\| and &/ },
  { name: '3,000 subtractions', query: `RETURN ${Array.from({ length: 3_000 }, () => '1').join(' - ')} AS x`, status: REFUSED, reason: /too long/ },
  {
    name: '3,000 items in a list literal',
    query: `RETURN size([${Array.from({ length: 3_000 }, (_, i) => i).join(',')}]) AS n`,
    status: REFUSED,
    reason: /too long/,
  },
  {
    name: '70 IS NOT NULL',
    query: `MATCH (n) WHERE ${Array.from({ length: 70 }, (_, i) => `n.p${i} IS NOT NULL`).join(' AND ')} RETURN n`,
    status: REFUSED,
    reason: /NOT operators/,
  },
];

/** What a request must get: an HTTP status, and whether its body is a problem. */
export interface HttpAttempt {
  name: string;
  method: 'GET' | 'POST' | 'OPTIONS' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  status: number | number[];
  reason?: RegExp;
}

const EVIL = 'http://evil.example';
const pct = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
/** The path with its `at`-th character percent-encoded. */
const encodedAt = (path: string, at: number) => `${path.slice(0, at)}${pct(path[at]!)}${path.slice(at + 1)}`;

const POLICY_ROUTES: { method: HttpAttempt['method']; path: string; query?: string; headers?: Record<string, string>; body?: unknown }[] = [
  { method: 'POST', path: '/v1/cypher', headers: { origin: EVIL }, body: { query: 'RETURN 1' } },
  { method: 'POST', path: '/v1/queries/stakes-valid-on', headers: { origin: EVIL }, body: { params: { asOf: '2016-10-21' } } },
  { method: 'POST', path: '/mcp', headers: { origin: EVIL, accept: 'application/json, text/event-stream' }, body: { jsonrpc: '2.0', id: 1, method: 'ping' } },
  { method: 'GET', path: '/v1/graph/ownership', query: '?root=renault&depth=6' },
  { method: 'GET', path: '/v1/ownership/effective', query: '?holder=renault' },
  { method: 'GET', path: '/v1/ownership/controller', query: '?company=nissan' },
  { method: 'GET', path: '/v1/export' },
  { method: 'GET', path: '/v1/path', query: '?from=dacia&to=infiniti' },
  { method: 'GET', path: '/v1/changes', query: '?from=2000-01-01&to=2020-01-01' },
  { method: 'GET', path: '/v1/versions/1/diff/2' },
  { method: 'GET', path: '/v1/companies' },
  { method: 'POST', path: '/v1/reconcile', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'queries=%7B%7D' },
];

/** Each policy's route with one character percent-encoded, in three places: after /, inside a word, at the end. */
export const ENCODED_PATHS: HttpAttempt[] = POLICY_ROUTES.flatMap((route) => {
  const positions = [1, route.path.lastIndexOf('/') + 2, route.path.length - 1].filter(
    (at, i, all) => at < route.path.length && all.indexOf(at) === i && /[A-Za-z0-9\-._~]/.test(route.path[at]!),
  );
  return positions.map((at) => ({
    name: `${route.method} ${encodedAt(route.path, at)}`,
    method: route.method,
    url: `${encodedAt(route.path, at)}${route.query ?? ''}`,
    ...(route.headers ? { headers: route.headers } : {}),
    ...(route.body !== undefined ? { body: route.body } : {}),
    status: 400,
    reason: /percent-encodes the unreserved character/,
  }));
});

const mcpCall = (id: number, name: string, args: Record<string, unknown>) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });
const MCP_HEADERS = { accept: 'application/json, text/event-stream', 'content-type': 'application/json' };

/** JSON-RPC batches past the bounds, refused before any call runs. */
export const MCP_BATCHES: HttpAttempt[] = [
  {
    name: 'a batch of 100 searches',
    method: 'POST',
    url: '/mcp',
    headers: MCP_HEADERS,
    body: Array.from({ length: 100 }, (_, i) => mcpCall(i, 'search_entities', { q: `r${i}` })),
    status: 400,
    reason: /batch/,
  },
  {
    name: 'a batch of 100 look-through calls',
    method: 'POST',
    url: '/mcp',
    headers: MCP_HEADERS,
    body: Array.from({ length: 100 }, (_, i) => mcpCall(i, 'look_through', { holder: 'renault', asOf: `2001-01-${String((i % 28) + 1).padStart(2, '0')}` })),
    status: 400,
    reason: /batch/,
  },
  {
    name: 'a batch of 100 deep graphs',
    method: 'POST',
    url: '/mcp',
    headers: MCP_HEADERS,
    body: Array.from({ length: 100 }, (_, i) =>
      mcpCall(i, 'ownership_graph', { root: 'renault', depth: 6, asOf: `2002-01-${String((i % 28) + 1).padStart(2, '0')}` }),
    ),
    status: 400,
    reason: /batch/,
  },
  {
    name: 'a batch of 100 change lists',
    method: 'POST',
    url: '/mcp',
    headers: MCP_HEADERS,
    body: Array.from({ length: 100 }, (_, i) => mcpCall(i, 'changes_between', { from: '2000-01-01', to: `2020-01-${String((i % 28) + 1).padStart(2, '0')}` })),
    status: 400,
    reason: /batch/,
  },
  {
    name: 'a batch of 9 pings',
    method: 'POST',
    url: '/mcp',
    headers: MCP_HEADERS,
    body: Array.from({ length: 9 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'ping' })),
    status: 400,
    reason: /batch/,
  },
  {
    name: 'a batch of 5 Cypher calls',
    method: 'POST',
    url: '/mcp',
    headers: MCP_HEADERS,
    body: Array.from({ length: 5 }, (_, i) => mcpCall(i, 'read_cypher', { query: `RETURN ${i}` })),
    status: 400,
    reason: /batch/,
  },
  {
    name: 'a batch of 5 named-query runs',
    method: 'POST',
    url: '/mcp',
    headers: MCP_HEADERS,
    body: Array.from({ length: 5 }, (_, i) => mcpCall(i, 'run_named_query', { name: 'stakes-valid-on', params: { asOf: `2016-10-2${i}` } })),
    status: 400,
    reason: /batch/,
  },
  {
    name: 'a batch of 3 controllers and 2 explanations',
    method: 'POST',
    url: '/mcp',
    headers: MCP_HEADERS,
    body: [
      ...Array.from({ length: 3 }, (_, i) => mcpCall(i, 'controller', { company: 'nissan', asOf: `2010-01-0${i + 1}` })),
      ...Array.from({ length: 2 }, (_, i) =>
        mcpCall(10 + i, 'explain_look_through', { holder: 'renault', company: 'mitsubishi-motors', asOf: `2018-01-0${i + 1}` }),
      ),
    ],
    status: 400,
    reason: /batch/,
  },
];

/** A browser's requests on a page's behalf: every research door refuses origins the operator did not allow. */
const PAGE_ORIGINS = [EVIL, 'null', 'http://127.0.0.1:3000.evil.example', 'http://localhost:8080', 'https://renault.example'];
export const PAGES: HttpAttempt[] = PAGE_ORIGINS.flatMap((origin): HttpAttempt[] => [
  {
    name: `POST /mcp initialize from ${origin}`,
    method: 'POST' as const,
    url: '/mcp',
    headers: { ...MCP_HEADERS, origin },
    body: {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'page', version: '1' } },
    },
    status: 403,
    reason: /may not run research/,
  },
  {
    name: `POST /mcp read_cypher from ${origin}`,
    method: 'POST' as const,
    url: '/mcp',
    headers: { ...MCP_HEADERS, origin },
    body: mcpCall(1, 'read_cypher', { query: 'MATCH (n) RETURN count(n)' }),
    status: 403,
    reason: /may not run research/,
  },
  {
    name: `preflight of POST /mcp from ${origin}`,
    method: 'OPTIONS' as const,
    url: '/mcp',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, mcp-session-id' },
    status: 403,
  },
  { name: `GET /mcp (event stream) from ${origin}`, method: 'GET' as const, url: '/mcp', headers: { origin, accept: 'text/event-stream' }, status: 403 },
  {
    name: `POST /v1/cypher as text/plain (no preflight) from ${origin}`,
    method: 'POST' as const,
    url: '/v1/cypher',
    headers: { origin, 'content-type': 'application/json' },
    body: { query: 'RETURN 1' },
    status: 403,
  },
  {
    name: `preflight of POST /v1/queries/… from ${origin}`,
    method: 'OPTIONS' as const,
    url: '/v1/queries/stakes-valid-on',
    headers: { origin, 'access-control-request-method': 'POST' },
    status: 403,
  },
]);

/** Expensive typed routes asked with distinct parameters, past the per-client limit (the test sets it low). */
export const COST_FLOODS: { name: string; urls: string[] }[] = [
  { name: 'distinct version diffs', urls: Array.from({ length: 12 }, (_, i) => `/v1/versions/${(i % 3) + 1}/diff/${(i % 4) + 1}?limit=${i + 1}`) },
  {
    name: 'distinct deep graphs',
    urls: Array.from({ length: 12 }, (_, i) => `/v1/graph/ownership?root=renault&depth=${4 + (i % 3)}&asOf=2003-01-${String(i + 1).padStart(2, '0')}`),
  },
  { name: 'distinct change lists', urls: Array.from({ length: 12 }, (_, i) => `/v1/changes?from=2000-01-01&to=2021-01-${String(i + 1).padStart(2, '0')}`) },
];
