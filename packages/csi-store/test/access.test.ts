// SPDX-License-Identifier: BSD-3-Clause
/**
 * Who may open a session and read what: the session's actor must be an active operator of the Ente with
 * that role, every read needs an active assignment (or an audited break-glass), and every decision —
 * granted or refused — is in the Ente's audit chain, even when the session rolls back.
 */
import { fail, ok } from '@riuso-sociale/core';
import { newId, type Actor } from '@riuso-sociale/csi-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session, Store } from '../src/index.js';
import { closeAll, TARGETS } from './support/targets.js';
import { CF, must, only, run, seedEnte, type Seeded } from './support/fixture.js';

afterAll(closeAll);

interface Logged {
  readonly seq: number;
  readonly action: string;
  readonly outcome: string;
  readonly kind: string;
  readonly entityId: string;
  readonly operatore: string;
  readonly reason: string | null;
}

/** The audit events of `ente` after sequence `after`, read as the owner outside any session. */
async function loggedSince(store: Store, ente: string, after: number): Promise<Logged[]> {
  return store.executor.transaction(async (tx) => {
    await tx.query("select set_config('riuso.enti', $1, true)", [ente]);
    const r = await tx.query<{ seq: string; action: string; outcome: string; entity_kind: string; entity_id: string; operatore: string; reason: string | null }>(
      `select seq::text as seq, action, outcome, entity_kind, entity_id, event->'actor'->>'operatoreId' as operatore, event->>'reason' as reason
       from audit_event where ente = $1 and seq > $2 order by seq`,
      [ente, after],
    );
    return r.rows.map((x) => ({ seq: Number(x.seq), action: x.action, outcome: x.outcome, kind: x.entity_kind, entityId: x.entity_id, operatore: x.operatore, reason: x.reason }));
  });
}

async function headSeq(store: Store, ente: string): Promise<number> {
  return must(await store.auditHead({ ente })).seq;
}

for (const target of TARGETS) {
  describe.skipIf(!target.available)(`access on ${target.name}`, () => {
    let store: Store;
    let a: Seeded;
    /** H501's first operator. */
    let hRs: Actor;
    /** An operator of A944 created disabled, and one disabled later by SQL. */
    let disabled: Actor;
    let disabledLater: Actor;

    beforeAll(async () => {
      store = await target.open();
      a = await seedEnte(store, 'A944');
      const h = must(
        await store.bootstrapEnte({
          ente: { belfiore: 'H501' },
          operatore: { codiceFiscale: CF.responsabile, cognome: 'Gallo', nome: 'Marco', ruolo: 'coordinatore', servizi: [], attivo: true } as never,
        }),
      );
      hRs = { operatoreId: h.id, role: 'coordinatore' };
      const ops = await run(store, 'A944', a.rs, async (s) => {
        const off = must(await s.create('operatore', { codiceFiscale: CF.educatore, cognome: 'Neri', nome: 'Piero', ruolo: 'assistente-sociale', servizi: [a.servizio], attivo: false } as never));
        const later = must(await s.create('operatore', { codiceFiscale: CF.sistema, cognome: 'Rinaldi', nome: 'Anna', ruolo: 'assistente-sociale', servizi: [a.servizio], attivo: true } as never));
        return ok({ off: off.id, later: later.id });
      });
      disabled = { operatoreId: ops.off, role: 'assistente-sociale' };
      disabledLater = { operatoreId: ops.later, role: 'assistente-sociale' };
      // She works… then leaves: the account is disabled (there is no operatore lifecycle: an UPDATE by the administrator).
      must(await store.withSession({ ente: 'A944', actor: disabledLater }, async () => ok(true)));
      await run(store, 'A944', a.rs, async (s) => ok((await s.sql("update operatore set data = jsonb_set(data, '{attivo}', 'false') where id = $1", [ops.later])).rowCount));
    }, 120_000);

    it('an actor that is not an active operator of the Ente with that role: store.denied, the callback never runs, the refusal is audited', async () => {
      const cases: [string, Actor, string][] = [
        ['unknown operator', { operatoreId: newId('operatore'), role: 'assistente-sociale' }, 'unknown-operator'],
        ['operator of another Ente', hRs, 'unknown-operator'],
        ['wrong role (coordinatore, record says assistente-sociale)', { operatoreId: a.as.operatoreId, role: 'coordinatore' }, 'role-mismatch'],
        ['wrong role (sistema, record says educatore)', { operatoreId: a.edu.operatoreId, role: 'sistema' }, 'role-mismatch'],
        ['operator created disabled', disabled, 'operator-inactive'],
        ['operator disabled later', disabledLater, 'operator-inactive'],
        ['disabled operator claiming another role', { ...disabled, role: 'responsabile-servizio' }, 'operator-inactive'],
      ];
      for (const [what, actor, rule] of cases) {
        const before = await headSeq(store, 'A944');
        let ran = false;
        const r = await store.withSession({ ente: 'A944', actor }, async (s) => {
          ran = true;
          return ok((await s.sql('select * from persona')).rows);
        });
        expect(ran, what).toBe(false);
        const issue = only(r);
        expect(issue.code, what).toBe('store.denied');
        expect(issue.params.rule, what).toBe(rule);
        // The session rolled back; the refusal was written in a transaction of its own.
        const logged = await loggedSince(store, 'A944', before);
        expect(logged.map(({ seq: _s, ...e }) => e), what).toEqual([
          { action: 'access-denied', outcome: 'denied', kind: 'operatore', entityId: actor.operatoreId, operatore: actor.operatoreId, reason: `session: ${rule}` },
        ]);
      }
      // The H501 operator's attempt is logged in A944's chain (the Ente it tried), not in H501's.
      expect((await loggedSince(store, 'H501', 0)).map((e) => e.action)).toEqual(['create']);
      expect(must(await store.verifyAudit({ ente: 'A944' })).events).toBe(await headSeq(store, 'A944'));
    });

    it('a malformed actor, Ente or scope: store.invalid, the callback never runs, nothing is written', async () => {
      const id = a.as.operatoreId;
      const actors: unknown[] = [
        undefined, null, 'assistente-sociale', 42, [], [id, 'assistente-sociale'], {},
        { role: 'assistente-sociale' }, // missing id
        { operatoreId: id }, // missing role
        { operatoreId: '', role: 'assistente-sociale' },
        { operatoreId: 'not-a-uuid', role: 'assistente-sociale' },
        { operatoreId: id.toUpperCase(), role: 'assistente-sociale' },
        { operatoreId: `${id} `, role: 'assistente-sociale' },
        { operatoreId: `${id}' or '1'='1`, role: 'assistente-sociale' },
        { operatoreId: id, role: 'admin' },
        { operatoreId: id, role: 'Assistente-sociale' },
        { operatoreId: id, role: ['assistente-sociale'] },
        { operatoreId: id, role: 'assistente-sociale', admin: true },
        { operatoreId: id, role: 'assistente-sociale', onBehalfOf: 'not-a-uuid' },
        JSON.parse(`{"__proto__": {"role": "coordinatore"}, "operatoreId": "${id}", "role": "assistente-sociale"}`),
        JSON.parse(`{"constructor": {"prototype": {"x": 1}}, "operatoreId": "${id}", "role": "assistente-sociale"}`),
      ];
      const entes: unknown[] = ['a944', '', 'A94', 'A9444', ' A944', 'A944 ', 'A944\n', 'A944; drop table persona', "A944' or '1'='1", 'A944,H501', '__proto__', null, undefined, 42, { belfiore: 'A944' }, ['A944']];
      const before = await headSeq(store, 'A944');
      const headH = await headSeq(store, 'H501');
      let ran = 0;
      const count = async () => Number((await store.executor.query<{ n: number }>('select count(*)::int as n from persona')).rows[0]?.n);
      const persone = await count();
      const attempt = async (scope: unknown) =>
        store.withSession(scope as never, async (s: Session) => {
          ran += 1;
          await s.sql('drop table persona');
          return ok(true);
        });
      for (const actor of actors) {
        const issue = only(await attempt({ ente: 'A944', actor }));
        expect(issue.code, JSON.stringify(actor)).toBe('store.invalid');
        expect(issue.path).toEqual(['actor']);
      }
      for (const ente of entes) {
        const issue = only(await attempt({ ente, actor: a.as }));
        expect(issue.code, JSON.stringify(ente)).toBe('store.invalid');
        expect(issue.path).toEqual(['ente']);
      }
      for (const scope of [undefined, null, 'A944', 42, [], [{ ente: 'A944', actor: a.as }]]) {
        expect(only(await attempt(scope)).code, JSON.stringify(scope)).toBe('store.invalid');
      }
      expect(ran).toBe(0);
      expect(await headSeq(store, 'A944')).toBe(before);
      expect(await headSeq(store, 'H501')).toBe(headH);
      expect(await count()).toBe(persone);
    });

    it('an educator with no assignment reading the valutazione: denied and audited; break-glass with a reason: allowed and audited; a bad reason: denied', async () => {
      const read = (options?: unknown) => store.withSession({ ente: 'A944', actor: a.edu }, async (s) => s.get('valutazione', a.valutazione, options as never));
      let before = await headSeq(store, 'A944');
      const denied = only(await read());
      expect(denied.code).toBe('store.denied');
      expect(denied.params.rule).toBe('no-active-assignment');
      expect(await loggedSince(store, 'A944', before)).toEqual([
        { seq: before + 1, action: 'access-denied', outcome: 'denied', kind: 'valutazione', entityId: a.valutazione, operatore: a.edu.operatoreId, reason: 'read: no-active-assignment' },
      ]);

      before = await headSeq(store, 'A944');
      const reason = 'Pronto intervento: la persona non risponde, serve la valutazione ora';
      const granted = must(await read({ breakGlass: { reason } }));
      expect(granted.id).toBe(a.valutazione);
      expect(await loggedSince(store, 'A944', before)).toEqual([
        { seq: before + 1, action: 'break-glass', outcome: 'success', kind: 'valutazione', entityId: a.valutazione, operatore: a.edu.operatoreId, reason },
      ]);

      // Missing, empty, blank, too long or mistyped reasons: refused, and each refusal is in the log.
      const bad: unknown[] = [{ breakGlass: { reason: '' } }, { breakGlass: { reason: '   \n\t' } }, { breakGlass: { reason: 'x'.repeat(2001) } }, { breakGlass: {} }, { breakGlass: { reason: 42 } }, { breakGlass: { reason: ['urgente'] } }, { breakGlass: null }, { breakGlass: 'urgente' }, { breakGlass: true }];
      before = await headSeq(store, 'A944');
      for (const options of bad) {
        const issue = only(await read(options));
        expect(issue.code, JSON.stringify(options)?.slice(0, 80)).toBe('store.denied');
      }
      const logged = await loggedSince(store, 'A944', before);
      expect(logged).toHaveLength(bad.length);
      expect(logged.every((e) => e.action === 'access-denied' && e.outcome === 'denied' && e.entityId === a.valutazione)).toBe(true);
      // Break-glass lifts only the missing assignment: never a write, never another Ente's record.
      const w = await store.withSession({ ente: 'A944', actor: a.edu }, async (s) => s.transition('valutazione', a.valutazione, 'segna-errore', { expectedVersion: 3, reason: 'prova', breakGlass: { reason } } as never));
      expect(only(w).code).toBe('store.denied');
      expect(must(await store.verifyAudit({ ente: 'A944' })).events).toBe(await headSeq(store, 'A944'));
    });

    it('reads are audited: one read event per get, one per record a list returns, one denial per record it withholds', async () => {
      const before = await headSeq(store, 'A944');
      await run(store, 'A944', a.as, async (s) => {
        must(await s.get('valutazione', a.valutazione));
        must(await s.get('valutazione', a.valutazione));
        must(await s.get('persona', a.persona));
        expect(must(await s.list('valutazione', { persona: a.persona })).map((v) => v.id)).toEqual([a.valutazione]);
        return ok(true);
      });
      const reads = await loggedSince(store, 'A944', before);
      expect(reads.map((e) => [e.action, e.kind, e.entityId, e.operatore])).toEqual([
        ['read', 'valutazione', a.valutazione, a.as.operatoreId],
        ['read', 'valutazione', a.valutazione, a.as.operatoreId],
        ['read', 'persona', a.persona, a.as.operatoreId],
        ['read', 'valutazione', a.valutazione, a.as.operatoreId],
      ]);
      // The educator's list: nothing returned, the withheld record audited as a denial.
      const mid = await headSeq(store, 'A944');
      expect(await run(store, 'A944', a.edu, async (s) => s.list('valutazione', {}))).toEqual([]);
      expect((await loggedSince(store, 'A944', mid)).map((e) => [e.action, e.entityId])).toEqual([['access-denied', a.valutazione]]);
    });

    it('a session that rolls back keeps its denials, and its reads and break-glass reads, in the audit log', async () => {
      const reason = 'Emergenza notturna: verifica della situazione';
      // Returns a failed Result after a denial, a break-glass read and an ordinary read.
      let before = await headSeq(store, 'A944');
      let stolen: unknown;
      const r = await store.withSession({ ente: 'A944', actor: a.edu }, async (s) => {
        expect(only(await s.get('valutazione', a.valutazione)).code).toBe('store.denied');
        stolen = must(await s.get('valutazione', a.valutazione, { breakGlass: { reason } }));
        must(await s.get('servizio', a.servizio));
        return fail([{ code: 'app.cancelled', severity: 'error', path: [], message: 'Annullato', messageEn: 'Cancelled', params: {} }]);
      });
      expect(only(r).code).toBe('app.cancelled');
      expect(stolen).toBeDefined();
      const logged = await loggedSince(store, 'A944', before);
      expect(logged.map((e) => [e.action, e.kind, e.outcome]).sort()).toEqual(
        [
          ['access-denied', 'valutazione', 'denied'],
          ['break-glass', 'valutazione', 'success'],
          ['read', 'servizio', 'success'],
        ].sort(),
      );

      // Throws after a denial and a read: rethrown, both still logged.
      before = await headSeq(store, 'A944');
      const boom = new Error('boom');
      await expect(
        store.withSession({ ente: 'A944', actor: a.edu }, async (s) => {
          expect(only(await s.get('persona', a.persona)).code).toBe('store.denied');
          must(await s.get('operatore', a.as.operatoreId));
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect((await loggedSince(store, 'A944', before)).map((e) => [e.action, e.kind]).sort()).toEqual([['access-denied', 'persona'], ['read', 'operatore']].sort());

      // A session that commits logs its reads once, not twice.
      before = await headSeq(store, 'A944');
      await run(store, 'A944', a.as, async (s) => s.get('persona', a.persona));
      expect((await loggedSince(store, 'A944', before)).map((e) => e.action)).toEqual(['read']);
      expect(must(await store.verifyAudit({ ente: 'A944' })).events).toBe(await headSeq(store, 'A944'));
    });

    it('privilege escalation through the session API is refused and audited', async () => {
      const before = await headSeq(store, 'A944');
      // A social worker making herself (or a friend) a coordinator.
      const op = await store.withSession({ ente: 'A944', actor: a.as }, async (s) =>
        s.create('operatore', { codiceFiscale: CF.persona3, cognome: 'Conti', nome: 'Elena', ruolo: 'coordinatore', servizi: [], attivo: true } as never),
      );
      expect(only(op).code).toBe('store.denied');
      // An educator assigning himself to the case.
      const self = await store.withSession({ ente: 'A944', actor: a.edu }, async (s) =>
        s.create('assegnazione', { operatore: a.edu.operatoreId, presaInCarico: a.presa, persona: a.persona, ruolo: 'equipe', dal: '2025-03-03' } as never),
      );
      expect(only(self).code).toBe('store.denied');
      // The export account reading diary notes or writing a person.
      const sys = await store.withSession({ ente: 'A944', actor: a.sys }, async (s) =>
        s.create('servizio', { tipo: 'ufficio', denominazione: 'Ufficio ombra', areeUtenza: [], attivo: true } as never),
      );
      expect(only(sys).code).toBe('store.denied');
      const logged = await loggedSince(store, 'A944', before);
      expect(logged.map((e) => [e.action, e.kind, e.operatore])).toEqual([
        ['access-denied', 'operatore', a.as.operatoreId],
        ['access-denied', 'assegnazione', a.edu.operatoreId],
        ['access-denied', 'servizio', a.sys.operatoreId],
      ]);
      // Taking over an Ente that already has operators through the bootstrap.
      const takeover = await store.bootstrapEnte({
        ente: { belfiore: 'A944' },
        operatore: { codiceFiscale: CF.persona4, cognome: 'Galli', nome: 'Luca', ruolo: 'coordinatore', servizi: [], attivo: true } as never,
      });
      expect(only(takeover).code).toBe('store.conflict');
      expect(await headSeq(store, 'A944')).toBe(before + 3);
    });

    it('an operator whose assignment has ended (or not yet begun) loses access', async () => {
      const psy = await run(store, 'A944', a.rs, async (s) =>
        s.create('operatore', { codiceFiscale: CF.persona3, cognome: 'Conti', nome: 'Elena', ruolo: 'psicologo', servizi: [a.servizio], attivo: true } as never),
      );
      const psicologo: Actor = { operatoreId: psy.id, role: 'psicologo' };
      const assegnazione = await run(store, 'A944', a.rs, async (s) =>
        s.create('assegnazione', { operatore: psy.id, presaInCarico: a.presa, persona: a.persona, ruolo: 'equipe', dal: '2025-03-03' } as never),
      );
      expect(must(await store.withSession({ ente: 'A944', actor: psicologo }, async (s) => s.get('valutazione', a.valutazione))).id).toBe(a.valutazione);

      // The service manager, who made the assignment, cannot end it: a manager with no assignment of their own
      // to the case may not transition its records (fail closed; see the report — the case manager can).
      const byManager = await store.withSession({ ente: 'A944', actor: a.rs }, async (s) => s.transition('assegnazione', assegnazione.id, 'termina', { expectedVersion: 1, reason: 'fine del progetto' }));
      expect(only(byManager).code).toBe('store.denied');
      expect(only(byManager).params.rule).toBe('no-active-assignment');
      const ended = await run(store, 'A944', a.as, async (s) => s.transition('assegnazione', assegnazione.id, 'termina', { expectedVersion: 1, reason: 'fine del progetto', data: { al: '2025-06-30' } }));
      expect(ended.status).toBe('terminata');

      const before = await headSeq(store, 'A944');
      const after = await store.withSession({ ente: 'A944', actor: psicologo }, async (s) => s.get('valutazione', a.valutazione));
      expect(only(after).code).toBe('store.denied');
      expect(only(after).params.rule).toBe('no-active-assignment');
      expect(await run(store, 'A944', psicologo, async (s) => s.list('valutazione', { persona: a.persona }))).toEqual([]);
      expect((await loggedSince(store, 'A944', before)).map((e) => [e.action, e.operatore])).toEqual([
        ['access-denied', psy.id],
        ['access-denied', psy.id],
      ]);

      // An assignment still 'attiva' but whose period is over, or not yet begun, grants nothing either.
      for (const [dal, al] of [['2024-01-01', '2024-12-31'], ['2099-01-01', undefined]] as const) {
        await run(store, 'A944', a.rs, async (s) =>
          s.create('assegnazione', { operatore: psy.id, presaInCarico: a.presa, persona: a.persona, ruolo: 'equipe', dal, ...(al === undefined ? {} : { al }) } as never),
        );
        const r = await store.withSession({ ente: 'A944', actor: psicologo }, async (s) => s.get('valutazione', a.valutazione));
        expect(only(r).code, `${dal}–${al}`).toBe('store.denied');
      }
    });
  });
}
