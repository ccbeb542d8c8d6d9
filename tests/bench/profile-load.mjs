// Where the time of opening the board from storage goes (issue #24): Chromium's CPU
// profile of RUNS reloads of the board, summed by function (self time).
// Usage: node tests/bench/profile-load.mjs <dist dir> [demo-1000|demo-10000]
// (For wasm names, see profile-change.mjs.)
import { chromium } from 'playwright-core';
import { startStaticServer } from '../e2e/static-server.mjs';
import { CHROMIUM_ARGS } from '../e2e/harness.mjs';
import { printProfile } from './profile-print.mjs';

const [dir = 'dist', preset = 'demo-10000'] = process.argv.slice(2);
const RUNS = Number(process.env.RUNS ?? 5);
const PORT = 4196;
const BASE = `http://127.0.0.1:${PORT}/pipewright/`;

const server = await startStaticServer(dir, PORT, '/pipewright/');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await page.goto(`${BASE}?scenario=${preset}#/settings`);
  await page.waitForFunction(() => Number(localStorage.getItem('pipewright.revision') ?? 0) > 0, null, { timeout: 60000 });
  const profiles = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto('about:blank');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.goto(`${BASE}#/board`);
    await page.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0, null, { timeout: 30000 });
    profiles.push((await cdp.send('Profiler.stop')).profile);
    await cdp.detach();
  }
  printProfile(profiles, RUNS, 'load');
} finally {
  await browser.close();
  server.close();
}
