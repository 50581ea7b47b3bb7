// SPDX-License-Identifier: BSD-3-Clause
/**
 * Hostile input to the session API: wrong types, extra and prototype keys, huge strings, non-objects,
 * unknown kinds and events, bad versions, filters and ids carrying SQL. Fail closed: every one is a
 * typed issue (Italian and English) that never echoes the hostile value or the person's data, and
 * NOTHING is written — not a row, not an audit event — even though each session here commits.
 */
import { ok, type Issue, type Result } from '@riuso-sociale/core';
import { newId } from '@riuso-sociale/csi-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIND_TABLES, type Session, type Store } from '../src/index.js';
import { closeAll, TARGETS } from './support/targets.js';
import { CF, ITALIANA, must, run, seedEnte, type Seeded } from './support/fixture.js';

afterAll(closeAll);

/** 10 MB, with a marker that must never come back in an issue. */
const MARKER = 'HOSTILEMARKER';
const BIG = MARKER + 'x'.repeat(10 * 1024 * 1024);
const SQL = "' or 1=1 --";

const TABLES = [...Object.values(KIND_TABLES).map((t) => t.table), 'audit_event', 'audit_head', 'siuss_clock', 'ambito'];

/** Every table's row count and every row's xmin (any write shows), and A944's audit head. */
async function snapshot(store: Store): Promise<unknown> {
  const tables: Record<string, string> = {};
  await store.executor.transaction(async (tx) => {
    await tx.query("select set_config('riuso.enti', 'A944', true)");
    for (const table of TABLES) {
      const r = await tx.query<{ n: number; x: string }>(`select count(*)::int as n, coalesce(string_agg(t.xmin::text, ',' order by t.xmin::text), '') as x from ${table} t`);
      tables[table] = `${r.rows[0]?.n}:${r.rows[0]?.x}`;
    }
  });
  return { tables, head: must(await store.auditHead({ ente: 'A944' })) };
}

const personaInput = () => ({
  codiceFiscale: CF.persona3, cognome: 'Conti', nome: 'Elena', sesso: '2', dataNascita: '1988-07-15', luogoNascita: 'H501', cittadinanza: ITALIANA, capacitaGiuridica: { tipo: 'piena' },
});

/** Checks the shape of the issues of a failed result and returns them. */
function issuesOf(r: Result<unknown, string>, what: string): readonly Issue[] {
  expect(r.ok, what).toBe(false);
  if (r.ok) return [];
  expect(r.issues.length, what).toBeGreaterThan(0);
  for (const i of r.issues) {
    expect(typeof i.code, what).toBe('string');
    expect(i.message.length, what).toBeGreaterThan(0);
    expect(i.messageEn.length, what).toBeGreaterThan(0);
    expect(i.message, `${what}: Italian and English`).not.toBe(i.messageEn);
  }
  return r.issues;
}

/** Nothing hostile or personal comes back. */
function expectNoEcho(all: readonly Issue[]): void {
  const echoes = all
    .filter((i) => i.code !== 'csi.lifecycle.unknown_event')
    .map((i) => JSON.stringify(i))
    .filter((text) => [MARKER, 'x'.repeat(40), CF.persona, CF.persona3, '1=1', 'drop table'].some((bad) => text.includes(bad)))
    .map((text) => text.slice(0, 400));
  expect(echoes).toEqual([]);
  // csi-model names an unknown event by at most its first 24 printable characters (and an ellipsis): bounded, never the rest.
  for (const i of all.filter((x) => x.code === 'csi.lifecycle.unknown_event')) {
    expect(String(i.params.event).length).toBeLessThanOrEqual(25);
    expect(JSON.stringify(i)).not.toContain('x'.repeat(40));
    expect(JSON.stringify(i)).not.toContain(CF.persona);
  }
}

for (const target of TARGETS) {
  describe.skipIf(!target.available)(`hostile input on ${target.name}`, () => {
    let store: Store;
    let a: Seeded;

    beforeAll(async () => {
      store = await target.open();
      a = await seedEnte(store, 'A944');
    }, 120_000);

    /**
     * Runs `attempts` in one session of the case manager (who may do everything on this case) that
     * COMMITS, and checks each outcome is one of `codes` and that nothing at all was written.
     */
    async function hostile(attempts: readonly [string, (s: Session) => Promise<Result<unknown, string>>][], codes: readonly string[]): Promise<readonly Issue[]> {
      const before = await snapshot(store);
      const all: Issue[] = [];
      const outcomes = must(
        await store.withSession({ ente: 'A944', actor: a.as }, async (s) => {
          const seen: [string, string[]][] = [];
          for (const [what, attempt] of attempts) {
            const issues = issuesOf(await attempt(s), what);
            all.push(...issues);
            seen.push([what, [...new Set(issues.map((i) => i.code))]]);
          }
          return ok(seen);
        }),
      );
      for (const [what, got] of outcomes) expect(got.filter((c) => !codes.includes(c)), what).toEqual([]);
      expectNoEcho(all);
      expect(await snapshot(store), 'nothing written').toEqual(before);
      return all;
    }

    it('create with wrong types, extra keys, prototype keys, a 10 MB field, bookkeeping and lifecycle fields: store.invalid', async () => {
      const p = personaInput();
      const all = await hostile(
        [
          ['cognome a number', (s) => s.create('persona', { ...p, cognome: 42 } as never)],
          ['dataNascita a number', (s) => s.create('persona', { ...p, dataNascita: 19880715 } as never)],
          ['dataNascita not a date', (s) => s.create('persona', { ...p, dataNascita: '1988-02-30' } as never)],
          ['sesso a number', (s) => s.create('persona', { ...p, sesso: 2 } as never)],
          ['cittadinanza a string', (s) => s.create('persona', { ...p, cittadinanza: 'IT' } as never)],
          ['codiceFiscale SQL', (s) => s.create('persona', { ...p, codiceFiscale: SQL } as never)],
          ['codiceFiscale an array', (s) => s.create('persona', { ...p, codiceFiscale: [CF.persona3] } as never)],
          ['nested wrong type', (s) => s.create('persona', { ...p, capacitaGiuridica: { tipo: { $ne: null } } } as never)],
          ['extra key', (s) => s.create('persona', { ...p, isAdmin: true } as never)],
          ['extra nested key', (s) => s.create('persona', { ...p, cittadinanza: { ...ITALIANA, extra: 1 } } as never)],
          ['__proto__ key', (s) => s.create('persona', JSON.parse(JSON.stringify(p).replace('{', '{"__proto__":{"x":1},')) as never)],
          ['nested __proto__ key', (s) => s.create('persona', JSON.parse(JSON.stringify(p).replace('"capacitaGiuridica":{', '"capacitaGiuridica":{"__proto__":{"tipo":"piena"},')) as never)],
          ['constructor key', (s) => s.create('persona', { ...p, constructor: { prototype: { x: 1 } } } as never)],
          ['10 MB field', (s) => s.create('persona', { ...p, cognome: BIG } as never)],
          ['10 MB nested field', (s) => s.create('persona', { ...p, cittadinanza: { ...ITALIANA, code: BIG } } as never)],
          ['10 MB id', (s) => s.create('persona', { ...p, id: BIG } as never)],
          ['id SQL', (s) => s.create('persona', { ...p, id: SQL } as never)],
          ['id upper-case', (s) => s.create('persona', { ...p, id: newId('persona').toUpperCase() } as never)],
          ['cartella persona SQL', (s) => s.create('cartella', { persona: SQL, apertaIl: '2025-03-03', responsabile: a.as.operatoreId, minore: false, tutelaAutoritaGiudiziaria: false } as never)],
          ['cartella persona wrong type', (s) => s.create('cartella', { persona: { id: a.persona }, apertaIl: '2025-03-03', responsabile: a.as.operatoreId, minore: false, tutelaAutoritaGiudiziaria: false } as never)],
          ['cartella minore "false"', (s) => s.create('cartella', { persona: a.persona, apertaIl: '2025-03-03', responsabile: a.as.operatoreId, minore: 'false', tutelaAutoritaGiudiziaria: false } as never)],
          ['intervento negative money', (s) => s.create('intervento', { persona: a.persona, presaInCarico: a.presa, senzaPresaInCarico: false, sogliaIseeCents: -1 } as never)],
          ['erogazione money as string', (s) => s.create('erogazione', { intervento: a.intervento, persona: a.persona, dal: '2025-04-01', al: '2025-04-28', importoCents: '44000', importoMensileCents: 44_000, quotaEnteCents: 40_000, quotaUtenteCents: 4_000, oreErogate: 20 } as never)],
          ['a bad instant', (s) => s.create('persona', p as never, { at: 'ieri' as never })],
          ['an instant of another type', (s) => s.create('persona', p as never, { at: 1_700_000_000_000 as never })],
        ],
        ['store.invalid'],
      );
      expect(all.length).toBeGreaterThan(20);
      // The prototype keys were refused, not merged: nothing was polluted.
      expect(({} as Record<string, unknown>).x).toBeUndefined();
      expect(({} as Record<string, unknown>).tipo).toBeUndefined();
    });

    it('create with data that is not a plain object, and with hostile options: store.invalid', async () => {
      class Persona {
        cognome = 'Conti';
      }
      await hostile(
        [
          ...([null, undefined, [], [personaInput()], 'persona', '', 42, 0, true, new Date(), new Map([['cognome', 'Conti']]), new Persona(), Object.create(personaInput()), () => personaInput()] as unknown[]).map(
            (data) => [`data ${Object.prototype.toString.call(data)}`, (s: Session) => s.create('persona', data as never)] as [string, (s: Session) => Promise<Result<unknown, string>>],
          ),
          ...([null, 'now', 42, [], new Date()] as unknown[]).map(
            (options) => [`options ${Object.prototype.toString.call(options)}`, (s: Session) => s.create('persona', personaInput() as never, options as never)] as [string, (s: Session) => Promise<Result<unknown, string>>],
          ),
        ],
        ['store.invalid'],
      );
    });

    it('unknown kinds — prototype names, the audit log, case and spacing, SQL, a 10 MB name — in create, get, list and transition: store.invalid', async () => {
      const kinds: unknown[] = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'audit-event', 'audit_event', '', 'Persona', 'persona ', 'presa_in_carico', 'persona; drop table persona', SQL, BIG, CF.persona, 42, null, undefined, {}, ['persona']];
      await hostile(
        kinds.flatMap((kind) => {
          const k = kind as never;
          const name = typeof kind === 'string' ? kind.slice(0, 30) : String(kind);
          return [
            [`create ${name}`, (s: Session) => s.create(k, personaInput() as never)],
            [`get ${name}`, (s: Session) => s.get(k, a.persona)],
            [`list ${name}`, (s: Session) => s.list(k, {})],
            [`transition ${name}`, (s: Session) => s.transition(k, a.persona, 'segna-errore', { expectedVersion: 1, reason: 'x' })],
          ] as [string, (s: Session) => Promise<Result<unknown, string>>][];
        }),
        ['store.invalid'],
      );
      // A kind with no lifecycle has no transitions.
      await hostile([['transition servizio', (s) => s.transition('servizio' as never, a.servizio, 'segna-errore', { expectedVersion: 1, reason: 'x' })]], ['store.invalid']);
    });

    it('transition with prototype-named, empty, non-string or huge events: csi.lifecycle.unknown_event (or store.invalid), nothing written', async () => {
      const events: unknown[] = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '', ' avvia', 'AVVIA', 'avvia; drop table intervento', SQL, BIG, 42, null, undefined, {}, ['sospendi']];
      await hostile(
        events.map((event) => [
          `event ${typeof event === 'string' ? event.slice(0, 30) : String(event)}`,
          (s: Session) => s.transition('intervento', a.intervento, event as never, { expectedVersion: 3, reason: 'prova' }),
        ]),
        ['csi.lifecycle.unknown_event', 'store.invalid'],
      );
      // The string ones are unknown events, named as such.
      await hostile(
        ['__proto__', 'constructor', 'toString'].map((event) => [event, (s: Session) => s.transition('intervento', a.intervento, event, { expectedVersion: 3, reason: 'prova' })]),
        ['csi.lifecycle.unknown_event'],
      );
      // A known event with a huge reason or hostile data is refused too.
      await hostile(
        [
          ['10 MB reason', (s) => s.transition('intervento', a.intervento, 'sospendi', { expectedVersion: 3, reason: BIG })],
          ['reason a number', (s) => s.transition('intervento', a.intervento, 'sospendi', { expectedVersion: 3, reason: 42 as never })],
          ['reason an object', (s) => s.transition('intervento', a.intervento, 'sospendi', { expectedVersion: 3, reason: { trim: () => 'x' } as never })],
          ['close: reason a number', (s) => s.closePresaInCarico(a.presa, { expectedVersion: 2, reason: 42, motivoChiusura: { system: 'locale', version: '1', code: 'OBR' } } as never)],
          ['close: no reason', (s) => s.closePresaInCarico(a.presa, { expectedVersion: 2, motivoChiusura: { system: 'locale', version: '1', code: 'OBR' } } as never)],
          ['bad instant', (s) => s.transition('intervento', a.intervento, 'sospendi', { expectedVersion: 3, reason: 'prova', at: 'domani' as never })],
          ['instant a Date', (s) => s.transition('intervento', a.intervento, 'sospendi', { expectedVersion: 3, reason: 'prova', at: new Date() as never })],
          ['close: bad instant', (s) => s.closePresaInCarico(a.presa, { expectedVersion: 2, reason: 'prova', at: '2025-13-01T00:00:00Z', motivoChiusura: { system: 'locale', version: '1', code: 'OBR' } } as never)],
        ],
        ['store.invalid', 'csi.lifecycle.reason_required', 'csi.lifecycle.reason_too_long', 'csi.lifecycle.invalid_instant', 'csi.lifecycle.invalid_input'],
      );
    });

    it('transition with a missing, zero, negative, fractional, string or otherwise bad expectedVersion: store.invalid; a stale one: store.conflict', async () => {
      const versions: unknown[] = [undefined, 0, -1, -3, 1.5, 3.0000001, '3', '3; drop table intervento', NaN, Infinity, -Infinity, null, true, [3], { valueOf: () => 3 }];
      const all = await hostile(
        [
          ...versions.map((expectedVersion) => [
            `expectedVersion ${String(expectedVersion)}`,
            (s: Session) => s.transition('intervento', a.intervento, 'sospendi', { expectedVersion, reason: 'prova' } as never),
          ] as [string, (s: Session) => Promise<Result<unknown, string>>]),
          ...([undefined, null, 'x', 3, [], { reason: 'prova' }] as unknown[]).map((options) => [
            `options ${JSON.stringify(options)}`,
            (s: Session) => s.transition('intervento', a.intervento, 'sospendi', options as never),
          ] as [string, (s: Session) => Promise<Result<unknown, string>>]),
          ['closePresaInCarico expectedVersion "2"', (s) => s.closePresaInCarico(a.presa, { expectedVersion: '2', reason: 'x' } as never)],
          ['closePresaInCarico no options', (s) => s.closePresaInCarico(a.presa, undefined as never)],
        ],
        ['store.invalid'],
      );
      expect(all.every((i) => i.path.join('.') === 'expectedVersion' || i.params.kind !== undefined)).toBe(true);
      await hostile(
        [
          ['stale version', (s) => s.transition('intervento', a.intervento, 'sospendi', { expectedVersion: 2, reason: 'prova' })],
          ['future version', (s) => s.transition('intervento', a.intervento, 'sospendi', { expectedVersion: 4, reason: 'prova' })],
          // Integers past PostgreSQL's integer or JavaScript's safe range are compared, never sent to the database.
          ['version 2^31', (s) => s.transition('intervento', a.intervento, 'sospendi', { expectedVersion: 2 ** 31, reason: 'prova' })],
          ['version past MAX_SAFE_INTEGER', (s) => s.transition('intervento', a.intervento, 'sospendi', { expectedVersion: Number.MAX_SAFE_INTEGER + 2, reason: 'prova' })],
        ],
        ['store.conflict'],
      );
    });

    it('list with unknown filter keys, bad limits, SQL in filter values: store.invalid; SQL in a status is just a string that matches nothing', async () => {
      const filters: unknown[] = [
        { where: '1=1' }, { ente: 'H501' }, { orderBy: 'id; drop table persona' }, { constructor: 'x' }, JSON.parse('{"__proto__": {"limit": 1000}}'), { Persona: a.persona },
        { limit: 0 }, { limit: 1001 }, { limit: 'x' }, { limit: '10' }, { limit: -1 }, { limit: 1.5 }, { limit: NaN }, { limit: Infinity }, { limit: null }, { limit: [10] },
        { persona: SQL }, { persona: `${a.persona}' or '1'='1` }, { persona: a.persona.toUpperCase() }, { persona: CF.persona }, { persona: BIG }, { persona: [a.persona] }, { persona: null },
        { after: SQL }, { after: BIG }, { presaInCarico: SQL }, { intervento: a.intervento }, // persona has no intervento column
        { status: 42 }, { status: [SQL, 42] }, { status: { $in: ['attiva'] } },
        null, [], 'persona', 42,
      ];
      await hostile(
        filters.map((filter) => [`filter ${JSON.stringify(filter)?.slice(0, 60)}`, (s: Session) => s.list('persona', filter as never)] as [string, (s: Session) => Promise<Result<unknown, string>>]),
        ['store.invalid'],
      );
      // A status filter is a bound parameter: SQL in it matches no row (and reads nothing, so audits nothing).
      const before = await snapshot(store);
      const found = await run(store, 'A944', a.as, async (s) =>
        ok([must(await s.list('persona', { status: SQL })), must(await s.list('persona', { status: [SQL, `attiva' or '1'='1`] })), must(await s.list('intervento', { status: BIG }))]),
      );
      expect(found).toEqual([[], [], []]);
      expect(await snapshot(store)).toEqual(before);
    });

    it('get with non-UUID or SQL ids: store.not_found or store.invalid, never the id back, nothing written', async () => {
      const ids: unknown[] = ['x', '', SQL, `${a.persona}' or '1'='1`, `${a.persona}; drop table persona`, a.persona.toUpperCase(), ` ${a.persona}`, `${a.persona}\n`, CF.persona, BIG, null, undefined, 42, {}, [a.persona], { id: a.persona }];
      await hostile(
        ids.flatMap((id) => {
          const name = typeof id === 'string' ? id.slice(0, 40) : String(id);
          return [
            [`get ${name}`, (s: Session) => s.get('persona', id as never)],
            [`get cartella ${name}`, (s: Session) => s.get('cartella', id as never)],
            [`transition ${name}`, (s: Session) => s.transition('presa-in-carico', id as never, 'sospendi', { expectedVersion: 2, reason: 'prova' })],
            [`close ${name}`, (s: Session) => s.closePresaInCarico(id as never, { expectedVersion: 2, reason: 'prova' } as never)],
          ] as [string, (s: Session) => Promise<Result<unknown, string>>][];
        }),
        ['store.not_found', 'store.invalid'],
      );
      // Hostile read options.
      await hostile(
        ([null, 'breakGlass', 42, []] as unknown[]).map((options) => [`get options ${JSON.stringify(options)}`, (s: Session) => s.get('persona', a.persona, options as never)] as [string, (s: Session) => Promise<Result<unknown, string>>]),
        ['store.invalid'],
      );
    });

    it('bookkeeping and lifecycle fields given by the caller are not taken: the store sets them', async () => {
      const other = newId('operatore');
      const created = await run(store, 'A944', a.as, async (s) =>
        s.create('presa-in-carico', {
          cartella: a.cartella, persona: a.persona, areaUtenza: { system: 'siuss.area-utenza', version: 'PS_PSA_SINA201812', code: '2' }, servizio: a.servizio, caseManager: a.as.operatoreId, avviataIl: '2025-05-01',
          status: 'chiusa', history: [], version: 42, createdBy: other, updatedBy: other, createdAt: '1999-01-01T00:00:00Z', updatedAt: '1999-01-01T00:00:00Z',
        } as never),
      );
      expect(created.status).toBe('proposta');
      expect(created.version).toBe(1);
      expect(created.createdBy).toBe(a.as.operatoreId);
      expect(created.updatedBy).toBe(a.as.operatoreId);
      expect(created.createdAt).not.toBe('1999-01-01T00:00:00Z');
      expect(created.history.map((h) => h.status)).toEqual(['proposta']);
      const stored = await store.executor.query<{ status: string; version: number }>('select status, version from presa_in_carico where ente = $1 and id = $2', ['A944', created.id]);
      expect(stored.rows).toEqual([{ status: 'proposta', version: 1 }]);
    });
  });
}
