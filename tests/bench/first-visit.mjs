// The first visit (issue #19): a browser with an empty cache opens a shared scenario link
// on an emulated mobile network; the figure is the time from navigation to the board
// showing its cards, and the bytes transferred until then.
const PROFILES = {
  // Chromium's network emulation takes bytes per second and milliseconds of round trip.
  'slow 4G': { latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 },
  '4G': { latency: 60, downloadThroughput: 9_000_000 / 8, uploadThroughput: 1_500_000 / 8 },
};
export const FIRST_VISIT_BUDGETS = { 'slow 4G': 3500, '4G': 1200 };

/** Records, from the page's first script on, when the first deal card is painted. */
function watchForCards() {
  const observer = new MutationObserver(() => {
    if (!document.querySelector('[data-testid="deal-card"]')) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => { window.__cardsShown = performance.now(); }, 0));
  });
  observer.observe(document, { childList: true, subtree: true });
}

async function visitOnce(browser, url, conditions) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...conditions });
    await page.addInitScript(watchForCards);
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__cardsShown !== undefined, null, { timeout: 60000, polling: 50 });
    return await page.evaluate(() => {
      const shown = window.__cardsShown;
      const navigation = performance.getEntriesByType('navigation')[0];
      const resources = performance.getEntriesByType('resource').filter((r) => r.responseEnd <= shown);
      const transfer = resources.reduce((sum, r) => sum + r.transferSize, navigation.transferSize);
      return { ms: shown, transfer, files: resources.map((r) => r.name.split('/').pop()) };
    });
  } finally {
    await context.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Median of `runs` first visits per profile: { profile: { median, runs, transfer, files } }. */
export async function firstVisits(browser, urlBase, runs) {
  const url = `${urlBase}?scenario=demo#/board`;
  const results = {};
  for (const [name, conditions] of Object.entries(PROFILES)) {
    const visits = [];
    for (let i = 0; i < runs; i++) visits.push(await visitOnce(browser, url, conditions));
    results[name] = {
      median: median(visits.map((v) => v.ms)),
      runs: visits.map((v) => v.ms),
      transfer: median(visits.map((v) => v.transfer)),
      files: visits[0].files,
    };
  }
  return results;
}
