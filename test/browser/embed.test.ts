/// <reference lib="dom" />
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { PROJECT_ROOT } from '../../src/project-files.js';
import { buildTestApp } from '../support/app.js';
import { connect } from '../support/graph.js';

/** Debian's chromium package; `.ci/run` installs it when missing. Test tools that download their own browser fail here. */
const ARTIFACTS = join(PROJECT_ROOT, 'test', 'artifacts');
const ALLIANCE = 'renault-nissan-mitsubishi-alliance';

interface ApiEdge {
  id: string;
  type: string;
  source: string;
  target: string;
}

const ALLIANCE_ID = 'renault-nissan-mitsubishi-alliance';

describe('the embeddable ownership view in a real headless Chromium', () => {
  const graph = connect();
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let changeDates: string[];

  const api = async (url: string) => JSON.parse((await app.inject({ url, headers: { accept: 'application/json' } })).body);

  /** A page that records console errors and warnings, page errors, and every request not sent to this API. */
  async function openPage(viewport: { width: number; height: number }, query: string) {
    const page = await browser.newPage({ viewport, acceptDownloads: true });
    const problems: string[] = [];
    const foreign: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(base) && !url.startsWith('blob:') && !url.startsWith('data:')) foreign.push(url);
    });
    onTestFinished(() => page.close());
    await page.goto(`${base}/embed/ownership?${query}`);
    await ready(page);
    return { page, problems, foreign };
  }
  const ready = (page: Page, asOf?: string) =>
    page.waitForSelector(`body[data-state="ready"]${asOf ? `[data-as-of="${asOf}"]` : ''}`, { state: 'attached', timeout: 30_000 });

  /** What the page drew: each relationship with the ids of the API edges (claims) it stands for. */
  const rendered = (page: Page) =>
    page.evaluate(() => (window as any).ownershipView.rendered() as { ids: string[]; type: string; source: string; target: string }[]);

  /** Pairs of drawn boxes (entities and edge labels, each with its text) that overlap, and labels that overflow their box. */
  const overlapsIn = (page: Page) =>
    page.evaluate(() => {
      const cy = (window as any).cy;
      const boxes = cy.nodes().map((n: any) => ({
        id: n.id(),
        body: n.boundingBox({ includeLabels: false, includeOverlays: false }),
        all: n.boundingBox({ includeLabels: true, includeOverlays: false }),
      }));
      const found: string[] = [];
      for (const b of boxes) {
        // A label wider or taller than its box would spill onto its neighbours.
        if (b.all.x1 < b.body.x1 - 0.5 || b.all.x2 > b.body.x2 + 0.5 || b.all.y1 < b.body.y1 - 0.5 || b.all.y2 > b.body.y2 + 0.5)
          found.push(`label of ${b.id} overflows`);
      }
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i].all;
          const b = boxes[j].all;
          if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) found.push(`${boxes[i].id} × ${boxes[j].id}`);
        }
      }
      return { count: boxes.length, found };
    });

  beforeAll(async () => {
    await graph.seedAlliance();
    app = await buildTestApp({}, { applySchemaOnStart: false });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
    // The dates on which the alliance's graph changes: every start and end of a relationship in its timeline, page by page.
    const items: any[] = [];
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const page = await api(`/v1/timeline?limit=100&alliance=${ALLIANCE_ID}${cursor ? `&cursor=${cursor}` : ''}`);
      items.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(items.length).toBeGreaterThan(100);
    changeDates = [...new Set<string>(items.filter((i: any) => /^(start|end):/.test(i.id)).map((i: any) => i.date))].sort();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await graph.close();
  });

  it('renders the alliance as of 2022-02-08 from this API alone, full names, one edge per stake, facts on click, no console errors', {
    timeout: 90_000,
  }, async () => {
    const { page, problems, foreign } = await openPage({ width: 1280, height: 800 }, `root=${ALLIANCE}&asOf=2022-02-08`);
    const names = await page.evaluate(() =>
      (window as any).cy
        .nodes('[type != "Label"]')
        .map((n: any) => n.data('name'))
        .sort(),
    );
    // The alliance, its members and brands, the companies they hold and their holders of 3% or more (data/alliance).
    expect(names).toEqual([
      'Alliance Rostec Auto B.V.',
      'Alpine',
      'Dacia',
      'Datsun',
      'Dongfeng Motor Co., Ltd.',
      'French State',
      'Infiniti',
      'Lada',
      'MUFG Bank',
      'Mercedes-Benz Group',
      'Mitsubishi',
      'Mitsubishi Corporation',
      'Mitsubishi Heavy Industries',
      'Mitsubishi Motors',
      'Nissan',
      'Nissan',
      'Renault',
      'Renault',
      'Renault Korea Motors',
      'Renault Nissan Automotive India Private Ltd',
      'Renault Nissan Technology & Business Centre India',
      'Renault Samsung',
      'Renault employees and former employees (employee shareholding)',
      'Renault–Nissan–Mitsubishi Alliance',
      'Venucia',
    ]);
    // Names are wrapped, never cut.
    const labels: string[] = await page.evaluate(() => (window as any).cy.nodes().map((n: any) => n.data('label')));
    expect(labels).toContain('Renault–Nissan–Mitsubishi\nAlliance');
    expect(labels.some((l) => l.includes('…'))).toBe(false);
    const stakeLabels = await page.evaluate(() =>
      (window as any).cy
        .nodes('[type = "Label"][kind = "HOLDS_STAKE"]')
        .map((n: any) => n.data('label'))
        .sort(),
    );
    // Stakes with share counts show the ledger's figure (Nissan's 506,620,577 of 1,490,282,496 Mitsubishi Motors shares).
    expect(stakeLabels.map((l: string) => l.replace(/\n/g, ' '))).toEqual([
      '0.99%',
      '1.44%',
      '15% (no votes)',
      '15.01% (28.61% votes)',
      '17%',
      '20%',
      '3.1%',
      '3.48%',
      '30%',
      '33.99%',
      '43.4%',
      '49%',
      '50%',
      '50.1%',
      '51%',
      '70%',
      '80.1% · 70.1% — sources disagree',
    ]);
    expect(await page.textContent('#title')).toBe('Ownership around Renault–Nissan–Mitsubishi Alliance as of 2022-02-08');
    // The alliance is on top.
    const ys = await page.evaluate(() => Object.fromEntries((window as any).cy.nodes('[type != "Label"]').map((n: any) => [n.id(), n.position('y')])));
    // Above its members and everything they own; the members' own holders (the French State, Daimler …) are owners too,
    // so they may share the top layer with it.
    const owners = new Set([
      'french-state',
      'mercedes-benz-group',
      'renault-employee-shareholders',
      'mitsubishi-corporation',
      'mitsubishi-heavy-industries',
      'mufg-bank',
    ]);
    for (const id of Object.keys(ys)) if (id !== ALLIANCE && !owners.has(id)) expect(ys[ALLIANCE], id).toBeLessThan(ys[id]);
    // Each holder is above what it holds.
    expect(ys['french-state']).toBeLessThan(ys.renault);
    expect(ys['mitsubishi-corporation']).toBeLessThan(ys['mitsubishi-motors']);

    // Clicking Renault shows its facts and sources.
    await page.evaluate(() => {
      (window as any).cy.getElementById('renault').emit('tap');
    });
    await page.waitForSelector('#facts h2');
    const factsText = await page.textContent('#facts');
    expect(factsText).toContain('Holds 43.4% of Nissan');
    // The people holding a role at Renault that day.
    expect(factsText).toContain('Chairman of the Board: Jean-Dominique Senard (since 2019-01-24)');
    expect(factsText).toContain('Chief Executive Officer: Luca de Meo (since 2020-07-01)');
    expect(factsText).toContain('Auto Trendy (2022-02-08): Renault-Nissan-Mitsubishi Alliance: from start to future');
    await page.screenshot({ path: join(ARTIFACTS, 'embed-1280x800-2022-02-08.png') });

    // The permalink is pinned to the date shown.
    expect(await page.getAttribute('#permalink', 'href')).toBe(`/embed/ownership?root=${ALLIANCE}&asOf=2022-02-08&depth=2`);

    // The overlap count sees an overlap when there is one: put a stake's label on Renault.
    expect((await overlapsIn(page)).found).toEqual([]);
    await page.evaluate(() => {
      const cy = (window as any).cy;
      cy.nodes('[type = "Label"]')[0].position(cy.getElementById('renault').position());
    });
    expect((await overlapsIn(page)).found.some((f) => f.includes('renault'))).toBe(true);
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it('two sources that disagree on one stake are one edge, with both claims in the side panel', { timeout: 60_000 }, async () => {
    const { page, problems } = await openPage({ width: 1280, height: 800 }, `root=${ALLIANCE}&asOf=2025-06-01`);
    const stakes = (await rendered(page)).filter((r) => r.type === 'HOLDS_STAKE' && r.source === 'nissan' && r.target === 'mitsubishi-motors');
    expect(stakes).toEqual([
      {
        ids: ['nissan-stake-mitsubishi-2024', 'nissan-stake-mitsubishi-2024-nikkan', 'nissan-stake-mitsubishi-2025-03'],
        type: 'HOLDS_STAKE',
        source: 'nissan',
        target: 'mitsubishi-motors',
      },
    ]);
    const label = await page.evaluate(() =>
      (window as any).cy.nodes('[type = "Label"][kind = "HOLDS_STAKE"]').map((n: any) => n.data('label').replace(/\n/g, ' ')),
    );
    // The third claim has a share count: 357,592,277 of 1,460,476,846 shares, beside its stated 26.67% of the votes.
    expect(label).toContain('24.05% · 27% · 24.48% (26.67% votes) — sources disagree');
    const labelId = await page.evaluate(() =>
      (window as any).cy
        .nodes('[type = "Label"]')
        .filter((n: any) => n.data('label').includes('27%'))[0]
        .id(),
    );
    // Braces: returning the Cytoscape collection would make Playwright serialise all of it.
    await page.evaluate((id) => {
      (window as any).cy.getElementById(id).emit('tap');
    }, labelId);
    await page.waitForSelector('#facts table.claims');
    const panel = await page.textContent('#facts');
    expect(panel).toContain('Nissan → Mitsubishi Motors');
    expect(panel).toContain('3 sources disagree');
    expect(panel).toContain('24.05%');
    expect(panel).toContain('27%');
    await page.screenshot({ path: join(ARTIFACTS, 'embed-disagreeing-claims-2025-06-01.png') });
    expect(problems).toEqual([]);
  });

  it('the slider’s stops are the change dates; keys and play move through them', { timeout: 90_000 }, async () => {
    const { page, problems, foreign } = await openPage({ width: 1280, height: 800 }, `root=${ALLIANCE}&asOf=2022-02-08`);
    expect(changeDates.length).toBeGreaterThan(12);
    expect(await page.evaluate(() => (window as any).ownershipView.stops())).toEqual(changeDates);
    expect(Number(await page.getAttribute('#slider', 'max'))).toBe(changeDates.length - 1);
    // 2022-02-08 lies between two change dates: the slider stands on the last one before it.
    const before = changeDates.filter((d) => d <= '2022-02-08').length - 1;
    expect(Number(await page.inputValue('#slider'))).toBe(before);

    await page.focus('#slider');
    await page.keyboard.press('ArrowRight');
    await ready(page, changeDates[before + 1]);
    await page.keyboard.press('Home');
    await ready(page, changeDates[0]);
    await page.keyboard.press('End');
    await ready(page, changeDates.at(-1));
    expect(await page.textContent('#date')).toBe(changeDates.at(-1));

    // Play from the start, see it advance, then pause.
    await page.keyboard.press('Home');
    await ready(page, changeDates[0]);
    await page.click('#play');
    expect(await page.getAttribute('#play', 'aria-pressed')).toBe('true');
    await ready(page, changeDates[2]);
    await page.click('#play');
    expect(await page.getAttribute('#play', 'aria-pressed')).toBe('false');
    const stoppedAt = await page.inputValue('#slider');
    await page.waitForTimeout(1_600);
    expect(await page.inputValue('#slider')).toBe(stoppedAt);
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it('for 12 dates the drawn edges are the API’s edges, and no label overlaps a node or another label, at 1280×800 and 375×667', {
    timeout: 240_000,
  }, async () => {
    const step = (changeDates.length - 1) / 11;
    const dates = Array.from({ length: 12 }, (_, i) => changeDates[Math.round(i * step)]!);
    expect(new Set(dates).size).toBe(12);
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 375, height: 667 },
    ]) {
      const { page, problems, foreign } = await openPage(viewport, `root=${ALLIANCE}&asOf=${dates[0]}`);
      for (const date of dates) {
        const index = changeDates.indexOf(date);
        await page.evaluate((i) => {
          const slider = document.getElementById('slider') as HTMLInputElement;
          slider.value = String(i);
          slider.dispatchEvent(new Event('change'));
        }, index);
        await ready(page, date);
        const expected = await api(`/v1/graph/ownership?root=${ALLIANCE}&asOf=${date}&format=json`);
        const drawn = await rendered(page);
        // Every API edge is drawn, once, in one drawn edge per (type, holder, target).
        expect(drawn.flatMap((d) => d.ids).sort()).toEqual(expected.edges.map((e: ApiEdge) => e.id).sort());
        for (const d of drawn) {
          for (const id of d.ids) expect(expected.edges.find((e: ApiEdge) => e.id === id)).toMatchObject({ type: d.type, source: d.source, target: d.target });
        }
        expect(new Set(drawn.map((d) => `${d.type} ${d.source} ${d.target}`)).size).toBe(drawn.length);
        const nodeIds = await page.evaluate(() =>
          (window as any).cy
            .nodes('[type != "Label"]')
            .map((n: any) => n.id())
            .sort(),
        );
        expect(nodeIds).toEqual(expected.nodes.map((n: any) => n.id).sort());
        // The table of stakes says the same.
        expect(await page.locator('#stakes tbody tr').count()).toBe(Math.max(1, drawn.filter((d) => d.type === 'HOLDS_STAKE').length));
        const { count, found } = await overlapsIn(page);
        expect(count).toBeGreaterThan(0);
        expect(found, `${date} at ${viewport.width}×${viewport.height}`).toEqual([]);
        if (['1999-03-27', '2016-10-20', '2024-11-08'].includes(date) || date === dates.at(-1)) {
          await page.screenshot({ path: join(ARTIFACTS, `embed-${viewport.width}x${viewport.height}-${date}.png`) });
        }
      }
      expect(problems).toEqual([]);
      expect(foreign).toEqual([]);
    }
  });

  it('the export buttons give a valid SVG, a valid PNG and the JSON', { timeout: 60_000 }, async () => {
    const { page, problems, foreign } = await openPage({ width: 1280, height: 800 }, `root=${ALLIANCE}&asOf=2022-02-08`);
    const save = async (button: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
      const path = join(ARTIFACTS, download.suggestedFilename());
      await download.saveAs(path);
      return { name: download.suggestedFilename(), bytes: readFileSync(path) };
    };
    const svg = await save('#export-svg');
    expect(svg.name).toBe(`ownership-${ALLIANCE}-2022-02-08.svg`);
    const svgText = svg.bytes.toString('utf8');
    expect(XMLValidator.validate(svgText)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(svgText);
    expect(doc.svg.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(svgText).toContain('>43.4%</text>');

    const png = await save('#export-png');
    expect(png.name).toBe(`ownership-${ALLIANCE}-2022-02-08.png`);
    expect(png.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(png.bytes.readUInt32BE(16)).toBeGreaterThan(400);
    expect(png.bytes.readUInt32BE(20)).toBeGreaterThan(200);
    // The PNG decodes: Chromium draws it.
    const decoded = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    }, png.bytes.toString('base64'));
    expect(decoded).toEqual([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]);

    const json = await save('#export-json');
    // Every relationship of the alliance's picture that day (GET /v1/graph/ownership at depth 2): 31.
    expect(JSON.parse(json.bytes.toString('utf8')).edges).toHaveLength(31);
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it('keyboard: the graph takes focus, arrows walk it and Enter opens the facts; the table of stakes is the text alternative', {
    timeout: 60_000,
  }, async () => {
    const { page, problems } = await openPage({ width: 1280, height: 800 }, `root=${ALLIANCE}&asOf=2022-02-08`);
    await page.focus('#graph');
    await page.keyboard.press('ArrowRight');
    expect(await page.textContent('#status')).toMatch(/^Alliance: Renault–Nissan–Mitsubishi Alliance/);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#facts h2');
    expect(await page.textContent('#facts h2')).toBe('Renault–Nissan–Mitsubishi Alliance');

    await page.click('#text-alternative summary');
    const rows = await page.$$eval('#stakes tbody tr', (trs) => trs.map((tr) => Array.from(tr.children).map((c) => c.textContent)));
    // One row per stake in the picture: the members' stakes, and their holders' of 3% or more (data/alliance).
    const api2022 = await api(`/v1/graph/ownership?root=${ALLIANCE}&asOf=2022-02-08&depth=2`);
    expect(rows.length).toBe(new Set(api2022.edges.filter((e: any) => e.type === 'HOLDS_STAKE').map((e: any) => `${e.source}>${e.target}`)).size);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['Nissan', 'Mitsubishi Motors', '33.99%', '2016-10-20'],
        ['Nissan', 'Renault', '15% (no votes)', '2002-03-28'],
        ['Renault', 'Nissan', '43.4%', '2014-06-27'],
        ['French State', 'Renault', '15.01% (28.61% votes)', '2017-11-03'],
      ]),
    );
    // A row's holder is a button that opens the stake in the side panel.
    await page.getByRole('button', { name: 'Renault', exact: true }).first().focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#facts table.claims');
    // Renault's first row (the table is in the order the API lists the stakes): its stake in Alliance Rostec Auto.
    expect(await page.textContent('#facts h2')).toBe('Renault → Alliance Rostec Auto B.V.');
    expect(problems).toEqual([]);
  });

  it('the group picker lists every alliance and group, and choosing one opens its graph with its own slider stops', { timeout: 90_000 }, async () => {
    const { page, problems, foreign } = await openPage({ width: 1280, height: 800 }, `root=${ALLIANCE_ID}&asOf=2022-02-08`);
    const options = await page.$$eval('#group option', (os) => os.map((o) => [(o as HTMLOptionElement).value, (o as HTMLOptionElement).selected]));
    const groups = (await api('/v1/alliances?limit=100')).items.map((a: any) => a.id);
    expect(options.map(([id]) => id).sort()).toEqual([...groups].sort());
    expect(options.find(([id]) => id === ALLIANCE_ID)![1]).toBe(true);
    await page.selectOption('#group', 'toyota-group');
    await page.waitForURL(/root=toyota-group/);
    await ready(page);
    expect(await page.textContent('#title')).toContain('Toyota Group');
    const drawn = (await rendered(page)).flatMap((e) => [e.source, e.target]);
    expect(drawn).toEqual(expect.arrayContaining(['toyota', 'subaru', 'mazda', 'denso']));
    // Its stops are the Toyota group's own change dates, fewer than the alliance's.
    const stops = Number(await page.getAttribute('body', 'data-stops'));
    expect(stops).toBeGreaterThan(5);
    expect(stops).toBeLessThan(changeDates.length);
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it('colours and font come from the query; a bad colour is a 400 problem', { timeout: 60_000 }, async () => {
    const { page, problems } = await openPage(
      { width: 800, height: 600 },
      `root=${ALLIANCE}&asOf=2022-02-08&company=cc0000&alliance=%23000000&background=ffffff&font=${encodeURIComponent('Liberation Serif, serif')}`,
    );
    const style = await page.evaluate(() => {
      const cy = (window as any).cy;
      return {
        company: cy.getElementById('renault').style('background-color'),
        alliance: cy.getElementById('renault-nissan-mitsubishi-alliance').style('background-color'),
        font: cy.getElementById('renault').style('font-family'),
        body: getComputedStyle(document.body).backgroundColor,
      };
    });
    expect(style).toEqual({ company: 'rgb(204,0,0)', alliance: 'rgb(0,0,0)', font: 'Liberation Serif, serif', body: 'rgb(255, 255, 255)' });
    expect((await overlapsIn(page)).found).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'embed-themed.png') });
    expect(problems).toEqual([]);

    const bad = await app.inject(`/embed/ownership?company=${encodeURIComponent('red;}body{')}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await app.inject(`/embed/ownership?font=${encodeURIComponent('x;background:url(//e)')}`)).statusCode).toBe(400);
  });

  it('works inside an iframe of another origin, down to 360 px wide', { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    onTestFinished(() => page.close());
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    // An app on another origin (another port of loopback) embeds the view in an iframe.
    const appServer = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(
        `<!doctype html><title>An app</title><body style="margin:0"><iframe id="embed" width="360" height="640" style="border:0" src="${base}/embed/ownership?root=nissan&asOf=2022-02-08"></iframe>`,
      );
    });
    await new Promise<void>((resolve) => appServer.listen(0, '127.0.0.1', resolve));
    const { port } = appServer.address() as AddressInfo;
    onTestFinished(() => new Promise<void>((resolve) => appServer.close(() => resolve())));
    await page.setViewportSize({ width: 400, height: 700 });
    await page.goto(`http://127.0.0.1:${port}/`);
    const frame = await (await page.waitForSelector('#embed')).contentFrame();
    await frame!.waitForSelector('body[data-state="ready"]', { state: 'attached', timeout: 30_000 });
    const ids = await frame!.evaluate(() => (window as any).cy.nodes().map((n: any) => n.id()));
    expect(ids).toContain('mitsubishi-motors');
    // Nothing sticks out sideways: the page is as wide as the frame.
    expect(await frame!.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const graphBox = await frame!.evaluate(() => document.getElementById('graph')!.getBoundingClientRect().toJSON());
    expect(graphBox.width).toBe(360);
    expect(graphBox.height).toBeGreaterThan(300);
    await page.screenshot({ path: join(ARTIFACTS, 'embed-iframe-360.png') });
    expect(problems).toEqual([]);
  });
});
