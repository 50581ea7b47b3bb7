// SPDX-License-Identifier: BSD-3-Clause
/**
 * Browser bundle sizes of @riuso-sociale/core's date functions, from the built `dist/index.js` (what
 * the tarball ships: @date-fns/tz, which `todayInItaly` uses, is bundled into core's dist, tree-shaken,
 * one chunk per module; `formatDate` writes dates from a table of month names, with no date-fns).
 *
 * Run with `npm run bench -w packages/core` or `node packages/core/bench/bundle-size.mjs` (after
 * `npm run build`). Prints only; writes nothing. Exit code 0 even when a check is missed; non-zero
 * only on a crash.
 *
 * - Bundles: esbuild, platform browser, format esm, minify, tree shaking, of a one-line entry that
 *   imports a single function; minified bytes and gzip bytes (zlib level 9).
 * - date-fns (or @date-fns/tz) in a bundle, seen two ways, both required for PASS:
 *   1. from dist: esbuild follows the `//# sourceMappingURL` of core's dist chunks, so the sources of
 *      the bundle's own source map name the date-fns files whose code survived tree shaking;
 *   2. from source (the `@riuso-sociale/source` condition): the metafile's inputs with bytes in the
 *      output include `node_modules/date-fns/…` and `node_modules/@date-fns/tz/…` paths directly.
 *   `isIsoDate` and `formatDate` alone must contain none (PASS/MISS); `todayInItaly` must (its
 *   `TZDate`: else the detection is blind, MISS).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = join(here, '..');
const distIndex = join(pkgDir, 'dist', 'index.js');
const srcIndex = join(pkgDir, 'src', 'index.ts');

const KB = 1024;
const fmtBytes = (n) => (n >= KB ? `${(n / KB).toFixed(2)} KB` : `${n} B`);
const pad = (s, n, right = false) => (right ? String(s).padStart(n) : String(s).padEnd(n));
const isDateFns = (path) => /(^|[/\\])(@date-fns[/\\]tz|date-fns)[/\\]/.test(path);

/**
 * Bundles `contents` for the browser; returns sizes and the date-fns files in the output.
 * @param {string} contents @param {boolean} fromSource
 */
async function bundle(contents, fromSource) {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: here, sourcefile: 'entry.ts', loader: 'ts' },
    absWorkingDir: pkgDir,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    treeShaking: true,
    write: false,
    metafile: true,
    sourcemap: 'external',
    outfile: join(here, 'out', 'entry.js'),
    logLevel: 'silent',
    legalComments: 'none',
    ...(fromSource ? { conditions: ['@riuso-sociale/source'] } : {}),
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'));
  const map = JSON.parse(result.outputFiles.find((f) => f.path.endsWith('.js.map')).text);
  const [, output] = Object.entries(result.metafile.outputs).find(([k]) => k.endsWith('.js'));
  const inputs = Object.entries(output.inputs).filter(([, v]) => v.bytesInOutput > 0).map(([k]) => k);
  return {
    min: js.contents.byteLength,
    gzip: gzipSync(js.contents, { level: 9 }).byteLength,
    dateFnsSources: map.sources.filter(isDateFns),
    dateFnsInputs: inputs.filter(isDateFns),
    warnings: result.warnings.map((w) => w.text),
  };
}

export async function bundleSizes() {
  if (!existsSync(distIndex)) throw new Error(`missing ${distIndex}: run \`npm run build\` at the root first`);
  const cases = [
    { name: 'formatDate alone', fn: 'formatDate', call: "formatDate('2025-03-01')", dateFns: false },
    { name: 'todayInItaly alone', fn: 'todayInItaly', call: 'todayInItaly()', dateFns: true },
    { name: 'isIsoDate alone', fn: 'isIsoDate', call: "isIsoDate('2025-03-01')", dateFns: false },
    { name: 'formatDate + todayInItaly', fn: 'formatDate, todayInItaly', call: "formatDate(todayInItaly())", dateFns: true },
  ];
  const rows = [];
  for (const c of cases) {
    const entry = (from) => `import { ${c.fn} } from ${JSON.stringify(from)};\nconsole.log(${c.call});\n`;
    const dist = await bundle(entry(distIndex), false);
    const src = await bundle(entry(srcIndex), true);
    const found = dist.dateFnsSources.length > 0 && src.dateFnsInputs.length > 0;
    const none = dist.dateFnsSources.length === 0 && src.dateFnsInputs.length === 0;
    rows.push({ ...c, dist, src, verdict: c.dateFns ? (found ? 'expected' : 'MISS') : none ? 'PASS' : 'MISS' });
  }

  console.log('\n## @riuso-sociale/core browser bundles (from dist/index.js; esbuild platform browser, esm, minify; gzip level 9)\n');
  console.log(`${pad('bundle', 28)} ${pad('minified', 10, true)} ${pad('gzip', 10, true)}  ${pad('date-fns files (dist map / src metafile)', 42)} result`);
  console.log('-'.repeat(100));
  for (const r of rows) {
    const df = `${r.dist.dateFnsSources.length} / ${r.src.dateFnsInputs.length}${r.dateFns ? '' : ' (must be 0 / 0)'}`;
    console.log(`${pad(r.name, 28)} ${pad(fmtBytes(r.dist.min), 10, true)} ${pad(fmtBytes(r.dist.gzip), 10, true)}  ${pad(df, 42)} ${r.verdict}`);
  }
  const iso = rows.find((r) => r.fn === 'isIsoDate');
  console.log(`\nisIsoDate alone contains no date-fns code: ${iso.verdict}${iso.verdict === 'MISS' ? ` (${[...iso.dist.dateFnsSources, ...iso.src.dateFnsInputs].slice(0, 5).join(', ')})` : ''}`);
  const fmt = rows.find((r) => r.fn === 'formatDate');
  console.log(`formatDate alone contains no date-fns code (a table of month names): ${fmt.verdict}${fmt.verdict === 'MISS' ? ` (${[...fmt.dist.dateFnsSources, ...fmt.src.dateFnsInputs].slice(0, 5).join(', ')})` : ''}`);
  const today = rows.find((r) => r.fn === 'todayInItaly');
  const tz = today.src.dateFnsInputs.filter((p) => p.includes('@date-fns')).length;
  console.log(`todayInItaly alone takes ${tz} modules of @date-fns/tz (TZDate and its time-zone helpers) and ${today.src.dateFnsInputs.length - tz} of date-fns: ${today.verdict === 'MISS' ? 'MISS (the date-fns detection is blind)' : 'expected'}`);
  // esbuild does not show warnings about files under node_modules, so a consumer never sees these.
  const warnings = [...new Set(rows.flatMap((r) => r.dist.warnings))];
  if (warnings.length) console.log(`esbuild warnings (in the repository only: hidden under node_modules): ${warnings.join(' | ')}`);
  return rows;
}

const invokedDirectly = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) await bundleSizes();
