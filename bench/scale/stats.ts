/** Small statistics for bench:scale: percentiles, a least-squares line and a log–log slope. */

/** Nearest-rank percentile (q in [0, 1]) of unsorted values; NaN for none. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export function summarise(values: readonly number[]): Summary {
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    n: values.length,
    p50: round(percentile(values, 0.5)),
    p95: round(percentile(values, 0.95)),
    p99: round(percentile(values, 0.99)),
    mean: round(values.reduce((s, v) => s + v, 0) / Math.max(1, values.length)),
    max: round(values.length ? Math.max(...values) : Number.NaN),
  };
}

/** Ordinary least squares y = a + b·x; null with fewer than 3 points or no spread in x. */
export function linearFit(xs: readonly number[], ys: readonly number[]): { intercept: number; slope: number; r2: number } | null {
  const n = xs.length;
  if (n < 3) return null;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i += 1) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    syy += (ys[i]! - my) ** 2;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { intercept: my - slope * mx, slope, r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy) };
}

/**
 * How latency grows with the reachable subgraph: the slope of log(ms) against log(size) over the requests
 * whose subgraph has at least `minSize` elements (below that the fixed cost of a request dominates).
 * 1 means linear, below 1 sublinear, above 1 superlinear. Null with fewer than 5 such requests.
 */
export function logLogSlope(sizes: readonly number[], ms: readonly number[], minSize = 20): number | null {
  const xs: number[] = [];
  const ys: number[] = [];
  sizes.forEach((s, i) => {
    if (s >= minSize && ms[i]! > 0) {
      xs.push(Math.log(s));
      ys.push(Math.log(ms[i]!));
    }
  });
  if (xs.length < 5) return null;
  const fit = linearFit(xs, ys);
  return fit ? Math.round(fit.slope * 100) / 100 : null;
}

/** Without replacement, in a seeded order: `count` items of `items`. */
export function sample<T>(items: readonly T[], count: number, random: () => number): T[] {
  const pool = [...items];
  const out: T[] = [];
  for (let i = 0; i < count && pool.length > 0; i += 1) {
    const j = Math.floor(random() * pool.length);
    out.push(pool[j]!);
    pool[j] = pool[pool.length - 1]!;
    pool.pop();
  }
  return out;
}
