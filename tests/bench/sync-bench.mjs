// Team sync benchmark (scripts/bench-sync.sh): the release build, a PouchDB Server on
// disk on 127.0.0.1, Chromium. Prints a table, writes bench-results/sync.json and exits
// 1 when a budget is broken.
import { mkdir, writeFile } from 'node:fs/promises';
import { startBench } from './sync/common.mjs';
import { seed, initialJoin } from './sync/join.mjs';
import { teamAtWork } from './sync/team-at-work.mjs';

const DOCS = process.env.TEAM_DOCS ?? 'bench-results/team-10000.jsonl';
const TEAM_DOCS = process.env.TEAM_WORK_DOCS ?? 'bench-results/team-demo.jsonl';
// Which parts to run (both by default): SYNC_BENCH=join or SYNC_BENCH=team.
const PARTS = (process.env.SYNC_BENCH ?? 'join,team').split(',');
const BUDGETS = [
  ['usable_board_ms', 5000, 'join 10,000 deals: usable board'],
  ['fully_synced_ms', 20000, 'join 10,000 deals: fully synced'],
  ['longest_task_ms', 200, 'join 10,000 deals: longest main-thread task'],
  ['arrival_median_ms', 2000, 'team of 22 at work: a change reaches a browser, median'],
  ['arrival_p95_ms', 5000, 'team of 22 at work: a change reaches a browser, 95th percentile'],
  ['arrivals_not_seen', 0, 'team of 22 at work: changes never seen arriving'],
  ['exactly_once_problems', 0, 'team of 22 at work: records or log entries missing or doubled'],
];

const bench = await startBench(4198);
const figures = {};
try {
  for (const name of ['ana', 'ben']) await bench.server.addUser(name, 'bench-password');
  await bench.server.addDatabase('sales', { admins: ['ana'], members: ['ben'] });
  if (PARTS.includes('join')) {
    const seeded = await seed(bench, DOCS);
    Object.assign(figures, { documents: seeded.documents, megabytes: Number(seeded.megabytes.toFixed(1)) });
    Object.assign(figures, await initialJoin(bench, seeded));
  }
  if (PARTS.includes('team')) Object.assign(figures, await teamAtWork(bench, TEAM_DOCS, seed));
} finally {
  await bench.stop();
}
let broken = 0;
if (figures.documents) console.log(`join: team database of ${figures.documents} documents, ${figures.megabytes} MB`);
if (figures.member_changes) console.log(`team at work: ${figures.members} members wrote ${figures.member_changes} changes and 2 browsers made ${figures.browser_moves} moves (${figures.browser_moves_on_server} stage-log entries on the server) in ${figures.minute_ms} ms; ${figures.arrivals_measured} arrivals measured; ${figures.server_documents} documents on the server`);
console.log('| figure | value | budget |');
console.log('|---|---:|---:|');
for (const [key, budget, label] of BUDGETS.filter(([key]) => key in figures)) {
  const unit = key.endsWith('_ms') ? ' ms' : '';
  const ok = figures[key] <= budget;
  if (!ok) broken++;
  console.log(`| ${label} | ${figures[key]}${unit} | ≤ ${budget}${unit}${ok ? '' : ' BROKEN'} |`);
}
await mkdir('bench-results', { recursive: true });
await writeFile('bench-results/sync.json', JSON.stringify(figures, null, 2));
process.exit(broken ? 1 : 0);
