// SPDX-License-Identifier: BSD-3-Clause
/**
 * Access by care relationship (shared/specs/csi-and-riuso.md §A5). {@link canAccess} decides whether an
 * operator may read, change, export or print a record, and always returns exactly one
 * {@link AuditEvent} for the decision (reads included: §A5 "an audit of reads").
 *
 * Rules, checked in this order (the first that fails decides):
 *
 * 1. **Valid request** (`invalid-request`): a UTC instant, a known action and entity kind, a record id,
 *    an operator with a known role whose `id` (and `onBehalfOf`, when given) is a UUID, and a person
 *    and presa in carico of the record that are UUIDs when given. Anything else is refused, never
 *    guessed (fail closed).
 * 2. **The Ente holding the record** (`wrong-ente`): when the resource names its Ente
 *    ({@link AccessResource.ente}, a Belfiore code), the operator must work for it — their `ente`
 *    (an `Operatore` record's own Ente) or one of their `enti` (an Ambito operator serving several
 *    Comuni). An operator naming no Ente, or only malformed codes, is refused; so is a malformed code on
 *    the resource. Each Comune is the controller of its own records (GDPR art. 4(7), 24, 26: an Ambito
 *    serving several Comuni acts for each of them, and a Comune's staff have no title to another
 *    Comune's records — art. 5(1)(b), 29). Break-glass never lifts it.
 * 3. **Active operator** (`operator-inactive`): only `attivo: true` or no `attivo` at all counts as
 *    active; `false`, the string `'false'`, `null`… are refused, even with break-glass (GDPR art. 32(4):
 *    only authorised staff).
 * 4. **Role** (`role-kind`, `role-action`, `role-sensitivity`), GDPR art. 25(2) (privacy by default),
 *    art. 29 and D.Lgs. 196/2003 art. 2-quaterdecies (authorised persons act within their instructions):
 *    - `dpo` reads the audit log only (art. 39(1)(b): monitoring compliance), nothing else;
 *    - `amministrativo` never touches diary notes and only `ordinary` data (no art. 9/10 data);
 *    - `operatore-ente-gestore` (provider staff, SISA model, §A1) reads and prints only `intervento` and
 *      reads, updates, transitions and prints `erogazione` (reporting), no judicial data, and only for
 *      the interventi assigned to their provider ({@link AccessContext.interventiAssegnati});
 *    - `sistema` (the SIUSS export job) reads, exports and transitions the records of the SIUSS flows
 *      without an assignment (legal obligation: D.Lgs. 147/2017 art. 24), never diary notes;
 *    - the care roles (`assistente-sociale`, `educatore`, `psicologo`, `coordinatore`,
 *      `responsabile-servizio`) do every action on records about people; organisational records
 *      (`ente`, `servizio`, `operatore`) are read by every staff role, changed only by `coordinatore` and
 *      `responsabile-servizio`; SIUSS flows are handled by `sistema`, `amministrativo`, `coordinatore`,
 *      `responsabile-servizio`; the audit log by `dpo` only.
 *    An `appuntamento` is a record about a person tied to its presa in carico, like an `intervento`:
 *    care roles with an assignment, `amministrativo` for its ordinary fields only (not `oggetto`,
 *    `note`, `luogo`, `motivoAnnullamento`), no access for provider staff, `sistema` or `dpo`.
 * 5. **Diary** (`diario-solo-autore`, `diario-author-only-change`, `diario-equipe`): a `solo-autore` note
 *    is seen only by its author (social workers' professional secrecy, L. 119/2001 **(recall)**); a
 *    signed note is changed (update, transition) only by its author, others write an addendum; an
 *    `equipe` note only by operators assigned to **that** presa in carico; a `normale` note by any
 *    operator assigned to a presa in carico of the person. A note whose level is not given is treated
 *    as `solo-autore` (fail closed).
 * 6. **Provider's interventi** (`ente-gestore-intervento`).
 * 7. **Active assignment** (`no-active-assignment`): records about a person need an
 *    {@link AccessAssignment} of the operator that is `attiva` and covers the day of `at` (Europe/Rome
 *    calendar day; `dal` ≤ day ≤ `al`, `al` inclusive) on the record's presa in carico — or, for records
 *    not tied to one (persona, cartella, nucleo, normal diary notes…), on any presa in carico of the
 *    person. Garante, *Linee guida in materia di dossier sanitario*, 4 June 2015 (doc. web 4084632):
 *    access only by staff who have the person in care and only while the care lasts **(doc. web number recalled, check)**. A front-desk
 *    operator is assigned to the presa in carico in state `proposta`. An assignment counts only when it
 *    is well formed: `operatore`, `presaInCarico` and `persona` UUIDs, `dal` a real `AAAA-MM-GG` date,
 *    `al` absent or one, `status` exactly `attiva`, and its `ente` (when given) the record's Ente.
 *
 * **Break-glass** (§A5): with `context.breakGlass = { reason }` a care-role operator may **read** a
 * record although rule 7 fails. It never lifts rules 1–6 (request, Ente, active operator, roles,
 * author-only and équipe notes, provider limits). The reason must be non-empty (after trimming) and at most 2000 characters. A granted
 * break-glass yields an audit event with action `break-glass`, outcome `success` and the reason; the
 * application must alert the case manager (as SISO does). When the operator has an assignment anyway,
 * the request is an ordinary access and break-glass is not used.
 *
 * A refused access yields an audit event with action `access-denied`, outcome `denied`, and as reason
 * `<action>: <rule>` (plus the break-glass reason when one was given). Messages never name the person.
 * The event carries `ente`: the record's Ente when the resource names a valid one, else the operator's
 * only Ente when they name exactly one. An operator whose id is not a UUID is recorded under the
 * placeholder {@link UNKNOWN_OPERATOR_ID}, and one whose role is unknown under the role `sistema`
 * (the schema allows no other value; the reason `<action>: invalid-request` tells them apart), so that
 * even those refusals are valid, loggable events.
 *
 * For `update` and `transition` the lifecycle engine records its own event when the change is applied;
 * the decision's event records the authorisation.
 * @module
 */
import { isIsoDate, todayInItaly, type IsoDate, type LocalizedText } from '@riuso-sociale/core';
import { auditEvent, type AuditAction, type AuditEvent } from '../audit.js';
import { isInstant, RUOLI, toInstant, type EnteRef, type Instant, type Ruolo } from '../base.js';
import { ENTITY_KINDS, isUuid, type EntityKind, type Id } from '../ids.js';
import type { StateOf } from '../states.js';
import { SENSITIVITIES, sensitivitiesOf, type Sensitivity } from './sensitivity.js';

/**
 * What an operator wants to do with a record.
 *
 * @example
 * ```ts
 * import type { AccessAction } from '@riuso-sociale/csi-model';
 * const a: AccessAction = 'print';
 * ```
 */
export type AccessAction = 'read' | 'update' | 'transition' | 'export' | 'print';

/**
 * Every {@link AccessAction}.
 *
 * @example
 * ```ts
 * import { ACCESS_ACTIONS } from '@riuso-sociale/csi-model';
 * ACCESS_ACTIONS.includes('export'); // true
 * ```
 */
export const ACCESS_ACTIONS: readonly AccessAction[] = ['read', 'update', 'transition', 'export', 'print'];

/**
 * The operator who asks (an `Operatore` record fits: `id`, `ruolo`, `attivo`, `ente`).
 *
 * @example
 * ```ts
 * import { newId, type AccessOperator } from '@riuso-sociale/csi-model';
 * const op: AccessOperator = { id: newId('operatore'), ruolo: 'assistente-sociale', attivo: true, ente: { belfiore: 'F205' } };
 * const ambito: AccessOperator = { id: newId('operatore'), ruolo: 'educatore', enti: ['A944', 'G467'] };
 * ```
 */
export interface AccessOperator {
  /** Identifier of the operator (a UUID, else the request is invalid). */
  readonly id: Id<'operatore'>;
  /** Professional role. */
  readonly ruolo: Ruolo;
  /** `true` or absent for an active account; anything else (`false`, `'false'`, `null`…) is refused. */
  readonly attivo?: boolean | undefined;
  /** The operator on whose behalf they act (recorded in the audit). */
  readonly onBehalfOf?: Id<'operatore'>;
  /** The Ente they work for (an `Operatore` record's own `ente`). */
  readonly ente?: EnteRef | undefined;
  /** Further Enti they work for, as Belfiore codes (an Ambito operator serving several Comuni). */
  readonly enti?: readonly string[] | undefined;
}

/**
 * The operator id recorded in the audit event of a request whose operator has no valid id (a UUID no
 * `newId` will produce in practice: all zeros but the version and variant digits).
 *
 * @example
 * ```ts
 * import { UNKNOWN_OPERATOR_ID } from '@riuso-sociale/csi-model';
 * UNKNOWN_OPERATOR_ID; // '00000000-0000-4000-8000-000000000000'
 * ```
 */
export const UNKNOWN_OPERATOR_ID = '00000000-0000-4000-8000-000000000000' as Id<'operatore'>;

/**
 * An assignment of an operator to a presa in carico (the fields of an `Assegnazione` record that
 * access control reads).
 *
 * @example
 * ```ts
 * import { newId, type AccessAssignment } from '@riuso-sociale/csi-model';
 * const a: AccessAssignment = { operatore: newId('operatore'), presaInCarico: newId('presa-in-carico'), persona: newId('persona'),
 *   ruolo: 'case-manager', status: 'attiva', dal: '2025-01-01' as never };
 * ```
 */
export interface AccessAssignment {
  /** The operator assigned. */
  readonly operatore: Id<'operatore'>;
  /** The presa in carico. */
  readonly presaInCarico: Id<'presa-in-carico'>;
  /** The person of the presa in carico. */
  readonly persona: Id<'persona'>;
  /** Role in the presa in carico. */
  readonly ruolo?: 'case-manager' | 'equipe' | 'ente-gestore' | undefined;
  /** Only `attiva` assignments grant access. */
  readonly status: StateOf<'assegnazione'>;
  /** First day (inclusive). */
  readonly dal: IsoDate;
  /** Last day (inclusive), if ended or planned to end. */
  readonly al?: IsoDate | undefined;
  /**
   * The Ente of the assignment: a Belfiore code, or the `EnteRef` of an `Assegnazione` record. An
   * assignment of another Ente than the record's never counts.
   */
  readonly ente?: string | EnteRef | undefined;
}

/**
 * The record to be accessed.
 *
 * @example
 * ```ts
 * import { newId, type AccessResource } from '@riuso-sociale/csi-model';
 * const note: AccessResource = { kind: 'diario', id: newId('diario'), persona: newId('persona'),
 *   presaInCarico: newId('presa-in-carico'), riservatezza: 'equipe', autore: newId('operatore') };
 * ```
 */
export interface AccessResource {
  /** Entity kind. */
  readonly kind: EntityKind;
  /** Identifier of the record. */
  readonly id: string;
  /** The person the record is about (defaults to `id` for a `persona`). */
  readonly persona?: Id<'persona'>;
  /** The presa in carico the record belongs to (defaults to `id` for a `presa-in-carico`). */
  readonly presaInCarico?: Id<'presa-in-carico'>;
  /**
   * Categories of the data touched. When neither this nor `fields` is given, every category the kind
   * may hold (from {@link FIELD_CLASSIFICATION}) is assumed.
   */
  readonly sensitivity?: Sensitivity | readonly Sensitivity[];
  /** The fields touched: their categories are read from {@link FIELD_CLASSIFICATION}. */
  readonly fields?: readonly string[];
  /** For a diary note: its confidentiality level. */
  readonly riservatezza?: 'normale' | 'equipe' | 'solo-autore';
  /** For a diary note: its author. */
  readonly autore?: Id<'operatore'>;
  /** For an `erogazione`: its intervento (for provider staff; defaults to `id` for an `intervento`). */
  readonly intervento?: Id<'intervento'>;
  /** Belfiore code of the Ente holding the record: when given, the operator must work for it. */
  readonly ente?: string;
}

/**
 * The circumstances of the request.
 *
 * @example
 * ```ts
 * import type { AccessContext } from '@riuso-sociale/csi-model';
 * const ctx: AccessContext = { at: '2025-03-01T09:30:00Z' as never, assegnazioni: [], breakGlass: { reason: 'Pronto soccorso: rischio per il minore' } };
 * ```
 */
export interface AccessContext {
  /** When the access happens (UTC). Assignments are compared with the calendar day in Italy. */
  readonly at: Instant;
  /** The operator's assignments (others are ignored). */
  readonly assegnazioni: readonly AccessAssignment[];
  /** For `operatore-ente-gestore`: the interventi assigned to their provider. */
  readonly interventiAssegnati?: readonly Id<'intervento'>[];
  /** Emergency access with its justification. */
  readonly breakGlass?: {
    /** Why the operator needs the record now (1–2000 characters; recorded in the audit event). */
    readonly reason: string;
  };
  /** Identifier to give the audit event (default: a new one). */
  readonly auditId?: Id<'audit-event'>;
}

/**
 * The rule that decided an access.
 *
 * @example
 * ```ts
 * import type { AccessRule } from '@riuso-sociale/csi-model';
 * const r: AccessRule = 'no-active-assignment';
 * ```
 */
export type AccessRule =
  | 'allowed'
  | 'role-grant'
  | 'break-glass'
  | 'invalid-request'
  | 'wrong-ente'
  | 'operator-inactive'
  | 'role-kind'
  | 'role-action'
  | 'role-sensitivity'
  | 'diario-solo-autore'
  | 'diario-author-only-change'
  | 'diario-equipe'
  | 'ente-gestore-intervento'
  | 'unscoped-resource'
  | 'no-active-assignment'
  | 'break-glass-reason'
  | 'break-glass-not-applicable';

/**
 * The outcome of {@link canAccess}: allowed or not, why, whether break-glass was used, and the one audit
 * event to append to the log.
 *
 * @example
 * ```ts
 * import type { AccessDecision } from '@riuso-sociale/csi-model';
 * type A = AccessDecision['audit']['action']; // 'read' | … | 'break-glass' | 'access-denied'
 * ```
 */
export interface AccessDecision {
  /** Whether the access may proceed. */
  readonly allowed: boolean;
  /** `true` only when break-glass granted the access. */
  readonly breakGlass: boolean;
  /** The rule that decided. */
  readonly rule: AccessRule;
  /** Explanation, Italian and English (never names the person). */
  readonly reason: LocalizedText;
  /** The audit event of this decision (not yet chained: use `appendAudit`). */
  readonly audit: AuditEvent;
}

const MESSAGES: Readonly<Record<AccessRule, LocalizedText>> = {
  allowed: { it: 'Accesso consentito: assegnazione attiva', en: 'Access allowed: active assignment' },
  'role-grant': { it: 'Accesso consentito dal ruolo, senza assegnazione (audit, flussi SIUSS, anagrafiche organizzative)', en: 'Access allowed by the role, with no assignment (audit, SIUSS flows, organisational records)' },
  'break-glass': { it: 'Accesso di emergenza (break-glass) consentito e registrato', en: 'Emergency (break-glass) access granted and recorded' },
  'invalid-request': { it: 'Richiesta non valida (istante, azione, record o operatore)', en: 'Invalid request (instant, action, record or operator)' },
  'wrong-ente': { it: 'Il record è di un Ente per cui l\'operatore non lavora', en: 'The record belongs to an Ente the operator does not work for' },
  'operator-inactive': { it: 'Operatore disabilitato', en: 'Operator disabled' },
  'role-kind': { it: 'Il ruolo dell\'operatore non consente l\'accesso a questo tipo di record', en: 'The operator\'s role gives no access to this kind of record' },
  'role-action': { it: 'Il ruolo dell\'operatore non consente questa azione', en: 'The operator\'s role does not allow this action' },
  'role-sensitivity': { it: 'Il ruolo dell\'operatore non consente l\'accesso a dati particolari o giudiziari', en: 'The operator\'s role gives no access to special-category or judicial data' },
  'diario-solo-autore': { it: 'Nota riservata al solo autore', en: 'Note reserved to its author' },
  'diario-author-only-change': { it: 'Solo l\'autore modifica una nota del diario; gli altri aggiungono un addendum', en: 'Only the author changes a diary note; others add an addendum' },
  'diario-equipe': { it: 'Nota riservata all\'équipe assegnata alla presa in carico', en: 'Note reserved to the team assigned to the presa in carico' },
  'ente-gestore-intervento': { it: 'Intervento non assegnato all\'ente gestore dell\'operatore', en: 'Intervention not assigned to the operator\'s provider' },
  'unscoped-resource': { it: 'Il record non indica la persona né la presa in carico', en: 'The record names neither the person nor the presa in carico' },
  'no-active-assignment': { it: 'Nessuna assegnazione attiva dell\'operatore alla presa in carico in questa data', en: 'No active assignment of the operator to the presa in carico on this date' },
  'break-glass-reason': { it: 'Break-glass: motivazione obbligatoria (1–2000 caratteri)', en: 'Break-glass: a reason is required (1–2000 characters)' },
  'break-glass-not-applicable': { it: 'Break-glass: consentito solo in lettura e ai ruoli di cura', en: 'Break-glass: allowed only for reading and to care roles' },
};

/** Kinds that are not about a person (no assignment needed). */
const ORGANISATION_KINDS: ReadonlySet<EntityKind> = new Set<EntityKind>(['ente', 'servizio', 'operatore']);
/** Kinds of the SIUSS export job. */
const SIUSS_KINDS: ReadonlySet<EntityKind> = new Set<EntityKind>(['persona', 'presa-in-carico', 'valutazione', 'intervento', 'erogazione', 'flusso-siuss']);
/** Roles that care for people: full access with an assignment, and break-glass. */
const CARE_ROLES: ReadonlySet<Ruolo> = new Set<Ruolo>(['assistente-sociale', 'educatore', 'psicologo', 'coordinatore', 'responsabile-servizio']);
const MANAGERS: ReadonlySet<Ruolo> = new Set<Ruolo>(['coordinatore', 'responsabile-servizio']);
const ALL: readonly AccessAction[] = ACCESS_ACTIONS;

/** What a role may do on a kind, regardless of the assignment: actions and categories, or `null` (no access to the kind). */
interface Grant {
  readonly actions: readonly AccessAction[];
  readonly sensitivities: readonly Sensitivity[];
  /** The grant holds without an assignment. */
  readonly noAssignment?: boolean;
}

function grantFor(role: Ruolo, kind: EntityKind): Grant | null {
  if (kind === 'audit-event') return role === 'dpo' ? { actions: ['read'], sensitivities: SENSITIVITIES, noAssignment: true } : null;
  if (role === 'dpo') return null;
  if (kind === 'flusso-siuss') {
    if (role === 'sistema') return { actions: ['read', 'export', 'transition'], sensitivities: SENSITIVITIES, noAssignment: true };
    if (role === 'amministrativo' || MANAGERS.has(role)) return { actions: ['read', 'export', 'transition', 'print'], sensitivities: ['ordinary'], noAssignment: true };
    return null;
  }
  if (ORGANISATION_KINDS.has(kind)) {
    if (role === 'sistema') return { actions: ['read'], sensitivities: ['ordinary'], noAssignment: true };
    if (MANAGERS.has(role)) return { actions: ALL, sensitivities: ['ordinary'], noAssignment: true };
    return { actions: ['read'], sensitivities: ['ordinary'], noAssignment: true };
  }
  // Records about a person.
  switch (role) {
    case 'sistema':
      return SIUSS_KINDS.has(kind) ? { actions: ['read', 'export', 'transition'], sensitivities: SENSITIVITIES, noAssignment: true } : null;
    case 'amministrativo':
      return kind === 'diario' ? null : { actions: ALL, sensitivities: ['ordinary'] };
    case 'operatore-ente-gestore':
      if (kind === 'intervento') return { actions: ['read', 'print'], sensitivities: ['ordinary', 'special'] };
      if (kind === 'erogazione') return { actions: ['read', 'update', 'transition', 'print'], sensitivities: ['ordinary', 'special'] };
      return null;
    default:
      return CARE_ROLES.has(role) ? { actions: ALL, sensitivities: SENSITIVITIES } : null;
  }
}

function resourceSensitivities(resource: AccessResource): readonly Sensitivity[] {
  const found = new Set<Sensitivity>();
  const given = resource.sensitivity;
  if (given !== undefined) for (const s of typeof given === 'string' ? [given] : given) found.add(s);
  if (resource.fields !== undefined) for (const s of sensitivitiesOf(resource.kind, resource.fields)) found.add(s);
  if (given === undefined && resource.fields === undefined) for (const s of sensitivitiesOf(resource.kind)) found.add(s);
  // An unknown category string counts as the most protected ones.
  for (const s of found) if (!SENSITIVITIES.includes(s)) { found.add('special'); found.add('judicial'); }
  return SENSITIVITIES.filter((s) => found.has(s));
}

const BELFIORE = /^[A-Z]\d{3}$/;

/** A Belfiore code, or `undefined` for anything else. */
function belfiore(value: unknown): string | undefined {
  return typeof value === 'string' && BELFIORE.test(value) ? value : undefined;
}

/** The Enti an operator works for: the valid Belfiore codes of `ente` and `enti` (malformed ones are ignored). */
function operatorEnti(operator: AccessOperator): ReadonlySet<string> {
  const out = new Set<string>();
  const own = belfiore((operator.ente as { readonly belfiore?: unknown } | undefined)?.belfiore);
  if (own !== undefined) out.add(own);
  if (Array.isArray(operator.enti)) for (const c of operator.enti as readonly unknown[]) { const b = belfiore(c); if (b !== undefined) out.add(b); }
  return out;
}

/** An assignment that may count: well-formed identifiers and dates, `attiva`, of the record's Ente. */
function isUsableAssignment(a: unknown, ente: string | undefined): a is AccessAssignment {
  if (a === null || typeof a !== 'object') return false;
  const x = a as { readonly [K in keyof AccessAssignment]?: unknown };
  if (!isUuid(x.operatore) || !isUuid(x.presaInCarico) || !isUuid(x.persona)) return false;
  if (x.status !== 'attiva' || !isIsoDate(x.dal) || !(x.al === undefined || isIsoDate(x.al))) return false;
  if (x.ente === undefined) return true;
  const code = typeof x.ente === 'string' ? belfiore(x.ente) : belfiore((x.ente as { readonly belfiore?: unknown } | null)?.belfiore);
  return code !== undefined && (ente === undefined || code === ente);
}

function hasActiveAssignment(
  operatorId: Id<'operatore'>,
  assegnazioni: readonly AccessAssignment[],
  day: IsoDate,
  ente: string | undefined,
  scope: { readonly persona?: Id<'persona'>; readonly presaInCarico?: Id<'presa-in-carico'> },
): boolean {
  return assegnazioni.some(
    (a) =>
      isUsableAssignment(a, ente) &&
      a.operatore === operatorId &&
      a.dal <= day &&
      (a.al === undefined || day <= a.al) &&
      (scope.presaInCarico === undefined || a.presaInCarico === scope.presaInCarico) &&
      (scope.persona === undefined || a.persona === scope.persona),
  );
}

const MAX_REASON = 2000;

/**
 * Decides whether `operator` may do `action` on `resource` in `context`, and yields the audit event of the
 * decision (see the module notes for the rules and their sources). Every call yields exactly one event:
 * the action itself when allowed, `break-glass` when break-glass granted it, `access-denied` (outcome
 * `denied`) when refused.
 *
 * @example
 * ```ts
 * import { canAccess, newId } from '@riuso-sociale/csi-model';
 * const op = { id: newId('operatore'), ruolo: 'assistente-sociale' } as const;
 * const persona = newId('persona');
 * const presaInCarico = newId('presa-in-carico');
 * const assegnazioni = [{ operatore: op.id, presaInCarico, persona, status: 'attiva', dal: '2025-01-01' }] as const;
 * const d = canAccess(op, 'read', { kind: 'intervento', id: newId('intervento'), persona, presaInCarico },
 *   { at: '2025-03-01T09:30:00Z' as never, assegnazioni: assegnazioni as never });
 * d.allowed;      // true
 * d.audit.action; // 'read'
 * ```
 */
export function canAccess(operator: AccessOperator, action: AccessAction, resource: AccessResource, context: AccessContext): AccessDecision {
  // Untyped callers: read every input defensively, so that a malformed one is a refusal, never a TypeError.
  const op = (operator !== null && typeof operator === 'object' ? operator : {}) as Partial<AccessOperator>;
  const res = (resource !== null && typeof resource === 'object' ? resource : {}) as Partial<AccessResource>;
  const ctx = (context !== null && typeof context === 'object' ? context : {}) as Partial<AccessContext>;
  const validAt = isInstant(ctx.at);
  const at: Instant = validAt ? (ctx.at as Instant) : toInstant(new Date());
  const persona = res.persona ?? (res.kind === 'persona' ? (res.id as Id<'persona'>) : undefined);
  const presaInCarico = res.presaInCarico ?? (res.kind === 'presa-in-carico' ? (res.id as Id<'presa-in-carico'>) : undefined);
  const breakGlassReason = ctx.breakGlass?.reason;
  const operatorId = isUuid(op.id) ? op.id : undefined;
  const enti = operatorEnti(op as AccessOperator);
  const resourceEnte = belfiore(res.ente);
  const [onlyEnte] = enti.size === 1 ? [...enti] : [];
  const auditEnte = resourceEnte ?? onlyEnte;

  const decide = (rule: AccessRule, breakGlass = false): AccessDecision => {
    const allowed = rule === 'allowed' || rule === 'role-grant' || rule === 'break-glass';
    let auditAction: AuditAction = action;
    let reason: string | undefined;
    if (rule === 'break-glass') {
      auditAction = 'break-glass';
      reason = (breakGlassReason ?? '').trim();
    } else if (!allowed) {
      auditAction = 'access-denied';
      const base = `${ACCESS_ACTIONS.includes(action) ? action : 'unknown-action'}: ${rule}`;
      const bg = typeof breakGlassReason === 'string' && breakGlassReason.trim() !== '' ? `; break-glass: ${breakGlassReason.trim()}` : '';
      reason = `${base}${bg}`.slice(0, MAX_REASON);
    }
    const role = RUOLI.includes(op.ruolo as Ruolo) ? (op.ruolo as Ruolo) : undefined;
    const audit = auditEvent({
      ...(isUuid(ctx.auditId) ? { id: ctx.auditId as Id<'audit-event'> } : {}),
      at,
      // A malformed operator is recorded under placeholders, so that the event stays schema-valid and loggable.
      actor: { operatoreId: operatorId ?? UNKNOWN_OPERATOR_ID, role: role ?? 'sistema', ...(isUuid(op.onBehalfOf) ? { onBehalfOf: op.onBehalfOf as Id<'operatore'> } : {}) },
      action: auditAction,
      // An unknown kind or id (untyped caller) is recorded as best it can, so that the event stays schema-valid.
      entity: { kind: ENTITY_KINDS.includes(res.kind as EntityKind) ? (res.kind as EntityKind) : 'audit-event', id: (typeof res.id === 'string' ? res.id : '').slice(0, 200) || '-' },
      ...(isUuid(persona) ? { persona: persona as Id<'persona'> } : {}),
      ...(reason === undefined ? {} : { reason }),
      outcome: allowed ? 'success' : 'denied',
      ...(auditEnte === undefined ? {} : { ente: auditEnte }),
    });
    return { allowed, breakGlass, rule, reason: MESSAGES[rule], audit };
  };

  // 1. Valid request (GDPR art. 5(2) accountability: every decision, even on a malformed request, is audited).
  if (
    operator === null || typeof operator !== 'object' || resource === null || typeof resource !== 'object' || context === null || typeof context !== 'object' ||
    !validAt || !ACCESS_ACTIONS.includes(action) || !ENTITY_KINDS.includes(res.kind as EntityKind) || typeof res.id !== 'string' || res.id === '' ||
    operatorId === undefined || !RUOLI.includes(op.ruolo as Ruolo) || (op.onBehalfOf !== undefined && !isUuid(op.onBehalfOf)) ||
    (persona !== undefined && !isUuid(persona)) || (presaInCarico !== undefined && !isUuid(presaInCarico))
  ) {
    return decide('invalid-request');
  }
  const kind = res.kind as EntityKind;
  const id = res.id;
  // 2. The Ente holding the record (GDPR art. 4(7), 24, 26, 29: each Comune is the controller of its records).
  if (res.ente !== undefined && (resourceEnte === undefined || !enti.has(resourceEnte))) return decide('wrong-ente');
  // 3. Active operator (GDPR art. 32(4); D.Lgs. 196/2003 art. 2-quaterdecies: only authorised persons).
  if (op.attivo !== undefined && op.attivo !== true) return decide('operator-inactive');
  // 4. Role (GDPR art. 25(2) privacy by default, art. 29; art. 39(1)(b) for the DPO).
  const ruolo = op.ruolo as Ruolo;
  const grant = grantFor(ruolo, kind);
  if (grant === null) return decide('role-kind');
  if (!grant.actions.includes(action)) return decide('role-action');
  if (resourceSensitivities({ ...res, kind, id }).some((s) => !grant.sensitivities.includes(s))) return decide('role-sensitivity');
  if (grant.noAssignment === true) return decide('role-grant');

  // 5. Diary notes (spec §A5: author-only notes backed by professional secrecy, L. 119/2001 (recall); SISO "secondo livello").
  const isDiary = kind === 'diario';
  const riservatezza = isDiary ? (res.riservatezza ?? 'solo-autore') : undefined; // unknown level: the strictest
  if (isDiary) {
    const isAuthor = res.autore !== undefined && res.autore === operatorId;
    if (riservatezza === 'solo-autore' && !isAuthor) return decide('diario-solo-autore');
    if ((action === 'update' || action === 'transition') && !isAuthor) return decide('diario-author-only-change');
  }
  // 6. Provider staff: only their interventi (spec §A5, SISA model; GDPR art. 28(3)(b), 29).
  if (ruolo === 'operatore-ente-gestore') {
    const intervento = res.intervento ?? (kind === 'intervento' ? (id as Id<'intervento'>) : undefined);
    const assigned = Array.isArray(ctx.interventiAssegnati) ? ctx.interventiAssegnati : [];
    if (intervento === undefined || !assigned.includes(intervento)) return decide('ente-gestore-intervento');
  }
  // 7. Active assignment (Garante, Linee guida dossier sanitario 4-6-2015: access only while the person is in care).
  if (persona === undefined && presaInCarico === undefined) return decide('unscoped-resource');
  const day = todayInItaly(new Date(at));
  const assegnazioni = Array.isArray(ctx.assegnazioni) ? ctx.assegnazioni : [];
  if (riservatezza === 'equipe') {
    if (presaInCarico === undefined || !hasActiveAssignment(operatorId, assegnazioni, day, resourceEnte, { presaInCarico, ...(persona === undefined ? {} : { persona }) })) {
      return decide('diario-equipe');
    }
    return decide('allowed');
  }
  // A normal diary note belongs to the person's cartella: any presa in carico of the person will do.
  const scope = riservatezza === 'normale' && persona !== undefined ? { persona } : { ...(persona === undefined ? {} : { persona }), ...(presaInCarico === undefined ? {} : { presaInCarico }) };
  if (hasActiveAssignment(operatorId, assegnazioni, day, resourceEnte, scope)) return decide('allowed');

  // Break-glass (spec §A5; Garante dossier guidelines: emergency access, justified and traced): only in place of the missing assignment.
  if (ctx.breakGlass === undefined) return decide('no-active-assignment');
  if (typeof breakGlassReason !== 'string' || breakGlassReason.trim() === '' || breakGlassReason.trim().length > MAX_REASON) return decide('break-glass-reason');
  if (action !== 'read' || !CARE_ROLES.has(ruolo)) return decide('break-glass-not-applicable');
  return decide('break-glass', true);
}

/** A string property of a record, if any. */
function prop(record: object, name: string): string | undefined {
  const v = (record as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : undefined;
}

/**
 * The {@link AccessResource} of a record of kind `kind`: its id, person, presa in carico, its Ente
 * (`record.ente.belfiore`), and for a diary note its confidentiality and author, for an erogazione its
 * intervento; `fields` restricts the data touched (default: the whole record, so every category the
 * kind may hold).
 *
 * @example
 * ```ts
 * import { accessResource, canAccess, newId } from '@riuso-sociale/csi-model';
 * const note = { id: newId('diario'), persona: newId('persona'), riservatezza: 'solo-autore', autore: newId('operatore') };
 * accessResource('diario', note).riservatezza; // 'solo-autore'
 * accessResource('diario', note, ['data', 'tipo']).fields; // ['data', 'tipo']
 * ```
 */
export function accessResource(kind: EntityKind, record: { readonly id: string }, fields?: readonly string[]): AccessResource {
  const persona = kind === 'persona' ? record.id : prop(record, 'persona');
  const presaInCarico = kind === 'presa-in-carico' ? record.id : prop(record, 'presaInCarico');
  const riservatezza = kind === 'diario' ? prop(record, 'riservatezza') : undefined;
  const autore = kind === 'diario' ? prop(record, 'autore') : undefined;
  const intervento = kind === 'intervento' ? record.id : prop(record, 'intervento');
  const ente = (record as { readonly ente?: unknown }).ente;
  const belfioreOfRecord = ente !== null && typeof ente === 'object' ? (ente as { readonly belfiore?: unknown }).belfiore : undefined;
  return {
    kind,
    id: record.id,
    ...(persona === undefined ? {} : { persona: persona as Id<'persona'> }),
    ...(presaInCarico === undefined ? {} : { presaInCarico: presaInCarico as Id<'presa-in-carico'> }),
    ...(riservatezza === 'normale' || riservatezza === 'equipe' || riservatezza === 'solo-autore' ? { riservatezza } : {}),
    ...(autore === undefined ? {} : { autore: autore as Id<'operatore'> }),
    ...(intervento === undefined ? {} : { intervento: intervento as Id<'intervento'> }),
    ...(fields === undefined ? {} : { fields: [...fields] }),
    ...(typeof belfioreOfRecord === 'string' ? { ente: belfioreOfRecord } : {}),
  };
}
