// Where the time goes while another tab changes 100 deals (issue #24): the burst of the
// benchmark on one preset, with this tab's CPU profile summed by function (self time).
// Usage: node tests/bench/profile-burst.mjs <dist dir> [demo-1000|demo-10000]
// PROFILE=0 measures only (no profiler running). For wasm function names see profile-change.mjs.
import { chromium } from 'playwright-core';
import { startStaticServer } from '../e2e/static-server.mjs';
import { CHROMIUM_ARGS } from '../e2e/harness.mjs';
import { printProfile } from './profile-print.mjs';
import { anotherTabsBurst } from './steps.mjs';

const [dir = 'dist', preset = 'demo-10000'] = process.argv.slice(2);
const PROFILE = process.env.PROFILE !== '0';
const PORT = 4197;
const BASE = `http://127.0.0.1:${PORT}/pipewright/`;

const server = await startStaticServer(dir, PORT, '/pipewright/');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(`${BASE}?scenario=${preset}#/board`);
  await page.waitForSelector('[data-testid="deal-card"]', { timeout: 60000 });
  await page.waitForFunction(() => Number(localStorage.getItem('pipewright.revision') ?? 0) > 0, null, { timeout: 60000 });
// As in the benchmark: this tab has loaded the workspace from storage.
await page.reload();
await page.waitForSelector('[data-testid="deal-card"]', { timeout: 60000 });
  const cdp = await context.newCDPSession(page);
  if (PROFILE) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
  }
  const figures = await anotherTabsBurst(context, page);
  console.log(JSON.stringify(figures));
  if (PROFILE) {
    const { profile } = await cdp.send('Profiler.stop');
    printProfile([profile], 1, 'burst');
  }
} finally {
  await browser.close();
  server.close();
}
