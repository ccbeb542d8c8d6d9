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
 * this tab (on the board) reads the saves it sees, once per frame however many arrive.
 * Figures: each read of the other tab's save, each time from its save to this tab's page
 * redrawn with it (the frame that paints it is the browser's to schedule: headless, it
 * gave this tab no frame for up to a second while driving the other), and the longest
 * this tab was blocked meanwhile: the longest gap between
 * the ticks of a 4 ms timer (a long task delays the next tick; the Long Tasks API
 * reports nothing under 50 ms, so it cannot show the margin).
 */
export async function anotherTabsBurst(context, page) {
  await page.evaluate(() => { location.hash = '#/board'; });
  await page.waitForSelector('[data-testid="deal-card"]');
  const other = await context.newPage();
  await other.goto(page.url());
  await other.waitForSelector('[data-testid="deal-card"]');
  await page.evaluate(() => {
    ['external-load', 'another-tab-shown'].forEach((n) => performance.clearMeasures(n));
    window.__blocked = 0;
    window.__ticking = true;
    let last = performance.now();
    const tick = () => {
      const now = performance.now();
      window.__blocked = Math.max(window.__blocked, now - last);
      last = now;
      if (window.__ticking) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
  });
  for (let i = 0; i < 100; i++) {
    // The first card on the board (its column empties as the moves go on).
    await other.locator('[data-testid="deal-card"]').first().focus();
    await other.keyboard.press('Shift+ArrowRight');
  }
  // The other tab's last (debounced) save, and this tab's read of it.
  await page.waitForTimeout(1500);
  const [reads, shown, blocked] = await page.evaluate(() => {
    window.__ticking = false;
    const of = (name) => performance.getEntriesByName(name, 'measure').map((m) => m.duration);
    return [of('external-load'), of('another-tab-shown'), window.__blocked];
  });
  await other.close();
  if (shown.length === 0) throw new Error("this tab never showed the other tab's changes");
  return {
    "another tab's save read here": { median: median(reads), runs: reads },
    "another tab's save shown here (slowest)": { median: Math.max(...shown), runs: shown },
    'longest block while another tab changes 100 deals': { median: blocked, runs: [blocked] },
  };
}
