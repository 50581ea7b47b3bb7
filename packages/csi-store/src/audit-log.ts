// SPDX-License-Identifier: BSD-3-Clause
/**
 * The audit trail in the database: events are appended AT COMMIT, so that concurrent sessions of one
 * Ente queue on the head row only for the few milliseconds between the append and the commit, never
 * for a whole transaction. In that window the session locks the Ente's head row (`FOR UPDATE`), gives
 * its events the next sequence numbers, chains them with csi-model's keyed `auditEventHash`, inserts
 * them in one statement and moves the head; the entity changes and their events commit together or
 * not at all. Several Enti (an Ambito session) are locked in Belfiore order, so two sessions never
 * wait for each other in a cycle. Verification reads the chain in batches (bounded memory).
 * @module
 */
import { createIssue, fail, ok, type Result } from '@riuso-sociale/core';
import { auditEventHash, verifyAuditChain, type AuditEvent, type AuditHead, type AuditKey } from '@riuso-sociale/csi-model';
import type { SqlQueryable } from './executor.js';

/** Events appended by one statement (bounds its memory on PGlite and on the server). */
const APPEND_CHUNK = 2000;

/** @internal Appends `events` (unchained, each with its `ente`) to their Enti's chains. Call last in the transaction. */
export async function appendAuditEvents(tx: SqlQueryable, events: readonly AuditEvent[], key: AuditKey): Promise<void> {
  if (events.length === 0) return;
  const byEnte = new Map<string, AuditEvent[]>();
  for (const e of events) {
    const ente = e.ente as string;
    const list = byEnte.get(ente);
    if (list === undefined) byEnte.set(ente, [e]);
    else list.push(e);
  }
  for (const ente of [...byEnte.keys()].sort()) {
    const list = byEnte.get(ente) as AuditEvent[];
    // One statement creates the head row on first use and locks it (a no-op update) until commit.
    const head = await tx.query<{ seq: string; hash: string | null }>(
      `INSERT INTO audit_head AS h (ente, seq, hash, updated_at) VALUES ($1, 0, NULL, now())
       ON CONFLICT (ente) DO UPDATE SET seq = h.seq RETURNING h.seq::text AS seq, h.hash`,
      [ente],
    );
    const row = head.rows[0];
    let seq = Number(row?.seq ?? 0);
    let prevHash = row?.hash ?? null;
    const rows = list.map((e) => {
      seq += 1;
      const chained: AuditEvent = { ...e, seq, keyId: key.id, prevHash };
      const hash = auditEventHash(chained, key.secret);
      const event = { ...chained, hash };
      prevHash = hash;
      return {
        ente,
        seq,
        id: e.id,
        at: e.at,
        action: e.action,
        entity_kind: e.entity.kind,
        entity_id: e.entity.id,
        persona: e.persona ?? null,
        outcome: e.outcome,
        key_id: key.id,
        prev_hash: chained.prevHash ?? null,
        hash,
        event,
      };
    });
    // The events and the new head in one statement per chunk (a data-modifying CTE): both or neither; chunks
    // bound the size of one statement (a large export appends two events per erogazione).
    for (let i = 0; i < rows.length; i += APPEND_CHUNK) {
      const chunk = rows.slice(i, i + APPEND_CHUNK);
      const last = chunk[chunk.length - 1] as (typeof rows)[number];
      await tx.query(
      `WITH appended AS (
         INSERT INTO audit_event (ente, seq, id, at, action, entity_kind, entity_id, persona, outcome, key_id, prev_hash, hash, event)
         SELECT ente, seq, id, at, action, entity_kind, entity_id, persona, outcome, key_id, prev_hash, hash, event
         FROM jsonb_to_recordset($1::jsonb) AS x(ente text, seq bigint, id uuid, at timestamptz, action text, entity_kind text,
           entity_id text, persona uuid, outcome text, key_id text, prev_hash text, hash text, event jsonb)
         RETURNING 1)
       UPDATE audit_head SET seq = $3, hash = $4, updated_at = now() WHERE ente = $2 AND (SELECT count(*) FROM appended) = $5`,
        [JSON.stringify(chunk), ente, last.seq, last.hash, chunk.length],
      );
    }
  }
}

/**
 * The outcome of a verification: the Ente, the head reached and how many events were read.
 *
 * @example
 * ```ts
 * import type { AuditVerification } from '@riuso-sociale/csi-store';
 * const v: AuditVerification = { ente: 'A944', head: { seq: 3, hash: 'ab…' }, events: 3 };
 * ```
 */
export interface AuditVerification {
  /** The Ente whose chain was read. */
  readonly ente: string;
  /** The last event reached (sequence number and hash). */
  readonly head: AuditHead;
  /** Events read. */
  readonly events: number;
}

/** Issue codes of a verification (csi-model's, plus `store.audit` for the head row and the exported head). */
export type AuditVerifyIssueCode = 'store.audit' | 'csi.audit.chain_broken' | 'csi.audit.unknown_key' | 'csi.audit.head_mismatch';

const BATCH = 1000;

function headIssue(it: string, en: string, params: Record<string, string | number | null>) {
  return createIssue('store.audit' as const, { it, en }, { params });
}

/** @internal Reads and checks an Ente's whole chain against its head row and, when given, a head exported earlier. */
export async function verifyAuditTrail(
  tx: SqlQueryable,
  ente: string,
  keys: ReadonlyMap<string, Uint8Array>,
  expectedHead?: AuditHead,
): Promise<Result<AuditVerification, AuditVerifyIssueCode>> {
  let start: AuditHead = { seq: 0, hash: null };
  let count = 0;
  let atExpected: string | null | undefined;
  for (;;) {
    const r = await tx.query<{ event: AuditEvent; seq: string; hash: string; prev_hash: string | null; key_id: string }>(
      'SELECT event, seq::text AS seq, hash, prev_hash, key_id FROM audit_event WHERE ente = $1 AND audit_event.seq > $2 ORDER BY audit_event.seq LIMIT $3',
      [ente, start.seq, BATCH],
    );
    if (r.rows.length === 0) break;
    // The typed columns must agree with the signed JSON (someone may have edited one and not the other).
    for (const row of r.rows) {
      const e = row.event;
      if (Number(row.seq) !== e.seq || row.hash !== e.hash || (row.prev_hash ?? null) !== (e.prevHash ?? null) || row.key_id !== e.keyId || e.ente !== ente) {
        return fail([
          createIssue('csi.audit.chain_broken' as const, { it: `Registro di audit alterato alla sequenza ${row.seq}`, en: `Audit log tampered with at sequence ${row.seq}` }, { params: { seq: Number(row.seq) } }),
        ]);
      }
    }
    const events = r.rows.map((row) => row.event);
    const checked = verifyAuditChain(events, { keys, start });
    if (!checked.ok) return checked;
    if (expectedHead !== undefined && expectedHead.seq > start.seq && expectedHead.seq <= checked.value.seq) {
      atExpected = events.find((e) => e.seq === expectedHead.seq)?.hash ?? null;
    }
    start = checked.value;
    count += events.length;
    if (r.rows.length < BATCH) break;
  }
  const headRow = await tx.query<{ seq: string; hash: string | null }>('SELECT seq::text AS seq, hash FROM audit_head WHERE ente = $1', [ente]);
  const head = headRow.rows[0];
  const headSeq = Number(head?.seq ?? 0);
  const headHash = head?.hash ?? null;
  if (headSeq !== start.seq || headHash !== start.hash) {
    return fail([
      headIssue(
        `Il registro di audit finisce alla sequenza ${start.seq} ma la testata dice ${headSeq}: eventi cancellati, aggiunti o coda troncata`,
        `The audit log ends at sequence ${start.seq} but the head row says ${headSeq}: events deleted, added or tail truncated`,
        { seq: Math.min(start.seq, headSeq) + 1, logSeq: start.seq, headSeq },
      ),
    ]);
  }
  if (expectedHead !== undefined) {
    if (expectedHead.seq === 0 ? expectedHead.hash !== null : atExpected !== expectedHead.hash) {
      return fail([
        headIssue(
          `Il registro di audit non contiene la testata esportata in precedenza (sequenza ${expectedHead.seq}): registro troncato o riscritto`,
          `The audit log does not contain the head exported earlier (sequence ${expectedHead.seq}): log truncated or rewritten`,
          { seq: Math.min(expectedHead.seq, start.seq + 1), expectedSeq: expectedHead.seq, logSeq: start.seq },
        ),
      ]);
    }
  }
  return ok({ ente, head: start, events: count });
}
