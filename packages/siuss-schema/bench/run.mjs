#!/usr/bin/env node
// SPDX-License-Identifier: BSD-3-Clause
/**
 * Benchmarks of siuss-schema, all measured in the same run on the same machine:
 *
 * (a) streaming validation of a 100 MB PS-PSA-SINA flow: `siuss validate` (the built CLI, in a child
 *     process) with `--jobs 1` (one thread) and `--jobs 2` (cut into pieces at record start tags,
 *     validated by the main thread and a worker), full (XSD + INPS rules + codici fiscali) and
 *     `--xsd-only`, against `xmllint --stream --noout --schema PS_PSA_SINA201812.xsd` (libxml2),
 *     the five interleaved round by round; wall time → MB/s, and peak RSS of each process
 *     (`/usr/bin/time -v` when available; otherwise the CLI child reports
 *     `process.resourceUsage().maxRSS` itself and xmllint's RSS is not measured).
 * (b) parse to objects of a 10 MB flow: `parseFlow` against fast-xml-parser's `XMLParser` on the
 *     whole document (fast-xml-parser does no validation at all; parseFlow checks the XSD too).
 * (c) `buildFlow` of the same flow (it serialises and re-reads its output against the XSD).
 * (d) with `--big`: (a) on a 1 GB flow, `siuss to-json` on it (and with `--split` also
 *     `siuss split-cooperazione`, about 1.5 million files): time and peak RSS.
 *
 * Targets (issue 14): full validation ≥ 1.0× xmllint with --jobs 1, ≥ 1.5× with --jobs 2;
 * --xsd-only ≥ 1.8× with --jobs 2; peak RSS ≤ 150 MB, ≤ 64 MB per worker; the same on 1 GB.
 * Prints a table; always exits 0 (a MISS is a finding, not a failure).
 *
 * Usage: node bench/run.mjs [--big [--split]] [--reps N] [--seed N]
 *   The flows are generated into os.tmpdir() (reused when the same size, seed and generator exist).
 *   dist/ is rebuilt (tsup) when it is missing or older than src/.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { writeFlow } from './generate-flow.mjs';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const BIG = args.includes('--big');
const REPS = Number(flag('--reps', '3'));
const SEED = Number(flag('--seed', '1'));
const MB = 1024 * 1024;
const XSD = [join(pkg, '..', '..', '..', 'shared', 'data', 'siuss', 'PS_PSA_SINA201812.xsd'), process.env.SIUSS_XSD]
  .filter((p) => p !== undefined && existsSync(p))[0];

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

// ---------------------------------------------------------------------------------------------
// Build and data.

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function ensureBuilt() {
  const cli = join(pkg, 'dist', 'cli.cjs');
  if (existsSync(cli) && statSync(cli).mtimeMs >= newestMtime(join(pkg, 'src'))) return;
  process.stderr.write('building dist/ (tsup)…\n');
  const r = spawnSync('npx', ['tsup'], { cwd: pkg, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('tsup failed');
}

const generatorHash = createHash('sha256').update(readFileSync(new URL('./generate-flow.mjs', import.meta.url))).digest('hex').slice(0, 8);

/** A generated flow of `mb` MB in the temp dir, reused when present. */
async function flowFile(mb) {
  const path = join(tmpdir(), `siuss-bench-ps-${mb}MB-seed${SEED}-${generatorHash}.xml`);
  if (!existsSync(path)) {
    process.stderr.write(`generating ${path}…\n`);
    await writeFlow(path, { bytes: mb * MB, seed: SEED });
  }
  return path;
}

// ---------------------------------------------------------------------------------------------
// Child-process measurements.

const TIME = ['/usr/bin/time', '/bin/time'].find((p) => existsSync(p) && spawnSync(p, ['-v', 'true']).status === 0);

/** Runs a command; wall time (ms), peak RSS (MB or null), exit status and output. */
function measure(command, commandArgs) {
  const argv = TIME === undefined ? [command, ...commandArgs] : [TIME, '-v', command, ...commandArgs];
  const started = performance.now();
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 64 * MB });
  const ms = performance.now() - started;
  let rss = null;
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  if (m !== null) rss = Number(m[1]) / 1024;
  const self = /^maxRSS (\d+)$/m.exec(r.stderr ?? '');
  if (rss === null && self !== null) rss = Number(self[1]) / 1024;
  return { ms, rss, status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** `siuss validate` through the built CLI; without /usr/bin/time the child reports its own maxRSS. */
function siussValidate(file, extra = []) {
  if (TIME !== undefined) return measure(process.execPath, [join(pkg, 'bin', 'siuss.cjs'), 'validate', file, '--max-issues', '0', ...extra]);
  const script = `process.argv.splice(1, 0, 'siuss');require(${JSON.stringify(join(pkg, 'dist', 'cli.cjs'))}).main().then(() => process.stderr.write('maxRSS ' + process.resourceUsage().maxRSS + '\\n'))`;
  return measure(process.execPath, ['-e', script, 'validate', file, '--max-issues', '0', ...extra]);
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function repeat(reps, fn) {
  const runs = [];
  for (let i = 0; i < reps; i++) runs.push(fn());
  return { ms: median(runs.map((r) => r.ms)), rss: runs.every((r) => r.rss === null) ? null : Math.max(...runs.map((r) => r.rss ?? 0)), last: runs.at(-1) };
}

// ---------------------------------------------------------------------------------------------
// Table.

const rows = [];
const fmt = (n, digits = 1) => (n === null || n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits));
function row(measureName, ours, theirs, ratio, target, verdict) {
  rows.push([measureName, ours, theirs, ratio, target, verdict]);
}
function printTable() {
  const head = ['measure', 'siuss-schema', 'reference', 'ratio', 'target', 'verdict'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  process.stdout.write(`${line(head)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${rows.map(line).join('\n')}\n`);
}

// ---------------------------------------------------------------------------------------------

/**
 * (a) One file, the five commands interleaved round by round (xmllint, then siuss with --jobs 1 and
 * 2, full and --xsd-only), so that the noise of a shared machine falls on all of them alike;
 * medians per command. Ratios are MB/s over xmllint's MB/s in the same run.
 */
async function streaming(mb, reps) {
  const file = await flowFile(mb);
  const size = statSync(file).size / MB;
  let lintOk = XSD !== undefined;
  if (XSD === undefined) process.stderr.write('PS_PSA_SINA201812.xsd not found (../shared or SIUSS_XSD): xmllint skipped\n');
  else if (spawnSync('xmllint', ['--version']).error !== undefined) {
    process.stderr.write('xmllint not installed: skipped\n');
    lintOk = false;
  }
  const commands = {
    lint: () => measure('xmllint', ['--stream', '--noout', '--schema', XSD, file]),
    full1: () => siussValidate(file, ['--jobs', '1']),
    full2: () => siussValidate(file, ['--jobs', '2']),
    xsd1: () => siussValidate(file, ['--xsd-only', '--jobs', '1']),
    xsd2: () => siussValidate(file, ['--xsd-only', '--jobs', '2']),
  };
  const runs = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let i = 0; i < reps; i++) {
    for (const [k, fn] of Object.entries(commands)) {
      if (k === 'lint' && !lintOk) continue;
      const r = fn();
      if (k !== 'lint' && r.status !== 0) process.stderr.write(`siuss validate (${k}) exited ${r.status}: ${r.stdout.slice(-300)}${r.stderr.slice(-300)}\n`);
      if (k === 'lint' && !/validates/.test(r.stderr)) process.stderr.write(`xmllint: ${r.stderr.slice(-300)}\n`);
      runs[k].push(r);
    }
  }
  const summary = (list) => (list.length === 0 ? null : { ms: median(list.map((r) => r.ms)), rss: list.every((r) => r.rss === null) ? null : Math.max(...list.map((r) => r.rss ?? 0)) });
  const m = Object.fromEntries(Object.entries(runs).map(([k, list]) => [k, summary(list)]));
  const speed = (r) => size / (r.ms / 1000);
  const lint = m.lint;
  const label = `${Math.round(size)} MB`;
  const versus = (r, target) => {
    const ratio = lint === null ? null : speed(r) / speed(lint);
    return [`${fmt(speed(r))}`, lint === null ? 'n/a' : `${fmt(speed(lint))} (xmllint --stream)`, `${fmt(ratio, 2)}×`, target === null ? 'report' : `≥ ${target.toFixed(2)}× xmllint`, ratio === null ? 'n/a' : target === null ? '' : ratio >= target ? 'OK' : 'MISS'];
  };
  // Targets of issue 14: full validation (XSD + INPS rules + codici fiscali) ≥ 1.0× with --jobs 1
  // and ≥ 1.5× with --jobs 2; --xsd-only ≥ 1.8× with --jobs 2.
  row(`(a) siuss validate --jobs 1, ${label}: MB/s`, ...versus(m.full1, 1.0));
  row(`(a) siuss validate --jobs 2, ${label}: MB/s`, ...versus(m.full2, 1.5));
  row(`(a) siuss validate --xsd-only --jobs 1, ${label}: MB/s`, ...versus(m.xsd1, null));
  row(`(a) siuss validate --xsd-only --jobs 2, ${label}: MB/s`, ...versus(m.xsd2, 1.8));
  row(`(a) scaling, full: jobs 2 / jobs 1`, `${fmt(m.full1.ms / m.full2.ms, 2)}×`, '', '', 'report', '');
  row(`(a) scaling, --xsd-only: jobs 2 / jobs 1`, `${fmt(m.xsd1.ms / m.xsd2.ms, 2)}×`, '', '', 'report', '');
  // Memory: the whole process (main thread + workers). With --jobs 2 the main thread validates
  // pieces too and one worker runs beside it: the worker's share is the growth over --jobs 1.
  for (const [name, r] of [['--jobs 1', m.full1], ['--xsd-only --jobs 1', m.xsd1]]) {
    row(`(a) siuss validate ${name}, ${label}: peak RSS MB`, fmt(r.rss), lint === null ? 'n/a' : `${fmt(lint.rss)} (xmllint)`, '', '≤ 150 MB', r.rss === null ? 'n/a' : r.rss <= 150 ? 'OK' : 'MISS');
  }
  // Per worker: what one more worker adds, the peak RSS of --jobs 3 over --jobs 2 (one run each,
  // after the timed rounds; memory does not suffer from the noise that time does). The step from
  // --jobs 1 to 2 is reported too: it holds the pieces in flight and the main thread's share.
  const three = siussValidate(file, ['--jobs', '3']);
  const two = siussValidate(file, ['--jobs', '2']);
  const perWorker = three.rss === null || two.rss === null ? null : three.rss - two.rss;
  row(`(a) siuss validate, ${label}: RSS of one more worker MB (jobs 3 − jobs 2)`, fmt(perWorker), `${fmt(two.rss)} process, jobs 2`, '', '≤ 64 MB', perWorker === null ? 'n/a' : perWorker <= 64 ? 'OK' : 'MISS');
  row(`(a) siuss validate, ${label}: RSS jobs 2 − jobs 1 MB`, fmt(m.full2.rss === null || m.full1.rss === null ? null : m.full2.rss - m.full1.rss), `${fmt(m.full1.rss)} process, jobs 1`, '', 'report', '');
  return m;
}

/** (d) A streamed command on a file: wall time and peak RSS (to-json, split-cooperazione on 1 GB). */
function streamedCommand(name, commandArgs, file) {
  const size = statSync(file).size / MB;
  const r = measure(process.execPath, [join(pkg, 'bin', 'siuss.cjs'), ...commandArgs]);
  if (r.status !== 0) process.stderr.write(`siuss ${name} exited ${r.status}: ${r.stderr.slice(-300)}\n`);
  row(`(d) siuss ${name}, ${Math.round(size)} MB: MB/s`, fmt(size / (r.ms / 1000)), 'n/a', 'n/a', 'report', r.status === 0 ? '' : 'FAILED');
  row(`(d) siuss ${name}, ${Math.round(size)} MB: peak RSS MB`, fmt(r.rss), 'n/a', 'n/a', '≤ 150 MB', r.rss === null ? 'n/a' : r.rss <= 150 ? 'OK' : 'MISS');
}

async function inProcess() {
  const { parseFlow, buildFlow } = await import(pathToFileURL(join(pkg, 'dist', 'index.js')).href);
  let XMLParser = null;
  try {
    ({ XMLParser } = await import('fast-xml-parser'));
  } catch {
    process.stderr.write('fast-xml-parser not installed: skipped\n');
  }
  const file = await flowFile(10);
  const text = readFileSync(file, 'utf8');
  const size = Buffer.byteLength(text) / MB;
  /** Median MB/s of `fn` and the heap it retains (its result). */
  const time = (fn) => {
    const speeds = [];
    let retained = 0;
    for (let i = 0; i < Math.max(3, REPS); i++) {
      gc();
      const before = process.memoryUsage().heapUsed;
      const t = performance.now();
      let result = fn();
      const ms = performance.now() - t;
      gc();
      retained = (process.memoryUsage().heapUsed - before) / MB;
      result = null;
      void result;
      speeds.push(size / (ms / 1000));
    }
    return { speed: median(speeds), retained };
  };
  const ours = time(() => parseFlow(text));
  const fxp = XMLParser === null ? null : time(() => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false }).parse(text));
  const ratio = fxp === null ? null : ours.speed / fxp.speed;
  row(`(b) parseFlow, ${Math.round(size)} MB → objects: MB/s`, fmt(ours.speed), fxp === null ? 'n/a' : `${fmt(fxp.speed)} (fast-xml-parser)`, `${fmt(ratio, 2)}×`, 'report', ratio === null ? 'n/a' : ratio >= 1 ? 'faster' : 'slower');
  row(`(b) parseFlow: retained heap MB`, fmt(ours.retained), fxp === null ? 'n/a' : fmt(fxp.retained), fxp === null ? 'n/a' : `${fmt(ours.retained / fxp.retained, 2)}×`, 'report', '');
  const flow = parseFlow(text);
  const built = buildFlow(flow);
  const builtSize = Buffer.byteLength(built) / MB;
  const speeds = [];
  for (let i = 0; i < Math.max(3, REPS); i++) {
    const t = performance.now();
    buildFlow(flow);
    speeds.push(builtSize / ((performance.now() - t) / 1000));
  }
  row(`(c) buildFlow (serialise + XSD re-check), ${Math.round(builtSize)} MB: MB/s`, fmt(median(speeds)), 'n/a', 'n/a', 'report', '');
}

async function main() {
  const started = performance.now();
  ensureBuilt();
  process.stderr.write(`node ${process.version}, ${cpus()[0]?.model ?? '?'} ×${cpus().length}, peak RSS via ${TIME ?? 'process.resourceUsage()'}\n`);
  const hundred = await streaming(100, REPS);
  await inProcess();
  if (BIG) {
    const big = await streaming(1024, 1);
    const grew = big.full1.rss !== null && hundred.full1.rss !== null ? big.full1.rss / hundred.full1.rss : null;
    row('(a) 1 GB vs 100 MB, --jobs 1: peak RSS growth', grew === null ? 'n/a' : `${fmt(grew, 2)}×`, '', '', '≈ 1× (bounded)', grew === null ? 'n/a' : grew <= 1.2 ? 'OK' : 'MISS');
    const file = await flowFile(1024);
    const out = mkdtempSync(join(tmpdir(), 'siuss-bench-'));
    try {
      streamedCommand('to-json', ['to-json', file, '--out', join(out, 'flow.json'), '--quiet'], file);
      rmSync(join(out, 'flow.json'), { force: true });
      if (args.includes('--split')) streamedCommand('split-cooperazione', ['split-cooperazione', file, '--out', join(out, 'split'), '--date', '2026-01-15', '--quiet'], file);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  printTable();
  process.stderr.write(`bench done in ${fmt((performance.now() - started) / 1000)} s\n`);
}

await main();
