// Team sync benchmark (scripts/bench-sync.sh): the release build, a PouchDB Server on
// disk on 127.0.0.1, Chromium. Prints a table, writes bench-results/sync.json and exits
// 1 when a budget is broken.
import { mkdir, writeFile } from 'node:fs/promises';
import { startBench } from './sync/common.mjs';
import { seed, initialJoin } from './sync/join.mjs';

const DOCS = process.env.TEAM_DOCS ?? 'bench-results/team-10000.jsonl';
const BUDGETS = [
  ['usable_board_ms', 5000, 'join 10,000 deals: usable board'],
  ['fully_synced_ms', 20000, 'join 10,000 deals: fully synced'],
  ['longest_task_ms', 200, 'join 10,000 deals: longest main-thread task'],
];

const bench = await startBench(4198);
const figures = {};
try {
  for (const name of ['ana', 'ben']) await bench.server.addUser(name, 'bench-password');
  await bench.server.addDatabase('sales', { admins: ['ana'], members: ['ben'] });
  const seeded = await seed(bench, DOCS);
  Object.assign(figures, { documents: seeded.documents, megabytes: Number(seeded.megabytes.toFixed(1)) });
  Object.assign(figures, await initialJoin(bench, seeded));
} finally {
  await bench.stop();
}
let broken = 0;
console.log(`team database: ${figures.documents} documents, ${figures.megabytes} MB`);
console.log('| figure | value | budget |');
console.log('|---|---:|---:|');
for (const [key, budget, label] of BUDGETS) {
  const ok = figures[key] <= budget;
  if (!ok) broken++;
  console.log(`| ${label} | ${figures[key]} ms | ≤ ${budget} ms${ok ? '' : ' BROKEN'} |`);
}
await mkdir('bench-results', { recursive: true });
await writeFile('bench-results/sync.json', JSON.stringify(figures, null, 2));
process.exit(broken ? 1 : 0);
