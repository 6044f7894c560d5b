/// <reference lib="dom" />
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { PROJECT_ROOT } from '../../src/project-files.js';
import { buildTestApp } from '../support/app.js';
import { connect } from '../support/graph.js';

/** Debian's chromium package, as in embed.test.ts. */
const ARTIFACTS = join(PROJECT_ROOT, 'test', 'artifacts');
/** Screenshots go to test/artifacts/; `EXPLORER_SCREENSHOTS=docs` writes the screenshots of the README and docs/analysts.md to docs/screenshots/ instead. */
const SHOTS = process.env.EXPLORER_SCREENSHOTS === 'docs' ? join(PROJECT_ROOT, 'docs', 'screenshots') : ARTIFACTS;
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TRUST = 'renault-french-trust-nissan-shares';

describe('the explorer in a real headless Chromium', () => {
  const graph = connect();
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;

  const api = async (url: string) => JSON.parse((await app.inject({ url, headers: { accept: 'application/json' } })).body);

  /** A page that records console errors and warnings, page errors (CSP violations among them), and every request not sent to this API. */
  async function openPage(path: string, options: BrowserContextOptions = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, ...options });
    const page = await context.newPage();
    const problems: string[] = [];
    const foreign: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(base) && !url.startsWith('data:')) foreign.push(url);
    });
    onTestFinished(() => context.close());
    await page.goto(`${base}${path}`);
    return { page, problems, foreign };
  }

  /** axe-core's violations of impact serious or critical (its source evaluated in the page, which the CSP does not stop). */
  async function seriousViolations(page: Page) {
    await page.evaluate(AXE_SOURCE);
    const result = await page.evaluate(async () => (window as any).axe.run(document, { resultTypes: ['violations'] }));
    return (result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[])
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  /** Waits until the pictures in view have loaded, so that a screenshot shows what a person sees. */
  const settle = (page: Page) =>
    page.waitForFunction(
      () =>
        Array.from(document.images)
          .filter((img) => {
            const r = img.getBoundingClientRect();
            return r.bottom > 0 && r.top < window.innerHeight;
          })
          .every((img) => img.complete && img.naturalWidth > 0),
      undefined,
      { timeout: 20_000 },
    );
  const shoot = async (page: Page, name: string) => {
    await settle(page);
    await page.screenshot({ path: join(SHOTS, name) });
  };

  const text = async (page: Page, selector: string) => (await page.textContent(selector)) ?? '';

  beforeAll(async () => {
    await graph.seedAlliance();
    app = await buildTestApp({}, { applySchemaOnStart: false });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await graph.close();
  });

  it('an analyst types 日産 and opens Nissan, moves the date to 2016 and sees its 34% of Mitsubishi Motors, then opens the trust and reads its quote', {
    timeout: 90_000,
  }, async () => {
    const { page, problems, foreign } = await openPage('/');
    expect(await page.getAttribute('#q', 'role')).toBe('combobox');
    await settle(page);
    await page.screenshot({ path: join(ARTIFACTS, 'explorer-home.png') });

    // Type-ahead over /v1/suggest, in the script the name is stored in.
    await page.click('#q');
    await page.keyboard.type('日産');
    await page.waitForSelector('#q-suggestions li[role="option"]');
    expect(await text(page, '#q-suggestions')).toContain('Nissan');
    expect(await page.getAttribute('#q', 'aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowDown');
    expect(await page.getAttribute('#q', 'aria-activedescendant')).toBe('q-opt-0');
    await shoot(page, 'explorer-search.png');
    await Promise.all([page.waitForURL(/\/explore\/company\/nissan\?asOf=\d{4}-\d{2}-\d{2}$/), page.keyboard.press('Enter')]);
    expect(await text(page, 'h1')).toBe('Nissan');

    // The slider's stops are the dates on which something about Nissan starts or ends; walk back to 2016.
    await page.waitForSelector('#slider:not([hidden])');
    const stops: string[] = JSON.parse((await page.getAttribute('#slider', 'data-stops'))!);
    expect(stops).toContain('2016-10-20');
    await page.focus('#asof-slider');
    for (let i = 0; i < stops.length && (await text(page, '#asof-slider-value')) > '2016-12-31'; i++) await page.keyboard.press('ArrowLeft');
    const shown = await text(page, '#asof-slider-value');
    expect(shown).toBe('2016-10-20');
    await page.waitForURL(`${base}/explore/company/nissan?asOf=2016-10-20`);
    // The keyboard user is still on the slider.
    await page.waitForFunction(() => document.activeElement?.id === 'asof-slider');
    // The permalink is the URL, pinned to the date shown.
    expect(await page.getAttribute('#permalink', 'href')).toBe('/explore/company/nissan?asOf=2016-10-20');
    const held = await text(page, '#stakes-held table');
    expect(held).toMatch(/Mitsubishi Motors\s*34%/);
    // Both bases and the look-through: Renault holds 43.4% of Nissan that day.
    expect(await text(page, '#stakes-in table')).toMatch(/Renault\s*43\.4%/);
    expect(await text(page, '#look-through')).toContain('Net (voting)');
    await shoot(page, 'explorer-nissan-2016.png');
    await page.locator('#look-through').scrollIntoViewIfNeeded();
    await page.evaluate(() => document.getElementById('look-through')!.scrollIntoView());
    await shoot(page, 'explorer-nissan-2016-look-through.png');

    // To 2024 through the plain date form, then open the trust from the holders of Nissan.
    await page.fill('#asOf', '2024-01-01');
    await Promise.all([page.waitForURL(/asOf=2024-01-01/), page.click('.asof button[type="submit"]')]);
    expect(await text(page, '#stakes-in table')).toMatch(/French trust holding Renault's Nissan shares\s*24\.63%/);
    await Promise.all([
      page.waitForURL(new RegExp(`/explore/company/${TRUST}\\?asOf=2024-01-01`)),
      page.click(`#stakes-held-h ~ * a[href^="/explore/company/${TRUST}"], #stakes-in a[href^="/explore/company/${TRUST}"]`),
    ]);
    expect(await text(page, 'h1')).toBe("French trust holding Renault's Nissan shares");
    const trust = await api(`/v1/companies/${TRUST}?asOf=2024-01-01&include=sources`);
    const quote: string = trust.stakesHeld[0].sources.find((s: any) => s.quotes?.length).quotes[0].quote;
    const sourcesText = await text(page, '#sources');
    expect(sourcesText).toContain(`“${quote}”`);
    // The footnote of the stake leads to that source.
    const ref = await page.getAttribute('#stakes-held td .refs a', 'href');
    expect(await page.locator(`${ref} blockquote`).count()).toBeGreaterThan(0);
    await shoot(page, 'explorer-trust-2024.png');
    await page.evaluate(() => document.getElementById('sources')!.scrollIntoView());
    await shoot(page, 'explorer-trust-sources.png');

    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it('compares 2023-01-01 with 2024-01-01 and shows the rebalancing with its event, then downloads the CSV', { timeout: 60_000 }, async () => {
    const { page, problems, foreign } = await openPage('/explore/company/nissan?asOf=2024-01-01');
    await Promise.all([page.waitForURL(/\/explore\/compare$/), page.click('header nav a[href="/explore/compare"]')]);
    await page.fill('#from', '2023-01-01');
    await page.fill('#to', '2024-01-01');
    await Promise.all([page.waitForURL(/from=2023-01-01&to=2024-01-01/), page.click('form.compare button')]);
    expect(await text(page, 'h1')).toBe('What changed from 2023-01-01 to 2024-01-01');
    const rows = await page.$$eval('#changes tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).textContent.replace(/\s+/g, ' ')));
    const renault = rows.find((r) => r.includes('Renault → Nissan') && r.includes('2023-11-08'));
    expect(renault).toBeDefined();
    expect(renault).toContain('43.4% of the shares');
    expect(renault).toContain('15% of the shares');
    expect(renault).toContain('Rebalanced Renault–Nissan alliance comes into force');
    expect(rows.some((r) => r.includes("French trust holding Renault's Nissan shares → Nissan") && r.includes('began') && r.includes('28.4%'))).toBe(true);
    // The derived look-through shares before and after.
    expect(await text(page, '#derived')).toContain('Renault');
    // The rebalancing's rows in view, as a person would scroll to them.
    await page.evaluate(() => {
      const row = Array.from(document.querySelectorAll('#changes tbody tr')).find((tr) => tr.textContent!.includes('2023-11-08'));
      window.scrollTo(0, row!.getBoundingClientRect().top + window.scrollY - 120);
    });
    await shoot(page, 'explorer-compare.png');

    // Download the CSV from an entity page.
    await page.goto(`${base}/explore/company/nissan?asOf=2024-01-01`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.downloads a:text-is("CSV")')]);
    const saved = join(ARTIFACTS, download.suggestedFilename());
    await download.saveAs(saved);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync(saved, 'utf8');
    expect(csv.split('\n')[0]).toContain('id');
    expect(csv).toContain('renault-stake-nissan-2023');
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it('axe-core finds no serious or critical violation on the home, entity, compare and search pages', { timeout: 90_000 }, async () => {
    for (const path of [
      '/?asOf=2022-02-08',
      '/explore/company/nissan?asOf=2016-10-20',
      `/explore/company/${TRUST}?asOf=2024-01-01`,
      '/explore/brand/renault-samsung?asOf=2021-01-01',
      '/explore/alliance/renault-nissan-mitsubishi-alliance?asOf=2022-02-08',
      '/explore/person/carlos-ghosn?asOf=2010-01-01',
      '/explore/compare?from=2023-01-01&to=2024-01-01',
      '/explore/search?q=Renault',
    ]) {
      const { page, problems } = await openPage(path);
      await page.waitForLoadState('load');
      expect(await seriousViolations(page), path).toEqual([]);
      expect(problems, path).toEqual([]);
      await page.context().close();
    }
  });

  it('reads without JavaScript: the tables, the date form and the search form work as plain GETs', { timeout: 60_000 }, async () => {
    const { page } = await openPage('/explore/company/nissan?asOf=2016-10-20', { javaScriptEnabled: false });
    expect(await text(page, '#stakes-held table')).toMatch(/Mitsubishi Motors\s*34%/);
    expect(await page.isHidden('#slider')).toBe(true);
    await page.fill('#asOf', '2022-02-08');
    await Promise.all([page.waitForURL(/asOf=2022-02-08/), page.click('.asof button[type="submit"]')]);
    expect(await text(page, '#stakes-in table')).toMatch(/Renault\s*43\.4%/);
    await page.fill('#q', 'Лада');
    await Promise.all([page.waitForURL(/\/explore\/search\?q=/), page.click('form.search button')]);
    expect(await text(page, '.results')).toContain('Lada');
  });

  it('treats data as hostile: a search for markup comes back escaped', { timeout: 30_000 }, async () => {
    const { page, problems } = await openPage(`/explore/search?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
    expect(await page.locator('main img').count()).toBe(0);
    expect(await text(page, 'h1')).toBe('Search: <img src=x onerror=alert(1)>');
    expect(problems).toEqual([]);
  });
});
