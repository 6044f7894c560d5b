/**
 * What a request costs the graph: `cheap` answers are small reads; `expensive` ones (deep graphs,
 * look-through, the export, paths, pictures, version diffs) count against the per-client limit of
 * expensive requests when the response cache cannot answer them.
 */
export type CostClass = 'cheap' | 'expensive';

/** A fixed class, or how a request's parameters decide it. */
export type CostOf = CostClass | ((query: Record<string, unknown>) => CostClass);

const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);

/** A graph deeper than 3, or drawn as a picture, is expensive. */
export const graphCost = (query: Record<string, unknown>): CostClass => {
  const depth = Number(first(query.depth) ?? '2');
  const format = String(first(query.format) ?? 'json');
  return !(depth < 4) || format === 'png' || format === 'svg' ? 'expensive' : 'cheap';
};

/** The class of one request. */
export const costFor = (cost: CostOf | undefined, query: Record<string, unknown>): CostClass =>
  cost === undefined ? 'cheap' : typeof cost === 'function' ? cost(query) : cost;
