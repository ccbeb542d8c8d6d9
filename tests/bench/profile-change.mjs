// Where the time of one dashboard change goes (issue #24): Chromium's CPU profile of
// undo/redo on the dashboard, summed by function (self time), over RUNS changes.
// Usage: node tests/bench/profile-change.mjs <dist dir> [demo-1000|demo-10000]
// For wasm function names, serve a build whose wasm keeps its name section (the release
// before wasm-opt: `wasm-bindgen --target web` on target/wasm32-unknown-unknown/release).
import { chromium } from 'playwright-core';
import { startStaticServer } from '../e2e/static-server.mjs';
import { CHROMIUM_ARGS } from '../e2e/harness.mjs';
import { printProfile } from './profile-print.mjs';
import { winFirstCard } from './steps.mjs';

const [dir = 'dist', preset = 'demo-1000'] = process.argv.slice(2);
const RUNS = Number(process.env.RUNS ?? 20);
const PORT = 4198;
const BASE = `http://127.0.0.1:${PORT}/pipewright/`;

const server = await startStaticServer(dir, PORT, '/pipewright/');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await page.goto(`${BASE}?scenario=${preset}#/board`);
  await page.waitForSelector('[data-testid="deal-card"]', { timeout: 60000 });
  // A won deal, so undo and redo change the win rate.
  await winFirstCard(page);
  await page.evaluate(() => { location.hash = '#/dashboard'; });
  await page.waitForSelector('.chart-canvas canvas', { timeout: 30000 });
  await page.waitForTimeout(1000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  for (let i = 0; i < RUNS; i++) {
    await page.evaluate(async (undo) => {
      [...document.querySelectorAll('.undo-buttons button')][undo ? 0 : 1].click();
      await new Promise((r) => setTimeout(r, 300));
    }, i % 2 === 0);
  }
  const { profile } = await cdp.send('Profiler.stop');
  printProfile([profile], RUNS, 'change');
} finally {
  await browser.close();
  server.close();
}
