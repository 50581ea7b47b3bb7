// SPDX-License-Identifier: BSD-3-Clause
/**
 * Lifecycles through the store, on PGlite and on a PostgreSQL server: the store loads what a guard
 * needs (the presa in carico of an intervento), closes a presa in carico with its open interventi in
 * one transaction (all or nothing, one audit event each), and corrects an exported erogazione only by
 * cancellation and re-insertion.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '@riuso-sociale/core';
import type { Erogazione, Instant, Intervento } from '@riuso-sociale/csi-model';
import type { Store } from '../src/index.js';
import { closeAll, TARGETS } from './support/targets.js';
import { addErogazioni, auditRows, headOf, interventoInput, must, rowState, run, seedEnte, type Seeded } from './support/fixture.js';

afterAll(closeAll);

const t = (s: string) => s as Instant;
const codes = (r: Result<unknown, string>): string[] => (r.ok ? [] : r.issues.map((i) => i.code));
const MOTIVO = { system: 'locale.motivo-chiusura', version: '1', code: 'OBR' };

/** A new intervento of the seeded presa in carico, authorised (not started). */
async function authorisedIntervento(store: Store, s: Seeded): Promise<Intervento> {
  return run(store, s.ente, s.as, async (session) => {
    const i = must(await session.create('intervento', interventoInput(s.persona, s.presa) as never, { at: t('2025-03-20T09:00:00Z') }));
    return session.transition('intervento', i.id, 'autorizza', { expectedVersion: 1, at: t('2025-03-21T09:00:00Z') });
  });
}

for (const target of TARGETS) {
  describe.skipIf(!target.available)(`lifecycles through the store on ${target.name}`, () => {
    let store: Store;

    beforeAll(async () => {
      store = await target.open();
    }, 120_000);

    it("the guard context is loaded by the store: 'avvia' is refused while the presa in carico is sospesa, accepted after 'riprendi'", async () => {
      const s = await seedEnte(store, 'G001');
      const i = await authorisedIntervento(store, s);
      must(await store.withSession({ ente: s.ente, actor: s.as }, (session) => session.transition('presa-in-carico', s.presa, 'sospendi', { expectedVersion: 2, reason: 'ricovero ospedaliero', at: t('2025-03-25T09:00:00Z') })));
      const head = await headOf(store, s.ente);
      const refused = await store.withSession({ ente: s.ente, actor: s.as }, (session) => session.transition('intervento', i.id, 'avvia', { expectedVersion: i.version, at: t('2025-04-01T09:00:00Z') }));
      expect(codes(refused)).toEqual(['csi.lifecycle.guard']);
      if (!refused.ok) expect(refused.issues[0].params.rule).toBe('intervento.presa-in-carico-attiva');
      expect(await rowState(store, s.ente, 'intervento', i.id)).toEqual({ version: i.version, status: 'autorizzato' });
      expect(await headOf(store, s.ente)).toEqual(head);

      must(await store.withSession({ ente: s.ente, actor: s.as }, (session) => session.transition('presa-in-carico', s.presa, 'riprendi', { expectedVersion: 3, at: t('2025-04-02T09:00:00Z') })));
      const started = must(await store.withSession({ ente: s.ente, actor: s.as }, (session) => session.transition('intervento', i.id, 'avvia', { expectedVersion: i.version, at: t('2025-04-03T09:00:00Z') })));
      expect(started).toMatchObject({ status: 'in-erogazione', version: i.version + 1 });
      must(await store.verifyAudit({ ente: s.ente }));
    });

    describe('closePresaInCarico', () => {
      let s: Seeded;
      let waiting: Intervento;

      beforeAll(async () => {
        s = await seedEnte(store, 'G002');
        waiting = await authorisedIntervento(store, s);
      }, 60_000);

      it('a stale expectedVersion is store.conflict and writes nothing', async () => {
        const presa = await rowState(store, s.ente, 'presa_in_carico', s.presa);
        const running = await rowState(store, s.ente, 'intervento', s.intervento);
        const head = await headOf(store, s.ente);
        const r = await store.withSession({ ente: s.ente, actor: s.as }, (session) =>
          session.closePresaInCarico(s.presa, { expectedVersion: (presa?.version ?? 0) - 1, reason: 'obiettivi raggiunti', motivoChiusura: MOTIVO, chiusaIl: '2025-10-31' as never, at: t('2025-10-31T10:00:00Z') }),
        );
        expect(codes(r)).toEqual(['store.conflict']);
        expect(await rowState(store, s.ente, 'presa_in_carico', s.presa)).toEqual(presa);
        expect(await rowState(store, s.ente, 'intervento', s.intervento)).toEqual(running);
        expect(await rowState(store, s.ente, 'intervento', waiting.id)).toEqual({ version: waiting.version, status: 'autorizzato' });
        expect(await headOf(store, s.ente)).toEqual(head);
      });

      it('closes the presa in carico with its open interventi in one transaction, one audit event each', async () => {
        const presa = await rowState(store, s.ente, 'presa_in_carico', s.presa);
        const running = await rowState(store, s.ente, 'intervento', s.intervento);
        const head = await headOf(store, s.ente);
        const closed = must(
          await store.withSession({ ente: s.ente, actor: s.as }, (session) =>
            session.closePresaInCarico(s.presa, { expectedVersion: presa?.version ?? 0, reason: 'obiettivi raggiunti', motivoChiusura: MOTIVO, chiusaIl: '2025-10-31' as never, at: t('2025-10-31T10:00:00Z') }),
          ),
        );
        expect(closed.presa.status).toBe('chiusa');
        expect(closed.interventi.map((i) => [i.id, i.status]).sort()).toEqual(
          [
            [s.intervento, 'concluso'],
            [waiting.id, 'revocato'],
          ].sort(),
        );
        expect(await rowState(store, s.ente, 'presa_in_carico', s.presa)).toEqual({ version: (presa?.version ?? 0) + 1, status: 'chiusa' });
        expect(await rowState(store, s.ente, 'intervento', s.intervento)).toEqual({ version: (running?.version ?? 0) + 1, status: 'concluso' });
        expect(await rowState(store, s.ente, 'intervento', waiting.id)).toEqual({ version: waiting.version + 1, status: 'revocato' });
        const added = (await auditRows(store, s.ente)).filter((r) => r.seq > head.seq);
        expect(added.map((r) => [r.entityId, r.event.transition?.event]).sort()).toEqual(
          [
            [s.intervento, 'concludi'],
            [waiting.id, 'revoca'],
            [s.presa, 'chiudi'],
          ].sort(),
        );
        expect(added.every((r) => r.action === 'transition')).toBe(true);
        must(await store.verifyAudit({ ente: s.ente }));
      });
    });

    describe('correctExportedErogazione', () => {
      let s: Seeded;
      let ids: string[];

      beforeAll(async () => {
        s = await seedEnte(store, 'G003');
        ids = await addErogazioni(store, s, 2);
        await run(store, s.ente, s.sys, (session) => session.exportSiuss({ kind: 'PS', upTo: '2025-04-30' as never, mode: 'cooperazione', at: t('2025-11-01T02:00:00Z') }));
      }, 60_000);

      it("on an exported erogazione: the old one 'annullata', a new 'registrata' one pointing to it", async () => {
        const [exported] = ids as [string];
        const before = await run(store, s.ente, s.as, (session) => session.get('erogazione', exported));
        expect(before.status).toBe('esportata');
        const head = await headOf(store, s.ente);
        const r = must(
          await store.withSession({ ente: s.ente, actor: s.as }, (session) =>
            session.correctExportedErogazione(exported, { importoCents: 42_000, importoMensileCents: 42_000, quotaUtenteCents: 2_000 } as never, { expectedVersion: before.version, reason: 'importo errato', at: t('2025-11-05T09:00:00Z') }),
          ),
        );
        expect(r.annullata).toMatchObject({ id: exported, status: 'annullata', version: before.version + 1 });
        expect(r.nuova).toMatchObject({ status: 'registrata', version: 1, annullaErogazione: exported, importoCents: 42_000 });
        expect(r.nuova.id).not.toBe(exported);
        const stored = await run(store, s.ente, s.as, async (session) => {
          const a = must(await session.get('erogazione', exported));
          const n = must(await session.get('erogazione', r.nuova.id));
          return { ok: true as const, value: [a, n] as [Erogazione, Erogazione] };
        });
        expect(stored[0]).toMatchObject({ status: 'annullata', esportazione: before.esportazione });
        expect(stored[1]).toMatchObject({ status: 'registrata', annullaErogazione: exported });
        expect(stored[1].esportazione).toBeUndefined();
        const added = (await auditRows(store, s.ente)).filter((x) => x.seq > head.seq && x.action !== 'read');
        expect(added.map((x) => [x.action, x.entityId]).sort()).toEqual(
          [
            ['transition', exported],
            ['create', r.nuova.id],
          ].sort(),
        );
        must(await store.verifyAudit({ ente: s.ente }));
      });

      it('on an erogazione not exported: csi.lifecycle.guard and nothing written', async () => {
        const fresh = (await addErogazioni(store, s, 1))[0] as string;
        const before = await rowState(store, s.ente, 'erogazione', fresh);
        expect(before?.status).toBe('validata');
        const head = await headOf(store, s.ente);
        const count = async () => (await auditRows(store, s.ente)).length;
        const n = await count();
        const r = await store.withSession({ ente: s.ente, actor: s.as }, (session) =>
          session.correctExportedErogazione(fresh, { importoCents: 1 } as never, { expectedVersion: before?.version ?? 0, reason: 'importo errato', at: t('2025-11-05T09:00:00Z') }),
        );
        expect(codes(r)).toEqual(['csi.lifecycle.guard']);
        expect(await rowState(store, s.ente, 'erogazione', fresh)).toEqual(before);
        expect(await headOf(store, s.ente)).toEqual(head);
        expect(await count()).toBe(n);
        const all = await run(store, s.ente, s.as, (session) => session.list('erogazione', { intervento: s.intervento }));
        expect(all.filter((e) => e.annullaErogazione === fresh)).toEqual([]);
      });
    });
  });
}
