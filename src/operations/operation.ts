import type { z } from 'zod';
import type { CostOf } from '../lib/cost-class.js';
import type { UseCaseDeps } from '../use-cases/deps.js';
import type { AnswerContext } from '../use-cases/ownership.js';

type Shape = z.ZodObject<z.ZodRawShape>;

/** The input of an operation: its path parameters and its query, as one object. */
export type OperationInput<P extends Shape | undefined, Q extends Shape> = (P extends Shape ? z.infer<P> : object) & z.infer<Q>;

/**
 * One answer of the graph, served through two doors: `GET path` over HTTP and the MCP tool `name`. Its zod
 * schemas give both doors their validation, the OpenAPI document, the tool's input and output schemas and
 * the use case's types; `run` is the one use case behind both.
 */
export interface Operation<P extends Shape | undefined = Shape | undefined, Q extends Shape = Shape> {
  /** The MCP tool's name (snake_case, verb first). */
  name: string;
  /** The tool's title and the route's OpenAPI tag. */
  title: string;
  tag: string;
  /** The route's summary; with `details`, the tool's description. */
  summary: string;
  details?: string;
  path: string;
  params?: P;
  query: Q;
  /** The answer: the route's 200 schema; inside the MCP envelope, the tool's `data`. */
  output: z.ZodType;
  /** The problem statuses the route documents besides 200. */
  problems: readonly number[];
  /** What the request costs; cheap unless said. Expensive requests count against the per-client limit. */
  cost?: CostOf;
  /** Whether answers are cached with ETags (true unless said); an uncached one still passes admission. */
  cache?: boolean;
  /** Whether the request takes an admission slot in front of the API's pool (true unless said). */
  admission?: boolean;
  /** Query parameters an agent does not choose (formats only the HTTP door can send). */
  httpOnly?: readonly (keyof z.infer<Q> & string)[];
  /** Relationship ids whose sources an answer rests on without listing them (computations over stakes). */
  // biome-ignore lint/suspicious/noExplicitAny: each entry types the answer of its own use case
  restsOn?: (answer: any) => string[];
  run: (deps: UseCaseDeps, input: OperationInput<P, Q>, context: AnswerContext) => Promise<unknown>;
}

/** Declares an operation with its input typed from its schemas. */
export const defineOperation = <P extends Shape | undefined, Q extends Shape>(operation: Operation<P, Q>): Operation<P, Q> => operation;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (value: unknown): string | null => (typeof value === 'string' && ISO_DAY.test(value) ? value : null);

/** The day an answer is for: the asked `asOf` (or the last day of a span), else null for today. */
export const askedDay = (input: Record<string, unknown>): string | null => day(input.asOf) ?? day(input.to);
