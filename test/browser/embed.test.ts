/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { buildTestApp } from '../support/app.js';
import { connect } from '../support/graph.js';

/** Debian's chromium package; `.ci/run` installs it when missing. Test tools that download their own browser fail here. */
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(PROJECT_ROOT, 'test', 'artifacts');

describe('the embeddable ownership view in a real headless Chromium', () => {
  const graph = connect();
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    await graph.seedAlliance();
    app = await buildTestApp({}, { applySchemaOnStart: false });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await graph.close();
  });

  it('renders the alliance as of 2022-02-08 from this API alone, with percentages, facts on click, and no console errors', { timeout: 90_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const problems: string[] = [];
    const foreign: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('request', (request) => {
      if (!request.url().startsWith(base)) foreign.push(request.url());
    });

    await page.goto(`${base}/embed/ownership?root=renault-nissan-mitsubishi-alliance&asOf=2022-02-08`);
    await page.waitForSelector('body[data-state="ready"]', { timeout: 15_000 });
    const labels = await page.evaluate(() => (window as any).cy.nodes().map((n: any) => n.data('label')).sort());
    expect(labels).toEqual([
      'Alpine', 'Dacia', 'Datsun', 'Infiniti', 'Lada', 'Mitsubishi', 'Mitsubishi Motors', 'Nissan', 'Nissan', 'Renault', 'Renault',
      'Renault Nissan Automotive India Private Ltd', 'Renault Samsung', 'Renault–Nissan–Mitsubishi Alliance', 'Venucia',
    ]);
    const edgeLabels = await page.evaluate(() => (window as any).cy.edges('[type = "HOLDS_STAKE"]').map((e: any) => e.data('label')).sort());
    expect(edgeLabels).toEqual(['15% (no votes)', '30%', '34%', '43.4%', '70%']);
    expect(await page.evaluate(() => document.getElementById('title')!.textContent)).toBe('Ownership around Renault–Nissan–Mitsubishi Alliance as of 2022-02-08');

    // Clicking Renault shows its facts and sources.
    await page.evaluate(() => (window as any).cy.getElementById('renault').emit('tap'));
    await page.waitForSelector('#facts h2');
    const factsText = await page.evaluate(() => document.getElementById('facts')!.textContent);
    expect(factsText).toContain('Holds 43.4% of Nissan');
    // The people holding a role at Renault that day.
    expect(factsText).toContain('Chairman of the Board: Jean-Dominique Senard (since 2019-01-24)');
    expect(factsText).toContain('Chief Executive Officer: Luca de Meo (since 2020-07-01)');
    expect(factsText).toContain('Auto Trendy (2022-02-08): Renault-Nissan-Mitsubishi Alliance: from start to future');

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'embed-ownership-2022-02-08.png') });

    // The date control redraws the graph as of another day.
    await page.fill('#as-of', '1999-03-28');
    await page.dispatchEvent('#as-of', 'change');
    await page.waitForSelector('body[data-state="ready"][data-as-of="1999-03-28"]');
    const earlier = await page.evaluate(() => (window as any).cy.nodes().map((n: any) => n.id()).sort());
    expect(earlier).toEqual(['alpine', 'infiniti', 'nissan', 'nissan-brand', 'renault', 'renault-brand', 'renault-nissan-mitsubishi-alliance']);

    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it('works inside an iframe of another origin', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    // An app on another origin (another port of loopback) embeds the view in an iframe.
    const appServer = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><title>An app</title><iframe id="embed" width="900" height="600" src="${base}/embed/ownership?root=nissan&asOf=2022-02-08"></iframe>`);
    });
    await new Promise<void>((resolve) => appServer.listen(0, '127.0.0.1', resolve));
    const { port } = appServer.address() as AddressInfo;
    onTestFinished(() => new Promise<void>((resolve) => appServer.close(() => resolve())));
    await page.goto(`http://127.0.0.1:${port}/`);
    const frame = await (await page.waitForSelector('#embed')).contentFrame();
    await frame!.waitForSelector('body[data-state="ready"]', { state: 'attached', timeout: 15_000 });
    const ids = await frame!.evaluate(() => (window as any).cy.nodes().map((n: any) => n.id()));
    expect(ids).toContain('mitsubishi-motors');
    expect(problems).toEqual([]);
  });
});
