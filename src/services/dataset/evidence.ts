import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { DatasetNode, DatasetRelationship, DatasetShareCapital } from '../../schemas/dataset.js';

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
/** Calendar dates in prose ("1 August 2025"): their day and year are dates, not figures the quote must repeat. */
const PROSE_DATE = new RegExp(`\\b\\d{1,2} (?:${MONTHS}) \\d{4}\\b|\\b(?:${MONTHS}) \\d{1,2}, \\d{4}\\b`, 'g');
const ATTRIBUTION = /\([^()]*,\s*\d{4}\)/g;
const SCALE: Record<string, number> = { billion: 1e9, bn: 1e9, bil: 1e9, milliard: 1e9, milliards: 1e9, million: 1e6, millions: 1e6, mn: 1e6, m: 1e6 };

/** Small counts are often spelt out ("five common EV platforms", "ten major brands"). */
const WORDS: Record<string, number> = Object.fromEntries(
  ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'].map((w, i) => [w, i]),
);

/** Numeric fields that state a figure; zero votes (neutralised) and nulls state none. */
const FIGURE_FIELDS = [
  'equityPercent', 'votingPercent', 'value', 'year', 'horizonYear',
  // The share ledger's counts: a stake's shares and votes, a company's capital.
  'shares', 'votes', 'sharesIssued', 'treasuryShares', 'votingRights', 'sharesChanged',
] as const;

/** Every figure a claim states: its numeric fields, and the numbers of its name and description. */
export function figuresOf(item: DatasetNode | DatasetRelationship | DatasetShareCapital): number[] {
  const record = item as unknown as Record<string, unknown>;
  const out = new Set<number>();
  const parts = record.equityFromParts as number[] | undefined;
  for (const key of FIGURE_FIELDS) {
    if (typeof record[key] !== 'number' || record[key] === 0) continue;
    // A share the source states as parts is evidenced by its parts (their sum is checked by the rules).
    if (key === 'equityPercent' && parts) parts.forEach((p) => out.add(p));
    else out.add(record[key] as number);
  }
  for (const nested of ['investment', 'quantity', 'share']) {
    const value = record[nested] as Record<string, unknown> | undefined;
    for (const key of ['amount', 'count', 'percent']) if (value && typeof value[key] === 'number') out.add(value[key] as number);
  }
  for (const key of ['name', 'description']) {
    if (typeof record[key] !== 'string') continue;
    // "(Auto Trendy, 2022)" in a name attributes the claim to its source; it states no figure.
    const text = (record[key] as string).replace(PROSE_DATE, ' ').replace(ATTRIBUTION, ' ');
    for (const n of numbersIn(text, false)) out.add(n);
  }
  return [...out];
}

/**
 * The numbers a text states, in any usual spelling: 17.05 %, 17,05%, 100,242,900, 44.358 343, €23bn,
 * 23 billion, 600 million. A comma is read both ways (decimal and thousands) so either spelling matches.
 */
export function numbersIn(text: string, spelledOut = true): number[] {
  const out: number[] = [];
  const token = /(\d{1,3}(?:[ \u202f,.]\d{3})+(?![\d])|\d+(?:[.,]\d+)?)(?:\s*-?\s*(billion|bn|bil|milliards?|millions?|mn|m)\b)?/gi;
  // Quotes may spell small counts out; a claim's own prose is not read for words ("the one with…").
  if (spelledOut) for (const word of text.toLowerCase().match(/\b[a-z]+\b/g) ?? []) if (WORDS[word] !== undefined) out.push(WORDS[word]);
  for (const match of text.matchAll(token)) {
    const raw = match[1]!;
    const scale = match[2] ? SCALE[match[2].toLowerCase()] ?? 1 : 1;
    const readings = new Set<number>();
    readings.add(Number(raw.replace(/[ \u202f,]/g, '').replace(/\.(?=\d{3}(?:\D|$))/g, '')));
    readings.add(Number(raw.replace(/[ \u202f]/g, '').replace(/,/g, '')));
    readings.add(Number(raw.replace(/[ \u202f.]/g, '').replace(',', '.')));
    readings.add(Number(raw.replace(/[ \u202f]/g, '').replace(',', '.')));
    for (const r of readings) if (Number.isFinite(r)) out.push(r, r * scale);
  }
  return out;
}

/** The figures of a claim that none of its quotes states. Empty when it has no quotes (nothing to check). */
export function unquotedFigures(item: DatasetNode | DatasetRelationship | DatasetShareCapital): number[] {
  const quotes = (item.citations ?? []).map((c) => c.quote);
  if (quotes.length === 0) return [];
  const stated = quotes.flatMap((q) => numbersIn(q));
  return figuresOf(item).filter((n) => !stated.some((s) => Math.abs(s - n) < 1e-9));
}

/** Which file of the dataset folder each id comes from, so a rule's error names the file to edit. */
export function indexIdsByFile(dir: string): Map<string, string> {
  const index = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    const doc = (parseYaml(readFileSync(path, 'utf8')) ?? {}) as Record<string, { id?: string }[] | undefined>;
    for (const section of ['sources', 'nodes', 'relationships', 'shareCapital']) {
      for (const item of doc[section] ?? []) if (item?.id && !index.has(item.id)) index.set(item.id, relative(process.cwd(), path));
    }
  }
  return index;
}
