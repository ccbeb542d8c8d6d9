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
