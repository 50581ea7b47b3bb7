// SPDX-License-Identifier: BSD-3-Clause
/**
 * Benchmark of @riuso-sociale/csi-model (the built dist/), measured in the same run on the same
 * machine and reported as ratios and rates (never asserted):
 *
 * (a) model validation: `cartellaSchema.safeParse` + `personaSchema.safeParse` of 100 000 generated
 *     (cartella + persona) pairs — the package's schemas, with the codice fiscale check and the
 *     cross-field refinements;
 * (b) THE PEER: a bare zod parse of the same objects (bench/peer.mjs: `z.strictObject`s with the same
 *     field names and primitive types, no refinement, no codice fiscale check);
 * (c) export of 100 000 erogazioni (with their interventi and SINA assessments, ~20 000 persons)
 *     through `toSiussFlow` to PS-PSA-SINA flows, erogazioni per second;
 * (d) peak memory of (a), (b) and (c), each in a child process of its own (bench/memory.mjs).
 *
 * Target (issue): time of (a) ÷ time of (b) ≤ 1.5×. Information rows split (a) (persona alone,
 * cartella alone, `validateFiscalCode` alone) and (c) (`validateFlow` alone and `buildFlow` alone of
 * the same flows, both from siuss-schema, both called by `toSiussFlow`).
 *
 * Flows: the PS-PSA-SINA XSD has no limit on `Beneficiario` per flow (maxOccurs="unbounded"; only
 * cooperazione/WaaS need one per flow), so the bench first tries ONE flow of all the persons and
 * reports what happens; the timed export uses flows of `--per-flow` beneficiaries (default 4 000, so
 * 5 flows) — see the "single flow" line of the output for why.
 *
 * Usage (after `npm run build` at the root, or `npx tsup` here):
 *   node bench/run.mjs [--count N] [--erogazioni N] [--persons N] [--per-flow N] [--rounds N]
 *                      [--export-rounds N] [--seed N] [--no-memory] [--before FILE.mjs]
 * `--before FILE.mjs`: an ES module exporting `toSiussFlow` (e.g. an esbuild bundle of an earlier
 * build: `npx esbuild dist/index.js --bundle --platform=node --format=esm --outfile=before.mjs`),
 * timed as one more export row, interleaved with the current one: before/after in the same run.
 * Prints only; writes nothing. Exit code 0 even when a target is missed; non-zero only on a crash.
 *
 * Method: deterministic data (bench/data.mjs, seeded PRNG), checked before anything is timed (every
 * record passes its schema; the peer accepts them all). One warm-up round, then `--rounds` (default 5)
 * rounds for (a)/(b) and `--export-rounds` (default 3) for (c); in each round every task walks all its
 * data once, in an order rotated from round to round (interleaved, so drift of the machine hits every
 * task alike); a full GC before each pass; the reported time is the median pass.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { bareCartellaSchema, barePersonaSchema } from './peer.mjs';
import {
  buildFlows,
  buildValidatedFlows,
  cartellaSchema,
  DEFAULTS,
  exportFlows,
  generateExport,
  generatePairs,
  parseExport,
  personaSchema,
  validateCartella,
  validateCfOnly,
  validateFlows,
  validateModel,
  validatePeer,
  validatePersona,
} from './workload.mjs';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const COUNT = flag('--count', DEFAULTS.count);
const EROGAZIONI = flag('--erogazioni', DEFAULTS.erogazioni);
const PERSONS = flag('--persons', DEFAULTS.persons);
const PER_FLOW = flag('--per-flow', DEFAULTS.perFlow);
const ROUNDS = Math.max(3, flag('--rounds', 5));
const EXPORT_ROUNDS = Math.max(1, flag('--export-rounds', 3));
const SEED = flag('--seed', DEFAULTS.seed);
const MEMORY = !args.includes('--no-memory');
const BEFORE = args.includes('--before') ? args[args.indexOf('--before') + 1] : undefined;
const before = BEFORE === undefined ? undefined : await import(new URL(BEFORE, `file://${process.cwd()}/`).href);
if (before !== undefined && typeof before.toSiussFlow !== 'function') throw new Error(`--before ${BEFORE}: no toSiussFlow export`);
const TARGET = 1.5;
const MiB = 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
const t0 = performance.now();

console.log(`# @riuso-sociale/csi-model benchmark — node ${process.version}, ${process.platform}/${process.arch}, ${cpus()[0]?.model ?? '?'} ×${cpus().length}`);

// A stale dist/ would measure old code: say so (the root `npm run bench` always rebuilds).
{
  const isTest = (name) => /\.test(-d)?\.ts$/.test(name);
  const newest = (dir) =>
    readdirSync(dir, { withFileTypes: true }).reduce(
      (m, e) => Math.max(m, e.isDirectory() ? newest(join(dir, e.name)) : isTest(e.name) ? 0 : statSync(join(dir, e.name)).mtimeMs),
      0,
    );
  try {
    if (statSync(join(pkg, 'dist', 'index.js')).mtimeMs < newest(join(pkg, 'src'))) console.log('WARNING: dist/ is older than src/: rebuild (npx tsup) to measure the current code');
  } catch {
    // dist/index.js missing: the import above would already have failed.
  }
}

const pct = (n, of) => `${((100 * n) / of).toFixed(1)} %`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmtRate = (perSecond) => (perSecond >= 1e6 ? `${(perSecond / 1e6).toFixed(2)} M` : `${(perSecond / 1e3).toFixed(1)} k`);

// ---------------------------------------------------------------------------------------------
// Data

const tg = performance.now();
const pairs = generatePairs(COUNT, { seed: SEED });
console.log(`\npairs: ${COUNT} (cartella + persona) generated in ${(performance.now() - tg).toFixed(0)} ms (seed ${SEED})`);
{
  const s = { cf: 0, alt: 0, foreign: 0, minors: 0, closed: 0, deceased: 0, contatti: 0, capacita: 0, enti: new Set() };
  for (const { cartella: c, persona: p } of pairs) {
    if (p.codiceFiscale !== undefined) s.cf++;
    else s.alt++;
    if (p.luogoNascita.startsWith('Z')) s.foreign++;
    if (c.minore) s.minors++;
    if (c.status === 'chiusa') s.closed++;
    if (p.status === 'deceduta') s.deceased++;
    if (p.contatti !== undefined) s.contatti++;
    if (p.capacitaGiuridica !== undefined && p.capacitaGiuridica.tipo !== 'piena') s.capacita++;
    s.enti.add(c.ente.belfiore);
  }
  console.log(
    `  codice fiscale ${pct(s.cf, COUNT)} (alternative identifier ${pct(s.alt, COUNT)}); born abroad ${pct(s.foreign, COUNT)}; minors ${pct(s.minors, COUNT)}; ` +
      `cartelle closed ${pct(s.closed, COUNT)}; deceased ${pct(s.deceased, COUNT)}; with contacts ${pct(s.contatti, COUNT)}; under a legal measure ${pct(s.capacita, COUNT)}; ${s.enti.size} Enti`,
  );
}

// Correctness before speed: every pair passes the model and the peer; the peer misses what only the model checks.
{
  let model = 0;
  let peer = 0;
  for (const pair of pairs) {
    model += validateModel(pair);
    peer += validatePeer(pair);
  }
  if (model !== COUNT || peer !== COUNT) {
    for (const pair of pairs) {
      for (const [name, schema, value] of [
        ['cartella', cartellaSchema, pair.cartella],
        ['persona', personaSchema, pair.persona],
        ['peer cartella', bareCartellaSchema, pair.cartella],
        ['peer persona', barePersonaSchema, pair.persona],
      ]) {
        const r = schema.safeParse(value);
        if (!r.success) throw new Error(`generated ${name} rejected (generator or peer bug): ${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message}`);
      }
    }
  }
  console.log(`  all ${COUNT} pairs pass cartellaSchema + personaSchema, and the bare peer`);
  // What the peer does not check: the same 1 000 pairs, each with one defect only the model sees.
  const defects = {
    'wrong CF check character': (p) => ({ ...p, persona: { ...p.persona, codiceFiscale: `${p.persona.codiceFiscale.slice(0, 15)}${p.persona.codiceFiscale.endsWith('A') ? 'B' : 'A'}` } }),
    'closed before opened': (p) => ({ ...p, cartella: { ...p.cartella, status: 'chiusa', chiusaIl: '2000-01-01', history: [...p.cartella.history.slice(0, 1), { ...p.cartella.history[0], status: 'chiusa', event: 'chiudi' }] } }),
    'id not a UUID': (p) => ({ ...p, cartella: { ...p.cartella, persona: 'persona-42' } }),
    'unknown sex code': (p) => ({ ...p, persona: { ...p.persona, sesso: 'M' } }),
    // Lifecycle rule of every entity (history in time order, not after the last change): checkLifecycle.
    'cartella history out of time order': (p) => ({ ...p, cartella: { ...p.cartella, history: [{ ...p.cartella.history[0], at: '2099-01-01T00:00:00Z' }, ...p.cartella.history.slice(1)] } }),
    'persona history out of time order': (p) => ({ ...p, persona: { ...p.persona, history: [{ ...p.persona.history[0], at: '2099-01-01T00:00:00Z' }, ...p.persona.history.slice(1)] } }),
  };
  const sample = pairs.filter((p) => p.persona.codiceFiscale !== undefined).slice(0, 1000);
  const line = Object.entries(defects).map(([name, mutate]) => {
    let modelRejects = 0;
    let peerAccepts = 0;
    for (const p of sample) {
      const m = mutate(p);
      if (validateModel(m) === 0) modelRejects++;
      if (validatePeer(m) === 1) peerAccepts++;
    }
    const gap = modelRejects < sample.length ? '  ← NOT caught by the model' : '';
    return `${name}: model rejects ${modelRejects}/${sample.length}, peer accepts ${peerAccepts}/${sample.length}${gap}`;
  });
  console.log(`  defects only the model should see (1 000 pairs each):\n    ${line.join('\n    ')}`);
}

const tx = performance.now();
const raw = generateExport({ erogazioni: EROGAZIONI, persons: PERSONS, seed: SEED + 1 });
console.log(`\nexport: ${raw.counts.erogazioni} erogazioni of ${raw.counts.interventi} interventi, ${raw.counts.persons} persons (${raw.counts.sina} with a SINA assessment), generated in ${(performance.now() - tx).toFixed(0)} ms (seed ${SEED + 1})`);
console.log(`  periodic (monthly) erogazioni ${pct(raw.counts.periodic, raw.counts.erogazioni)}, one-off ${pct(raw.counts.erogazioni - raw.counts.periodic, raw.counts.erogazioni)}; Ente ${raw.ente.codice} (${raw.ente.denominazione})`);
const tp = performance.now();
const parsed = parseExport(raw);
const parseMs = performance.now() - tp;
console.log(`  all ${parsed.entities} entities (persona, intervento, valutazione, erogazione) pass ENTITY_SCHEMAS — parsed once in ${parseMs.toFixed(0)} ms (${fmtRate((parsed.entities / parseMs) * 1000)} entities/s, for information)`);

// One flow of every beneficiary: what the XSD allows. Report the outcome, whatever it is.
let singleFlow;
{
  const t = performance.now();
  try {
    const r = exportFlows(raw.ente, parsed.beneficiari, parsed.beneficiari.length);
    singleFlow = r.issues === null ? `OK, ${r.erogazioni} erogazioni, ${(r.bytes / MiB).toFixed(1)} MiB of XML, in ${(performance.now() - t).toFixed(0)} ms` : `refused: ${r.issues[0].code} ${r.issues[0].message}`;
  } catch (e) {
    singleFlow = `CRASH after ${(performance.now() - t).toFixed(0)} ms — ${e?.constructor?.name ?? 'error'}: ${e?.message ?? e} (thrown, not a typed issue)`;
  }
  console.log(`  single flow of all ${parsed.beneficiari.length} beneficiaries: ${singleFlow}`);
}

const first = exportFlows(raw.ente, parsed.beneficiari, PER_FLOW);
if (first.issues !== null) {
  const i = first.issues[0];
  throw new Error(`toSiussFlow refused the generated export (generator or adapter bug): ${i.code} ${JSON.stringify(i.path)} ${i.message}`);
}
const flows = first.outputs.map((o) => o.flow);
const prestazioni = flows.reduce((n, f) => n + f.Beneficiario.reduce((m, b) => m + b.PrestazioniSociali.length, 0), 0);
const withSina = flows.reduce((n, f) => n + f.Beneficiario.reduce((m, b) => m + b.PrestazioniSociali.filter((p) => p.SINA !== undefined).length, 0), 0);
console.log(
  `  timed export: ${first.outputs.length} flow(s) of ≤ ${PER_FLOW} beneficiaries (${first.outputs.map((o) => o.name).join(', ')}): ${first.erogazioni} erogazioni → ` +
    `${prestazioni} PrestazioniSociali (${withSina} with SINA), ${(first.bytes / MiB).toFixed(1)} MiB of XML, ${first.warnings} warnings`,
);
if (first.erogazioni !== raw.counts.erogazioni) throw new Error(`exported ${first.erogazioni} erogazioni of ${raw.counts.erogazioni}`);

// ---------------------------------------------------------------------------------------------
// Throughput

let sink = 0;
const overPairs = (f) => () => {
  for (let i = 0; i < COUNT; i++) sink += f(pairs[i]);
};
const validationTasks = [
  { key: 'a', name: '(a) model: cartellaSchema + personaSchema', unit: 'pairs', n: COUNT, pass: overPairs(validateModel) },
  { key: 'b', name: '(b) peer: bare z.strictObject parse', unit: 'pairs', n: COUNT, pass: overPairs(validatePeer) },
  { key: 'p', name: '(i) personaSchema alone', unit: 'pairs', n: COUNT, pass: overPairs(validatePersona) },
  { key: 'k', name: '(i) cartellaSchema alone', unit: 'pairs', n: COUNT, pass: overPairs(validateCartella) },
  { key: 'f', name: '(i) validateFiscalCode alone', unit: 'pairs', n: COUNT, pass: overPairs(validateCfOnly) },
];
const exportTasks = [
  {
    key: 'c',
    name: `(c) toSiussFlow, ${first.outputs.length} flow(s)`,
    unit: 'erogazioni',
    n: first.erogazioni,
    pass() {
      const r = exportFlows(raw.ente, parsed.beneficiari, PER_FLOW);
      sink += r.bytes;
    },
  },
  { key: 'v', name: '(i) validateFlow alone, same flows', unit: 'erogazioni', n: first.erogazioni, pass: () => (sink += validateFlows(flows)) },
  { key: 'w', name: '(i) buildFlow alone, same flows', unit: 'erogazioni', n: first.erogazioni, pass: () => (sink += buildFlows(flows)) },
  { key: 'o', name: '(i) buildFlow validate: true, same flows', unit: 'erogazioni', n: first.erogazioni, pass: () => (sink += buildValidatedFlows(flows)) },
];
if (before !== undefined) {
  const check = exportFlows(raw.ente, parsed.beneficiari, PER_FLOW, before.toSiussFlow);
  if (check.issues !== null) throw new Error(`--before ${BEFORE}: toSiussFlow refused the export: ${check.issues[0].code}`);
  const same = check.outputs.every((o, i) => o.xml === first.outputs[i].xml);
  console.log(`  --before ${BEFORE}: ${check.erogazioni} erogazioni, XML ${same ? 'identical to' : 'DIFFERENT from'} the current build's`);
  exportTasks.splice(1, 0, {
    key: 'B',
    name: `(c) BEFORE (${BEFORE.split('/').at(-1)})`,
    unit: 'erogazioni',
    n: first.erogazioni,
    pass() {
      sink += exportFlows(raw.ente, parsed.beneficiari, PER_FLOW, before.toSiussFlow).bytes;
    },
  });
}

function interleaved(tasks, rounds) {
  const times = new Map(tasks.map((t) => [t.key, []]));
  for (let round = -1; round < rounds; round++) {
    // Rotate the order every round; round -1 is the warm-up (not recorded).
    const offset = ((round % tasks.length) + tasks.length) % tasks.length;
    for (let j = 0; j < tasks.length; j++) {
      const task = tasks[(j + offset) % tasks.length];
      gc();
      const t = performance.now();
      task.pass();
      const ms = performance.now() - t;
      if (round >= 0) times.get(task.key).push(ms);
    }
  }
  return times;
}

console.log(`\ntiming (a)/(b): ${ROUNDS} rounds + 1 warm-up…`);
const vTimes = interleaved(validationTasks, ROUNDS);
console.log(`timing (c): ${EXPORT_ROUNDS} rounds + 1 warm-up…`);
const eTimes = interleaved(exportTasks, EXPORT_ROUNDS);

// ---------------------------------------------------------------------------------------------
// Memory (child processes)

const memory = new Map();
if (MEMORY) {
  console.log('memory: one child process per task…');
  const script = fileURLToPath(new URL('./memory.mjs', import.meta.url));
  for (const task of ['a', 'b', 'c']) {
    const r = spawnSync(
      process.execPath,
      [...process.execArgv, '--expose-gc', script, task, '--count', String(COUNT), '--erogazioni', String(EROGAZIONI), '--persons', String(PERSONS), '--per-flow', String(PER_FLOW), '--seed', String(SEED)],
      { encoding: 'utf8', maxBuffer: 16 * MiB },
    );
    const last = (r.stdout ?? '').trim().split('\n').at(-1) ?? '';
    if (r.status !== 0 || !last.startsWith('{')) {
      console.log(`  memory child ${task} failed (exit ${r.status}): ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`);
      continue;
    }
    memory.set(task, JSON.parse(last));
  }
}

// ---------------------------------------------------------------------------------------------
// Tables

function table(head, rows, alignLeft = [0]) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => (alignLeft.includes(i) ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

const vMed = Object.fromEntries(validationTasks.map((t) => [t.key, median(vTimes.get(t.key))]));
const eMed = Object.fromEntries(exportTasks.map((t) => [t.key, median(eTimes.get(t.key))]));
const ratio = vMed.a / vMed.b;

console.log(`\n## Validation (${COUNT} pairs = ${2 * COUNT} records; median of ${ROUNDS} interleaved rounds after 1 warm-up; ratio = time ÷ peer time)\n`);
table(
  ['task', 'median ms', 'min–max ms', 'µs/pair', 'pairs/s', 'records/s', 'ratio to (b)', 'target', 'result'],
  validationTasks.map((t) => {
    const xs = vTimes.get(t.key);
    const r = vMed[t.key] / vMed.b;
    return [
      t.name,
      vMed[t.key].toFixed(1),
      `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`,
      ((1000 * vMed[t.key]) / COUNT).toFixed(2),
      fmtRate((COUNT / vMed[t.key]) * 1000),
      t.key === 'a' || t.key === 'b' ? fmtRate(((2 * COUNT) / vMed[t.key]) * 1000) : '—',
      `${r.toFixed(2)}×`,
      t.key === 'a' ? `≤ ${TARGET}×` : '—',
      t.key === 'a' ? (r <= TARGET ? 'PASS' : 'MISS') : 'info',
    ];
  }),
  [0, 8],
);

console.log(`\n## Export to SIUSS (${first.erogazioni} erogazioni, ${parsed.beneficiari.length} beneficiaries, ${(first.bytes / MiB).toFixed(1)} MiB of XML; median of ${EXPORT_ROUNDS} interleaved rounds after 1 warm-up)\n`);
table(
  ['task', 'median ms', 'min–max ms', 'erogazioni/s', 'beneficiaries/s', 'MiB/s of XML', 'share of (c)'],
  exportTasks.map((t) => {
    const xs = eTimes.get(t.key);
    return [
      t.name,
      eMed[t.key].toFixed(0),
      `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`,
      fmtRate((t.n / eMed[t.key]) * 1000),
      fmtRate((parsed.beneficiari.length / eMed[t.key]) * 1000),
      ((first.bytes / MiB / eMed[t.key]) * 1000).toFixed(1),
      pct(eMed[t.key], eMed.c),
    ];
  }),
);
console.log(`single flow of all ${parsed.beneficiari.length} beneficiaries: ${singleFlow}`);

if (memory.size > 0) {
  console.log('\n## Peak memory (one child process per task; MiB = 2^20 bytes; "data" = heap/RSS after generating the input and a full GC)\n');
  const names = { a: '(a) model validation', b: '(b) peer bare parse', c: `(c) toSiussFlow export` };
  table(
    ['task', 'records', '1 cold pass ms', 'heap: data', 'peak heap', 'peak − data', 'retained after GC', 'RSS: data', 'peak RSS', 'peak − data', 'process maxRSS', 'GCs'],
    [...memory.values()].map((m) => [
      names[m.task],
      `${m.records}${m.task === 'c' ? ` erog. → ${m.flows} flows, ${m.xmlMiB.toFixed(1)} MiB XML` : ' pairs'}`,
      m.ms.toFixed(0),
      m.baseHeapMiB.toFixed(1),
      m.peakHeapMiB.toFixed(1),
      (m.peakHeapMiB - m.baseHeapMiB).toFixed(1),
      (m.retainedHeapMiB - m.baseHeapMiB).toFixed(1),
      m.baseRssMiB.toFixed(1),
      m.peakRssMiB.toFixed(1),
      (m.peakRssMiB - m.baseRssMiB).toFixed(1),
      m.maxRssMiB.toFixed(1),
      m.gcCount,
    ]),
  );
  console.log(
    'peak heap: largest used heap before a GC during the task (v8.GCProfiler), garbage not yet collected included; retained: used heap after the task and a full GC, minus the data ' +
      '((c) keeps its flows and XML); peak RSS: sampled every 2 ms by a worker thread; process maxRSS: getrusage, data generation included.',
  );
}

if (before !== undefined) {
  console.log(`\n(c) now ÷ before: ${(eMed.B / eMed.c).toFixed(2)}× the erogazioni/s (${fmtRate((first.erogazioni / eMed.B) * 1000)} → ${fmtRate((first.erogazioni / eMed.c) * 1000)}; issue 14 target ≥ 2×)`);
}
console.log(
  `\n(a)/(b) = ${ratio.toFixed(2)}× (target ≤ ${TARGET}×: ${ratio <= TARGET ? 'PASS' : 'MISS'}); (c) ${fmtRate((first.erogazioni / eMed.c) * 1000)} erogazioni/s; ` +
    `sink ${sink % 1000}; bench time ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
