import { html, qs, raw, safeExternalUrl, type Html } from './html.js';

/** Same-origin only, no inline script or style: the explorer's own script, style and pictures. */
export const EXPLORER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

export const ENTITY_TYPES = { Company: 'company', Brand: 'brand', Alliance: 'alliance', Person: 'person' } as const;
export type EntityType = (typeof ENTITY_TYPES)[keyof typeof ENTITY_TYPES];
export const isEntityType = (t: string): t is EntityType => (Object.values(ENTITY_TYPES) as string[]).includes(t);

/** The explorer page of an entity, by its node label (Company, Brand…) or page type; null when it has none. */
export function entityHref(typeOrLabel: string | null | undefined, id: string, asOf?: string): string | null {
  if (!typeOrLabel) return null;
  const type = (ENTITY_TYPES as Record<string, string>)[typeOrLabel] ?? (isEntityType(typeOrLabel) ? typeOrLabel : null);
  if (!type) return null;
  return `/explore/${type}/${encodeURIComponent(id)}${qs({ asOf })}`;
}

/** A link to a party ({id, name, type?}); companies unless the type says otherwise. */
// The answers are read loosely: fields the API adds later must not break a page, and missing ones degrade.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
// biome-ignore lint/suspicious/noExplicitAny: the pages read JSON answers whose schemas the routes have already checked
export type J = any;
export function partyLink(party: J, asOf: string, defaultType: string = 'company'): Html {
  if (!party || typeof party !== 'object') return html`—`;
  const href = entityHref(party.type ?? defaultType, String(party.id), asOf);
  const name = String(party.name ?? party.id);
  return href ? html`<a href="${href}">${name}</a>` : html`${name}`;
}

const BCP47 = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;
export const langAttr = (lang: unknown): Html => (typeof lang === 'string' && BCP47.test(lang) ? html` lang="${lang}"` : raw(''));

interface Citation {
  quote: string;
  readOn: string | null;
}
interface SourceEntry {
  n: number;
  source: J;
  quotes: Map<string, Citation>;
}

/**
 * The sources a page cites, numbered in the order the page first cites them, each with every quote
 * of the claims shown (a claim's quotes come with `include=sources`).
 */
export class SourceList {
  private readonly entries = new Map<string, SourceEntry>();

  /** `catalogue`: every source by id (GET /v1/sources), for facts that cite a source by id only. */
  constructor(private readonly catalogue: ReadonlyMap<string, J> = new Map()) {}

  private add(item: J): SourceEntry | null {
    const id = typeof item === 'string' ? item : item && typeof item === 'object' && typeof item.id === 'string' ? item.id : null;
    if (!id) return null;
    let entry = this.entries.get(id);
    if (!entry) {
      const known = typeof item === 'string' || !item.title ? (this.catalogue.get(id) ?? { id }) : item;
      entry = { n: this.entries.size + 1, source: known, quotes: new Map() };
      this.entries.set(id, entry);
    } else if (typeof item === 'object' && item.title && !entry.source.title) {
      entry.source = item;
    }
    if (typeof item === 'object') {
      const quotes: J[] = Array.isArray(item.quotes) ? item.quotes : typeof item.quote === 'string' ? [{ quote: item.quote, readOn: item.readOn }] : [];
      for (const q of quotes)
        if (q && typeof q.quote === 'string') entry.quotes.set(q.quote, { quote: q.quote, readOn: typeof q.readOn === 'string' ? q.readOn : null });
    }
    return entry;
  }

  /** Footnote links to the sources of one fact. */
  ref(sources: unknown): Html {
    if (!Array.isArray(sources) || sources.length === 0) return raw('');
    const numbers = [
      ...new Set(
        sources
          .map((s) => this.add(s))
          .filter((e): e is SourceEntry => e !== null)
          .map((e) => e.n),
      ),
    ];
    return html`<span class="refs">${numbers.map((n) => html`<a href="#src-${n}" aria-label="source ${n}">[${n}]</a>`)}</span>`;
  }

  /** Sources cited by id only so far (the timeline's), to be described before the list is rendered. */
  missing(): string[] {
    return [...this.entries.entries()].filter(([, e]) => !e.source.title).map(([id]) => id);
  }

  describe(id: string, source: J): void {
    const entry = this.entries.get(id);
    if (entry && source && typeof source === 'object') entry.source = { ...source, id };
  }

  get size(): number {
    return this.entries.size;
  }

  render(): Html {
    if (this.entries.size === 0) return html`<p>No sources cited on this page.</p>`;
    const items = [...this.entries.values()].map(({ n, source: s, quotes }) => {
      const url = safeExternalUrl(s.url);
      const byline = [s.publisher, s.author].filter((x) => typeof x === 'string' && x).join(', ');
      return html`<li id="src-${n}" value="${n}">
        <p><cite${langAttr(s.language)}>${s.title ?? s.id}</cite>${byline ? html` — ${byline}` : ''}${s.publishedOn ? html`, ${s.publishedOn}` : ''}${s.kind ? html` <span class="muted">(${s.kind})</span>` : ''}
        ${url ? html`<br><a href="${url}" rel="noopener noreferrer external">${url}</a>` : html`<br><span class="muted">No web address</span>`}</p>
        ${s.note ? html`<p class="note">${s.note}</p>` : ''}
        ${[...quotes.values()].map(
          (q) =>
            html`<blockquote${langAttr(s.language)}${url ? html` cite="${url}"` : ''}><p>“${q.quote}”</p>${q.readOn ? html`<footer>read on ${q.readOn}</footer>` : ''}</blockquote>`,
        )}
      </li>`;
    });
    return html`<ol class="sources">${items}</ol>`;
  }
}

export interface LayoutOptions {
  title: string;
  asOf: string;
  body: Html;
  /** The JSON answers this page shows, for people who want them. */
  json?: string[];
  reviewedOn?: string | null;
  q?: string;
}

export function layout({ title, asOf, body, json = [], reviewedOn, q }: LayoutOptions): string {
  return `<!doctype html>
${html`<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title} · Alliance explorer</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/explore/assets/explorer.css">
  <script src="/explore/assets/explorer.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
  <a class="brand" href="/${qs({ asOf })}">Alliance explorer</a>
  <form class="search" role="search" action="/explore/search" method="get">
    <label for="q">Search names in any script</label>
    <div class="combo">
      <input id="q" name="q" type="search" value="${q ?? ''}" placeholder="Renault, 日産, Лада, 르노코리아…" autocomplete="off" spellcheck="false"
        role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="q-suggestions" maxlength="200">
      <ul id="q-suggestions" role="listbox" aria-label="Suggestions" hidden></ul>
    </div>
    <input type="hidden" name="asOf" value="${asOf}">
    <button type="submit">Search</button>
  </form>
  <nav aria-label="Site"><a href="/explore/compare">Compare two dates</a> <a href="/docs">API docs</a></nav>
</header>
<main id="main">
${body}
</main>
<footer class="site">
  <p>Every figure names its sources below it. ${reviewedOn ? html`Dataset reviewed on ${reviewedOn}. ` : ''}The same data as JSON:
  ${json.map((u) => html`<a href="${u}"><code>${u}</code></a> `)}</p>
</footer>
</body>
</html>`}
`;
}

/**
 * The as-of form (works without JavaScript), the permalink, and the slider over the stops (the dates on
 * which what the page shows changes), which the script reveals.
 */
export function asOfControl(path: string, asOf: string, stops: string[], keep: Record<string, string> = {}): Html {
  const all = [...new Set([...stops, asOf])].sort();
  const index = all.indexOf(asOf);
  const permalink = `${path}${qs({ ...keep, asOf })}`;
  return html`<section class="asof" aria-label="Date">
  <form method="get" action="${path}">
    ${Object.entries(keep).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
    <label for="asOf">As of</label>
    <input id="asOf" name="asOf" type="date" value="${asOf}" min="1900-01-01" max="2100-12-31" required>
    <button type="submit">Show</button>
    <a class="permalink" href="${permalink}" id="permalink">Permalink to ${asOf}</a>
  </form>
  <div class="slider" id="slider" hidden data-stops="${JSON.stringify(all)}" data-path="${path}" data-keep="${JSON.stringify(keep)}">
    <label for="asof-slider">Move through the dates on which this changes (${all.length} stops)</label>
    <input id="asof-slider" type="range" min="0" max="${Math.max(0, all.length - 1)}" step="1" value="${index}" aria-valuetext="${asOf}">
    <output id="asof-slider-value" for="asof-slider">${asOf}</output>
  </div>
  ${
    stops.length
      ? html`<details class="stops"><summary>Dates on which this changes (${stops.length})</summary>
    <ul>${stops.map((d) => html`<li><a href="${path}${qs({ ...keep, asOf: d })}"${d === asOf ? html` aria-current="date"` : ''}>${d}</a></li>`)}</ul></details>`
      : ''
  }
</section>`;
}

export function section(id: string, title: string, content: Html | string, intro?: Html | string): Html {
  return html`<section id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${title}</h2>${intro ? html`<p class="intro">${intro}</p>` : ''}${content}</section>`;
}
