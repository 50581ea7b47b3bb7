// SPDX-License-Identifier: BSD-3-Clause
/**
 * Migration 0005 through the store, on PGlite and on a PostgreSQL server: appointments (create, get,
 * list by person, transitions, the typed columns) and the Accesso fields of the person's own view
 * (protocol registration and deadline in `data`, the managing office as a typed column whose foreign
 * key only accepts a servizio of the same Ente).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, type Result } from '@riuso-sociale/core';
import type { Appuntamento, Instant } from '@riuso-sociale/csi-model';
import type { Store } from '../src/index.js';
import { closeAll, TARGETS } from './support/targets.js';
import { auditRows, must, rowState, run, seedEnte, type Seeded } from './support/fixture.js';

afterAll(closeAll);

const t = (s: string) => s as Instant;
const codes = (r: Result<unknown, string>): string[] => (r.ok ? [] : r.issues.map((i) => i.code));

/** An appointment of the seeded person at `inizio` (one hour), held by the social worker. */
const appointment = (s: Seeded, inizio: string, extra: Record<string, unknown> = {}) => ({
  persona: s.persona,
  presaInCarico: s.presa,
  servizio: s.servizio,
  operatore: s.as.operatoreId,
  inizio,
  fine: new Date(Date.parse(inizio) + 3_600_000).toISOString(),
  modalita: 'domicilio',
  oggetto: "Verifica dell'assistenza domiciliare",
  ...extra,
});

for (const target of TARGETS) {
  describe.skipIf(!target.available)(`migration 0005 (fascicolo) through the store on ${target.name}`, () => {
    let store: Store;
    let s: Seeded;

    beforeAll(async () => {
      store = await target.open();
      s = await seedEnte(store, 'L219');
    }, 120_000);

    it('appuntamento: create, get, list by person in id order with the status filter, transitions, audit', async () => {
      const first = await run(store, s.ente, s.as, async (session) => session.create('appuntamento', appointment(s, '2025-05-06T08:00:00Z') as never, { at: t('2025-04-20T09:00:00Z') }));
      expect(first).toMatchObject({ status: 'programmato', version: 1, persona: s.persona, modalita: 'domicilio' });
      expect(first.history).toEqual([{ status: 'programmato', at: '2025-04-20T09:00:00Z', by: s.as.operatoreId, event: 'crea' }]);
      const second = await run(store, s.ente, s.as, async (session) =>
        session.create('appuntamento', appointment(s, '2025-05-13T13:30:00Z', { modalita: 'telefono', servizio: undefined }) as never, { at: t('2025-04-20T09:05:00Z') }),
      );

      const got = await run(store, s.ente, s.as, async (session) => session.get('appuntamento', first.id));
      expect(got).toEqual(first);

      const listed = await run(store, s.ente, s.as, async (session) => session.list('appuntamento', { persona: s.persona }));
      expect(listed.map((a) => a.id)).toEqual([first.id, second.id].sort());
      const byPresa = await run(store, s.ente, s.as, async (session) => session.list('appuntamento', { presaInCarico: s.presa, status: 'programmato' }));
      expect(byPresa).toHaveLength(2);

      // The typed columns, read as the store wrote them: the start as a timestamptz, the operator, the optional service.
      const rows = await run(store, s.ente, s.as, async (session) =>
        ok((await session.sql<{ id: string; inizio: string; operatore: string; servizio: string | null; persona: string; presa_in_carico: string }>(
          "select id, to_char(inizio at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') as inizio, operatore, servizio, persona, presa_in_carico from appuntamento order by inizio",
        )).rows),
      );
      expect(rows).toEqual([
        { id: first.id, inizio: '2025-05-06T08:00:00Z', operatore: s.as.operatoreId, servizio: s.servizio, persona: s.persona, presa_in_carico: s.presa },
        { id: second.id, inizio: '2025-05-13T13:30:00Z', operatore: s.as.operatoreId, servizio: null, persona: s.persona, presa_in_carico: s.presa },
      ]);

      // programmato → confermato (before the start) → svolto (after it).
      const confirmed = await run(store, s.ente, s.as, async (session) => session.transition('appuntamento', first.id, 'conferma', { expectedVersion: 1, at: t('2025-05-02T10:00:00Z') }));
      expect(confirmed).toMatchObject({ status: 'confermato', version: 2 });
      const held = await run(store, s.ente, s.as, async (session) => session.transition('appuntamento', first.id, 'registra-svolto', { expectedVersion: 2, at: t('2025-05-06T09:10:00Z') }));
      expect(held).toMatchObject({ status: 'svolto', version: 3 });
      expect(await rowState(store, s.ente, 'appuntamento', first.id)).toEqual({ version: 3, status: 'svolto' });

      // The guards apply through the store: no outcome before the start; a cancellation needs a reason, which is kept.
      const early = await store.withSession({ ente: s.ente, actor: s.as }, (session) => session.transition('appuntamento', second.id, 'registra-assenza', { expectedVersion: 1, at: t('2025-05-10T09:00:00Z') }));
      expect(codes(early)).toEqual(['csi.lifecycle.guard']);
      if (!early.ok) expect(early.issues[0].params.rule).toBe('appuntamento.esito-dopo-l-inizio');
      const noReason = await store.withSession({ ente: s.ente, actor: s.as }, (session) => session.transition('appuntamento', second.id, 'annulla', { expectedVersion: 1, at: t('2025-05-10T09:00:00Z') }));
      expect(codes(noReason)).toEqual(['csi.lifecycle.reason_required']);
      const cancelled = await run(store, s.ente, s.as, async (session) =>
        session.transition('appuntamento', second.id, 'annulla', { expectedVersion: 1, reason: 'La persona è ricoverata', at: t('2025-05-10T09:00:00Z') }),
      );
      expect(cancelled).toMatchObject({ status: 'annullato', version: 2, motivoAnnullamento: 'La persona è ricoverata' });

      const open = await run(store, s.ente, s.as, async (session) => session.list('appuntamento', { persona: s.persona, status: ['programmato', 'confermato'] }));
      expect(open).toEqual([]);
      const done = await run(store, s.ente, s.as, async (session) => session.list('appuntamento', { persona: s.persona, status: ['svolto', 'annullato'] }));
      expect(done.map((a: Appuntamento) => `${a.id} ${a.status}`).sort()).toEqual([`${first.id} svolto`, `${second.id} annullato`].sort());

      // One audit event per creation and per transition, and the chain verifies.
      const events = (await auditRows(store, s.ente)).filter((e) => e.entityId === first.id || e.entityId === second.id);
      expect(events.filter((e) => e.action === 'create')).toHaveLength(2);
      expect(events.filter((e) => e.action === 'transition').map((e) => e.event.transition?.event)).toEqual(['conferma', 'registra-svolto', 'annulla']);
      must(await store.verifyAudit({ ente: s.ente }));
    });

    it('appuntamento: schema errors, a person of another Ente and a service that does not exist are refused, nothing written', async () => {
      const other = await seedEnte(store, 'L220');
      const attempt = (data: Record<string, unknown>) =>
        store.withSession({ ente: s.ente, actor: s.as }, (session) => session.create('appuntamento', data as never, { at: t('2025-04-21T09:00:00Z') }));
      const before = await run(store, s.ente, s.as, async (session) => ok((await session.sql<{ n: number }>('select count(*)::int as n from appuntamento')).rows[0]?.n));
      const endFirst = await attempt(appointment(s, '2025-05-06T08:00:00Z', { fine: '2025-05-06T07:00:00Z' }));
      expect(codes(endFirst)).toEqual(['store.invalid']);
      expect(JSON.stringify(endFirst)).toContain('The end of the appointment is not after its start');
      expect(codes(await attempt(appointment(s, '2025-05-06T08:00:00Z', { servizio: other.servizio })))).toEqual(['store.invalid']);
      expect(codes(await attempt(appointment(s, '2025-05-06T08:00:00Z', { persona: other.persona, presaInCarico: undefined })))).toEqual(['store.denied']);
      const after = await run(store, s.ente, s.as, async (session) => ok((await session.sql<{ n: number }>('select count(*)::int as n from appuntamento')).rows[0]?.n));
      expect(after).toBe(before);
    });

    it('accesso: protocol registration and deadline kept in data, the managing office in its typed column; another Ente\'s office is refused', async () => {
      const base = { persona: s.persona, data: '2025-04-22', canale: 'pec', bisognoRiferito: 'Domanda di assistenza domiciliare', operatore: s.as.operatoreId };
      const fields = { protocollo: { numero: '2025/0004567', data: '2025-04-21' }, termineConclusione: '2025-05-22', ufficio: s.servizio };
      const a = await run(store, s.ente, s.as, async (session) => session.create('accesso', { ...base, ...fields } as never, { at: t('2025-04-22T10:00:00Z') }));
      expect(a).toMatchObject(fields);
      const got = await run(store, s.ente, s.as, async (session) => session.get('accesso', a.id));
      expect(got).toEqual(a);
      const row = await run(store, s.ente, s.as, async (session) =>
        ok((await session.sql<{ ufficio: string | null; numero: string; termine: string }>("select ufficio, data->'protocollo'->>'numero' as numero, data->>'termineConclusione' as termine from accesso where id = $1", [a.id])).rows[0]),
      );
      expect(row).toEqual({ ufficio: s.servizio, numero: '2025/0004567', termine: '2025-05-22' });

      const other = await seedEnte(store, 'L221');
      const foreign = await store.withSession({ ente: s.ente, actor: s.as }, (session) => session.create('accesso', { ...base, ...fields, ufficio: other.servizio } as never, { at: t('2025-04-22T10:00:00Z') }));
      expect(codes(foreign)).toEqual(['store.invalid']);
      const early = await store.withSession({ ente: s.ente, actor: s.as }, (session) => session.create('accesso', { ...base, ...fields, termineConclusione: '2025-04-01' } as never, { at: t('2025-04-22T10:00:00Z') }));
      expect(codes(early)).toEqual(['store.invalid']);

      // An accesso without an office keeps the column NULL.
      const plain = await run(store, s.ente, s.as, async (session) => session.create('accesso', base as never, { at: t('2025-04-22T10:00:00Z') }));
      const plainRow = await run(store, s.ente, s.as, async (session) => ok((await session.sql<{ ufficio: string | null }>('select ufficio from accesso where id = $1', [plain.id])).rows[0]));
      expect(plainRow).toEqual({ ufficio: null });
    });
  });
}
