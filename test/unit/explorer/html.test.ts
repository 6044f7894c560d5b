import { describe, expect, it } from 'vitest';
import { html, pct, raw, safeExternalUrl } from '../../../src/explorer/html.js';
import { asOfControl, entityHref, layout, SourceList } from '../../../src/explorer/layout.js';

const HOSTILE = `<script>alert("x")</script>' onmouseover='alert(1)`;

describe('explorer HTML', () => {
  it('escapes every value put into a template, in text and in attributes', () => {
    const out = html`<p title="${HOSTILE}">${HOSTILE}</p>`.value;
    expect(out).not.toContain('<script>');
    expect(out).not.toMatch(/' onmouseover='/);
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;alert(1)');
    // Only markup made by html`` or raw() passes unescaped; lists are joined.
    expect(html`${[html`<b>${'a&b'}</b>`, 'c<d']}${raw('<br>')}`.value).toBe('<b>a&amp;b</b>c&lt;d<br>');
    expect(html`${null}${undefined}${false}${0}`.value).toBe('0');
  });

  it('links out only to http(s) addresses', () => {
    expect(safeExternalUrl('javascript:alert(1)')).toBeNull();
    expect(safeExternalUrl('data:text/html,<b>')).toBeNull();
    expect(safeExternalUrl('/relative')).toBeNull();
    expect(safeExternalUrl(42)).toBeNull();
    expect(safeExternalUrl('https://example.org/a?b=1&c=2')).toBe('https://example.org/a?b=1&c=2');
  });

  it('numbers sources in the order cited, keeps each quote once, and escapes titles, notes and quotes', () => {
    const list = new SourceList(new Map([['by-id', { id: 'by-id', title: 'From the catalogue', url: 'https://example.org/c' }]]));
    const refs = list.ref([{ id: 'a', title: HOSTILE, url: 'javascript:alert(1)', quotes: [{ quote: HOSTILE, readOn: '2026-01-01' }] }, 'by-id']).value;
    expect(refs).toBe('<span class="refs"><a href="#src-1" aria-label="source 1">[1]</a><a href="#src-2" aria-label="source 2">[2]</a></span>');
    list.ref([{ id: 'a', quotes: [{ quote: HOSTILE }, { quote: 'second' }] }]);
    const out = list.render().value;
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('javascript:');
    expect(out.match(/<blockquote/g)).toHaveLength(2);
    expect(out).toContain('From the catalogue');
    expect(out).toContain('href="https://example.org/c"');
  });

  it('builds entity links by label, encodes ids, and formats percentages as people read them', () => {
    expect(entityHref('Company', 'nissan', '2016-10-20')).toBe('/explore/company/nissan?asOf=2016-10-20');
    expect(entityHref('Person', 'a b')).toBe('/explore/person/a%20b');
    expect(entityHref('Plan', 'alliance-2030')).toBeNull();
    expect(pct(43.4)).toBe('43.4%');
    expect(pct(15.7835123)).toBe('15.78%');
    expect(pct(0.001)).toBe('<0.01%');
    expect(pct(null)).toBe('—');
  });

  it('the as-of control has a labelled date field, a permalink and the slider stops', () => {
    const out = asOfControl('/explore/company/nissan', '2016-10-20', ['1999-03-27', '2023-11-08']).value;
    expect(out).toContain('<label for="asOf">As of</label>');
    expect(out).toContain('href="/explore/company/nissan?asOf=2016-10-20"');
    expect(out).toContain('data-stops="[&quot;1999-03-27&quot;,&quot;2016-10-20&quot;,&quot;2023-11-08&quot;]"');
    expect(out).toContain('value="1"');
  });

  it('the layout loads only its own script and style, with no inline script or style', () => {
    const page = layout({ title: HOSTILE, asOf: '2024-01-01', body: html`<p>x</p>` });
    expect(page).not.toContain('<script>');
    expect(page).not.toMatch(/<style|style="/);
    expect(page).toContain('<script src="/explore/assets/explorer.js" defer></script>');
    expect(page.startsWith('<!doctype html>')).toBe(true);
  });
});
