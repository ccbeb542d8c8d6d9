// Steps the benchmark and the profiling tools share.

/** Drops the board's first card on Won, so undo and redo on the dashboard change the win rate. */
export async function winFirstCard(page) {
  await page.evaluate(() => {
    const card = document.querySelector('[data-testid="deal-card"]');
    const dt = new DataTransfer();
    card.dispatchEvent(new DragEvent('dragstart', { dataTransfer: dt, bubbles: true }));
    document.querySelector('[data-testid="drop-won"]').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

/**
 * Another tab of the same browser moves 100 deals with the keyboard as fast as it can;
 * this tab (on the board) reads each save it sees. Figures: each read of the other
 * tab's save, and the longest task here meanwhile.
 */
export async function anotherTabsBurst(context, page) {
  await page.evaluate(() => { location.hash = '#/board'; });
  await page.waitForSelector('[data-testid="deal-card"]');
  const other = await context.newPage();
  await other.goto(page.url());
  await other.waitForSelector('[data-testid="deal-card"]');
  await page.evaluate(() => {
    performance.clearMeasures('external-load');
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  for (let i = 0; i < 100; i++) {
    // The first card on the board (its column empties as the moves go on).
    await other.locator('[data-testid="deal-card"]').first().focus();
    await other.keyboard.press('Shift+ArrowRight');
  }
  // The other tab's last (debounced) save, and this tab's read of it.
  await page.waitForTimeout(1500);
  const [reads, longest] = await page.evaluate(() => [performance.getEntriesByName('external-load', 'measure').map((m) => m.duration), window.__longest]);
  await other.close();
  return {
    "another tab's save read here": { median: median(reads), runs: reads },
    'longest task while another tab changes 100 deals': { median: longest, runs: [longest] },
  };
}
