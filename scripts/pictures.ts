/**
 * `npm run pictures`: the app developers' guide's pictures (docs/apps.md), made from a running API (API_URL, default http://127.0.0.1:3000)
 * with Debian's Chromium (CHROMIUM, default /usr/bin/chromium): screenshots of the embed view for 1999, 2016,
 * 2022 and today, and the server's SVG and PNG of today's graph. Written to docs/pictures/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { PROJECT_ROOT } from '../src/project-files.js';

const API = (process.env.API_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const OUT = join(PROJECT_ROOT, 'docs', 'pictures');
const ROOT = 'renault-nissan-mitsubishi-alliance';

/** Four moments: the alliance's first year, Mitsubishi Motors just joined, the article's day, and today. */
const VIEWS = [
  { name: 'embed-1999', asOf: '1999-06-01' },
  { name: 'embed-2016', asOf: '2016-12-01' },
  { name: 'embed-2022', asOf: '2022-02-08' },
  { name: 'embed-today', asOf: null },
];

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const health = await fetch(`${API}/health/ready`).catch(() => null);
  if (!health?.ok) throw new Error(`The API at ${API} is not ready; start it with \`npm start\` or set API_URL`);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    for (const view of VIEWS) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 760 }, deviceScaleFactor: 1 });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await page.goto(`${API}/embed/ownership?root=${ROOT}${view.asOf ? `&asOf=${view.asOf}` : ''}`);
      await page.waitForSelector('body[data-state="ready"]', { state: 'attached', timeout: 30_000 });
      if (errors.length) throw new Error(`${view.name}: ${errors.join('; ')}`);
      const file = join(OUT, `${view.name}.png`);
      await page.screenshot({ path: file });
      console.log(`wrote ${file}`);
      await page.close();
    }
  } finally {
    await browser.close();
  }

  for (const format of ['svg', 'png'] as const) {
    const res = await fetch(`${API}/v1/graph/ownership?root=${ROOT}&format=${format}`);
    if (!res.ok) throw new Error(`format=${format}: HTTP ${res.status}`);
    const file = join(OUT, `ownership-today.${format}`);
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    console.log(`wrote ${file}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
