import type { Plain } from '../db/values.js';

/** JSON with every object's keys sorted, so equal values give equal text whatever their key order. */
export function canonicalJson(value: Plain): string {
  const sortDeep = (v: Plain): Plain => {
    if (Array.isArray(v)) return v.map(sortDeep);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sortDeep(v[k]!)]),
      );
    return v;
  };
  return JSON.stringify(sortDeep(value));
}
