/**
 * The second layer of the research door: the query as Neo4j's own grammar reads it (the parser of
 * @neo4j-cypher/language-support, generated from the grammar files Neo4j publishes). Comments, quoting,
 * control characters and Unicode are the lexer's business here, so no spelling trick survives it.
 *
 * It refuses what must never reach the server (commands, several statements, LOAD CSV, USE, writes,
 * IN TRANSACTIONS, procedures off the list), and expressions whose cost Neo4j neither tracks in its
 * transaction memory pool nor interrupts at its transaction timeout: reduce(), large range(), deep
 * comprehensions, unbounded variable-length patterns, long + chains (string doubling) and regular
 * expressions that can backtrack catastrophically. Those were measured to fill the heap or burn a core
 * for minutes (see docs/operators.md, "What Neo4j does with a heap bomb", and docs/researchers.md).
 */
import safeRegex from 'safe-regex2';
import { ALLOWED_PROCEDURES, TEXT_LIMITS } from './cypher-guard.js';

interface SimpleTree {
  name: string;
  children: SimpleTree[];
}

type GetDebugTree = (query: string) => SimpleTree;
let getDebugTree: GetDebugTree | null = null;

/** Loads the grammar (a second or two, once per worker: the first research query waits for it). */
export async function loadCypherParser(): Promise<void> {
  if (getDebugTree) return;
  const module = (await import('@neo4j-cypher/language-support')) as unknown as { getDebugTree: GetDebugTree };
  getDebugTree = module.getDebugTree;
  getDebugTree('MATCH (n) RETURN n');
}

export const EXPRESSION_LIMITS = {
  /**
   * Elements of all range() calls multiplied together (nested comprehensions multiply). A list that a
   * comprehension builds is not counted against the transaction's memory: with strings of at most
   * `stringLength` joined by at most `plusOperators` +, one list stays below 40 MB.
   */
  rangeElements: 1_000,
  /** Elements of a range() that UNWIND takes directly: Neo4j streams it lazily and the timeout stops it. */
  unwoundRangeElements: 10_000_000,
  /** Characters of one string literal or string parameter. */
  stringLength: 4_096,
  /** Characters of replace()'s replacement, and replace() calls per query: each multiplies a string's size. */
  replacementLength: 16,
  replaceCalls: 1,
  /** Unbounded quantifiers (*, +, {n,}) of one regular expression: each multiplies the work by the subject's length. */
  regexUnboundedQuantifiers: 2,
  /** List and pattern comprehensions inside one another. */
  comprehensionDepth: 2,
  /**
   * Operators that build strings and lists, in the whole query, counted as doublings: + and || one each,
   * replace() by log2 of its replacement's length, normalize() 5 (NFKD may expand a character 18 times),
   * split() 5 (a string becomes as many string objects as it has characters).
   */
  plusOperators: 8,
  /**
   * Iterations of nested quantifiers (any, all, none, single), list and pattern comprehensions and IN,
   * multiplied along their nesting: a parameter counts its elements (known before the query runs), a list
   * literal its items, range() its size, anything else (a property, a collected list, a pattern)
   * `unknownListSize`. Neo4j neither tracks this work in its transaction memory nor stops an expression
   * at the timeout.
   */
  iterations: 100_000,
  unknownListSize: 100,
  /**
   * The size budget of what the query builds: the iterations around a string or list operator times
   * 2^(doublings) may not pass this (each unit stands for one string of up to `stringLength` characters,
   * so the budget bounds built values to about 256 MiB however they are combined).
   */
  builtValues: 32_768,
  /** Hops of a variable-length relationship or quantified path pattern. */
  maxHops: 10,
  /** Depth of the parse tree (brackets, nested expressions, subqueries). */
  treeDepth: 400,
  /** Length of a regular expression's pattern. */
  regexLength: 200,
};

/** Clauses a read-only research query may use; every other clause is refused by name. */
const ALLOWED_CLAUSES = new Set([
  'matchClause',
  'withClause',
  'returnClause',
  'unwindClause',
  'callClause',
  'subqueryClause',
  'orderBySkipLimitClause',
  'filterClause',
  'letClause',
  'finishClause',
]);

const CLAUSE_NAMES: Record<string, string> = {
  loadCSVClause: 'LOAD CSV',
  useClause: 'USE',
  createClause: 'CREATE',
  insertClause: 'INSERT',
  deleteClause: 'DELETE',
  setClause: 'SET',
  removeClause: 'REMOVE',
  mergeClause: 'MERGE',
  foreachClause: 'FOREACH',
  composableCommandClauses: 'SHOW or TERMINATE',
};

export type ParseVerdict = { ok: true } | { ok: false; reason: string };

const leaves = (tree: SimpleTree): string[] => {
  const out: string[] = [];
  const stack = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.children.length === 0) out.push(node.name);
    else {
      for (let i = node.children.length - 1; i >= 0; i -= 1) {
        const child = node.children[i]!;
        // An empty rule shows as a childless node named after the rule: the namespace of `range` is one.
        if (child.name === 'namespace' && child.children.length === 0 && (node.name === 'functionName' || node.name === 'procedureName')) continue;
        stack.push(child);
      }
    }
  }
  return out;
};

const textOf = (tree: SimpleTree) => leaves(tree).join('');

/** The rule name that says what a SHOW/TERMINATE or administration command is, for the refusal. */
function commandName(tree: SimpleTree): string {
  const words: string[] = [];
  for (const leaf of leaves(tree)) {
    if (!/^[A-Za-z]+$/.test(leaf) || leaf !== leaf.toUpperCase()) break;
    words.push(leaf);
    if (words.length === 3) break;
  }
  return words.join(' ') || 'a command';
}

/** The value of a Cypher string literal token ('…' or "…"), escapes resolved. */
export function stringLiteralValue(token: string): string | null {
  if (token.length < 2) return null;
  const quote = token[0];
  if ((quote !== "'" && quote !== '"') || token[token.length - 1] !== quote) return null;
  const body = token.slice(1, -1);
  return body.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/gs, (_, e: string) => {
    if (e[0] === 'u' || e[0] === 'U') return String.fromCodePoint(Number.parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e;
  });
}

function integerArgument(text: string, params: Record<string, unknown>): number | null {
  if (/^-?\d{1,15}$/.test(text)) return Number(text);
  const param = /^\$([\p{L}_][\p{L}\p{N}_]*)$/u.exec(text);
  if (param) {
    const value = params[param[1]!];
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  }
  return null;
}

function stringArgument(text: string, params: Record<string, unknown>): string | null {
  const literal = stringLiteralValue(text);
  if (literal !== null) return literal;
  const param = /^\$([\p{L}_][\p{L}\p{N}_]*)$/u.exec(text);
  if (param) {
    const value = params[param[1]!];
    if (typeof value === 'string') return value;
  }
  return null;
}

/** Hops allowed by a `*…` relationship length or a `+`, `*`, `{m,n}` quantifier; null when unbounded. */
export function upperHops(text: string): number | null {
  if (text === '+' || text === '*' || text === '*..' || /^\*\d+\.\.$/.test(text) || /^\{\d*,\s*\}$/.test(text)) return null;
  const exact = /^\*(\d+)$/.exec(text) ?? /^\{(\d+)\}$/.exec(text);
  if (exact) return Number(exact[1]);
  const range = /^\*\d*\.\.(\d+)$/.exec(text) ?? /^\{\d*,\s*(\d+)\}$/.exec(text);
  if (range) return Number(range[1]);
  return null;
}

const refuse = (reason: string): ParseVerdict => ({ ok: false, reason });
const PREFIXES = 'Query options and prefixes (CYPHER …, EXPLAIN, PROFILE) are not accepted; set "profile": true to get db hits';

/**
 * A repeated group with alternatives, as in (a|aa)+: its alternatives can match the same text in many
 * ways, which Java's backtracking explores one by one. safe-regex2 judges star height only, so this is
 * checked here.
 */
/** The positions of a pattern's characters that are syntax: outside escapes and character classes. */
function* syntaxPositions(pattern: string): Generator<number> {
  let inClass = false;
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i];
    if (c === '\\') {
      i += 1;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else yield i;
  }
}

export function unboundedQuantifiers(pattern: string): number {
  let count = 0;
  for (const i of syntaxPositions(pattern)) {
    const c = pattern[i];
    if (c === '*' || c === '+') {
      // A possessive or lazy marker after a quantifier is not a second one.
      if (pattern[i - 1] !== '*' && pattern[i - 1] !== '+' && pattern[i - 1] !== '?' && pattern[i - 1] !== '}') count += 1;
    } else if (c === '{' && /^\{\d*,\}/.test(pattern.slice(i))) count += 1;
  }
  return count;
}

export function hasQuantifiedAlternation(pattern: string): boolean {
  const groups: boolean[] = [];
  for (const i of syntaxPositions(pattern)) {
    const c = pattern[i];
    if (c === '(') groups.push(false);
    else if (c === '|' && groups.length > 0) groups[groups.length - 1] = true;
    else if (c === ')') {
      const hadAlternatives = groups.pop() ?? false;
      const next = pattern[i + 1];
      if (hadAlternatives && (next === '*' || next === '+' || next === '{')) return true;
      // An enclosing group inherits alternatives, so ((a|b)c)+ counts too.
      if (hadAlternatives && groups.length > 0) groups[groups.length - 1] = true;
    }
  }
  return false;
}

const tooManyIterations =
  `Nested quantifiers, comprehensions and IN may iterate at most ${EXPRESSION_LIMITS.iterations} times together ` +
  `(the sizes of the lists they walk multiplied; a list that is not a parameter, a literal or a range() counts ${EXPRESSION_LIMITS.unknownListSize})`;

/** The expression after IN of a quantifier or list comprehension: the list it walks. */
function sourceOf(node: SimpleTree): SimpleTree | null {
  const at = node.children.findIndex((c) => c.name === 'IN' && c.children.length === 0);
  return at === -1 ? null : (node.children[at + 1] ?? null);
}

/** Elements of a list expression, when known before the query runs: a parameter, a list literal, a range(). */
function listSize(expression: SimpleTree, params: Record<string, unknown>): number {
  let node = expression;
  while (node.children.length === 1 && node.name !== 'functionInvocation') node = node.children[0]!;
  if (node.name === 'parameter') {
    const name = textOf(node).slice(1).replaceAll('`', '');
    const value = params[name];
    if (Array.isArray(value)) return Math.max(1, value.length);
    return value === undefined ? EXPRESSION_LIMITS.unknownListSize : 1;
  }
  if (node.name === 'listLiteral') return Math.max(1, node.children.filter((c) => c.name === 'expression').length);
  if (node.name === 'functionInvocation') {
    const nameNode = node.children.find((c) => c.name === 'functionName');
    if (nameNode && textOf(nameNode).replaceAll('`', '').toLowerCase() === 'range') {
      const args = node.children.filter((c) => c.name === 'functionArgument').map((a) => integerArgument(textOf(a), params));
      const [from, to] = args;
      const step = args.length === 3 ? args[2] : 1;
      if (typeof from === 'number' && typeof to === 'number' && typeof step === 'number' && step !== 0) return Math.max(1, Math.floor((to - from) / step) + 1);
    }
  }
  return EXPRESSION_LIMITS.unknownListSize;
}

/**
 * Parses the query with Neo4j's grammar and checks it. `params` are the request's parameters, so that
 * range($n) and =~ $pattern are judged by their values.
 */
export function checkParsedQuery(query: string, params: Record<string, unknown> = {}): ParseVerdict {
  if (!getDebugTree) throw new Error('loadCypherParser() was not awaited');
  let tree: SimpleTree;
  try {
    tree = getDebugTree(query);
  } catch (error) {
    if (error instanceof RangeError) return refuse('The query is nested too deeply');
    // What Neo4j's grammar cannot read is not run.
    return refuse('The query could not be parsed');
  }

  const statements = tree.children.filter((c) => c.name === 'statementOrCommand');
  if (statements.length !== 1) return refuse('Only one statement is allowed');

  let rangeProduct = 1;
  // range() calls that are the whole expression of an UNWIND: rows, streamed, not a list held in memory.
  const unwoundRanges = new Set<SimpleTree>();
  let plusOperators = 0;
  let doublings = 0;
  // The most iterations around any operator that builds a string or a list.
  let iterationsAroundBuilders = 1;
  const builds = (cost: number, iterations: number): ParseVerdict | null => {
    doublings += cost;
    iterationsAroundBuilders = Math.max(iterationsAroundBuilders, iterations);
    if (doublings > EXPRESSION_LIMITS.plusOperators) {
      return refuse(
        `At most ${EXPRESSION_LIMITS.plusOperators} + operators and other string and list operators are allowed (||, replace(), normalize() and split() count too; each may double a string or a list)`,
      );
    }
    return null;
  };
  let notOperators = 0;
  let replaceCalls = 0;
  let regexes = 0;
  // Iterative walk: a deep tree must not overflow the stack here either.
  const stack: { node: SimpleTree; depth: number; comprehensions: number; iterations: number }[] = [{ node: tree, depth: 0, comprehensions: 0, iterations: 1 }];
  while (stack.length > 0) {
    const { node, depth, comprehensions, iterations } = stack.pop()!;
    if (depth > EXPRESSION_LIMITS.treeDepth) return refuse('The query is nested too deeply');
    let nested = comprehensions;
    let iterating = iterations;
    switch (node.name) {
      case 'consoleCommand':
        return refuse('Console commands are not Cypher');
      case 'preparsedStatement':
        // The walk reaches a statement before its prefix: the prefix is named first, as the first thing to remove.
        if (node.children.some((c) => c.name === 'preparserOption')) return refuse(PREFIXES);
        break;
      case 'preparserOption':
        return refuse(PREFIXES);
      case 'command':
        return refuse(`Administration and schema commands are not allowed (${commandName(node)})`);
      case 'useClause':
        return refuse('USE (choosing a database or graph) is not allowed');
      case 'subqueryInTransactionsParameters':
        return refuse('CALL { … } IN TRANSACTIONS is not allowed');
      case 'clause': {
        const kind = node.children[0]?.name ?? '';
        if (!ALLOWED_CLAUSES.has(kind)) {
          const name = kind === 'composableCommandClauses' ? commandName(node) : (CLAUSE_NAMES[kind] ?? kind);
          return refuse(`${name} is not allowed; only reading clauses (MATCH, WITH, UNWIND, CALL, RETURN, …) may be used`);
        }
        break;
      }
      case 'unwindClause': {
        let expression = node.children.find((c) => c.name === 'expression');
        while (expression && expression.children.length === 1 && expression.name !== 'functionInvocation') expression = expression.children[0];
        if (expression?.name === 'functionInvocation') unwoundRanges.add(expression);
        break;
      }
      case 'union': {
        const branches = node.children.filter((c) => c.name === 'singleQuery').length;
        if (branches > TEXT_LIMITS.unionBranches) return refuse(`A UNION may have at most ${TEXT_LIMITS.unionBranches} branches`);
        break;
      }
      case 'callClause': {
        const nameNode = node.children.find((c) => c.name === 'procedureName');
        const name = nameNode ? textOf(nameNode).replaceAll('`', '') : '';
        if (!ALLOWED_PROCEDURES.has(name)) {
          return refuse(`The procedure ${name || '(unnamed)'} is not allowed; allowed: ${[...ALLOWED_PROCEDURES].join(', ')}`);
        }
        break;
      }
      case 'normalizeFunction': {
        const verdict = builds(5, iterations);
        if (verdict) return verdict;
        break;
      }
      case 'reduceExpression':
        return refuse('reduce() is not allowed: Neo4j neither limits the memory of its accumulator nor stops it at the timeout; use UNWIND and aggregation');
      case 'listComprehension':
      // biome-ignore lint/suspicious/noFallthroughSwitchClause: a comprehension iterates like a quantifier
      case 'patternComprehension':
        nested += 1;
        if (nested > EXPRESSION_LIMITS.comprehensionDepth) {
          return refuse(`List and pattern comprehensions may be nested at most ${EXPRESSION_LIMITS.comprehensionDepth} deep`);
        }
      // falls through: a comprehension iterates like a quantifier
      case 'listItemsPredicate': {
        const source = node.name === 'patternComprehension' ? null : sourceOf(node);
        iterating = iterations * (source === null ? EXPRESSION_LIMITS.unknownListSize : listSize(source, params));
        if (iterating > EXPRESSION_LIMITS.iterations) return refuse(tooManyIterations);
        break;
      }
      case 'functionInvocation': {
        const nameNode = node.children.find((c) => c.name === 'functionName');
        const name = nameNode ? textOf(nameNode).replaceAll('`', '').toLowerCase() : '';
        if (name === 'split') {
          // One string becomes a list of as many strings as it has characters, each an object of its own.
          const verdict = builds(5, iterations);
          if (verdict) return verdict;
        }
        if (name === 'replace') {
          replaceCalls += 1;
          if (replaceCalls > EXPRESSION_LIMITS.replaceCalls)
            return refuse(`At most ${EXPRESSION_LIMITS.replaceCalls} replace() call is allowed (each multiplies a string's size)`);
          const args = node.children.filter((c) => c.name === 'functionArgument').map(textOf);
          const replacement = args[2] === undefined ? null : stringArgument(args[2], params);
          if (replacement === null || replacement.length > EXPRESSION_LIMITS.replacementLength) {
            return refuse(`replace() takes a string literal or parameter of at most ${EXPRESSION_LIMITS.replacementLength} characters as its replacement`);
          }
          const verdict = builds(Math.max(1, Math.ceil(Math.log2(Math.max(1, replacement.length)))), iterations);
          if (verdict) return verdict;
        }
        if (name === 'range') {
          const args = node.children.filter((c) => c.name === 'functionArgument').map(textOf);
          const [from, to, step = '1'] = args.map((a) => integerArgument(a, params));
          const s = args.length === 3 ? integerArgument(args[2]!, params) : 1;
          if (from === null || to === null || from === undefined || to === undefined || s === null || step === null || s === 0) {
            return refuse('range() takes whole-number literals or parameters here, so that its size is known before it runs');
          }
          const size = Math.max(0, Math.floor((to - from) / s) + 1);
          if (unwoundRanges.has(node)) {
            if (size > EXPRESSION_LIMITS.unwoundRangeElements) {
              return refuse(`UNWIND range() may produce at most ${EXPRESSION_LIMITS.unwoundRangeElements} rows`);
            }
            break;
          }
          rangeProduct *= Math.max(1, size);
          if (rangeProduct > EXPRESSION_LIMITS.rangeElements) {
            return refuse(`range() may produce at most ${EXPRESSION_LIMITS.rangeElements} elements in a query (all ranges multiplied)`);
          }
        }
        break;
      }
      case 'pathLength':
      case 'quantifier': {
        const hops = upperHops(textOf(node));
        if (hops === null)
          return refuse(`Variable-length patterns need an upper bound of at most ${EXPRESSION_LIMITS.maxHops} hops, e.g. [*1..${EXPRESSION_LIMITS.maxHops}]`);
        if (hops > EXPRESSION_LIMITS.maxHops) return refuse(`Variable-length patterns may have at most ${EXPRESSION_LIMITS.maxHops} hops`);
        break;
      }
      case 'NOT':
        if (node.children.length === 0) {
          notOperators += 1;
          if (notOperators > TEXT_LIMITS.notOperators) return refuse(`The query is nested too deeply (at most ${TEXT_LIMITS.notOperators} NOT operators)`);
        }
        break;
      case '+':
      case '||':
        if (node.children.length === 0) {
          plusOperators += 1;
          const verdict = builds(1, iterations);
          if (verdict) return verdict;
        }
        break;
      case 'comparisonExpression6': {
        if (node.children[0]?.name === 'IN' && node.children[1]) {
          // x IN list walks the list: inside a quantifier or comprehension, its size multiplies theirs.
          if (iterations * listSize(node.children[1], params) > EXPRESSION_LIMITS.iterations) return refuse(tooManyIterations);
        }
        if (node.children[0]?.name === '=~') {
          const pattern = stringArgument(textOf({ name: '', children: node.children.slice(1) }), params);
          if (pattern === null) return refuse('The pattern of =~ must be a string literal or a parameter');
          if (pattern.length > EXPRESSION_LIMITS.regexLength) return refuse(`Regular expressions may be at most ${EXPRESSION_LIMITS.regexLength} characters`);
          // Java's inline flags ((?i), (?s), …) mean nothing to the JavaScript-syntax checker; the rest is the same.
          const body = pattern.replace(/^\(\?[a-zA-Z]+\)/, '');
          regexes += 1;
          if (unboundedQuantifiers(body) > EXPRESSION_LIMITS.regexUnboundedQuantifiers) {
            return refuse(`Regular expressions may have at most ${EXPRESSION_LIMITS.regexUnboundedQuantifiers} unbounded quantifiers (*, +, {n,})`);
          }
          if (/\\[1-9kg]|\(\?[<=!]/.test(pattern) || !safeRegex(body) || hasQuantifiedAlternation(body)) {
            return refuse('The regular expression may backtrack catastrophically (nested quantifiers, backreferences or lookarounds)');
          }
        }
        break;
      }
      default:
        if (node.children.length === 0 && (node.name.startsWith("'") || node.name.startsWith('"')) && node.name.length > EXPRESSION_LIMITS.stringLength + 2) {
          return refuse(`String literals may have at most ${EXPRESSION_LIMITS.stringLength} characters`);
        }
        break;
    }
    for (const child of node.children) stack.push({ node: child, depth: depth + 1, comprehensions: nested, iterations: iterating });
  }
  if (doublings > 0 && iterationsAroundBuilders * 2 ** doublings > EXPRESSION_LIMITS.builtValues) {
    return refuse(
      `The strings and lists the query builds could grow too large: ${iterationsAroundBuilders} iterations around operators that double them ${doublings} times ` +
        `(at most ${EXPRESSION_LIMITS.builtValues} for iterations × 2^doublings)`,
    );
  }
  // A regular expression's work grows with its subject; strings built in the query could make it huge.
  if (regexes > 0 && (plusOperators > 0 || replaceCalls > 0)) {
    return refuse('A query that uses =~ may not build strings with + or replace(): the subject of a regular expression must stay short');
  }
  return { ok: true };
}
