/** The envelope of every MCP tool answer. */
export interface ToolAnswer {
  /** The day the answer is for (today for questions that are not dated). */
  asOf: string;
  /** The content hash of the loaded dataset. */
  dataVersion: string | null;
  /** True when lists were cut to fit the size cap (or the Cypher door's row cap cut the rows). */
  truncated: boolean;
  sources: { id: string; title: string; publisher: string; url: string | null }[];
  data: unknown;
}

const size = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** The longest list anywhere in the value (by serialised size), with a setter to shorten it. */
function longestList(value: unknown): { list: unknown[]; set: (v: unknown[]) => void; bytes: number } | null {
  let best: { list: unknown[]; set: (v: unknown[]) => void; bytes: number } | null = null;
  const visit = (node: unknown, set: (v: unknown[]) => void) => {
    if (Array.isArray(node)) {
      const bytes = size(node);
      if (node.length > 0 && (!best || bytes > best.bytes)) best = { list: node, set, bytes };
      node.forEach((child, i) => visit(child, (v) => (node[i] = v)));
    } else if (node && typeof node === 'object') {
      const obj = node as Record<string, unknown>;
      for (const key of Object.keys(obj)) visit(obj[key], (v) => (obj[key] = v));
    }
  };
  visit(value, () => {});
  return best;
}

/**
 * Cuts the answer to at most maxBytes of JSON: the longest list is halved until it fits (so the head of
 * every ranked list survives), and `truncated` says so. An answer that still does not fit keeps its
 * envelope and a note instead of its data.
 */
export function capAnswer(answer: ToolAnswer, maxBytes: number): ToolAnswer {
  const rowsCut = Boolean((answer.data as { truncated?: unknown } | null)?.truncated === true);
  let out: ToolAnswer = { ...answer, truncated: answer.truncated || rowsCut };
  if (size(out) <= maxBytes) return out;
  out = structuredClone(out);
  out.truncated = true;
  // Lists of the data first; the sources list only when the data has none left to cut.
  const holder = { data: out.data };
  for (let i = 0; i < 200 && size(out) > maxBytes; i += 1) {
    const longest = [longestList(holder), longestList({ sources: out.sources })].find((l) => l && l.list.length > 1);
    if (!longest) break;
    if (longest.list === out.sources) out.sources = out.sources.slice(0, Math.floor(out.sources.length / 2));
    else longest.set(longest.list.slice(0, Math.floor(longest.list.length / 2)));
    out.data = holder.data;
  }
  if (size(out) > maxBytes) out = { ...out, sources: out.sources.slice(0, 5), data: { note: `The answer is larger than the ${maxBytes}-byte cap even with its lists cut; ask for less.` } };
  return out;
}
