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

/** An array of the answer, with what cutting it needs: its elements' sizes and where it sits. */
interface ListRecord {
  list: unknown[];
  /** Serialised bytes of each element. */
  sizes: number[];
  /** Elements kept (all until cut). */
  kept: number;
  bytes: number;
  /** The nearest array it is inside, and the index of the element of that array it is in. */
  parent: ListRecord | null;
  at: number;
  inData: boolean;
}

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * Serialised sizes of a value and of every array in it, each element measured once (no clone, no
 * serialising the whole again per cut). Values the JSON would drop (undefined, functions) count as null.
 */
function measure(value: unknown, records: ListRecord[], parent: ListRecord | null, at: number, inData: boolean): number {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    return text === undefined ? 4 : utf8(text);
  }
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return measure(withJson.toJSON(), records, parent, at, inData);
  if (Array.isArray(value)) {
    const record: ListRecord = { list: value, sizes: [], kept: value.length, bytes: 0, parent, at, inData };
    records.push(record);
    let bytes = 2 + Math.max(0, value.length - 1);
    value.forEach((item, i) => {
      const size = measure(item, records, record, i, inData);
      record.sizes.push(size);
      bytes += size;
    });
    record.bytes = bytes;
    return bytes;
  }
  let bytes = 2;
  let first = true;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (child === undefined || typeof child === 'function') continue;
    bytes += (first ? 0 : 1) + utf8(JSON.stringify(key)) + 1 + measure(child, records, parent, at, inData);
    first = false;
  }
  return bytes;
}

/** Whether an array is still in the answer: every array around it still keeps the element it is in. */
const alive = (record: ListRecord): boolean => {
  for (let r = record; r.parent; r = r.parent) if (r.at >= r.parent.kept) return false;
  return true;
};

/**
 * Cuts the answer to at most maxBytes of JSON: the longest list is halved until it fits (so the head of
 * every ranked list survives), and `truncated` says so. An answer that still does not fit keeps its
 * envelope and a note instead of its data. The sizes are measured once, the cuts are counted, not made,
 * and the answer is serialised once at the end with its lists cut: nothing is cloned or re-serialised per
 * cut, so a large answer costs time and memory in proportion to its size.
 */
export function capAnswerText(answer: ToolAnswer, maxBytes: number): { answer: ToolAnswer; text: string } {
  const rowsCut = Boolean((answer.data as { truncated?: unknown } | null)?.truncated === true);
  const out: ToolAnswer = { ...answer, truncated: answer.truncated || rowsCut };
  const records: ListRecord[] = [];
  // With its own truncated flag: exact for an answer that fits; a cut one says true, which is no longer.
  const envelopeBytes = measure({ ...out, sources: [], data: null }, [], null, 0, false) - 4 - 2;
  const sourcesBytes = measure(out.sources, records, null, 0, false);
  const dataBytes = measure(out.data, records, null, 0, true);
  let total = envelopeBytes + sourcesBytes + dataBytes;
  if (total <= maxBytes) {
    const text = JSON.stringify(out);
    return { answer: out, text };
  }
  // Lists of the data first; the sources list only when the data has none left to cut.
  for (let i = 0; i < 200 && total > maxBytes; i += 1) {
    let longest: ListRecord | null = null;
    for (const inData of [true, false]) {
      for (const r of records) if (r.inData === inData && r.kept > 1 && (!longest || r.bytes > longest.bytes) && alive(r)) longest = r;
      if (longest) break;
    }
    if (!longest) break;
    const kept = Math.floor(longest.kept / 2);
    let removed = 0;
    for (let k = kept; k < longest.kept; k += 1) removed += longest.sizes[k]! + 1;
    longest.kept = kept;
    // The array and every array around it shrink by as much.
    for (let r: ListRecord | null = longest; r; r = r.parent) r.bytes -= removed;
    total -= removed;
  }
  const cuts = new Map<unknown[], number>();
  for (const r of records) if (r.kept < r.list.length) cuts.set(r.list, r.kept);
  const cut: ToolAnswer = { ...out, truncated: true };
  if (total > maxBytes) {
    const keptSources = records.find((r) => r.list === out.sources)?.kept ?? out.sources.length;
    const note: ToolAnswer = {
      ...cut,
      sources: out.sources.slice(0, Math.min(5, keptSources)),
      data: { note: `The answer is larger than the ${maxBytes}-byte cap even with its lists cut; ask for less.` },
    };
    const text = JSON.stringify(note);
    return { answer: note, text };
  }
  const text = JSON.stringify(cut, (_key, value: unknown) => (Array.isArray(value) && cuts.has(value) ? value.slice(0, cuts.get(value)) : value));
  return { answer: JSON.parse(text) as ToolAnswer, text };
}

export function capAnswer(answer: ToolAnswer, maxBytes: number): ToolAnswer {
  return capAnswerText(answer, maxBytes).answer;
}
