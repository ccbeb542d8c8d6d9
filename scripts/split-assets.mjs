// Trunk's post-build hook: puts the code that loads on demand next to the app.
//
// scripts/wasm-link splits the code downloaded on demand (the split_points! of
// src/split.rs: pages, panels, team sync) out of the linked wasm into target/wasm32-unknown-unknown/<profile>/wasm-split: the main module (which
// Trunk then runs through wasm-bindgen and wasm-opt), the split modules and chunks
// they share, and their loader __wasm_split.js. This script optimises the split
// modules as Trunk optimised the main one and stages them under a directory named by
// the main wasm's content, so a new release never meets an old release's modules in a
// cache; the app's JS is renamed by its new content for the same reason. The service
// worker learns the files from index.html, to precache them for offline use.
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
const release = process.env.TRUNK_PROFILE === 'release';
if (!staging) throw new Error('split-assets.mjs runs as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)');
const target = process.env.CARGO_TARGET_DIR || 'target';
const splitDir = join(target, 'wasm32-unknown-unknown', release ? 'release' : 'debug', 'wasm-split');

const staged = readdirSync(staging);
const appJs = staged.find((name) => /^pipewright-[0-9a-f]+\.js$/.test(name));
const appWasm = staged.find((name) => /^pipewright-[0-9a-f]+_bg\.wasm$/.test(name));
if (!appJs || !appWasm) throw new Error(`the app's JS and wasm are not in ${staging}`);
let js = readFileSync(join(staging, appJs), 'utf8');
if (!js.includes('from "./__wasm_split.js"')) process.exit(0); // nothing loads on demand
if (!existsSync(join(splitDir, '__wasm_split.js'))) {
  throw new Error(`the app loads modules on demand but ${splitDir} has none: was it linked by scripts/wasm-link?`);
}

const run = promisify(execFile);
const digest = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
const dir = `split-${digest(readFileSync(join(staging, appWasm)))}`;
mkdirSync(join(staging, dir), { recursive: true });
const files = readdirSync(splitDir).filter((name) => name.endsWith('.wasm') && name !== 'pipewright.wasm');
// One wasm-opt per core at a time.
const queue = [...files];
const optimiseNext = async () => {
  for (let name = queue.shift(); name; name = queue.shift()) {
    const [from, to] = [join(splitDir, name), join(staging, dir, name)];
    // Its warnings about the name section (which it drops) are noise; an error still stops the build.
    if (release) await run('wasm-opt', ['-Oz', from, '-o', to]);
    else copyFileSync(from, to);
  }
};
await Promise.all(Array.from({ length: availableParallelism() }, optimiseNext));

// Each rewrite below must find what it rewrites: a tool's new output format must stop
// the build, not ship an app whose pages or offline list silently break.
const rewrite = (text, pattern, replacement, what) => {
  const out = text.replace(pattern, replacement);
  if (out === text) throw new Error(`split-assets.mjs: ${what} not found; did wasm-bindgen, wasm-split-cli or Trunk change their output?`);
  return out;
};

// Only where the file is imported: the wasm still names the module "./__wasm_split.js".
js = rewrite(js, /from "\.\/__wasm_split\.js"/g, `from "./${dir}/__wasm_split.js"`, "the app JS's import of the loader");
const newJs = `pipewright-${digest(js)}.js`;
writeFileSync(join(staging, newJs), js);
if (newJs !== appJs) rmSync(join(staging, appJs));
let loader = readFileSync(join(splitDir, '__wasm_split.js'), 'utf8');
loader = rewrite(loader, '"./pipewright.js"', `"../${newJs}"`, "the loader's import of the app JS");
// scripts/wasm-link renamed the table's export so that wasm-bindgen keeps it.
loader = rewrite(loader, 'const { __indirect_function_table,', 'const { __wasm_split_function_tbl: __indirect_function_table,', "the loader's function table");
writeFileSync(join(staging, dir, '__wasm_split.js'), loader);

const index = join(staging, 'index.html');
let html = readFileSync(index, 'utf8').replaceAll(appJs, newJs);
// The preload's integrity (subresource integrity) must be that of the rewritten file.
const integrity = `sha384-${createHash('sha384').update(js).digest('base64')}`;
html = rewrite(html, new RegExp(`(href="\\./${newJs}"[^>]*integrity=")[^"]*"`), `$1${integrity}"`, "the app JS's integrity in index.html");
// The app's JS imports the loader before it starts: preload it beside the app's JS
// instead of discovering it one round trip later.
html = rewrite(
  html,
  new RegExp(`(<link rel="modulepreload" href="\\./${newJs}"[^>]*>)`),
  `$1<link rel="modulepreload" href="./${dir}/__wasm_split.js" crossorigin="anonymous">`,
  "the app JS's modulepreload in index.html",
);
const offline = [`${dir}/__wasm_split.js`, ...files.map((name) => `${dir}/${name}`)].join(' ');
html = rewrite(html, /(<meta name="pipewright-offline" content="[^"]*)"/, `$1 ${offline}"`, 'the offline list in index.html');
writeFileSync(index, html);
