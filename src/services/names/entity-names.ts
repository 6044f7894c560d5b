import type { StoredNames } from '../../repositories/name-repository.js';
import type { Identifier, NameRecord } from '../../schemas/names.js';

const ids = (joined: string | undefined) => (joined ?? '').split(' ').filter(Boolean);

/** A brand answer: the brand with its names in other languages and former names. */
export function brandWithNames<B extends object>(found: { brand: B; names: StoredNames } | null): (B & { names: NameRecord[] }) | null {
  return found && { ...found.brand, names: namesOf(found.names).names };
}

/** A company answer: the company with its names and identifiers. */
export function companyWithNames<C extends object>(found: { company: C; names: StoredNames } | null): (C & ReturnType<typeof namesOf>) | null {
  return found && { ...found.company, ...namesOf(found.names) };
}

/** The parallel lists the graph stores (dataset/graph-rows.ts) back into records. */
export function namesOf(stored: StoredNames | undefined): { names: NameRecord[]; identifiers: Identifier[] } {
  if (!stored) return { names: [], identifiers: [] };
  return {
    names: stored.otherNames.map((name, i) => ({
      name,
      language: stored.otherNameLanguages[i] ?? 'und',
      kind: (stored.otherNameKinds[i] ?? 'alias') as NameRecord['kind'],
      sources: ids(stored.otherNameSources[i]),
    })),
    identifiers: stored.identifierSchemes.map((scheme, i) => ({
      scheme: scheme as Identifier['scheme'],
      value: stored.identifierValues[i] ?? '',
      exchange: stored.identifierExchanges[i] || null,
      sources: ids(stored.identifierSources[i]),
    })),
  };
}

/** Where each label's entities are served (the ones without a route of their own are found through search). */
export const HREF_BY_TYPE: Record<string, (id: string) => string> = {
  Company: (id) => `/v1/companies/${id}`,
  Brand: (id) => `/v1/brands/${id}`,
  Alliance: (id) => `/v1/alliances/${id}`,
  Plan: (id) => `/v1/plans/${id}`,
};

export const hrefOf = (type: string, id: string) => (HREF_BY_TYPE[type] ?? ((x: string) => `/v1/search?q=${encodeURIComponent(x)}`))(id);

/** The node properties that only carry names and identifiers (stored as parallel lists) or feed the name index. */
export const NAME_PROPERTIES = [
  'otherNames',
  'otherNameLanguages',
  'otherNameKinds',
  'otherNameSources',
  'identifierSchemes',
  'identifierValues',
  'identifierExchanges',
  'identifierSources',
  'identifierKeys',
  'foldedNames',
] as const;

/** A node's properties with the parallel lists turned back into `names` and `identifiers` records (exports). */
export function withNameRecords(props: Record<string, unknown>): Record<string, unknown> {
  const list = (key: string) => (Array.isArray(props[key]) ? (props[key] as string[]) : []);
  const stored = {
    otherNames: list('otherNames'),
    otherNameLanguages: list('otherNameLanguages'),
    otherNameKinds: list('otherNameKinds'),
    otherNameSources: list('otherNameSources'),
    identifierSchemes: list('identifierSchemes'),
    identifierValues: list('identifierValues'),
    identifierExchanges: list('identifierExchanges'),
    identifierSources: list('identifierSources'),
  } as StoredNames;
  const out = Object.fromEntries(Object.entries(props).filter(([k]) => !(NAME_PROPERTIES as readonly string[]).includes(k)));
  const { names, identifiers } = namesOf(stored);
  return { ...out, ...(names.length > 0 ? { names } : {}), ...(identifiers.length > 0 ? { identifiers } : {}) };
}

const BODS_SCHEMES: Record<Identifier['scheme'], { scheme?: string; schemeName: string; uri?: (v: string) => string }> = {
  lei: { scheme: 'XI-LEI', schemeName: 'Global Legal Entity Identifier Index', uri: (v) => `https://search.gleif.org/#/record/${v}` },
  isin: { schemeName: 'ISIN (ISO 6166)' },
  ticker: { schemeName: 'Stock exchange ticker' },
  wikidata: { schemeName: 'Wikidata', uri: (v) => `https://www.wikidata.org/wiki/${v}` },
  'sec-cik': { schemeName: 'U.S. SEC Central Index Key' },
  'jp-corporate-number': { schemeName: 'Japan Corporate Number (National Tax Agency)' },
};

/** BODS 0.4 Identifier objects: org-id.guide codes where one exists (LEI), the scheme's name otherwise. */
export function bodsIdentifiers(identifiers: Identifier[]): Record<string, string>[] {
  return identifiers.map((i) => {
    const s = BODS_SCHEMES[i.scheme];
    return {
      id: i.value,
      ...(s.scheme ? { scheme: s.scheme } : {}),
      schemeName: i.exchange ? `${s.schemeName}, ${i.exchange}` : s.schemeName,
      ...(s.uri ? { uri: s.uri(i.value) } : {}),
    };
  });
}
