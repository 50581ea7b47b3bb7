// SPDX-License-Identifier: BSD-3-Clause
/**
 * The SIUSS export measurement of the csi-store benchmark, in a process of its own (bench/run.mjs
 * starts one per database), so that its peak RSS is its own and not the transitions'. Prints progress
 * on stderr and ONE JSON line on stdout.
 *
 * Usage: node --expose-gc bench/export-child.mjs --target pglite|server [--url URL] [--pglite-dump FILE]
 *        [--erogazioni N] [--budget SECONDS] [--warmup N] [--full]
 *
 * Steps:
 *  1. open the store (PGlite in memory — from --pglite-dump, a migrated empty database dumped by
 *     run.mjs, when given: PGlite's own initdb takes seconds — or the server database at --url) and
 *     seed the Ente (bench/seed.mjs);
 *  2. WARM-UP: seed --warmup erogazioni in April 2025 (+ the template made through the store), export
 *     them (`upTo: 2025-04-30`): JIT, caches, and the seeding and export rates on this machine, now;
 *  3. SIZE: N = --erogazioni (default 100 000), unless seeding + exporting N at the warm-up rates would
 *     not fit what is left of --budget seconds (the whole child: opening, seeding, warm-up included):
 *     then N is cut to what fits (rounded down to 500) and the report says so, with the time 100 000
 *     would have taken at those rates. `--full` never cuts;
 *  4. seed N erogazioni in May–September 2025 (raw SQL clones, bench/seed.mjs), ANALYZE, full GC,
 *     baseline RSS;
 *  5. TIME `s.exportSiuss({ kind: 'PS', upTo: '2025-09-30', mode: 'file', maxPerFlow: 5000 })` in one
 *     session (one transaction) as the SIUSS export account, sampling RSS every 2 ms in a worker
 *     thread, counting the statements the store sends (bench/transitions.mjs `instrument`); check
 *     that all N (+ 1) were exported, none skipped, and report the flows and their largest size.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { openStore } from '@riuso-sociale/csi-store';
import { analyze, run, seedEnte, seedErogazioni } from './seed.mjs';
import { BENCH_KEY } from './targets.mjs';
import { instrument } from './transitions.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const TARGET = opt('--target', 'pglite');
const URL_ = opt('--url', undefined);
const DUMP = opt('--pglite-dump', undefined);
const MAX = Number(opt('--erogazioni', 100_000));
const BUDGET_S = Number(opt('--budget', 40));
const WARMUP = Number(opt('--warmup', 500));
const FULL = args.includes('--full');
const PER_FLOW = 5000;
const MiB = 1024 * 1024;
const log = (m) => process.stderr.write(`  [export ${TARGET}] ${m}\n`);
if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');

const t0 = performance.now();
let pglite;
if (TARGET === 'pglite') pglite = DUMP === undefined ? await PGlite.create() : await PGlite.create({ loadDataDir: new Blob([readFileSync(DUMP)]) });
const store = await openStore(TARGET === 'server' ? { connectionString: URL_, auditKey: BENCH_KEY } : { pglite, auditKey: BENCH_KEY });
const openMs = performance.now() - t0;
const seeded = await seedEnte(store);

// 2. warm-up
const w = await seedErogazioni(store, seeded, WARMUP, { months: [4] });
await analyze(store);
const warmCount = WARMUP + 1; // + the template, validated through the store
let t = performance.now();
const warm = await run(store, seeded.sys, (s) => s.exportSiuss({ kind: 'PS', upTo: '2025-04-30', mode: 'file', maxPerFlow: PER_FLOW }), 'warm-up export');
const warmMs = performance.now() - t;
if (warm.exported !== warmCount || warm.skipped.length !== 0) throw new Error(`warm-up exported ${warm.exported} of ${warmCount}, skipped ${warm.skipped.length}: ${warm.skipped[0]?.message ?? ''}`);
const seedPerRec = w.ms / WARMUP;
const exportPerRec = warmMs / warmCount;
log(`warm-up: ${warmCount} erogazioni seeded at ${((1000 / seedPerRec) | 0)}/s, exported at ${((1000 / exportPerRec) | 0)}/s`);

// 3. size
const leftMs = BUDGET_S * 1000 - (performance.now() - t0);
// 0.8: a margin, so that a machine slowing down mid-run does not overrun the budget (the warm-up,
// cold, is usually the slower of the two).
const fits = Math.floor((0.8 * leftMs) / (seedPerRec + exportPerRec) / 500) * 500;
const N = FULL ? MAX : Math.max(500, Math.min(MAX, fits));
const projectedFullS = (MAX * (seedPerRec + exportPerRec)) / 1000;
log(`measuring ${N} of the ${MAX} asked${N < MAX ? ` (budget ${BUDGET_S} s, ${(leftMs / 1000).toFixed(0)} s left; ${MAX} would take ~${projectedFullS.toFixed(0)} s to seed and export at the warm-up rates)` : ''}`);

// 4. seed
const sd = await seedErogazioni(store, seeded, N, { offset: WARMUP });
await analyze(store); // as a database in service has statistics (see bench/seed.mjs)
// seedErogazioni makes its template through the store again: one more `validata` erogazione (April),
// which the timed export (upTo September) picks up with the N clones.
const expected = N + 1;
log(`seeded ${N} (+1 template) in ${(sd.ms / 1000).toFixed(1)} s`);

// 5. time the export, sampling RSS
const shared = new SharedArrayBuffer(16);
const peak = new Float64Array(shared, 0, 1);
const stop = new Int32Array(shared, 8, 1);
const sampler = new Worker(
  `const { workerData } = require('node:worker_threads');
   const peak = new Float64Array(workerData, 0, 1);
   const stop = new Int32Array(workerData, 8, 1);
   while (Atomics.load(stop, 0) === 0) {
     const rss = process.memoryUsage.rss();
     if (rss > peak[0]) peak[0] = rss;
     Atomics.wait(stop, 0, 0, 2);
   }`,
  { eval: true, workerData: shared },
);
await new Promise((resolve) => setTimeout(resolve, 50));
gc();
gc();
const base = process.memoryUsage();
peak[0] = base.rss;
const probe = instrument(store.executor); // one performance.now() per statement: noise against ms-long round trips
t = performance.now();
let report;
let failure;
try {
  report = await run(store, seeded.sys, (s) => s.exportSiuss({ kind: 'PS', upTo: '2025-09-30', mode: 'file', maxPerFlow: PER_FLOW }), 'export');
} catch (e) {
  // Reported, not hidden: e.g. PGlite runs out of memory on a very large export (measured at 100 000).
  failure = `${e?.code ?? e?.name ?? 'error'} ${e?.message ?? e}${e?.detail ? ` (${e.detail})` : ''}`.slice(0, 300);
  log(`export FAILED after ${((performance.now() - t) / 1000).toFixed(1)} s: ${failure}`);
}
const ms = performance.now() - t;
probe.restore();
const stats = probe.stats();
Atomics.store(stop, 0, 1);
await sampler.terminate();
const after = process.memoryUsage();
if (failure !== undefined) {
  console.log(
    JSON.stringify({
      target: TARGET, asked: MAX, measured: expected, cut: N < MAX, budgetS: BUDGET_S, projectedFullS, failed: failure, ms,
      baseRssMiB: base.rss / MiB, peakRssMiB: Math.max(peak[0], after.rss) / MiB, maxRssMiB: process.resourceUsage().maxRSS / 1024,
    }),
  );
  process.exit(0);
}
if (report.exported !== expected || report.skipped.length !== 0) {
  throw new Error(`export: ${report.exported} exported of ${expected}, ${report.skipped.length} skipped: ${report.skipped[0]?.message ?? ''}`);
}
const head = await store.auditHead({ ente: 'A944' });
await store.close();
await pglite?.close();

console.log(
  JSON.stringify({
    target: TARGET,
    asked: MAX,
    measured: expected,
    cut: N < MAX,
    budgetS: BUDGET_S,
    projectedFullS,
    warmup: { records: warmCount, seedPerSec: 1000 / seedPerRec, exportPerSec: 1000 / exportPerRec },
    openMs,
    seedMs: sd.ms,
    ms,
    flows: report.flows.length,
    flowsAsked: Math.ceil(expected / PER_FLOW),
    largestFlow: Math.max(...report.flows.map((f) => f.erogazioni)),
    auditEvents: head.ok ? head.value.seq : null,
    baseRssMiB: base.rss / MiB,
    peakRssMiB: Math.max(peak[0], after.rss) / MiB,
    afterRssMiB: after.rss / MiB,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    baseHeapMiB: base.heapUsed / MiB,
    dbMs: [...stats.byShape.values()].reduce((m, v) => m + v.ms, 0),
    statementCount: [...stats.byShape.values()].reduce((m, v) => m + v.n, 0),
    statements: [...stats.byShape]
      .map(([sql, v]) => ({ sql, n: v.n, ms: v.ms }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 8),
  }),
);
