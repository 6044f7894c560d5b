/**
 * The deciding layer of the research door: what Neo4j will execute, read from the EXPLAIN plan. Every
 * operator must be on an allow-list of read operators; procedures are judged by the name the planner
 * resolved; variable-length expansions need an upper bound. Whatever the spelling of the query, this is
 * what would run.
 */
import { ALLOWED_PROCEDURES } from './cypher-guard.js';
import type { PlanNode } from '../../repositories/research-repository.js';
import { EXPRESSION_LIMITS, upperHops } from './cypher-parse.js';

export type { PlanNode };

/** Read operators of Neo4j 5's planner (Community and Enterprise runtimes). */
export const READ_OPERATORS = new Set([
  'ProduceResults',
  'EmptyResult',
  'Argument',
  'ArgumentTracker',
  'AllNodesScan',
  'NodeByLabelScan',
  'UnionNodeByLabelsScan',
  'IntersectionNodeByLabelsScan',
  'SubtractionNodeByLabelsScan',
  'NodeByIdSeek',
  'NodeByElementIdSeek',
  'NodeIndexSeek',
  'NodeUniqueIndexSeek',
  'MultiNodeIndexSeek',
  'AssertingMultiNodeIndexSeek',
  'NodeIndexSeekByRange',
  'NodeUniqueIndexSeekByRange',
  'NodeIndexScan',
  'NodeIndexContainsScan',
  'NodeIndexEndsWithScan',
  'DirectedRelationshipTypeScan',
  'UndirectedRelationshipTypeScan',
  'DirectedAllRelationshipsScan',
  'UndirectedAllRelationshipsScan',
  'DirectedUnionRelationshipTypesScan',
  'UndirectedUnionRelationshipTypesScan',
  'DirectedRelationshipByIdSeek',
  'UndirectedRelationshipByIdSeek',
  'DirectedRelationshipByElementIdSeek',
  'UndirectedRelationshipByElementIdSeek',
  'DirectedRelationshipIndexSeek',
  'UndirectedRelationshipIndexSeek',
  'DirectedRelationshipIndexScan',
  'UndirectedRelationshipIndexScan',
  'DirectedRelationshipIndexSeekByRange',
  'UndirectedRelationshipIndexSeekByRange',
  'DirectedRelationshipIndexContainsScan',
  'UndirectedRelationshipIndexContainsScan',
  'DirectedRelationshipIndexEndsWithScan',
  'UndirectedRelationshipIndexEndsWithScan',
  'DirectedRelationshipUniqueIndexSeek',
  'UndirectedRelationshipUniqueIndexSeek',
  'NodeCountFromCountStore',
  'RelationshipCountFromCountStore',
  'Expand(All)',
  'Expand(Into)',
  'OptionalExpand(All)',
  'OptionalExpand(Into)',
  'VarLengthExpand(All)',
  'VarLengthExpand(Into)',
  'VarLengthExpand(Pruning)',
  'VarLengthExpand(Pruning,BFS)',
  'BFSPruningVarExpand',
  'ShortestPath',
  'StatefulShortestPath(All)',
  'StatefulShortestPath(Into)',
  'Repeat(Trail)',
  'Repeat(Walk)',
  'Trail',
  'NullifyMetadata',
  'ProjectEndpoints',
  'TriadicSelection',
  'TriadicBuild',
  'TriadicFilter',
  'Filter',
  'Projection',
  'CacheProperties',
  'Limit',
  'ExhaustiveLimit',
  'Skip',
  'Sort',
  'PartialSort',
  'Top',
  'PartialTop',
  'EagerAggregation',
  'OrderedAggregation',
  'Distinct',
  'OrderedDistinct',
  'Unwind',
  'PartitionedUnwind',
  'Eager',
  'Optional',
  'Apply',
  'SemiApply',
  'AntiSemiApply',
  'LetSemiApply',
  'LetAntiSemiApply',
  'SelectOrSemiApply',
  'SelectOrAntiSemiApply',
  'LetSelectOrSemiApply',
  'LetSelectOrAntiSemiApply',
  'RollUpApply',
  'ConditionalApply',
  'AntiConditionalApply',
  'Anti',
  'CartesianProduct',
  'NodeHashJoin',
  'ValueHashJoin',
  'NodeLeftOuterHashJoin',
  'NodeRightOuterHashJoin',
  'Union',
  'OrderedUnion',
  'AssertSameNode',
  'AssertSameRelationship',
  'ProcedureCall',
]);

const VAR_LENGTH = /^(VarLengthExpand|BFSPruningVarExpand|ShortestPath|StatefulShortestPath|Repeat|Trail)/;

export type PlanVerdict = { ok: true; operators: number } | { ok: false; reason: string };

const bareOperator = (type: string) => type.replace(/@.*$/, '');
const details = (node: PlanNode) => String(node.arguments.Details ?? node.arguments.details ?? '');

function refusalFor(operator: string): string {
  if (operator === 'LoadCSV') return 'LOAD CSV is not allowed (the plan reads a file or URL)';
  if (/^(Show|Terminate)/.test(operator)) return `Commands are not allowed (the plan runs ${operator})`;
  if (/Transaction(Foreach|Apply)/.test(operator)) return 'CALL { … } IN TRANSACTIONS is not allowed';
  if (/^(Create|Merge|Set|Delete|DetachDelete|Remove|Foreach|LockNodes|LockingMerge|SubqueryForeach)/.test(operator)) {
    return `Writing is not allowed (the plan runs ${operator})`;
  }
  return `The plan uses ${operator}, which is not on the list of read operators`;
}

/** Procedure name as the planner resolved it, from ProcedureCall's details ("db.labels() :: (label :: STRING)"). */
export function procedureOf(node: PlanNode): string {
  const match = /^\s*([\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*)\s*\(/u.exec(details(node));
  return match?.[1] ?? '';
}

/** Upper bounds of the lengths in an expansion's details ("(a)-[r*1..3]->(b)", "((a)-[r]->(b)){1, 5}"). */
function expansionBounded(text: string): boolean {
  const lengths = [...text.matchAll(/\*\d*(?:\.\.\d*)?(?=\])/g)].map((m) => m[0]);
  const quantifiers = [...text.matchAll(/\{\s*\d*\s*,\s*(?:\d+|\*)?\s*\}|\{\s*\d+\s*\}/g)].map((m) => m[0].replace(/\s+/g, '').replace(',*}', ',}'));
  for (const length of [...lengths, ...quantifiers]) {
    const hops = upperHops(length);
    if (hops === null || hops > EXPRESSION_LIMITS.maxHops) return false;
  }
  return true;
}

export function checkPlan(root: PlanNode): PlanVerdict {
  let operators = 0;
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    operators += 1;
    const operator = bareOperator(node.operatorType);
    if (!READ_OPERATORS.has(operator)) return { ok: false, reason: refusalFor(operator) };
    if (operator === 'ProcedureCall') {
      const name = procedureOf(node);
      if (!ALLOWED_PROCEDURES.has(name)) return { ok: false, reason: `The procedure ${name || '(unknown)'} is not allowed` };
    }
    if (VAR_LENGTH.test(operator) && !expansionBounded(details(node))) {
      return {
        ok: false,
        reason: `Variable-length expansions need an upper bound of at most ${EXPRESSION_LIMITS.maxHops} hops (the plan runs ${operator} unbounded)`,
      };
    }
    for (const child of node.children) stack.push(child);
  }
  return { ok: true, operators };
}
