// SPDX-License-Identifier: BSD-3-Clause
/**
 * The store side of the WaaS benchmark (bench/run.mjs): seeding the flows, the entries the peer
 * serves, and the correctness check after the load — all on csi-store's built dist, with the seeding
 * helpers of csi-store's own benchmark (../../csi-store/bench/seed.mjs).
 *
 * - {@link seedFlows}: one Ente (seedEnte), then steps of up to 250 erogazioni — one made and
 *   validated through the store, the rest cloned by raw SQL (seedErogazioni) — each step exported by
 *   `exportSiuss({ kind: 'PS', mode: 'cooperazione' })` as the SIUSS account: one flow per erogazione,
 *   as INPS pulls them through WaaS. The export is the slow part (~10 ms a flow, in one transaction), so
 *   the steps stop when the next would overrun the seeding budget, and the report says how many flows
 *   were made of those asked.
 * - {@link readEntries}: every flow as the OpenAPI `Flusso` entry the endpoint serves (same fields,
 *   same order, base64 of the UTF-8 XML), read as the table owner: the peer's data.
 * - {@link checkStore}: the correctness check, read as the owner (Row-Level Security FORCEd: the
 *   owner sets `riuso.enti`, as csi-store's test/support/fixture.ts `asOwner` does).
 */
import { analyze, ENTE, run, seedErogazioni } from '../../csi-store/bench/seed.mjs';
import { esitoFor } from './esiti.mjs';

const STEP = 250;

/** Runs `fn(tx)` in one owner transaction that sees the Ente's rows. */
export function asOwner(store, fn) {
  return store.executor.transaction(async (tx) => {
    await tx.query("select set_config('riuso.enti', $1, true)", [ENTE]);
    return fn(tx);
  });
}

/**
 * Seeds up to `flows` erogazioni and exports them in cooperazione (one flow each), within `budgetMs`
 * unless `full`. Returns `{ flows, asked, cut, seedMs, exportMs }`.
 */
export async function seedFlows(store, seeded, { flows, budgetMs, full = false, log = () => {} }) {
  const t0 = performance.now();
  let made = 0;
  let seedMs = 0;
  let exportMs = 0;
  let cut = false;
  while (made < flows) {
    const n = Math.min(STEP, flows - made);
    if (!full && made > 0) {
      const perFlow = (seedMs + exportMs) / made;
      if (performance.now() - t0 + perFlow * n > budgetMs) {
        cut = true;
        break;
      }
    }
    let t = performance.now();
    // n − 1 clones + the template erogazione seedErogazioni makes (and validates) through the store.
    await seedErogazioni(store, seeded, n - 1, { offset: made });
    if (made === 0) await analyze(store);
    seedMs += performance.now() - t;
    t = performance.now();
    const report = await run(store, seeded.sys, (s) => s.exportSiuss({ kind: 'PS', upTo: '2025-09-30', mode: 'cooperazione' }), 'export');
    exportMs += performance.now() - t;
    if (report.exported !== n || report.flows.length !== n || report.skipped.length !== 0) {
      throw new Error(`export: ${report.exported} erogazioni in ${report.flows.length} flows of ${n}, ${report.skipped.length} skipped: ${report.skipped[0]?.message ?? ''}`);
    }
    made += n;
    if (made < flows) log(`${made} flows exported in ${((performance.now() - t0) / 1000).toFixed(1)} s…`);
  }
  await analyze(store);
  return { flows: made, asked: flows, cut, seedMs, exportMs };
}

/** Every flow of the Ente as the `elenco_flussi` entry the endpoint serves, in ts_flusso order. */
export async function readEntries(store, denominazione) {
  const r = await asOwner(store, (tx) => tx.query('SELECT nome, ts_flusso::text AS ts, tipo, xml FROM flusso_siuss WHERE ente = $1 ORDER BY ts_flusso', [ENTE]));
  return r.rows.map((row) => ({
    codice_ente: ENTE,
    denominazione_ente: denominazione,
    id_flusso: row.nome,
    tipo: row.tipo,
    ts_flusso: new Date(Number(row.ts)).toISOString(),
    flusso: Buffer.from(row.xml, 'utf8').toString('base64'),
  }));
}

/**
 * The correctness check after the load. `acked`: the id_flusso whose esito some client got a `204`
 * for; `sent`: those whose esito some client sent (a superset: a request can fail on the network after
 * the store recorded it — the reply lost, INPS delivers again). Per flow: an esito in the store when
 * acknowledged (none lost), none that no client sent (none from nowhere), the code (and
 * id_acquisizione) bench/esiti.mjs decided, the state that follows (accettato / scartato), and
 * EXACTLY ONE successful audited `accetta`/`scarta` transition when it has an esito (none otherwise:
 * a redelivery is audited as a refused no-op, never as a second transition). Per erogazione (one per
 * flow): `acquisita` for the OK flows, `da-correggere` for the others, each with exactly one audited
 * `acquisisci`/`respingi`.
 */
export async function checkStore(store, acked, sent) {
  const q = await asOwner(store, async (tx) => ({
    flows: (await tx.query('SELECT id, nome, status, esito_codice, esito_id_acquisizione FROM flusso_siuss WHERE ente = $1', [ENTE])).rows,
    erogazioni: (await tx.query('SELECT status, count(*)::int AS n FROM erogazione WHERE ente = $1 GROUP BY status', [ENTE])).rows,
    flowEvents: (
      await tx.query(
        `SELECT entity_id, event->'transition'->>'event' AS ev, count(*)::int AS n FROM audit_event
         WHERE ente = $1 AND entity_kind = 'flusso-siuss' AND action = 'transition' AND outcome = 'success' AND event->'transition'->>'event' IN ('accetta', 'scarta')
         GROUP BY 1, 2`,
        [ENTE],
      )
    ).rows,
    refusedEsiti: (
      await tx.query(
        `SELECT count(*)::int AS n FROM audit_event
         WHERE ente = $1 AND entity_kind = 'flusso-siuss' AND action = 'transition' AND outcome = 'denied' AND event->'transition'->>'event' IN ('accetta', 'scarta')`,
        [ENTE],
      )
    ).rows[0].n,
    erogazioneEvents: (
      await tx.query(
        `SELECT event->'transition'->>'event' AS ev, count(*)::int AS n, count(DISTINCT entity_id)::int AS distinct_n FROM audit_event
         WHERE ente = $1 AND entity_kind = 'erogazione' AND action = 'transition' AND outcome = 'success' AND event->'transition'->>'event' IN ('acquisisci', 'respingi')
         GROUP BY 1`,
        [ENTE],
      )
    ).rows,
  }));
  const events = new Map();
  for (const row of q.flowEvents) {
    const e = events.get(row.entity_id) ?? { accetta: 0, scarta: 0 };
    e[row.ev] += row.n;
    events.set(row.entity_id, e);
  }
  const c = { flows: q.flows.length, sent: sent.size, acked: acked.size, appliedUnacknowledged: 0, withEsito: 0, ok: 0, scarti: 0, lost: 0, phantom: 0, wrongEsito: 0, wrongStatus: 0, auditOne: 0, auditMissing: 0, auditTwiceOrMore: 0, auditWithoutEsito: 0 };
  const examples = [];
  const note = (what, row) => {
    if (examples.length < 5) examples.push(`${what}: ${row.nome}`);
  };
  const names = new Set();
  for (const row of q.flows) {
    names.add(row.nome);
    const posted = acked.has(row.nome);
    const tried = sent.has(row.nome);
    const has = row.esito_codice !== null;
    const expected = esitoFor(row.nome);
    const ev = events.get(row.id) ?? { accetta: 0, scarta: 0 };
    const nEvents = ev.accetta + ev.scarta;
    if (has) {
      c.withEsito++;
      if (row.esito_codice === 'OK') c.ok++;
      else c.scarti++;
      if (row.esito_codice !== expected.codice || (row.esito_id_acquisizione ?? undefined) !== expected.idAcquisizione) {
        c.wrongEsito++;
        note('esito other than the one sent', row);
      }
      if (row.status !== (row.esito_codice === 'OK' ? 'accettato' : 'scartato')) {
        c.wrongStatus++;
        note(`status ${row.status} with esito ${row.esito_codice}`, row);
      }
      const right = row.esito_codice === 'OK' ? ev.accetta : ev.scarta;
      if (nEvents === 0) {
        c.auditMissing++;
        note('esito without its audited transition', row);
      } else if (nEvents > 1 || right !== 1) {
        c.auditTwiceOrMore++;
        note(`${ev.accetta} accetta + ${ev.scarta} scarta audited`, row);
      } else c.auditOne++;
    } else if (nEvents > 0) {
      c.auditWithoutEsito++;
      note('audited transition without an esito', row);
    }
    if (posted && !has) {
      c.lost++;
      note('acknowledged esito LOST', row);
    }
    if (!tried && has) {
      c.phantom++;
      note('esito no client sent', row);
    }
    if (tried && !posted && has) c.appliedUnacknowledged++;
  }
  const unknownAcked = [...acked].filter((id) => !names.has(id)).length;
  const erog = Object.fromEntries(q.erogazioni.map((r) => [r.status, r.n]));
  const erogEv = Object.fromEntries(q.erogazioneEvents.map((r) => [r.ev, { n: r.n, distinct: r.distinct_n }]));
  const acquisita = erog.acquisita ?? 0;
  const daCorreggere = erog['da-correggere'] ?? 0;
  const acquisisci = erogEv.acquisisci ?? { n: 0, distinct: 0 };
  const respingi = erogEv.respingi ?? { n: 0, distinct: 0 };
  const checks = {
    'every acknowledged esito is in the store (none lost)': c.lost === 0 && unknownAcked === 0,
    'no esito that no client sent': c.phantom === 0,
    'flows with an esito = flows acknowledged + flows applied whose reply was lost': c.withEsito === c.acked + c.appliedUnacknowledged,
    'each esito is the one sent (code, id_acquisizione)': c.wrongEsito === 0 && c.wrongStatus === 0,
    'exactly one audited accetta/scarta per flow with an esito, none without': c.auditMissing === 0 && c.auditTwiceOrMore === 0 && c.auditWithoutEsito === 0,
    'erogazioni acquisita = OK flows, da-correggere = rejected flows': acquisita === c.ok && daCorreggere === c.scarti,
    'one audited acquisisci/respingi per erogazione': acquisisci.n === acquisita && acquisisci.distinct === acquisisci.n && respingi.n === daCorreggere && respingi.distinct === respingi.n,
  };
  return {
    ok: Object.values(checks).every(Boolean),
    checks,
    counts: { ...c, unknownAcked, refusedEsitiAudited: q.refusedEsiti },
    erogazioni: erog,
    erogazioneEvents: { acquisisci, respingi },
    examples,
  };
}
