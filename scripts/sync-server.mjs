// A CouchDB-compatible server (PouchDB Server) on 127.0.0.1 for development and the
// tests: started with its own config file in a scratch folder, an admin, CORS with
// credentials for the page's origin, and helpers to add users and team databases the
// way a CouchDB admin would (see README, "Team sync").
//
//   node scripts/sync-server.mjs [--port 5984] [--dir FOLDER] [--origin http://127.0.0.1:8080]
//
// prints the address and the admin's name; the admin password is ADMIN_PASSWORD or
// "admin-password" for a throwaway in-memory server.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'node_modules', '.bin', 'pouchdb-server');

export async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

async function call(url, { method = 'GET', body, auth, cookie } = {}) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (auth) headers.Authorization = `Basic ${Buffer.from(`${auth.name}:${auth.password}`).toString('base64')}`;
  if (cookie) headers.Cookie = cookie;
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json;
  try { json = JSON.parse(text); } catch { json = text; }
  return { status: response.status, body: json, headers: response.headers };
}

/** Starts a server; resolves once it answers. */
export async function startSyncServer({ port, dir, origins = [], adminPassword = 'admin-password' } = {}) {
  port ??= await freePort();
  const scratch = await mkdtemp(join(tmpdir(), 'pipewright-sync-'));
  const args = ['--host', '127.0.0.1', '--port', String(port), '--config', join(scratch, 'config.json')];
  args.push(...(dir ? ['--dir', dir] : ['--in-memory']));
  const url = `http://127.0.0.1:${port}`;
  let child;
  // Started again on the same config (its session secret: signed-in browsers stay
  // signed in) and data folder, as after a crash.
  const launch = async () => {
    child = spawn(BIN, args, { cwd: scratch, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    const started = Date.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`pouchdb-server stopped: ${output}`);
      try {
        if ((await call(url)).status === 200) break;
      } catch { /* not listening yet */ }
      if (Date.now() - started > 30000) throw new Error(`pouchdb-server did not start: ${output}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  };
  await launch();
  const admin = { name: 'admin', password: adminPassword };
  const config = async (section, key, value) => {
    const r = await call(`${url}/_config/${section}/${key}`, { method: 'PUT', body: value, auth: admin });
    if (r.status >= 300) throw new Error(`config ${section}/${key}: ${JSON.stringify(r.body)}`);
  };
  // On a restart with --dir the admin exists already; creating it again is refused.
  await call(`${url}/_config/admins/admin`, { method: 'PUT', body: adminPassword });
  // A fixed cookie secret, as CouchDB keeps in its config: sessions outlive a restart
  // (PouchDB Server would make a new one at each start).
  const secret = randomBytes(16).toString('hex');
  await config('couch_httpd_auth', 'secret', secret);
  await config('httpd', 'enable_cors', 'true');
  await config('cors', 'origins', origins.length ? origins.join(', ') : '*');
  await config('cors', 'credentials', 'true');
  await config('cors', 'methods', 'GET, PUT, POST, HEAD, DELETE');
  await config('cors', 'headers', 'accept, authorization, content-type, origin, referer');
  return {
    url,
    port,
    admin,
    call: (path, options = {}) => call(`${url}${path}`, { auth: admin, ...options }),
    /** A CouchDB user who can sign in. */
    async addUser(name, password) {
      const r = await call(`${url}/_users/org.couchdb.user:${encodeURIComponent(name)}`, {
        method: 'PUT', auth: admin, body: { name, password, roles: [], type: 'user' },
      });
      if (r.status >= 300 && r.status !== 409) throw new Error(`user ${name}: ${JSON.stringify(r.body)}`);
    },
    /** A team database: its admins may share into it, its members use it. */
    async addDatabase(db, { admins = [], members = [] } = {}) {
      const made = await call(`${url}/${db}`, { method: 'PUT', auth: admin });
      if (made.status >= 300 && made.status !== 412) throw new Error(`database ${db}: ${JSON.stringify(made.body)}`);
      const security = { admins: { names: admins, roles: [] }, members: { names: [...admins, ...members], roles: [] } };
      const r = await call(`${url}/${db}/_security`, { method: 'PUT', auth: admin, body: security });
      if (r.status >= 300) throw new Error(`security ${db}: ${JSON.stringify(r.body)}`);
    },
    /** Kills the server at once (SIGKILL: no clean shutdown), keeping its folders. */
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));
      }
    },
    /** Starts it again on the same port, configuration and data. */
    async restart() {
      await launch();
      await config('couch_httpd_auth', 'secret', secret);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      await rm(scratch, { recursive: true, force: true });
    },
  };
}

// Run from the command line: a development server with one team database.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const option = (name) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const server = await startSyncServer({
    port: Number(option('--port') ?? 5984),
    dir: option('--dir'),
    origins: option('--origin') ? [option('--origin')] : [],
    adminPassword: process.env.ADMIN_PASSWORD ?? 'admin-password',
  });
  const password = process.env.DEMO_PASSWORD ?? 'team-password';
  for (const name of ['ana', 'ben']) await server.addUser(name, password);
  await server.addDatabase('sales', { admins: ['ana'], members: ['ben'] });
  console.log(`CouchDB-compatible server at ${server.url} (admin: admin)`);
  console.log(`Team database "sales": ana (its admin) and ben, password "${password}".`);
  console.log('In Pipewright: Settings → Team. Ctrl+C stops the server.');
  const stop = async () => { await server.stop(); process.exit(0); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
