import { foldName } from '../../lib/name-folding.js';
import type { NameRepository } from '../../repositories/name-repository.js';
import { IDENTIFIER_SCHEMES, type IdentifierScheme } from '../../schemas/dataset.js';
import type { ReconcileCandidate, ReconcileQuery } from '../../schemas/reconcile.js';
import { namesOf } from './entity-names.js';
import { NameSearch, type MatchKind, type RankedCandidate } from './name-search.js';

/** The types a query may ask for: the graph's labels that carry names worth reconciling. */
export const RECONCILE_TYPES = [
  { id: 'Company', name: 'Company' },
  { id: 'Brand', name: 'Brand' },
  { id: 'Alliance', name: 'Alliance' },
  { id: 'Plan', name: 'Plan' },
  { id: 'Platform', name: 'Platform' },
  { id: 'Technology', name: 'Technology' },
] as const;

export const RECONCILE_PROPERTIES = [
  { id: 'country', name: 'Country (ISO 3166-1 alpha-2 code or name)' },
  ...IDENTIFIER_SCHEMES.map((s) => ({ id: s, name: `Identifier: ${s}` })),
];

const BASE_SCORE: Record<MatchKind, number> = { exact: 100, alias: 90, partial: 60, fuzzy: 40 };
/** The score of a candidate an identifier names while the query's name does not find it. */
const IDENTIFIER_AGAINST_NAME_SCORE = 50;

/**
 * Country names in the languages of the dataset's companies, folded, to ISO codes ("France", "Japon", "日本" → FR, JP),
 * from the runtime's own CLDR data.
 */
const COUNTRY_CODES: Map<string, string> = (() => {
  const map = new Map<string, string>();
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const language of ['en', 'fr', 'ja', 'ko', 'ru', 'zh']) {
    const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
    for (const a of letters) {
      for (const b of letters) {
        const code = a + b;
        let name: string | undefined;
        try {
          name = names.of(code);
        } catch {
          name = undefined;
        }
        // The first code wins: current codes sort before the old ones that share their names (FR before FX, RU before SU).
        if (name && name !== code && !map.has(foldName(name))) map.set(foldName(name), code);
      }
    }
  }
  return map;
})();

export function toCountryCode(value: string): string | null {
  const trimmed = value.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed)) return trimmed.toUpperCase();
  return COUNTRY_CODES.get(foldName(trimmed)) ?? null;
}

const valuesOf = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v]).map((x) => (x && typeof x === 'object' ? String((x as { id: string }).id) : String(x))).filter((x) => x !== '');

/** Answers W3C Reconciliation API query batches over the name indexes: scored candidates with match flags. */
export class Reconciler {
  private readonly search: NameSearch;

  constructor(private readonly names: NameRepository) {
    this.search = new NameSearch(names);
  }

  async reconcileBatch(batch: Record<string, ReconcileQuery>): Promise<Record<string, { result: ReconcileCandidate[] }>> {
    const out: Record<string, { result: ReconcileCandidate[] }> = {};
    for (const [key, query] of Object.entries(batch)) out[key] = { result: await this.reconcile(query) };
    return out;
  }

  async reconcile(query: ReconcileQuery): Promise<ReconcileCandidate[]> {
    const asked = query.type === undefined ? null : Array.isArray(query.type) ? query.type : [query.type];
    const known = new Set<string>(RECONCILE_TYPES.map((t) => t.id));
    const types = asked === null ? null : asked.filter((t) => known.has(t));
    if (types !== null && types.length === 0) return [];
    const limit = query.limit ?? 5;
    const props = query.properties ?? [];
    const countries = props
      .filter((p) => p.pid === 'country')
      .flatMap((p) => valuesOf(p.v))
      .map(toCountryCode);
    const wantedIds = props
      .filter((p) => (IDENTIFIER_SCHEMES as readonly string[]).includes(p.pid))
      .flatMap((p) => valuesOf(p.v).map((v) => ({ scheme: p.pid as IdentifierScheme, value: v.trim().toUpperCase() })));

    let candidates: RankedCandidate[] = [];
    const named = query.query !== undefined && query.query.trim() !== '';
    if (named) candidates = await this.search.search(query.query!, { types, candidates: Math.max(limit * 4, 20) });
    // A blank name with no property asks for nothing: no candidates (the specification allows the query).
    const foundByName = new Set(candidates.map((c) => c.id));
    // A candidate found by identifier alone joins the list (a query may carry only an ISIN).
    for (const { scheme, value } of wantedIds) {
      const ref = await this.names.findByIdentifier(scheme, value);
      if (ref && !candidates.some((c) => c.id === ref.id) && (types === null || types.includes(ref.type))) {
        candidates.push({
          ...ref,
          aliases: [],
          otherNames: [],
          foldedNames: [],
          country: null,
          description: null,
          sources: [],
          score: 0,
          match: 'fuzzy',
          matchedName: ref.name,
          closeness: 0,
        });
      }
    }
    if (candidates.length === 0) return [];
    const stored = new Map((await this.names.findNames(candidates.map((c) => c.id))).map((s) => [s.id, s]));

    const scored = candidates.map((c) => {
      const s = stored.get(c.id);
      const identifiers = namesOf(s).identifiers;
      const country = s?.country ?? null;
      const features: { id: string; value: boolean | number }[] = [
        { id: 'name_exact', value: c.match === 'exact' },
        { id: 'name_alias', value: c.match === 'alias' },
        { id: 'name_fuzzy', value: c.match === 'fuzzy' },
        { id: 'text_score', value: Math.round(c.score * 1000) / 1000 },
        { id: 'name_closeness', value: c.closeness },
      ];
      let score = BASE_SCORE[c.match] + (c.match === 'partial' || c.match === 'fuzzy' ? Math.round(25 * c.closeness) : 0);
      let contradicted = false;
      if (countries.length > 0) {
        const same = country !== null && countries.includes(country);
        features.push({ id: 'country_match', value: same });
        if (country !== null && !same) {
          score -= 30;
          contradicted = true;
        }
      }
      let identified = false;
      for (const w of wantedIds) {
        const has = identifiers.some((i) => i.scheme === w.scheme && i.value === w.value);
        features.push({ id: `${w.scheme}_match`, value: has });
        if (has) identified = true;
        else if (identifiers.some((i) => i.scheme === w.scheme)) contradicted = true;
      }
      if (identified) {
        // An identifier confirms a candidate the name found; one the name did not find contradicts the
        // name (name "x", ticker 7201): the identifier's word counts, but the candidate is not sure.
        if (!named || foundByName.has(c.id)) score = 100;
        else {
          score = IDENTIFIER_AGAINST_NAME_SCORE;
          contradicted = true;
        }
        if (named) features.push({ id: 'name_agrees_with_identifier', value: foundByName.has(c.id) });
      }
      return { c, s, score: Math.max(0, Math.min(100, Math.round(score * 10) / 10)), features, contradicted, identified };
    });
    scored.sort((a, b) => b.score - a.score || (a.c.id < b.c.id ? -1 : 1));
    const best = scored[0]!;
    const sure = (best.identified || best.c.match === 'exact' || best.c.match === 'alias') && !best.contradicted;
    const unambiguous = scored.length === 1 || scored[1]!.score < best.score;
    return scored.slice(0, limit).map((x, i) => ({
      id: x.c.id,
      name: x.c.name,
      ...(x.s?.description ? { description: x.s.description } : {}),
      score: x.score,
      match: i === 0 && sure && unambiguous,
      features: x.features,
      type: [{ id: x.c.type, name: x.c.type }],
    }));
  }

  async suggest(prefix: string, cursor: number) {
    const hits = await this.search.suggest(prefix, cursor + 10);
    return hits.slice(cursor).map((h) => ({
      id: h.id,
      name: h.name,
      ...(h.matchedName !== h.name ? { description: h.matchedName } : {}),
      notable: [{ id: h.type, name: h.type }],
    }));
  }
}
