// SPDX-License-Identifier: BSD-3-Clause
/**
 * Benchmark of @riuso-sociale/csi-store (the built dist/), on embedded PGlite AND on a real
 * PostgreSQL server, measured against a peer in the same run on the same database and reported as
 * rates and ratios (never asserted):
 *
 * (1) TRANSITIONS: one lifecycle transition per session — `store.withSession` + `s.transition` on an
 *     intervento, alternating `sospendi` / `riprendi` over many cloned interventi (access check,
 *     guard context, schema validation, compare-and-swap, HMAC audit chain at commit, RLS) — against
 *     THE PEER (bench/transitions.mjs): hand-written SQL doing the same row change with a minimal
 *     honest audit (BEGIN; CAS UPDATE; lock the Ente's head; INSERT one chained event; move the head;
 *     COMMIT). Target (issue): store time ≤ 2× peer time. A short instrumented pass then counts the
 *     statements of each and where the time goes.
 *     On the server also 8 concurrent sessions of ONE Ente on different interventi, for a fixed time,
 *     against 8 concurrent peers and against a deliberately serialised peer (head locked at BEGIN):
 *     throughput and p50/p99 latency — the store appends its audit at commit, so its transactions
 *     should overlap like the peer's, not queue like the serialised one.
 * (2) SIUSS EXPORT: `s.exportSiuss({ kind: 'PS', mode: 'file', maxPerFlow: 5000 })` of up to
 *     100 000 erogazioni (valid entities: one made through the store, cloned by raw SQL), in a child
 *     process per database (bench/export-child.mjs): erogazioni/s and peak RSS. Bounded in time: when
 *     100 000 would not fit the budget at the rate measured on a warm-up, fewer are measured and the
 *     report says how many, and how long 100 000 would have taken (`--full` measures 100 000 anyway).
 *
 * The server: RIUSO_TEST_DATABASE_URL when set; else a throwaway cluster (scripts/pg-test-server.mjs,
 * fsync off — commits cost no disk flush, for the store and the peer alike), stopped at exit; a fresh
 * database per measurement. Without PostgreSQL the server half is SKIPPED, and the output says so.
 *
 * Usage (after `npm run build` at the root, or the builds of core, fiscal-code, siuss-schema,
 * rei-eligibility, csi-model, csi-store):
 *   node bench/run.mjs [--ops N] [--rounds N] [--budget-transitions S] [--rows N] [--workers N]
 *                      [--conc-ms MS] [--conc-rounds N] [--hold-ms MS] [--erogazioni N]
 *                      [--budget-pglite S] [--budget-server S] [--full] [--no-server] [--no-export]
 * Prints only; writes nothing. Exit code 0 even when a target is missed; non-zero only on a crash.
 *
 * Method: the machine is shared and noisy, so every comparison is INTERLEAVED — one warm-up round
 * (20 transitions each), then `--rounds` rounds in which the store and the peer each do the same
 * number of transitions, in an order rotated from round to round, a full GC before each pass — and
 * the MEDIAN round is reported (with min–max). Transitions per round: at most `--ops`, fewer when the
 * rounds would not fit `--budget-transitions` seconds at the warm-up's pace (the output says how many).
 * The concurrency tasks run `--conc-ms` each, interleaved the same way over `--conc-rounds`. The
 * "hold" test keeps ONE session of the Ente open `--hold-ms` after its change (a slow caller) and
 * counts what the other sessions of the same Ente complete meanwhile: with the audit appended at
 * commit they go on; with the head locked for the whole transaction (the serialised peer) they wait.
 * Whole bench: about 3 minutes on 2 busy cores (the budgets above; PGlite's own start-up is extra).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PGlite } from '@electric-sql/pglite';
import { openStore } from '@riuso-sociale/csi-store';
import { ENTE, analyze, cloneInterventi, seedEnte } from './seed.mjs';
import { BENCH_KEY, ensureServer, freshDatabase, serverVersion } from './targets.mjs';
import { instrument, peerRows, peerTransition, storeRows, storeTransition } from './transitions.mjs';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const MAX_OPS = flag('--ops', 150);
const ROUNDS = Math.max(3, flag('--rounds', 7));
const TRANSITION_BUDGET_S = flag('--budget-transitions', 18);
const ROWS = flag('--rows', 1024);
const WORKERS = flag('--workers', 8);
const CONC_MS = flag('--conc-ms', 1500);
const CONC_ROUNDS = Math.max(1, flag('--conc-rounds', 3));
const HOLD_MS = flag('--hold-ms', 1000);
const EROGAZIONI = flag('--erogazioni', 100_000);
const BUDGET = { pglite: flag('--budget-pglite', 35), server: flag('--budget-server', 40) };
const WARMUP_OPS = 20;
const FULL = args.includes('--full');
const SERVER = !args.includes('--no-server');
const EXPORT = !args.includes('--no-export');
const PROFILE_OPS = 40;
const TARGET = 2;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
const t0 = performance.now();
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');

console.log(`# @riuso-sociale/csi-store benchmark — node ${process.version}, ${process.platform}/${process.arch}, ${cpus()[0]?.model ?? '?'} ×${cpus().length}, load average ${load()}`);

// A stale dist/ would measure old code: say so (the root `npm run bench` always rebuilds).
{
  const newest = (dir) =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, e) => Math.max(m, e.isDirectory() ? newest(join(dir, e.name)) : /\.test\.ts$/.test(e.name) ? 0 : statSync(join(dir, e.name)).mtimeMs), 0);
  try {
    if (statSync(join(pkg, 'dist', 'index.js')).mtimeMs < newest(join(pkg, 'src'))) console.log('WARNING: dist/ is older than src/: rebuild (npx tsup) to measure the current code');
  } catch {
    // dist/index.js missing: the import above would already have failed.
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const fmt = (x, d = 0) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

function table(head, rows, alignLeft = [0]) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => (alignLeft.includes(i) ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

// ---------------------------------------------------------------------------------------------
// The server

let server = { url: undefined, why: 'disabled with --no-server' };
if (SERVER) server = await ensureServer((m) => console.log(`  ${m}`));
let serverLabel = 'PostgreSQL';
if (server.url === undefined) {
  const bar = '!'.repeat(100);
  console.log(`\n${bar}\n!!! SERVER HALF SKIPPED: ${server.why}.\n!!! Only PGlite is measured below: the PostgreSQL rows of the tables are missing.\n${bar}\n`);
} else {
  serverLabel = `PostgreSQL ${(await serverVersion(server.url)).split(' ')[0]}`;
  console.log(`server: ${serverLabel} (${server.started ? 'throwaway cluster started for this run, fsync off' : 'RIUSO_TEST_DATABASE_URL'})`);
}

// ---------------------------------------------------------------------------------------------
// (1) Transitions

/** Runs `tasks` (each `{ key, pass() }`) interleaved; returns key → ms per round (warm-up round, when asked, dropped). */
async function interleaved(tasks, rounds, warmUp = true) {
  const times = new Map(tasks.map((t) => [t.key, []]));
  for (let round = warmUp ? -1 : 0; round < rounds; round++) {
    const offset = ((round % tasks.length) + tasks.length) % tasks.length;
    for (let j = 0; j < tasks.length; j++) {
      const task = tasks[(j + offset) % tasks.length];
      gc();
      const t = performance.now();
      await task.pass();
      if (round >= 0) times.get(task.key).push(performance.now() - t);
    }
  }
  return times;
}

/** `workers` loops of `op(row)` over disjoint slices of `rows`, for `ms`: ops/s and every latency. */
async function concurrent(rows, workers, ms, op) {
  const latencies = [];
  const slice = Math.floor(rows.length / workers);
  const start = performance.now();
  const deadline = start + ms;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      const mine = rows.slice(w * slice, (w + 1) * slice);
      for (let i = 0; performance.now() < deadline; i++) {
        const t = performance.now();
        await op(mine[i % mine.length]);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = performance.now() - start;
  return { ops: latencies.length, elapsed, perSec: (latencies.length / elapsed) * 1000, latencies };
}

/** Per-statement profile of `n` operations: counts and database wait per operation. */
async function profile(store, n, op) {
  const probe = instrument(store.executor);
  const t = performance.now();
  try {
    for (let i = 0; i < n; i++) await op(i);
  } finally {
    probe.restore();
  }
  const totalMs = performance.now() - t;
  const s = probe.stats();
  const statements = [...s.byShape].map(([sql, v]) => ({ sql, perOp: v.n / n, msPerOp: v.ms / n })).sort((a, b) => b.msPerOp - a.msPerOp);
  const dbMs = statements.reduce((m, x) => m + x.msPerOp, 0);
  return { opMs: totalMs / n, txPerOp: s.transactions / n, txMs: s.txMs / n, dbMs, statements };
}

/**
 * The hold test: `holder` runs once with a think time of `HOLD_MS` inside its transaction while the
 * other `WORKERS - 1` loop on `other`; returns how many of theirs completed before the holder did,
 * and their worst latency.
 */
async function holdTest(rows, holder, other) {
  const mine = rows.at(-1);
  const rest = rows.slice(0, -1);
  const n = WORKERS - 1;
  const slice = Math.floor(rest.length / n);
  let holderDone = Infinity;
  const ends = [];
  let worst = 0;
  const t = performance.now();
  const h = holder(mine).then(() => (holderDone = performance.now()));
  await Promise.all(
    Array.from({ length: n }, async (_, w) => {
      const rowsW = rest.slice(w * slice, (w + 1) * slice);
      for (let i = 0; performance.now() < holderDone; i++) {
        const t1 = performance.now();
        await other(rowsW[i % rowsW.length]);
        const t2 = performance.now();
        worst = Math.max(worst, t2 - t1);
        ends.push(t2);
      }
    }),
  );
  await h;
  return { during: ends.filter((e) => e <= holderDone).length, holderMs: holderDone - t, worst };
}

async function measureTransitions(name, openFn) {
  console.log(`\n${name}: opening a store, seeding the Ente and ${2 * ROWS} interventi…`);
  const tOpen = performance.now();
  const { store, close } = await openFn();
  const openMs = performance.now() - tOpen;
  try {
    const seeded = await seedEnte(store);
    const sRows = storeRows(await cloneInterventi(store, seeded, ROWS));
    const pRows = await peerRows(store, await cloneInterventi(store, seeded, ROWS));
    await analyze(store);
    const actor = seeded.as;
    let sCursor = 0;
    let pCursor = 0;
    const storeOp = () => storeTransition(store, actor, sRows[sCursor++ % sRows.length]);
    const peerOp = () => peerTransition(store.executor, BENCH_KEY, actor, pRows[pCursor++ % pRows.length]);
    // Warm-up (not recorded), which also sizes the rounds to the budget.
    gc();
    let t = performance.now();
    for (let i = 0; i < WARMUP_OPS; i++) await storeOp();
    const warmStore = (performance.now() - t) / WARMUP_OPS;
    t = performance.now();
    for (let i = 0; i < WARMUP_OPS; i++) await peerOp();
    const warmPeer = (performance.now() - t) / WARMUP_OPS;
    const ops = Math.max(20, Math.min(MAX_OPS, Math.floor((TRANSITION_BUDGET_S * 1000) / (ROUNDS * (warmStore + warmPeer)))));
    console.log(
      `${name}: store opened in ${(openMs / 1000).toFixed(1)} s; warm-up ${warmStore.toFixed(1)} ms (store) / ${warmPeer.toFixed(1)} ms (peer) per transition → ` +
        `${ROUNDS} rounds × ${ops} transitions per task${ops < MAX_OPS ? ` (cut from ${MAX_OPS} to fit ${TRANSITION_BUDGET_S} s)` : ''}…`,
    );
    const times = await interleaved(
      [
        { key: 'store', pass: async () => { for (let i = 0; i < ops; i++) await storeOp(); } },
        { key: 'peer', pass: async () => { for (let i = 0; i < ops; i++) await peerOp(); } },
      ],
      ROUNDS,
      false,
    );
    const prof = {
      store: await profile(store, PROFILE_OPS, () => storeOp()),
      peer: await profile(store, PROFILE_OPS, () => peerOp()),
    };
    let conc = null;
    let hold = null;
    if (store.driver === 'pg') {
      console.log(`${name}: ${WORKERS} concurrent sessions of ${ENTE}, ${CONC_ROUNDS} rounds × ${CONC_MS} ms per task + 1 short warm-up; then the hold test (${HOLD_MS} ms)…`);
      const runs = { store: [], peer: [] };
      const tasks = [
        { key: 'store', op: (row) => storeTransition(store, actor, row), rows: sRows },
        { key: 'peer', op: (row) => peerTransition(store.executor, BENCH_KEY, actor, row), rows: pRows },
      ];
      for (let round = -1; round < CONC_ROUNDS; round++) {
        const offset = ((round % tasks.length) + tasks.length) % tasks.length;
        for (let j = 0; j < tasks.length; j++) {
          const task = tasks[(j + offset) % tasks.length];
          gc();
          const r = await concurrent(task.rows, WORKERS, round < 0 ? 400 : CONC_MS, task.op);
          if (round >= 0) runs[task.key].push(r);
        }
      }
      conc = Object.fromEntries(
        Object.entries(runs).map(([k, rs]) => {
          const lat = rs.flatMap((r) => r.latencies);
          const rates = rs.map((r) => r.perSec);
          return [k, { perSec: median(rates), min: Math.min(...rates), max: Math.max(...rates), p50: quantile(lat, 0.5), p99: quantile(lat, 0.99), ops: lat.length }];
        }),
      );
      const peerT = (opts) => (row) => peerTransition(store.executor, BENCH_KEY, actor, row, opts);
      hold = {
        store: await holdTest(sRows, (row) => storeTransition(store, actor, row, HOLD_MS), (row) => storeTransition(store, actor, row)),
        peer: await holdTest(pRows, peerT({ hold: HOLD_MS }), peerT({})),
        serial: await holdTest(pRows, peerT({ hold: HOLD_MS, lockFirst: true }), peerT({ lockFirst: true })),
      };
    }
    // Both wrote into ONE chain per Ente, concurrently on the server: it must still verify.
    const verified = await store.verifyAudit({ ente: ENTE });
    const audit = verified.ok ? `verifies: ${verified.value.events} events, head seq ${verified.value.head.seq}` : `DOES NOT VERIFY: ${verified.issues[0].code} ${verified.issues[0].message}`;
    console.log(`${name}: audit chain of ${ENTE} after the store's and the peer's transitions ${audit}`);
    return { name, ops, times, prof, conc, hold, audit, ok: verified.ok };
  } finally {
    await close();
  }
}

// PGlite's own start-up (initdb inside WASM) takes seconds, tens of them on a busy machine: the
// migrated, empty database is dumped once here and the export child starts from the dump.
const scratch = mkdtempSync(join(tmpdir(), 'riuso-bench-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
const pgliteDump = join(scratch, 'pglite-migrated.tar');
const results = [];
results.push(
  await measureTransitions('PGlite', async () => {
    const db = await PGlite.create();
    const store = await openStore({ pglite: db, auditKey: BENCH_KEY });
    writeFileSync(pgliteDump, Buffer.from(await (await db.dumpDataDir('none')).arrayBuffer()));
    return {
      store,
      async close() {
        await store.close();
        await db.close();
      },
    };
  }),
);
if (server.url !== undefined) {
  results.push(
    await measureTransitions(serverLabel, async () => {
      const db = await freshDatabase(server.url);
      const store = await openStore({ connectionString: db.url, auditKey: BENCH_KEY, maxConnections: WORKERS + 4 });
      return {
        store,
        async close() {
          await store.close();
          await db.drop();
        },
      };
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// (2) Export to SIUSS, one child process per database

function exportChild(target, url, budget) {
  const script = fileURLToPath(new URL('./export-child.mjs', import.meta.url));
  const childArgs = [
    '--expose-gc', script, '--target', target, '--erogazioni', String(EROGAZIONI), '--budget', String(budget),
    ...(url ? ['--url', url] : ['--pglite-dump', pgliteDump]),
    ...(FULL ? ['--full'] : []),
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, childArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => {
      err += d;
      process.stdout.write(d);
    });
    // A hard stop, so that a machine far slower than the budget assumes still ends the bench.
    const killer = FULL ? undefined : setTimeout(() => child.kill('SIGKILL'), Math.max(120, 3 * budget) * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last));
      else {
        const lines = err.trim().split('\n').filter((l) => l.length < 400);
        const why = lines.find((l) => /\berror\b|Error:/i.test(l)) ?? lines.at(-1) ?? '';
        resolve({ target, failed: `exit ${code ?? signal}: ${why.replace(/\|/g, '/').slice(0, 160)}` });
      }
    });
  });
}

const exports = [];
if (EXPORT) {
  console.log(`\nSIUSS export: up to ${fmt(EROGAZIONI)} erogazioni per database, one child process each${FULL ? ' (--full: never cut)' : ` (budget ${BUDGET.pglite} s PGlite, ${BUDGET.server} s server, seeding included)`}…`);
  exports.push({ name: 'PGlite', r: await exportChild('pglite', undefined, BUDGET.pglite) });
  if (server.url !== undefined) {
    const db = await freshDatabase(server.url);
    try {
      exports.push({ name: serverLabel, r: await exportChild('server', db.url, BUDGET.server) });
    } finally {
      await db.drop();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const verdict = (ratio) => (ratio <= TARGET ? 'met' : 'MISSED');
const rows = [];
for (const r of results) {
  const s = r.times.get('store');
  const p = r.times.get('peer');
  const sMed = median(s) / r.ops;
  const pMed = median(p) / r.ops;
  const ratio = sMed / pMed;
  rows.push([`${r.name}: transitions/s, 1 session (${ROUNDS} rounds × ${r.ops})`, fmt(1000 / sMed), fmt(1000 / pMed), `${ratio.toFixed(2)}×`, `≤ ${TARGET}×`, verdict(ratio)]);
  rows.push([
    `${r.name}: ms per transition, median (min–max)`,
    `${sMed.toFixed(2)} (${(Math.min(...s) / r.ops).toFixed(2)}–${(Math.max(...s) / r.ops).toFixed(2)})`,
    `${pMed.toFixed(2)} (${(Math.min(...p) / r.ops).toFixed(2)}–${(Math.max(...p) / r.ops).toFixed(2)})`,
    `${ratio.toFixed(2)}×`,
    '',
    '',
  ]);
  if (r.conc) {
    const { store: cs, peer: cp } = r.conc;
    rows.push([`${r.name}: transitions/s, ${WORKERS} sessions of one Ente, median (min–max)`, `${fmt(cs.perSec)} (${fmt(cs.min)}–${fmt(cs.max)})`, `${fmt(cp.perSec)} (${fmt(cp.min)}–${fmt(cp.max)})`, `${(cp.perSec / cs.perSec).toFixed(2)}×`, `≤ ${TARGET}×`, verdict(cp.perSec / cs.perSec)]);
    rows.push([`${r.name}: ${WORKERS} sessions, latency p50 ms`, cs.p50.toFixed(1), cp.p50.toFixed(1), `${(cs.p50 / cp.p50).toFixed(2)}×`, '', 'info']);
    rows.push([`${r.name}: ${WORKERS} sessions, latency p99 ms`, cs.p99.toFixed(1), cp.p99.toFixed(1), `${(cs.p99 / cp.p99).toFixed(2)}×`, '', 'info']);
    rows.push([`${r.name}: scaling, ${WORKERS} sessions ÷ 1 session`, `${((cs.perSec * sMed) / 1000).toFixed(2)}×`, `${((cp.perSec * pMed) / 1000).toFixed(2)}×`, '', '', 'info']);
  }
  if (r.hold) {
    const h = r.hold;
    const cell = (x) => `${x.during} done, worst ${fmt(x.worst)} ms`;
    rows.push([`${r.name}: hold test — one session open ${HOLD_MS} ms after its change; the other ${WORKERS - 1} meanwhile`, cell(h.store), cell(h.peer), '', '> 0, worst < hold', h.store.during > 0 && h.store.worst < HOLD_MS ? 'met' : 'MISSED']);
    rows.push([`${r.name}: hold test, serialised peer (Ente head locked at BEGIN)`, '—', cell(h.serial), '', '', 'reference']);
  }
}
for (const { name, r } of exports) {
  if (r.failed) {
    const what = r.measured === undefined ? '' : ` of ${fmt(r.measured)} erogazioni, after ${(r.ms / 1000).toFixed(1)} s, peak RSS ${r.peakRssMiB.toFixed(0)} MiB`;
    rows.push([`${name}: SIUSS export`, `FAILED${what}: ${r.failed.replace(/\|/g, '/').slice(0, 140)}`, '—', '', '', 'FAILED']);
    continue;
  }
  rows.push([
    `${name}: SIUSS export, erogazioni/s (${fmt(r.measured)}${r.cut ? ` of ${fmt(r.asked)} asked` : ''}, ${r.flows} flows)`,
    `${fmt((r.measured / r.ms) * 1000)} (${(r.ms / 1000).toFixed(1)} s)`,
    '—',
    '',
    '',
    r.cut ? 'CUT' : 'info',
  ]);
  rows.push([
    `${name}: SIUSS export, RSS MiB: before → peak (+Δ); process max`,
    `${r.baseRssMiB.toFixed(0)} → ${r.peakRssMiB.toFixed(0)} (+${(r.peakRssMiB - r.baseRssMiB).toFixed(0)}); ${r.maxRssMiB.toFixed(0)}`,
    '—',
    '',
    '',
    'info',
  ]);
}

console.log(`\n## csi-store (median of interleaved rounds; ratio = store time ÷ peer time; load average now ${load()})\n`);
table(['metric', 'store', 'peer', 'ratio', 'target', 'result'], rows, [0, 5]);

for (const r of results) console.log(`${r.name}: audit chain ${r.audit}`);
for (const { name, r } of exports) {
  if (r.failed) continue;
  const parts = [
    `${name} export: store opened in ${(r.openMs / 1000).toFixed(1)} s; warm-up ${r.warmup.records} erogazioni exported at ${fmt(r.warmup.exportPerSec)}/s (seeded at ${fmt(r.warmup.seedPerSec)}/s);`,
    `timed: ${fmt(r.measured)} seeded in ${(r.seedMs / 1000).toFixed(1)} s, exported in ${(r.ms / 1000).toFixed(1)} s → ${r.flows} flows of at most ${fmt(r.largestFlow)} erogazioni, audit head seq ${r.auditEvents}.`,
  ];
  if (r.flows !== r.flowsAsked) parts.push(`NOTE: maxPerFlow 5000 asked ${r.flowsAsked} flow(s), the store made ${r.flows} (largest ${fmt(r.largestFlow)}).`);
  if (r.cut) parts.push(`CUT to fit the ${r.budgetS} s budget: ${fmt(r.asked)} would take ~${fmt(r.projectedFullS)} s to seed and export at the warm-up rates (run with --full to measure them).`);
  console.log(parts.join(' '));
  const n = r.statementCount;
  console.log(
    `  where the export's ${(r.ms / 1000).toFixed(1)} s go: waiting for the database ${(r.dbMs / 1000).toFixed(1)} s (${((100 * r.dbMs) / r.ms).toFixed(0)} %), ` +
      `the rest (JS: access decisions, toSiussFlow, validation, audit hashing) ${((r.ms - r.dbMs) / 1000).toFixed(1)} s; top statements (${fmt(n)} in all, ${(n / r.measured).toFixed(2)} per erogazione):`,
  );
  table(
    ['statement', 'count', 'per erogazione', 'total s'],
    r.statements.map((x) => [x.sql, fmt(x.n), (x.n / r.measured).toFixed(2), (x.ms / 1000).toFixed(2)]),
  );
}
if (exports.length > 0) console.log('RSS: the bench process (the child of the export) only — a server\'s own memory is not in it; PGlite\'s is (WASM, in-process).');

console.log('\n## Where the time goes (instrumented pass, after the timed rounds; ms per operation)\n');
for (const r of results) {
  for (const who of ['store', 'peer']) {
    const p = r.prof[who];
    const stmts = p.statements.reduce((n, x) => n + x.perOp, 0);
    console.log(
      `${r.name}, ${who}: ${p.opMs.toFixed(2)} ms per transition (instrumented, ${PROFILE_OPS} ops): ${stmts.toFixed(1)} statements + BEGIN/COMMIT in ${p.txPerOp.toFixed(0)} transaction; ` +
        `waiting for the database ${p.dbMs.toFixed(2)} ms (${((100 * p.dbMs) / p.opMs).toFixed(0)} %), the rest (its JS${who === 'store' ? ': access check, machine, validation, hashing' : ': entity JSON, hashing'}; BEGIN/COMMIT; pool) ${(p.opMs - p.dbMs).toFixed(2)} ms`,
    );
    table(
      ['statement', 'per op', 'ms per op'],
      p.statements.map((x) => [x.sql, x.perOp.toFixed(1), x.msPerOp.toFixed(3)]),
    );
    console.log('');
  }
}

const skipped = server.url === undefined ? ` — SERVER HALF SKIPPED (${server.why})` : '';
console.log(`bench time ${((performance.now() - t0) / 1000).toFixed(1)} s; load average ${load()}${skipped}`);
if (results.some((r) => !r.ok)) process.exitCode = 1;
