// SPDX-License-Identifier: BSD-3-Clause
/**
 * The transition workload of the csi-store benchmark: the STORE doing one lifecycle transition, and
 * THE PEER — hand-written SQL doing the same row change with a minimal honest audit.
 *
 * Both alternate an intervento between `in-erogazione` and `sospeso` (`sospendi`, with a reason, and
 * `riprendi`, whose guard needs the presa in carico to be active), one row per operation, walking a
 * set of cloned interventi round-robin. The store and the peer own DISJOINT but identical sets (same
 * clone, same history length, same number of operations per round), so neither ever invalidates the
 * other's versions and both write JSON of the same size.
 *
 * STORE: `store.withSession({ ente, actor }, s => s.transition('intervento', id, event, { expectedVersion, reason }))`
 * — which loads the operator, checks access (`canAccess`, with the operator's assignments), reads the
 * row and the presa in carico (guard context), runs the machine, validates the whole entity with its
 * zod schema, writes it with a compare-and-swap on `version`, appends the audit event to the Ente's
 * HMAC chain at commit, under `SET LOCAL ROLE riuso_csi` with Row-Level Security.
 *
 * PEER (one transaction on the same executor, as the connecting user):
 *   BEGIN;
 *   UPDATE intervento SET version = version + 1, status = $, updated_at = $, data = $ WHERE ente = $ AND id = $ AND version = $;  -- CAS, rowCount must be 1
 *   SELECT seq, hash FROM audit_head WHERE ente = $ FOR UPDATE;         -- the chain's head (needed to chain: prev hash, next seq)
 *   INSERT INTO audit_event (…13 columns…) VALUES (…);                  -- one event, chained: HMAC-SHA256 computed in JS with
 *                                                                        --   csi-model's auditEventHash, as the store does
 *   UPDATE audit_head SET seq = $, hash = $, updated_at = now() WHERE ente = $;
 *   COMMIT;
 * The new entity JSON is made in JS exactly as the machine makes it (status, a history entry,
 * version + 1, updatedAt/By), from the peer's own copy of the row (it never re-reads: the CAS guards
 * it). No access check, no schema validation, no guard, no RLS: that is the store's overhead. Its
 * events are real links of the Ente's chain: `store.verifyAudit` accepts the mixed chain afterwards
 * (bench/run.mjs checks it).
 */
import { randomUUID } from 'node:crypto';
import { auditEventHash, toInstant } from '@riuso-sociale/csi-model';
import { ENTE } from './seed.mjs';

const REASON = 'sospensione temporanea (ricovero)';

/** The event that flips a row (and the reason `sospendi` requires). */
const flip = (status) => (status === 'in-erogazione' ? { event: 'sospendi', to: 'sospeso', reason: REASON } : { event: 'riprendi', to: 'in-erogazione' });

/**
 * Rows the store works on: `{ id, version, status }` (the caller keeps the version it last saw, as a UI
 * would). `version` 3 and `in-erogazione`: the clone of the seeded intervento.
 */
export const storeRows = (ids) => ids.map((id) => ({ id, version: 3, status: 'in-erogazione' }));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One store transition on `row` (updates it); throws on anything but success. `hold`: ms the session
 * stays open AFTER the transition, before it returns and commits (think time of a slow caller).
 */
export async function storeTransition(store, actor, row, hold = 0) {
  const { event, reason } = flip(row.status);
  const r = await store.withSession({ ente: ENTE, actor }, async (s) => {
    const t = await s.transition('intervento', row.id, event, { expectedVersion: row.version, ...(reason ? { reason } : {}) });
    if (hold > 0) await sleep(hold);
    return t;
  });
  if (!r.ok) throw new Error(`store transition ${event} v${row.version}: ${r.issues.map((i) => `${i.code} ${i.message}`).join('; ')}`);
  row.version = r.value.version;
  row.status = r.value.status;
}

/** Rows the peer works on: `{ id, version, data }`, its own copy of the entity (read once). */
export async function peerRows(store, ids) {
  const r = await store.executor.transaction(async (tx) => {
    await tx.query("select set_config('riuso.enti', $1, true)", [ENTE]);
    return tx.query('SELECT id, version, data FROM intervento WHERE ente = $1 AND id = ANY($2::uuid[])', [ENTE, ids]);
  });
  const byId = new Map(r.rows.map((x) => [x.id, x]));
  return ids.map((id) => {
    const x = byId.get(id);
    return { id, version: Number(x.version), data: x.data };
  });
}

const INSERT_EVENT = `INSERT INTO audit_event (ente, seq, id, at, action, entity_kind, entity_id, persona, outcome, key_id, prev_hash, hash, event)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb)`;

/**
 * One peer transition on `row` (updates it); throws when the CAS misses. Options, for the concurrency
 * reference only: `lockFirst` takes the head lock at BEGIN instead of after the row update — a
 * deliberately SERIALISED variant (the whole transaction holds the Ente's head); `hold` keeps the
 * transaction open that many ms after the row update (think time), before the audit append.
 */
export async function peerTransition(executor, key, actor, row, { lockFirst = false, hold = 0 } = {}) {
  const { event, to, reason } = flip(row.data.status);
  const at = toInstant(new Date());
  const change = { status: to, at, by: actor.operatoreId, event, ...(reason ? { reason } : {}) };
  const next = { ...row.data, status: to, history: [...row.data.history, change], version: row.version + 1, updatedAt: at, updatedBy: actor.operatoreId };
  await executor.transaction(async (tx) => {
    const lockHead = () => tx.query('SELECT seq::text AS seq, hash FROM audit_head WHERE ente = $1 FOR UPDATE', [ENTE]);
    const early = lockFirst ? await lockHead() : undefined;
    const u = await tx.query('UPDATE intervento SET version = version + 1, status = $1, updated_at = $2, data = $3::jsonb WHERE ente = $4 AND id = $5 AND version = $6', [
      to,
      at,
      JSON.stringify(next),
      ENTE,
      row.id,
      row.version,
    ]);
    if (u.rowCount !== 1) throw new Error(`peer: compare-and-swap missed on ${row.id} v${row.version}`);
    if (hold > 0) await sleep(hold);
    const head = (early ?? (await lockHead())).rows[0];
    const seq = Number(head.seq) + 1;
    const audit = {
      id: randomUUID(), at, actor, action: 'transition', entity: { kind: 'intervento', id: row.id }, persona: next.persona,
      transition: { event, from: row.data.status, to }, ...(reason ? { reason } : {}), outcome: 'success', ente: ENTE, seq, keyId: key.id, prevHash: head.hash,
    };
    const hash = auditEventHash(audit, key.secret);
    await tx.query(INSERT_EVENT, [ENTE, seq, audit.id, at, 'transition', 'intervento', row.id, next.persona, 'success', key.id, head.hash, hash, JSON.stringify({ ...audit, hash })]);
    await tx.query('UPDATE audit_head SET seq = $2, hash = $3, updated_at = now() WHERE ente = $1', [ENTE, seq, hash]);
  });
  row.version = next.version;
  row.data = next;
}

/**
 * Wraps `store.executor` (the very object the store runs its transactions on) to count statements and
 * the time spent waiting for the database, per statement shape. Returns `{ stats(), restore() }`.
 */
export function instrument(executor) {
  const original = executor.transaction;
  const byShape = new Map();
  let transactions = 0;
  let txMs = 0;
  const shape = (sql) => sql.replace(/\s+/g, ' ').trim().slice(0, 72);
  executor.transaction = async (fn) => {
    transactions++;
    const t0 = performance.now();
    try {
      return await original.call(executor, (tx) =>
        fn({
          ...tx,
          async query(text, params) {
            const t = performance.now();
            try {
              return await tx.query(text, params);
            } finally {
              const k = shape(text);
              const s = byShape.get(k) ?? { n: 0, ms: 0 };
              s.n++;
              s.ms += performance.now() - t;
              byShape.set(k, s);
            }
          },
          exec: tx.exec,
        }),
      );
    } finally {
      txMs += performance.now() - t0;
    }
  };
  return {
    stats: () => ({ transactions, txMs, byShape: new Map(byShape) }),
    restore() {
      executor.transaction = original;
    },
  };
}
