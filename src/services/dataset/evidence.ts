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
  'equityPercent',
  'votingPercent',
  'value',
  'year',
  'horizonYear',
  // The share ledger's counts: a stake's shares and votes, a company's capital.
  'shares',
  'votes',
  'sharesIssued',
  'treasuryShares',
  'votingRights',
  'sharesChanged',
] as const;

/** Every figure a claim states: its numeric fields, and the numbers of its name and description. */
export function figuresOf(item: DatasetNode | DatasetRelationship | DatasetShareCapital): number[] {
  const record = item as unknown as Record<string, unknown>;
  const out = new Set<number>();
  const parts = record.equityFromParts as number[] | undefined;
  for (const key of FIGURE_FIELDS) {
    if (typeof record[key] !== 'number' || record[key] === 0) continue;
    // A count the data derives says how (its derivation's figures are checked instead).
    if (((key === 'shares' || key === 'votes') && record.sharesDerivation) || ((key === 'sharesIssued' || key === 'votingRights') && record.derivation))
      continue;
    // A share the source states as parts is evidenced by its parts (their sum is checked by the rules).
    if (key === 'equityPercent' && parts) for (const p of parts) out.add(p);
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
  // Japanese and Korean counts: 14億9028万2496 (株), 4578만2023주, 3億5759万 …
  for (const m of text.matchAll(/(?:(\d+)[億억])?(?:(\d+)[万만])?(\d+)?(?=株|千株|個|주|$|\D)/g)) {
    if (!m[1] && !m[2]) continue;
    out.push(Number(m[1] ?? 0) * 1e8 + Number(m[2] ?? 0) * 1e4 + Number(m[3] ?? 0));
  }
  for (const match of text.matchAll(token)) {
    const raw = match[1]!;
    const scale = match[2] ? (SCALE[match[2].toLowerCase()] ?? 1) : 1;
    const readings = new Set<number>();
    readings.add(Number(raw.replace(/[ \u202f,]/g, '').replace(/\.(?=\d{3}(?:\D|$))/g, '')));
    readings.add(Number(raw.replace(/[ \u202f]/g, '').replace(/,/g, '')));
    readings.add(Number(raw.replace(/[ \u202f.]/g, '').replace(',', '.')));
    readings.add(Number(raw.replace(/[ \u202f]/g, '').replace(',', '.')));
    for (const r of readings) if (Number.isFinite(r)) out.push(r, r * scale);
  }
  return out;
}

/** The figures a derivation text works from (a derived count's sharesDerivation or a capital record's derivation). */
export function derivationFiguresOf(item: DatasetNode | DatasetRelationship | DatasetShareCapital): number[][] {
  const record = item as unknown as Record<string, unknown>;
  // One entry per number written, with every reading of it (16.19 or 1619): one reading found is enough.
  return ['sharesDerivation', 'derivation'].flatMap((key) =>
    typeof record[key] === 'string'
      ? ((record[key] as string).replace(PROSE_DATE, ' ').match(/\d[\d,.\u202f ]*\d|\d/g) ?? []).map((token) => numbersIn(token.trim(), false))
      : [],
  );
}

/**
 * The figures of a claim that none of its quotes states. Empty when it has no quotes (nothing to check). The figures
 * of a derivation may instead be counts of the share ledger itself (`ledgerFigures`): a derivation chains records.
 */
export function unquotedFigures(item: DatasetNode | DatasetRelationship | DatasetShareCapital, ledgerFigures: ReadonlySet<number> = new Set()): number[] {
  const quotes = (item.citations ?? []).map((c) => c.quote);
  if (quotes.length === 0) return [];
  const stated = quotes.flatMap((q) => numbersIn(q));
  const quoted = (n: number) => stated.some((s) => Math.abs(s - n) < 1e-9);
  // A derivation names its days ("November 2017", "2015–2017"): a bare year is a date there, not a figure.
  const isYear = (readings: number[]) => readings.length > 0 && Number.isInteger(readings[0]) && readings[0]! >= 1900 && readings[0]! <= 2100;
  const derived = derivationFiguresOf(item).filter(
    (readings) => readings.length > 0 && !isYear(readings) && !readings.some((n) => quoted(n) || ledgerFigures.has(n)),
  );
  return [...figuresOf(item).filter((n) => !quoted(n)), ...derived.map((readings) => readings[0]!)];
}

/** Every count and stated percentage of the share ledger: what a derivation may work from. */
export function ledgerFiguresOf(relationships: readonly DatasetRelationship[], capital: readonly DatasetShareCapital[]): Set<number> {
  const out = new Set<number>();
  for (const r of relationships) {
    if (r.type !== 'HOLDS_STAKE') continue;
    for (const n of [r.shares, r.votes, r.equityPercent, r.votingPercent]) if (typeof n === 'number') out.add(n);
  }
  for (const c of capital) for (const n of [c.sharesIssued, c.treasuryShares, c.votingRights, c.sharesChanged]) if (typeof n === 'number') out.add(n);
  return out;
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
