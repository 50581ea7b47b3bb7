// SPDX-License-Identifier: BSD-3-Clause
/**
 * Isolation between Comuni: two Comuni (Bologna A944, Roma H501) in one store, and an Ambito serving
 * A944 and F083. Every test tries to reach H501's records from an A944 session — through the
 * vendor's own SQL that forgets `WHERE ente = …`, through the session API, through an Ambito — and
 * checks, through an H501 session, that not one of H501's rows was read, changed or added.
 *
 * Outside the threat model (see migrations/0004_security.sql), hence NOT tested as break-ins: SQL run
 * inside a session that deliberately rewrites its own scope rather than forgetting a WHERE —
 * `select set_config('riuso.enti', 'H501', true)`, `RESET ROLE`, `SET ROLE <the connecting user>` or
 * `SET SESSION AUTHORIZATION DEFAULT` (PostgreSQL checks SET ROLE against the SESSION user, so when the
 * store connects as a superuser — PGlite's default user, the test server's `postgres` — the vendor's
 * SQL can become that superuser again) — and anything run as the owner or a superuser (who may drop a
 * policy or a trigger). The policies guard against mistakes in the vendor's SQL; against the owner the
 * keyed, anchored audit chain is what detects a rewrite. Test (f) pins the boundary down: outside a
 * session a superuser connection is not bound by Row-Level Security, and a non-superuser owner is
 * (FORCE ROW LEVEL SECURITY with no `riuso.enti`: nothing is visible).
 */
import { ok, type Issue, type Result } from '@riuso-sociale/core';
import { newId, type Actor, type Instant } from '@riuso-sociale/csi-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIND_TABLES, type Session, type Store } from '../src/index.js';
import { closeAll, TARGETS } from './support/targets.js';
import { CF, ITALIANA, must, only, run, seedEnte, type Seeded } from './support/fixture.js';

afterAll(closeAll);

/** Every table that holds rows of an Ente. */
const TENANT_TABLES = [...Object.values(KIND_TABLES).map((t) => t.table), 'audit_event', 'audit_head', 'siuss_clock'];

type Fingerprint = Record<string, { readonly n: number; readonly f: string; readonly enti: readonly string[] }>;

/**
 * What an Ente's session sees of every table: row count, the Enti of the rows, and a digest of every
 * row with its `xmin` (so that even `update … set data = data` on one of its rows changes it).
 */
async function fingerprint(store: Store, seeded: Pick<Seeded, 'ente' | 'rs'>): Promise<Fingerprint> {
  return run(store, seeded.ente, seeded.rs, async (s) => {
    const out: Fingerprint = {};
    for (const table of TENANT_TABLES) {
      const r = await s.sql<{ n: number; f: string; enti: string[] | null }>(
        `select count(*)::int as n, md5(coalesce(string_agg(t.xmin::text || ':' || md5(t::text), ',' order by t::text), '')) as f,
           array_agg(distinct t.ente order by t.ente) as enti from ${table} t`,
      );
      const row = r.rows[0] as { n: number; f: string; enti: string[] | null };
      out[table] = { n: row.n, f: row.f, enti: row.enti ?? [] };
    }
    return ok(out);
  });
}

/** The session's result, whatever it is (for sessions expected to fail). */
async function attempt<T>(store: Store, scope: { ente: string; actor: Actor; ambito?: string }, fn: (s: Session) => Promise<Result<T, string>>): Promise<Result<T, string>> {
  return store.withSession(scope as never, fn);
}

/**
 * The statements of `hostile` that the database did not refuse with a permission or Row-Level
 * Security error (42501, 42P01, 42704, 0LP01) in a session of `ente`: each with what happened.
 */
async function notRefusedByDatabase(store: Store, ente: string, actor: Actor, hostile: readonly string[]): Promise<string[]> {
  const accepted: string[] = [];
  for (const sql of hostile) {
    const r = await run(store, ente, actor, async (s) => ok(await s.sql(sql))).then(
      () => 'accepted',
      (e: unknown) => String((e as { code?: unknown }).code),
    );
    if (r === 'accepted' || !['42501', '42P01', '42704', '0LP01'].includes(r)) accepted.push(`${sql} -> ${r}`);
  }
  return accepted;
}

function codes(r: Result<unknown, string>): string[] {
  return r.ok ? [] : r.issues.map((i) => i.code);
}

for (const target of TARGETS) {
  describe.skipIf(!target.available)(`tenancy on ${target.name}`, () => {
    let store: Store;
    let a: Seeded;
    let h: Seeded;
    /** F083's first operator (a service manager) and a person of F083. */
    let f: { rs: Actor; persona: string };

    beforeAll(async () => {
      store = await target.open();
      a = await seedEnte(store, 'A944');
      h = await seedEnte(store, 'H501', CF.persona2);
      const op = must(
        await store.bootstrapEnte({
          ente: { belfiore: 'F083' },
          operatore: { codiceFiscale: CF.responsabile, cognome: 'Gallo', nome: 'Marco', ruolo: 'responsabile-servizio', servizi: [], attivo: true } as never,
        }),
      );
      const rs: Actor = { operatoreId: op.id, role: 'responsabile-servizio' };
      const persona = await run(store, 'F083', rs, async (s) =>
        s.create('persona', {
          codiceFiscale: CF.persona4, cognome: 'Galli', nome: 'Luca', sesso: '1', dataNascita: '1980-03-03', luogoNascita: 'H501', cittadinanza: ITALIANA, capacitaGiuridica: { tipo: 'piena' },
        } as never),
      );
      f = { rs, persona: persona.id };
      must(await store.defineAmbito('ATS-BO', ['A944', 'F083']));
    }, 120_000);

    it("(a) the vendor's SQL in an A944 session that forgets WHERE ente never reads or changes a row of H501", async () => {
      const before = await fingerprint(store, h);
      // H501 has something to steal: its person, its cartella, its interventi, its audit trail.
      for (const table of ['persona', 'cartella', 'presa_in_carico', 'valutazione', 'intervento', 'assegnazione', 'operatore', 'audit_event', 'audit_head']) {
        expect(before[table]?.n, table).toBeGreaterThan(0);
        expect(before[table]?.enti, table).toEqual(['H501']);
      }
      const mine = await fingerprint(store, a);
      // Planner statistics exist for the tables (so that the pg_stats check below is not vacuous).
      await store.executor.query('analyze persona, intervento, audit_event');
      expect((await store.executor.query("select 1 from pg_stats where schemaname = 'public' and tablename = 'persona'")).rows.length).toBeGreaterThan(0);
      await run(store, 'A944', a.as, async (s) => {
        const persone = await s.sql<{ ente: string; data: { codiceFiscale: string } }>('select * from persona');
        expect(persone.rows.map((p) => p.ente)).toEqual(['A944']);
        expect(JSON.stringify(persone.rows)).not.toContain(CF.persona2);
        for (const table of TENANT_TABLES) {
          const r = await s.sql<{ ente: string }>(`select distinct ente from ${table}`);
          expect(r.rows.map((x) => x.ente), table).toEqual(mine[table]?.n === 0 ? [] : ['A944']);
        }
        // Mass updates touch the session's rows only.
        const u = await s.sql('update intervento set data = data');
        expect(u.rowCount).toBe(mine.intervento?.n);
        const u2 = await s.sql('update persona set updated_at = updated_at, status = status');
        expect(u2.rowCount).toBe(mine.persona?.n);
        // Naming H501's records explicitly does not help either.
        expect((await s.sql('select * from persona where id = $1', [h.persona])).rows).toEqual([]);
        expect((await s.sql("select * from persona where ente = 'H501'")).rows).toEqual([]);
        expect((await s.sql("select * from persona where data->>'codiceFiscale' = $1", [CF.persona2])).rows).toEqual([]);
        expect((await s.sql('update intervento set data = data where id = $1', [h.intervento])).rowCount).toBe(0);
        expect((await s.sql('select * from audit_event')).rows.every((e) => (e as { ente: string }).ente === 'A944')).toBe(true);
        expect((await s.sql("select * from audit_event where ente = 'H501'")).rows).toEqual([]);
        expect((await s.sql("select * from audit_head where ente <> 'A944'")).rows).toEqual([]);
        // Joins, sub-queries and aggregates see through the same policies.
        const j = await s.sql<{ n: number }>('select count(*)::int as n from persona p join cartella c on c.persona = p.id join presa_in_carico pc on pc.cartella = c.id');
        expect(j.rows[0]?.n).toBe(1);
        const agg = await s.sql<{ n: number }>('select count(*)::int as n from (select ente from persona union all select ente from intervento) x where x.ente <> $1', ['A944']);
        expect(agg.rows[0]?.n).toBe(0);
        // Planner statistics would show other Comuni's values: pg_stats hides tables under RLS.
        const stats = await s.sql("select * from pg_stats where schemaname = 'public' and tablename in ('persona', 'intervento', 'audit_event')");
        expect(stats.rows).toEqual([]);
        return ok(true);
      });
      expect(await fingerprint(store, h)).toEqual(before);
    });

    it("(a) appuntamento (migration 0005): the vendor's SQL in an A944 session never reads, changes or adds an appointment of H501", async () => {
      const at = '2025-04-20T09:00:00Z' as Instant;
      const appointment = {
        inizio: '2025-05-06T08:00:00Z', fine: '2025-05-06T09:00:00Z', modalita: 'in-presenza', luogo: 'Sede del servizio sociale, stanza 3',
        oggetto: 'Colloquio di verifica del progetto',
      };
      const theirs = await run(store, 'H501', h.as, async (s) =>
        s.create('appuntamento', { ...appointment, persona: h.persona, presaInCarico: h.presa, servizio: h.servizio, operatore: h.as.operatoreId } as never, { at }),
      );
      const mine = await run(store, 'A944', a.as, async (s) =>
        s.create('appuntamento', { ...appointment, persona: a.persona, presaInCarico: a.presa, operatore: a.as.operatoreId } as never, { at }),
      );
      const before = await fingerprint(store, h);
      expect(before.appuntamento).toMatchObject({ n: 1, enti: ['H501'] });
      await run(store, 'A944', a.as, async (s) => {
        // Every appointment the session sees is its own, with or without a WHERE, naming H501's id, person or Ente.
        expect((await s.sql<{ id: string }>('select * from appuntamento')).rows.map((r) => r.id)).toEqual([mine.id]);
        expect((await s.sql('select * from appuntamento where id = $1', [theirs.id])).rows).toEqual([]);
        expect((await s.sql('select * from appuntamento where persona = $1', [h.persona])).rows).toEqual([]);
        expect((await s.sql("select * from appuntamento where ente = 'H501'")).rows).toEqual([]);
        expect((await s.sql("select count(*)::int as n from appuntamento where data->>'oggetto' like 'Colloquio%'")).rows).toEqual([{ n: 1 }]);
        // Joins see through the same policies: H501's appointment never meets A944's person.
        expect((await s.sql<{ n: number }>('select count(*)::int as n from appuntamento ap join persona p on p.id = ap.persona')).rows).toEqual([{ n: 1 }]);
        // Mass and targeted updates touch the session's rows only.
        expect((await s.sql("update appuntamento set data = jsonb_set(data, '{note}', '\"letto\"')")).rowCount).toBe(1);
        expect((await s.sql("update appuntamento set status = 'annullato' where id = $1", [theirs.id])).rowCount).toBe(0);
        return ok(true);
      });
      // Writing a row that claims H501, or moving one's own row to H501, is refused by the database.
      const hostile = [
        `insert into appuntamento (ente, id, persona, operatore, inizio, status, version, schema_version, created_at, updated_at, data)
           values ('H501', gen_random_uuid(), '${h.persona}', '${a.as.operatoreId}', now(), 'programmato', 1, 1, now(), now(), '{}'::jsonb)`,
        `update appuntamento set ente = 'H501' where id = '${mine.id}'`,
        'delete from appuntamento',
        'alter table appuntamento no force row level security',
        'drop policy appuntamento_by_ente on appuntamento',
      ];
      expect(await notRefusedByDatabase(store, 'A944', a.as, hostile)).toEqual([]);
      // Through the session API an H501 appointment does not exist for A944.
      const got = await store.withSession({ ente: 'A944', actor: a.as }, (s) => s.get('appuntamento', theirs.id));
      expect(codes(got)).toEqual(['store.not_found']);
      const listed = await store.withSession({ ente: 'A944', actor: a.as }, (s) => s.list('appuntamento', { persona: h.persona }));
      expect(listed.ok && listed.value).toEqual([]);
      expect(await fingerprint(store, h)).toEqual(before);
    });

    it('(a) writes claiming H501, deletes, DDL and grants in an A944 session are refused by the database (permission or RLS errors only)', async () => {
      const before = await fingerprint(store, h);
      const hostile = [
        "insert into servizio (ente, id, version, schema_version, created_at, updated_at, data) values ('H501', gen_random_uuid(), 1, 1, now(), now(), '{}'::jsonb)",
        `insert into persona (ente, id, status, version, schema_version, created_at, updated_at, data) values ('H501', gen_random_uuid(), 'attiva', 1, 1, now(), now(), '{"codiceFiscale":"x"}'::jsonb)`,
        "insert into audit_event (ente, seq, id, at, action, entity_kind, entity_id, outcome, key_id, hash, event) values ('H501', 999999, gen_random_uuid(), now(), 'read', 'persona', 'x', 'success', 'k', repeat('0', 64), '{}'::jsonb)",
        "insert into audit_head (ente, seq, hash, updated_at) values ('H501', 999999, null, now()) on conflict (ente) do update set seq = 999999",
        "insert into siuss_clock (ente, last_ts) values ('H501', 1)",
        "update operatore set ente = 'H501'",
        "insert into ambito (codice, comune) values ('ATS-BO', 'H501')",
        'delete from persona',
        'delete from audit_event',
        'truncate persona',
        'alter table persona disable row level security',
        'alter table persona no force row level security',
        'drop policy persona_by_ente on persona',
        'create table public.riuso_steal (x int)',
        'grant select on riuso_migration to riuso_csi',
        'select * from riuso_migration',
      ];
      expect(await notRefusedByDatabase(store, 'A944', a.as, hostile)).toEqual([]);
      // The audit log is append-only even for A944's own events.
      await expect(run(store, 'A944', a.as, async (s) => ok(await s.sql('update audit_event set action = action')))).rejects.toThrow();
      expect(await fingerprint(store, h)).toEqual(before);
      // Nothing of it reached A944's chain either: it still verifies.
      expect(must(await store.verifyAudit({ ente: 'A944' })).events).toBeGreaterThan(0);
      expect(must(await store.verifyAudit({ ente: 'H501' })).events).toBe(before.audit_event?.n);
    });

    it('(b) get, list, transition and friends on an H501 id from an A944 session: store.not_found, exactly as for an id that exists nowhere', async () => {
      const before = await fingerprint(store, h);
      const headA = must(await store.auditHead({ ente: 'A944' }));
      const nowhere = newId('persona');
      await run(store, 'A944', a.as, async (s) => {
        for (const [kind, id] of [['persona', h.persona], ['cartella', h.cartella], ['presa-in-carico', h.presa], ['valutazione', h.valutazione], ['intervento', h.intervento], ['operatore', h.as.operatoreId]] as const) {
          const got = only(await s.get(kind, id));
          expect(got.code, kind).toBe('store.not_found');
          const ghost = only(await s.get(kind, newId(kind)));
          expect({ ...got, params: { ...got.params, id: 'x' } }).toEqual({ ...ghost, params: { ...ghost.params, id: 'x' } });
          // Break-glass does not reach across Comuni.
          expect(only(await s.get(kind, id, { breakGlass: { reason: 'emergenza' } })).code).toBe('store.not_found');
        }
        expect(only(await s.transition('presa-in-carico', h.presa, 'sospendi', { expectedVersion: 2, reason: 'x' })).code).toBe('store.not_found');
        expect(only(await s.transition('intervento', h.intervento, 'sospendi', { expectedVersion: 3, reason: 'x' })).code).toBe('store.not_found');
        expect(only(await s.transition('valutazione', h.valutazione, 'segna-errore', { expectedVersion: 3, reason: 'x' })).code).toBe('store.not_found');
        expect(only(await s.closePresaInCarico(h.presa, { expectedVersion: 2, reason: 'x' } as never)).code).toBe('store.not_found');
        // Lists filtered on H501's person are empty, like lists filtered on nobody.
        for (const kind of ['cartella', 'presa-in-carico', 'valutazione', 'intervento', 'assegnazione'] as const) {
          expect(must(await s.list(kind, { persona: h.persona }))).toEqual([]);
          expect(must(await s.list(kind, { persona: nowhere }))).toEqual([]);
        }
        expect(must(await s.list('persona', { limit: 1000 })).map((p) => p.ente.belfiore)).toEqual(['A944']);
        // A reference to H501's person is "a record that does not exist in this Ente", like a random one.
        const ref = only(await s.create('cartella', { persona: h.persona, apertaIl: '2025-03-03', responsabile: a.as.operatoreId, minore: false, tutelaAutoritaGiudiziaria: false } as never));
        const refNowhere = only(await s.create('cartella', { persona: nowhere, apertaIl: '2025-03-03', responsabile: a.as.operatoreId, minore: false, tutelaAutoritaGiudiziaria: false } as never));
        expect(ref.code).toBe('store.invalid');
        expect({ ...ref, params: {} }).toEqual({ ...refNowhere, params: {} });
        return ok(true);
      });
      expect(await fingerprint(store, h)).toEqual(before);
      // A944's chain grew by the one read of the list, nothing else.
      expect(must(await store.auditHead({ ente: 'A944' })).seq).toBe(headA.seq + 1);
    });

    it("(b) an id taken by H501 is free in A944: creating it is no existence oracle, and each Comune keeps its own record", async () => {
      const before = await fingerprint(store, h);
      const twin = await run(store, 'A944', a.as, async (s) =>
        s.create('persona', {
          id: h.persona, codiceFiscale: CF.persona3, cognome: 'Conti', nome: 'Elena', sesso: '2', dataNascita: '1988-07-15', luogoNascita: 'H501', cittadinanza: ITALIANA, capacitaGiuridica: { tipo: 'piena' },
        } as never),
      );
      expect(twin.id).toBe(h.persona);
      expect(twin.ente.belfiore).toBe('A944');
      const seenByH = await run(store, 'H501', h.as, async (s) => s.get('persona', h.persona));
      expect(seenByH.codiceFiscale).toBe(CF.persona2);
      expect(seenByH.ente.belfiore).toBe('H501');
      const after = await fingerprint(store, h);
      // H501's only change: the audit of its own read.
      expect({ ...after, audit_event: undefined, audit_head: undefined }).toEqual({ ...before, audit_event: undefined, audit_head: undefined });
      expect(after.audit_event?.n).toBe((before.audit_event?.n ?? 0) + 1);
    });

    it('(c) create with ente H501 from an A944 session: store.denied, nothing written anywhere', async () => {
      const before = await fingerprint(store, h);
      const mine = await fingerprint(store, a);
      const servizio = { tipo: 'ufficio', denominazione: 'Sportello', areeUtenza: [], attivo: true };
      const persona = {
        codiceFiscale: CF.persona3, cognome: 'Conti', nome: 'Elena', sesso: '2', dataNascita: '1988-07-15', luogoNascita: 'H501', cittadinanza: ITALIANA, capacitaGiuridica: { tipo: 'piena' },
      };
      const r = await attempt(store, { ente: 'A944', actor: a.rs }, async (s) => {
        const issues: Issue[] = [];
        for (const ente of [{ belfiore: 'H501' }, { belfiore: 'h501' }, { belfiore: ['H501'] }, { belfiore: 'H501', nome: 'Roma' }, 'H501', null, { belfiore: 'A944,H501' }, {}]) {
          for (const [kind, data] of [['servizio', servizio], ['persona', persona], ['operatore', { codiceFiscale: CF.educatore, cognome: 'Neri', nome: 'Paolo', ruolo: 'coordinatore', servizi: [], attivo: true }]] as const) {
            const out = await s.create(kind, { ...data, ente } as never);
            expect(out.ok, `${kind} ${JSON.stringify(ente)}`).toBe(false);
            if (!out.ok) issues.push(...out.issues);
          }
        }
        // Commit, to show that nothing was queued either.
        return ok(issues);
      });
      const issues = must(r);
      expect(issues).toHaveLength(24);
      expect(new Set(issues.map((i) => i.code))).toEqual(new Set(['store.denied']));
      expect(await fingerprint(store, h)).toEqual(before);
      const mineAfter = await fingerprint(store, a);
      for (const table of Object.values(KIND_TABLES).map((t) => t.table)) expect(mineAfter[table]?.n, table).toBe(mine[table]?.n);
    });

    it('(d) an Ambito session sees the Comuni of the Ambito, never H501; an Ambito without the Ente, unknown or malformed is denied', async () => {
      const before = await fingerprint(store, h);
      const seen = await attempt(store, { ente: 'A944', actor: a.as, ambito: 'ATS-BO' }, async (s) => {
        expect(s.enti).toEqual(['A944', 'F083']);
        expect(must(await s.get('persona', a.persona)).codiceFiscale).toBe(CF.persona);
        expect(only(await s.get('cartella', h.cartella)).code).toBe('store.not_found');
        // F083's person is visible to the SQL of the Ambito, but reading it needs an assignment.
        expect(only(await s.get('persona', f.persona)).code).toBe('store.denied');
        const enti = await s.sql<{ ente: string }>('select distinct ente from persona order by ente');
        expect(enti.rows.map((x) => x.ente)).toEqual(['A944', 'F083']);
        expect((await s.sql("select 1 from audit_event where ente = 'H501' union all select 1 from persona where ente = 'H501'")).rows).toEqual([]);
        expect((await s.sql("select current_setting('riuso.enti') as e")).rows).toEqual([{ e: 'A944,F083' }]);
        // An Ambito does not blur the Comuni: a record of F083 cannot point to a person of A944.
        expect(only(await s.create('cartella', { ente: { belfiore: 'F083' }, persona: a.persona, apertaIl: '2025-03-03', responsabile: a.as.operatoreId, minore: false, tutelaAutoritaGiudiziaria: false } as never)).code).toBe('store.invalid');
        // Nor write into a Comune outside it.
        expect(only(await s.create('persona', { ente: { belfiore: 'H501' }, codiceFiscale: CF.persona3, cognome: 'Conti', nome: 'Elena', sesso: '2', dataNascita: '1988-07-15', luogoNascita: 'H501', cittadinanza: ITALIANA, capacitaGiuridica: { tipo: 'piena' } } as never)).code).toBe('store.denied');
        return ok(true);
      });
      must(seen);
      // The F083 operator in the same Ambito: sees F083 and A944 at the SQL level, never H501.
      const fromF = await attempt(store, { ente: 'F083', actor: f.rs, ambito: 'ATS-BO' }, async (s) => ok((await s.sql<{ ente: string }>('select distinct ente from operatore order by ente')).rows.map((x) => x.ente)));
      expect(must(fromF)).toEqual(['A944', 'F083']);

      const denied = async (scope: { ente: string; actor: Actor; ambito?: unknown }) =>
        codes(await attempt(store, scope as never, async (s) => ok((await s.sql('select * from persona')).rows)));
      expect(await denied({ ente: 'H501', actor: h.as, ambito: 'ATS-BO' })).toEqual(['store.denied']); // the Ambito does not serve H501
      expect(await denied({ ente: 'F083', actor: a.as, ambito: 'ATS-BO' })).toEqual(['store.denied']); // an A944 operator claiming F083
      expect(await denied({ ente: 'H501', actor: a.as, ambito: 'ATS-BO' })).toEqual(['store.denied']);
      for (const ambito of ['ATS-XX', 'ats-bo', 'ATS-BO ', 'ATS BO', "ATS-BO' or '1'='1", "ATS-BO'; drop table persona; --", '', 'A'.repeat(41), '__proto__', 'constructor', 'A944', 'A944,H501', 42, null, ['ATS-BO'], { codice: 'ATS-BO' }]) {
        expect(await denied({ ente: 'A944', actor: a.as, ambito }), JSON.stringify(ambito)).toEqual(['store.denied']);
      }
      // Malformed Ambito definitions are refused and change nothing.
      for (const [codice, comuni] of [['ATS BO', ['H501']], ['ATS-BO', []], ['ATS-BO', ['h501']], ['ATS-BO', ['H501', "A944'; --"]], ['ATS-BO', 'H501'], ['', ['H501']], [null, ['H501']]] as const) {
        expect(codes((await store.defineAmbito(codice as never, comuni as never)) as Result<unknown, string>), JSON.stringify([codice, comuni])).toEqual(['store.invalid']);
      }
      expect(must(await attempt(store, { ente: 'A944', actor: a.as, ambito: 'ATS-BO' }, async (s) => ok(s.enti)))).toEqual(['A944', 'F083']);
      // An Ambito redefined without A944 locks A944's operators out of it at once.
      must(await store.defineAmbito('ATS-TMP', ['A944', 'F083']));
      must(await attempt(store, { ente: 'A944', actor: a.as, ambito: 'ATS-TMP' }, async () => ok(true)));
      must(await store.defineAmbito('ATS-TMP', ['F083']));
      expect(await denied({ ente: 'A944', actor: a.as, ambito: 'ATS-TMP' })).toEqual(['store.denied']);
      // H501's data is untouched; its audit trail gained only the two refused sessions that claimed H501.
      const after = await fingerprint(store, h);
      expect({ ...after, audit_event: undefined, audit_head: undefined }).toEqual({ ...before, audit_event: undefined, audit_head: undefined });
      const logged = await run(store, 'H501', h.rs, async (s) =>
        ok((await s.sql<{ action: string; outcome: string; reason: string }>("select action, outcome, event->>'reason' as reason from audit_event where seq > $1 order by seq", [before.audit_event?.n])).rows),
      );
      expect(logged).toEqual([
        { action: 'access-denied', outcome: 'denied', reason: 'session: ambito' },
        { action: 'access-denied', outcome: 'denied', reason: 'session: ambito' },
      ]);
    });

    it('(e) a session runs as riuso_csi: neither superuser nor BYPASSRLS', async () => {
      for (const scope of [{ ente: 'A944', actor: a.as }, { ente: 'A944', actor: a.rs, ambito: 'ATS-BO' }]) {
        const r = await attempt(store, scope, async (s) => {
          const who = await s.sql<{ u: string; su: string }>("select current_user as u, current_setting('is_superuser') as su");
          const role = await s.sql<{ rolsuper: boolean; rolbypassrls: boolean }>('select rolsuper, rolbypassrls from pg_roles where rolname = current_user');
          const rls = await s.sql<{ v: string }>("select current_setting('row_security') as v");
          return ok({ who: who.rows, role: role.rows, rls: rls.rows });
        });
        expect(must(r)).toEqual({ who: [{ u: 'riuso_csi', su: 'off' }], role: [{ rolsuper: false, rolbypassrls: false }], rls: [{ v: 'on' }] });
      }
    });

    it('(f) outside a session: a non-superuser owner with no riuso.enti sees nothing (FORCE RLS, fails closed); a superuser is not bound (documented boundary)', async () => {
      // The store's own connection is a superuser here (PGlite's default user, the test server's postgres):
      // outside a session nothing but the owner's discipline keeps the Comuni apart.
      const su = await store.executor.query<{ rolsuper: boolean }>('select rolsuper from pg_roles where rolname = current_user');
      expect(su.rows).toEqual([{ rolsuper: true }]);
      const all = await store.executor.query<{ ente: string }>('select distinct ente from persona order by ente');
      expect(all.rows.map((x) => x.ente)).toEqual(['A944', 'F083', 'H501']);

      // A non-superuser owner (what production should connect as), in a transaction rolled back at the end:
      // the role and the change of ownership never leave it.
      const owner = `riuso_owner_${newId('persona').slice(0, 8)}`;
      const rollback = new Error('rollback');
      const seen: Record<string, unknown> = {};
      await expect(
        store.executor.transaction(async (tx) => {
          await tx.query(`create role ${owner} nosuperuser nobypassrls`);
          for (const table of TENANT_TABLES) await tx.query(`alter table ${table} owner to ${owner}`);
          await tx.query(`set local role ${owner}`);
          const me = await tx.query<{ u: string; rolsuper: boolean; rolbypassrls: boolean }>('select current_user as u, rolsuper, rolbypassrls from pg_roles where rolname = current_user');
          seen.me = me.rows;
          const counts: Record<string, number> = {};
          for (const table of TENANT_TABLES) counts[table] = Number((await tx.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]?.n);
          seen.unset = counts;
          await tx.query("select set_config('riuso.enti', '', true)");
          seen.empty = (await tx.query<{ n: number }>('select count(*)::int as n from persona')).rows[0]?.n;
          await tx.query("select set_config('riuso.enti', 'A944', true)");
          seen.a944 = (await tx.query<{ ente: string }>('select distinct ente from persona')).rows.map((x) => x.ente);
          // Writing without a scope fails too.
          await tx.query('savepoint w');
          await tx.query("select set_config('riuso.enti', '', true)");
          try {
            await tx.query("insert into siuss_clock (ente, last_ts) values ('Z999', 1)");
            seen.insert = 'accepted';
          } catch (e) {
            seen.insert = (e as { code?: string }).code;
            await tx.query('rollback to savepoint w');
          }
          throw rollback;
        }),
      ).rejects.toBe(rollback);
      expect(seen.me).toEqual([{ u: owner, rolsuper: false, rolbypassrls: false }]);
      expect(Object.values(seen.unset as Record<string, number>).every((n) => n === 0)).toBe(true);
      expect(seen.empty).toBe(0);
      expect(seen.a944).toEqual(['A944']);
      expect(seen.insert).toBe('42501');
      // Rolled back: the tables are still the store's, the role never existed.
      const left = await store.executor.query('select 1 from pg_roles where rolname = $1', [owner]);
      expect(left.rows).toEqual([]);
      must(await attempt(store, { ente: 'A944', actor: a.as }, async (s) => s.get('persona', a.persona)));
    });
  });
}
