// Initial join: a fresh browser joins a database holding the 10,000-deal preset (seeded
// from the documents "Share this workspace" would send). Figures: time to a usable board
// (every open deal on it), to fully synced, and the longest main-thread task meanwhile.
import { readFile } from 'node:fs/promises';
import { signedIn, synced, BOARD_COUNT } from './common.mjs';

/** Puts the preset's documents on the server as their author would (data first, then
 * the design document, whose rules would refuse the admin as author). */
export async function seed(bench, file, db = 'sales') {
  const docs = (await readFile(file, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const data = docs.filter((d) => !d._id.startsWith('_design/'));
  for (let i = 0; i < data.length; i += 5000) {
    const r = await bench.server.call(`/${db}/_bulk_docs`, { method: 'POST', body: { docs: data.slice(i, i + 5000) } });
    if (r.status >= 300) throw new Error(`seeding: ${JSON.stringify(r.body).slice(0, 300)}`);
  }
  for (const d of docs.filter((d) => d._id.startsWith('_design/'))) await bench.server.call(`/${db}/${d._id}`, { method: 'PUT', body: d });
  const openDeals = data.filter((d) => d.type === 'deal' && d.status === 'open').length;
  return { documents: docs.length, openDeals, megabytes: Buffer.byteLength(docs.map((d) => JSON.stringify(d)).join('\n')) / 1e6 };
}

export async function initialJoin(bench, seeded) {
  const ben = await signedIn(bench, 'ben');
  const { page } = ben;
  await page.getByRole('button', { name: "Join the team's pipeline" }).click();
  await page.evaluate(() => { window.__longestTask = 0; });
  const started = Date.now();
  await page.getByRole('button', { name: 'Join and replace my workspace' }).click();
  // The user goes to the board as soon as the app lets them.
  await page.locator('a[href$="#/board"]').first().click();
  await page.waitForFunction(`${BOARD_COUNT} === ${seeded.openDeals}`, null, { timeout: 600000, polling: 50 });
  const usable = Date.now() - started;
  await synced(page);
  const full = Date.now() - started;
  const longest = await page.evaluate(() => window.__longestTask);
  await ben.context.close();
  return { usable_board_ms: usable, fully_synced_ms: full, longest_task_ms: Math.round(longest) };
}
