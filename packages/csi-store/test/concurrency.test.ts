// SPDX-License-Identifier: BSD-3-Clause
/**
 * Concurrency on a real PostgreSQL server (PGlite runs one statement at a time, so these tests would
 * prove nothing there): compare-and-swap under 50 simultaneous transitions, the per-Ente audit chain
 * under 20 simultaneous writers, Enti that never wait for each other, and races that make PostgreSQL
 * abort a transaction (a deadlock) coming back as a typed `store.conflict`, never as a driver error.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Instant } from '@riuso-sociale/csi-model';
import type { Result } from '@riuso-sociale/core';
import type { Store } from '../src/index.js';
import { closeAll, IN_CI, PG_URL, TARGETS } from './support/targets.js';
import { asOwner, auditRows, headOf, interventoInput, ITALIANA, must, rowState, run, seedEnte, type Seeded } from './support/fixture.js';

afterAll(closeAll);

const server = TARGETS.find((t) => t.name === 'postgres');
if (server === undefined) throw new Error('no postgres target');

it.runIf(IN_CI)('a PostgreSQL server is available', () => expect(PG_URL).toBeDefined());

/** A gate that opens when `n` callers have reached it (all transactions are open before anyone writes). */
function barrier(n: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return () => {
    arrived += 1;
    if (arrived === n) open();
    return gate;
  };
}

function defined<T>(x: T | undefined): T {
  if (x === undefined) throw new Error('no such row');
  return x;
}

const codes = (r: Result<unknown, string>): string[] => (r.ok ? [] : r.issues.map((i) => i.code));
const t = (s: string) => s as Instant;

/** A persona (an intake record: no assignment needed), identified by an alternative identifier. */
const personaInput = (i: number) =>
  ({
    identificativoAlternativo: { tipo: 'altro', valore: `CONC-${i}` }, cognome: 'Prova', nome: `Persona${i}`, sesso: '1', dataNascita: '1980-01-01', luogoNascita: 'A944',
    cittadinanza: ITALIANA, capacitaGiuridica: { tipo: 'piena' },
  }) as never;

describe.skipIf(!server.available)('concurrency on a PostgreSQL server', () => {
  let store: Store & { readonly url?: string };

  beforeAll(async () => {
    store = await server.open();
  }, 120_000);

  it('50 transitions of one intervento from the same version: one wins, 49 get store.conflict and write nothing', async () => {
    const seeded = await seedEnte(store, 'A944');
    const before = defined(await rowState(store, seeded.ente, 'intervento', seeded.intervento));
    expect(before.status).toBe('in-erogazione');
    const head = await headOf(store, seeded.ente);
    const gate = barrier(50);
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        store.withSession({ ente: seeded.ente, actor: seeded.as }, async (s) => {
          await gate();
          return s.transition('intervento', seeded.intervento, 'sospendi', { expectedVersion: before.version, reason: 'x' });
        }),
      ),
    );
    const won = results.filter((r) => r.ok);
    const lost = results.filter((r) => !r.ok);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const r of lost) expect(codes(r)).toEqual(['store.conflict']);

    const after = defined(await rowState(store, seeded.ente, 'intervento', seeded.intervento));
    expect(after).toEqual({ version: before.version + 1, status: 'sospeso' });
    const n = await asOwner(store, seeded.ente, async (tx) =>
      tx.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM audit_event WHERE ente = $1 AND action = 'transition' AND entity_id = $2 AND event->'transition'->>'event' = 'sospendi'`,
        [seeded.ente, seeded.intervento],
      ),
    );
    expect(Number(n.rows[0]?.n)).toBe(1);
    // Exactly one event more in the chain: the 49 losers left nothing behind.
    expect((await headOf(store, seeded.ente)).seq).toBe(head.seq + 1);
    const v = must(await store.verifyAudit({ ente: seeded.ente }));
    expect(v.head.seq).toBe(head.seq + 1);
    const seqs = (await auditRows(store, seeded.ente)).map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: head.seq + 1 }, (_, i) => i + 1));
  });

  it('20 sessions of one Ente creating different records all commit: per-Ente seq 1..N without gap or duplicate', async () => {
    const seeded = await seedEnte(store, 'F205');
    const head = await headOf(store, seeded.ente);
    const gate = barrier(20);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.withSession({ ente: seeded.ente, actor: seeded.as }, async (s) => {
          await gate();
          return s.create('persona', personaInput(i), { at: t('2025-05-05T10:00:00Z') });
        }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const ids: string[] = results.map((r) => (r.ok ? r.value.id : ''));
    expect(new Set(ids).size).toBe(20);

    const rows = await auditRows(store, seeded.ente);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: head.seq + 20 }, (_, i) => i + 1));
    const creates = rows.filter((r) => r.action === 'create' && ids.includes(r.entityId));
    expect(creates).toHaveLength(20);
    expect(new Set(creates.map((r) => r.entityId)).size).toBe(20);
    expect(creates.every((r) => r.seq > head.seq)).toBe(true);
    const v = must(await store.verifyAudit({ ente: seeded.ente }));
    expect(v).toMatchObject({ events: head.seq + 20, head: { seq: head.seq + 20 } });
  });

  it('two Enti in parallel do not block each other', async () => {
    const [a, b] = [await seedEnte(store, 'H501'), await seedEnte(store, 'L219')];
    const headA = await headOf(store, a.ente);
    const headB = await headOf(store, b.ente);

    // Hold Ente A's audit head locked, as a long commit of A would: B's sessions go through, A's wait.
    const locker = new pg.Client({ connectionString: store.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('SELECT seq FROM audit_head WHERE ente = $1 FOR UPDATE', [a.ente]);
      let aDone = false;
      const aPending = store.withSession({ ente: a.ente, actor: a.as }, (s) => s.create('persona', personaInput(100), { at: t('2025-05-05T10:00:00Z') })).finally(() => {
        aDone = true;
      });
      const bResults = await Promise.all(
        Array.from({ length: 10 }, (_, i) => store.withSession({ ente: b.ente, actor: b.as }, (s) => s.create('persona', personaInput(i), { at: t('2025-05-05T10:00:00Z') }))),
      );
      expect(bResults.every((r) => r.ok)).toBe(true);
      expect((await headOf(store, b.ente)).seq).toBe(headB.seq + 10);
      // A is still waiting, on a lock.
      await new Promise((r) => setTimeout(r, 200));
      expect(aDone).toBe(false);
      const waiting = await locker.query<{ n: string }>(
        "SELECT count(*)::text AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
      );
      expect(Number(waiting.rows[0]?.n)).toBeGreaterThanOrEqual(1);
      await locker.query('COMMIT');
      expect((await aPending).ok).toBe(true);
    } finally {
      await locker.end();
    }
    expect((await headOf(store, a.ente)).seq).toBe(headA.seq + 1);

    // And both at full speed together: 10 sessions each, interleaved.
    const both = await Promise.all(
      Array.from({ length: 20 }, (_, i) => {
        const who = i % 2 === 0 ? a : b;
        return store.withSession({ ente: who.ente, actor: who.as }, (s) => s.create('persona', personaInput(200 + i), { at: t('2025-05-05T10:00:00Z') }));
      }),
    );
    expect(both.every((r) => r.ok)).toBe(true);
    expect(must(await store.verifyAudit({ ente: a.ente })).head.seq).toBe(headA.seq + 11);
    expect(must(await store.verifyAudit({ ente: b.ente })).head.seq).toBe(headB.seq + 20);
  });

  describe('races PostgreSQL settles by aborting a transaction come back typed', () => {
    let seeded: Seeded;
    let second: string;

    beforeAll(async () => {
      seeded = await seedEnte(store, 'D612');
      // A second running intervento on the same presa in carico.
      second = await run(store, seeded.ente, seeded.as, async (s) => {
        const i = must(await s.create('intervento', interventoInput(seeded.persona, seeded.presa) as never, { at: t('2025-03-12T09:00:00Z') }));
        must(await s.transition('intervento', i.id, 'autorizza', { expectedVersion: 1, at: t('2025-03-14T11:00:00Z') }));
        must(await s.transition('intervento', i.id, 'avvia', { expectedVersion: 2, at: t('2025-04-01T09:00:00Z') }));
        return { ok: true as const, value: i.id };
      });
    }, 60_000);

    it('a deadlock (two sessions changing two interventi in opposite order) is store.conflict for the loser, and the winner commits', async () => {
      const x = defined(await rowState(store, seeded.ente, 'intervento', seeded.intervento));
      const y = defined(await rowState(store, seeded.ente, 'intervento', second));
      const head = await headOf(store, seeded.ente);
      const gate = barrier(2);
      const pair = (first: string, firstVersion: number, then: string, thenVersion: number) =>
        store.withSession({ ente: seeded.ente, actor: seeded.as }, async (s) => {
          const one = await s.transition('intervento', first, 'sospendi', { expectedVersion: firstVersion, reason: 'deadlock test', at: t('2025-10-01T10:00:00Z') });
          if (!one.ok) return one;
          await gate(); // both hold their first row lock: each now waits for the other's
          return s.transition('intervento', then, 'sospendi', { expectedVersion: thenVersion, reason: 'deadlock test', at: t('2025-10-01T10:00:00Z') });
        });
      const results = await Promise.all([pair(seeded.intervento, x.version, second, y.version), pair(second, y.version, seeded.intervento, x.version)]);
      const won = results.filter((r) => r.ok);
      const lost = results.filter((r) => !r.ok);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(codes(lost[0] as Result<unknown, string>)).toEqual(['store.conflict']);
      // The winner changed both, once each; the loser nothing.
      expect(await rowState(store, seeded.ente, 'intervento', seeded.intervento)).toEqual({ version: x.version + 1, status: 'sospeso' });
      expect(await rowState(store, seeded.ente, 'intervento', second)).toEqual({ version: y.version + 1, status: 'sospeso' });
      expect((await headOf(store, seeded.ente)).seq).toBe(head.seq + 2);
      must(await store.verifyAudit({ ente: seeded.ente }));
    });

    it('two closePresaInCarico of the same presa at once: one closes it with its interventi, the other gets store.conflict', async () => {
      const presa = defined(await rowState(store, seeded.ente, 'presa_in_carico', seeded.presa));
      const head = await headOf(store, seeded.ente);
      const gate = barrier(2);
      const close = () =>
        store.withSession({ ente: seeded.ente, actor: seeded.as }, async (s) => {
          await gate();
          return s.closePresaInCarico(seeded.presa, {
            expectedVersion: presa.version,
            reason: 'obiettivi raggiunti',
            motivoChiusura: { system: 'locale.motivo-chiusura', version: '1', code: 'OBR' },
            chiusaIl: '2025-10-31' as never,
            at: t('2025-10-31T10:00:00Z'),
          });
        });
      const results = await Promise.all([close(), close()]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const lost = results.filter((r) => !r.ok);
      expect(lost).toHaveLength(1);
      expect(codes(lost[0] as Result<unknown, string>)).toEqual(['store.conflict']);
      expect((await rowState(store, seeded.ente, 'presa_in_carico', seeded.presa))?.status).toBe('chiusa');
      expect((await rowState(store, seeded.ente, 'intervento', seeded.intervento))?.status).toBe('concluso');
      expect((await rowState(store, seeded.ente, 'intervento', second))?.status).toBe('concluso');
      // Two interventi and the presa in carico: three events, once.
      expect((await headOf(store, seeded.ente)).seq).toBe(head.seq + 3);
      must(await store.verifyAudit({ ente: seeded.ente }));
    });
  });
});
