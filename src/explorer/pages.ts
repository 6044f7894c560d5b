import { count, html, pct, qs, raw, type Html } from './html.js';
import { asOfControl, entityHref, langAttr, layout, partyLink, section, SourceList, type EntityType, type J } from './layout.js';

/** One JSON answer of this API, asked in-process (never over HTTP). */
export interface Answer {
  status: number;
  body: J;
  reviewedOn: string | null;
}
export type Ask = ((url: string) => Promise<Answer>) & {
  /** Sources by id in one query (the repository include=sources uses); without it, one answer per source. */
  sourcesByIds?: (ids: string[]) => Promise<ReadonlyMap<string, J>>;
};

export interface Rendered {
  status: number;
  html: string;
}

const ok = (a: Answer) => a.status >= 200 && a.status < 300;

/**
 * Every timeline entry (of one alliance or group, if given), following the cursor: the timeline of the
 * whole graph is longer than one page.
 */
async function timelineItems(ask: Ask, alliance?: string): Promise<J[]> {
  const items: J[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const a: Answer = await ask(`/v1/timeline${qs({ limit: 500, alliance, cursor })}`);
    if (!ok(a)) break;
    items.push(...(a.body.items ?? []));
    cursor = typeof a.body.nextCursor === 'string' ? a.body.nextCursor : null;
    if (!cursor) break;
  }
  return items;
}

/** What a section says when its answer did not come (a refused or failed request). */
function unavailable(a: Answer): Html {
  const detail = a.body && typeof a.body === 'object' && typeof a.body.detail === 'string' ? a.body.detail : `status ${a.status}`;
  return html`<p class="unavailable">Not available just now (${detail}).</p>`;
}

const span = (from: unknown, to: unknown, precision?: unknown): Html =>
  html`${from ? html`<span class="d">${from}</span>${precision && precision !== 'day' ? html` <span class="muted">(${precision})</span>` : ''}` : html`<span class="muted">not known</span>`} – ${to ? html`<span class="d">${to}</span>` : html`<span class="muted">open</span>`}`;

/** A note as a cell: long ones folded behind their beginning, opened with a click or Enter. */
function note(text: unknown): Html {
  if (typeof text !== 'string' || !text) return raw('');
  if (text.length <= 160) return html`${text}`;
  const cut = text.slice(0, 110);
  const head = cut.slice(0, Math.max(cut.lastIndexOf(' '), 60));
  return html`<details class="note-more"><summary>${head}…</summary>${text}</details>`;
}

/** Holds on day D when validFrom <= D < validTo. */
const holdsOn = (from: unknown, to: unknown, day: string) => (typeof from !== 'string' || from <= day) && (typeof to !== 'string' || day < to);

function votingCell(s: J): Html {
  if (s.carriesVotes === false) return html`0% <span class="muted">(no votes)</span>`;
  if (typeof s.votingPercent === 'number') return html`${pct(s.votingPercent)}`;
  return html`<span class="muted">not stated</span>`;
}

/** The day's issued and voting percentages the share ledger derives, where the stake carries its lists. */
function ledgerOn(s: J, day: string): { issued: unknown; voting: unknown; sharesIssued: unknown } | null {
  const d = s.derived;
  if (d && typeof d === 'object') return { issued: d.issuedPercent, voting: d.votingPercent, sharesIssued: d.sharesIssued };
  const from: unknown = s.ledgerFrom;
  if (!Array.isArray(from)) return null;
  const to: unknown[] = Array.isArray(s.ledgerTo) ? s.ledgerTo : [];
  for (let i = 0; i < from.length; i++) {
    if (holdsOn(from[i], to[i], day)) {
      return { issued: s.ledgerIssuedPercent?.[i], voting: s.ledgerVotingPercent?.[i], sharesIssued: s.ledgerSharesIssued?.[i] };
    }
  }
  return null;
}

function stakeTable(caption: string, stakes: J[], side: 'holder' | 'company', asOf: string, sources: SourceList, names: ReadonlyMap<string, string>): Html {
  if (!stakes.length) return html`<p>None recorded on ${asOf}.</p>`;
  // Share counts and the ledger's derived percentages only where some stake has them.
  const withShares = stakes.some((s) => typeof s.shares === 'number');
  const withLedger = stakes.some((s) => (s.derived && typeof s.derived === 'object') || Array.isArray(s.ledgerFrom));
  const rows = stakes.map((s) => {
    const ledger = ledgerOn(s, asOf);
    const equity = html`${s.equityPrecision ? html`${s.equityPrecision} ` : ''}${pct(s.equityPercent)}`;
    return html`<tr>
      <th scope="row">${partyLink(s[side], asOf)}</th>
      <td class="num">${equity}${s.statedBasis ? html`<br><span class="muted">of ${s.statedBasis === 'voting' ? 'exercisable votes' : 'shares issued'}</span>` : ''}${s.statedOn ? html`<br><span class="muted">stated for ${s.statedOn}</span>` : ''}</td>
      <td class="num">${votingCell(s)}</td>
      ${withShares ? html`<td class="num">${typeof s.shares === 'number' ? count(s.shares) : html`<span class="muted">—</span>`}${typeof s.votes === 'number' && s.votes !== s.shares ? html`<br><span class="muted">${count(s.votes)} votes</span>` : ''}</td>` : ''}
      ${withLedger ? html`<td class="num">${ledger ? html`${pct(ledger.issued)} issued<br>${ledger.voting === null ? html`<span class="muted">votes not derivable</span>` : html`${pct(ledger.voting)} voting`}${typeof ledger.sharesIssued === 'number' ? html`<br><span class="muted">of ${count(ledger.sharesIssued)} shares</span>` : ''}` : html`<span class="muted">—</span>`}</td>` : ''}
      <td>${span(s.validFrom, s.validTo, s.validFromPrecision)}</td>
      <td>${s.economicBeneficiary ? html`Economic rights go to ${partyLink({ id: s.economicBeneficiary, name: names.get(s.economicBeneficiary) ?? s.economicBeneficiary }, asOf)}. ` : ''}${note(s.note)}</td>
      <td>${sources.ref(s.sources)}</td>
    </tr>`;
  });
  return html`<div class="table-wrap"><table>
    <caption>${caption}</caption>
    <thead><tr><th scope="col">${side === 'holder' ? 'Holder' : 'Company'}</th><th scope="col">Issued (equity)</th><th scope="col">Voting</th>${withShares ? html`<th scope="col">Shares</th>` : ''}${withLedger ? html`<th scope="col">Derived for the day (share ledger)</th>` : ''}<th scope="col">Valid</th><th scope="col">Note</th><th scope="col">Sources</th></tr></thead>
    <tbody>${rows}</tbody></table></div>`;
}

/** Every {id, name} pair in an answer, to name an entity the answer gives by id only. */
function namesIn(value: unknown, into = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value)) for (const v of value) namesIn(v, into);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.id === 'string' && typeof o.name === 'string' && !into.has(o.id)) into.set(o.id, o.name);
    for (const v of Object.values(o)) if (v && typeof v === 'object') namesIn(v, into);
  }
  return into;
}

/** The Sources section, once every source cited by id only (the timeline's) is described (GET /v1/sources/{id}). */
async function sourcesSection(ask: Ask, sources: SourceList): Promise<Html> {
  const missing = sources.missing();
  if (missing.length && ask.sourcesByIds) {
    const found = await ask.sourcesByIds(missing);
    for (const id of missing) if (found.has(id)) sources.describe(id, found.get(id));
  } else {
    const found = await Promise.all(missing.map((id) => ask(`/v1/sources/${encodeURIComponent(id)}`)));
    found.forEach((a, i) => {
      if (ok(a)) sources.describe(missing[i]!, a.body);
    });
  }
  return section('sources', 'Sources', sources.render());
}

/** The company's dated share capital (a JSON string or a list), where the answer carries it. */
function shareCapital(value: unknown, asOf: string, sources: SourceList): Html | null {
  let records: unknown = value;
  if (typeof value === 'string') {
    try {
      records = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (!Array.isArray(records) || records.length === 0) return null;
  const rows = records
    .filter((r): r is J => r !== null && typeof r === 'object')
    .map(
      (r) => html`<tr${holdsOn(r.validFrom, r.validTo, asOf) ? html` class="current"` : ''}>
      <th scope="row">${span(r.validFrom, r.validTo, r.validFromPrecision)}</th>
      <td class="num">${count(r.sharesIssued)}</td>
      <td class="num">${typeof r.treasuryShares === 'number' ? count(r.treasuryShares) : '—'}</td>
      <td class="num">${typeof r.votingRights === 'number' ? count(r.votingRights) : '—'}</td>
      <td>${r.change ?? ''}${typeof r.sharesChanged === 'number' ? html` (${count(r.sharesChanged)})` : ''}</td>
      <td>${note(r.note)}</td>
      <td>${sources.ref([...(Array.isArray(r.citations) ? r.citations : []), ...(Array.isArray(r.sources) ? r.sources : [])])}</td></tr>`,
    );
  return html`<div class="table-wrap"><table><caption>Share capital over time (the row in force on ${asOf} is marked)</caption>
    <thead><tr><th scope="col">Valid</th><th scope="col">Shares issued</th><th scope="col">Treasury shares</th><th scope="col">Exercisable votes</th><th scope="col">Change</th><th scope="col">Note</th><th scope="col">Sources</th></tr></thead>
    <tbody>${rows}</tbody></table></div>`;
}

function namesAndIdentifiers(e: J, sources: SourceList): Html {
  const names: J[] = Array.isArray(e.names) ? e.names : [];
  const ids: J[] = Array.isArray(e.identifiers) ? e.identifiers : [];
  const aliases: string[] = Array.isArray(e.aliases) ? e.aliases : [];
  return html`<dl class="facts">
    ${aliases.length ? html`<dt>Also called</dt><dd>${aliases.join(' · ')}</dd>` : ''}
    ${names.length ? html`<dt>Names</dt><dd><ul class="names">${names.map((n) => html`<li><span${langAttr(n.language)}>${n.name}</span> <span class="muted">${n.language ?? ''} ${n.kind ?? ''}</span>${sources.ref(n.sources)}</li>`)}</ul></dd>` : ''}
    ${ids.length ? html`<dt>Identifiers</dt><dd><ul class="names">${ids.map((i) => html`<li><code>${i.value}</code> <span class="muted">${i.scheme}${i.exchange ? html` (${i.exchange})` : ''}</span>${sources.ref(i.sources)}</li>`)}</ul></dd>` : ''}
  </dl>`;
}

function picture(root: string, name: string, asOf: string, eager = false): Html {
  const base = `/v1/graph/ownership${qs({ root, asOf })}`;
  return html`<figure class="picture">
    <img src="${`${base}&format=svg`}" alt="Ownership around ${name} as of ${asOf}: owners above what they own, stakes labelled with their percentages. The tables on this page give the same stakes as text." loading="${eager ? 'eager' : 'lazy'}">
    <figcaption>Drawn by Graphviz on the server. The interactive view with its own slider: <a href="/embed/ownership${qs({ root, asOf })}">open the ownership view</a>.</figcaption>
  </figure>`;
}

function downloads(root: string | null, asOf: string, json: string): Html {
  const g = root ? `/v1/graph/ownership${qs({ root, asOf })}` : null;
  return html`<ul class="downloads">
    ${
      g
        ? html`<li><a href="${`${g}&format=svg`}" download="${root}-${asOf}.svg">SVG picture</a></li>
    <li><a href="${`${g}&format=png`}" download="${root}-${asOf}.png">PNG picture</a></li>
    <li><a href="${`${g}&format=cytoscape`}" download="${root}-${asOf}.cytoscape.json">Graph (Cytoscape JSON)</a></li>`
        : ''
    }
    <li><a href="/v1/export?format=csv&amp;part=relationships" download="alliance-relationships.csv">CSV</a> <span class="muted">(every dated relationship; also <a href="/v1/export?format=csv&amp;part=nodes" download="alliance-nodes.csv">nodes</a>, <a href="/v1/export?format=csv&amp;part=sources" download="alliance-sources.csv">sources</a>)</span></li>
    <li><a href="/v1/export?format=bods" download="alliance-bods.json">BODS 0.4</a> <span class="muted">(Beneficial Ownership Data Standard)</span></li>
    <li><a href="${json}">This page’s data as JSON</a></li>
  </ul>`;
}

function timelineList(items: J[], id: string | null, asOf: string, path: string, keep: Record<string, string>, sources: SourceList): Html {
  const mine = id ? items.filter((i) => Array.isArray(i.entities) && i.entities.some((e: J) => e?.id === id)) : items;
  if (!mine.length) return html`<p>Nothing dated is recorded.</p>`;
  return html`<ol class="timeline">${mine.map(
    (i) =>
      html`<li${i.date <= asOf ? '' : html` class="future"`}><a href="${path}${qs({ ...keep, asOf: i.date })}"><time datetime="${i.date}">${i.date}</time></a>${i.datePrecision && i.datePrecision !== 'day' ? html` <span class="muted">(${i.datePrecision})</span>` : ''} ${i.title}${sources.ref(i.sources)}</li>`,
  )}</ol>`;
}

/** The dates on which something about the entity starts or ends: the slider's stops. */
function stopsOf(items: J[], id: string | null): string[] {
  const dates = items
    .filter((i) => (id ? Array.isArray(i.entities) && i.entities.some((e: J) => e?.id === id) : /^(start|end):/.test(String(i.id))))
    .map((i) => String(i.date));
  return [...new Set(dates)].sort();
}

function changesForm(id: string, asOf: string): Html {
  const year = Number(asOf.slice(0, 4));
  return html`<form class="inline" method="get" action="/explore/compare">
    <input type="hidden" name="entity" value="${id}">
    <label for="cf-from">From</label> <input id="cf-from" name="from" type="date" value="${year - 1}-01-01" required>
    <label for="cf-to">to</label> <input id="cf-to" name="to" type="date" value="${asOf}" required>
    <button type="submit">What changed</button>
  </form>`;
}

function header(kind: string, e: J, extra: Html | string = ''): Html {
  return html`<p class="kind">${kind}</p><h1>${e.name ?? e.id}</h1>${e.description ? html`<p class="lede">${e.description}</p>` : ''}${extra}`;
}

function lookThrough(equity: Answer, voting: Answer, asOf: string): Html {
  if (!ok(equity)) return unavailable(equity);
  const byCompany = new Map<string, { company: J; e?: J; v?: J }>();
  for (const item of equity.body.items ?? []) byCompany.set(item.company.id, { company: item.company, e: item });
  if (ok(voting)) {
    for (const item of voting.body.items ?? []) {
      const row = byCompany.get(item.company.id) ?? { company: item.company };
      row.v = item;
      byCompany.set(item.company.id, row);
    }
  }
  if (byCompany.size === 0) return html`<p>Holds no stake, directly or through others, on ${asOf}.</p>`;
  const rows = [...byCompany.values()]
    .sort((a, b) => (b.e?.netPercent ?? 0) - (a.e?.netPercent ?? 0))
    .map(
      (r) => html`<tr><th scope="row">${partyLink(r.company, asOf)}</th>
      <td class="num">${pct(r.e?.directPercent)}</td><td class="num strong">${pct(r.e?.netPercent)}</td><td class="num">${pct(r.e?.integratedPercent)}</td>
      <td class="num strong">${pct(r.v?.netPercent)}</td><td class="num">${pct(r.v?.integratedPercent)}</td></tr>`,
    );
  const self = equity.body.selfOwnershipPercent;
  return html`<div class="table-wrap"><table><caption>Look-through shares on ${asOf}: net (the main figure) and integrated, on both bases</caption>
    <thead><tr><th scope="col">Company</th><th scope="col">Direct (issued)</th><th scope="col">Net (issued)</th><th scope="col">Integrated (issued)</th><th scope="col">Net (voting)</th><th scope="col">Integrated (voting)</th></tr></thead>
    <tbody>${rows}</tbody></table></div>
    <p class="muted">— : not reached on that basis (on the voting basis, stakes without votes count zero).</p>
    ${typeof self === 'number' && self > 0 ? html`<p class="muted">Self-ownership through cross-holdings: ${pct(self)} (issued basis); net figures leave it out.</p>` : ''}
    <details><summary>How these are computed</summary><p>${equity.body.method ?? ''}</p></details>`;
}

function ultimateOwners(a: Answer, basis: string, asOf: string): Html {
  if (!ok(a)) return unavailable(a);
  const b = a.body;
  const owners: J[] = b.owners ?? [];
  const remainders: J[] = b.remainders ?? [];
  const direct: J[] = b.directHolders ?? [];
  return html`<div class="table-wrap"><table><caption>Who ultimately holds it on ${asOf}, ${basis === 'voting' ? 'by exercisable votes' : 'by shares issued'}</caption>
    <thead><tr><th scope="col">Ultimate owner, or the shares no recorded holder has</th><th scope="col">Share</th></tr></thead>
    <tbody>${owners.map((o) => html`<tr><th scope="row">${partyLink(o.owner, asOf)}</th><td class="num">${pct(o.percent)}</td></tr>`)}
    ${remainders.map((r) => html`<tr><th scope="row">Other shareholders of ${partyLink(r.of, asOf)}</th><td class="num">${pct(r.percent)}</td></tr>`)}</tbody></table></div>
    ${direct.length ? html`<p>Direct holders: ${direct.map((d, i) => html`${i ? ', ' : ''}${partyLink(d.holder, asOf)} ${pct(d.percent)}${d.basis === 'share-ledger' ? html` <span class="muted">(share ledger)</span>` : ''}`)}${typeof b.otherShareholdersPercent === 'number' ? html`; other shareholders ${pct(b.otherShareholdersPercent)}` : ''}.</p>` : ''}`;
}

function controller(a: Answer, asOf: string): Html {
  if (!ok(a)) return unavailable(a);
  const b = a.body;
  const holders: J[] = b.votingHolders ?? [];
  return html`<p class="answer">${b.controller ? html`Controlled by ${partyLink(b.controller, asOf)}${Array.isArray(b.chain) && b.chain.length ? html` (through ${b.chain.map((c: J, i: number) => html`${i ? ' → ' : ''}${partyLink(c, asOf)}`)})` : ''}.` : html`No controller. ${b.reason ?? ''}`}</p>
    ${holders.length ? html`<ul>${holders.map((h) => html`<li>${partyLink(h.holder, asOf)}: ${pct(h.votingPercent)} of the votes${typeof h.equityPercent === 'number' ? html`, ${pct(h.equityPercent)} of the shares` : ''} <span class="muted">(${h.basis ?? ''})</span></li>`)}</ul>` : ''}`;
}

function roleRows(roles: J[], asOf: string, sources: SourceList, show: 'person' | 'organisation'): Html {
  if (!roles.length) return html`<p>None recorded.</p>`;
  return html`<div class="table-wrap"><table><caption>${show === 'person' ? 'People and their roles' : 'Roles'} (those held on ${asOf} are marked)</caption>
    <thead><tr><th scope="col">${show === 'person' ? 'Person' : 'Organisation'}</th><th scope="col">Title</th><th scope="col">Valid</th><th scope="col">Note</th><th scope="col">Sources</th></tr></thead>
    <tbody>${roles.map(
      (
        r,
      ) => html`<tr${holdsOn(r.validFrom, r.validTo, asOf) ? html` class="current"` : ''}><th scope="row">${show === 'person' ? partyLink(r.person, asOf, 'person') : partyLink(r.organisation, asOf, r.organisation?.type ?? 'company')}</th>
      <td>${r.title}${holdsOn(r.validFrom, r.validTo, asOf) ? html` <span class="badge">on ${asOf}</span>` : ''}</td><td>${span(r.validFrom, r.validTo)}</td><td>${note(r.note)}</td><td>${sources.ref(r.sources)}</td></tr>`,
    )}</tbody></table></div>`;
}

const notFound = (type: string, id: string, asOf: string): Rendered => ({
  status: 404,
  html: layout({
    title: 'Not found',
    asOf,
    body: html`<h1>Not found</h1><p>No ${type} with id <code>${id}</code>. <a href="/explore/search${qs({ q: id, asOf })}">Search for it</a>.</p>`,
  }),
});

const failed = (a: Answer, asOf: string): Rendered => ({
  status: a.status >= 500 || a.status === 429 ? a.status : 502,
  html: layout({ title: 'Not available', asOf, body: html`<h1>Not available just now</h1>${unavailable(a)}<p>Try again in a moment.</p>` }),
});

/** Where every entity page starts: a missing or failed answer is the whole page; else its body, path and an empty source list. */
function beginEntityPage(
  type: EntityType,
  id: string,
  asOf: string,
  answer: Answer,
): { done: Rendered } | { done?: undefined; e: J; path: string; sources: SourceList } {
  if (answer.status === 404) return { done: notFound(type, id, asOf) };
  if (!ok(answer)) return { done: failed(answer, asOf) };
  return { e: answer.body, path: `/explore/${type}/${encodeURIComponent(id)}`, sources: new SourceList() };
}

/** Where every entity page ends: the sources it cited, listed in full, inside the layout. */
async function finishEntityPage(
  ask: Ask,
  main: Html,
  sources: SourceList,
  page: { title: string; asOf: string; json: string[]; answer: Answer },
): Promise<Rendered> {
  const body = html`${main}${await sourcesSection(ask, sources)}`;
  return { status: 200, html: layout({ title: page.title, asOf: page.asOf, body, json: page.json, reviewedOn: page.answer.reviewedOn }) };
}

export async function companyPage(ask: Ask, id: string, asOf: string): Promise<Rendered> {
  const e = encodeURIComponent(id);
  const [company, effE, effV, ultE, ultV, ctl, timeline] = await Promise.all([
    ask(`/v1/companies/${e}?asOf=${asOf}&include=sources`),
    ask(`/v1/ownership/effective?holder=${e}&asOf=${asOf}&basis=equity`),
    ask(`/v1/ownership/effective?holder=${e}&asOf=${asOf}&basis=voting`),
    ask(`/v1/ownership/ultimate?company=${e}&asOf=${asOf}&basis=equity`),
    ask(`/v1/ownership/ultimate?company=${e}&asOf=${asOf}&basis=voting`),
    ask(`/v1/ownership/controller?company=${e}&asOf=${asOf}`),
    timelineItems(ask),
  ]);
  const start = beginEntityPage('company', id, asOf, company);
  if (start.done) return start.done;
  const { e: c, path, sources } = start;
  const names = namesIn(c);
  // A trust's economic beneficiary is given by id; name it (one more answer, only when needed).
  for (const s of [...(c.stakesHeld ?? []), ...(c.stakesIn ?? [])] as J[]) {
    const b = s.economicBeneficiary;
    if (typeof b === 'string' && !names.has(b)) {
      const other = await ask(`/v1/companies/${encodeURIComponent(b)}?asOf=${asOf}`);
      if (ok(other) && typeof other.body.name === 'string') names.set(b, other.body.name);
    }
  }
  const json = `/v1/companies/${e}?asOf=${asOf}&include=sources`;
  const main = html`${header('Company', c, html`<p class="meta">${[c.kind, c.country].filter(Boolean).join(' · ')}${c.validFrom || c.validTo ? html` · ${span(c.validFrom, c.validTo)}` : ''}${sources.ref(c.sources)}</p>`)}
  ${asOfControl(path, asOf, stopsOf(timeline, id))}
  <nav class="toc" aria-label="On this page"><a href="#stakes-in">Who holds it</a> <a href="#stakes-held">What it holds</a> <a href="#look-through">Look-through</a> <a href="#ultimate">Ultimate owners</a> <a href="#control">Control</a> <a href="#picture">Picture</a> <a href="#people">People</a> <a href="#timeline">Timeline</a> <a href="#sources">Sources</a></nav>
  ${namesAndIdentifiers(c, sources)}
  ${section('stakes-in', 'Who holds it', stakeTable(`Stakes in ${c.name} on ${asOf}`, c.stakesIn ?? [], 'holder', asOf, sources, names))}
  ${section('stakes-held', 'What it holds', stakeTable(`Stakes ${c.name} holds on ${asOf}`, c.stakesHeld ?? [], 'company', asOf, sources, names))}
  ${((capital) => (capital ? section('share-capital', 'Share capital', capital) : ''))(shareCapital(c.shareCapital, asOf, sources))}
  ${section('look-through', 'Look-through ownership', lookThrough(effE, effV, asOf), 'Its share in every company it reaches through chains of stakes, cross-holdings included.')}
  ${section('ultimate', 'Ultimate owners', html`${ultimateOwners(ultE, 'equity', asOf)}${ultimateOwners(ultV, 'voting', asOf)}`)}
  ${section('control', 'Control', controller(ctl, asOf))}
  ${section('picture', 'Ownership picture', html`${picture(id, c.name, asOf)}${downloads(id, asOf, json)}`)}
  ${section('brands', 'Brands', (c.brands ?? []).length ? html`<ul>${(c.brands as J[]).map((b) => html`<li>${partyLink(b, asOf, 'brand')}${b.via ? html` <span class="muted">via ${b.via}</span>` : ''} · ${span(b.since, b.until, b.sincePrecision)}${sources.ref(b.sources)}</li>`)}</ul>` : html`<p>None on ${asOf}.</p>`)}
  ${section('memberships', 'Alliances', (c.memberships ?? []).length ? html`<ul>${(c.memberships as J[]).map((m) => html`<li>${partyLink(m.alliance, asOf, 'alliance')} · ${m.role ?? ''} · ${span(m.since, m.until)}${sources.ref(m.sources)}</li>`)}</ul>` : html`<p>None on ${asOf}.</p>`)}
  ${section('people', 'People and roles', roleRows(c.roles ?? [], asOf, sources, 'person'))}
  ${section('timeline', 'Timeline', html`${timelineList(timeline, id, asOf, path, {}, sources)}${changesForm(id, asOf)}`)}`;
  return finishEntityPage(ask, main, sources, { title: `${c.name} as of ${asOf}`, asOf, json: [json], answer: company });
}

export async function brandPage(ask: Ask, id: string, asOf: string): Promise<Rendered> {
  const e = encodeURIComponent(id);
  const [brand, timeline] = await Promise.all([ask(`/v1/brands/${e}?asOf=${asOf}&include=sources`), timelineItems(ask)]);
  const start = beginEntityPage('brand', id, asOf, brand);
  if (start.done) return start.done;
  const { e: b, path, sources } = start;
  const json = `/v1/brands/${e}?asOf=${asOf}&include=sources`;
  const chain: J[] = b.ownerChain ?? [];
  const main = html`${header('Brand', b, html`<p class="meta">Status on ${asOf}: <strong>${b.status ?? 'unknown'}</strong>${b.segment ? html` · ${b.segment}` : ''} · ${span(b.validFrom, b.validTo)}${sources.ref(b.sources)}</p>`)}
  ${asOfControl(path, asOf, stopsOf(timeline, id))}
  ${namesAndIdentifiers(b, sources)}
  ${section('owner-chain', 'Owned by', chain.length > 1 ? html`<p class="answer">${chain.map((n, i) => html`${i ? ' → ' : ''}${partyLink(n, asOf, n.type)}`)}</p>` : html`<p>No owner on ${asOf}.</p>`)}
  ${section('ownership', 'Ownership history', (b.ownership ?? []).length ? html`<ul>${(b.ownership as J[]).map((o) => html`<li>${partyLink(o.owner, asOf)}${o.via ? html` <span class="muted">via ${o.via}</span>` : ''} · ${span(o.validFrom, o.validTo)}${sources.ref(o.sources)}</li>`)}</ul>` : html`<p>None recorded.</p>`)}
  ${(b.renames ?? []).length ? section('renames', 'Renames', html`<ul>${(b.renames as J[]).map((r) => html`<li>${r.direction === 'renamed-to' ? 'Renamed to' : 'Renamed from'} ${partyLink(r.brand, asOf, 'brand')} on ${r.on ?? 'a day not known'}${sources.ref(r.sources)}</li>`)}</ul>`) : ''}
  ${section('picture', 'Ownership picture', html`${picture(id, b.name, asOf)}${downloads(id, asOf, json)}`)}
  ${section('timeline', 'Timeline', html`${timelineList(timeline, id, asOf, path, {}, sources)}${changesForm(id, asOf)}`)}`;
  return finishEntityPage(ask, main, sources, { title: `${b.name} as of ${asOf}`, asOf, json: [json], answer: brand });
}

export async function alliancePage(ask: Ask, id: string, asOf: string): Promise<Rendered> {
  const e = encodeURIComponent(id);
  const [alliance, brands, timeline] = await Promise.all([
    ask(`/v1/alliances/${e}?asOf=${asOf}&include=sources`),
    ask(`/v1/alliances/${e}/brands?asOf=${asOf}&limit=500`),
    timelineItems(ask, id),
  ]);
  const start = beginEntityPage('alliance', id, asOf, alliance);
  if (start.done) return start.done;
  const { e: a, path, sources } = start;
  const json = `/v1/alliances/${e}?asOf=${asOf}&include=sources`;
  const members: J[] = a.members ?? [];
  const brandItems: J[] = ok(brands) ? (brands.body.timeline ?? []) : [];
  const claims: J[] = a.headcountClaims ?? [];
  const main = html`${header('Alliance', a, html`<p class="meta">${[a.kind, a.nationality].filter(Boolean).join(' · ')}${a.foundedOn ? html` · founded ${a.foundedOn}` : ''}${sources.ref(a.sources)}</p>`)}
  ${asOfControl(path, asOf, stopsOf(timeline, null))}
  ${namesAndIdentifiers(a, sources)}
  ${section(
    'members',
    'Members',
    members.length
      ? html`<div class="table-wrap"><table><caption>Members on ${asOf}, in order of joining</caption><thead><tr><th scope="col">Company</th><th scope="col">Role</th><th scope="col">Since</th><th scope="col">Sources</th></tr></thead>
    <tbody>${members.map((m) => html`<tr><th scope="row">${partyLink(m, asOf)}</th><td>${m.role ?? ''}</td><td>${m.since ?? ''}</td><td>${sources.ref(m.sources)}</td></tr>`)}</tbody></table></div>`
      : html`<p>No members on ${asOf}.</p>`,
  )}
  ${section('brands', `Brands (${a.brandCount ?? brandItems.length})`, ok(brands) ? (brandItems.length ? html`<ul class="cols">${brandItems.map((b) => html`<li>${partyLink(b.brand ?? b, asOf, 'brand')} <span class="muted">· ${b.owner?.name ?? b.company?.name ?? ''}${b.via ? html` via ${b.via}` : ''}</span></li>`)}</ul>` : html`<p>None on ${asOf}.</p>`) : unavailable(brands))}
  ${section('picture', 'Ownership picture', html`${picture(id, a.name, asOf)}${downloads(id, asOf, json)}`)}
  ${claims.length ? section('headcount', 'Headcount', html`<ul>${claims.map((h) => html`<li>${h.precision && h.precision !== 'exact' ? html`${h.precision} ` : ''}${count(h.value)} ${h.unit ?? ''}${h.observedOn ? html` (${h.observedOn})` : ' (undated)'}${sources.ref(h.sources)}</li>`)}</ul>`, 'Sources disagree; each claim stands with its own.') : ''}
  ${(a.plans ?? []).length ? section('plans', 'Plans', html`<ul>${(a.plans as J[]).map((p) => html`<li><a href="/v1/plans/${encodeURIComponent(p.id)}">${p.name}</a> · announced ${p.announcedOn ?? '—'} · horizon ${p.horizonYear ?? '—'}</li>`)}</ul>`) : ''}
  ${section('timeline', 'Timeline', html`${timelineList(timeline, null, asOf, path, {}, sources)}${changesForm(id, asOf)}`, 'Its own dates, its members’ (in any period) and their brands’.')}`;
  return finishEntityPage(ask, main, sources, {
    title: `${a.name} as of ${asOf}`,
    asOf,
    json: [json, `/v1/alliances/${e}/brands?asOf=${asOf}`],
    answer: alliance,
  });
}

export async function personPage(ask: Ask, id: string, asOf: string): Promise<Rendered> {
  const e = encodeURIComponent(id);
  const [person, timeline] = await Promise.all([ask(`/v1/people/${e}?include=sources`), timelineItems(ask)]);
  const start = beginEntityPage('person', id, asOf, person);
  if (start.done) return start.done;
  const { e: p, path, sources } = start;
  const json = `/v1/people/${e}?include=sources`;
  const main = html`${header('Person', p, html`<p class="meta">${p.nationality ?? 'Recorded in the graph'}${sources.ref(p.sources)}</p>`)}
  ${asOfControl(path, asOf, stopsOf(timeline, id))}
  ${namesAndIdentifiers(p, sources)}
  ${section('roles', 'Roles', roleRows(p.roles ?? [], asOf, sources, 'organisation'))}
  ${section('timeline', 'Timeline', timelineList(timeline, id, asOf, path, {}, sources))}`;
  return finishEntityPage(ask, main, sources, { title: `${p.name}`, asOf, json: [json], answer: person });
}

export function entityPage(ask: Ask, type: EntityType, id: string, asOf: string): Promise<Rendered> {
  switch (type) {
    case 'company':
      return companyPage(ask, id, asOf);
    case 'brand':
      return brandPage(ask, id, asOf);
    case 'alliance':
      return alliancePage(ask, id, asOf);
    case 'person':
      return personPage(ask, id, asOf);
  }
}

function describeSide(s: J | null, names: ReadonlyMap<string, string>): Html {
  if (!s) return html`<span class="muted">—</span>`;
  const parts: Html[] = [];
  if (typeof s.equityPercent === 'number') parts.push(html`${pct(s.equityPercent)} of the shares`);
  if (s.carriesVotes === false) parts.push(html`no votes`);
  else if (typeof s.votingPercent === 'number') parts.push(html`${pct(s.votingPercent)} of the votes`);
  if (s.economicBeneficiary) parts.push(html`economic rights to ${names.get(s.economicBeneficiary) ?? s.economicBeneficiary}`);
  if (s.title) parts.push(html`${s.title}`);
  if (s.role) parts.push(html`${s.role}`);
  if (s.via) parts.push(html`via ${s.via}`);
  if (!parts.length) parts.push(html`holds`);
  return html`${parts.map((p, i) => html`${i ? ', ' : ''}${p}`)} <span class="muted">(<span class="d">${s.validFrom ?? '…'}</span> – <span class="d">${s.validTo ?? 'open'}</span>)</span>`;
}

export async function comparePage(ask: Ask, from: string | null, to: string | null, entity: string | null, today: string): Promise<Rendered> {
  const defaults = { from: from ?? '2023-01-01', to: to ?? '2024-01-01' };
  const form = html`<form class="compare" method="get" action="/explore/compare">
    <label for="from">From</label> <input id="from" name="from" type="date" value="${defaults.from}" required>
    <label for="to">to</label> <input id="to" name="to" type="date" value="${defaults.to}" required>
    <label for="entity">Only about (id, optional)</label> <input id="entity" name="entity" type="text" value="${entity ?? ''}" pattern="[a-z0-9][a-z0-9-]*" size="16">
    <button type="submit">Compare</button>
  </form>`;
  const asOf = to ?? today;
  if (!from || !to) {
    return {
      status: 200,
      html: layout({
        title: 'Compare two dates',
        asOf,
        body: html`<h1>Compare two dates</h1><p class="lede">Every stake, brand, membership, role, plan and target that began, ended or changed between two days (both included), with the events behind it, and the look-through shares and controllers before and after.</p>${form}`,
      }),
    };
  }
  if (from > to) {
    return {
      status: 400,
      html: layout({
        title: 'Compare two dates',
        asOf,
        body: html`<h1>Compare two dates</h1>${form}<p class="unavailable" role="alert">The first date must not be after the second.</p>`,
      }),
    };
  }
  const url = `/v1/changes${qs({ from, to, entity, limit: 500, include: 'sources' })}`;
  const changes = await ask(url);
  if (changes.status === 400 || changes.status === 404) {
    return { status: changes.status, html: layout({ title: 'Compare two dates', asOf, body: html`<h1>Compare two dates</h1>${form}${unavailable(changes)}` }) };
  }
  if (!ok(changes)) return failed(changes, asOf);
  const c = changes.body;
  const sources = new SourceList();
  const names = namesIn(c);
  const items: J[] = c.items ?? [];
  const derived: J = c.derived ?? {};
  const ownership: J[] = derived.ownership ?? [];
  const controllers: J[] = derived.controllers ?? [];
  const rows = items.map(
    (i) => html`<tr class="change-${i.change}">
      <td><time datetime="${i.date}">${i.date}</time></td>
      <th scope="row">${partyLink(i.from, i.date, i.from?.type ?? (i.kind === 'role' ? 'person' : 'company'))} → ${partyLink(i.to, i.date, i.to?.type ?? (i.kind === 'brand' ? 'brand' : i.kind === 'membership' ? 'alliance' : 'company'))}</th>
      <td>${i.kind} <span class="badge">${i.change}</span></td>
      <td>${describeSide(i.before, names)}${i.before ? sources.ref(i.before.sources) : ''}</td>
      <td>${describeSide(i.after, names)}${i.after ? sources.ref(i.after.sources) : ''}</td>
      <td>${(i.events ?? []).map((ev: J) => html`<p>${ev.name ?? ev.id}${ev.occurredOn ? html` (${ev.occurredOn})` : ''} <span class="muted">${ev.link === 'changes' ? 'the cause' : 'same day'}</span>${sources.ref(ev.sources)}</p>`)}</td>
    </tr>`,
  );
  const main = html`<h1>What changed from ${from} to ${to}</h1>
  ${form}
  <p class="permalink-line"><a id="permalink" href="/explore/compare${qs({ from, to, entity })}">Permalink</a> · <a href="/explore/company/${encodeURIComponent(entity ?? 'nissan')}${qs({ asOf: from })}">${entity ?? 'Nissan'} on ${from}</a> · <a href="/explore/company/${encodeURIComponent(entity ?? 'nissan')}${qs({ asOf: to })}">on ${to}</a></p>
  ${section(
    'changes',
    `Changes (${c.total ?? items.length})`,
    items.length
      ? html`<div class="table-wrap"><table><caption>Facts that began, ended or changed value between ${from} and ${to}${entity ? html` about ${entity}` : ''}</caption>
    <thead><tr><th scope="col">Day</th><th scope="col">Fact</th><th scope="col">Kind</th><th scope="col">Before</th><th scope="col">After</th><th scope="col">Events</th></tr></thead>
    <tbody>${rows}</tbody></table></div>${c.nextCursor ? html`<p>More in the <a href="${url}">JSON answer</a>.</p>` : ''}`
      : html`<p>Nothing changed.</p>`,
  )}
  ${section(
    'derived',
    'Look-through shares and control, before and after',
    html`${
      ownership.length
        ? html`<div class="table-wrap"><table><caption>Look-through shares on ${derived.before ?? ''} and on ${derived.after ?? ''} that differ: net (the main figure) and integrated (every walk round a cross-holding counted)</caption>
    <thead><tr><th scope="col">Holder</th><th scope="col">Company</th><th scope="col">Basis</th><th scope="col">Net before</th><th scope="col">Net after</th><th scope="col">Integrated before</th><th scope="col">Integrated after</th></tr></thead>
    <tbody>${ownership.map((o) => html`<tr><th scope="row">${partyLink(o.holder, to)}</th><td>${partyLink(o.company, to)}</td><td>${o.basis === 'voting' ? 'voting' : 'issued'}</td><td class="num">${pct(o.beforePercent)}</td><td class="num">${pct(o.afterPercent)}</td><td class="num">${pct(o.integratedBeforePercent)}</td><td class="num">${pct(o.integratedAfterPercent)}</td></tr>`)}</tbody></table></div>`
        : html`<p>No look-through share differs.</p>`
    }
    <p>${controllers.length ? html`Controllers that changed: ${controllers.map((k, i) => html`${i ? '; ' : ''}${partyLink(k.company, to)}: ${k.before ? partyLink(k.before, from) : 'none'} → ${k.after ? partyLink(k.after, to) : 'none'}`)}.` : 'No ultimate controller changed.'}</p>`,
  )}`;
  const body = html`${main}${await sourcesSection(ask, sources)}`;
  return { status: 200, html: layout({ title: `Changes ${from} to ${to}`, asOf: to, body, json: [url], reviewedOn: changes.reviewedOn }) };
}

export async function searchPage(ask: Ask, q: string, asOf: string): Promise<Rendered> {
  const url = `/v1/search${qs({ q, limit: 50 })}`;
  const result = await ask(url);
  if (!ok(result) && result.status !== 400) return failed(result, asOf);
  const items: J[] = ok(result) ? (result.body.items ?? []) : [];
  const body = html`<h1>Search: ${q}</h1>
  ${
    items.length
      ? html`<ol class="results">${items.map((h) => {
          const href = entityHref(h.type, h.id, asOf);
          return html`<li>${href ? html`<a href="${href}">${h.name}</a>` : html`${h.name}`} <span class="muted">${h.type}${h.matchedName && h.matchedName !== h.name ? html` · matched <span lang="">${h.matchedName}</span>` : ''} · ${h.match}</span></li>`;
        })}</ol>`
      : html`<p>No name matches.</p>`
  }`;
  return { status: 200, html: layout({ title: `Search: ${q}`, asOf, body, json: [url], q, reviewedOn: result.reviewedOn }) };
}

export interface HomeExtras {
  examples: readonly { question: string; url: string }[];
  cypherExample: unknown;
  links: Record<string, string>;
  version: string;
}

const ALLIANCE = 'renault-nissan-mitsubishi-alliance';

export async function homePage(ask: Ask, asOf: string, extras: HomeExtras): Promise<Rendered> {
  const [alliance, brands, timeline, groups] = await Promise.all([
    ask(`/v1/alliances/${ALLIANCE}?asOf=${asOf}`),
    ask(`/v1/alliances/${ALLIANCE}/brands?asOf=${asOf}&limit=500`),
    timelineItems(ask, ALLIANCE),
    ask(`/v1/alliances?asOf=${asOf}&limit=100`),
  ]);
  const items: J[] = timeline;
  const members: J[] = ok(alliance) ? (alliance.body.members ?? []) : [];
  const brandItems: J[] = ok(brands) ? (brands.body.items ?? []) : [];
  const body = html`<h1>Alliance knowledge-graph API</h1>
  <p class="lede">Sourced, dated facts about the Renault–Nissan–Mitsubishi Alliance: its companies, brands, cross-shareholdings,
  people and plans. Search a name in any script above, or start from the alliance. Every page can be read as of any day, and every figure names its sources and quotes them.</p>
  ${asOfControl('/', asOf, stopsOf(items, null))}
  <section aria-labelledby="start-h"><h2 id="start-h">Start here</h2>
  <ul class="cards">
    <li><a href="/explore/alliance/${ALLIANCE}${qs({ asOf })}">${ok(alliance) ? alliance.body.name : 'The alliance'}</a></li>
    ${members.map((m) => html`<li>${partyLink(m, asOf)}</li>`)}
    <li><a href="/explore/company/renault-french-trust-nissan-shares${qs({ asOf })}">The French trust holding Renault’s Nissan shares</a></li>
  </ul>
  ${brandItems.length ? html`<p>Brands on ${asOf}: ${brandItems.map((b, i) => html`${i ? ', ' : ''}${partyLink(b.brand ?? b, asOf, 'brand')}`)}.</p>` : ''}
  ${ok(groups) && (groups.body.items ?? []).length > 1 ? html`<p>Other alliances and groups: ${(groups.body.items as J[]).filter((g) => g.id !== ALLIANCE).map((g, i) => html`${i ? ', ' : ''}${partyLink(g, asOf, 'alliance')}`)}.</p>` : ''}
  <p><a href="/explore/compare?from=2023-01-01&amp;to=2024-01-01">Compare two dates</a>: what changed, and why (for example the 2023 rebalancing).</p>
  </section>
  <section aria-labelledby="picture-h"><h2 id="picture-h">The ownership picture on ${asOf}</h2>
  ${picture(ALLIANCE, 'the Renault–Nissan–Mitsubishi Alliance', asOf, true)}
  ${downloads(ALLIANCE, asOf, `/v1/alliances/${ALLIANCE}?asOf=${asOf}`)}
  </section>
  <section aria-labelledby="dev-h"><h2 id="dev-h">For developers</h2>
  <ul class="links">
    <li><a href="${extras.links.docs ?? '/docs'}">API documentation (/docs)</a></li>
    <li><a href="${extras.links.embed ?? ''}">Ownership view to embed</a></li>
    <li><a href="${extras.links.openapi ?? ''}">OpenAPI 3.1 document</a></li>
    <li><a href="${extras.links.export ?? ''}">The whole dataset</a></li>
  </ul>
  <h3>Ask it</h3>
  <ol>${extras.examples.map((e) => html`<li>${e.question}<br><a href="${e.url}"><code>GET ${e.url}</code></a></li>`)}</ol>
  <h2>Cypher guide</h2>
  <p><strong>Over HTTP, read-only</strong>: <code>POST /v1/cypher</code> with <code>{"query": "…", "params": {…}}</code>: one statement, planned as read-only,
  run in a read transaction that is rolled back, with a time limit and a row cap. <strong>The named query catalogue</strong>:
  <a href="${extras.links.queries ?? '/v1/queries'}"><code>GET /v1/queries</code></a>. <strong>Over Bolt</strong> with any Neo4j driver.</p>
  <pre tabindex="0" aria-label="Example: a Cypher query over HTTP">curl -s localhost:3000/v1/cypher -H 'content-type: application/json' -d '${JSON.stringify(extras.cypherExample, null, 2)}'</pre>
  <p>Ask with <code>Accept: application/json</code> for this index as JSON. Version ${extras.version}.</p>
  </section>`;
  return {
    status: 200,
    html: layout({ title: 'Alliance knowledge-graph API', asOf, body, json: ['/', `/v1/alliances/${ALLIANCE}?asOf=${asOf}`], reviewedOn: alliance.reviewedOn }),
  };
}

export { raw };
