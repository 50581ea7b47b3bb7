// SPDX-License-Identifier: BSD-3-Clause
/**
 * The citizen view from the store (src/citizen-view.ts): an operator's view under their own access
 * (unreadable records counted, never dropped silently), a citizen's own view with no operator (only
 * their records, only their Ente, only on a valid title today, recorded by pseudonym), review
 * decisions that change the next view, the bound, and the audit chain verifying after all of it.
 */
import { randomBytes } from 'node:crypto';
import { addDays, todayInItaly, type IsoDate } from '@riuso-sociale/core';
import { isCitizenAuditActor, type Actor, type CitizenActor, type Instant } from '@riuso-sociale/csi-model';
import { computeFiscalCode } from '@riuso-sociale/fiscal-code';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITIZEN_VIEW_MAX_RECORDS, type CitizenViewRequest, type Store } from '../src/index.js';
import { addCase, CF, ITALIANA, must, only, run, seedEnte, type Seeded } from './support/fixture.js';
import { closeAll, TARGETS } from './support/targets.js';

afterAll(closeAll);

const KEY = randomBytes(32);
const today = (): IsoDate => todayInItaly(new Date());
const PARENT_CF = computeFiscalCode({ surname: 'Romano', name: 'Anna', sex: 'F', birthDate: '1982-05-20', birthPlace: 'A944' });
const RESIDENZA = { codiceComuneIstat: '037006', codiceRegione: '08', codiceNazione: '380' };

interface Logged {
  readonly action: string;
  readonly outcome: string;
  readonly kind: string;
  readonly entityId: string;
  readonly actor: Actor;
  readonly reason: string | null;
  readonly json: string;
}

async function loggedSince(store: Store, ente: string, after: number): Promise<Logged[]> {
  return store.executor.transaction(async (tx) => {
    await tx.query("select set_config('riuso.enti', $1, true)", [ente]);
    const r = await tx.query<{ action: string; outcome: string; entity_kind: string; entity_id: string; event: { actor: Actor; reason?: string } }>(
      'select action, outcome, entity_kind, entity_id, event from audit_event where ente = $1 and seq > $2 order by seq',
      [ente, after],
    );
    return r.rows.map((x) => ({ action: x.action, outcome: x.outcome, kind: x.entity_kind, entityId: x.entity_id, actor: x.event.actor, reason: x.event.reason ?? null, json: JSON.stringify(x.event) }));
  });
}

const head = async (store: Store, ente: string): Promise<number> => must(await store.auditHead({ ente })).seq;

/** A person created at the front desk (no care yet), born on `dataNascita`. */
async function addPerson(store: Store, seeded: Seeded, name: { surname: string; name: string; sex: 'M' | 'F' }, dataNascita: string): Promise<{ id: string; cf: string }> {
  const cf = computeFiscalCode({ ...name, birthDate: dataNascita, birthPlace: 'A944' });
  const persona = await run(store, seeded.ente, seeded.as, (s) =>
    s.create('persona', {
      codiceFiscale: cf, cognome: name.surname, nome: name.name, sesso: name.sex === 'M' ? '1' : '2', dataNascita, luogoNascita: 'A944',
      cittadinanza: ITALIANA, residenza: RESIDENZA, capacitaGiuridica: { tipo: 'piena' },
    } as never),
  );
  return { id: persona.id, cf };
}

for (const target of TARGETS) {
  describe.skipIf(!target.available)(`citizen view on ${target.name}`, () => {
    let store: Store;
    let a: Seeded;
    let other: Seeded;
    let g: Seeded;
    let note: string;
    let dpo: Actor;
    const me = (codiceFiscale: string = CF.persona, requester: CitizenActor['requester'] = { kind: 'interessato' }): CitizenActor => ({ kind: 'cittadino', codiceFiscale, requester });
    const ask = (extra: Partial<CitizenViewRequest> & Record<string, unknown> = {}): CitizenViewRequest =>
      ({ ente: 'A944', actor: me(), personaId: a.persona, asOf: today(), purpose: 'portal', pseudonymKey: KEY, ...extra }) as CitizenViewRequest;

    beforeAll(async () => {
      store = await target.open();
      a = await seedEnte(store, 'A944');
      other = await addCase(store, a, { cf: CF.persona2 });
      g = await seedEnte(store, 'G467', CF.persona3);
      // A diary note of the social worker (normale: her équipe reads it) and the DPO of A944.
      note = await run(store, 'A944', a.as, async (s) => {
        const d = must(await s.create('diario', {
          persona: a.persona, presaInCarico: a.presa, tipo: 'visita-domiciliare', data: '2025-03-11', autore: a.as.operatoreId,
          partecipanti: ['assistente sociale'], testo: 'Visita domiciliare: abitazione adeguata.', riservatezza: 'normale',
        } as never, { at: '2025-03-11T10:00:00Z' as Instant }));
        return { ok: true as const, value: d.id };
      });
      dpo = await run(store, 'A944', a.rs, async (s) => {
        const o = must(await s.create('operatore', { codiceFiscale: 'RSSMRA80A01H501U', cognome: 'Rossi', nome: 'Mario', ruolo: 'dpo', servizi: [], attivo: true } as never));
        return { ok: true as const, value: { operatoreId: o.id, role: 'dpo' } as Actor };
      });
    }, 240_000);

    describe('an operator prepares the view under their own assignment', () => {
      it('an access-request answer: every record read, one audit event naming purpose and requester, never content', async () => {
        const before = await head(store, 'A944');
        const r = must(await store.withSession({ ente: 'A944', actor: a.as }, (s) =>
          s.citizenView(a.persona, { purpose: 'access-request', requester: { kind: 'interessato', codiceFiscale: CF.persona }, asOf: today() })));
        expect(r.complete).toBe(true);
        expect(r.unreadable).toBe(0);
        expect(r.records).toBeGreaterThanOrEqual(5); // cartella, presa, valutazione, intervento, diario
        expect(r.view.purpose).toBe('access-request');
        expect(r.view.subject.personaId).toBe(a.persona);
        expect(r.view.needsReview.map((x) => x.ref)).toContain(`diario:${note}`);
        const logged = await loggedSince(store, 'A944', before);
        expect(logged).toHaveLength(1);
        expect(logged[0]).toMatchObject({ action: 'read', outcome: 'success', kind: 'persona', entityId: a.persona, actor: a.as });
        expect(logged[0]?.reason).toMatch(/^citizen-view: access-request; requester: interessato; records: \d+; unreadable: 0; decisions: 0$/);
        expect(logged[0]?.json).not.toContain(CF.persona);
        expect(logged[0]?.json).not.toContain('Visita domiciliare');
      });

      it('the portal preview: what the citizen would see (the diary note withheld)', async () => {
        const r = must(await store.withSession({ ente: 'A944', actor: a.as }, (s) =>
          s.citizenView(a.persona, { purpose: 'portal', requester: { kind: 'interessato', codiceFiscale: CF.persona }, asOf: today() })));
        expect(r.view.purpose).toBe('portal');
        expect(r.view.timeline.some((x) => x.ref === `diario:${note}`)).toBe(false);
        expect(r.view.needsReview.some((x) => x.ref === `diario:${note}`)).toBe(false);
      });

      it('records the operator may not read are counted, audited, and make the answer incomplete', async () => {
        // The export account is on the équipe, but its role reads only SIUSS kinds: the rest is unreadable.
        const before = await head(store, 'A944');
        const r = must(await store.withSession({ ente: 'A944', actor: a.sys }, (s) =>
          s.citizenView(a.persona, { purpose: 'access-request', requester: { kind: 'interessato', codiceFiscale: CF.persona }, asOf: today() })));
        expect(r.complete).toBe(false);
        expect(r.unreadable).toBeGreaterThan(0);
        expect(r.unreadableByKind.diario).toBe(1);
        expect(r.unreadableByKind.cartella).toBe(1);
        const logged = await loggedSince(store, 'A944', before);
        expect(logged.filter((x) => x.action === 'access-denied')).toHaveLength(r.unreadable);
        expect(logged.filter((x) => x.action === 'read')).toHaveLength(1);
        expect(logged.find((x) => x.action === 'read')?.reason).toContain(`unreadable: ${r.unreadable}`);
      });

      it('an operator not assigned to the person is refused (audited); another Ente’s person is not found', async () => {
        const before = await head(store, 'A944');
        const denied = only(await store.withSession({ ente: 'A944', actor: a.edu }, (s) =>
          s.citizenView(a.persona, { purpose: 'access-request', requester: { kind: 'interessato', codiceFiscale: CF.persona }, asOf: today() })));
        expect(denied).toMatchObject({ code: 'store.denied', params: { rule: 'no-active-assignment' } });
        expect((await loggedSince(store, 'A944', before)).map((x) => x.action)).toEqual(['access-denied']);
        const elsewhere = only(await store.withSession({ ente: 'A944', actor: a.as }, (s) =>
          s.citizenView(g.persona, { purpose: 'access-request', requester: { kind: 'interessato', codiceFiscale: CF.persona3 }, asOf: today() })));
        expect(elsewhere.code).toBe('store.not_found');
      });

      it('malformed, future or forged options are refused before any read', async () => {
        const bad = async (personaId: string, options: unknown) =>
          only(await store.withSession({ ente: 'A944', actor: a.as }, (s) => s.citizenView(personaId, options as never))).code;
        const requester = { kind: 'interessato', codiceFiscale: CF.persona };
        expect(await bad(a.persona, { purpose: 'access-request', requester, asOf: '2026-02-30' })).toBe('store.invalid');
        expect(await bad(a.persona, { purpose: 'access-request', requester, asOf: addDays(today(), 1) })).toBe('store.invalid');
        expect(await bad(a.persona, { purpose: 'everything', requester, asOf: today() })).toBe('store.invalid');
        expect(await bad("' OR 1=1 --", { purpose: 'access-request', requester, asOf: today() })).toBe('store.invalid');
        expect(await bad(a.persona, JSON.parse(`{"purpose":"access-request","asOf":"${today()}","requester":{"kind":"interessato"},"__proto__":{"x":1}}`))).toBe('store.invalid');
        expect(await bad(a.persona, null)).toBe('store.invalid');
      });

      it("fascicolo's refusal of the requester is returned as is and audited", async () => {
        const before = await head(store, 'A944');
        const r = only(await store.withSession({ ente: 'A944', actor: a.as }, (s) =>
          s.citizenView(a.persona, { purpose: 'access-request', requester: { kind: 'genitore', codiceFiscale: PARENT_CF }, asOf: today() })));
        expect(r.code).toBe('fascicolo.subject_adult');
        const logged = await loggedSince(store, 'A944', before);
        expect(logged.some((x) => x.action === 'access-denied' && x.reason === 'citizen-view: access-request; requester: genitore; refused: fascicolo.subject_adult')).toBe(true);
      });
    });

    describe('a citizen reads their own record, with no operator', () => {
      it('the person themselves: the portal view, one audit event by pseudonym, never the codice fiscale', async () => {
        const before = await head(store, 'A944');
        const r = must(await store.citizenView(ask()));
        expect(r.view.purpose).toBe('portal');
        expect(r.view.subject.personaId).toBe(a.persona);
        expect(r.complete).toBe(true);
        expect(r.view.timeline.length).toBeGreaterThan(0);
        expect(r.view.timeline.some((x) => x.ref === `diario:${note}`)).toBe(false);
        const logged = await loggedSince(store, 'A944', before);
        expect(logged).toHaveLength(1);
        const e = logged[0] as Logged;
        expect(e).toMatchObject({ action: 'read', outcome: 'success', kind: 'persona', entityId: a.persona });
        expect(isCitizenAuditActor(e.actor)).toBe(true);
        expect(e.reason).toMatch(/^citizen-view: portal; requester: interessato; citizen: [A-Z2-7]{20}; records: \d+; unreadable: 0; decisions: \d+$/);
        expect(e.json).not.toContain(CF.persona);
        // The same person, the same pseudonym: their reads can be found by whoever holds the key.
        must(await store.citizenView(ask({ actor: me(CF.persona.toLowerCase()) })));
        const again = await loggedSince(store, 'A944', before + 1);
        expect(again[0]?.actor).toEqual(e.actor);
      });

      it('reads in one READ ONLY transaction of SELECTs, each kept to the Ente and the person; then appends the event', async () => {
        const ex = store.executor as { transaction: Store['executor']['transaction'] };
        const original = ex.transaction;
        const seen: string[][] = [];
        ex.transaction = (<T,>(fn: Parameters<Store['executor']['transaction']>[0]) =>
          original.call(store.executor, (tx) => {
            const log: string[] = [];
            seen.push(log);
            return fn({ query: (text, params) => (log.push(text.replace(/\s+/g, ' ').trim()), tx.query(text, params)), exec: (script) => tx.exec(script) });
          }) as Promise<T>) as Store['executor']['transaction'];
        try {
          must(await store.citizenView(ask()));
        } finally {
          ex.transaction = original;
        }
        expect(seen).toHaveLength(2);
        const [read, audit] = seen as [string[], string[]];
        expect(read[0]).toBe('SET TRANSACTION READ ONLY');
        const tables = read.filter((q) => / FROM /.test(q));
        expect(tables.length).toBeGreaterThan(10);
        for (const q of read.slice(1)) expect(q).toMatch(/^SELECT /);
        for (const q of tables) expect(q).toMatch(/ WHERE ente = \$1 AND (persona = \$2|persona = ANY\(\$2::uuid\[\]\)|id = \$2|data->'componenti' @> \$2::jsonb|id = ANY\(\$2::uuid\[\]\)|data->>'unitaA' = \$2 AND data->>'status' = 'unita')/);
        expect(audit.some((q) => q.startsWith('WITH appended AS ( INSERT INTO audit_event'))).toBe(true);
      });

      it('an earlier registration merged into the person: its records are their history', async () => {
        // The same man registered twice: the duplicate will be merged into the subject.
        const dupCf = computeFiscalCode({ surname: 'Gallo', name: 'Bruno', sex: 'M', birthDate: '1979-02-03', birthPlace: 'A944' });
        const dupCase = await addCase(store, a, { cf: dupCf });
        const dup = { id: dupCase.persona, cf: dupCf };
        const older = await run(store, 'A944', a.as, (s) =>
          s.create('accesso', { persona: dup.id, data: '2024-01-15', canale: 'telefono', bisognoRiferito: 'Chiede informazioni.', operatore: a.as.operatoreId } as never),
        );
        const mine = must(await store.citizenView(ask()));
        expect(mine.view.timeline.some((x) => x.ref === `accesso:${older.id}`)).toBe(false);
        await run(store, 'A944', a.as, (s) => s.transition('persona', dup.id, 'unisci', { expectedVersion: 1, reason: 'Registrato due volte', data: { unitaA: a.persona } }));
        const merged = must(await store.citizenView(ask()));
        expect(merged.view.timeline.some((x) => x.ref === `accesso:${older.id}` && x.date === '2024-01-15')).toBe(true);
        expect(merged.view.notices.map((n) => n.code)).toContain('fascicolo.history_merged');
        // The merged registration's codice fiscale does not open the surviving record.
        expect(only(await store.citizenView(ask({ actor: me(dup.cf) }))).code).toMatch(/denied|fascicolo/);
      });

      it("another person's record, by its id: refused and audited", async () => {
        const before = await head(store, 'A944');
        const r = only(await store.citizenView(ask({ personaId: other.persona })));
        expect(r).toMatchObject({ code: 'store.denied', params: { rule: 'not-the-subject' } });
        expect(JSON.stringify(r)).not.toContain(CF.persona2);
        const logged = await loggedSince(store, 'A944', before);
        expect(logged).toHaveLength(1);
        expect(logged[0]).toMatchObject({ action: 'access-denied', outcome: 'denied', entityId: other.persona });
      });

      it("another Ente's record: the person is not there (the SQL and Row-Level Security keep the Ente)", async () => {
        expect(only(await store.citizenView(ask({ ente: 'G467' }))).params).toMatchObject({ rule: 'unknown-subject' });
        expect(only(await store.citizenView(ask({ personaId: g.persona }))).params).toMatchObject({ rule: 'unknown-subject' });
        // Even the person of G467 asking at A944 for their own id.
        expect(only(await store.citizenView(ask({ personaId: g.persona, actor: me(CF.persona3) }))).params).toMatchObject({ rule: 'unknown-subject' });
      });

      it('a forged copy of the person in another Ente (same id, raw SQL) never leaks into the view', async () => {
        const mine = must(await store.citizenView(ask()));
        await store.executor.transaction(async (tx) => {
          await tx.query("select set_config('riuso.enti', 'A944,G467', true)");
          await tx.query(
            `insert into persona (ente, id, status, version, schema_version, created_at, updated_at, data)
             select 'G467', $1::text::uuid, status, version, schema_version, created_at, updated_at, jsonb_set(data, '{id}', to_jsonb($1::text)) from persona where ente = 'G467' and id = $2::uuid`,
            [a.persona, g.persona],
          );
          await tx.query(
            `insert into cartella (ente, id, persona, status, version, schema_version, created_at, updated_at, data)
             select 'G467', gen_random_uuid(), $1::text::uuid, status, version, schema_version, created_at, updated_at, jsonb_set(data, '{persona}', to_jsonb($1::text)) from cartella where ente = 'G467' and persona = $2::uuid`,
            [a.persona, g.persona],
          );
        });
        const after = must(await store.citizenView(ask()));
        expect(after.records).toBe(mine.records);
        expect(after.view.timeline.every((x) => x.controller === 'A944')).toBe(true);
        // At G467 the copy carries the other person's codice fiscale: not theirs.
        expect(only(await store.citizenView(ask({ ente: 'G467' }))).params).toMatchObject({ rule: 'not-the-subject' });
      });

      it('forged ids, codes and keys fail closed (and are audited when an Ente is named)', async () => {
        const before = await head(store, 'A944');
        const rule = async (extra: Record<string, unknown>) => only(await store.citizenView(ask(extra)));
        expect((await rule({ personaId: "' OR '1'='1" })).params).toMatchObject({ rule: 'invalid-request' });
        expect((await rule({ personaId: `${a.persona}' OR 1=1 --` })).params).toMatchObject({ rule: 'invalid-request' });
        expect((await rule({ actor: me('SPSGNN90D42F839X') })).params).toMatchObject({ rule: 'invalid-request' }); // wrong check character
        expect((await rule({ actor: me(CF.persona2) })).params).toMatchObject({ rule: 'not-the-subject' }); // someone else's real code
        expect((await rule({ actor: JSON.parse(`{"kind":"cittadino","codiceFiscale":"${CF.persona2}","requester":{"kind":"interessato"},"__proto__":{"codiceFiscale":"${CF.persona}"}}`) })).params).toMatchObject({ rule: 'invalid-request' });
        expect((await rule(JSON.parse('{"__proto__":{"purpose":"portal"}}'))).params).toMatchObject({ rule: 'invalid-request' });
        expect((await rule({ actor: { kind: 'cittadino', codiceFiscale: CF.persona, requester: { kind: 'interessato' }, role: 'responsabile-servizio' } })).params).toMatchObject({ rule: 'invalid-request' });
        expect((await rule({ purpose: 'access-request' as never })).params).toMatchObject({ rule: 'purpose' });
        const logged = await loggedSince(store, 'A944', before);
        expect(logged).toHaveLength(8);
        expect(logged.every((x) => x.action === 'access-denied' && x.outcome === 'denied')).toBe(true);
        for (const x of logged) expect(x.json).not.toMatch(/SPSGNN|FRRCRL/);
        // No Ente, or no key: nothing to audit in, refused before anything.
        expect(only(await store.citizenView(ask({ ente: "A944'; --" }))).code).toBe('store.invalid');
        expect(only(await store.citizenView(ask({ pseudonymKey: 'short' }))).code).toBe('store.invalid');
        expect(only(await store.citizenView(null as never)).code).toBe('store.invalid');
      });

      it('the date is today in Italy: yesterday, tomorrow or a malformed date are refused', async () => {
        expect(only(await store.citizenView(ask({ asOf: addDays(today(), -1) }))).params).toMatchObject({ rule: 'as-of-not-today' });
        expect(only(await store.citizenView(ask({ asOf: addDays(today(), 1) }))).params).toMatchObject({ rule: 'as-of-not-today' });
        expect(only(await store.citizenView(ask({ asOf: '2026-02-30' as IsoDate }))).params).toMatchObject({ rule: 'invalid-request' });
        expect(only(await store.citizenView(ask({ asOf: `${today()}T00:00:00Z` as IsoDate }))).params).toMatchObject({ rule: 'invalid-request' });
      });

      it('a parent reads a minor child’s record; not after the 18th birthday', async () => {
        const child = await addPerson(store, a, { surname: 'Romano', name: 'Luca', sex: 'M' }, addDays(today(), -365 * 10));
        const parent = me(PARENT_CF, { kind: 'genitore', codiceFiscale: PARENT_CF });
        const r = must(await store.citizenView(ask({ actor: parent, personaId: child.id })));
        expect(r.view.requester.kind).toBe('genitore');
        const [y, m, d] = today().split('-');
        const eighteen = await addPerson(store, a, { surname: 'Romano', name: 'Sara', sex: 'F' }, `${Number(y) - 18}-${m}-${d}`);
        expect(only(await store.citizenView(ask({ actor: parent, personaId: eighteen.id }))).params).toMatchObject({ rule: 'not-a-minor' });
        // The child alone: not before the age the policy sets (default 18).
        expect(only(await store.citizenView(ask({ actor: me(child.cf), personaId: child.id }))).params).toMatchObject({ rule: 'minor-own-view' });
      });

      it('a representative outside their scope, or with an expired title, is refused', async () => {
        const decree = { act: 'decreto del Giudice tutelare', reference: 'R.G. 7/2025', date: '2025-01-10' as IsoDate };
        const ads = (extra: Record<string, unknown>) => me(PARENT_CF, { kind: 'amministratore-di-sostegno', codiceFiscale: PARENT_CF, basis: decree, ...extra } as never);
        expect(only(await store.citizenView(ask({ actor: ads({ scope: ['patrimonio'] }) }))).params).toMatchObject({ rule: 'title-scope' });
        expect(only(await store.citizenView(ask({ actor: ads({ scope: ['dati-sociali'], validTo: addDays(today(), -1) }) }))).params).toMatchObject({ rule: 'title-expired' });
        // In scope for csi-model, but the record registers no support administration: fascicolo refuses.
        const r = only(await store.citizenView(ask({ actor: ads({ scope: ['dati-sociali'] }) })));
        expect(r.code).toBe('fascicolo.requester_title_mismatch');
        // A title held by someone else than the one authenticated.
        expect(only(await store.citizenView(ask({ actor: me(PARENT_CF, { kind: 'tutore', codiceFiscale: CF.persona2, basis: decree }) }))).params).toMatchObject({ rule: 'not-the-requester' });
      });
    });

    describe('review decisions', () => {
      it('only the service manager and the coordinator decide; the DPO reads; the decision changes the next view', async () => {
        // The service manager needs to be on the person's case to decide.
        await run(store, 'A944', a.rs, async (s) => {
          must(await s.create('assegnazione', { operatore: a.rs.operatoreId, presaInCarico: a.presa, persona: a.persona, ruolo: 'equipe', dal: '2025-03-03' } as never));
          return { ok: true as const, value: true };
        });
        const ref = `diario:${note}`;
        const refused = only(await store.withSession({ ente: 'A944', actor: a.as }, (s) => s.recordReviewDecision({ personaId: a.persona, ref, decision: 'release', ground: 'nessun dato di terzi' })));
        expect(refused).toMatchObject({ code: 'store.denied', params: { rule: 'review-role' } });
        const view = (actor: Actor) => store.withSession({ ente: 'A944', actor }, (s) =>
          s.citizenView(a.persona, { purpose: 'access-request', requester: { kind: 'interessato', codiceFiscale: CF.persona }, asOf: today() }));
        expect(must(await view(a.rs)).view.needsReview.map((x) => x.ref)).toContain(ref);
        const before = await head(store, 'A944');
        const d = must(await store.withSession({ ente: 'A944', actor: a.rs }, (s) => s.recordReviewDecision({ personaId: a.persona, ref, decision: 'withhold', ground: 'annotazione su terzi' })));
        expect(d).toMatchObject({ ref, decision: 'withhold', decidedRole: 'responsabile-servizio' });
        const logged = await loggedSince(store, 'A944', before);
        expect(logged).toHaveLength(1);
        expect(logged[0]).toMatchObject({ action: 'update', kind: 'diario', entityId: note, reason: `review-decision: withhold; ref: ${ref}; ground: annotazione su terzi` });
        const withheld = must(await view(a.rs));
        expect(withheld.decisions).toBe(1);
        expect(withheld.view.needsReview.map((x) => x.ref)).not.toContain(ref);
        expect(withheld.view.timeline.map((x) => x.ref)).not.toContain(ref);
        // A later decision supersedes it.
        must(await store.withSession({ ente: 'A944', actor: a.rs }, (s) => s.recordReviewDecision({ personaId: a.persona, ref, decision: 'release', ground: 'riesame: nessun dato di terzi' })));
        const released = must(await view(a.as));
        expect(released.view.timeline.map((x) => x.ref)).toContain(ref);
        expect(released.view.needsReview.map((x) => x.ref)).not.toContain(ref);
        // The DPO reads the history, in order; a social worker may not.
        const history = must(await store.withSession({ ente: 'A944', actor: dpo }, (s) => s.reviewDecisions(a.persona)));
        expect(history.map((x) => x.decision)).toEqual(['withhold', 'release']);
        expect(only(await store.withSession({ ente: 'A944', actor: a.as }, (s) => s.reviewDecisions(a.persona))).code).toBe('store.denied');
        // The DPO does not decide.
        expect(only(await store.withSession({ ente: 'A944', actor: dpo }, (s) => s.recordReviewDecision({ personaId: a.persona, ref, decision: 'withhold', ground: 'x' }))).code).toBe('store.denied');
      });

      it('a decision is about a record of that person, with a ground; a delay has a future date', async () => {
        const bad = async (input: unknown) => only(await store.withSession({ ente: 'A944', actor: a.rs }, (s) => s.recordReviewDecision(input as never))).code;
        const ok = { personaId: a.persona, ref: `diario:${note}`, decision: 'delay', ground: 'indagine in corso', until: addDays(today(), 30) };
        expect(await bad({ ...ok, ref: `cartella:${other.cartella}` })).toBe('store.invalid'); // another person's record
        expect(await bad({ ...ok, ref: `assegnazione:${note}` })).toBe('store.invalid');
        expect(await bad({ ...ok, ref: "diario:' OR 1=1 --" })).toBe('store.invalid');
        expect(await bad({ ...ok, ground: ' ' })).toBe('store.invalid');
        expect(await bad({ ...ok, ground: 'x'.repeat(1501) })).toBe('store.invalid');
        expect(await bad({ ...ok, until: addDays(today(), -1) })).toBe('store.invalid');
        expect(await bad({ ...ok, until: '2026-02-30' })).toBe('store.invalid');
        expect(await bad({ ...ok, decision: 'release' })).toBe('store.invalid'); // until only for a delay
        expect(await bad(JSON.parse(`{"personaId":"${a.persona}","ref":"diario:${note}","decision":"withhold","ground":"x","__proto__":{}}`))).toBe('store.invalid');
        expect(await bad({ ...ok, ref: `cartella:${g.cartella}` })).toBe('store.not_found'); // another Ente's record
        const d = must(await store.withSession({ ente: 'A944', actor: a.rs }, (s) => s.recordReviewDecision(ok as never)));
        expect(d.until).toBe(ok.until);
        const delayed = must(await store.withSession({ ente: 'A944', actor: a.rs }, (s) =>
          s.citizenView(a.persona, { purpose: 'access-request', requester: { kind: 'interessato', codiceFiscale: CF.persona }, asOf: today() })));
        expect(delayed.view.timeline.map((x) => x.ref)).not.toContain(`diario:${note}`);
      });

      it('decisions are append-only and stay in their Ente', async () => {
        await expect(store.withSession({ ente: 'A944', actor: a.rs }, (s) => s.sql("update review_decision set decision = 'release'").then(() => ({ ok: true as const, value: 1 })))).rejects.toThrow();
        await expect(store.withSession({ ente: 'A944', actor: a.rs }, (s) => s.sql('delete from review_decision').then(() => ({ ok: true as const, value: 1 })))).rejects.toThrow();
        const seen = await run(store, 'G467', g.rs, async (s) => ({ ok: true as const, value: (await s.sql<{ n: string }>('select count(*)::text as n from review_decision')).rows[0]?.n }));
        expect(seen).toBe('0');
      });
    });

    describe('bounded', () => {
      it(`more than ${CITIZEN_VIEW_MAX_RECORDS} records: store.too_large for both actors, nothing partial`, async () => {
        const big = await seedEnte(store, 'H501', CF.persona4);
        await store.executor.transaction(async (tx) => {
          await tx.query("select set_config('riuso.enti', 'H501', true)");
          await tx.query(
            `insert into valutazione (ente, id, persona, presa_in_carico, tipo, status, version, schema_version, created_at, updated_at, data)
             select ente, x.id, persona, presa_in_carico, tipo, status, version, schema_version, created_at, updated_at, jsonb_set(data, '{id}', to_jsonb(x.id::text))
             from valutazione, (select gen_random_uuid() as id from generate_series(1, $2::int)) x where ente = 'H501' and valutazione.id = $1`,
            [big.valutazione, CITIZEN_VIEW_MAX_RECORDS],
          );
        });
        const op = only(await store.withSession({ ente: 'H501', actor: big.as }, (s) =>
          s.citizenView(big.persona, { purpose: 'access-request', requester: { kind: 'interessato', codiceFiscale: CF.persona4 }, asOf: today() })));
        expect(op).toMatchObject({ code: 'store.too_large', params: { max: CITIZEN_VIEW_MAX_RECORDS } });
        const citizen = only(await store.citizenView(ask({ ente: 'H501', personaId: big.persona, actor: me(CF.persona4) })));
        expect(citizen.code).toBe('store.too_large');
      }, 120_000);
    });

    it('every Ente’s audit chain still verifies', async () => {
      for (const ente of ['A944', 'G467', 'H501']) expect(must(await store.verifyAudit({ ente })).events).toBeGreaterThan(0);
    });
  });
}
