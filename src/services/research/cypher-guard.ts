/**
 * The first, textual layer of the research door: a fast filter before Neo4j's grammar (cypher-parse.ts)
 * and the EXPLAIN plan (plan-check.ts), which decide what a query does. It keeps only what the grammar
 * cannot see: the sizes that would make the parser itself slow (UNION branches, bracket depth, CASE
 * nesting, operators, tokens), and characters that make a word look like another to a reader, so that
 * no check, person or future lexer reads a keyword the grammar did not (fullwidth letters, ligatures and
 * invisible format characters outside strings and quoted names). Commands, several statements, LOAD CSV,
 * USE, IN TRANSACTIONS and procedures off the list are the grammar's to refuse.
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

/** Characters Neo4j's lexer takes as whitespace that JavaScript's \s does not (U+001C–U+001F and the like). */
const EXTRA_WHITESPACE = /[\p{Cc}\p{Z}]/gu;

/**
 * The query as the parser sees its structure, for counting: comments removed, string literals emptied,
 * backticked names unquoted, compatibility characters folded (NFKC) and invisible format characters
 * dropped. `disguised` is the first character outside strings, comments and backticked names that the
 * folding changed or dropped.
 */
export function readStructure(text: string): { structural: string; disguised: string | null } {
  let out = '';
  let plain = '';
  let disguised: string | null = null;
  // Compatibility folding (fullwidth letters) applies to the query's words, never inside string
  // literals: a fullwidth apostrophe inside a string is a character of the string, not its end.
  const flush = () => {
    const folded = plain.normalize('NFKC');
    // White space is white space however it is written (a pasted no-break space); letters and signs are not.
    if (disguised === null && folded !== plain) disguised = [...plain].find((c) => c.normalize('NFKC') !== c && !/\p{Z}/u.test(c)) ?? null;
    out += folded.replace(EXTRA_WHITESPACE, ' ');
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
      flush();
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
      // A backticked name stands for itself, whatever its letters; spaces inside it would split a word when counting.
      out += name
        .normalize('NFKC')
        .replace(/\p{Cf}/gu, '')
        .replace(/[\s\p{Cc}\p{Z}]+/gu, '_');
    } else {
      // Whole code points: format characters lie beyond the first plane too (tag characters).
      const point = String.fromCodePoint(text.codePointAt(i)!);
      i += point.length;
      if (/\p{Cf}/u.test(point)) {
        // Neo4j ignores no format character: a zero-width one inside a keyword makes it another word.
        flush();
        disguised ??= point;
      } else plain += point;
    }
  }
  flush();
  return { structural: out, disguised };
}

export const structuralText = (query: string) => readStructure(query).structural;

/**
 * Cheap size limits checked before the parser runs, so that a huge query costs the event loop nothing, and
 * a bound on what makes Neo4j's grammar slow, so that no query keeps its worker past the time limit (measured
 * with the parser of @neo4j-cypher/language-support: CASE nested 64 deep took 5.5 s, 3,300 alternating AND/OR
 * 1.6 s, a label expression of 15,000 alternatives 4.6 s; at these bounds each stays near 200 ms).
 */
export const TEXT_LIMITS = {
  /** Branches of a UNION; the grammar layer counts them again, exactly, against the same limit. */
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
  /** NOT operators in the whole query (a long NOT NOT … chain is flat in the grammar, deep in the planner). */
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
  // The grammar layer counts NOTs too, against the same limit; a long chain is refused here before it is parsed.
  const nots = structural.match(/\bNOT\b/gi)?.length ?? 0;
  if (nots > TEXT_LIMITS.notOperators) return `The query is nested too deeply (at most ${TEXT_LIMITS.notOperators} NOT operators)`;
  return complexityProblem(structural);
}

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

export function checkQuery(query: string): GuardResult {
  if (query.trim().length === 0) return { ok: false, reason: 'The query is empty' };
  const { structural, disguised } = readStructure(query);
  const size = sizeProblem(structural);
  if (size) return { ok: false, reason: size };
  if (disguised !== null) {
    return {
      ok: false,
      reason:
        `The query has ${codePoint(disguised)} outside strings and quoted names: fullwidth letters, ligatures and invisible format ` +
        'characters are allowed only inside strings and `quoted names`, so that a word reads as what Neo4j reads',
    };
  }
  return { ok: true };
}
