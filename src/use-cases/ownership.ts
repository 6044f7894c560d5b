import type { z } from 'zod';
import { today } from '../lib/dates.js';
import { HttpProblem } from '../lib/problem.js';
import { includeSources } from '../services/answers/expand-sources.js';
import { toCytoscape } from '../services/ownership/graph-formats.js';
import { OwnershipCycleError } from '../services/ownership/look-through.js';
import {
  computeEffectiveOwnership,
  explainEffectiveOwnership,
  findOwnershipGraph,
  findOwnershipGraphKnownAt,
  findUltimateController,
  findUltimateOwners,
} from '../services/ownership/ownership-service.js';
import { stakeReaderFor } from '../services/versions/versions.js';
import type {
  ControllerQuerySchema,
  EffectiveOwnershipQuerySchema,
  ExplainQuerySchema,
  OwnershipGraphQuerySchema,
  UltimateOwnersQuerySchema,
} from '../schemas/ownership.js';
import type { PathQuerySchema } from '../schemas/paths.js';
import type { UseCaseDeps } from './deps.js';

/** What a door does with an answer besides its body: the dataset version it was computed on (an HTTP header). */
export interface AnswerContext {
  dataVersion?(hash: string): void;
}

/** Stakes that do not converge (a cycle holding 100% of itself) are the asker's 422, whichever door asked. */
export async function throwCycleAs422<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof OwnershipCycleError) throw new HttpProblem(422, error.message);
    throw error;
  }
}

type StakeReader = Awaited<ReturnType<typeof stakeReaderFor>>['reader'];

/**
 * A computation over the stakes as the graph held them at `knownAt` (default: now): the answer with its day
 * and data version, 404 when it finds no company, 422 when the stakes do not converge.
 */
async function onStakesKnownAt<T extends object>(
  { repositories: r }: UseCaseDeps,
  input: { asOf?: string | undefined; knownAt?: string | undefined },
  context: AnswerContext,
  compute: (reader: StakeReader, asOf: string) => Promise<T | null>,
  missing: () => Promise<HttpProblem> | HttpProblem,
) {
  const asOf = input.asOf ?? today();
  const { reader, dataVersion } = await stakeReaderFor(r.ownership, r.versions, input.knownAt);
  const answer = await throwCycleAs422(compute(reader, asOf));
  if (!answer) throw await missing();
  if (dataVersion) context.dataVersion?.(dataVersion.hash);
  return { asOf, dataVersion, ...answer };
}

const noCompany = (id: string) => new HttpProblem(404, `No company with id "${id}"`);

/** The graph around a root as node-link JSON, or as Cytoscape.js elements; the HTTP door draws the other formats from the JSON. */
export async function findGraphAround({ repositories: r }: UseCaseDeps, input: z.infer<typeof OwnershipGraphQuerySchema>, context: AnswerContext = {}) {
  const { root, depth, direction } = input;
  const asOf = input.asOf ?? today();
  let graph: Awaited<ReturnType<typeof findOwnershipGraph>>;
  if (input.knownAt === undefined) graph = await findOwnershipGraph(r.ownership, root, depth, direction, asOf);
  else {
    const known = await findOwnershipGraphKnownAt(r.versions, input.knownAt, root, depth, direction, asOf);
    context.dataVersion?.(known.dataVersion.hash);
    graph = known.graph;
  }
  if (!graph) throw new HttpProblem(404, `No company, brand or alliance with id "${root}"`);
  return input.format === 'cytoscape' ? toCytoscape(graph) : { asOf, root, depth, direction, ...graph };
}

/** A computation over the stake network about one company, 404 naming that company when it is not in the graph. */
const overStakesAbout =
  <I extends { asOf?: string | undefined; knownAt?: string | undefined }, T extends object>(
    about: (input: I) => string,
    compute: (reader: StakeReader, input: I, asOf: string) => Promise<T | null>,
  ) =>
  (deps: UseCaseDeps, input: I, context: AnswerContext = {}) =>
    onStakesKnownAt(
      deps,
      input,
      context,
      (reader, asOf) => compute(reader, input, asOf),
      () => noCompany(about(input)),
    );

export const lookThrough = overStakesAbout(
  (input: z.infer<typeof EffectiveOwnershipQuerySchema>) => input.holder,
  (reader, input, asOf) => computeEffectiveOwnership(reader, input.holder, asOf, input.basis),
);

export function explainLookThrough(deps: UseCaseDeps, input: z.infer<typeof ExplainQuerySchema>, context: AnswerContext = {}) {
  const { holder, company, basis } = input;
  if (holder === company)
    throw new HttpProblem(400, 'holder and company must differ (a company’s share of itself is selfOwnershipPercent in GET /v1/ownership/effective)');
  return onStakesKnownAt(
    deps,
    input,
    context,
    (reader, asOf) => explainEffectiveOwnership(reader, holder, company, asOf, basis),
    async () => noCompany((await deps.repositories.ownership.findCompanyName(holder)) === null ? holder : company),
  );
}

export const findController = overStakesAbout(
  (input: z.infer<typeof ControllerQuerySchema>) => input.company,
  (reader, input, asOf) => findUltimateController(reader, input.company, asOf),
);

export const findOwnersAtTheTop = overStakesAbout(
  (input: z.infer<typeof UltimateOwnersQuerySchema>) => input.company,
  (reader, input, asOf) => findUltimateOwners(reader, input.company, asOf, input.basis),
);

export async function findPathBetween({ repositories: r }: UseCaseDeps, input: z.infer<typeof PathQuerySchema>) {
  const { from, to, include } = input;
  const asOf = input.asOf ?? today();
  const path = await r.paths.findPath(from, to, asOf);
  if (!path) {
    const unknown = await r.paths.findUnknownIds([...new Set([from, to])]);
    if (unknown.length > 0) throw new HttpProblem(404, `No entity with id ${unknown.map((id) => `"${id}"`).join(' or ')}`);
    throw new HttpProblem(404, `No path between "${from}" and "${to}" over relationships valid on ${asOf} (up to 8 hops)`);
  }
  return includeSources({ asOf, ...path }, include, r.sources);
}
