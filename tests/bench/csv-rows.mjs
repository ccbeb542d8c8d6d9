// A CSV of 10,000 deals with every field mapped (issue #17): time from choosing the file
// to the preview with its summary painted, and from confirming to the import done
// (progress finished), in a fresh profile each run.
import { chromium } from 'playwright-core';
import { mkdir, writeFile } from 'node:fs/promises';
import { startStaticServer } from '../e2e/static-server.mjs';
import { CHROMIUM_ARGS } from '../e2e/harness.mjs';

export const CSV_ROWS_BUDGETS = { preview: 1000, import: 3000 };

const HEADERS = [
  'Deal - ID', 'Deal - Title', 'Deal - Value', 'Deal - Currency', 'Deal - Pipeline', 'Deal - Stage',
  'Deal - Status', 'Deal - Probability', 'Deal - Deal created', 'Deal - Expected close date',
  'Deal - Won time', 'Deal - Lost time', 'Deal - Last stage change', 'Deal - Organization',
  'Deal - Contact person', 'Deal - Owner', 'Deal - Source', 'Deal - Lost reason',
];
const STAGES = ['Qualified', 'Contact made', 'Demo scheduled', 'Proposal made', 'Negotiations started', 'Discovery', 'Legal review'];
const OWNERS = ['Ana Silva', 'Ben Ode', 'Chen Li', 'Dana Roy', 'Eli Park'];

function day(offset) {
  return new Date(Date.UTC(2025, 0, 1) + offset * 86400000).toISOString().slice(0, 10);
}

/** Deals of two years: open, won and lost, in two pipelines, some in stages to create. */
export function rowsFile(count) {
  const lines = [HEADERS.join(',')];
  for (let i = 0; i < count; i++) {
    const status = ['open', 'won', 'lost'][i % 3];
    const created = (i * 37) % 600;
    const changed = created + (i % 20);
    const closed = changed + 5 + (i % 40);
    lines.push([
      1000 + i, `Deal ${i}`, (i % 97) * 100 + 500, 'USD', i % 4 === 0 ? 'Enterprise' : 'Sales', STAGES[i % STAGES.length],
      status, i % 5 === 0 ? 30 + (i % 60) : '', day(created), day(closed + 10),
      status === 'won' ? day(closed) : '', status === 'lost' ? day(closed) : '', day(changed), `Org ${i % 300}`,
      `Person ${i % 1000}`, OWNERS[i % OWNERS.length], ['Web', 'Referral', 'Event'][i % 3], status === 'lost' ? 'Price' : '',
    ].join(','));
  }
  return lines.join('\n');
}

export async function measureCsvRows({ port, base, runs }) {
  await mkdir('bench-results', { recursive: true });
  await writeFile('bench-results/rows-10000.csv', rowsFile(10000));
  const server = await startStaticServer('dist', port, '/pipewright/');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const preview = [];
  const imported = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${base}#/settings`);
      await page.getByRole('button', { name: 'Start empty' }).click();
      await page.evaluate(() => {
        window.__chosen = null;
        document.addEventListener('change', () => { window.__chosen ??= performance.now(); }, { capture: true, once: true });
      });
      await page.getByLabel('Import CSV…').setInputFiles('bench-results/rows-10000.csv');
      await page.waitForFunction(() => /^10000 rows ready/.test(document.querySelector('[data-testid="csv-summary"]')?.textContent ?? ''), null, { timeout: 60000 });
      preview.push(await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now() - window.__chosen), 0)))));
      const button = page.getByRole('button', { name: 'Import 10000 rows', exact: true });
      const started = await button.evaluate((el) => { const t = performance.now(); el.click(); return t; });
      await page.waitForSelector('[data-testid="csv-preview"]', { state: 'detached', timeout: 120000 });
      imported.push(await page.evaluate((t0) => performance.now() - t0, started));
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { preview: median(preview), import: median(imported), runs: { preview, import: imported } };
}
