// SPDX-License-Identifier: BSD-3-Clause
/**
 * The citizen view of a person's record (`@riuso-sociale/fascicolo`) read from the store, by two
 * kinds of actor:
 *
 * - **an operator** (`s.citizenView(personaId, options)` in a session): every record about the person
 *   is read under the operator's own access (csi-model `canAccess`, their assignment). A record they
 *   may not read is not silently dropped: its denial is audited and the result counts it
 *   (`unreadable`, by kind) and says the view is not `complete`. The view is built with fascicolo's
 *   `buildCitizenView`, with the latest review decisions, and **one** audit event records it (action
 *   `read` on the person, reason `citizen-view: <purpose>; requester: <kind>; records: N; unreadable:
 *   M; decisions: D`) — never content.
 * - **a citizen or their representative** (`store.citizenView({ ente, actor, personaId, … })`): no
 *   operator, no assignment. The request runs in a `READ ONLY` transaction scoped to the Ente by
 *   Row-Level Security; the SQL selects only the rows whose `persona` column is the subject (and the
 *   households they applied for, and the offices those records name); each row is decided by
 *   csi-model's `canCitizenAccess` (read only, the subject's own records, the title on the day); then
 *   fascicolo's `buildCitizenView` must accept the requester too (its own checks of the title against
 *   the record: a court order limiting parental responsibility, a guardian of an adult not under
 *   guardianship…). One audit event records the view, with the citizen recorded by pseudonym
 *   (csi-model `citizenAuditActor`: a UUID v8 from `pseudonymizeFor('audit-cittadino', CF, key)`, role
 *   `sistema`), appended in a transaction of its own before the view is returned; a refusal is
 *   recorded too.
 *
 * Bounded: at most {@link CITIZEN_VIEW_MAX_RECORDS} records of the person (all kinds together) are
 * read; one more and the view is refused with `store.too_large` (nothing is returned, nothing partial).
 *
 * Review decisions (`s.recordReviewDecision`): `responsabile-servizio` and `coordinatore` decide (the
 * controller decides: GDPR art. 24; the DPO advises and monitors, art. 38(3) and 39(1), so `dpo` reads
 * them with `s.reviewDecisions` but does not take them). Stored in `review_decision` (migration 0006),
 * append-only; the latest decision on a `ref` supersedes the earlier ones.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { createIssue, fail, isIsoDate, ok, todayInItaly, type IsoDate, type Issue, type Result } from '@riuso-sociale/core';
import {
  accessResource,
  auditEvent,
  canCitizenAccess,
  citizenAuditActor,
  isInstant,
  isUuid,
  PSEUDONYM_MIN_KEY_BYTES,
  toInstant,
  UNKNOWN_OPERATOR_ID,
  type AuditEvent,
  type CitizenAccessRule,
  type CitizenActor,
  type Id,
  type Instant,
  type PseudonymKey,
} from '@riuso-sociale/csi-model';
import { buildCitizenView, DEFAULT_POLICY, type CitizenRecord, type CitizenView, type Locale, type Policy, type Purpose, type Requester, type ReviewDecision } from '@riuso-sociale/fascicolo';
import type { SqlQueryable } from './executor.js';
import { storeIssue, TEXT } from './issues.js';
import { isStoredKind, KIND_TABLES, type StoredKind } from './kinds.js';
import { resourceOf, type Session, type SessionIssueCode } from './session.js';

/**
 * Most records of one person a view reads (all kinds together, the person and the offices apart): a
 * person followed for decades has a few thousand; beyond this the view is refused with
 * `store.too_large` rather than built from part of the record.
 *
 * @example
 * ```ts
 * import { CITIZEN_VIEW_MAX_RECORDS } from '@riuso-sociale/csi-store';
 * CITIZEN_VIEW_MAX_RECORDS; // 5000
 * ```
 */
export const CITIZEN_VIEW_MAX_RECORDS = 5000;

/** Longest ground of a review decision (it goes whole into the audit event's reason, at most 2000 characters). */
const MAX_GROUND = 1500;

/** The record kinds of a view that are found by their `persona` column (fascicolo's `CitizenRecord` keys). */
const BY_PERSONA: readonly string[] = [
  'cartella', 'accesso', 'presa-in-carico', 'valutazione', 'progetto', 'obiettivo', 'intervento', 'erogazione', 'diario', 'documento',
  'provvedimento', 'consenso', 'rete-sociale', 'appuntamento',
];

/** The kinds read by persona that this store has (appuntamento once the model and the schema have it). */
function personaKinds(): StoredKind[] {
  return BY_PERSONA.filter((k): k is StoredKind => isStoredKind(k) && KIND_TABLES[k].columns.some((c) => c.column === 'persona'));
}

/** Kinds whose records a review decision may be about (a `ref` is `<kind>:<id>` or `<kind>:<id>#<part>`). */
const REF = /^([a-z-]{1,40}):([0-9a-f-]{36})(#[a-z][a-z0-9-]{0,40})?$/;

/**
 * Options of `s.citizenView` (an operator's view): fascicolo's `CitizenViewOptions` without
 * `subject` (the person named) and `decisions` (read from the store).
 *
 * @example
 * ```ts
 * import type { OperatorCitizenViewOptions } from '@riuso-sociale/csi-store';
 * const o: OperatorCitizenViewOptions = { purpose: 'access-request', requester: { kind: 'interessato', codiceFiscale: 'SPSGNN90D42F839H' }, asOf: '2026-03-02' as never };
 * ```
 */
export interface OperatorCitizenViewOptions {
  /** `access-request` (answer to a GDPR art. 15 request) or `portal` (what the citizen would see). */
  readonly purpose: Purpose;
  /** Who asked, as the operator verified them. */
  readonly requester: Requester;
  /** The day the view is for (calendar date in Italy; not after today). */
  readonly asOf: IsoDate;
  readonly locale?: Locale;
  readonly policy?: Policy;
}

/**
 * Options of `store.citizenView` (a citizen's or representative's own view, from the portal).
 *
 * @example
 * ```ts
 * import { randomBytes } from 'node:crypto';
 * import type { CitizenViewRequest } from '@riuso-sociale/csi-store';
 * const r: CitizenViewRequest = { ente: 'A944', personaId: '0f8fad5b-d9cb-469f-a165-70867728950e', asOf: '2026-03-02' as never, purpose: 'portal',
 *   actor: { kind: 'cittadino', codiceFiscale: 'SPSGNN90D42F839H', requester: { kind: 'interessato' } }, pseudonymKey: randomBytes(32) };
 * ```
 */
export interface CitizenViewRequest {
  /** The Ente asked (Belfiore code). */
  readonly ente: string;
  /** Who asks, as SPID/CIE authenticated them, and on what title. */
  readonly actor: CitizenActor;
  /** The `persona` id of the subject. */
  readonly personaId: string;
  /** Today in Italy: a citizen's view is always of the day (a past date would revive an expired title). */
  readonly asOf: IsoDate;
  /** Only `portal`: the answer to an access request is prepared and reviewed by an operator. */
  readonly purpose: 'portal';
  /** The Comune's pseudonym key (≥ 32 bytes, never in the database): the citizen is audited by pseudonym. */
  readonly pseudonymKey: PseudonymKey;
  readonly locale?: Locale;
  readonly policy?: Policy;
}

/**
 * A view read from the store: fascicolo's `CitizenView`, and what the store could not read.
 *
 * @example
 * ```ts
 * import type { StoredCitizenView } from '@riuso-sociale/csi-store';
 * const incomplete = (v: StoredCitizenView) => !v.complete && v.unreadable > 0;
 * ```
 */
export interface StoredCitizenView {
  readonly view: CitizenView;
  /** Records of the person read into the view (the person and the offices apart). */
  readonly records: number;
  /** Records of the person the actor may not read (each denial audited): not in the view. */
  readonly unreadable: number;
  /** `unreadable` by kind. */
  readonly unreadableByKind: Readonly<Record<string, number>>;
  /** `true` when every record of the person was read: an incomplete access-request answer must be completed (by whoever may read the rest) before it is sent. */
  readonly complete: boolean;
  /** Review decisions applied (the latest per item). */
  readonly decisions: number;
}

/**
 * What `s.recordReviewDecision` takes.
 *
 * @example
 * ```ts
 * import type { ReviewDecisionInput } from '@riuso-sociale/csi-store';
 * const d: ReviewDecisionInput = { personaId: '0f8fad5b-d9cb-469f-a165-70867728950e', ref: 'diario:6f1c6c1e-8a40-4c5e-9d43-2d1f0b6f1a11',
 *   decision: 'delay', ground: 'indagine in corso (art. 2-undecies c.3)', until: '2026-09-30' as never };
 * ```
 */
export interface ReviewDecisionInput {
  /** The person the item is about. */
  readonly personaId: string;
  /** The item (`ReviewItem.ref` of the view: `<kind>:<id>` or `<kind>:<id>#<part>`). */
  readonly ref: string;
  readonly decision: 'release' | 'withhold' | 'delay';
  /** Why (1–1500 characters; audited as written: no personal data beyond what is needed). */
  readonly ground: string;
  /** For `delay`: until when (a date after the day of the decision). */
  readonly until?: IsoDate;
  /** When (default: the store's clock). */
  readonly at?: Instant;
}

/**
 * A review decision as stored.
 *
 * @example
 * ```ts
 * import type { StoredReviewDecision } from '@riuso-sociale/csi-store';
 * const later = (a: StoredReviewDecision, b: StoredReviewDecision) => a.n < b.n;
 * ```
 */
export interface StoredReviewDecision {
  readonly id: string;
  /** Order of insertion (the latest per `ref` holds). */
  readonly n: number;
  readonly personaId: string;
  readonly ref: string;
  readonly decision: 'release' | 'withhold' | 'delay';
  readonly ground: string;
  readonly until?: IsoDate;
  readonly decidedBy: string;
  readonly decidedRole: 'responsabile-servizio' | 'coordinatore';
  readonly decidedAt: Instant;
}

/** Roles that take review decisions (the controller's staff in charge: GDPR art. 24); the DPO reads them (art. 38–39). */
const DECIDERS: ReadonlySet<string> = new Set(['responsabile-servizio', 'coordinatore']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A plain object whose own keys are all in `allowed` (`__proto__`, `constructor`… refused). */
function strictKeys(value: unknown, allowed: readonly string[]): value is Record<string, unknown> {
  return isPlainObject(value) && Reflect.ownKeys(value).every((k) => typeof k === 'string' && allowed.includes(k));
}

const invalid = <T>(it: string, en: string, path: readonly (string | number)[] = []): Result<T, ViewIssueCode> => fail([storeIssue('store.invalid', { it, en }, {}, [...path])]);

/**
 * Issue codes of the view operations: the store's, and fascicolo's when it refuses the view
 * (`fascicolo.requester_*`, `fascicolo.subject_*`…).
 *
 * @example
 * ```ts
 * import type { ViewIssueCode } from '@riuso-sociale/csi-store';
 * const c: ViewIssueCode = 'fascicolo.subject_adult';
 * ```
 */
export type ViewIssueCode = SessionIssueCode | `fascicolo.${string}`;

interface ReadRow {
  readonly kind: StoredKind;
  readonly ente: string;
  readonly data: Record<string, unknown> & { readonly id: string };
}

/**
 * The rows of a view: the person's records of every kind (by the `persona` column), the households
 * they applied for, the offices those records name; all in one Ente, bounded.
 */
async function gather(tx: SqlQueryable, ente: string, personaId: string): Promise<Result<ReadRow[], ViewIssueCode>> {
  const rows: ReadRow[] = [];
  const tooLarge = (): Result<never, ViewIssueCode> =>
    fail([
      storeIssue(
        'store.too_large',
        { it: `La cartella della persona supera ${CITIZEN_VIEW_MAX_RECORDS} record: la vista non si costruisce in parte`, en: `The person's record exceeds ${CITIZEN_VIEW_MAX_RECORDS} records: the view is not built from part of it` },
        { max: CITIZEN_VIEW_MAX_RECORDS },
      ),
    ]);
  // Earlier registrations merged into the person (a codice fiscale changed by omocodia, a
  // duplicate): their records are the person's history (fascicolo's `CitizenRecord.merged`).
  const merged = await tx.query<{ ente: string; data: ReadRow['data'] }>(
    `SELECT ente, data FROM persona WHERE ente = $1 AND data->>'unitaA' = $2 AND data->>'status' = 'unita' ORDER BY id LIMIT 100`,
    [ente, personaId],
  );
  for (const x of merged.rows) rows.push({ kind: 'persona', ente: x.ente, data: x.data });
  const ids = [personaId, ...merged.rows.map((x) => x.data.id)];
  for (const kind of personaKinds()) {
    const r = await tx.query<{ ente: string; data: ReadRow['data'] }>(
      `SELECT ente, data FROM ${KIND_TABLES[kind].table} WHERE ente = $1 AND persona = ANY($2::uuid[]) ORDER BY id LIMIT $3`,
      [ente, ids, CITIZEN_VIEW_MAX_RECORDS - rows.length + 1],
    );
    for (const x of r.rows) rows.push({ kind, ente: x.ente, data: x.data });
    if (rows.length > CITIZEN_VIEW_MAX_RECORDS) return tooLarge();
  }
  for (const id of ids) {
    const households = await tx.query<{ ente: string; data: ReadRow['data'] }>(
      `SELECT ente, data FROM nucleo_familiare WHERE ente = $1 AND data->'componenti' @> $2::jsonb ORDER BY id LIMIT $3`,
      [ente, JSON.stringify([{ persona: id, relazione: 'richiedente' }]), CITIZEN_VIEW_MAX_RECORDS - rows.length + 1],
    );
    for (const x of households.rows) rows.push({ kind: 'nucleo-familiare', ente: x.ente, data: x.data });
    if (rows.length > CITIZEN_VIEW_MAX_RECORDS) return tooLarge();
  }
  const offices = [...new Set(rows.map((x) => x.data.servizio).filter((v): v is string => isUuid(v)))];
  if (offices.length > 0) {
    const r = await tx.query<{ ente: string; data: ReadRow['data'] }>('SELECT ente, data FROM servizio WHERE ente = $1 AND id = ANY($2::uuid[]) ORDER BY id', [ente, offices]);
    for (const x of r.rows) rows.push({ kind: 'servizio', ente: x.ente, data: x.data });
  }
  return ok(rows);
}

/** The latest decision per ref for a person, oldest first (the order fascicolo applies them in). */
async function latestDecisions(tx: SqlQueryable, ente: string, personaId: string): Promise<ReviewDecision[]> {
  const r = await tx.query<{ ref: string; decision: 'release' | 'withhold' | 'delay'; ground: string; until: string | null }>(
    `SELECT ref, decision, ground, to_char(until, 'YYYY-MM-DD') AS until FROM (
       SELECT DISTINCT ON (ref) ref, decision, ground, until, n FROM review_decision WHERE ente = $1 AND persona = $2 ORDER BY ref, n DESC
     ) latest ORDER BY n`,
    [ente, personaId],
  );
  return r.rows.map((x) =>
    x.decision === 'delay' ? { ref: x.ref, decision: 'delay', ground: x.ground, until: x.until as IsoDate } : { ref: x.ref, decision: x.decision, ground: x.ground },
  );
}

/** The record bundle fascicolo reads, from the rows. */
function bundle(persona: Record<string, unknown>, rows: readonly ReadRow[]): CitizenRecord {
  const out: Record<string, unknown[]> = {};
  for (const row of rows) (out[row.kind === 'persona' ? 'merged' : row.kind] ??= []).push(row.data);
  return { ...(out as object), persona } as unknown as CitizenRecord;
}

const OPERATOR_OPTION_KEYS = ['purpose', 'requester', 'asOf', 'locale', 'policy'];

/** @internal `s.citizenView`: see the module notes. */
export async function operatorCitizenView(s: Session, personaId: string, options: OperatorCitizenViewOptions): Promise<Result<StoredCitizenView, ViewIssueCode>> {
  if (!isUuid(personaId)) return invalid('Vista del cittadino: identificativo della persona non valido', 'Citizen view: invalid person identifier', ['personaId']);
  if (!strictKeys(options, OPERATOR_OPTION_KEYS)) return invalid('Vista del cittadino: opzioni non valide { purpose, requester, asOf, locale?, policy? }', 'Citizen view: invalid options { purpose, requester, asOf, locale?, policy? }');
  if (options.purpose !== 'portal' && options.purpose !== 'access-request') return invalid("Vista del cittadino: scopo 'portal' o 'access-request'", "Citizen view: purpose 'portal' or 'access-request'", ['purpose']);
  const at = s.instant(undefined);
  const today = todayInItaly(new Date(at));
  if (!isIsoDate(options.asOf)) return invalid('Vista del cittadino: data non valida (AAAA-MM-GG)', 'Citizen view: invalid date (YYYY-MM-DD)', ['asOf']);
  if (options.asOf > today) return invalid('Vista del cittadino: la data non può essere futura', 'Citizen view: the date cannot be in the future', ['asOf']);
  const person = await s.readRow('persona', personaId);
  if (person === undefined) return fail([storeIssue('store.not_found', TEXT.notFound('persona'), { kind: 'persona', id: personaId })]);
  const first = await s.decide('read', 'persona', person.data as { id: string }, at);
  if (!first.allowed) {
    s.recordDecision(first, person.ente);
    return s.denied(first, 'persona', personaId);
  }
  const rows = await gather(s.tx, person.ente, personaId);
  if (!rows.ok) return rows;
  const readable: ReadRow[] = [];
  const unreadableByKind: Record<string, number> = {};
  let unreadable = 0;
  for (const row of rows.value) {
    const d = await s.decide('read', row.kind, row.data, at);
    if (d.allowed) readable.push(row);
    else {
      s.recordDecision(d, row.ente);
      if (row.kind !== 'servizio' && row.kind !== 'persona') {
        unreadable += 1;
        unreadableByKind[row.kind] = (unreadableByKind[row.kind] ?? 0) + 1;
      }
    }
  }
  const decisions = await latestDecisions(s.tx, person.ente, personaId);
  const requesterKind = isPlainObject(options.requester) && typeof options.requester.kind === 'string' ? options.requester.kind : 'unknown';
  const built = buildCitizenView(bundle(person.data, readable), {
    subject: personaId,
    requester: options.requester,
    purpose: options.purpose,
    asOf: options.asOf,
    decisions,
    ...(options.locale === undefined ? {} : { locale: options.locale }),
    ...(options.policy === undefined ? {} : { policy: options.policy }),
  });
  const records = readable.filter((r) => r.kind !== 'servizio' && r.kind !== 'persona').length;
  if (!built.ok) {
    s.denials.push({
      ...auditEvent({ at, actor: s.actor, action: 'access-denied', entity: { kind: 'persona', id: personaId }, persona: personaId as Id<'persona'>, reason: `citizen-view: ${options.purpose}; requester: ${shortKind(requesterKind)}; refused: ${built.issues[0].code}`, outcome: 'denied' }),
      ente: person.ente,
    });
    return built as Result<never, ViewIssueCode>;
  }
  const event: AuditEvent = {
    ...auditEvent({
      at,
      actor: s.actor,
      action: 'read',
      entity: { kind: 'persona', id: personaId },
      persona: personaId as Id<'persona'>,
      reason: `citizen-view: ${options.purpose}; requester: ${shortKind(requesterKind)}; records: ${records}; unreadable: ${unreadable}; decisions: ${decisions.length}`,
      outcome: 'success',
    }),
    ente: person.ente,
  };
  s.pending.push(event);
  s.reads.push(event);
  return ok({ view: built.value, records, unreadable, unreadableByKind, complete: unreadable === 0, decisions: decisions.length });
}

/** A requester kind for the audit: a known word, never free input. */
function shortKind(kind: string): string {
  return /^[a-z-]{1,40}$/.test(kind) ? kind : 'unknown';
}

const DECISION_KEYS = ['personaId', 'ref', 'decision', 'ground', 'until', 'at'];

/** The stored kind and id of a ref, or `undefined`. */
function parseRef(ref: unknown): { readonly kind: StoredKind; readonly id: string } | undefined {
  if (typeof ref !== 'string') return undefined;
  const m = REF.exec(ref);
  const kind = m?.[1];
  const id = m?.[2];
  if (kind === undefined || id === undefined || !isUuid(id) || !isStoredKind(kind) || kind === 'operatore' || kind === 'assegnazione' || kind === 'servizio' || kind === 'ente' || kind === 'flusso-siuss') return undefined;
  return { kind, id };
}

/** @internal `s.recordReviewDecision`: see the module notes. */
export async function recordReviewDecision(s: Session, input: ReviewDecisionInput): Promise<Result<StoredReviewDecision, ViewIssueCode>> {
  if (!strictKeys(input, DECISION_KEYS)) return invalid('Decisione: dati non validi { personaId, ref, decision, ground, until?, at? }', 'Decision: invalid data { personaId, ref, decision, ground, until?, at? }');
  if (input.at !== undefined && !isInstant(input.at)) return invalid('Decisione: istante non valido', 'Decision: invalid instant', ['at']);
  const at = s.instant(input.at);
  const role = s.actor.role;
  if (!DECIDERS.has(role)) {
    s.denials.push({
      ...auditEvent({ at, actor: s.actor, action: 'access-denied', entity: { kind: 'persona', id: isUuid(input.personaId) ? input.personaId : '-' }, ...(isUuid(input.personaId) ? { persona: input.personaId as Id<'persona'> } : {}), reason: 'review-decision: role', outcome: 'denied' }),
      ente: s.ente,
    });
    return fail([
      storeIssue(
        'store.denied',
        { it: 'Decidono sulla revisione il responsabile del servizio e il coordinatore (il DPO consiglia e legge le decisioni)', en: 'Review decisions are taken by the service manager and the coordinator (the DPO advises and reads them)' },
        { rule: 'review-role' },
      ),
    ]);
  }
  if (!isUuid(input.personaId)) return invalid('Decisione: identificativo della persona non valido', 'Decision: invalid person identifier', ['personaId']);
  const target = parseRef(input.ref);
  if (target === undefined) return invalid('Decisione: riferimento non valido (<tipo>:<id>[#<parte>])', 'Decision: invalid reference (<kind>:<id>[#<part>])', ['ref']);
  if (input.decision !== 'release' && input.decision !== 'withhold' && input.decision !== 'delay') return invalid("Decisione: 'release', 'withhold' o 'delay'", "Decision: 'release', 'withhold' or 'delay'", ['decision']);
  if (typeof input.ground !== 'string' || input.ground.trim() === '' || input.ground.length > MAX_GROUND) return invalid(`Decisione: motivo obbligatorio (1–${MAX_GROUND} caratteri)`, `Decision: a ground is required (1–${MAX_GROUND} characters)`, ['ground']);
  const today = todayInItaly(new Date(at));
  if (input.decision === 'delay') {
    if (!isIsoDate(input.until) || input.until <= today) return invalid('Decisione: un differimento ha una data futura (until, AAAA-MM-GG)', 'Decision: a delay has a future date (until, YYYY-MM-DD)', ['until']);
  } else if (input.until !== undefined) return invalid('Decisione: until solo per un differimento', 'Decision: until only for a delay', ['until']);
  const person = await s.readRow('persona', input.personaId);
  if (person === undefined) return fail([storeIssue('store.not_found', TEXT.notFound('persona'), { kind: 'persona', id: input.personaId })]);
  const access = await s.decide('read', 'persona', person.data as { id: string }, at);
  if (!access.allowed) {
    s.recordDecision(access, person.ente);
    return s.denied(access, 'persona', input.personaId);
  }
  const item = await s.readRow(target.kind, target.id);
  if (item === undefined || item.ente !== person.ente) return fail([storeIssue('store.not_found', TEXT.notFound(target.kind), { kind: target.kind, id: target.id })]);
  const about = target.kind === 'persona' ? item.data.id : resourceOf(target.kind, item.data as { id: string }).persona;
  if (about !== input.personaId) return invalid('Decisione: il record non riguarda la persona', 'Decision: the record is not about the person', ['ref']);
  const id = randomUUID();
  const r = await s.tx.query<{ n: string }>(
    `INSERT INTO review_decision (ente, id, persona, ref, decision, ground, until, decided_by, decided_role, decided_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING n::text AS n`,
    [person.ente, id, input.personaId, input.ref, input.decision, input.ground, input.decision === 'delay' ? input.until : null, s.actor.operatoreId, role, at],
  );
  const until = input.decision === 'delay' ? ` until ${input.until as string}` : '';
  s.pending.push({
    ...auditEvent({
      at,
      actor: s.actor,
      action: 'update',
      entity: { kind: target.kind, id: target.id },
      persona: input.personaId as Id<'persona'>,
      reason: `review-decision: ${input.decision}${until}; ref: ${input.ref}; ground: ${input.ground}`,
      outcome: 'success',
    }),
    ente: person.ente,
  });
  return ok({
    id,
    n: Number(r.rows[0]?.n ?? 0),
    personaId: input.personaId,
    ref: input.ref,
    decision: input.decision,
    ground: input.ground,
    ...(input.decision === 'delay' ? { until: input.until as IsoDate } : {}),
    decidedBy: s.actor.operatoreId,
    decidedRole: role as StoredReviewDecision['decidedRole'],
    decidedAt: at,
  });
}

/** @internal `s.reviewDecisions`: every decision on a person's items, oldest first (dpo, responsabile-servizio, coordinatore). */
export async function reviewDecisions(s: Session, personaId: string): Promise<Result<readonly StoredReviewDecision[], ViewIssueCode>> {
  if (!isUuid(personaId)) return invalid('Decisioni: identificativo della persona non valido', 'Decisions: invalid person identifier', ['personaId']);
  const at = s.instant(undefined);
  const role = s.actor.role;
  const person = await s.readRow('persona', personaId);
  if (person === undefined) return fail([storeIssue('store.not_found', TEXT.notFound('persona'), { kind: 'persona', id: personaId })]);
  if (role !== 'dpo') {
    const access = DECIDERS.has(role) ? await s.decide('read', 'persona', person.data as { id: string }, at) : undefined;
    if (access === undefined || !access.allowed) {
      if (access !== undefined) s.recordDecision(access, person.ente);
      else s.denials.push({ ...auditEvent({ at, actor: s.actor, action: 'access-denied', entity: { kind: 'persona', id: personaId }, persona: personaId as Id<'persona'>, reason: 'review-decisions: role', outcome: 'denied' }), ente: person.ente });
      return fail([storeIssue('store.denied', { it: 'Le decisioni di revisione le leggono il DPO e chi le prende', en: 'Review decisions are read by the DPO and by those who take them' }, { rule: access?.rule ?? 'review-role' })]);
    }
  }
  const r = await s.tx.query<{ id: string; n: string; ref: string; decision: StoredReviewDecision['decision']; ground: string; until: string | null; decided_by: string; decided_role: StoredReviewDecision['decidedRole']; decided_at: Date | string }>(
    `SELECT id, n::text AS n, ref, decision, ground, to_char(until, 'YYYY-MM-DD') AS until, decided_by, decided_role, decided_at
     FROM review_decision WHERE ente = $1 AND persona = $2 ORDER BY n LIMIT $3`,
    [person.ente, personaId, CITIZEN_VIEW_MAX_RECORDS],
  );
  const event: AuditEvent = {
    ...auditEvent({ at, actor: s.actor, action: 'read', entity: { kind: 'persona', id: personaId }, persona: personaId as Id<'persona'>, reason: `review-decisions: ${r.rows.length}`, outcome: 'success' }),
    ente: person.ente,
  };
  s.pending.push(event);
  s.reads.push(event);
  return ok(
    r.rows.map((x) => ({
      id: x.id,
      n: Number(x.n),
      personaId,
      ref: x.ref,
      decision: x.decision,
      ground: x.ground,
      ...(x.until === null ? {} : { until: x.until as IsoDate }),
      decidedBy: x.decided_by,
      decidedRole: x.decided_role,
      decidedAt: toInstant(new Date(x.decided_at)),
    })),
  );
}

// ------------------------------------------------------------------------------------------------
// The citizen's own view (store.citizenView).

const REQUEST_KEYS = ['ente', 'actor', 'personaId', 'asOf', 'purpose', 'pseudonymKey', 'locale', 'policy'];
const BELFIORE = /^[A-Z]\d{3}$/;

/** @internal What the citizen path hands back to the store: the result and the events to append (after the read-only pass). */
export interface CitizenViewOutcome {
  readonly result: Result<StoredCitizenView, string>;
  /** The view's event. */
  readonly granted: readonly AuditEvent[];
  /** Refusals. */
  readonly denied: readonly AuditEvent[];
}

function keyOk(key: unknown): boolean {
  return (typeof key === 'string' && new TextEncoder().encode(key).length >= PSEUDONYM_MIN_KEY_BYTES) || (key instanceof Uint8Array && key.length >= PSEUDONYM_MIN_KEY_BYTES);
}

/** The refusal of a citizen's request (bilingual, naming the rule, never the person). */
function citizenDenied(rule: string): Issue<string> {
  return createIssue(
    'store.denied',
    { it: `Fascicolo del cittadino: accesso negato (${rule})`, en: `Citizen view: access denied (${rule})` },
    { params: { rule } },
  );
}

/**
 * @internal Checks a citizen's request before the transaction: `undefined` when it may go on, else
 * the failure (store.invalid when nothing can be audited: no valid Ente or key).
 */
export function checkCitizenRequest(input: unknown): Result<CitizenViewRequest, string> {
  if (!isPlainObject(input)) return invalid('Fascicolo del cittadino: richiesta non valida', 'Citizen view: invalid request');
  if (typeof input.ente !== 'string' || !BELFIORE.test(input.ente)) return invalid('Fascicolo del cittadino: Ente non valido (codice Belfiore)', 'Citizen view: invalid Ente (Belfiore code)', ['ente']);
  if (!keyOk(input.pseudonymKey)) {
    return invalid(`Fascicolo del cittadino: chiave di pseudonimizzazione di almeno ${PSEUDONYM_MIN_KEY_BYTES} byte obbligatoria`, `Citizen view: a pseudonym key of at least ${PSEUDONYM_MIN_KEY_BYTES} bytes is required`, ['pseudonymKey']);
  }
  return ok(input as unknown as CitizenViewRequest);
}

/**
 * @internal The citizen's view inside the store's transaction (scoped to `request.ente` by RLS):
 * decides, reads, builds; returns the result and the audit events (see the module notes).
 */
export async function citizenViewInTx(tx: SqlQueryable, request: CitizenViewRequest, at: Instant): Promise<CitizenViewOutcome> {
  const ente = request.ente;
  const key = request.pseudonymKey;
  const actor = request.actor;
  const who = isPlainObject(actor) && typeof actor.codiceFiscale === 'string' ? citizenAuditActor(actor.codiceFiscale, key) : undefined;
  const requesterKind = isPlainObject(actor) && isPlainObject(actor.requester) && typeof actor.requester.kind === 'string' ? shortKind(actor.requester.kind) : 'unknown';
  const personaId = isUuid(request.personaId) ? request.personaId : undefined;
  const deny = (rule: CitizenAccessRule | string, extra: readonly AuditEvent[] = []): CitizenViewOutcome => ({
    result: fail([citizenDenied(rule)]),
    granted: [],
    denied: [
      ...extra,
      ...(extra.length > 0
        ? []
        : [
            {
              ...auditEvent({
                at,
                actor: who?.ok === true ? who.value.actor : { operatoreId: UNKNOWN_OPERATOR_ID, role: 'sistema' },
                action: 'access-denied',
                entity: { kind: 'persona', id: personaId ?? '-' },
                ...(personaId === undefined ? {} : { persona: personaId as Id<'persona'> }),
                reason: `citizen-view: portal; refused: ${rule}; requester: ${requesterKind}; citizen: ${who?.ok === true ? who.value.pseudonym : 'unknown'}`,
                outcome: 'denied',
              }),
              ente,
            },
          ]),
    ],
  });
  // The shape of the request: strict keys, a citizen's purpose, a real date that is today in Italy.
  if (!strictKeys(request, REQUEST_KEYS)) return deny('invalid-request');
  if (request.purpose !== 'portal') return deny('purpose');
  if (personaId === undefined) return deny('invalid-request');
  if (!isIsoDate(request.asOf)) return deny('invalid-request');
  if (request.asOf !== todayInItaly(new Date(at))) return deny('as-of-not-today');
  // The subject, in this Ente only (the WHERE and Row-Level Security both say so).
  const person = await tx.query<{ ente: string; data: Record<string, unknown> & { id: string; codiceFiscale?: string; dataNascita: IsoDate } }>(
    'SELECT ente, data FROM persona WHERE ente = $1 AND id = $2',
    [ente, personaId],
  );
  const subjectRow = person.rows[0];
  if (subjectRow === undefined) return deny('unknown-subject');
  const subject = {
    id: subjectRow.data.id,
    ...(typeof subjectRow.data.codiceFiscale === 'string' ? { codiceFiscale: subjectRow.data.codiceFiscale } : {}),
    dataNascita: subjectRow.data.dataNascita,
    ente: subjectRow.ente,
  };
  const policy = request.policy ?? DEFAULT_POLICY;
  const minorOwnViewFromAge = isPlainObject(policy) && (typeof policy.minorOwnViewFromAge === 'number' || policy.minorOwnViewFromAge === null) ? policy.minorOwnViewFromAge : null;
  const context = { at, asOf: request.asOf, ente, subject, pseudonymKey: key, minorOwnViewFromAge };
  const first = canCitizenAccess(actor, 'read', accessResource('persona', subjectRow.data), context);
  if (!first.allowed) return deny(first.rule, [{ ...first.audit, ente }]);
  const rows = await gather(tx, ente, personaId);
  if (!rows.ok) return { result: rows, granted: [], denied: [] };
  // Registrations merged into the subject (gather selected only those `unita` into this very
  // person): their records are the subject's history.
  const merged = rows.value.filter((r) => r.kind === 'persona').map((r) => r.data.id);
  const rowContext = merged.length === 0 ? context : { ...context, subject: { ...subject, merged } };
  const readable: ReadRow[] = [];
  const denied: AuditEvent[] = [];
  const unreadableByKind: Record<string, number> = {};
  for (const row of rows.value) {
    const d = canCitizenAccess(actor, 'read', resourceOf(row.kind, row.data), rowContext);
    if (d.allowed) readable.push(row);
    else {
      denied.push({ ...d.audit, ente });
      unreadableByKind[row.kind] = (unreadableByKind[row.kind] ?? 0) + 1;
    }
  }
  const unreadable = denied.length;
  const decisions = await latestDecisions(tx, ente, personaId);
  // fascicolo checks the title against the record too; the authenticated code is the requester's
  // (for the person themselves, their code as the record holds it: csi-model compared them canonically).
  const title = actor.requester;
  const requester: Requester = {
    ...(title as Requester),
    codiceFiscale: title.kind === 'interessato' && subject.codiceFiscale !== undefined ? subject.codiceFiscale : actor.codiceFiscale.trim().toUpperCase(),
  };
  const built = buildCitizenView(bundle(subjectRow.data, readable), {
    subject: personaId,
    requester,
    purpose: 'portal',
    asOf: request.asOf,
    decisions,
    ...(request.locale === undefined ? {} : { locale: request.locale }),
    ...(request.policy === undefined ? {} : { policy: request.policy }),
  });
  if (!built.ok) {
    const refused = deny(`view: ${built.issues[0].code}`);
    return { result: built, granted: [], denied: [...denied, ...refused.denied] };
  }
  const pseudonym = first.pseudonym ?? 'unknown';
  const records = readable.filter((r) => r.kind !== 'servizio' && r.kind !== 'persona').length;
  const event: AuditEvent = {
    ...auditEvent({
      at,
      actor: first.audit.actor,
      action: 'read',
      entity: { kind: 'persona', id: personaId },
      persona: personaId as Id<'persona'>,
      reason: `citizen-view: portal; requester: ${requesterKind}; citizen: ${pseudonym}; records: ${records}; unreadable: ${unreadable}; decisions: ${decisions.length}`,
      outcome: 'success',
    }),
    ente,
  };
  return {
    result: ok({ view: built.value, records, unreadable, unreadableByKind, complete: unreadable === 0, decisions: decisions.length }),
    granted: [event],
    denied,
  };
}
