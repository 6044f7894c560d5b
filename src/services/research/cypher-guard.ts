/**
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
export function structuralText(query: string): string {
  const text = query.normalize('NFKC').replace(/\p{Cf}/gu, '');
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') i += 1;
      out += ' ';
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
      out += ' ';
    } else if (c === "'" || c === '"') {
      i += 1;
      while (i < text.length && text[i] !== c) i += text[i] === '\\' ? 2 : 1;
      i += 1;
      out += "''";
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
      out += name.replace(/\s+/g, '_');
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

const RULES: { pattern: RegExp; reason: string }[] = [
  { pattern: /;\s*\S/, reason: 'Only one statement is allowed (found a second one after ";")' },
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
  for (const rule of RULES) if (rule.pattern.test(structural)) return { ok: false, reason: rule.reason };
  for (const name of calledProcedures(structural)) {
    if (!ALLOWED_PROCEDURES.has(name)) {
      return { ok: false, reason: `The procedure ${name} is not allowed; allowed: ${[...ALLOWED_PROCEDURES].join(', ')}` };
    }
  }
  return { ok: true };
}
