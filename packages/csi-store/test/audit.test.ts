// SPDX-License-Identifier: BSD-3-Clause
/**
 * The audit trail in the database, on PGlite and on a PostgreSQL server: append-only for ordinary use
 * (UPDATE, DELETE, TRUNCATE refused by triggers), and every rewrite by someone who can drop those
 * triggers — the database owner, with raw SQL — detected by `verifyAudit`, which names the first broken
 * sequence number: an edited, deleted, inserted or reordered event, a chain recomputed under another key,
 * a truncated tail (against the head row, or against a head exported earlier when the head row was
 * rewritten too), an event signed with an unknown key. Key rotation keeps old events verifiable. An entity
 * change and its event commit together or not at all, and events carry no personal data.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fail } from '@riuso-sociale/core';
import { auditEventHash, type AuditEvent, type Instant } from '@riuso-sociale/csi-model';
import { openStore, type SqlQueryable, type Store } from '../src/index.js';
import { closeAll, TARGETS, TEST_KEY, type Target } from './support/targets.js';
import { addErogazioni, asOwner, auditRows, CF, headOf, must, rowState, run, seedEnte, type AuditRow } from './support/fixture.js';

afterAll(closeAll);

const t = (s: string) => s as Instant;
const OTHER_SECRET = new Uint8Array(32).fill(9);

/** The first issue of a failed verification: its code and first broken sequence number. */
async function broken(store: Store, ente: string, expectedHead?: { seq: number; hash: string | null }): Promise<{ code: string; seq: unknown }> {
  const r = await store.verifyAudit({ ente, ...(expectedHead === undefined ? {} : { expectedHead }) });
  if (r.ok) return { code: 'ok', seq: r.value.head.seq };
  return { code: r.issues[0].code, seq: r.issues[0].params.seq };
}

/** Raw SQL as the owner with the append-only triggers of audit_event and audit_head switched off (and back on). */
async function tamper(store: Store, ente: string, fn: (tx: SqlQueryable) => Promise<void>): Promise<void> {
  await asOwner(store, ente, async (tx) => {
    await tx.query('ALTER TABLE audit_event DISABLE TRIGGER USER');
    await tx.query('ALTER TABLE audit_head DISABLE TRIGGER USER');
    await fn(tx);
    await tx.query('ALTER TABLE audit_event ENABLE TRIGGER USER');
    await tx.query('ALTER TABLE audit_head ENABLE TRIGGER USER');
  });
}

/** Inserts an audit row as it is stored (typed columns from the event). */
async function insertRow(tx: SqlQueryable, ente: string, event: AuditEvent): Promise<void> {
  await tx.query(
    `INSERT INTO audit_event (ente, seq, id, at, action, entity_kind, entity_id, persona, outcome, key_id, prev_hash, hash, event)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb)`,
    [ente, event.seq, event.id, event.at, event.action, event.entity.kind, event.entity.id, event.persona ?? null, event.outcome, event.keyId, event.prevHash ?? null, event.hash, JSON.stringify(event)],
  );
}

/** Rewrites the head row (needs the triggers off when it moves back). */
async function setHead(tx: SqlQueryable, ente: string, seq: number, hash: string | null): Promise<void> {
  await tx.query('UPDATE audit_head SET seq = $2, hash = $3 WHERE ente = $1', [ente, seq, hash]);
}

const middle = (rows: readonly AuditRow[]) => rows[Math.floor(rows.length / 2)] as AuditRow;

for (const target of TARGETS) {
  describe.skipIf(!target.available)(`audit trail on ${target.name}`, () => {
    let store: Store & { readonly url?: string };
    /** A fresh Ente for each test that tampers (the chain is per Ente): A001, A002, … */
    let next = 0;
    const seeded = async () => seedEnte(store, `B${String(++next).padStart(3, '0')}`);

    beforeAll(async () => {
      store = await target.open();
    }, 120_000);

    it('refuses UPDATE, DELETE and TRUNCATE of audit_event, and a head moving back or deleted, while the triggers are on', async () => {
      const s = await seeded();
      const rows = await auditRows(store, s.ente);
      const seq = middle(rows).seq;
      const attempts: [string, string][] = [
        ['UPDATE', `UPDATE audit_event SET event = jsonb_set(event, '{reason}', '"x"') WHERE ente = '${s.ente}' AND seq = ${seq}`],
        ['DELETE', `DELETE FROM audit_event WHERE ente = '${s.ente}' AND seq = ${seq}`],
        ['TRUNCATE', 'TRUNCATE audit_event'],
      ];
      for (const [op, sql] of attempts) {
        await expect(asOwner(store, s.ente, (tx) => tx.query(sql)), op).rejects.toThrow(/append-only/);
      }
      await expect(asOwner(store, s.ente, (tx) => setHead(tx, s.ente, 1, rows[0]?.hash ?? null))).rejects.toThrow(/only moves forward/);
      await expect(asOwner(store, s.ente, (tx) => tx.query('DELETE FROM audit_head WHERE ente = $1', [s.ente]))).rejects.toThrow(/only moves forward/);
      await expect(asOwner(store, s.ente, (tx) => tx.query('TRUNCATE audit_head'))).rejects.toThrow(/append-only/);
      expect(await auditRows(store, s.ente)).toEqual(rows);
      expect(must(await store.verifyAudit({ ente: s.ente })).head.seq).toBe(rows.length);
    });

    it('tampering leaves the triggers on afterwards (they are re-enabled in the same transaction)', async () => {
      const s = await seeded();
      await tamper(store, s.ente, async () => undefined);
      const r = await asOwner(store, s.ente, (tx) =>
        tx.query<{ tgname: string; tgenabled: string }>(
          "SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid IN ('audit_event'::regclass, 'audit_head'::regclass) AND NOT tgisinternal ORDER BY tgname",
        ),
      );
      expect(r.rows).toHaveLength(4);
      expect(r.rows.every((x) => x.tgenabled === 'O')).toBe(true);
      must(await store.verifyAudit({ ente: s.ente }));
    });

    it('an edited event (reason or instant inside the signed JSON) breaks the chain at its seq', async () => {
      const s = await seeded();
      const rows = await auditRows(store, s.ente);
      const [a, b] = [rows[3] as AuditRow, middle(rows)];
      await tamper(store, s.ente, async (tx) => {
        await tx.query(`UPDATE audit_event SET event = jsonb_set(event, '{reason}', '"falsificato"') WHERE ente = $1 AND seq = $2`, [s.ente, b.seq]);
      });
      expect(await broken(store, s.ente)).toEqual({ code: 'csi.audit.chain_broken', seq: b.seq });
      await tamper(store, s.ente, async (tx) => {
        await tx.query(`UPDATE audit_event SET event = jsonb_set(event, '{at}', '"2020-01-01T00:00:00Z"'), at = '2020-01-01T00:00:00Z' WHERE ente = $1 AND seq = $2`, [s.ente, a.seq]);
      });
      expect(await broken(store, s.ente)).toEqual({ code: 'csi.audit.chain_broken', seq: a.seq });
    });

    it('a deleted middle event breaks the chain at its seq', async () => {
      const s = await seeded();
      const victim = middle(await auditRows(store, s.ente));
      await tamper(store, s.ente, async (tx) => {
        await tx.query('DELETE FROM audit_event WHERE ente = $1 AND seq = $2', [s.ente, victim.seq]);
      });
      expect(await broken(store, s.ente)).toEqual({ code: 'csi.audit.chain_broken', seq: victim.seq });
    });

    it('a forged event appended (with the head moved forward to it) breaks the chain at its seq', async () => {
      const s = await seeded();
      const rows = await auditRows(store, s.ente);
      const last = rows[rows.length - 1] as AuditRow;
      const forged: AuditEvent = { ...last.event, id: randomUUID() as never, reason: 'forged', seq: last.seq + 1, prevHash: last.hash };
      const signed = { ...forged, hash: auditEventHash(forged, OTHER_SECRET) };
      // No trigger needs switching off: inserting is allowed and the head may move forward.
      await asOwner(store, s.ente, async (tx) => {
        await insertRow(tx, s.ente, signed);
        await setHead(tx, s.ente, signed.seq as number, signed.hash);
      });
      expect(await broken(store, s.ente)).toEqual({ code: 'csi.audit.chain_broken', seq: last.seq + 1 });
    });

    it('a forged event inserted in the middle (later events renumbered) breaks the chain at its seq', async () => {
      const s = await seeded();
      const rows = await auditRows(store, s.ente);
      const at = middle(rows);
      const before = rows[at.seq - 2] as AuditRow;
      const forged: AuditEvent = { ...before.event, id: randomUUID() as never, reason: 'forged', seq: at.seq, prevHash: before.hash };
      const signed = { ...forged, hash: auditEventHash(forged, OTHER_SECRET) };
      await tamper(store, s.ente, async (tx) => {
        await tx.query('DELETE FROM audit_event WHERE ente = $1 AND seq >= $2', [s.ente, at.seq]);
        await insertRow(tx, s.ente, signed);
        for (const r of rows.filter((x) => x.seq >= at.seq)) await insertRow(tx, s.ente, { ...r.event, seq: r.seq + 1 });
        await setHead(tx, s.ente, rows.length + 1, rows[rows.length - 1]?.hash ?? null);
      });
      expect(await broken(store, s.ente)).toEqual({ code: 'csi.audit.chain_broken', seq: at.seq });
    });

    it('two events swapped (reordered seq) break the chain at the first of them', async () => {
      const s = await seeded();
      const rows = await auditRows(store, s.ente);
      const a = middle(rows);
      const b = rows[a.seq] as AuditRow; // seq a.seq + 1
      await tamper(store, s.ente, async (tx) => {
        await tx.query('DELETE FROM audit_event WHERE ente = $1 AND seq IN ($2, $3)', [s.ente, a.seq, b.seq]);
        await insertRow(tx, s.ente, { ...b.event, seq: a.seq });
        await insertRow(tx, s.ente, { ...a.event, seq: b.seq });
      });
      expect(await broken(store, s.ente)).toEqual({ code: 'csi.audit.chain_broken', seq: a.seq });
    });

    it('a chain recomputed from scratch with another key (rows and head rewritten) does not verify from seq 1', async () => {
      const s = await seeded();
      const rows = await auditRows(store, s.ente);
      let prev: string | null = null;
      const rewritten: AuditEvent[] = [];
      for (const r of rows) {
        const { hash: _h, ...rest } = r.event;
        const e: AuditEvent = { ...rest, reason: r.seq === 2 ? 'riscritto' : rest.reason, prevHash: prev } as AuditEvent;
        const clean = Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)) as unknown as AuditEvent;
        const hash = auditEventHash(clean, OTHER_SECRET);
        rewritten.push({ ...clean, hash });
        prev = hash;
      }
      await tamper(store, s.ente, async (tx) => {
        await tx.query('DELETE FROM audit_event WHERE ente = $1', [s.ente]);
        for (const e of rewritten) await insertRow(tx, s.ente, e);
        await setHead(tx, s.ente, rewritten.length, prev);
      });
      // Self-consistent (seq, prevHash, head all agree), but not under the store's key.
      expect(await broken(store, s.ente)).toEqual({ code: 'csi.audit.chain_broken', seq: 1 });
    });

    it('a truncated tail (last 3 events deleted) disagrees with the head row: store.audit', async () => {
      const s = await seeded();
      const rows = await auditRows(store, s.ente);
      await tamper(store, s.ente, async (tx) => {
        await tx.query('DELETE FROM audit_event WHERE ente = $1 AND seq > $2', [s.ente, rows.length - 3]);
      });
      expect(await broken(store, s.ente)).toEqual({ code: 'store.audit', seq: rows.length - 2 });
    });

    it('a truncated tail with the head row rewritten to match is caught by a head exported earlier', async () => {
      const s = await seeded();
      const exported = await headOf(store, s.ente);
      const rows = await auditRows(store, s.ente);
      expect(exported.seq).toBe(rows.length);
      const keep = rows[rows.length - 4] as AuditRow;
      await tamper(store, s.ente, async (tx) => {
        await tx.query('DELETE FROM audit_event WHERE ente = $1 AND seq > $2', [s.ente, keep.seq]);
        await setHead(tx, s.ente, keep.seq, keep.hash);
      });
      // The database alone looks fine…
      expect(await broken(store, s.ente)).toEqual({ code: 'ok', seq: keep.seq });
      // …the head kept elsewhere does not.
      expect(await broken(store, s.ente, { seq: exported.seq, hash: exported.hash })).toEqual({ code: 'store.audit', seq: keep.seq + 1 });
      // And an earlier head still inside the log is fine.
      expect(await broken(store, s.ente, { seq: keep.seq, hash: keep.hash })).toEqual({ code: 'ok', seq: keep.seq });
    });

    it('an event signed with an unknown key id: csi.audit.unknown_key at its seq', async () => {
      const s = await seeded();
      const rows = await auditRows(store, s.ente);
      const last = rows[rows.length - 1] as AuditRow;
      const rogue: AuditEvent = { ...last.event, id: randomUUID() as never, seq: last.seq + 1, keyId: 'rogue-key', prevHash: last.hash };
      const signed = { ...rogue, hash: auditEventHash({ ...rogue, hash: undefined } as never, OTHER_SECRET) };
      await asOwner(store, s.ente, async (tx) => {
        await insertRow(tx, s.ente, signed);
        await setHead(tx, s.ente, last.seq + 1, signed.hash);
      });
      const r = await store.verifyAudit({ ente: s.ente });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues[0]).toMatchObject({ code: 'csi.audit.unknown_key', params: { seq: last.seq + 1, keyId: 'rogue-key' } });
    });

    it('an entity change and its audit event commit together or not at all', async () => {
      const s = await seeded();
      const before = await rowState(store, s.ente, 'intervento', s.intervento);
      const head = await headOf(store, s.ente);
      const r = await store.withSession({ ente: s.ente, actor: s.as }, async (session) => {
        must(await session.transition('intervento', s.intervento, 'sospendi', { expectedVersion: before?.version ?? 0, reason: 'ricovero', at: t('2025-06-01T09:00:00Z') }));
        return fail([{ code: 'test.abort', severity: 'error' as const, path: [], message: 'annulla', messageEn: 'abort', params: {} }]);
      });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues[0]?.code).toBe('test.abort');
      expect(await rowState(store, s.ente, 'intervento', s.intervento)).toEqual(before);
      expect(await headOf(store, s.ente)).toEqual(head);
      expect((await auditRows(store, s.ente)).filter((x) => x.event.transition?.event === 'sospendi')).toEqual([]);
      // The same change committed: both are there.
      must(await store.withSession({ ente: s.ente, actor: s.as }, (session) => session.transition('intervento', s.intervento, 'sospendi', { expectedVersion: before?.version ?? 0, reason: 'ricovero', at: t('2025-06-01T09:00:00Z') })));
      expect((await rowState(store, s.ente, 'intervento', s.intervento))?.version).toBe((before?.version ?? 0) + 1);
      expect((await headOf(store, s.ente)).seq).toBe(head.seq + 1);
      must(await store.verifyAudit({ ente: s.ente }));
    });

    it('audit events hold no personal data (codice fiscale, surname, name of the person)', async () => {
      const s = await seeded();
      await addErogazioni(store, s, 2);
      await run(store, s.ente, s.as, async (session) => {
        must(await session.get('persona', s.persona));
        must(await session.list('erogazione', { persona: s.persona }));
        return { ok: true as const, value: true };
      });
      await run(store, s.ente, s.sys, (session) => session.exportSiuss({ kind: 'PS', upTo: '2025-12-31' as never, mode: 'cooperazione', at: t('2025-11-01T02:00:00Z') }));
      const rows = await asOwner(store, s.ente, (tx) => tx.query<{ line: string }>('SELECT a::text AS line FROM audit_event a WHERE ente = $1', [s.ente]));
      expect(rows.rows.length).toBeGreaterThan(20);
      for (const needle of [CF.persona, 'Esposito', 'Giovanna']) {
        const found = rows.rows.filter((r) => r.line.toLowerCase().includes(needle.toLowerCase()));
        expect(found, needle).toEqual([]);
      }
      // The persona does hold them: the search would find them.
      const persona = await asOwner(store, s.ente, (tx) => tx.query<{ line: string }>('SELECT data::text AS line FROM persona WHERE ente = $1 AND id = $2', [s.ente, s.persona]));
      expect(persona.rows[0]?.line).toContain('Esposito');
    });

    it('key rotation: old and new events verify with previousAuditKeys; without them the old key is unknown', async () => {
      const NEW_KEY = { id: 'test-2027', secret: new Uint8Array(32).fill(11) };
      const reopenable = await persistentStore(target);
      try {
        const first = reopenable.store;
        const s = await seedEnte(first, 'C001');
        const oldHead = await headOf(first, s.ente);
        const rotated = await reopenable.reopen({ auditKey: NEW_KEY, previousAuditKeys: [TEST_KEY] });
        must(await rotated.withSession({ ente: s.ente, actor: s.as }, (session) => session.transition('intervento', s.intervento, 'sospendi', { expectedVersion: 3, reason: 'ricovero', at: t('2025-06-01T09:00:00Z') })));
        const v = must(await rotated.verifyAudit({ ente: s.ente }));
        expect(v.head.seq).toBe(oldHead.seq + 1);
        const keys = new Set((await auditRows(rotated, s.ente)).map((r) => r.keyId));
        expect(keys).toEqual(new Set(['test-2026', 'test-2027']));
        const newOnly = await reopenable.reopen({ auditKey: NEW_KEY });
        const r = await newOnly.verifyAudit({ ente: s.ente });
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.issues[0]).toMatchObject({ code: 'csi.audit.unknown_key', params: { seq: 1, keyId: 'test-2026' } });
      } finally {
        await reopenable.close();
      }
    }, 120_000);
  });
}

/**
 * A store that can be opened again on the same data with other keys: PGlite on a data directory in a
 * temporary folder (the first store is closed, then the directory is opened again by one PGlite that
 * the following stores share), or the same server database (a new pool each time).
 */
async function persistentStore(target: Target): Promise<{ store: Store; reopen(options: { auditKey: typeof TEST_KEY; previousAuditKeys?: (typeof TEST_KEY)[] }): Promise<Store>; close(): Promise<void> }> {
  const extra: Store[] = [];
  if (target.name === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'riuso-audit-'));
    const first = await openStore({ dataDir: dir, auditKey: TEST_KEY });
    let db: PGlite | undefined;
    return {
      store: first,
      async reopen(options) {
        if (db === undefined) {
          await first.close();
          db = await PGlite.create({ dataDir: dir });
        }
        const s = await openStore({ pglite: db, ...options });
        extra.push(s);
        return s;
      },
      async close() {
        for (const s of extra) await s.close();
        await first.close();
        if (db !== undefined && !db.closed) await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const store = await target.open();
  return {
    store,
    async reopen(options) {
      const s = await openStore({ connectionString: store.url as string, ...options });
      extra.push(s);
      return s;
    },
    async close() {
      for (const s of extra) await s.close();
    },
  };
}
