// SPDX-License-Identifier: BSD-3-Clause
import { randomBytes } from 'node:crypto';
import type { IsoDate } from '@riuso-sociale/core';
import { omocodeVariants } from '@riuso-sociale/fiscal-code';
import { describe, expect, it } from 'vitest';
import { appendAudit, auditEventSchema, verifyAuditChain, type AuditEvent } from '../audit.js';
import type { Instant } from '../base.js';
import { newId } from '../ids.js';
import type { AccessAction, AccessResource } from './access.js';
import {
  canCitizenAccess,
  checkCitizenActor,
  citizenAuditActor,
  isCitizenAuditActor,
  type CitizenAccessContext,
  type CitizenActor,
  type CitizenRequester,
} from './citizen-access.js';

const day = (s: string): IsoDate => s as IsoDate;
const KEY = randomBytes(32);
const ADULT_CF = 'SPSGNN90D42F839H';
const PARENT_CF = 'FRRCRL75A20H501B';
const OTHER_CF = 'CNTLNE88L55H501G';
const MINOR_CF = 'GLLLCU80C03H501N'; // any valid code: the rule reads the birth date of the record

const adult = newId('persona');
const child = newId('persona');
const ctx = (extra: Partial<CitizenAccessContext> = {}, subject: Partial<CitizenAccessContext['subject']> = {}): CitizenAccessContext => ({
  at: '2026-03-01T09:30:00Z' as Instant,
  asOf: day('2026-03-01'),
  ente: 'A944',
  pseudonymKey: KEY,
  subject: { id: adult, codiceFiscale: ADULT_CF, dataNascita: day('1990-04-02'), ente: 'A944', ...subject },
  ...extra,
});
const childCtx = (asOf = '2026-03-01', extra: Partial<CitizenAccessContext> = {}): CitizenAccessContext =>
  ctx({ asOf: day(asOf), ...extra }, { id: child, codiceFiscale: MINOR_CF, dataNascita: day('2010-06-15') });
const rec = (persona: string = adult, extra: Partial<AccessResource> = {}): AccessResource => ({ kind: 'intervento', id: newId('intervento'), persona: persona as never, ente: 'A944', ...extra });
const me = (requester: CitizenRequester = { kind: 'interessato' }, codiceFiscale = ADULT_CF): CitizenActor => ({ kind: 'cittadino', codiceFiscale, requester });
const parent = (extra: Partial<CitizenRequester> = {}): CitizenActor => me({ kind: 'genitore', codiceFiscale: PARENT_CF, ...extra }, PARENT_CF);
const decree = { act: 'decreto del Giudice tutelare', reference: 'R.G. 12/2025', date: day('2025-01-10') };

describe('canCitizenAccess: the person themselves', () => {
  it('reads their own records, and the offices of their Ente; one audit event each, valid for the schema', () => {
    const d = canCitizenAccess(me(), 'read', rec(), ctx());
    expect(d).toMatchObject({ allowed: true, rule: 'allowed' });
    expect(d.audit).toMatchObject({ action: 'read', outcome: 'success', persona: adult, ente: 'A944' });
    expect(auditEventSchema.safeParse(d.audit).success).toBe(true);
    const office = canCitizenAccess(me(), 'read', { kind: 'servizio', id: newId('servizio'), ente: 'A944' }, ctx());
    expect(office).toMatchObject({ allowed: true, rule: 'organisation' });
    expect(canCitizenAccess(me(), 'read', { kind: 'persona', id: adult, ente: 'A944' }, ctx()).allowed).toBe(true);
  });

  it('records of an earlier registration merged into them are theirs; nobody else\'s are', () => {
    const earlier = newId('persona');
    expect(canCitizenAccess(me(), 'read', rec(earlier), ctx()).rule).toBe('other-person');
    expect(canCitizenAccess(me(), 'read', rec(earlier), ctx({}, { merged: [earlier] })).allowed).toBe(true);
    expect(canCitizenAccess(me(), 'read', { kind: 'persona', id: earlier, ente: 'A944' }, ctx({}, { merged: [earlier] })).allowed).toBe(true);
    expect(canCitizenAccess(me(), 'read', rec(newId('persona')), ctx({}, { merged: [earlier] })).rule).toBe('other-person');
    // Malformed lists fail closed.
    for (const merged of [['not-a-uuid'], [adult], 'x', Array.from({ length: 101 }, () => newId('persona'))] as never[]) {
      expect(canCitizenAccess(me(), 'read', rec(earlier), ctx({}, { merged })).rule).toBe('invalid-request');
    }
  });

  it('an omocodic variant or lower case of their code is the same person, with the same pseudonym', () => {
    const variant = omocodeVariants(ADULT_CF)[0] as string;
    const a = canCitizenAccess(me({ kind: 'interessato' }, variant.toLowerCase()), 'read', rec(), ctx());
    const b = canCitizenAccess(me(), 'read', rec(), ctx());
    expect(a.allowed).toBe(true);
    expect(a.audit.actor).toEqual(b.audit.actor);
    expect(a.pseudonym).toBe(b.pseudonym);
  });

  it('records the citizen by pseudonym (UUID v8, role sistema), never the codice fiscale', () => {
    const d = canCitizenAccess(me(), 'read', rec(), ctx());
    const json = JSON.stringify(d.audit);
    expect(json).not.toContain(ADULT_CF);
    expect(json).not.toContain(ADULT_CF.slice(0, 6));
    expect(isCitizenAuditActor(d.audit.actor)).toBe(true);
    expect(d.audit.reason).toBe(`citizen read: allowed; requester: interessato; citizen: ${d.pseudonym}`);
    const other = citizenAuditActor(ADULT_CF, randomBytes(32));
    expect(other.ok && other.value.actor.operatoreId).not.toBe(d.audit.actor.operatoreId); // another key, another pseudonym
    expect(isCitizenAuditActor({ operatoreId: newId('operatore'), role: 'sistema' })).toBe(false);
  });

  it('refuses every action but read', () => {
    for (const action of ['update', 'transition', 'export', 'print'] as const) {
      const d = canCitizenAccess(me(), action, rec(), ctx());
      expect(d).toMatchObject({ allowed: false, rule: 'citizen-action' });
      expect(d.audit).toMatchObject({ action: 'access-denied', outcome: 'denied' });
    }
    expect(canCitizenAccess(me(), 'delete' as AccessAction, rec(), ctx()).rule).toBe('citizen-action');
    expect(canCitizenAccess(me(), 'delete' as AccessAction, rec(), ctx()).audit.reason).toContain('citizen unknown-action');
  });

  it("refuses another person's record, a record naming nobody, and another identity", () => {
    expect(canCitizenAccess(me(), 'read', rec(newId('persona')), ctx()).rule).toBe('other-person');
    expect(canCitizenAccess(me(), 'read', { kind: 'cartella', id: newId('cartella'), ente: 'A944' }, ctx()).rule).toBe('other-person');
    expect(canCitizenAccess(me(), 'read', { kind: 'persona', id: newId('persona'), ente: 'A944' }, ctx()).rule).toBe('other-person');
    expect(canCitizenAccess(me({ kind: 'interessato' }, OTHER_CF), 'read', rec(), ctx()).rule).toBe('not-the-subject');
    // A title naming another code than the authenticated one.
    expect(canCitizenAccess(me({ kind: 'interessato', codiceFiscale: OTHER_CF }), 'read', rec(), ctx()).rule).toBe('not-the-requester');
  });

  it("refuses another Ente's record, a record naming no Ente, a subject of another Ente", () => {
    expect(canCitizenAccess(me(), 'read', rec(adult, { ente: 'G467' }), ctx()).rule).toBe('wrong-ente');
    const { ente: _e, ...noEnte } = rec();
    expect(canCitizenAccess(me(), 'read', noEnte, ctx()).rule).toBe('wrong-ente');
    expect(canCitizenAccess(me(), 'read', rec(), ctx({}, { ente: 'G467' })).rule).toBe('wrong-ente');
  });

  it('refuses staff records, SIUSS flows and the audit log', () => {
    for (const kind of ['operatore', 'assegnazione', 'flusso-siuss', 'audit-event'] as const) {
      expect(canCitizenAccess(me(), 'read', { kind, id: newId(kind), persona: adult as never, ente: 'A944' }, ctx()).rule).toBe('citizen-kind');
    }
  });

  it('a person without a codice fiscale gets the view from an operator, not from the portal', () => {
    expect(canCitizenAccess(me(), 'read', rec(), ctx({}, { codiceFiscale: undefined })).rule).toBe('subject-without-cf');
  });

  it('a minor reads alone only from the age the Comune chose (default 18)', () => {
    const kid = me({ kind: 'interessato' }, MINOR_CF);
    expect(canCitizenAccess(kid, 'read', rec(child), childCtx()).rule).toBe('minor-own-view'); // 15
    expect(canCitizenAccess(kid, 'read', rec(child), childCtx('2026-03-01', { minorOwnViewFromAge: 14 })).allowed).toBe(true);
    expect(canCitizenAccess(kid, 'read', rec(child), childCtx('2028-06-15')).allowed).toBe(true); // 18th birthday
  });
});

describe('canCitizenAccess: representatives', () => {
  it('a parent reads the record of a minor child, until the eve of the 18th birthday', () => {
    expect(canCitizenAccess(parent(), 'read', rec(child), childCtx('2028-06-14')).allowed).toBe(true);
    expect(canCitizenAccess(parent(), 'read', rec(child), childCtx('2028-06-15')).rule).toBe('not-a-minor');
    expect(canCitizenAccess(parent(), 'read', rec(), ctx()).rule).toBe('not-a-minor'); // an adult
  });

  it("a parent's title must be the authenticated person's", () => {
    expect(canCitizenAccess(me({ kind: 'genitore' }, PARENT_CF), 'read', rec(child), childCtx()).rule).toBe('not-the-requester');
    expect(canCitizenAccess(me({ kind: 'genitore', codiceFiscale: OTHER_CF }, PARENT_CF), 'read', rec(child), childCtx()).rule).toBe('not-the-requester');
    // Nobody represents themselves.
    expect(canCitizenAccess(me({ kind: 'tutore', codiceFiscale: ADULT_CF, basis: decree }), 'read', rec(), ctx()).rule).toBe('title-invalid');
  });

  it('a guardian needs the decree; a title is read on asOf: not yet valid, expired, malformed', () => {
    const tutore = (extra: Partial<CitizenRequester> = {}) => me({ kind: 'tutore', codiceFiscale: PARENT_CF, basis: decree, ...extra }, PARENT_CF);
    expect(canCitizenAccess(tutore(), 'read', rec(), ctx()).allowed).toBe(true);
    expect(canCitizenAccess(tutore({ basis: undefined }), 'read', rec(), ctx()).rule).toBe('title-invalid');
    expect(canCitizenAccess(tutore({ basis: { ...decree, date: day('2026-02-30') } }), 'read', rec(), ctx()).rule).toBe('title-invalid');
    expect(canCitizenAccess(tutore({ basis: { ...decree, date: day('2026-05-01') } }), 'read', rec(), ctx()).rule).toBe('title-not-yet-valid');
    expect(canCitizenAccess(tutore({ validFrom: day('2026-03-02') }), 'read', rec(), ctx()).rule).toBe('title-not-yet-valid');
    expect(canCitizenAccess(tutore({ validTo: day('2026-02-28') }), 'read', rec(), ctx()).rule).toBe('title-expired');
    expect(canCitizenAccess(tutore({ validTo: day('2026-03-01') }), 'read', rec(), ctx()).allowed).toBe(true); // last day inclusive
    expect(canCitizenAccess(tutore({ validTo: day('01/03/2026') }), 'read', rec(), ctx()).rule).toBe('title-invalid');
    expect(canCitizenAccess(tutore({ validFrom: day('2026-03-01'), validTo: day('2025-03-01') }), 'read', rec(), ctx()).rule).toBe('title-invalid');
  });

  it("an amministratore di sostegno or a delegate only within the scope 'dati-sociali'; a delegation ends", () => {
    const ads = (scope?: string[]) => me({ kind: 'amministratore-di-sostegno', codiceFiscale: PARENT_CF, basis: decree, ...(scope === undefined ? {} : { scope }) }, PARENT_CF);
    expect(canCitizenAccess(ads(['patrimonio', 'dati-sociali']), 'read', rec(), ctx()).allowed).toBe(true);
    expect(canCitizenAccess(ads(['patrimonio']), 'read', rec(), ctx()).rule).toBe('title-scope');
    expect(canCitizenAccess(ads(), 'read', rec(), ctx()).rule).toBe('title-scope');
    const delega = { act: 'delega scritta', date: day('2026-01-10') };
    const delegato = (validTo?: string) => me({ kind: 'delegato', codiceFiscale: PARENT_CF, basis: delega, scope: ['dati-sociali'], ...(validTo === undefined ? {} : { validTo: day(validTo) }) }, PARENT_CF);
    expect(canCitizenAccess(delegato('2026-12-31'), 'read', rec(), ctx()).allowed).toBe(true);
    expect(canCitizenAccess(delegato(), 'read', rec(), ctx()).rule).toBe('title-invalid');
    expect(canCitizenAccess(delegato('2026-02-01'), 'read', rec(), ctx()).rule).toBe('title-expired');
  });
});

describe('canCitizenAccess: malformed and forged input fails closed, and is audited', () => {
  const invalid: [string, () => ReturnType<typeof canCitizenAccess>][] = [
    ['a malformed codice fiscale', () => canCitizenAccess(me({ kind: 'interessato' }, 'SPSGNN90D42F839X'), 'read', rec(), ctx())],
    ['a missing codice fiscale', () => canCitizenAccess({ kind: 'cittadino', requester: { kind: 'interessato' } } as never, 'read', rec(), ctx())],
    ['an operator passed as a citizen', () => canCitizenAccess({ id: newId('operatore'), ruolo: 'assistente-sociale' } as never, 'read', rec(), ctx())],
    ['an unknown requester kind', () => canCitizenAccess(me({ kind: 'nonno' as never }), 'read', rec(), ctx())],
    ['a __proto__ key on the actor', () => canCitizenAccess(JSON.parse(`{"kind":"cittadino","codiceFiscale":"${ADULT_CF}","requester":{"kind":"interessato"},"__proto__":{"kind":"cittadino"}}`), 'read', rec(), ctx())],
    ['a __proto__ key on the title', () => canCitizenAccess(JSON.parse(`{"kind":"cittadino","codiceFiscale":"${PARENT_CF}","requester":{"kind":"genitore","codiceFiscale":"${PARENT_CF}","__proto__":{"validTo":"2099-12-31"}}}`), 'read', rec(child), childCtx())],
    ['a constructor key on the context', () => canCitizenAccess(me(), 'read', rec(), { ...ctx(), constructor: {} } as never)],
    ['an extra key on the actor', () => canCitizenAccess({ ...me(), role: 'responsabile-servizio' } as never, 'read', rec(), ctx())],
    ['a class instance as actor', () => canCitizenAccess(Object.assign(Object.create({ kind: 'cittadino' }), { codiceFiscale: ADULT_CF, requester: { kind: 'interessato' } }), 'read', rec(), ctx())],
    ['an expired-looking malformed asOf', () => canCitizenAccess(me(), 'read', rec(), ctx({ asOf: day('2026-02-30') }))],
    ['an asOf with a time', () => canCitizenAccess(me(), 'read', rec(), ctx({ asOf: day('2026-03-01T00:00:00Z') }))],
    ['a malformed instant', () => canCitizenAccess(me(), 'read', rec(), ctx({ at: '2026-03-01' as Instant }))],
    ['a malformed Ente', () => canCitizenAccess(me(), 'read', rec(), ctx({ ente: "A944' OR '1'='1" }))],
    ['a short pseudonym key', () => canCitizenAccess(me(), 'read', rec(), ctx({ pseudonymKey: 'short' }))],
    ['a missing subject', () => canCitizenAccess(me(), 'read', rec(), { ...ctx(), subject: undefined } as never)],
    ['a subject id that is not a UUID', () => canCitizenAccess(me(), 'read', rec(), ctx({}, { id: "1; DROP TABLE persona" }))],
    ['a record person that is not a UUID', () => canCitizenAccess(me(), 'read', rec("' OR 1=1 --"), ctx())],
    ['an unknown kind', () => canCitizenAccess(me(), 'read', { kind: 'segreto', id: 'x', ente: 'A944' } as never, ctx())],
    ['no resource', () => canCitizenAccess(me(), 'read', null as never, ctx())],
    ['a minor age out of range', () => canCitizenAccess(me(), 'read', rec(), ctx({ minorOwnViewFromAge: -1 }))],
  ];
  it.each(invalid)('%s → invalid-request, with a schema-valid denial event', (_what, run) => {
    const d = run();
    expect(d).toMatchObject({ allowed: false, rule: 'invalid-request' });
    expect(d.audit).toMatchObject({ action: 'access-denied', outcome: 'denied' });
    expect(auditEventSchema.safeParse(d.audit).success).toBe(true);
    expect(JSON.stringify(d)).not.toContain(ADULT_CF);
  });

  it('every decision, granted or denied, chains and verifies', () => {
    const key = { id: 'test-1', secret: randomBytes(32) };
    let log: readonly AuditEvent[] = [];
    for (const [, run] of invalid) {
      const r = appendAudit(log, run().audit, key);
      expect(r.ok).toBe(true);
      if (r.ok) log = r.value;
    }
    const r = appendAudit(log, canCitizenAccess(me(), 'read', rec(), ctx()).audit, key);
    expect(r.ok && verifyAuditChain(r.value, { keys: new Map([[key.id, key.secret]]) }).ok).toBe(true);
  });

  it('checkCitizenActor names the field, never the value', () => {
    expect(checkCitizenActor(me()).ok).toBe(true);
    const bad = checkCitizenActor(me({ kind: 'interessato' }, 'SPSGNN90D42F839X'));
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.issues[0]).toMatchObject({ code: 'csi.citizen.invalid_actor', params: { field: 'codiceFiscale' } });
      expect(JSON.stringify(bad.issues)).not.toContain('SPSGNN');
    }
    expect(checkCitizenActor(JSON.parse(`{"kind":"cittadino","codiceFiscale":"${ADULT_CF}","requester":{"kind":"interessato"},"__proto__":{}}`)).ok).toBe(false);
    expect(checkCitizenActor(null).ok).toBe(false);
  });
});
