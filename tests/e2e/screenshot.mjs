// Takes screenshots of the served app: node tests/e2e/screenshot.mjs <url> <out.png> [width] [height] [dark]
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './harness.mjs';

const [url, out, width = '1366', height = '768', scheme = 'light'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) }, colorScheme: scheme });
page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
page.on('pageerror', (e) => console.error('pageerror:', e.message));
await page.goto(url);
// The shell is up, and every chart on the page is drawn or says why not.
await page.waitForSelector('nav[aria-label="Main"]', { timeout: 20000 });
await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="chart"]')].every((c) => c.querySelector('.chart-canvas[data-drawn]') || c.querySelector('.chart-empty')), null, { timeout: 20000 });
await page.screenshot({ path: out, fullPage: false });
await browser.close();
