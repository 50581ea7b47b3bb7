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
    // The coordinator is not assigned: an author-only note of the case manager stays closed, also with break-glass.
    const coord: AccessOperator = { id: SAMPLE_IDS.coordinatore, ruolo: 'coordinatore' };
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
