// SPDX-License-Identifier: BSD-3-Clause
/**
 * Bundle sizes and import time of @riuso-sociale/fiscal-code against codice-fiscale-js.
 *
 * Run alone with `node packages/fiscal-code/bench/bundle-size.mjs` (after `npm run build`), or as
 * part of `bench/run.mjs`. Prints only; writes nothing. Exit code 0 even when a target is missed.
 *
 * - Bundles: esbuild, platform browser, format esm, minify, tree shaking, of a one-line entry that
 *   imports a single function; minified bytes and gzip bytes (zlib level 9).
 * - Import time: fresh `node -e` processes, `performance.now()` around the import, median of N runs
 *   (the variants are interleaved run by run, so machine noise hits them alike).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = join(here, '..');
const repoRoot = join(pkgDir, '..', '..');
const dist = join(pkgDir, 'dist');
const require = createRequire(import.meta.url);

const KB = 1024;
const PLACE_MARKER = 'Abano Terme'; // first row of the place table

function fmtBytes(n) {
  return n >= KB ? `${(n / KB).toFixed(2)} KB` : `${n} B`;
}

function pad(s, n, right = false) {
  s = String(s);
  return right ? s.padStart(n) : s.padEnd(n);
}

/** Bundles `contents` (resolved from this directory) and measures it. */
async function bundle(contents) {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: here, sourcefile: 'entry.mjs', loader: 'js' },
    absWorkingDir: repoRoot,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    treeShaking: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    legalComments: 'none',
  });
  const code = result.outputFiles[0].contents;
  const text = Buffer.from(code).toString('utf8');
  const inputs = Object.entries(result.metafile.outputs)[0][1].inputs;
  return {
    min: code.byteLength,
    gzip: gzipSync(code, { level: 9 }).byteLength,
    text,
    inputs: Object.entries(inputs)
      .filter(([, v]) => v.bytesInOutput > 0)
      .map(([k, v]) => ({ file: k, bytes: v.bytesInOutput })),
  };
}

export async function bundleSizes() {
  for (const f of ['lite.js', 'index.js']) {
    if (!existsSync(join(dist, f))) throw new Error(`missing ${join(dist, f)}: run \`npm run build\` at the root first`);
  }
  const cases = [
    {
      name: 'ours /lite validateFiscalCode',
      entry: "export { validateFiscalCode } from '@riuso-sociale/fiscal-code/lite';",
      targetGzip: 4 * KB,
    },
    {
      name: 'ours main validateFiscalCode (places)',
      entry: "export { validateFiscalCode } from '@riuso-sociale/fiscal-code';",
      targetGzip: 80 * KB,
    },
    {
      // The default export of codice-fiscale-js 2.4.0 is `{ CodiceFiscale }` (module.exports of its
      // webpack commonjs2 build), so `import CodiceFiscale from` gives an object without `check`;
      // the named import is the one that works.
      name: 'codice-fiscale-js CodiceFiscale.check',
      entry: "import { CodiceFiscale } from 'codice-fiscale-js'; export const check = (c) => CodiceFiscale.check(c);",
      targetGzip: null,
    },
  ];
  const rows = [];
  for (const c of cases) rows.push({ ...c, ...(await bundle(c.entry)) });

  // Sanity: the package specifiers must resolve to the built dist files, not to src.
  const liteInputs = rows[0].inputs.map((i) => i.file);
  const resolvedFromDist = liteInputs.some((f) => f.includes('fiscal-code/dist/lite.js'));

  console.log('\n## Bundle size (esbuild: platform browser, format esm, minify, tree shaking; gzip level 9)\n');
  console.log(`${pad('bundle', 40)} ${pad('minified', 12, true)} ${pad('gzip', 12, true)} ${pad('target gz', 11, true)}  result`);
  console.log('-'.repeat(86));
  for (const r of rows) {
    const target = r.targetGzip === null ? '—' : `≤ ${fmtBytes(r.targetGzip)}`;
    const verdict = r.targetGzip === null ? 'info' : r.gzip <= r.targetGzip ? 'PASS' : 'MISS';
    console.log(`${pad(r.name, 40)} ${pad(fmtBytes(r.min), 12, true)} ${pad(fmtBytes(r.gzip), 12, true)} ${pad(target, 11, true)}  ${verdict}`);
  }
  const peer = rows[2];
  console.log(`\nlite vs codice-fiscale-js check-only: ${(peer.gzip / rows[0].gzip).toFixed(1)}× smaller gzipped; main entry: ${(peer.gzip / rows[1].gzip).toFixed(1)}× smaller`);
  const liteHasPlaces = rows[0].text.includes(PLACE_MARKER);
  const mainHasPlaces = rows[1].text.includes(PLACE_MARKER);
  console.log(`lite bundle contains the place table ("${PLACE_MARKER}"): ${liteHasPlaces ? 'YES — MISS' : 'no — PASS'}`);
  console.log(`main bundle contains the place table ("${PLACE_MARKER}"): ${mainHasPlaces ? 'yes (expected)' : 'NO (unexpected)'}`);
  console.log(`lite entry resolved to dist/lite.js: ${resolvedFromDist ? 'yes' : 'NO'}`);
  console.log('lite bundle inputs (bytes in output):');
  for (const i of rows[0].inputs) console.log(`  ${pad(i.bytes, 6, true)}  ${i.file}`);
  return { rows, liteHasPlaces };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function importTimes(runs = 15) {
  const liteUrl = pathToFileURL(join(dist, 'lite.js')).href;
  const mainUrl = pathToFileURL(join(dist, 'index.js')).href;
  const liteCjs = join(dist, 'lite.cjs');
  const peerPath = require.resolve('codice-fiscale-js');
  const peerUrl = pathToFileURL(peerPath).href;
  const dyn = (url) =>
    `const t=performance.now();import(${JSON.stringify(url)}).then(()=>process.stdout.write(String(performance.now()-t)))`;
  const req = (path) => `const t=performance.now();require(${JSON.stringify(path)});process.stdout.write(String(performance.now()-t))`;
  const variants = [
    { name: 'ours /lite  (dynamic import of dist/lite.js)', script: dyn(liteUrl), key: 'lite' },
    { name: 'codice-fiscale-js (require)', script: req(peerPath), key: 'peer' },
    { name: 'codice-fiscale-js (dynamic import)', script: dyn(peerUrl) },
    { name: 'ours /lite  (require of dist/lite.cjs)', script: req(liteCjs) },
    { name: 'ours main   (dynamic import of dist/index.js)', script: dyn(mainUrl) },
    { name: 'baseline: import of an empty data: module', script: dyn('data:text/javascript,export default 1') },
  ];
  const samples = variants.map(() => []);
  const spawn = (script) => Number(execFileSync(process.execPath, ['-e', script], { cwd: repoRoot, encoding: 'utf8' }));
  for (const v of variants) spawn(v.script); // one untimed run each: file-system cache
  for (let r = 0; r < runs; r++) {
    for (let i = 0; i < variants.length; i++) samples[i].push(spawn(variants[i].script));
  }
  console.log(`\n## Import time (fresh \`node -e\` process each, performance.now() around the import; median of ${runs}, interleaved)\n`);
  console.log(`${pad('module', 48)} ${pad('median', 10, true)} ${pad('min', 9, true)} ${pad('max', 9, true)}`);
  console.log('-'.repeat(80));
  const out = {};
  variants.forEach((v, i) => {
    const med = median(samples[i]);
    if (v.key) out[v.key] = med;
    console.log(`${pad(v.name, 48)} ${pad(med.toFixed(2) + ' ms', 10, true)} ${pad(Math.min(...samples[i]).toFixed(2), 9, true)} ${pad(Math.max(...samples[i]).toFixed(2), 9, true)}`);
  });
  console.log(`\nlite dynamic import vs codice-fiscale-js require: ${(out.peer / out.lite).toFixed(1)}× faster (${out.lite.toFixed(2)} ms vs ${out.peer.toFixed(2)} ms)`);
  return out;
}

const invokedDirectly = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) {
  await bundleSizes();
  importTimes(Number(process.env.IMPORT_RUNS ?? 15));
}
