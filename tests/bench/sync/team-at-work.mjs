// A team at work: 20 simulated members (this script, speaking the app's HTTP API with the
// app's document shapes) and two real browsers making moves, all on one database for
// about a minute. Figures: how long a change takes to reach each browser (median, 95th
// percentile), then whether every record and log entry is present exactly once in both
// browsers and on the server.
import { readFile } from 'node:fs/promises';
import { PASSWORD, signedIn, synced, percentile } from './common.mjs';

const DB = 'work';
const MEMBERS = 20;
const CHANGES_EACH = 50;
const SPREAD_MS = 60000;
const BROWSER_MOVES = 25;
const SCHEMA = 2;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const today = () => new Date().toISOString().slice(0, 10);
const memberName = (i) => `member${String(i + 1).padStart(2, '0')}`;

/** In each browser: when each document arrived in a feed response, and when each batch
 * was applied (the app's `sync-apply` measure), both as epoch milliseconds. */
export const ARRIVALS = `
  window.__arrivals = [];
  window.__applied = [];
  const pageFetch = window.fetch;
  window.fetch = async function (input, init) {
    const response = await pageFetch.call(this, input, init);
    const url = typeof input === 'string' ? input : input.url;
    if (url.includes('/_changes')) {
      const at = performance.timeOrigin + performance.now();
      response.clone().json().then((body) => {
        for (const r of body.results ?? []) window.__arrivals.push([at, r.id, r.changes?.[0]?.rev]);
      }).catch(() => {});
    }
    return response;
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.name === 'sync-apply') window.__applied.push(performance.timeOrigin + e.startTime + e.duration);
    }
  }).observe({ type: 'measure' });`;

export async function prepareTeam(bench) {
  const members = Array.from({ length: MEMBERS }, (_, i) => memberName(i));
  for (const name of members) await bench.server.addUser(name, PASSWORD);
  await bench.server.addDatabase(DB, { admins: ['ana'], members: ['ben', ...members] });
  return members;
}

/** One member's minute: deals created (a deal and its first log entry) and deals moved
 * (the deal updated on its revision, retried on a conflict, and a log entry). */
async function member(bench, index, pool, stages, written) {
  const name = memberName(index);
  const auth = { name, password: PASSWORD };
  const call = (path, options = {}) => bench.server.call(`/${DB}/${path}`, { auth, ...options });
  const device = 100 + index;
  const claimed = await call(`device:${device}`, { method: 'PUT', body: { _id: `device:${device}`, type: 'device', device, schema: SCHEMA, author: name } });
  if (claimed.status >= 300) throw new Error(`${name}: device claim: ${JSON.stringify(claimed.body)}`);
  let nextId = device * 2 ** 32 + 1;
  const logEntry = async (deal, stage) => {
    const on = today();
    const prefix = `log:${deal}:${on}:stage-${stage}:`;
    const range = await call(`_all_docs?startkey=${encodeURIComponent(JSON.stringify(prefix))}&endkey=${encodeURIComponent(JSON.stringify(`${prefix}\ufff0`))}`);
    for (let occurrence = range.body.rows.length; ; occurrence++) {
      const _id = `${prefix}${occurrence}`;
      const r = await call(encodeURIComponent(_id), { method: 'PUT', body: { _id, type: 'log', schema: SCHEMA, author: name, deal, on, event: { type: 'entered_stage', stage } } });
      if (r.status < 300) return _id;
      if (r.status !== 409) throw new Error(`${name}: ${_id}: ${JSON.stringify(r.body)}`);
    }
  };
  for (let n = 0; n < CHANGES_EACH; n++) {
    await sleep((SPREAD_MS / CHANGES_EACH) * (0.5 + Math.random()));
    if (n % 3 === 0) {
      const id = nextId++;
      const deal = {
        _id: `deal:${id}`, type: 'deal', schema: SCHEMA, author: name, id, title: `${name} deal ${n}`,
        value: 100000 * (n + 1), pipeline: 1, stage: stages[0], rank: 1024 * (n + 1), status: 'open',
        owner: name, source: 'Referral', created_on: today(), last_touched_on: today(),
      };
      const r = await call(`deal:${id}`, { method: 'PUT', body: deal });
      if (r.status >= 300) throw new Error(`${name}: deal:${id}: ${JSON.stringify(r.body)}`);
      const log = await logEntry(id, stages[0]);
      written.push({ by: name, at: Date.now(), ids: [`deal:${id}`, log], rev: { [`deal:${id}`]: r.body.rev } });
      pool.push(id);
    } else {
      const id = pool[Math.floor(Math.random() * pool.length)];
      for (let attempt = 0; ; attempt++) {
        const current = await call(`deal:${id}`);
        if (current.status !== 200 || current.body.status !== 'open') break;
        const stage = stages.filter((s) => s !== current.body.stage)[Math.floor(Math.random() * (stages.length - 1))];
        const moved = { ...current.body, stage, author: name, last_touched_on: today() };
        const r = await call(`deal:${id}`, { method: 'PUT', body: moved });
        if (r.status === 409 && attempt < 10) continue;
        if (r.status >= 300) throw new Error(`${name}: move deal:${id}: ${JSON.stringify(r.body)}`);
        const log = await logEntry(id, stage);
        written.push({ by: name, at: Date.now(), ids: [`deal:${id}`, log], rev: { [`deal:${id}`]: r.body.rev } });
        break;
      }
    }
  }
}

/** A browser's user moving cards with the keyboard, one every couple of seconds. */
async function browserMoves(page, moves) {
  await page.goto(page.url().replace(/#.*$/, '#/board'));
  for (let n = 0; n < moves; n++) {
    await sleep((SPREAD_MS / moves) * (0.5 + Math.random()));
    const cards = page.locator('[data-testid="stage-column"]').nth(n % 3).getByTestId('deal-card');
    if (!(await cards.count())) continue;
    await cards.first().focus();
    await page.keyboard.press('Shift+ArrowRight');
  }
}

/** The workspace as the browser's user would export it (Settings → Export workspace). */
async function exported(page) {
  await page.goto(page.url().replace(/#.*$/, '#/settings'));
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export workspace' }).click(),
  ]);
  return JSON.parse(await readFile(await download.path(), 'utf8')).workspace;
}

const eventKey = (event) => (event.type === 'entered_stage' ? `stage-${event.stage}` : event.type);

/** Every log entry's document id, counted as the app names them (occurrence in order). */
function logIds(log) {
  const seen = new Map();
  return log.map((entry) => {
    const fact = `log:${entry.deal}:${entry.on}:${eventKey(entry.event)}`;
    const occurrence = seen.get(fact) ?? 0;
    seen.set(fact, occurrence + 1);
    return `${fact}:${occurrence}`;
  });
}

/** What differs between the server's living documents and a browser's workspace. */
function differences(serverDocs, ws, who) {
  const problems = [];
  const serverDeals = new Map(serverDocs.filter((d) => d.type === 'deal').map((d) => [String(d.id), d]));
  const browserDeals = new Map(Object.entries(ws.deals));
  for (const [id, deal] of serverDeals) {
    const here = browserDeals.get(id);
    if (!here) problems.push(`${who}: deal ${id} missing`);
    else if (here.stage !== deal.stage || here.title !== deal.title) problems.push(`${who}: deal ${id} differs`);
  }
  for (const id of browserDeals.keys()) if (!serverDeals.has(id)) problems.push(`${who}: deal ${id} not on the server`);
  const serverLog = new Set(serverDocs.filter((d) => d.type === 'log').map((d) => d._id));
  const browserLog = logIds(ws.log);
  const counted = new Map();
  for (const id of browserLog) counted.set(id, (counted.get(id) ?? 0) + 1);
  for (const [id, n] of counted) {
    if (n > 1) problems.push(`${who}: log entry ${id} ${n} times`);
    if (!serverLog.has(id)) problems.push(`${who}: log entry ${id} not on the server`);
  }
  for (const id of serverLog) if (!counted.has(id)) problems.push(`${who}: log entry ${id} missing`);
  return problems;
}

/** How long each member change took to be applied in a browser, in ms. */
async function arrivalTimes(page, written) {
  const { arrivals, applied } = await page.evaluate(() => ({ arrivals: window.__arrivals, applied: window.__applied }));
  const times = [];
  let missing = 0;
  for (const change of written) {
    const [id, rev] = Object.entries(change.rev)[0];
    const seen = arrivals.find(([, i, r]) => i === id && r === rev) ?? arrivals.find(([at, i]) => i === id && at >= change.at - 1000);
    const done = seen && applied.find((t) => t >= seen[0]);
    if (done === undefined) missing++;
    else times.push(Math.max(0, done - change.at));
  }
  return { times, missing };
}

export async function teamAtWork(bench, docsFile, seed) {
  const members = await prepareTeam(bench);
  const seeded = await seed(bench, docsFile, DB);
  const docs = (await readFile(docsFile, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const stages = docs.find((d) => d._id === 'pipeline:1').stages.map((s) => s.id);
  const pool = docs.filter((d) => d.type === 'deal' && d.status === 'open' && d.pipeline === 1).map((d) => d.id);

  const browsers = [];
  for (const user of ['ana', 'ben']) {
    const b = await signedIn(bench, user, '', { database: DB, initScript: ARRIVALS });
    await b.page.getByRole('button', { name: "Join the team's pipeline" }).click();
    await b.page.getByRole('button', { name: 'Join and replace my workspace' }).click();
    await synced(b.page, 30000).catch(async (e) => {
      const status = b.page.locator('[data-testid="sync-status"]');
      throw new Error(`${user} did not join: ${await status.getAttribute('data-state')}: ${await status.getAttribute('title')}; ${await b.page.locator('main').textContent()}`.slice(0, 2000));
    });
    browsers.push(b);
  }
  const written = [];
  const started = Date.now();
  await Promise.all([
    ...members.map((_, i) => member(bench, i, pool, stages, written)),
    ...browsers.map((b) => browserMoves(b.page, BROWSER_MOVES)),
  ]);
  const minute = Date.now() - started;
  // Everyone stops; each browser catches up (pushes its moves, reads the rest).
  for (const { page } of browsers) await synced(page, 120000);
  await sleep(3000);
  for (const { page } of browsers) await synced(page, 120000);

  const all = [];
  let missing = 0;
  for (const { page } of browsers) {
    const r = await arrivalTimes(page, written);
    all.push(...r.times);
    missing += r.missing;
  }
  const serverDocs = (await bench.server.call(`/${DB}/_all_docs?include_docs=true`)).body.rows.map((r) => r.doc);
  const onServer = new Set(serverDocs.map((d) => d._id));
  const seededIds = new Set(docs.map((d) => d._id));
  const browserEntries = serverDocs.filter((d) => d.type === 'log' && !seededIds.has(d._id) && ['ana', 'ben'].includes(d.author)).length;
  const problems = written.flatMap((c) => c.ids.filter((id) => !onServer.has(id)).map((id) => `server: ${id} (by ${c.by}) missing`));
  for (const [i, { page }] of browsers.entries()) problems.push(...differences(serverDocs, await exported(page), ['ana', 'ben'][i]));
  for (const { context } of browsers) await context.close();
  if (problems.length) console.error(`exactly once: ${problems.length} problems:\n  ${problems.slice(0, 20).join('\n  ')}`);
  return {
    members: MEMBERS,
    member_changes: written.length,
    browser_moves: BROWSER_MOVES * 2,
    browser_moves_on_server: browserEntries,
    minute_ms: minute,
    seeded_documents: seeded.documents,
    server_documents: serverDocs.length,
    arrival_median_ms: Math.round(percentile(all, 50)),
    arrival_p95_ms: Math.round(percentile(all, 95)),
    arrivals_measured: all.length,
    arrivals_not_seen: missing,
    exactly_once_problems: problems.length,
  };
}
