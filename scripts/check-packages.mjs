#!/usr/bin/env node
// SPDX-License-Identifier: BSD-3-Clause
/**
 * Packaging gate (DESIGN.md §5): for every published package (each `packages/<name>/package.json`
 * that is not `private`), `publint --strict` and `attw --pack` with attw's default (strict) profile,
 * i.e. node10, node16 from CJS, node16 from ESM and bundler resolution all checked.
 *
 *   node scripts/check-packages.mjs                  every package
 *   node scripts/check-packages.mjs packages/core    only these package folders
 *
 * Any publint error or warning (strict: warnings count as errors) and any attw problem fails the
 * run (exit 1); publint suggestions are printed but do not fail. Packages must be built first
 * (`npm run build`): a missing `dist/` is reported as such.
 *
 * `checkPackage(dir)` is exported for test/packaging.test.ts, which proves this gate can fail.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root (this file lives in `<root>/scripts`). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const ATTW = join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'attw.cmd' : 'attw');
const RESOLUTION_KINDS = /** @type {const} */ (['node10', 'node16-cjs', 'node16-esm', 'bundler']);
const KIND_LABEL = { node10: 'node10', 'node16-cjs': 'node16 (from CJS)', 'node16-esm': 'node16 (from ESM)', bundler: 'bundler' };

/**
 * The published packages: every `packages/<name>/package.json` without `"private": true`, sorted by
 * folder name.
 * @param {string} [root]
 * @returns {{ dir: string, name: string, version: string, pkg: Record<string, any> }[]}
 */
export function listPackages(root = ROOT) {
  const base = join(root, 'packages');
  if (!existsSync(base)) return [];
  return readdirSync(base, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(base, d.name, 'package.json')))
    .map((d) => {
      const dir = join(base, d.name);
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return { dir, name: pkg.name, version: pkg.version, pkg };
    })
    .filter((p) => p.pkg.private !== true)
    .sort((a, b) => basename(a.dir).localeCompare(basename(b.dir)));
}

/**
 * Files the package's manifest points at inside `dist/` that do not exist (so: "not built").
 * @param {string} dir
 * @param {Record<string, any>} pkg
 * @returns {string[]}
 */
export function missingBuildOutput(dir, pkg) {
  /** @type {string[]} */
  const targets = [];
  const walk = (/** @type {unknown} */ v) => {
    if (typeof v === 'string') targets.push(v);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  walk(pkg.exports);
  walk(pkg.main);
  walk(pkg.module);
  walk(pkg.types);
  const inDist = [...new Set(targets)].filter((t) => /^(\.\/)?dist\//.test(t) && !t.includes('*'));
  if (inDist.length > 0 && !existsSync(join(dir, 'dist'))) return ['dist/'];
  return inDist.filter((t) => !existsSync(join(dir, t)));
}

/**
 * Runs a command, collecting its output.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ cwd: string }} opts
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
function run(cmd, args, opts) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/**
 * publint --strict through its JS API.
 * @param {string} dir
 * @returns {Promise<{ problems: string[], suggestions: string[] }>}
 */
async function runPublint(dir) {
  const { publint } = await import('publint');
  const { formatMessage } = await import('publint/utils');
  const { messages, pkg } = await publint({ pkgDir: dir, strict: true, pack: 'npm' });
  /** @type {string[]} */ const problems = [];
  /** @type {string[]} */ const suggestions = [];
  for (const m of messages) {
    const text = `publint ${m.type} ${m.code}: ${formatMessage(m, pkg, { color: false }) ?? JSON.stringify(m)}`;
    (m.type === 'suggestion' ? suggestions : problems).push(text);
  }
  return { problems, suggestions };
}

/**
 * attw --pack (default "strict" profile) with JSON output; the table is rebuilt from it.
 * @param {string} dir
 * @returns {Promise<{ problems: string[], table: string }>}
 */
async function runAttw(dir) {
  if (!existsSync(ATTW)) return { problems: [`attw not found at ${ATTW}: run npm ci at the repository root`], table: '' };
  // cwd is the root so that no stray .attw.json next to a package silently ignores rules.
  const r = await run(ATTW, ['--pack', dir, '--format', 'json'], { cwd: ROOT });
  /** @type {any} */ let report;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    return { problems: [`attw failed (exit ${r.code}): ${(r.stderr || r.stdout).trim().slice(0, 2000)}`], table: '' };
  }
  /** @type {Record<string, any>} */ let info = {};
  try {
    info = (await import('@arethetypeswrong/core/problems')).problemKindInfo ?? {};
  } catch {
    // attw's core library is a dependency of the CLI; without it, problems are shown by kind only.
  }
  /** @type {any[]} */
  const all = report.analysis?.problems ?? Object.values(report.problems ?? {}).flat();
  const problems = all.map((p) => {
    const where = [p.entrypoint, p.resolutionKind && KIND_LABEL[/** @type {keyof typeof KIND_LABEL} */ (p.resolutionKind)], p.fileName]
      .filter(Boolean)
      .join(', ');
    const title = info[p.kind]?.title ?? '';
    return `attw ${p.kind}${where ? ` (${where})` : ''}${title ? `: ${title}` : ''}`;
  });
  if (r.code !== 0 && problems.length === 0) problems.push(`attw exited ${r.code}: ${r.stderr.trim().slice(0, 2000)}`);
  return { problems, table: attwTable(report, info) };
}

/**
 * A plain-text version of attw's table: resolution kinds down, entry points across.
 * @param {any} report
 * @param {Record<string, any>} info
 */
function attwTable(report, info) {
  const entrypoints = report.analysis?.entrypoints ?? {};
  /** @type {any[]} */
  const problems = report.analysis?.problems ?? Object.values(report.problems ?? {}).flat();
  const moduleKinds = report.analysis?.programInfo?.node16?.moduleKinds ?? {};
  const name = report.analysis?.packageName ?? '';
  const cols = Object.keys(entrypoints);
  const rows = RESOLUTION_KINDS.map((kind) => [
    KIND_LABEL[kind],
    ...cols.map((ep) => {
      const res = entrypoints[ep].resolutions?.[kind];
      const visible = (res?.visibleProblems ?? []).map((/** @type {number} */ i) => /** @type {any} */ (problems[i])?.kind);
      const kinds = visible.length ? visible : problems.filter((p) => p.entrypoint === ep && p.resolutionKind === kind).map((p) => p.kind);
      if (kinds.length) return kinds.map((k) => `${info[k]?.emoji ?? ''} ${k}`.trim()).join(' ');
      if (!res?.resolution) return 'no resolution';
      // As attw prints it: (JSON), or the module kind TypeScript detects under node16 (1 = CJS, 99 = ESM).
      const detected = kind.startsWith('node16') ? moduleKinds[res.resolution.fileName]?.detectedKind : undefined;
      const fmt = res.resolution.isJson ? 'JSON' : detected === 1 ? 'CJS' : detected === 99 ? 'ESM' : '';
      return `ok${fmt ? ` (${fmt})` : ''}`;
    }),
  ]);
  const head = ['', ...cols.map((c) => (c === '.' ? name : `${name}${c.slice(1)}`))];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (/** @type {string[]} */ cells) => cells.map((c, i) => String(c).padEnd(widths[i] ?? 0)).join(' | ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-+-'), ...rows.map(line)].join('\n');
}

/**
 * Checks one package folder: publint --strict, then attw --pack.
 * @param {string} dir the package folder (holding package.json and its built dist/)
 * @param {{ log?: (line: string) => void }} [options] where to print the details (default: console.log)
 * @returns {Promise<{ ok: boolean, name: string, problems: string[], suggestions: string[], attwTable: string, seconds: number }>}
 */
export async function checkPackage(dir, options = {}) {
  const log = options.log ?? ((/** @type {string} */ line) => console.log(line));
  const started = performance.now();
  const abs = resolve(dir);
  const pkg = JSON.parse(readFileSync(join(abs, 'package.json'), 'utf8'));
  const name = `${pkg.name}@${pkg.version}`;
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;

  // No dist/ at all: not built, and publint/attw would only bury that under a list of missing files.
  // A single missing file is left to publint, which names the field that points at it.
  if (missingBuildOutput(abs, pkg).includes('dist/')) {
    const problems = [`not built: no dist/ in ${relative(ROOT, abs) || abs} (run \`npm run build\` first)`];
    for (const p of problems) log(`  ✗ ${p}`);
    return { ok: false, name, problems, suggestions: [], attwTable: '', seconds: seconds() };
  }

  const pub = await runPublint(abs);
  const attw = await runAttw(abs);
  const problems = [...pub.problems, ...attw.problems];
  if (attw.table) log(attw.table.replace(/^/gm, '  '));
  for (const s of pub.suggestions) log(`  · ${s}`);
  for (const p of problems) log(`  ✗ ${p}`);
  return { ok: problems.length === 0, name, problems, suggestions: pub.suggestions, attwTable: attw.table, seconds: seconds() };
}

async function main() {
  const args = process.argv.slice(2);
  const dirs = args.length > 0 ? args.map((a) => resolve(a)) : listPackages().map((p) => p.dir);
  if (dirs.length === 0) {
    console.error('check-packages: no published package found under packages/*');
    process.exit(1);
  }
  /** @type {Awaited<ReturnType<typeof checkPackage>>[]} */
  const results = [];
  for (const dir of dirs) {
    console.log(`\n== ${relative(ROOT, dir) || dir}: publint --strict, attw --pack`);
    results.push(await checkPackage(dir));
  }
  console.log('\nPackages:');
  for (const r of results) {
    const verdict = r.ok ? 'ok  ' : 'FAIL';
    const detail = r.ok ? 'publint --strict clean, attw: no problems' : `${r.problems.length} problem(s)`;
    const notes = r.suggestions.length ? `, ${r.suggestions.length} publint suggestion(s)` : '';
    console.log(`  ${verdict} ${r.name.padEnd(36)} ${detail}${notes} (${r.seconds.toFixed(1)} s)`);
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(failed ? `\n${failed} of ${results.length} package(s) failed.` : `\nAll ${results.length} package(s) ok.`);
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
