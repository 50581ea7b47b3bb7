// SPDX-License-Identifier: BSD-3-Clause
/**
 * Load benchmark of @riuso-sociale/siuss-waas (the built dist/): the WaaS endpoint a Comune exposes to
 * INPS on PDND, on csi-store, under many simulated INPS clients — on embedded PGlite AND on a real
 * PostgreSQL server — measured against a PEER in the same run, and checked for correctness in the
 * store afterwards. Figures are reported (rates, latencies, ratios), never asserted; the exit code is
 * non-zero only on a crash or a CORRECTNESS failure.
 *
 * Per target (PGlite in memory; PostgreSQL when available):
 *  1. SEED one Ente (csi-store's bench/seed.mjs: made through the store) and `--flows` erogazioni (one
 *     made and validated through the store per step, the rest cloned by raw SQL), exported with
 *     `exportSiuss({ mode: 'cooperazione' })`: one flow per erogazione, as INPS pulls them (bench/store.mjs).
 *     The export costs ~10 ms a flow, so seeding stops at `--seed-budget` seconds and says how many
 *     flows it made (`--full-seed`: never cut).
 *  2. THE ENDPOINT: `serveWaas(createWaasHandler({ source: csiStoreSource(store, …), voucher:
 *     createVoucherVerifier(authority.verifierOptions(…)), rateLimit: false, logger: a counter }))` on
 *     127.0.0.1:0 — vouchers RS256-verified on every request, every flow read and every esito recorded
 *     through the store (access checks, audit chain), as in service. THE PEER (bench/peer.mjs): a bare
 *     `node:http` server answering the same pages from memory (byte-identical bodies, checked) and the
 *     esiti with 204 after JSON.parse — no voucher, no store: the floor of Node HTTP on this machine.
 *  3. LOAD (bench/load-worker.mjs, in a worker thread: the clients do not share the server's event
 *     loop): `--clients` concurrent simulated INPS clients, each with its own voucher (its own PDND
 *     client id, all allowed), looping `GET /flussi?since=<cursor>&limit=100` (own cursor from 0, back
 *     to 0 at the end) then one `POST /esiti` with the page's esiti — ~90 % OK, 10 % RICHIESTA_INVALIDA,
 *     decided by a hash of id_flusso (bench/esiti.mjs), so every client sends the same esito for a flow
 *     and all but the first are redeliveries, as INPS's are. Plain fetch, keep-alive.
 *  4. CORRECTNESS, in the store, as the owner (bench/store.mjs checkStore): every acknowledged esito
 *     recorded, none else; each flow at most one esito, the one sent; exactly one audited accetta/scarta
 *     per flow with an esito; erogazioni acquisita / da-correggere to match, one audited transition each;
 *     the handler's `recorded` count equal to the flows with an esito; `store.verifyAudit` passes. A
 *     few pages (every 37th, ≤ 3 per slice) are decoded with siuss-schema's `decodeWaasEntry` (OpenAPI,
 *     XSD, cooperazione rule): the payloads are real flows.
 *
 * Method: the machine is shared and noisy, so the endpoint and the peer are INTERLEAVED — `--rounds`
 * rounds (default 3, fewer for very short runs), each an endpoint slice of `--seconds`/rounds and a peer
 * slice of `--peer-seconds`/rounds, their order alternated from round to round, a full GC before each
 * slice, after a 1 s warm-up of the clients on the peer (not recorded). The clients keep their cursors
 * across slices: the endpoint's first slice includes INPS's first pass over the flows (every flow
 * marked fetched, every esito recorded); the later passes are redeliveries (read, audited, answered
 * 204, nothing changed) — the per-round rates show both. Reported per target and operation: requests,
 * requests/s (whole run and min–max of the rounds), latency p50/p90/p99/max (client side: request sent
 * → body read; also → response headers, which tells waiting and handling from streaming the body),
 * the status counts; the endpoint's rates as ratios of the peer's (and its p50/p99 as multiples of the
 * peer's). The peer's figures include the clients' own work (one worker thread parsing ~250 KB pages
 * and building the esiti) on the same cores: they are the floor of the whole set-up, so the ratios
 * understate how much more the endpoint itself costs than bare HTTP. Then WHERE THE TIME GOES: the
 * last page pulled and its esiti posted, one request at a time, every statement the store sends
 * counted and timed (csi-store's bench/transitions.mjs `instrument`). Also the main thread's
 * event-loop delay during each slice (perf_hooks monitorEventLoopDelay): the server runs there — and,
 * on PGlite, so does the database — and a request waits unread while it is late. Any 5xx is a FAIL
 * (exit 1), as is any correctness failure; a network error (no status: e.g. a keep-alive connection
 * reset) is a loud WARNING, its esiti still checked; slow is never a failure.
 *
 * Usage (after `npm run build` at the root; `npm run bench` does both):
 *   node bench/run.mjs [--seconds 60] [--clients 50] [--flows 2000] [--peer-seconds S] [--rounds 3]
 *                      [--seed-budget 30] [--full-seed] [--pool 10] [--no-server] [--no-pglite] [--json]
 * `--seconds`: the endpoint's load time per target (default 60); `--peer-seconds`: the peer's
 * (default a quarter of it, at least 2). `--pool`: the store's connections on the server. `--json`:
 * the results as one JSON document on stdout (progress and tables on stderr). The server:
 * RIUSO_TEST_DATABASE_URL when set, else a throwaway cluster (scripts/pg-test-server.mjs, fsync off),
 * through csi-store's bench/targets.mjs; none: the server half is SKIPPED, and the output says so.
 * Whole bench at the defaults: about 4 minutes on 2 busy cores (2 × (60 + 15) s of load, seeding
 * ≤ 2 × 30 s, PGlite's own start-up 5–15 s, the checks).
 */
import { readdirSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { openStore } from '@riuso-sociale/csi-store';
import { decodeWaasEntry } from '@riuso-sociale/siuss-schema';
import { createVoucherVerifier, createWaasHandler, csiStoreSource, serveWaas } from '@riuso-sociale/siuss-waas';
import { createTestAuthority } from '@riuso-sociale/siuss-waas/testing';
import { ENTE, seedEnte } from '../../csi-store/bench/seed.mjs';
import { BENCH_KEY, ensureServer, freshDatabase, serverVersion } from '../../csi-store/bench/targets.mjs';
import { instrument } from '../../csi-store/bench/transitions.mjs';
import { esitoBody } from './esiti.mjs';
import { startPeer } from './peer.mjs';
import { asOwner, checkStore, readEntries, seedFlows } from './store.mjs';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  if (i === -1) return fallback;
  const v = Number(args[i + 1]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} needs a positive number`);
  return v;
};
const SECONDS = flag('--seconds', 60);
const CLIENTS = Math.round(flag('--clients', 50));
const FLOWS = Math.round(flag('--flows', 2000));
const PEER_SECONDS = flag('--peer-seconds', Math.max(2, SECONDS / 4));
const ROUNDS = Math.round(flag('--rounds', Math.max(1, Math.min(3, Math.floor(SECONDS / 2)))));
const SEED_BUDGET_S = flag('--seed-budget', 30);
const POOL = Math.round(flag('--pool', 10));
const FULL_SEED = args.includes('--full-seed');
const SERVER = !args.includes('--no-server');
const PGLITE = !args.includes('--no-pglite');
const JSON_OUT = args.includes('--json');
const LIMIT = 100;
const WARMUP_MS = 1000;
const DENOMINAZIONE = 'Comune di Bologna';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
const t0 = performance.now();
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
/** Progress and tables: stdout, or stderr with --json (stdout then holds the JSON only). */
const say = (line = '') => (JSON_OUT ? process.stderr : process.stdout).write(`${line}\n`);
const machine = { node: process.version, platform: `${process.platform}/${process.arch}`, cpu: cpus()[0]?.model ?? '?', cpus: cpus().length, loadavgStart: loadavg() };

say(`# @riuso-sociale/siuss-waas load benchmark — node ${machine.node}, ${machine.platform}, ${machine.cpu} ×${machine.cpus}, load average ${load()}`);
say(`# ${CLIENTS} clients; endpoint ${SECONDS} s and peer ${PEER_SECONDS} s per target in ${ROUNDS} interleaved round(s); up to ${FLOWS} flows (seeding budget ${FULL_SEED ? 'none' : `${SEED_BUDGET_S} s`}); pages of ${LIMIT}`);

// A stale dist/ would measure old code: say so (the root `npm run bench` always rebuilds).
{
  const newest = (dir) =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, e) => Math.max(m, e.isDirectory() ? newest(join(dir, e.name)) : /\.test\.ts$/.test(e.name) ? 0 : statSync(join(dir, e.name)).mtimeMs), 0);
  for (const p of [pkg, join(pkg, '..', 'csi-store')]) {
    try {
      if (statSync(join(p, 'dist', 'index.js')).mtimeMs < newest(join(p, 'src'))) say(`WARNING: ${join(p, 'dist')} is older than ${join(p, 'src')}: rebuild (npm run build) to measure the current code`);
    } catch {
      // dist/index.js missing: the imports above would already have failed.
    }
  }
}

const quantile = (sorted, q) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]);
const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : '—');
const ms = (x) => (Number.isFinite(x) ? (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0)) : '—');

function table(head, rows, alignLeft = [0]) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => (alignLeft.includes(i) ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' | ')} |`;
  say(line(head));
  say(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) say(line(r));
}

// ---------------------------------------------------------------------------------------------
// Vouchers: one test PDND authority, one client id and voucher per simulated client.

const authority = await createTestAuthority();
const clientIds = Array.from({ length: CLIENTS }, (_, i) => `bbbbbbbb-0000-4000-8000-${String(i + 1).padStart(12, '0')}`);
const vouchers = await Promise.all(clientIds.map((id) => authority.issue({ sub: id, client_id: id })));
const verifierOptions = authority.verifierOptions({ allowedClients: clientIds });

// ---------------------------------------------------------------------------------------------
// One target

/** Merges the slices of one server: per operation, requests, rate, latency quantiles, statuses. */
function summarise(slices) {
  const elapsed = slices.reduce((m, s) => m + s.elapsed, 0);
  const out = {};
  for (const op of ['get', 'post']) {
    const lat = Float64Array.from(slices.flatMap((s) => Array.from(s.ops[op].lat))).sort();
    const hdr = Float64Array.from(slices.flatMap((s) => Array.from(s.ops[op].hdr))).sort();
    const status = {};
    for (const s of slices) for (const [k, v] of Object.entries(s.ops[op].status)) status[k] = (status[k] ?? 0) + v;
    const rates = slices.map((s) => (s.ops[op].lat.length / s.elapsed) * 1000);
    out[op] = {
      requests: lat.length,
      perSec: (lat.length / elapsed) * 1000,
      perSecRounds: rates,
      p99Rounds: slices.map((s) => quantile(Float64Array.from(s.ops[op].lat).sort(), 0.99)),
      p50: quantile(lat, 0.5),
      p90: quantile(lat, 0.9),
      p99: quantile(lat, 0.99),
      max: lat.length === 0 ? NaN : lat[lat.length - 1],
      headers: { p50: quantile(hdr, 0.5), p99: quantile(hdr, 0.99) },
      status,
    };
  }
  const all = out.get.requests + out.post.requests;
  return {
    seconds: elapsed / 1000,
    requests: all,
    perSec: (all / elapsed) * 1000,
    perSecRounds: slices.map((s) => ((s.ops.get.lat.length + s.ops.post.lat.length) / s.elapsed) * 1000),
    esitiSent: slices.reduce((m, s) => m + s.esitiSent, 0),
    esitiAcked: slices.reduce((m, s) => m + s.esitiAcked, 0),
    entriesPulled: slices.reduce((m, s) => m + s.entriesPulled, 0),
    passes: slices.at(-1)?.passes ?? 0,
    errors: slices.flatMap((s) => s.errors).slice(0, 5),
    loopDelay: { p99: Math.max(...slices.map((s) => s.loopDelay.p99)), max: Math.max(...slices.map((s) => s.loopDelay.max)) },
    ops: out,
  };
}

const failures = (s) => Object.values(s.ops).reduce((m, o) => m + Object.entries(o.status).reduce((n, [k, v]) => n + (k === 'ERR' || Number(k) >= 500 ? v : 0), 0), 0);
const fiveXX = (s) => Object.values(s.ops).reduce((m, o) => m + Object.entries(o.status).reduce((n, [k, v]) => n + (Number(k) >= 500 ? v : 0), 0), 0);

/**
 * Where the time of one request goes: the last page of flows pulled and its esiti posted, one request
 * at a time after the load, with every statement the store sends counted and timed (csi-store's
 * bench/transitions.mjs `instrument`). The first GET/POST of that page are a first fetch / first
 * delivery when the load never reached it (the report says which); the repeats are redeliveries.
 */
async function profileRequests(store, storeUrl, entries, acked) {
  const page = entries.slice(-LIMIT);
  const since = entries.length > LIMIT ? Date.parse(entries[entries.length - LIMIT - 1].ts_flusso) : 0;
  const names = page.map((e) => e.id_flusso);
  const generato = (await asOwner(store, (tx) => tx.query("SELECT count(*)::int AS n FROM flusso_siuss WHERE ente = $1 AND nome = ANY($2::text[]) AND status = 'generato'", [ENTE, names]))).rows[0].n;
  const fresh = names.filter((n) => !acked.has(n)).length;
  const headers = { authorization: `Bearer ${vouchers[0]}` };
  const get = async () => {
    const res = await fetch(`${storeUrl}/flussi?since=${since}&limit=${LIMIT}`, { headers });
    const n = JSON.parse(await res.text()).elenco_flussi?.length ?? 0;
    return `${res.status}, ${n} flows`;
  };
  const post = async () => {
    const res = await fetch(`${storeUrl}/esiti`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ elenco_esiti: page.map(esitoBody) }) });
    await res.arrayBuffer();
    if (res.status === 204) for (const n of names) acked.add(n);
    return `${res.status}`;
  };
  const steps = [
    [`GET /flussi, last page (${generato} of ${page.length} flows not yet fetched: marked inviato)`, get],
    [`POST /esiti, its ${page.length} esiti (${fresh} first deliveries: recorded)`, post],
    ['GET /flussi, the same page again (reads only)', get],
    [`POST /esiti, the same esiti again (${page.length} redeliveries)`, post],
  ];
  const out = [];
  for (const [what, fn] of steps) {
    const probe = instrument(store.executor);
    const t = performance.now();
    let status;
    try {
      status = await fn();
    } finally {
      probe.restore();
    }
    const totalMs = performance.now() - t;
    const st = probe.stats();
    const shapes = [...st.byShape].map(([sql, v]) => ({ sql, n: v.n, ms: v.ms })).sort((a, b) => b.ms - a.ms);
    out.push({
      what, status, ms: totalMs, transactions: st.transactions, txMs: st.txMs,
      statements: shapes.reduce((m, x) => m + x.n, 0), dbMs: shapes.reduce((m, x) => m + x.ms, 0), top: shapes.slice(0, 3),
    });
  }
  return out;
}

async function measureTarget(name, openFn) {
  say(`\n${name}: opening a store…`);
  let t = performance.now();
  const { store, close } = await openFn();
  const openMs = performance.now() - t;
  let server;
  let peer;
  let worker;
  try {
    t = performance.now();
    const seeded = await seedEnte(store);
    const seeding = await seedFlows(store, seeded, { flows: FLOWS, budgetMs: SEED_BUDGET_S * 1000 - (performance.now() - t), full: FULL_SEED, log: (m) => say(`  ${name}: ${m}`) });
    seeding.totalMs = performance.now() - t;
    const entries = await readEntries(store, DENOMINAZIONE);
    if (entries.length !== seeding.flows) throw new Error(`${entries.length} flows in the store, ${seeding.flows} exported`);
    say(
      `${name}: store opened in ${(openMs / 1000).toFixed(1)} s; ${fmt(seeding.flows)} flows in cooperazione${seeding.cut ? ` (CUT from ${fmt(FLOWS)} to fit the ${SEED_BUDGET_S} s seeding budget)` : ''} ` +
        `seeded and exported in ${(seeding.totalMs / 1000).toFixed(1)} s (export ${(seeding.exportMs / seeding.flows).toFixed(1)} ms a flow)`,
    );

    // The endpoint, with a counting logger (no output).
    let measuring = false;
    const logged = { events: {}, esiti: { received: 0, recorded: 0, duplicate: 0, alreadyFinal: 0, unknownFlow: 0, mismatch: 0, invalid: 0 }, handlerMs: { '/flussi': [], '/esiti': [] }, errors: [] };
    const logger = (e) => {
      const k = `${e.level}:${e.event}`;
      logged.events[k] = (logged.events[k] ?? 0) + 1;
      if (e.event === 'esiti') for (const f of Object.keys(logged.esiti)) logged.esiti[f] += Number(e[f] ?? 0);
      else if (e.event === 'request' && measuring) logged.handlerMs[e.path]?.push(e.ms);
      if (e.level === 'error' && logged.errors.length < 5) logged.errors.push(JSON.stringify(e).slice(0, 400));
    };
    const handler = createWaasHandler({
      source: csiStoreSource(store, { ente: ENTE, actor: { operatoreId: seeded.sys.operatoreId, role: 'sistema' } }),
      ente: { codice: ENTE, denominazione: DENOMINAZIONE },
      voucher: createVoucherVerifier(verifierOptions),
      rateLimit: false,
      logger,
    });
    server = await serveWaas(handler, { port: 0, host: '127.0.0.1' });
    const storeUrl = `http://127.0.0.1:${server.address().port}`;
    const up = await fetch(`${storeUrl}/status`);
    await up.arrayBuffer();
    if (up.status !== 200) throw new Error(`GET /status → ${up.status}`);
    peer = await startPeer(entries);

    worker = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: { clients: CLIENTS, limit: LIMIT, vouchers, sampleEvery: 37, sampleMax: 3 } });
    worker.on('error', (e) => say(`load worker error: ${e.stack ?? e}`));
    const slice = (msg) =>
      new Promise((resolve, reject) => {
        worker.once('message', (m) => (m.ok ? resolve(m.result) : reject(new Error(m.error))));
        worker.postMessage(msg);
      });
    await slice({ key: 'warm-up', baseUrl: peer.url, ms: WARMUP_MS, auth: false });

    const slices = { store: [], peer: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const key of round % 2 === 0 ? ['store', 'peer'] : ['peer', 'store']) {
        gc();
        measuring = key === 'store';
        const lag = monitorEventLoopDelay({ resolution: 10 });
        lag.enable();
        const r = await slice({
          key,
          baseUrl: key === 'store' ? storeUrl : peer.url,
          ms: ((key === 'store' ? SECONDS : PEER_SECONDS) * 1000) / ROUNDS,
          auth: key === 'store',
        });
        measuring = false;
        lag.disable();
        r.loopDelay = { p50: lag.percentile(50) / 1e6, p99: lag.percentile(99) / 1e6, max: lag.max / 1e6 };
        slices[key].push(r);
        const n = r.ops.get.lat.length + r.ops.post.lat.length;
        const f5 = fiveXX({ ops: r.ops });
        const net = failures({ ops: r.ops }) - f5;
        const p99 = (op) => ms(quantile(Float64Array.from(r.ops[op].lat).sort(), 0.99));
        say(
          `  ${name}, round ${round + 1}/${ROUNDS}, ${key === 'store' ? 'endpoint' : 'peer    '}: ${fmt(n)} requests in ${(r.elapsed / 1000).toFixed(1)} s (${fmt((n / r.elapsed) * 1000)}/s), ` +
            `p99 GET ${p99('get')} ms / POST ${p99('post')} ms; ${fmt(r.esitiAcked)} esiti acknowledged; ${r.passes} client passes to the end so far; ` +
            `server event-loop delay p99 ${ms(r.loopDelay.p99)} ms, max ${ms(r.loopDelay.max)} ms` +
            `${f5 > 0 ? `; ${f5} 5xx — FAIL` : ''}${net > 0 ? `; ${net} network errors — WARNING` : ''}${f5 + net > 0 ? `: ${r.errors[0] ?? ''}` : ''}`,
        );
      }
    }

    // The peer serves the endpoint's bytes: the same page from both, at the start and in the middle.
    const identical = [];
    for (const since of [0, Date.parse(entries[Math.floor(entries.length / 2)]?.ts_flusso ?? '1970-01-01T00:00:00Z')]) {
      const a = await (await fetch(`${storeUrl}/flussi?since=${since}&limit=${LIMIT}`, { headers: { authorization: `Bearer ${vouchers[0]}` } })).text();
      const b = await (await fetch(`${peer.url}/flussi?since=${since}&limit=${LIMIT}`)).text();
      identical.push(a === b && a.length > 20);
    }

    const acked = new Set(slices.store.flatMap((s) => s.fresh));
    const sent = new Set(slices.store.flatMap((s) => s.freshSent));
    const profile = await profileRequests(store, storeUrl, entries, acked);

    // A sample of the pages the clients got from the endpoint, decoded as INPS would.
    const sample = { pages: 0, entries: 0, invalid: 0, warnings: 0, firstIssue: undefined };
    for (const text of slices.store.flatMap((s) => s.samples)) {
      sample.pages++;
      for (const entry of JSON.parse(text).elenco_flussi) {
        sample.entries++;
        const d = decodeWaasEntry(entry);
        if (!d.ok) {
          sample.invalid++;
          sample.firstIssue ??= `${d.issues[0].code}: ${d.issues[0].message}`;
        } else sample.warnings += d.value.warnings.length;
      }
    }

    await new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    server = undefined;
    await peer.close();
    peer = undefined;
    await worker.terminate();
    worker = undefined;

    t = performance.now();
    for (const n of acked) sent.add(n); // the profile's POSTs
    const correctness = await checkStore(store, acked, sent);
    correctness.checks['the handler recorded each esito once (its log: recorded = flows with an esito)'] = logged.esiti.recorded === correctness.counts.withEsito;
    correctness.checks['no esito answered already-final, mismatch, unknown-flow or invalid'] = logged.esiti.alreadyFinal + logged.esiti.mismatch + logged.esiti.unknownFlow + logged.esiti.invalid === 0;
    correctness.checks['the pages sampled decode (OpenAPI, XSD, cooperazione rule)'] = sample.pages > 0 && sample.invalid === 0;
    correctness.checks['the peer serves byte-identical pages'] = identical.every(Boolean);
    const checkMs = performance.now() - t;
    t = performance.now();
    const verified = await store.verifyAudit({ ente: ENTE });
    const audit = { ok: verified.ok, ms: performance.now() - t, ...(verified.ok ? { events: verified.value.events, headSeq: verified.value.head.seq } : { issue: `${verified.issues[0].code} ${verified.issues[0].message}` }) };
    correctness.checks['store.verifyAudit passes'] = audit.ok;
    correctness.ok = Object.values(correctness.checks).every(Boolean);

    const q = (xs, p) => quantile(Float64Array.from(xs).sort(), p);
    return {
      name,
      driver: store.driver,
      openMs,
      seeding,
      store: summarise(slices.store),
      peer: summarise(slices.peer),
      handlerMs: Object.fromEntries(Object.entries(logged.handlerMs).map(([p, xs]) => [p, { p50: q(xs, 0.5), p99: q(xs, 0.99) }])),
      logged: { events: logged.events, esiti: logged.esiti, errors: logged.errors },
      sample,
      profile,
      correctness,
      checkMs,
      audit,
    };
  } finally {
    if (server !== undefined) server.closeAllConnections();
    server?.close();
    await peer?.close();
    await worker?.terminate();
    await close();
  }
}

// ---------------------------------------------------------------------------------------------
// The targets

const results = [];
const skipped = [];
if (PGLITE) {
  results.push(
    await measureTarget('PGlite', async () => {
      const db = await PGlite.create();
      const store = await openStore({ pglite: db, auditKey: BENCH_KEY });
      return {
        store,
        async close() {
          await store.close();
          await db.close();
        },
      };
    }),
  );
} else skipped.push('PGlite: disabled with --no-pglite');

let server = { url: undefined, why: 'disabled with --no-server' };
if (SERVER) server = await ensureServer((m) => say(`  ${m}`));
if (server.url === undefined) {
  const bar = '!'.repeat(100);
  say(`\n${bar}\n!!! SERVER HALF SKIPPED: ${server.why}.\n!!! The PostgreSQL rows of the tables are missing.\n${bar}`);
  skipped.push(`PostgreSQL: ${server.why}`);
} else {
  const label = `PostgreSQL ${(await serverVersion(server.url)).split(' ')[0]}`;
  say(`\nserver: ${label} (${server.started ? 'throwaway cluster started for this run, fsync off' : 'RIUSO_TEST_DATABASE_URL'}), a fresh database, pool of ${POOL} connections`);
  results.push(
    await measureTarget(label, async () => {
      const db = await freshDatabase(server.url);
      const store = await openStore({ connectionString: db.url, auditKey: BENCH_KEY, maxConnections: POOL });
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
// Report

const OPS = { get: 'GET /flussi', post: 'POST /esiti' };
const statuses = (s) => Object.entries(s).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}×${fmt(v)}`).join(' ');
const rounds = (xs) => (xs.length > 1 ? ` (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})` : '');

say(`\n## WaaS endpoint under load — ${CLIENTS} clients (client-side latency: request sent → body read, and → response headers; load average now ${load()})\n`);
const rows = [];
for (const r of results) {
  for (const who of ['store', 'peer']) {
    const s = r[who];
    for (const op of ['get', 'post']) {
      const o = s.ops[op];
      rows.push([
        r.name, who === 'store' ? 'endpoint' : 'peer', OPS[op], fmt(o.requests), `${fmt(o.perSec, 1)}${rounds(o.perSecRounds)}`,
        ms(o.p50), ms(o.p90), ms(o.p99), ms(o.max), `${ms(o.headers.p50)} / ${ms(o.headers.p99)}`, statuses(o.status),
      ]);
    }
  }
}
table(['target', 'server', 'operation', 'requests', 'req/s (rounds min–max)', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'to headers p50 / p99 ms', 'statuses'], rows, [0, 1, 2, 10]);

say('\n## Endpoint ÷ peer (same run, interleaved): throughput ratio (endpoint req/s ÷ peer req/s) and latency multiples\n');
const ratioRows = [];
for (const r of results) {
  for (const op of ['get', 'post', 'all']) {
    const s = op === 'all' ? r.store : r.store.ops[op];
    const p = op === 'all' ? r.peer : r.peer.ops[op];
    const row = [r.name, op === 'all' ? 'both' : OPS[op], fmt(s.perSec, 1), fmt(p.perSec, 1), `${(s.perSec / p.perSec).toFixed(3)}×`];
    if (op === 'all') row.push('', '');
    else row.push(`${(s.p50 / p.p50).toFixed(1)}×`, `${(s.p99 / p.p99).toFixed(1)}×`);
    ratioRows.push(row);
  }
}
table(['target', 'operation', 'endpoint req/s', 'peer req/s', 'rps ratio', 'p50 ×', 'p99 ×'], ratioRows, [0, 1]);

say('\n## Where the time of one request goes (after the load, one request at a time, every statement the store sends timed)\n');
const profRows = [];
for (const r of results) {
  for (const p of r.profile) {
    profRows.push([
      r.name, p.what, p.status, ms(p.ms), p.transactions, p.statements, `${ms(p.dbMs)} (${((100 * p.dbMs) / p.ms).toFixed(0)} %)`, ms(p.ms - p.dbMs),
      p.top.slice(0, 2).map((x) => `${x.n}× ${x.sql.slice(0, 40)}… ${ms(x.ms)} ms`).join('; '),
    ]);
  }
}
table(['target', 'request', 'status', 'ms', 'tx', 'statements', 'waiting for the database ms', 'the rest ms', 'top statements (count, shape, ms)'], profRows, [0, 1, 2, 8]);

let allOk = true;
say('');
for (const r of results) {
  const f5 = fiveXX(r.store);
  const net = failures(r.store) - f5;
  if (f5 > 0) allOk = false;
  if (!r.correctness.ok) allOk = false;
  const c = r.correctness.counts;
  say(
    `${r.name}: 5xx ${f5}${f5 > 0 ? ' FAIL' : ''}; network errors ${net}${net > 0 ? ' — WARNING: a request the clients saw fail without a status (e.g. a connection reset: a keep-alive socket closed by the server as the request arrived); INPS retries; its esiti are checked below' : ''}` +
      `${r.store.errors.length > 0 ? ` (first: ${r.store.errors[0]})` : ''}`,
  );
  say(
    `${r.name}: the server's event loop (main thread: the endpoint${r.driver === 'pglite' ? ' and PGlite, whose queries run in it' : ''}) was late by up to ${ms(r.store.loopDelay.max)} ms (worst slice p99 ${ms(r.store.loopDelay.p99)} ms) ` +
      `under the endpoint's load, ${ms(r.peer.loopDelay.max)} ms (p99 ${ms(r.peer.loopDelay.p99)} ms) under the peer's: while it is late, no socket is read — requests wait before the handler sees them`,
  );
  say(
    `${r.name}: ${fmt(r.store.entriesPulled)} flows pulled, ${fmt(r.store.esitiSent)} esiti sent (${fmt(r.store.esitiAcked)} acknowledged), ${r.store.passes} client passes to the end of the ${fmt(r.seeding.flows)} flows; ` +
      `the handler logged ${fmt(r.logged.esiti.recorded)} recorded, ${fmt(r.logged.esiti.duplicate)} duplicate (redeliveries), ${fmt(r.logged.esiti.alreadyFinal)} already-final`,
  );
  say(
    `${r.name}: correctness ${r.correctness.ok ? 'OK' : 'FAIL'} — ${fmt(c.flows)} flows, ${fmt(c.acked)} with an esito acknowledged, ${fmt(c.withEsito)} with an esito in the store ` +
      `(${fmt(c.ok)} OK, ${fmt(c.scarti)} rejected${c.appliedUnacknowledged > 0 ? `; ${c.appliedUnacknowledged} applied whose reply was lost` : ''}); lost ${c.lost}, never sent ${c.phantom}, other than sent ${c.wrongEsito + c.wrongStatus}; ` +
      `audited accetta/scarta: ${fmt(c.auditOne)} flows exactly once, ${c.auditMissing} missing, ${c.auditTwiceOrMore} twice or more, ${c.auditWithoutEsito} without an esito; ` +
      `${fmt(c.refusedEsitiAudited)} redeliveries audited as refused no-ops; erogazioni ${Object.entries(r.correctness.erogazioni).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`,
  );
  for (const [what, ok] of Object.entries(r.correctness.checks)) if (!ok) say(`  FAIL: ${what}`);
  for (const e of r.correctness.examples) say(`  e.g. ${e}`);
  say(
    `${r.name}: audit chain ${r.audit.ok ? `verifies: ${fmt(r.audit.events)} events (${(r.audit.ms / 1000).toFixed(1)} s)` : `DOES NOT VERIFY: ${r.audit.issue}`}; ` +
      `sample: ${r.sample.pages} pages, ${r.sample.entries} entries decoded, ${r.sample.invalid} invalid${r.sample.firstIssue ? ` (${r.sample.firstIssue})` : ''}; ` +
      `handler time (server side, before streaming) p50/p99: GET ${ms(r.handlerMs['/flussi'].p50)}/${ms(r.handlerMs['/flussi'].p99)} ms, POST ${ms(r.handlerMs['/esiti'].p50)}/${ms(r.handlerMs['/esiti'].p99)} ms`,
  );
  if (r.logged.errors.length > 0) say(`${r.name}: handler errors logged, first: ${r.logged.errors[0]}`);
}
const totalS = (performance.now() - t0) / 1000;
say(`\nbench time ${totalS.toFixed(1)} s; load average ${load()}${skipped.length > 0 ? ` — SKIPPED: ${skipped.join('; ')}` : ''}`);
say(`result: ${allOk ? 'OK' : 'FAIL'} (figures are reported, never asserted; FAIL means a 5xx or a correctness failure; network errors are a WARNING)`);

if (JSON_OUT) {
  const round = (x) => (typeof x === 'number' && Number.isFinite(x) ? Math.round(x * 1000) / 1000 : x);
  const json = JSON.stringify(
    {
      ok: allOk,
      machine: { ...machine, loadavgEnd: loadavg() },
      options: { seconds: SECONDS, peerSeconds: PEER_SECONDS, clients: CLIENTS, flows: FLOWS, rounds: ROUNDS, limit: LIMIT, pool: POOL, seedBudgetS: SEED_BUDGET_S },
      skipped,
      benchSeconds: totalS,
      targets: results.map((r) => ({
        ...r,
        fiveXX: fiveXX(r.store),
        networkErrors: failures(r.store) - fiveXX(r.store),
        ratio: {
          perSec: r.store.perSec / r.peer.perSec,
          get: { perSec: r.store.ops.get.perSec / r.peer.ops.get.perSec, p50: r.store.ops.get.p50 / r.peer.ops.get.p50, p99: r.store.ops.get.p99 / r.peer.ops.get.p99 },
          post: { perSec: r.store.ops.post.perSec / r.peer.ops.post.perSec, p50: r.store.ops.post.p50 / r.peer.ops.post.p50, p99: r.store.ops.post.p99 / r.peer.ops.post.p99 },
        },
      })),
    },
    (_k, v) => round(v),
  );
  process.stdout.write(`${json}\n`);
}
process.exitCode = allOk ? 0 : 1;
