// SPDX-License-Identifier: BSD-3-Clause
/**
 * Access of a **citizen** to their own social-care record (the area personale of the Comune's portal:
 * Designers Italia, *Modello Comuni*; GDPR art. 15). A citizen — or whoever represents them — is not an
 * operator: they have no role, no assignment, and no title to anyone else's record. {@link canCitizenAccess}
 * is the rule for this actor, kept apart from the operators' `canAccess` on purpose: it allows one
 * action only (`read`), only on the records of one person, only on the title the requester holds on
 * the day, and it always yields exactly one {@link AuditEvent} (granted or denied).
 *
 * Rules, checked in this order (the first that fails decides):
 *
 * 1. **Valid request** (`invalid-request`): the actor, its requester title and the context are plain
 *    objects with only the keys this module knows (an own `__proto__`, `constructor` or any other
 *    unknown key is refused, never merged); the actor's codice fiscale is valid (as authenticated by
 *    SPID/CIE: `validateFiscalCode`); the requester kind is known; `at` is a UTC instant and `asOf` a
 *    real `AAAA-MM-GG` date; the Ente a Belfiore code; the subject's id a UUID and birth date a real
 *    date; the resource's kind known and id non-empty; the pseudonym key at least 32 bytes.
 * 2. **Read only** (`citizen-action`): any action but `read` is refused (GDPR art. 15 gives a right to
 *    a copy, not to change the record: rectification, art. 16, goes through an operator).
 * 3. **The Ente** (`wrong-ente`): the resource and the subject must name the Ente of the request (each
 *    Comune is the controller of its records, art. 4(7)); a resource that names no Ente is refused.
 * 4. **Kinds** (`citizen-kind`): the records about a person (persona, cartella, accesso, presa in
 *    carico, valutazione, progetto, obiettivo, intervento, erogazione, diario, documento,
 *    provvedimento, consenso, rete sociale, nucleo familiare, appuntamento) and the offices that
 *    handle them (`servizio`, `ente`: rule `organisation`). Never staff records (`operatore`,
 *    `assegnazione`), SIUSS flows or the audit log.
 * 5. **The subject** (`other-person`): a record about a person must be about the subject of the
 *    request (its `persona`, the `id` of a `persona`); a record naming no person is refused.
 * 6. **The title** on `asOf` (Italian calendar day, never shifted by time zone):
 *    - `interessato`: the subject has a codice fiscale (`subject-without-cf`: a person known only by an
 *      STP/ENI/MSNA code gets the view printed by an operator) equal to the actor's, omocodic variants
 *      included (`not-the-subject`); a minor only from `minorOwnViewFromAge` (`minor-own-view`;
 *      default: not before 18);
 *    - every representative: the requester's codice fiscale is given and is the actor's
 *      (`not-the-requester`); `validFrom` ≤ `asOf` (`title-not-yet-valid`) and `asOf` ≤ `validTo`
 *      (`title-expired`), both real dates when given (`title-invalid`);
 *    - `genitore`: the subject is under 18 on `asOf` (`not-a-minor`: parental responsibility ends at
 *      majority, c.c. art. 316);
 *    - `tutore`, `curatore-speciale`, `amministratore-di-sostegno`, `delegato`: the act that gives the
 *      title (`basis`: `act`, a real `date` not after `asOf`) — `title-invalid` without;
 *      `amministratore-di-sostegno` and `delegato` need `dati-sociali` in `scope` (`title-scope`: the
 *      decree of c.c. art. 405 c.5 n.3–4, or the written delegation, names what it covers); a
 *      `delegato` needs `validTo`.
 *
 * The library never authenticates anyone: the integrator verifies the SPID/CIE identity and the act
 * giving the title. This rule checks that what was verified fits the record and the day.
 *
 * **How a citizen is recorded in the audit** ({@link citizenAuditActor}): the audit event's actor is an
 * operator-shaped {@link Actor} — `operatoreId` a UUID **version 8** made from the citizen's pseudonym
 * (`pseudonymizeFor('audit-cittadino', codice fiscale, key)`: a keyed HMAC of the canonical code, so every
 * omocodic variant gives the same one; operators' ids are random version-4 UUIDs), and `role: 'sistema'`
 * (the portal's service account, the only role that is not a person's job) — and the reason says
 * `citizen read: <rule>; requester: <kind>; citizen: <pseudonym>`. Never the codice fiscale, a name or
 * the title's act. Whoever holds the key (the Comune) can recompute the pseudonym from a codice fiscale
 * to find that person's reads; nobody else can link them.
 * @module
 */
import { createHash } from 'node:crypto';
import { ageOn, createIssue, fail, isIsoDate, ok, type IsoDate, type LocalizedText, type Result } from '@riuso-sociale/core';
import { canonicalFiscalCode, validateFiscalCode } from '@riuso-sociale/fiscal-code';
import { auditEvent, type AuditEvent } from '../audit.js';
import { isInstant, toInstant, type Actor, type Instant } from '../base.js';
import { ENTITY_KINDS, isUuid, type EntityKind, type Id } from '../ids.js';
import { ACCESS_ACTIONS, UNKNOWN_OPERATOR_ID, type AccessAction, type AccessResource } from './access.js';
import { pseudonymizeFor, type Pseudonym, type PseudonymKey } from './pseudonym.js';

/**
 * Who asks, on what title (the same shape as `Requester` of `@riuso-sociale/fascicolo`, which
 * depends on this package): see {@link CitizenRequester.kind}.
 *
 * @example
 * ```ts
 * import type { CitizenRequesterKind } from '@riuso-sociale/csi-model';
 * const k: CitizenRequesterKind = 'amministratore-di-sostegno';
 * ```
 */
export type CitizenRequesterKind = 'interessato' | 'genitore' | 'tutore' | 'curatore-speciale' | 'amministratore-di-sostegno' | 'delegato';

/**
 * Every {@link CitizenRequesterKind}.
 *
 * @example
 * ```ts
 * import { CITIZEN_REQUESTER_KINDS } from '@riuso-sociale/csi-model';
 * CITIZEN_REQUESTER_KINDS.includes('genitore'); // true
 * ```
 */
export const CITIZEN_REQUESTER_KINDS: readonly CitizenRequesterKind[] = ['interessato', 'genitore', 'tutore', 'curatore-speciale', 'amministratore-di-sostegno', 'delegato'];

/**
 * The title of the person asking, as the integrator verified it (a decree checked by an operator, a
 * written delegation). Structurally the `Requester` of `@riuso-sociale/fascicolo`.
 *
 * @example
 * ```ts
 * import type { CitizenRequester } from '@riuso-sociale/csi-model';
 * const tutore: CitizenRequester = { kind: 'tutore', codiceFiscale: 'RSSMRA80A01H501U',
 *   basis: { act: 'decreto del Giudice tutelare', reference: 'R.G. 123/2025', date: '2025-01-10' as never } };
 * ```
 */
export interface CitizenRequester {
  readonly kind: CitizenRequesterKind;
  /** The requester's codice fiscale (required for every kind but `interessato`: it must be the actor's). */
  readonly codiceFiscale?: string | undefined;
  /** Their `persona` id, when they are in the record. */
  readonly personaId?: string | undefined;
  /** The act giving the title (required for `tutore`, `curatore-speciale`, `amministratore-di-sostegno`, `delegato`). */
  readonly basis?: { readonly act: string; readonly reference?: string | undefined; readonly date: IsoDate; readonly issuedBy?: string | undefined } | undefined;
  /** First day the title holds (inclusive). */
  readonly validFrom?: IsoDate | undefined;
  /** Last day the title holds (inclusive; required for `delegato`). */
  readonly validTo?: IsoDate | undefined;
  /** What a partial title covers: `dati-sociali` is needed for `amministratore-di-sostegno` and `delegato`. */
  readonly scope?: readonly string[] | undefined;
}

/**
 * A citizen, or their representative, as authenticated by the integrator (SPID/CIE): their codice
 * fiscale and the title they ask on.
 *
 * @example
 * ```ts
 * import type { CitizenActor } from '@riuso-sociale/csi-model';
 * const me: CitizenActor = { kind: 'cittadino', codiceFiscale: 'SPSGNN90D42F839H', requester: { kind: 'interessato' } };
 * ```
 */
export interface CitizenActor {
  readonly kind: 'cittadino';
  /** The codice fiscale the identity provider (SPID/CIE) returned. */
  readonly codiceFiscale: string;
  /** The title they ask on. */
  readonly requester: CitizenRequester;
}

/**
 * The person whose record is asked for (read from their `persona` record).
 *
 * @example
 * ```ts
 * import { newId, type CitizenSubject } from '@riuso-sociale/csi-model';
 * const s: CitizenSubject = { id: newId('persona'), codiceFiscale: 'SPSGNN90D42F839H', dataNascita: '1990-04-02' as never, ente: 'A944' };
 * ```
 */
export interface CitizenSubject {
  /** Their `persona` id. */
  readonly id: string;
  /** Their codice fiscale, when they have one. */
  readonly codiceFiscale?: string | undefined;
  /** Their date of birth. */
  readonly dataNascita: IsoDate;
  /**
   * Earlier `persona` records merged into them (status `unita`, `unitaA` = `id`, as the store read
   * them): the records about those are the subject's history (at most 100 UUIDs).
   */
  readonly merged?: readonly string[] | undefined;
  /** The Ente holding their record (Belfiore code). */
  readonly ente: string;
}

/**
 * The circumstances of a citizen's request.
 *
 * @example
 * ```ts
 * import { randomBytes } from 'node:crypto';
 * import { newId, type CitizenAccessContext } from '@riuso-sociale/csi-model';
 * const ctx: CitizenAccessContext = { at: '2026-03-01T09:30:00Z' as never, asOf: '2026-03-01' as never, ente: 'A944',
 *   subject: { id: newId('persona'), codiceFiscale: 'SPSGNN90D42F839H', dataNascita: '1990-04-02' as never, ente: 'A944' }, pseudonymKey: randomBytes(32) };
 * ```
 */
export interface CitizenAccessContext {
  /** When the access happens (UTC instant). */
  readonly at: Instant;
  /** The day the title and the age are read on (calendar date in Italy). */
  readonly asOf: IsoDate;
  /** The Ente asked (Belfiore code). */
  readonly ente: string;
  /** The person the request is about. */
  readonly subject: CitizenSubject;
  /** The Comune's pseudonym key (≥ 32 bytes, never in the database): the citizen is recorded by pseudonym. */
  readonly pseudonymKey: PseudonymKey;
  /** Age from which a minor sees their own record (`null` or absent: only at 18). */
  readonly minorOwnViewFromAge?: number | null | undefined;
  /** Identifier to give the audit event (default: a new one). */
  readonly auditId?: Id<'audit-event'> | undefined;
}

/**
 * The rule that decided a citizen's access (see the module notes).
 *
 * @example
 * ```ts
 * import type { CitizenAccessRule } from '@riuso-sociale/csi-model';
 * const r: CitizenAccessRule = 'title-expired';
 * ```
 */
export type CitizenAccessRule =
  | 'allowed'
  | 'organisation'
  | 'invalid-request'
  | 'citizen-action'
  | 'wrong-ente'
  | 'citizen-kind'
  | 'other-person'
  | 'subject-without-cf'
  | 'not-the-subject'
  | 'minor-own-view'
  | 'not-the-requester'
  | 'title-invalid'
  | 'title-not-yet-valid'
  | 'title-expired'
  | 'title-scope'
  | 'not-a-minor';

/**
 * The outcome of {@link canCitizenAccess}: allowed or not, the rule, a reason in both languages
 * (never naming anyone), the one audit event, and the citizen's pseudonym when it could be made.
 *
 * @example
 * ```ts
 * import type { CitizenAccessDecision } from '@riuso-sociale/csi-model';
 * type A = CitizenAccessDecision['audit']['outcome']; // 'success' | 'denied'
 * ```
 */
export interface CitizenAccessDecision {
  readonly allowed: boolean;
  readonly rule: CitizenAccessRule;
  readonly reason: LocalizedText;
  /** The audit event of this decision (action `read`, or `access-denied` with outcome `denied`). */
  readonly audit: AuditEvent;
  /** The citizen's audit pseudonym (absent when the codice fiscale or the key is not valid). */
  readonly pseudonym?: Pseudonym;
}

const MESSAGES: Readonly<Record<CitizenAccessRule, LocalizedText>> = {
  allowed: { it: 'Accesso consentito: record della persona, titolo valido', en: 'Access allowed: the person’s record, valid title' },
  organisation: { it: 'Accesso consentito: ufficio che tratta il record', en: 'Access allowed: office handling the record' },
  'invalid-request': { it: 'Richiesta non valida (identità, titolo, data, Ente o record)', en: 'Invalid request (identity, title, date, Ente or record)' },
  'citizen-action': { it: 'Il cittadino può solo leggere il proprio fascicolo', en: 'A citizen may only read their own record' },
  'wrong-ente': { it: 'Il record non è dell’Ente richiesto', en: 'The record does not belong to the Ente asked' },
  'citizen-kind': { it: 'Questo tipo di record non è consultabile dal cittadino', en: 'This kind of record is not open to citizens' },
  'other-person': { it: 'Il record riguarda un’altra persona', en: 'The record is about another person' },
  'subject-without-cf': { it: 'La persona non ha codice fiscale: il fascicolo è consegnato da un operatore', en: 'The person has no codice fiscale: the view is handed over by an operator' },
  'not-the-subject': { it: 'L’identità autenticata non è quella della persona', en: 'The authenticated identity is not the person’s' },
  'minor-own-view': { it: 'Un minore non consulta da solo il proprio fascicolo a questa età', en: 'A minor does not read their own record alone at this age' },
  'not-the-requester': { it: 'L’identità autenticata non è quella del titolare del titolo', en: 'The authenticated identity is not the title holder’s' },
  'title-invalid': { it: 'Titolo di rappresentanza incompleto o non valido', en: 'Incomplete or invalid title of representation' },
  'title-not-yet-valid': { it: 'Il titolo di rappresentanza non è ancora valido', en: 'The title of representation is not valid yet' },
  'title-expired': { it: 'Il titolo di rappresentanza è scaduto', en: 'The title of representation has expired' },
  'title-scope': { it: 'Il titolo non comprende i dati sociali', en: 'The title does not cover social-care data' },
  'not-a-minor': { it: 'La persona è maggiorenne: la responsabilità genitoriale è cessata', en: 'The person is of age: parental responsibility has ended' },
};

/** Kinds about a person that a citizen may read (appuntamento: when the model has it). */
const PERSON_KINDS: ReadonlySet<string> = new Set([
  'persona', 'cartella', 'accesso', 'presa-in-carico', 'valutazione', 'progetto', 'obiettivo', 'intervento', 'erogazione', 'diario',
  'documento', 'provvedimento', 'consenso', 'rete-sociale', 'nucleo-familiare', 'appuntamento',
]);
/** Offices: read for their name. */
const ORGANISATION_KINDS: ReadonlySet<string> = new Set(['servizio', 'ente']);

/** The scope a partial title must include (as fascicolo's `SOCIAL_DATA_SCOPE`). */
const SOCIAL_DATA_SCOPE = 'dati-sociali';
/**
 * The pseudonym purpose of citizens in the audit (see {@link citizenAuditActor}): their pseudonyms
 * cannot be linked to those of SINBA or of any other purpose without the master key.
 *
 * @example
 * ```ts
 * import { CITIZEN_AUDIT_PURPOSE } from '@riuso-sociale/csi-model';
 * CITIZEN_AUDIT_PURPOSE; // 'audit-cittadino'
 * ```
 */
export const CITIZEN_AUDIT_PURPOSE = 'audit-cittadino';

const BELFIORE = /^[A-Z]\d{3}$/;
const ACTOR_KEYS = new Set(['kind', 'codiceFiscale', 'requester']);
const REQUESTER_KEYS = new Set(['kind', 'codiceFiscale', 'personaId', 'basis', 'validFrom', 'validTo', 'scope']);
const BASIS_KEYS = new Set(['act', 'reference', 'date', 'issuedBy']);
const CONTEXT_KEYS = new Set(['at', 'asOf', 'ente', 'subject', 'pseudonymKey', 'minorOwnViewFromAge', 'auditId']);
const SUBJECT_KEYS = new Set(['id', 'codiceFiscale', 'dataNascita', 'ente', 'merged']);

/** A plain object whose own keys (symbols included) are all in `allowed`: `__proto__`, `constructor`… are refused. */
function strictObject(value: unknown, allowed: ReadonlySet<string>): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Reflect.ownKeys(value).every((k) => typeof k === 'string' && allowed.has(k));
}

/** The canonical form of a valid codice fiscale, or `undefined`. */
function canonicalCf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = validateFiscalCode(value);
  return v.ok ? canonicalFiscalCode(v.value.code) : undefined;
}

function shortText(value: unknown, max: number): boolean {
  return typeof value === 'string' && value.trim() !== '' && value.length <= max;
}

/** A well-formed title (shape only; dates and kind rules are checked later). */
function wellFormedRequester(value: unknown): value is CitizenRequester {
  if (!strictObject(value, REQUESTER_KEYS)) return false;
  if (typeof value.kind !== 'string' || !(CITIZEN_REQUESTER_KINDS as readonly string[]).includes(value.kind)) return false;
  if (value.codiceFiscale !== undefined && typeof value.codiceFiscale !== 'string') return false;
  if (value.personaId !== undefined && !isUuid(value.personaId)) return false;
  if (value.basis !== undefined) {
    const b = value.basis;
    if (!strictObject(b, BASIS_KEYS) || !shortText(b.act, 200) || (b.reference !== undefined && !shortText(b.reference, 200)) || (b.issuedBy !== undefined && !shortText(b.issuedBy, 200))) return false;
    if (typeof b.date !== 'string') return false;
  }
  if (value.validFrom !== undefined && typeof value.validFrom !== 'string') return false;
  if (value.validTo !== undefined && typeof value.validTo !== 'string') return false;
  if (value.scope !== undefined && (!Array.isArray(value.scope) || value.scope.length > 50 || value.scope.some((s) => typeof s !== 'string'))) return false;
  return true;
}

/**
 * The audit actor of a citizen: `operatoreId` a UUID version 8 made from their pseudonym
 * (`pseudonymizeFor('audit-cittadino', codiceFiscale, key)`), `role: 'sistema'`, with the pseudonym
 * itself (see the module notes). Fails like `pseudonymizeFor` (invalid code, short key), never
 * echoing the code in clear.
 *
 * @example
 * ```ts
 * import { randomBytes } from 'node:crypto';
 * import { citizenAuditActor } from '@riuso-sociale/csi-model';
 * const key = randomBytes(32);
 * const a = citizenAuditActor('SPSGNN90D42F839H', key);
 * a.ok && a.value.actor.role;                 // 'sistema'
 * a.ok && a.value.actor.operatoreId[14];      // '8' (UUID version 8)
 * a.ok && a.value.pseudonym.length;           // 20
 * ```
 */
export function citizenAuditActor(codiceFiscale: string, key: PseudonymKey): Result<{ readonly actor: Actor; readonly pseudonym: Pseudonym }, string> {
  const p = pseudonymizeFor(CITIZEN_AUDIT_PURPOSE, codiceFiscale, key);
  if (!p.ok) return p;
  return ok({ actor: { operatoreId: pseudonymUuid(p.value) as Id<'operatore'>, role: 'sistema' }, pseudonym: p.value });
}

/** A UUID version 8 (RFC 9562 §5.8) from a pseudonym: SHA-256 of a labelled pseudonym, version and variant bits set. */
function pseudonymUuid(pseudonym: Pseudonym): string {
  const b = createHash('sha256').update(`csi-model/citizen-actor/v1:${pseudonym}`, 'utf8').digest().subarray(0, 16);
  b[6] = ((b[6] as number) & 0x0f) | 0x80;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const h = Buffer.from(b).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * `true` when an audit actor is a citizen's (a UUID version 8 under the role `sistema`, as
 * {@link citizenAuditActor} makes them; operators' ids are version 4).
 *
 * @example
 * ```ts
 * import { isCitizenAuditActor, newId } from '@riuso-sociale/csi-model';
 * isCitizenAuditActor({ operatoreId: newId('operatore'), role: 'sistema' }); // false
 * ```
 */
export function isCitizenAuditActor(actor: Actor): boolean {
  return actor !== null && typeof actor === 'object' && actor.role === 'sistema' && isUuid(actor.operatoreId) && actor.operatoreId[14] === '8';
}

/**
 * Decides whether a citizen (or their representative) may do `action` on `resource`, and yields the
 * one audit event of the decision (see the module notes for the rules). Only `read` is ever allowed.
 *
 * @example
 * ```ts
 * import { randomBytes } from 'node:crypto';
 * import { canCitizenAccess, newId } from '@riuso-sociale/csi-model';
 * const persona = newId('persona');
 * const context = { at: '2026-03-01T09:30:00Z' as never, asOf: '2026-03-01' as never, ente: 'A944', pseudonymKey: randomBytes(32),
 *   subject: { id: persona, codiceFiscale: 'SPSGNN90D42F839H', dataNascita: '1990-04-02' as never, ente: 'A944' } };
 * const me = { kind: 'cittadino', codiceFiscale: 'SPSGNN90D42F839H', requester: { kind: 'interessato' } } as const;
 * const d = canCitizenAccess(me, 'read', { kind: 'intervento', id: newId('intervento'), persona, ente: 'A944' }, context);
 * d.allowed;      // true
 * d.audit.action; // 'read'
 * canCitizenAccess(me, 'update', { kind: 'intervento', id: newId('intervento'), persona, ente: 'A944' }, context).rule; // 'citizen-action'
 * ```
 */
export function canCitizenAccess(actor: CitizenActor, action: AccessAction, resource: AccessResource, context: CitizenAccessContext): CitizenAccessDecision {
  const okActor = strictObject(actor, ACTOR_KEYS);
  const okContext = strictObject(context, CONTEXT_KEYS);
  const a = (okActor ? actor : {}) as Partial<CitizenActor>;
  const ctx = (okContext ? context : {}) as Partial<CitizenAccessContext>;
  const res = (resource !== null && typeof resource === 'object' ? resource : {}) as Partial<AccessResource>;
  const validAt = isInstant(ctx.at);
  const at: Instant = validAt ? (ctx.at as Instant) : toInstant(new Date());
  const actorCf = canonicalCf(a.codiceFiscale);
  const who = actorCf === undefined || ctx.pseudonymKey === undefined ? undefined : citizenAuditActor(actorCf, ctx.pseudonymKey);
  const auditActor = who?.ok === true ? who.value : undefined;
  const requester = wellFormedRequester(a.requester) ? a.requester : undefined;
  const kind = typeof res.kind === 'string' && (ENTITY_KINDS as readonly string[]).includes(res.kind) ? (res.kind as EntityKind) : undefined;
  const persona = res.persona ?? (res.kind === 'persona' ? res.id : undefined);
  const ente = typeof ctx.ente === 'string' && BELFIORE.test(ctx.ente) ? ctx.ente : undefined;

  const decide = (rule: CitizenAccessRule): CitizenAccessDecision => {
    const allowed = rule === 'allowed' || rule === 'organisation';
    const shownAction = ACCESS_ACTIONS.includes(action) ? action : 'unknown-action';
    const reason = `citizen ${shownAction}: ${rule}; requester: ${requester?.kind ?? 'unknown'}; citizen: ${auditActor?.pseudonym ?? 'unknown'}`;
    const audit = auditEvent({
      ...(isUuid(ctx.auditId) ? { id: ctx.auditId as Id<'audit-event'> } : {}),
      at,
      actor: auditActor?.actor ?? { operatoreId: UNKNOWN_OPERATOR_ID, role: 'sistema' },
      action: allowed ? 'read' : 'access-denied',
      entity: { kind: kind ?? 'audit-event', id: (typeof res.id === 'string' ? res.id : '').slice(0, 200) || '-' },
      ...(isUuid(persona) ? { persona: persona as Id<'persona'> } : {}),
      reason,
      outcome: allowed ? 'success' : 'denied',
      ...(ente === undefined ? {} : { ente }),
    });
    return { allowed, rule, reason: MESSAGES[rule], audit, ...(auditActor === undefined ? {} : { pseudonym: auditActor.pseudonym }) };
  };

  // 1. Valid request.
  const subject = okContext && strictObject(ctx.subject, SUBJECT_KEYS) ? (ctx.subject as CitizenSubject) : undefined;
  if (
    !okActor || !okContext || a.kind !== 'cittadino' || actorCf === undefined || auditActor === undefined || requester === undefined ||
    !validAt || !isIsoDate(ctx.asOf) || ente === undefined || subject === undefined || !isUuid(subject.id) || !isIsoDate(subject.dataNascita) ||
    (subject.codiceFiscale !== undefined && typeof subject.codiceFiscale !== 'string') || typeof subject.ente !== 'string' ||
    (subject.merged !== undefined && (!Array.isArray(subject.merged) || subject.merged.length > 100 || !subject.merged.every((m) => isUuid(m) && m !== subject.id))) ||
    !(ctx.minorOwnViewFromAge === undefined || ctx.minorOwnViewFromAge === null || (Number.isInteger(ctx.minorOwnViewFromAge) && ctx.minorOwnViewFromAge >= 0 && ctx.minorOwnViewFromAge <= 18)) ||
    resource === null || typeof resource !== 'object' || kind === undefined || typeof res.id !== 'string' || res.id === '' || res.id.length > 200 ||
    (persona !== undefined && !isUuid(persona)) || typeof action !== 'string'
  ) {
    return decide('invalid-request');
  }
  const asOf = ctx.asOf as IsoDate;
  // 2. Read only.
  if (action !== 'read') return decide('citizen-action');
  // 3. The Ente of the request holds the record.
  if (res.ente !== ente || subject.ente !== ente) return decide('wrong-ente');
  // 4. Kinds a citizen may read.
  const organisation = ORGANISATION_KINDS.has(kind);
  if (!organisation && !PERSON_KINDS.has(kind)) return decide('citizen-kind');
  // 5. Only the subject's records.
  if (!organisation && persona !== subject.id && !(persona !== undefined && subject.merged?.includes(persona) === true)) return decide('other-person');
  // 6. The title on asOf.
  const age = ageOn(subject.dataNascita, asOf);
  if (requester.kind === 'interessato') {
    const subjectCf = canonicalCf(subject.codiceFiscale);
    if (subjectCf === undefined) return decide('subject-without-cf');
    if (subjectCf !== actorCf) return decide('not-the-subject');
    if (requester.codiceFiscale !== undefined && canonicalCf(requester.codiceFiscale) !== actorCf) return decide('not-the-requester');
    const from = ctx.minorOwnViewFromAge ?? 18;
    if (age < 18 && age < from) return decide('minor-own-view');
    return decide(organisation ? 'organisation' : 'allowed');
  }
  if (requester.codiceFiscale === undefined || canonicalCf(requester.codiceFiscale) !== actorCf) return decide('not-the-requester');
  if (canonicalCf(subject.codiceFiscale) === actorCf) return decide('title-invalid'); // nobody represents themselves
  if (requester.validFrom !== undefined && !isIsoDate(requester.validFrom)) return decide('title-invalid');
  if (requester.validTo !== undefined && !isIsoDate(requester.validTo)) return decide('title-invalid');
  if (requester.validFrom !== undefined && requester.validTo !== undefined && requester.validTo < requester.validFrom) return decide('title-invalid');
  const needsBasis = requester.kind !== 'genitore';
  if (needsBasis && (requester.basis === undefined || !isIsoDate(requester.basis.date))) return decide('title-invalid');
  if (requester.basis !== undefined && !isIsoDate(requester.basis.date)) return decide('title-invalid');
  if (requester.kind === 'delegato' && requester.validTo === undefined) return decide('title-invalid');
  if (requester.basis !== undefined && requester.basis.date > asOf) return decide('title-not-yet-valid');
  if (requester.validFrom !== undefined && asOf < requester.validFrom) return decide('title-not-yet-valid');
  if (requester.validTo !== undefined && requester.validTo < asOf) return decide('title-expired');
  if ((requester.kind === 'amministratore-di-sostegno' || requester.kind === 'delegato') && !(requester.scope ?? []).includes(SOCIAL_DATA_SCOPE)) return decide('title-scope');
  if (requester.kind === 'genitore' && age >= 18) return decide('not-a-minor');
  return decide(organisation ? 'organisation' : 'allowed');
}

/**
 * Issue code of {@link checkCitizenActor}.
 *
 * @example
 * ```ts
 * import type { CitizenActorIssueCode } from '@riuso-sociale/csi-model';
 * const c: CitizenActorIssueCode = 'csi.citizen.invalid_actor';
 * ```
 */
export type CitizenActorIssueCode = 'csi.citizen.invalid_actor';

/**
 * Checks the shape of a {@link CitizenActor} before any lookup (strict keys, a valid codice fiscale, a
 * known requester kind): `csi.citizen.invalid_actor`, naming the field, never its value.
 *
 * @param actor - Anything, e.g. the parsed body of a request: only a {@link CitizenActor} passes.
 * @example
 * ```ts
 * import { checkCitizenActor } from '@riuso-sociale/csi-model';
 * checkCitizenActor({ kind: 'cittadino', codiceFiscale: 'SPSGNN90D42F839H', requester: { kind: 'interessato' } }).ok; // true
 * checkCitizenActor(JSON.parse('{"kind":"cittadino","codiceFiscale":"SPSGNN90D42F839H","requester":{"kind":"interessato"},"__proto__":{}}')).ok; // false
 * ```
 */
export function checkCitizenActor(actor: unknown): Result<CitizenActor, CitizenActorIssueCode> {
  const field = !strictObject(actor, ACTOR_KEYS) || actor.kind !== 'cittadino' ? 'actor' : canonicalCf(actor.codiceFiscale) === undefined ? 'codiceFiscale' : !wellFormedRequester(actor.requester) ? 'requester' : undefined;
  if (field === undefined) return ok(actor as unknown as CitizenActor);
  return fail([
    createIssue(
      'csi.citizen.invalid_actor',
      { it: `Cittadino non valido: campo ${field}`, en: `Invalid citizen: field ${field}` },
      { path: field === 'actor' ? [] : [field], params: { field } },
    ),
  ]);
}
