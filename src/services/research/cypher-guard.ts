/**
 * The first, textual layer of the research door: a fast filter before Neo4j's grammar (cypher-parse.ts)
 * and the EXPLAIN plan (plan-check.ts), which decide. It costs microseconds and refuses the obvious, and
 * the sizes (UNION branches, bracket depth) that would make the parser itself slow.
 *
 * The static layer of the read-only Cypher door: it refuses what EXPLAIN cannot be trusted to classify
 * (LOAD CSV reads files yet plans as read-only; procedures can read configuration or write), and what
 * must never reach the server (several statements, USE, SHOW, administration, CALL … IN TRANSACTIONS).
 * Writes are refused by the next layers: EXPLAIN's query type, then a READ access-mode transaction.
 */

/** Read-only procedures researchers may call. Everything else (dbms.*, db.create*, …) is refused. */
export const ALLOWED_PROCEDURES = new Set([
  'db.labels',
  'db.relationshipTypes',
  'db.propertyKeys',
  'db.schema.visualization',
  'db.schema.nodeTypeProperties',
  'db.schema.relTypeProperties',
  'db.index.fulltext.queryNodes',
  'db.index.fulltext.queryRelationships',
]);

export type GuardResult = { ok: true } | { ok: false; reason: string };

/**
 * The query as the parser sees its structure: comments removed, string literals emptied, backticked
 * names unquoted, compatibility characters folded (NFKC) and invisible format characters dropped,
 * so that casing, comments, quoting and Unicode tricks cannot hide a keyword from the checks.
 */
/** Characters Neo4j's lexer takes as whitespace that JavaScript's \s does not (U+001C–U+001F and the like). */
const EXTRA_WHITESPACE = /[\p{Cc}\p{Z}]/gu;

export function structuralText(query: string): string {
  // Format characters are dropped before anything else: Neo4j ignores none of them, but a zero-width
  // character inside a keyword must not make the guard read two words where the author meant one.
  const text = query.replace(/\p{Cf}/gu, '');
  let out = '';
  let plain = '';
  // Compatibility folding (fullwidth letters) applies to the query's words, never inside string
  // literals: a fullwidth apostrophe inside a string is a character of the string, not its end.
  const flush = () => {
    out += plain.normalize('NFKC').replace(EXTRA_WHITESPACE, ' ');
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      // A line comment ends at a line feed or a bare carriage return, as in Neo4j's lexer.
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i += 1;
      plain += ' ';
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
      plain += ' ';
    } else if (c === "'" || c === '"') {
      i += 1;
      while (i < text.length && text[i] !== c) i += text[i] === '\\' ? 2 : 1;
      i += 1;
      plain += "''";
    } else if (c === '`') {
      let name = '';
      i += 1;
      while (i < text.length) {
        if (text[i] === '`' && text[i + 1] === '`') {
          name += '`';
          i += 2;
        } else if (text[i] === '`') break;
        else name += text[i++];
      }
      i += 1;
      // A backticked name stands for itself; spaces inside it would split a keyword, so they are kept out.
      plain += name.replace(/[\s\p{Cc}\p{Z}]+/gu, '_');
    } else {
      plain += c;
      i += 1;
    }
  }
  flush();
  return out;
}

/**
 * Cheap size limits checked before the parser runs, so that a huge query costs the event loop nothing, and
 * a bound on what makes Neo4j's grammar slow, so that no query keeps its worker past the time limit (measured
 * with the parser of @neo4j-cypher/language-support: CASE nested 64 deep took 5.5 s, 3,300 alternating AND/OR
 * 1.6 s, a label expression of 15,000 alternatives 4.6 s; at these bounds each stays near 200 ms).
 */
export const TEXT_LIMITS = {
  unionBranches: 32,
  bracketDepth: 64,
  /** CASE expressions inside one another, and in the whole query. */
  caseDepth: 8,
  caseExpressions: 32,
  /** AND, OR and XOR in the whole query. */
  booleanOperators: 256,
  /** | and & (label expressions and alternatives) in the whole query. */
  alternatives: 128,
  /** Words, numbers and punctuation. */
  tokens: 4_000,
  /** NOT operators (as the grammar layer's limit). */
  notOperators: 64,
};

function complexityProblem(structural: string): string | null {
  const tokens = structural.match(/[\p{L}\p{N}_$]+|[^\s\p{L}\p{N}_$]/gu)?.length ?? 0;
  if (tokens > TEXT_LIMITS.tokens) return `The query is too long to check (at most ${TEXT_LIMITS.tokens} words and symbols)`;
  const booleans = structural.match(/\b(AND|OR|XOR)\b/gi)?.length ?? 0;
  if (booleans > TEXT_LIMITS.booleanOperators) return `The query is too complex to check (at most ${TEXT_LIMITS.booleanOperators} AND, OR and XOR)`;
  const alternatives = structural.match(/[|&]/g)?.length ?? 0;
  if (alternatives > TEXT_LIMITS.alternatives) return `The query is too complex to check (at most ${TEXT_LIMITS.alternatives} | and & operators)`;
  let depth = 0;
  let cases = 0;
  for (const match of structural.matchAll(/\b(CASE|END)\b/gi)) {
    if (match[1]!.toUpperCase() === 'CASE') {
      cases += 1;
      depth += 1;
      if (cases > TEXT_LIMITS.caseExpressions) return `The query is too complex to check (at most ${TEXT_LIMITS.caseExpressions} CASE expressions)`;
      if (depth > TEXT_LIMITS.caseDepth) return `The query is too complex to check (CASE nested at most ${TEXT_LIMITS.caseDepth} deep)`;
    } else depth = Math.max(0, depth - 1);
  }
  return null;
}

function sizeProblem(structural: string): string | null {
  const unions = structural.match(/\bUNION\b/gi)?.length ?? 0;
  if (unions + 1 > TEXT_LIMITS.unionBranches) return `A UNION may have at most ${TEXT_LIMITS.unionBranches} branches`;
  let depth = 0;
  for (const ch of structural) {
    if (ch === '(' || ch === '[' || ch === '{') {
      depth += 1;
      if (depth > TEXT_LIMITS.bracketDepth) return `The query is nested too deeply (at most ${TEXT_LIMITS.bracketDepth} brackets)`;
    } else if (ch === ')' || ch === ']' || ch === '}') depth -= 1;
  }
  // The grammar layer counts NOTs too (cypher-parse.ts); a long chain is refused here before it is parsed.
  const nots = structural.match(/\bNOT\b/gi)?.length ?? 0;
  if (nots > TEXT_LIMITS.notOperators) return `The query is nested too deeply (at most ${TEXT_LIMITS.notOperators} NOT operators)`;
  return complexityProblem(structural);
}

const RULES: { pattern: RegExp; reason: string }[] = [
  { pattern: /;\s*\S/, reason: 'Only one statement is allowed (found a second one after ";")' },
  { pattern: /^\s*CYPHER\b/i, reason: 'Query options and prefixes (CYPHER …, EXPLAIN, PROFILE) are not accepted' },
  { pattern: /^\s*(EXPLAIN|PROFILE)\b/i, reason: 'Send the query without EXPLAIN or PROFILE; set "profile": true to get db hits' },
  { pattern: /\bLOAD\s+CSV\b/i, reason: 'LOAD CSV is not allowed' },
  { pattern: /(^|[{(])\s*USE\b/i, reason: 'USE (choosing a database or graph) is not allowed' },
  { pattern: /(^|[{(]|\bUNION(\s+ALL)?)\s*SHOW\b/i, reason: 'SHOW commands are not allowed' },
  { pattern: /\}\s*IN\s+(\d+\s+|\$\w+\s+)?(CONCURRENT\s+)?TRANSACTIONS\b/i, reason: 'CALL { … } IN TRANSACTIONS is not allowed' },
  {
    pattern: /\b(CREATE|DROP|ALTER|RENAME)\s+(OR\s+REPLACE\s+)?(USER|ROLE|DATABASE|COMPOSITE|ALIAS|SERVER|INDEX|CONSTRAINT|RANGE|TEXT|POINT|LOOKUP|FULLTEXT|VECTOR|BTREE)\b/i,
    reason: 'Administration and schema commands are not allowed',
  },
  { pattern: /(^|[{])\s*(GRANT|DENY|REVOKE|ENABLE|DEALLOCATE|REALLOCATE|DRYRUN)\b/i, reason: 'Administration commands are not allowed' },
  { pattern: /(^|[{])\s*(START|STOP)\s+DATABASE\b/i, reason: 'Administration commands are not allowed' },
  { pattern: /\bTERMINATE\s+TRANSACTIONS?\b/i, reason: 'Administration commands are not allowed' },
  { pattern: /\bSET\s+(PASSWORD|DATABASE|HOME|USER)\b/i, reason: 'Administration commands are not allowed' },
];

/** The procedures a query calls, by their (unquoted) names. */
export function calledProcedures(structural: string): string[] {
  const names: string[] = [];
  for (const match of structural.matchAll(/\bCALL\s+([\p{L}_][\p{L}\p{N}_]*(?:\s*\.\s*[\p{L}_][\p{L}\p{N}_]*)*)/giu)) {
    names.push(match[1]!.replace(/\s+/g, ''));
  }
  return names;
}

export function checkQuery(query: string): GuardResult {
  if (query.trim().length === 0) return { ok: false, reason: 'The query is empty' };
  const structural = structuralText(query);
  const size = sizeProblem(structural);
  if (size) return { ok: false, reason: size };
  for (const rule of RULES) if (rule.pattern.test(structural)) return { ok: false, reason: rule.reason };
  for (const name of calledProcedures(structural)) {
    if (!ALLOWED_PROCEDURES.has(name)) {
      return { ok: false, reason: `The procedure ${name} is not allowed; allowed: ${[...ALLOWED_PROCEDURES].join(', ')}` };
    }
  }
  return { ok: true };
}
