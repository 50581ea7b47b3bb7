// SPDX-License-Identifier: BSD-3-Clause
import type { IsoDate } from '@riuso-sociale/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendAudit, auditEventSchema, verifyAuditChain, type AuditEvent } from '../audit.js';
import { sample, SAMPLE_IDS } from '../entities/samples.js';
import { RUOLI, type Instant, type Ruolo } from '../base.js';
import { newId, type Id } from '../ids.js';
import { ACCESS_ACTIONS, accessResource, canAccess, type AccessAction, type AccessAssignment, type AccessContext, type AccessOperator, type AccessResource } from './access.js';

const at = (s: string): Instant => s as Instant;
const day = (s: string): IsoDate => s as IsoDate;
const AT = at('2025-03-01T09:30:00Z');

const persona = newId('persona');
const presa = newId('presa-in-carico');
const otherPresa = newId('presa-in-carico');
const op = (ruolo: Ruolo = 'assistente-sociale', extra: Partial<AccessOperator> = {}): AccessOperator => ({ id: newId('operatore'), ruolo, ...extra });
const assign = (o: AccessOperator, extra: Partial<AccessAssignment> = {}): AccessAssignment => ({
  operatore: o.id,
  presaInCarico: presa,
  persona,
  ruolo: 'case-manager',
  status: 'attiva',
  dal: day('2025-01-01'),
  ...extra,
});
const ctx = (assegnazioni: readonly AccessAssignment[], extra: Partial<AccessContext> = {}): AccessContext => ({ at: AT, assegnazioni, ...extra });
const intervento = (extra: Partial<AccessResource> = {}): AccessResource => ({ kind: 'intervento', id: newId('intervento'), persona, presaInCarico: presa, ...extra });
const note = (riservatezza: 'normale' | 'equipe' | 'solo-autore', autore: Id<'operatore'>, extra: Partial<AccessResource> = {}): AccessResource => ({
  kind: 'diario',
  id: newId('diario'),
  persona,
  presaInCarico: presa,
  riservatezza,
  autore,
  ...extra,
});

describe('canAccess: active assignment (Garante, dossier sanitario 4-6-2015)', () => {
  it('allows an operator with an active assignment on the presa in carico, and audits the read', () => {
    const o = op();
    const d = canAccess(o, 'read', intervento(), ctx([assign(o)]));
    expect(d).toMatchObject({ allowed: true, breakGlass: false, rule: 'allowed' });
    expect(d.audit).toMatchObject({ action: 'read', outcome: 'success', persona, actor: { operatoreId: o.id, role: 'assistente-sociale' } });
    expect(auditEventSchema.safeParse(d.audit).success).toBe(true);
  });

  it('denies an operator with no assignment, with one audit event access-denied / denied', () => {
    const o = op();
    const d = canAccess(o, 'read', intervento(), ctx([]));
    expect(d).toMatchObject({ allowed: false, breakGlass: false, rule: 'no-active-assignment' });
    expect(d.audit).toMatchObject({ action: 'access-denied', outcome: 'denied', reason: 'read: no-active-assignment' });
    expect(auditEventSchema.safeParse(d.audit).success).toBe(true);
  });

  it('denies with an expired assignment (al < day of at), a future one, a terminated or entered-in-error one', () => {
    const o = op();
    for (const a of [
      assign(o, { al: day('2025-02-28') }),
      assign(o, { dal: day('2025-03-02') }),
      assign(o, { status: 'terminata', al: day('2025-12-31') }),
      assign(o, { status: 'entered-in-error' }),
    ]) {
      expect(canAccess(o, 'read', intervento(), ctx([a])).rule).toBe('no-active-assignment');
    }
    // `al` is inclusive.
    expect(canAccess(o, 'read', intervento(), ctx([assign(o, { al: day('2025-03-01') })])).allowed).toBe(true);
  });

  it('compares assignment dates with the calendar day in Italy, not in UTC', () => {
    const o = op();
    // 2025-02-28T23:30Z is already 1 March in Rome (UTC+1).
    const a = assign(o, { dal: day('2025-03-01') });
    expect(canAccess(o, 'read', intervento(), ctx([a], { at: at('2025-02-28T23:30:00Z') })).allowed).toBe(true);
    expect(canAccess(o, 'read', intervento(), ctx([a], { at: at('2025-02-28T22:30:00Z') })).allowed).toBe(false);
  });

  it('does not count an assignment of another operator, or on another presa in carico of the record', () => {
    const o = op();
    const other = op();
    expect(canAccess(o, 'read', intervento(), ctx([assign(other)])).allowed).toBe(false);
    expect(canAccess(o, 'read', intervento(), ctx([assign(o, { presaInCarico: otherPresa })])).allowed).toBe(false);
    // A record not tied to a presa in carico (the persona) is reachable through any presa of the person.
    expect(canAccess(o, 'read', { kind: 'persona', id: persona, fields: ['cognome'] }, ctx([assign(o, { presaInCarico: otherPresa })])).allowed).toBe(true);
    expect(canAccess(o, 'read', { kind: 'persona', id: newId('persona') }, ctx([assign(o)])).allowed).toBe(false);
  });

  it('refuses a disabled operator even with an assignment and break-glass', () => {
    const o = op('assistente-sociale', { attivo: false });
    const d = canAccess(o, 'read', intervento(), ctx([assign(o)], { breakGlass: { reason: 'urgenza' } }));
    expect(d.rule).toBe('operator-inactive');
    expect(d.audit.action).toBe('access-denied');
  });

  it('refuses a record that names neither the person nor the presa in carico', () => {
    const o = op();
    expect(canAccess(o, 'read', { kind: 'intervento', id: newId('intervento') }, ctx([assign(o)])).rule).toBe('unscoped-resource');
  });

  it('refuses an invalid request (instant, action) and still yields a valid audit event', () => {
    const o = op();
    const d = canAccess(o, 'read', intervento(), ctx([assign(o)], { at: at('2025-03-01') }));
    expect(d.rule).toBe('invalid-request');
    expect(auditEventSchema.safeParse(d.audit).success).toBe(true);
    expect(canAccess(o, 'delete' as AccessAction, intervento(), ctx([assign(o)])).rule).toBe('invalid-request');
  });
});

describe('canAccess: break-glass', () => {
  it('allows reading without assignment only with a non-empty reason, and always audits it with the reason', () => {
    const o = op('educatore');
    const ok = canAccess(o, 'read', intervento(), ctx([], { breakGlass: { reason: '  Minore in pericolo, case manager irraggiungibile  ' } }));
    expect(ok).toMatchObject({ allowed: true, breakGlass: true, rule: 'break-glass' });
    expect(ok.audit).toMatchObject({ action: 'break-glass', outcome: 'success', reason: 'Minore in pericolo, case manager irraggiungibile', persona });
    expect(auditEventSchema.safeParse(ok.audit).success).toBe(true);

    for (const reason of ['', '   ', 'x'.repeat(2001)]) {
      const d = canAccess(o, 'read', intervento(), ctx([], { breakGlass: { reason } }));
      expect(d).toMatchObject({ allowed: false, breakGlass: false, rule: 'break-glass-reason' });
      expect(d.audit).toMatchObject({ action: 'access-denied', outcome: 'denied' });
      expect(auditEventSchema.safeParse(d.audit).success).toBe(true);
    }
    expect(canAccess(o, 'read', intervento(), ctx([], { breakGlass: {} as never })).rule).toBe('break-glass-reason');
  });

  it('is for reading only, and only for care roles', () => {
    const reason = { reason: 'emergenza' };
    for (const action of ['update', 'transition', 'export', 'print'] as const) {
      expect(canAccess(op(), action, intervento(), ctx([], { breakGlass: reason })).rule).toBe('break-glass-not-applicable');
    }
    expect(canAccess(op('amministrativo'), 'read', intervento({ fields: ['dal'] }), ctx([], { breakGlass: reason })).rule).toBe('break-glass-not-applicable');
  });

  it('is not used when the operator has an assignment anyway', () => {
    const o = op();
    const d = canAccess(o, 'read', intervento(), ctx([assign(o)], { breakGlass: { reason: 'non serve' } }));
    expect(d).toMatchObject({ allowed: true, breakGlass: false, rule: 'allowed' });
    expect(d.audit.action).toBe('read');
  });

  it('never lifts role limits nor author-only and équipe notes; the denied event keeps the reason given', () => {
    const o = op();
    const other = op().id;
    const bg = { breakGlass: { reason: 'emergenza' } };
    expect(canAccess(o, 'read', note('solo-autore', other), ctx([], bg)).rule).toBe('diario-solo-autore');
    const d = canAccess(o, 'read', note('equipe', other), ctx([], bg));
    expect(d.rule).toBe('diario-equipe');
    expect(d.audit.reason).toBe('read: diario-equipe; break-glass: emergenza');
    expect(canAccess(op('amministrativo'), 'read', intervento(), ctx([], bg)).rule).toBe('role-sensitivity');
    expect(canAccess(op('dpo'), 'read', intervento(), ctx([], bg)).rule).toBe('role-kind');
    // A normal note is opened by break-glass.
    expect(canAccess(o, 'read', note('normale', other), ctx([], bg)).rule).toBe('break-glass');
  });
});

describe('canAccess: diary confidentiality', () => {
  it('solo-autore: only the author (who must still be assigned)', () => {
    const author = op();
    const colleague = op();
    const n = note('solo-autore', author.id);
    expect(canAccess(author, 'read', n, ctx([assign(author)])).allowed).toBe(true);
    expect(canAccess(colleague, 'read', n, ctx([assign(colleague)])).rule).toBe('diario-solo-autore');
    expect(canAccess(author, 'read', n, ctx([])).rule).toBe('no-active-assignment');
  });

  it('equipe: only operators assigned to that presa in carico', () => {
    const author = op();
    const member = op('psicologo');
    const elsewhere = op('educatore');
    const n = note('equipe', author.id);
    expect(canAccess(member, 'read', n, ctx([assign(member, { ruolo: 'equipe' })])).allowed).toBe(true);
    expect(canAccess(elsewhere, 'read', n, ctx([assign(elsewhere, { presaInCarico: otherPresa })])).rule).toBe('diario-equipe');
    expect(canAccess(member, 'read', note('equipe', author.id, { presaInCarico: undefined as never }), ctx([assign(member)])).rule).toBe('diario-equipe');
    expect(canAccess(member, 'read', n, ctx([assign(member, { al: day('2025-02-01') })])).rule).toBe('diario-equipe');
  });

  it('normale: any operator assigned to a presa in carico of the person', () => {
    const author = op();
    const o = op('educatore');
    expect(canAccess(o, 'read', note('normale', author.id), ctx([assign(o, { presaInCarico: otherPresa })])).allowed).toBe(true);
    expect(canAccess(o, 'read', note('normale', author.id), ctx([])).rule).toBe('no-active-assignment');
  });

  it('a note without a confidentiality level is treated as solo-autore', () => {
    const author = op();
    const o = op();
    const n: AccessResource = { kind: 'diario', id: newId('diario'), persona, presaInCarico: presa, autore: author.id };
    expect(canAccess(o, 'read', n, ctx([assign(o)])).rule).toBe('diario-solo-autore');
  });

  it('only the author changes a note; amministrativo never reads the diary', () => {
    const author = op();
    const o = op();
    expect(canAccess(o, 'update', note('normale', author.id), ctx([assign(o)])).rule).toBe('diario-author-only-change');
    expect(canAccess(author, 'transition', note('normale', author.id), ctx([assign(author)])).allowed).toBe(true);
    const adm = op('amministrativo');
    expect(canAccess(adm, 'read', note('normale', author.id, { fields: ['data'] }), ctx([assign(adm)])).rule).toBe('role-kind');
  });
});

describe('canAccess: roles', () => {
  it('amministrativo reads ordinary fields only', () => {
    const adm = op('amministrativo');
    const c = ctx([assign(adm, { ruolo: 'equipe' })]);
    expect(canAccess(adm, 'read', intervento({ fields: ['dal', 'al', 'sogliaIseeCents'] }), c).allowed).toBe(true);
    expect(canAccess(adm, 'read', intervento({ fields: ['prestazione'] }), c).rule).toBe('role-sensitivity');
    expect(canAccess(adm, 'read', intervento({ sensitivity: 'special' }), c).rule).toBe('role-sensitivity');
    expect(canAccess(adm, 'read', intervento(), c).rule).toBe('role-sensitivity'); // whole record
    expect(canAccess(adm, 'read', { kind: 'cartella', id: newId('cartella'), persona, sensitivity: 'judicial' }, c).rule).toBe('role-sensitivity');
    // An unknown field counts as special.
    expect(canAccess(adm, 'read', intervento({ fields: ['nope'] }), c).rule).toBe('role-sensitivity');
  });

  it('operatore-ente-gestore: only the interventi of their provider, with an assignment', () => {
    const g = op('operatore-ente-gestore');
    const mine = newId('intervento');
    const c = ctx([assign(g, { ruolo: 'ente-gestore' })], { interventiAssegnati: [mine] });
    const fields = ['dal', 'prestazione'];
    expect(canAccess(g, 'read', intervento({ id: mine, fields }), c).allowed).toBe(true);
    expect(canAccess(g, 'read', intervento({ fields }), c).rule).toBe('ente-gestore-intervento');
    const erog: AccessResource = { kind: 'erogazione', id: newId('erogazione'), persona, presaInCarico: presa, intervento: mine, fields: ['importoCents'] };
    expect(canAccess(g, 'update', erog, c).allowed).toBe(true);
    expect(canAccess(g, 'update', intervento({ id: mine, fields }), c).rule).toBe('role-action');
    expect(canAccess(g, 'read', { kind: 'valutazione', id: newId('valutazione'), persona, presaInCarico: presa }, c).rule).toBe('role-kind');
    expect(canAccess(g, 'read', intervento({ id: mine, sensitivity: 'judicial' }), c).rule).toBe('role-sensitivity');
    expect(canAccess(g, 'read', intervento({ id: mine, fields }), ctx([], { interventiAssegnati: [mine] })).rule).toBe('no-active-assignment');
  });

  it('dpo reads the audit log only', () => {
    const dpo = op('dpo');
    const d = canAccess(dpo, 'read', { kind: 'audit-event', id: newId('audit-event') }, ctx([]));
    expect(d).toMatchObject({ allowed: true, rule: 'role-grant' });
    expect(canAccess(dpo, 'export', { kind: 'audit-event', id: newId('audit-event') }, ctx([])).rule).toBe('role-action');
    expect(canAccess(dpo, 'read', intervento(), ctx([assign(dpo)])).rule).toBe('role-kind');
    expect(canAccess(dpo, 'read', { kind: 'operatore', id: newId('operatore') }, ctx([])).rule).toBe('role-kind');
    expect(canAccess(op(), 'read', { kind: 'audit-event', id: newId('audit-event') }, ctx([])).rule).toBe('role-kind');
  });

  it('sistema exports SIUSS records without an assignment, never diary notes', () => {
    const s = op('sistema');
    expect(canAccess(s, 'export', { kind: 'erogazione', id: newId('erogazione'), persona }, ctx([])).allowed).toBe(true);
    expect(canAccess(s, 'read', note('normale', s.id), ctx([])).rule).toBe('role-kind');
    expect(canAccess(s, 'print', { kind: 'erogazione', id: newId('erogazione'), persona }, ctx([])).rule).toBe('role-action');
  });

  it('organisational records: read by staff, changed by managers', () => {
    expect(canAccess(op('educatore'), 'read', { kind: 'servizio', id: newId('servizio') }, ctx([])).allowed).toBe(true);
    expect(canAccess(op('educatore'), 'update', { kind: 'servizio', id: newId('servizio') }, ctx([])).rule).toBe('role-action');
    expect(canAccess(op('responsabile-servizio'), 'update', { kind: 'operatore', id: newId('operatore') }, ctx([])).allowed).toBe(true);
  });
});

describe('canAccess: every decision yields exactly one valid audit event', () => {
  it('property: allowed ⇔ outcome success; denied ⇒ access-denied; break-glass ⇒ action break-glass with the reason', () => {
    const o = op();
    const author = op();
    const kinds = ['intervento', 'diario', 'persona', 'valutazione', 'audit-event', 'servizio', 'flusso-siuss', 'erogazione'] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...RUOLI),
        fc.constantFrom(...ACCESS_ACTIONS),
        fc.constantFrom(...kinds),
        fc.constantFrom('normale', 'equipe', 'solo-autore', undefined),
        fc.boolean(),
        fc.option(fc.constantFrom('', '  ', 'urgenza sanitaria'), { nil: undefined }),
        fc.option(fc.constantFrom('2024-12-31', '2025-02-28', '2025-03-01', '2025-12-31'), { nil: undefined }),
        fc.constantFrom('attiva', 'terminata', 'entered-in-error') as fc.Arbitrary<AccessAssignment['status']>,
        fc.boolean(),
        (ruolo, action, kind, riservatezza, isAuthor, reason, al, status, withFields) => {
          const who: AccessOperator = { ...o, ruolo };
          const resource: AccessResource = {
            kind,
            id: newId(kind),
            persona,
            presaInCarico: presa,
            ...(riservatezza === undefined ? {} : { riservatezza }),
            autore: isAuthor ? who.id : author.id,
            ...(withFields ? { fields: ['id'] } : {}),
          };
          const a = assign(who, { status, ...(al === undefined ? {} : { al: day(al) }) });
          const d = canAccess(who, action, resource, ctx([a], reason === undefined ? {} : { breakGlass: { reason } }));
          expect(auditEventSchema.safeParse(d.audit).success).toBe(true);
          expect(d.audit.outcome).toBe(d.allowed ? 'success' : 'denied');
          if (!d.allowed) expect(d.audit.action).toBe('access-denied');
          if (d.breakGlass) {
            expect(d.allowed).toBe(true);
            expect(d.audit.action).toBe('break-glass');
            expect(d.audit.reason).toBe(reason?.trim());
            expect(reason?.trim()).not.toBe('');
          } else if (d.allowed) expect(d.audit.action).toBe(action);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('the events chain into a verifiable audit log', () => {
    const o = op();
    const key = { id: 'access-test', secret: new Uint8Array(32).fill(9) };
    let log: readonly AuditEvent[] = [];
    for (const d of [canAccess(o, 'read', intervento(), ctx([assign(o)])), canAccess(o, 'read', intervento(), ctx([])), canAccess(o, 'read', intervento(), ctx([], { breakGlass: { reason: 'urgenza' } }))]) {
      const r = appendAudit(log, d.audit, key);
      if (!r.ok) throw new Error(r.issues[0].message);
      log = r.value;
    }
    expect(log.map((e) => e.action)).toEqual(['read', 'access-denied', 'break-glass']);
    expect(verifyAuditChain(log, { keys: new Map([[key.id, key.secret]]), expectedHead: { seq: 3, hash: log[2]!.hash! } }).ok).toBe(true);
  });
});

describe('canAccess with the model entities (samples)', () => {
  it('an Operatore and its Assegnazione records fit; the sample case manager reads the sample records', () => {
    const operatore = sample('operatore');
    const assegnazione: AccessAssignment = sample('assegnazione');
    const who: AccessOperator = operatore;
    const c = ctx([assegnazione], { at: at('2025-04-01T08:00:00Z') });
    for (const kind of ['diario', 'intervento', 'valutazione', 'presa-in-carico', 'persona', 'erogazione'] as const) {
      const d = canAccess(who, 'read', accessResource(kind, sample(kind)), c);
      expect(d.allowed, kind).toBe(true);
      expect(d.audit.persona, kind).toBe(SAMPLE_IDS.persona);
    }
    // Before the assignment started (2025-03-10): denied.
    expect(canAccess(who, 'read', accessResource('intervento', sample('intervento')), ctx([assegnazione], { at: at('2025-03-09T08:00:00Z') })).allowed).toBe(false);
    // The coordinator (of the same Ente) is not assigned: an author-only note of the case manager stays closed, also with break-glass.
    const coord: AccessOperator = { id: SAMPLE_IDS.coordinatore, ruolo: 'coordinatore', ente: { belfiore: 'F205' } };
    const secret = accessResource('diario', sample('diario', { riservatezza: 'solo-autore' }));
    expect(canAccess(coord, 'read', secret, ctx([], { breakGlass: { reason: 'urgenza' } })).rule).toBe('diario-solo-autore');
    expect(canAccess(who, 'read', secret, c).allowed).toBe(true);
  });

  it('accessResource reads id, person, presa in carico, diary level and author, intervento, fields', () => {
    const erog = accessResource('erogazione', sample('erogazione'), ['importoCents']);
    expect(erog).toMatchObject({ kind: 'erogazione', persona: SAMPLE_IDS.persona, intervento: SAMPLE_IDS.intervento, fields: ['importoCents'] });
    expect(accessResource('persona', sample('persona')).persona).toBe(SAMPLE_IDS.persona);
    expect(accessResource('presa-in-carico', sample('presa-in-carico')).presaInCarico).toBe(SAMPLE_IDS['presa-in-carico']);
    expect(accessResource('diario', sample('diario'))).toMatchObject({ riservatezza: 'normale', autore: SAMPLE_IDS.operatore });
    expect(accessResource('intervento', sample('diario') as never).riservatezza).toBeUndefined();
  });
});

describe('canAccess: malformed operators and assignments never grant access (fail closed)', () => {
  it('an assignment with dal "" or an unpadded al ("2025-2-1", checked in March) does not count', () => {
    const o = op();
    expect(canAccess(o, 'read', intervento(), ctx([assign(o, { dal: '' as IsoDate })])).rule).toBe('no-active-assignment');
    expect(canAccess(o, 'read', intervento(), ctx([assign(o, { al: '2025-2-1' as IsoDate })])).rule).toBe('no-active-assignment');
    for (const dal of ['2025-1-1', '2025-02-30', '20250101', ' 2025-01-01', undefined, null, 20250101]) {
      expect(canAccess(o, 'read', intervento(), ctx([assign(o, { dal: dal as unknown as IsoDate })])).allowed, String(dal)).toBe(false);
    }
    for (const al of ['', '2025-12-1', '2025-13-01', null, 0]) {
      expect(canAccess(o, 'read', intervento(), ctx([assign(o, { al: al as unknown as IsoDate })])).allowed, String(al)).toBe(false);
    }
    expect(canAccess(o, 'read', intervento(), ctx([assign(o, { al: undefined })])).allowed).toBe(true);
  });

  it('an operator without a UUID id is an invalid request, even when the assignment has no operatore either', () => {
    const noId = { ruolo: 'assistente-sociale' } as unknown as AccessOperator;
    const a = { presaInCarico: presa, persona, status: 'attiva', dal: day('2025-01-01') } as unknown as AccessAssignment;
    const d = canAccess(noId, 'read', intervento(), ctx([a]));
    expect(d).toMatchObject({ allowed: false, rule: 'invalid-request' });
    expect(auditEventSchema.safeParse(d.audit).success).toBe(true);
    for (const id of ['', 'mario', '0F8FAD5B-D9CB-469F-A165-70867728950E', null, 42]) {
      const who = { id, ruolo: 'assistente-sociale' } as unknown as AccessOperator;
      const r = canAccess(who, 'read', intervento(), ctx([{ ...assign(op()), operatore: id } as unknown as AccessAssignment]));
      expect(r.rule, String(id)).toBe('invalid-request');
      expect(auditEventSchema.safeParse(r.audit).success, String(id)).toBe(true);
    }
  });

  it('an unknown role is an invalid request, recorded under the role sistema with a valid event', () => {
    const o = { id: newId('operatore'), ruolo: 'superuser' } as unknown as AccessOperator;
    const d = canAccess(o, 'read', intervento(), ctx([assign(o)]));
    expect(d.rule).toBe('invalid-request');
    expect(d.audit).toMatchObject({ actor: { operatoreId: o.id, role: 'sistema' }, reason: 'read: invalid-request' });
    expect(auditEventSchema.safeParse(d.audit).success).toBe(true);
  });

  it('an assignment counts only with UUID operatore, presaInCarico and persona, and status exactly attiva', () => {
    const o = op();
    for (const bad of [
      { presaInCarico: undefined },
      { persona: undefined },
      { presaInCarico: 'presa-1' },
      { persona: persona.toUpperCase() },
      { status: 'Attiva' },
      { status: 'attiva ' },
      { status: undefined },
    ] as unknown as Partial<AccessAssignment>[]) {
      expect(canAccess(o, 'read', { kind: 'cartella', id: newId('cartella'), persona }, ctx([assign(o, bad)])).allowed, JSON.stringify(bad)).toBe(false);
    }
    // Garbage in the list is skipped, not a crash.
    expect(canAccess(o, 'read', intervento(), ctx([null, 42, 'x', assign(o)] as unknown as AccessAssignment[])).allowed).toBe(true);
  });

  it('attivo must be true or absent: the string "false", null, 0 are a disabled operator', () => {
    for (const attivo of ['false', 'true', null, 0, 1, 'no']) {
      const o = op('assistente-sociale', { attivo: attivo as unknown as boolean });
      expect(canAccess(o, 'read', intervento(), ctx([assign(o)])).rule, String(attivo)).toBe('operator-inactive');
    }
    const yes = op('assistente-sociale', { attivo: true });
    expect(canAccess(yes, 'read', intervento(), ctx([assign(yes)])).allowed).toBe(true);
  });

  it('a resource whose persona or presa in carico is not a UUID is an invalid request, with a valid audit event', () => {
    const o = op();
    const d = canAccess(o, 'read', intervento({ persona: 'RSSMRA80A01H501U' as Id<'persona'> }), ctx([assign(o)]));
    expect(d.rule).toBe('invalid-request');
    expect(auditEventSchema.safeParse(d.audit).success).toBe(true);
    expect(JSON.stringify(d)).not.toContain('RSSMRA80A01H501U');
    expect(canAccess(o, 'read', intervento({ presaInCarico: 'x' as Id<'presa-in-carico'> }), ctx([assign(o)])).rule).toBe('invalid-request');
  });

  it('null operator, resource or context is an invalid request, not a TypeError', () => {
    const o = op();
    expect(canAccess(null as unknown as AccessOperator, 'read', intervento(), ctx([])).rule).toBe('invalid-request');
    expect(canAccess(o, 'read', null as unknown as AccessResource, ctx([])).rule).toBe('invalid-request');
    expect(canAccess(o, 'read', intervento(), null as unknown as AccessContext).rule).toBe('invalid-request');
    expect(canAccess(o, 'read', intervento(), { at: AT, assegnazioni: 'x' } as unknown as AccessContext).rule).toBe('no-active-assignment');
    const g = op('operatore-ente-gestore');
    expect(canAccess(g, 'read', intervento({ fields: ['dal'] }), ctx([assign(g)], { interventiAssegnati: 'x' as never })).rule).toBe('ente-gestore-intervento');
  });
});

describe('canAccess: the Ente holding the record (wrong-ente)', () => {
  const MILANO = { belfiore: 'F205' };
  it('a record of an Ente the operator does not work for is refused, before anything else but the request', () => {
    const o = op('assistente-sociale', { ente: MILANO });
    const roma = intervento({ ente: 'H501' });
    const d = canAccess(o, 'read', roma, ctx([assign(o)], { breakGlass: { reason: 'urgenza' } }));
    expect(d).toMatchObject({ allowed: false, rule: 'wrong-ente', breakGlass: false });
    expect(d.reason.it).toMatch(/Ente/);
    expect(d.reason.en).toMatch(/Ente/);
    expect(d.audit).toMatchObject({ action: 'access-denied', outcome: 'denied', reason: 'read: wrong-ente; break-glass: urgenza', ente: 'H501' });
    expect(auditEventSchema.safeParse(d.audit).success).toBe(true);
    // Checked before the operator's state and role.
    expect(canAccess(op('dpo', { ente: MILANO, attivo: false }), 'read', { kind: 'audit-event', id: newId('audit-event'), ente: 'H501' }, ctx([])).rule).toBe('wrong-ente');
    // The same Ente: the usual rules.
    const ok = canAccess(o, 'read', intervento({ ente: 'F205' }), ctx([assign(o)]));
    expect(ok).toMatchObject({ allowed: true, rule: 'allowed' });
    expect(ok.audit.ente).toBe('F205');
  });

  it('an operator without any Ente cannot open a record that names one; malformed codes never match', () => {
    const o = op();
    expect(canAccess(o, 'read', intervento({ ente: 'F205' }), ctx([assign(o)])).rule).toBe('wrong-ente');
    const badOp = op('assistente-sociale', { ente: { belfiore: 'f205' }, enti: ['F2050', ' F205'] });
    expect(canAccess(badOp, 'read', intervento({ ente: 'F205' }), ctx([assign(badOp)])).rule).toBe('wrong-ente');
    const fine = op('assistente-sociale', { ente: MILANO });
    for (const ente of ['', 'f205', 'F20', 'F205 ', 'toString']) {
      expect(canAccess(fine, 'read', intervento({ ente }), ctx([assign(fine)])).rule, ente).toBe('wrong-ente');
    }
    // A record that names no Ente: the rule does not apply (the caller did not say where it is held).
    expect(canAccess(fine, 'read', intervento(), ctx([assign(fine)])).allowed).toBe(true);
  });

  it('an Ambito operator serving several Comuni names them in enti', () => {
    const ambito = op('assistente-sociale', { enti: ['A944', 'G467'] });
    expect(canAccess(ambito, 'read', intervento({ ente: 'G467' }), ctx([assign(ambito)])).allowed).toBe(true);
    expect(canAccess(ambito, 'read', intervento({ ente: 'F205' }), ctx([assign(ambito)])).rule).toBe('wrong-ente');
    const both = op('assistente-sociale', { ente: MILANO, enti: ['G467'] });
    expect(canAccess(both, 'read', intervento({ ente: 'F205' }), ctx([assign(both)])).allowed).toBe(true);
    expect(canAccess(both, 'read', intervento({ ente: 'G467' }), ctx([assign(both)])).allowed).toBe(true);
  });

  it('an assignment of a different Ente never counts', () => {
    const ambito = op('assistente-sociale', { enti: ['A944', 'G467'] });
    const resource = intervento({ ente: 'A944' });
    expect(canAccess(ambito, 'read', resource, ctx([assign(ambito, { ente: 'G467' })])).rule).toBe('no-active-assignment');
    expect(canAccess(ambito, 'read', resource, ctx([assign(ambito, { ente: 'a944' })])).rule).toBe('no-active-assignment');
    expect(canAccess(ambito, 'read', resource, ctx([assign(ambito, { ente: 'A944' })])).allowed).toBe(true);
    // An Assegnazione record carries its Ente as an EnteRef.
    expect(canAccess(ambito, 'read', resource, ctx([assign(ambito, { ente: { belfiore: 'A944' } })])).allowed).toBe(true);
    expect(canAccess(ambito, 'read', resource, ctx([assign(ambito, { ente: { belfiore: 'G467' } })])).allowed).toBe(false);
  });

  it('accessResource reads the Ente of the record; a sample Operatore of the same Ente opens it, of another Ente does not', () => {
    expect(accessResource('intervento', sample('intervento')).ente).toBe('F205');
    expect(accessResource('intervento', { id: newId('intervento') }).ente).toBeUndefined();
    const operatore = sample('operatore');
    const c = ctx([sample('assegnazione')], { at: at('2025-04-01T08:00:00Z') });
    expect(canAccess(operatore, 'read', accessResource('intervento', sample('intervento')), c).allowed).toBe(true);
    const roma = { ...sample('intervento'), ente: { belfiore: 'H501' } };
    expect(canAccess(operatore, 'read', accessResource('intervento', roma), c).rule).toBe('wrong-ente');
  });
});

describe('canAccess: property over Enti and malformed inputs', () => {
  it('allowed ⇒ the record names no Ente or one the operator works for, and any assignment used is of that Ente; every event is appendable', () => {
    const key = { id: 'prop', secret: new Uint8Array(32).fill(1) };
    const codes = ['F205', 'H501', 'A944', 'f205', '', 'X1'];
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom(...codes), { nil: undefined }),
        fc.option(fc.constantFrom(...codes), { nil: undefined }),
        fc.option(fc.subarray(codes), { nil: undefined }),
        fc.option(fc.constantFrom(...codes), { nil: undefined }),
        fc.constantFrom<unknown>(true, undefined, false, 'false', null),
        fc.constantFrom<unknown>(newId('operatore'), undefined, '', 'x'),
        (resEnte, opEnte, opEnti, asgEnte, attivo, id) => {
          const who = { id: id ?? undefined, ruolo: 'assistente-sociale', attivo, ...(opEnte === undefined ? {} : { ente: { belfiore: opEnte } }), ...(opEnti === undefined ? {} : { enti: opEnti }) } as unknown as AccessOperator;
          const a = { ...assign(op()), operatore: who.id, ...(asgEnte === undefined ? {} : { ente: asgEnte }) } as AccessAssignment;
          const d = canAccess(who, 'read', intervento(resEnte === undefined ? {} : { ente: resEnte }), ctx([a]));
          expect(appendAudit([], d.audit, key).ok).toBe(true);
          if (d.allowed) {
            expect(typeof who.id === 'string' && /^[0-9a-f-]{36}$/.test(who.id)).toBe(true);
            expect(attivo === true || attivo === undefined).toBe(true);
            if (resEnte !== undefined) {
              expect([opEnte, ...(opEnti ?? [])]).toContain(resEnte);
              expect(resEnte).toMatch(/^[A-Z]\d{3}$/);
            }
            if (asgEnte !== undefined) expect(asgEnte).toMatch(/^[A-Z]\d{3}$/);
            if (asgEnte !== undefined && resEnte !== undefined) expect(asgEnte).toBe(resEnte);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('canAccess: appuntamento, a record about a person tied to its presa in carico (like intervento)', () => {
  const appuntamento = (extra: Partial<AccessResource> = {}): AccessResource => ({ kind: 'appuntamento', id: newId('appuntamento'), persona, presaInCarico: presa, ...extra });

  it('care roles: every action with an active assignment on that presa in carico, none without', () => {
    for (const ruolo of ['assistente-sociale', 'educatore', 'psicologo', 'coordinatore', 'responsabile-servizio'] as const) {
      const o = op(ruolo);
      for (const action of ACCESS_ACTIONS) {
        const d = canAccess(o, action, appuntamento(), ctx([assign(o)]));
        expect(d.allowed, `${ruolo} ${action}`).toBe(true);
        expect(d.audit.entity.kind).toBe('appuntamento');
      }
      expect(canAccess(o, 'read', appuntamento(), ctx([])).rule).toBe('no-active-assignment');
      expect(canAccess(o, 'read', appuntamento(), ctx([assign(o, { presaInCarico: otherPresa })])).rule).toBe('no-active-assignment');
    }
  });

  it('with no presa in carico, an assignment on any presa in carico of the person will do; with neither, unscoped', () => {
    const o = op();
    expect(canAccess(o, 'read', appuntamento({ presaInCarico: undefined } as never), ctx([assign(o)])).allowed).toBe(true);
    const { persona: _p, presaInCarico: _c, ...bare } = appuntamento();
    expect(canAccess(o, 'read', bare as AccessResource, ctx([assign(o)])).rule).toBe('unscoped-resource');
  });

  it('amministrativo: only the ordinary fields (when, how, who), never the subject, notes or place', () => {
    const o = op('amministrativo');
    const c = ctx([assign(o)]);
    expect(canAccess(o, 'read', appuntamento({ fields: ['inizio', 'fine', 'modalita', 'operatore', 'servizio', 'status'] }), c).allowed).toBe(true);
    for (const field of ['oggetto', 'note', 'luogo', 'motivoAnnullamento']) {
      expect(canAccess(o, 'read', appuntamento({ fields: [field] }), c).rule, field).toBe('role-sensitivity');
    }
    expect(canAccess(o, 'read', appuntamento(), c).rule).toBe('role-sensitivity');
  });

  it('provider staff, the SIUSS job and the DPO have no access to appointments', () => {
    for (const ruolo of ['operatore-ente-gestore', 'sistema', 'dpo'] as const) {
      const o = op(ruolo);
      expect(canAccess(o, 'read', appuntamento(), ctx([assign(o)], { interventiAssegnati: [] })).rule, ruolo).toBe('role-kind');
    }
  });

  it('another Ente\'s appointment is refused, break-glass included', () => {
    const o = op('assistente-sociale', { ente: { belfiore: 'F205' } });
    const d = canAccess(o, 'read', appuntamento({ ente: 'H501' }), ctx([assign(o)], { breakGlass: { reason: 'urgenza' } }));
    expect(d.rule).toBe('wrong-ente');
  });

  it('accessResource reads persona, presa in carico and Ente of the sample', () => {
    const a = sample('appuntamento');
    expect(accessResource('appuntamento', a)).toEqual({ kind: 'appuntamento', id: a.id, persona: a.persona, presaInCarico: a.presaInCarico, ente: 'F205' });
  });
});
