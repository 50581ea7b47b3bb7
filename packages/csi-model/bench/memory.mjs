// SPDX-License-Identifier: BSD-3-Clause
/**
 * Peak memory of ONE benchmark task, measured in a process of its own (bench/run.mjs starts one per
 * task, so no task inherits another's heap). Prints one JSON line on stdout.
 *
 * Usage: node --expose-gc bench/memory.mjs <a|b|c> [--count N] [--erogazioni N] [--persons N] [--per-flow N] [--seed N]
 *   a: model validation of the (cartella + persona) pairs; b: the bare zod peer of the same pairs;
 *   c: export of the erogazioni through `toSiussFlow` (flows of `--per-flow` beneficiaries).
 *
 * Method: generate the data (same generators and seeds as run.mjs), full GC twice, record the
 * baseline (`process.memoryUsage()`: the data alone). Then, during the task:
 * - heap: `v8.GCProfiler` records the used heap before and after every GC, so the peak used heap is
 *   the largest "before GC" value (or the used heap at the end, if larger) — a real peak, not a sample;
 * - RSS: a worker thread samples `process.memoryUsage.rss()` (process-wide) every 2 ms; and
 *   `process.resourceUsage().maxRSS` gives the lifetime peak (data generation included).
 * The task of (a)/(b) keeps nothing (results are counted and dropped, as a validating import would);
 * (c) keeps its outputs (the flows, their XML) until the end, as they are its product.
 * For (c) the erogazioni are passed as generated (the same objects run.mjs checked against
 * `ENTITY_SCHEMAS`; parsing them again here would only change the baseline).
 */
import { GCProfiler } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { DEFAULTS, exportFlows, generateExport, generatePairs, validateModel, validatePeer } from './workload.mjs';

const args = process.argv.slice(2);
const task = args[0];
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const COUNT = flag('--count', DEFAULTS.count);
const EROGAZIONI = flag('--erogazioni', DEFAULTS.erogazioni);
const PERSONS = flag('--persons', DEFAULTS.persons);
const PER_FLOW = flag('--per-flow', DEFAULTS.perFlow);
const SEED = flag('--seed', DEFAULTS.seed);
if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
if (!['a', 'b', 'c'].includes(task)) throw new Error('task: a, b or c');

// --- data ------------------------------------------------------------------------------------
let pairs = null;
let exported = null;
if (task === 'c') exported = generateExport({ erogazioni: EROGAZIONI, persons: PERSONS, seed: SEED + 1 });
else pairs = generatePairs(COUNT, { seed: SEED });

// --- RSS sampler (worker thread; RSS is process-wide) ----------------------------------------
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
await new Promise((resolve) => setTimeout(resolve, 50)); // let the worker start before the baseline

gc();
gc();
const base = process.memoryUsage();
peak[0] = base.rss;

// --- the task ----------------------------------------------------------------------------------
const profiler = new GCProfiler();
profiler.start();
const t = performance.now();
let records = 0;
let kept = null;
if (task === 'a' || task === 'b') {
  const f = task === 'a' ? validateModel : validatePeer;
  for (let i = 0; i < pairs.length; i++) records += f(pairs[i]);
} else {
  kept = exportFlows(exported.ente, exported.beneficiari, PER_FLOW);
  if (kept.issues !== null) throw new Error(`toSiussFlow refused: ${kept.issues[0].code} ${kept.issues[0].message}`);
  records = kept.erogazioni;
}
const ms = performance.now() - t;
const end = process.memoryUsage();
const gcs = profiler.stop().statistics;
Atomics.store(stop, 0, 1);
Atomics.notify(stop, 0);
await sampler.terminate();

gc();
gc();
const retained = process.memoryUsage().heapUsed; // what the task keeps: nothing for (a)/(b), the flows for (c)
let peakHeap = end.heapUsed;
for (const s of gcs) peakHeap = Math.max(peakHeap, s.beforeGC.heapStatistics.usedHeapSize);
const MiB = 1024 * 1024;
const out = {
  task,
  records,
  ms,
  gcCount: gcs.length,
  baseHeapMiB: base.heapUsed / MiB,
  peakHeapMiB: peakHeap / MiB,
  retainedHeapMiB: retained / MiB,
  baseRssMiB: base.rss / MiB,
  peakRssMiB: Math.max(peak[0], end.rss) / MiB,
  maxRssMiB: (process.resourceUsage().maxRSS * 1024) / MiB,
  flows: kept?.outputs.length ?? null,
  xmlMiB: kept === null ? null : kept.bytes / MiB,
  // Read after the last measurement, so the input stays alive (and counted in the baseline) until then.
  inputs: pairs !== null ? pairs.length : exported.beneficiari.length,
};
process.stdout.write(`${JSON.stringify(out)}\n`);
