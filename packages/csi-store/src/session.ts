// SPDX-License-Identifier: BSD-3-Clause
/**
 * A session: one transaction, scoped to an Ente (or the Comuni of an Ambito) and an actor. Every read
 * and write goes through csi-model's `canAccess`; every accepted change is validated by the entity's
 * schema, written with a compare-and-swap on `version`, and leaves its audit event, appended at commit
 * (`audit-log.ts`) together with the change. Denials are audited in a transaction of their own, after
 * this one ends, so that a rollback cannot erase them. Every statement runs under `SET LOCAL ROLE
 * riuso_csi` with the visible Enti in `riuso.enti`: Row-Level Security keeps other Comuni out even of
 * the vendor's own SQL (`sql`).
 * @module
 */
import { createIssue, fail, ok, type Issue, type Result } from '@riuso-sociale/core';
import {
  accessResource,
  auditEvent,
  canAccess,
  closePresaInCarico,
  correctExportedErogazione,
  ENTITY_SCHEMAS,
  initialHistory,
  LIFECYCLES,
  newId,
  isInstant,
  isUuid,
  type AccessAction,
  type AccessAssignment,
  type AccessDecision,
  type AccessOperator,
  type Actor,
  type AuditEvent,
  type ClosePresaOptions,
  type EnteRef,
  type EntityInput,
  type EntityOf,
  type ErogazioneCorrections,
  type Erogazione,
  type Id,
  type Instant,
  type Intervento,
  type LifecycleKind,
  type Operatore,
  type PresaInCarico,
} from '@riuso-sociale/csi-model';
import type { SqlQueryable, SqlResult } from './executor.js';
import { invalidIssues, storeIssue, TEXT, type StoreIssueCode } from './issues.js';
import { operatorCitizenView, recordReviewDecision, reviewDecisions, type OperatorCitizenViewOptions, type ReviewDecisionInput, type ViewIssueCode, type StoredCitizenView, type StoredReviewDecision } from './citizen-view.js';
import { exportSiuss, recordEsiti, recordEsito, siussCorrections, siussFlows, type EsitoInput, type EsitoOutcome, type ExportSiussOptions, type ExportSiussReport, type SiussCorrection, type SiussFlowsOptions, type StoredFlow } from './siuss-queue.js';
import { ENTITY_SCHEMA_VERSION, isStoredKind, KIND_TABLES, type KindColumn, type StoredKind } from './kinds.js';

/** Fields the store sets on a new record (identity, holder, bookkeeping, lifecycle). */
type Bookkeeping = 'id' | 'ente' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'version' | 'status' | 'history';
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * What `create` takes: the entity's own fields. The store sets id (unless given), ente (the session's,
 * unless given and visible), createdAt/By, updatedAt/By, version 1, and for a lifecycle kind the initial
 * status and history.
 *
 * @example
 * ```ts
 * import type { CreateInput } from '@riuso-sociale/csi-store';
 * type C = CreateInput<'cartella'>['persona']; // string
 * ```
 */
export type CreateInput<K extends StoredKind> = DistributiveOmit<EntityInput<K>, Bookkeeping> & {
  /** Identifier (default: a new UUID). */
  readonly id?: string;
  /** The holder Ente (default: the session's Ente). */
  readonly ente?: EnteRef;
};

/**
 * Options of a write: when it happens (default: the store's clock).
 *
 * @example
 * ```ts
 * import type { WriteOptions } from '@riuso-sociale/csi-store';
 * const o: WriteOptions = { at: '2025-03-01T09:30:00Z' as never };
 * ```
 */
export interface WriteOptions {
  /** When (UTC instant). */
  readonly at?: Instant;
}

/**
 * Options of `transition`.
 *
 * @example
 * ```ts
 * import type { TransitionOptions } from '@riuso-sociale/csi-store';
 * const o: TransitionOptions = { expectedVersion: 3, reason: 'obiettivi raggiunti' };
 * ```
 */
export interface TransitionOptions extends WriteOptions {
  /** The version the caller read: the write happens only if the record still has it. */
  readonly expectedVersion: number;
  /** Why (mandatory for some events). */
  readonly reason?: string;
  /** Event data (closure codes, esito, …). */
  readonly data?: unknown;
}

/**
 * Options of a read.
 *
 * @example
 * ```ts
 * import type { ReadOptions } from '@riuso-sociale/csi-store';
 * const o: ReadOptions = { breakGlass: { reason: 'Pronto intervento: minore solo in casa' } };
 * ```
 */
export interface ReadOptions {
  /** Emergency access with its justification (read only, audited, the case manager must be alerted). */
  readonly breakGlass?: { readonly reason: string };
}

/**
 * A filter of `list` on the typed columns of the kind.
 *
 * @example
 * ```ts
 * import type { ListFilter } from '@riuso-sociale/csi-store';
 * const f: ListFilter = { persona: '0f8fad5b-d9cb-469f-a165-70867728950e', status: ['attiva', 'sospesa'], limit: 50 };
 * ```
 */
export interface ListFilter {
  /** The person (kinds with a `persona` column). */
  readonly persona?: string;
  /** The presa in carico (kinds with a `presa_in_carico` column). */
  readonly presaInCarico?: string;
  /** The intervento (erogazioni). */
  readonly intervento?: string;
  /** One state or several (lifecycle kinds). */
  readonly status?: string | readonly string[];
  /** Rows after this id (keyset paging: pass the last id of the previous page). */
  readonly after?: string;
  /** At most this many rows (default 100, at most 1000). */
  readonly limit?: number;
}

/**
 * Options of {@link Session.closePresaInCarico}.
 *
 * @example
 * ```ts
 * import type { ClosePresaInCaricoOptions } from '@riuso-sociale/csi-store';
 * const o: ClosePresaInCaricoOptions = { expectedVersion: 4, reason: 'obiettivi raggiunti', motivoChiusura: { system: 'locale', version: '1', code: 'OBR' } };
 * ```
 */
export interface ClosePresaInCaricoOptions extends Omit<ClosePresaOptions, 'cartella'>, WriteOptions {
  /** The version of the presa in carico the caller read. */
  readonly expectedVersion: number;
}

/**
 * Options of {@link Session.correctExportedErogazione}.
 *
 * @example
 * ```ts
 * import type { CorrectErogazioneStoreOptions } from '@riuso-sociale/csi-store';
 * const o: CorrectErogazioneStoreOptions = { expectedVersion: 5, reason: 'importo errato' };
 * ```
 */
export interface CorrectErogazioneStoreOptions extends WriteOptions {
  /** The version of the exported erogazione the caller read. */
  readonly expectedVersion: number;
  /** Why (mandatory). */
  readonly reason: string;
}

/** Issue codes a session operation may return (the store's and the lifecycle engine's). */
export type SessionIssueCode = StoreIssueCode | `csi.${string}`;

/** The result of a session operation. */
export type StoreResult<T> = Result<T, SessionIssueCode>;

/** Largest serialised entity accepted (a cartella record is small: this bounds hostile input). */
const MAX_ENTITY_BYTES = 1_000_000;
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** @internal What the store gives a session. */
export interface SessionInit {
  readonly tx: SqlQueryable;
  readonly actor: Actor;
  readonly operator: AccessOperator;
  readonly record: Operatore | undefined;
  /** The operator's active assignments in the session's Enti (read with the operator). */
  readonly assegnazioni: readonly AccessAssignment[];
  readonly home: string;
  readonly enti: readonly string[];
  readonly now: () => Instant;
}

/** A row as read back: the entity and its version. */
interface Row {
  readonly ente: string;
  readonly version: number;
  readonly data: Record<string, unknown>;
}

const sqlCache = new Map<string, string>();

function columnsOf(kind: StoredKind): readonly KindColumn[] {
  return KIND_TABLES[kind].columns;
}

/** @internal The value of a typed column in an entity (`null` when absent). */
export function columnValue(entity: Record<string, unknown>, c: KindColumn): unknown {
  let v: unknown = entity;
  for (const part of c.field.split('.')) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, part)) return null;
    v = (v as Record<string, unknown>)[part];
  }
  return v === undefined ? null : v;
}

function insertSql(kind: StoredKind): string {
  const key = `insert:${kind}`;
  const cached = sqlCache.get(key);
  if (cached !== undefined) return cached;
  const { table, lifecycle } = KIND_TABLES[kind];
  const cols = ['ente', 'id', ...(lifecycle ? ['status'] : []), ...columnsOf(kind).map((c) => c.column), 'version', 'schema_version', 'created_at', 'updated_at', 'data'];
  const values = cols.map((c, i) => (c === 'data' ? `$${i + 1}::jsonb` : `$${i + 1}`));
  const sql = `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${values.join(', ')})`;
  sqlCache.set(key, sql);
  return sql;
}

function insertParams(kind: StoredKind, ente: string, entity: Record<string, unknown>): unknown[] {
  const { lifecycle } = KIND_TABLES[kind];
  return [
    ente,
    entity.id,
    ...(lifecycle ? [entity.status] : []),
    ...columnsOf(kind).map((c) => columnValue(entity, c)),
    entity.version,
    ENTITY_SCHEMA_VERSION,
    entity.createdAt,
    entity.updatedAt,
    JSON.stringify(entity),
  ];
}

function updateSql(kind: StoredKind): string {
  const key = `update:${kind}`;
  const cached = sqlCache.get(key);
  if (cached !== undefined) return cached;
  const { table, lifecycle } = KIND_TABLES[kind];
  const sets = [...(lifecycle ? ['status'] : []), ...columnsOf(kind).map((c) => c.column), 'version', 'schema_version', 'updated_at', 'data'];
  const assignments = sets.map((c, i) => `${c} = $${i + 4}${c === 'data' ? '::jsonb' : ''}`);
  const sql = `UPDATE ${table} SET ${assignments.join(', ')} WHERE ente = $1 AND id = $2 AND version = $3`;
  sqlCache.set(key, sql);
  return sql;
}

function updateParams(kind: StoredKind, ente: string, expectedVersion: number, entity: Record<string, unknown>): unknown[] {
  const { lifecycle } = KIND_TABLES[kind];
  return [
    ente,
    entity.id,
    expectedVersion,
    ...(lifecycle ? [entity.status] : []),
    ...columnsOf(kind).map((c) => columnValue(entity, c)),
    entity.version,
    ENTITY_SCHEMA_VERSION,
    entity.updatedAt,
    JSON.stringify(entity),
  ];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function pgCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The id of a record for an issue's params: only a UUID, never what else the caller passed (a codice fiscale, SQL…). */
function shownId(id: unknown): { readonly id?: string } {
  return isUuid(id) ? { id } : {};
}

function failWith<T>(issue: Issue<SessionIssueCode>): StoreResult<T> {
  return fail([issue]);
}

/**
 * One transaction of one actor on the records of one Ente (or an Ambito's Comuni). Obtained from
 * `store.withSession`; never kept after the callback returns.
 *
 * @example
 * ```ts
 * import { openStore } from '@riuso-sociale/csi-store';
 * const store = await openStore();
 * // await store.withSession({ ente: 'A944', actor }, async (s) => s.get('cartella', id));
 * await store.close();
 * ```
 */
export class Session {
  readonly #tx: SqlQueryable;
  readonly #actor: Actor;
  readonly #operator: AccessOperator;
  readonly #record: Operatore | undefined;
  readonly #home: string;
  readonly #enti: readonly string[];
  readonly #now: () => Instant;
  readonly #assignments: readonly AccessAssignment[];
  /** @internal Audit events to append at commit. */
  readonly pending: AuditEvent[] = [];
  /** @internal Denials, audited after the transaction in one of their own. */
  readonly denials: AuditEvent[] = [];
  /** @internal Allowed reads (break-glass included), also in `pending`: audited on their own if the transaction rolls back, since the data was disclosed anyway. */
  readonly reads: AuditEvent[] = [];
  /** @internal Flows created in this transaction: their ts_flusso is allocated at commit. */
  readonly flows: { readonly ente: string; readonly id: string }[] = [];
  #closed = false;

  /** @internal */
  constructor(init: SessionInit) {
    this.#tx = init.tx;
    this.#actor = init.actor;
    this.#operator = init.operator;
    this.#record = init.record;
    this.#assignments = init.assegnazioni;
    this.#home = init.home;
    this.#enti = init.enti;
    this.#now = init.now;
  }

  /** The Ente of the session (the operator's own). */
  get ente(): string {
    return this.#home;
  }

  /** The Enti whose records the session sees (one Comune, or the Comuni of an Ambito). */
  get enti(): readonly string[] {
    return this.#enti;
  }

  /** The actor. */
  get actor(): Actor {
    return this.#actor;
  }

  /** The operator's record (role, codice fiscale). */
  get operatore(): Operatore | undefined {
    return this.#record;
  }

  /** @internal Ends the session: later calls are refused. */
  close(): void {
    this.#closed = true;
  }

  /** @internal The transaction, for the modules of the store (export queue). */
  get tx(): SqlQueryable {
    this.#assertOpen();
    return this.#tx;
  }

  #assertOpen(): void {
    if (this.#closed) throw new TypeError('csi-store: the session is over (use it only inside withSession)');
  }

  /** @internal The instant of an operation. */
  instant(at: Instant | undefined): Instant {
    return at ?? this.#now();
  }


  /** @internal Decides an access; a denial is queued for its own transaction and returned as `store.denied`. */
  async decide(action: AccessAction, kind: StoredKind, record: { readonly id: string }, at: Instant, breakGlass?: { readonly reason: string }): Promise<AccessDecision> {
    return canAccess(this.#operator, action, resourceOf(kind, record), { at, assegnazioni: this.#assignments, ...(breakGlass === undefined ? {} : { breakGlass }) });
  }

  /** @internal Records a decision's event: allowed reads go with the transaction (or on their own if it rolls back), denials on their own. */
  recordDecision(decision: AccessDecision, ente: string): void {
    const event: AuditEvent = { ...decision.audit, ente };
    if (decision.allowed) {
      this.pending.push(event);
      if (event.action === 'read' || event.action === 'break-glass') this.reads.push(event);
    } else this.denials.push(event);
  }

  /** @internal */
  denied<T>(decision: AccessDecision, kind: StoredKind, id: string): StoreResult<T> {
    return failWith(
      storeIssue(
        'store.denied',
        { it: `Accesso negato (${kind}): ${decision.reason.it}`, en: `Access denied (${kind}): ${decision.reason.en}` },
        { kind, id, rule: decision.rule },
      ),
    );
  }

  /** @internal Reads one row (visible Enti only), optionally locking it. */
  async readRow(kind: StoredKind, id: string, lock = false): Promise<Row | undefined> {
    if (!isUuid(id)) return undefined;
    const r = await this.#tx.query<{ ente: string; version: number; data: Record<string, unknown> }>(
      `SELECT ente, version, data FROM ${KIND_TABLES[kind].table} WHERE id = $1 AND ente = ANY($2::text[])${lock ? ' FOR UPDATE' : ''}`,
      [id, this.#enti],
    );
    const row = r.rows[0];
    return row === undefined ? undefined : { ente: row.ente, version: Number(row.version), data: row.data };
  }

  /** @internal Inserts a validated entity (in a savepoint: a missing reference or duplicate id leaves the session usable). */
  async insert(kind: StoredKind, ente: string, entity: Record<string, unknown>): Promise<StoreResult<true>> {
    await this.#tx.query('SAVEPOINT riuso_write');
    try {
      await this.#tx.query(insertSql(kind), insertParams(kind, ente, entity));
      await this.#tx.query('RELEASE SAVEPOINT riuso_write');
      return ok(true);
    } catch (e) {
      await this.#tx.query('ROLLBACK TO SAVEPOINT riuso_write');
      return this.#writeError(e, kind, String(entity.id));
    }
  }

  /** @internal Compare-and-swap update; `store.conflict` when the version moved. */
  async update(kind: StoredKind, ente: string, expectedVersion: number, entity: Record<string, unknown>, checkReferences: boolean): Promise<StoreResult<true>> {
    if (checkReferences) await this.#tx.query('SAVEPOINT riuso_write');
    try {
      const r = await this.#tx.query(updateSql(kind), updateParams(kind, ente, expectedVersion, entity));
      if (checkReferences) await this.#tx.query('RELEASE SAVEPOINT riuso_write');
      if (r.rowCount === 1) return ok(true);
      const now = await this.readRow(kind, String(entity.id));
      if (now === undefined) return failWith(storeIssue('store.not_found', TEXT.notFound(kind), { kind, id: String(entity.id) }));
      return failWith(storeIssue('store.conflict', TEXT.conflict(kind, expectedVersion, now.version), { kind, id: String(entity.id), expectedVersion, version: now.version }));
    } catch (e) {
      if (checkReferences) await this.#tx.query('ROLLBACK TO SAVEPOINT riuso_write');
      return this.#writeError(e, kind, String(entity.id));
    }
  }

  #writeError<T>(e: unknown, kind: StoredKind, id: string): StoreResult<T> {
    const code = pgCode(e);
    if (code === '23503') {
      return failWith(
        storeIssue('store.invalid', { it: `${kind}: riferimento a un record che non esiste in questo Ente`, en: `${kind}: reference to a record that does not exist in this Ente` }, { kind, id }),
      );
    }
    if (code === '23502' || code === '23514' || code === '22P02' || code === '22007' || code === '22008') {
      // A NOT NULL, CHECK or type constraint of the schema: the entity passed its zod schema, so this is a
      // value the model allows and the SQL does not (say so, with the kind only).
      return failWith(storeIssue('store.invalid', { it: `${kind}: dati rifiutati dallo schema SQL`, en: `${kind}: data refused by the SQL schema` }, { kind, id, sqlstate: code }));
    }
    if (code === '23505') {
      return failWith(storeIssue('store.conflict', { it: `${kind}: esiste già un record con questo identificativo`, en: `${kind}: a record with this identifier already exists` }, { kind, id }));
    }
    if (code === '42501') {
      return failWith(storeIssue('store.denied', { it: `${kind}: scrittura fuori dagli Enti della sessione`, en: `${kind}: write outside the Enti of the session` }, { kind, id }));
    }
    throw e;
  }

  /** @internal Validates a whole entity with its schema (bounded size, masked issues). */
  validate<K extends StoredKind>(kind: K, entity: unknown): StoreResult<EntityOf<K>> {
    let size: number;
    try {
      size = JSON.stringify(entity)?.length ?? 0;
    } catch {
      return fail(invalidIssues([{ path: [], message: 'Dati non serializzabili in JSON / Data not serialisable as JSON' }]));
    }
    if (size > MAX_ENTITY_BYTES) {
      return failWith(storeIssue('store.invalid', { it: `${kind}: record oltre ${MAX_ENTITY_BYTES} byte`, en: `${kind}: record over ${MAX_ENTITY_BYTES} bytes` }, { kind, max: MAX_ENTITY_BYTES }));
    }
    const parsed = (ENTITY_SCHEMAS[kind] as { safeParse(v: unknown): { success: true; data: unknown } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }).safeParse(entity);
    if (!parsed.success) return fail(invalidIssues(parsed.error.issues));
    return ok(parsed.data as EntityOf<K>);
  }

  #kindCheck(kind: unknown): StoreResult<StoredKind> {
    if (isStoredKind(kind)) return ok(kind);
    // The unknown kind is not echoed: it is the caller's input, maybe anything (a name, a codice fiscale).
    return failWith(storeIssue('store.invalid', { it: 'Tipo di record sconosciuto', en: 'Unknown kind of record' }, {}, ['kind']));
  }

  /**
   * Creates a record: the store fills identity and bookkeeping, validates the whole entity, checks
   * access (a write), inserts it and queues its `create` audit event. Intake records — a person, a
   * front-desk accesso, a cartella, a proposed presa in carico, a household — may be created by a role
   * allowed to write them before anyone is assigned (the assignment is made on the presa in carico just
   * created); an assegnazione by a coordinator or service manager. Everything else needs the
   * operator's active assignment.
   *
   * @example
   * ```ts
   * // const r = await s.create('cartella', { persona: persona.id, apertaIl: '2025-03-03', responsabile: op.id, minore: false, tutelaAutoritaGiudiziaria: false });
   * // if (r.ok) r.value.version; // 1
   * ```
   */
  async create<K extends StoredKind>(kind: K, data: CreateInput<K>, options: WriteOptions = {}): Promise<StoreResult<EntityOf<K>>> {
    this.#assertOpen();
    const k = this.#kindCheck(kind);
    if (!k.ok) return k;
    if (!isPlainObject(data)) return failWith(storeIssue('store.invalid', { it: `${kind}: i dati devono essere un oggetto`, en: `${kind}: data must be an object` }, { kind }));
    if (!isPlainObject(options as unknown)) return failWith(storeIssue('store.invalid', { it: 'Opzioni non valide', en: 'Invalid options' }, { kind }));
    const at = this.instant(options.at);
    const given = data as Record<string, unknown>;
    const id = given.id === undefined ? newId(kind) : given.id;
    if (!isUuid(id)) return failWith(storeIssue('store.invalid', { it: `${kind}: identificativo non valido`, en: `${kind}: invalid identifier` }, { kind }, ['id']));
    const enteRef = (given.ente === undefined ? { belfiore: this.#home } : given.ente) as EnteRef;
    const ente = isPlainObject(enteRef) ? enteRef.belfiore : undefined;
    if (typeof ente !== 'string' || !this.#enti.includes(ente)) {
      return failWith(storeIssue('store.denied', { it: `${kind}: l'Ente del record non è tra quelli della sessione`, en: `${kind}: the record's Ente is not one of the session's` }, { kind }, ['ente']));
    }
    const by = this.#actor.operatoreId;
    const persona = kind === 'persona' ? id : typeof given.persona === 'string' ? given.persona : undefined;
    let lifecycle: Record<string, unknown> = {};
    let audit: AuditEvent;
    if (KIND_TABLES[kind].lifecycle) {
      const h = initialHistory(kind as LifecycleKind, this.#actor, at, { id: id as Id<LifecycleKind>, ...(persona === undefined || !isUuid(persona) ? {} : { persona: persona as Id<'persona'> }) });
      lifecycle = { status: h.status, history: h.history };
      audit = h.audit;
    } else {
      audit = auditEvent({ at, actor: this.#actor, action: 'create', entity: { kind, id }, ...(persona === undefined || !isUuid(persona) ? {} : { persona: persona as Id<'persona'> }), outcome: 'success' });
    }
    const candidate = { ...given, id, ente: enteRef, createdAt: at, createdBy: by, updatedAt: at, updatedBy: by, version: 1, ...lifecycle };
    const valid = this.validate(kind, candidate);
    if (!valid.ok) return valid;
    const entity = valid.value as unknown as Record<string, unknown> & { id: string };
    // Generating a SIUSS flow is an export; every other creation is a write.
    const decision = await this.decide(kind === 'flusso-siuss' ? 'export' : 'update', kind, entity, at);
    if (!decision.allowed && !this.#intakeAllowed(kind, decision)) {
      this.recordDecision(decision, ente);
      return this.denied(decision, kind, id);
    }
    const written = await this.insert(kind, ente, entity);
    if (!written.ok) return written;
    this.pending.push({ ...audit, ente });
    return ok(valid.value);
  }

  #intakeAllowed(kind: StoredKind, decision: AccessDecision): boolean {
    if (decision.rule !== 'no-active-assignment' && decision.rule !== 'unscoped-resource') return false;
    if (kind === 'assegnazione') return this.#operator.ruolo === 'coordinatore' || this.#operator.ruolo === 'responsabile-servizio';
    return INTAKE_KINDS.has(kind);
  }

  /**
   * Reads a record (audited). `store.not_found` when it is not in the session's Enti, `store.denied`
   * (audited) when the operator may not read it.
   *
   * @example
   * ```ts
   * // const r = await s.get('presa-in-carico', id);
   * // if (r.ok) r.value.status;
   * ```
   */
  async get<K extends StoredKind>(kind: K, id: string, options: ReadOptions = {}): Promise<StoreResult<EntityOf<K>>> {
    this.#assertOpen();
    const k = this.#kindCheck(kind);
    if (!k.ok) return k;
    if (!isPlainObject(options as unknown)) return failWith(storeIssue('store.invalid', { it: 'Opzioni non valide', en: 'Invalid options' }, { kind }));
    const row = await this.readRow(kind, id);
    if (row === undefined) return failWith(storeIssue('store.not_found', TEXT.notFound(kind), { kind, ...shownId(id) }));
    const at = this.#now();
    const decision = await this.decide('read', kind, row.data as { id: string }, at, options.breakGlass);
    this.recordDecision(decision, row.ente);
    if (!decision.allowed) return this.denied(decision, kind, id);
    return ok(row.data as unknown as EntityOf<K>);
  }

  /**
   * Lists records by their typed columns, in id order (keyset paging with `after`). Only the records
   * the operator may read are returned; each read is audited, and so is each record withheld.
   *
   * @example
   * ```ts
   * // const r = await s.list('intervento', { presaInCarico: presa.id, status: 'in-erogazione' });
   * ```
   */
  async list<K extends StoredKind>(kind: K, filter: ListFilter = {}): Promise<StoreResult<readonly EntityOf<K>[]>> {
    this.#assertOpen();
    const k = this.#kindCheck(kind);
    if (!k.ok) return k;
    if (!isPlainObject(filter as unknown)) return failWith(storeIssue('store.invalid', { it: 'Filtro non valido', en: 'Invalid filter' }, { kind }));
    const { table, lifecycle } = KIND_TABLES[kind];
    const columns = new Set(columnsOf(kind).map((c) => c.column));
    const where: string[] = ['ente = ANY($1::text[])'];
    const params: unknown[] = [this.#enti];
    const byColumn: readonly [keyof ListFilter, string][] = [
      ['persona', 'persona'],
      ['presaInCarico', 'presa_in_carico'],
      ['intervento', 'intervento'],
    ];
    for (const key of Object.keys(filter)) {
      if (!['persona', 'presaInCarico', 'intervento', 'status', 'after', 'limit'].includes(key)) {
        return failWith(storeIssue('store.invalid', { it: `Filtro sconosciuto: ${key.slice(0, 40)}`, en: `Unknown filter: ${key.slice(0, 40)}` }, { kind }, [key.slice(0, 40)]));
      }
    }
    for (const [key, column] of byColumn) {
      const value = filter[key];
      if (value === undefined) continue;
      if (!columns.has(column)) return failWith(storeIssue('store.invalid', { it: `${kind} non ha il filtro ${key}`, en: `${kind} has no filter ${key}` }, { kind }, [key]));
      if (!isUuid(value)) return failWith(storeIssue('store.invalid', { it: `Filtro ${key}: identificativo non valido`, en: `Filter ${key}: invalid identifier` }, { kind }, [key]));
      params.push(value);
      where.push(`${column} = $${params.length}`);
    }
    if (filter.status !== undefined) {
      const states = typeof filter.status === 'string' ? [filter.status] : filter.status;
      if (!lifecycle || !Array.isArray(states) || states.some((s) => typeof s !== 'string')) {
        return failWith(storeIssue('store.invalid', { it: 'Filtro status non valido', en: 'Invalid status filter' }, { kind }, ['status']));
      }
      params.push(states);
      where.push(`status = ANY($${params.length}::text[])`);
    }
    if (filter.after !== undefined) {
      if (!isUuid(filter.after)) return failWith(storeIssue('store.invalid', { it: 'Filtro after: identificativo non valido', en: 'Filter after: invalid identifier' }, { kind }, ['after']));
      params.push(filter.after);
      where.push(`id > $${params.length}`);
    }
    const limit = filter.limit === undefined ? DEFAULT_LIMIT : filter.limit;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      return failWith(storeIssue('store.invalid', { it: `Limite: intero da 1 a ${MAX_LIMIT}`, en: `Limit: an integer from 1 to ${MAX_LIMIT}` }, { kind, max: MAX_LIMIT }, ['limit']));
    }
    params.push(limit);
    const r = await this.#tx.query<{ ente: string; data: Record<string, unknown> & { id: string } }>(
      `SELECT ente, data FROM ${table} WHERE ${where.join(' AND ')} ORDER BY id LIMIT $${params.length}`,
      params,
    );
    const at = this.#now();
    const out: EntityOf<K>[] = [];
    for (const row of r.rows) {
      const decision = await this.decide('read', kind, row.data, at);
      this.recordDecision(decision, row.ente);
      if (decision.allowed) out.push(row.data as unknown as EntityOf<K>);
    }
    return ok(out);
  }

  /**
   * Applies a lifecycle event: checks access, loads what the event's guard needs (the presa in carico
   * of an intervento, the assessment and intervento of an erogazione, the cartella and interventi of a
   * presa in carico, the original of a diary addendum), runs the machine, validates the new entity and
   * writes it only if the record still has `expectedVersion` (`store.conflict` otherwise: nothing is
   * written). One audit event per accepted transition.
   *
   * @example
   * ```ts
   * // const r = await s.transition('intervento', id, 'avvia', { expectedVersion: 3 });
   * // if (!r.ok && r.issues[0].code === 'store.conflict') { reload and retry }
   * ```
   */
  async transition<K extends StoredKind & LifecycleKind>(kind: K, id: string, event: string, options: TransitionOptions): Promise<StoreResult<EntityOf<K>>> {
    this.#assertOpen();
    const k = this.#kindCheck(kind);
    if (!k.ok) return k;
    if (!KIND_TABLES[kind].lifecycle) return failWith(storeIssue('store.invalid', { it: `${kind} non ha un ciclo di vita`, en: `${kind} has no lifecycle` }, { kind }));
    if (!isPlainObject(options) || !Number.isInteger(options.expectedVersion) || options.expectedVersion < 1) {
      return failWith(storeIssue('store.invalid', { it: 'expectedVersion obbligatoria (intero ≥ 1)', en: 'expectedVersion is required (integer ≥ 1)' }, { kind }, ['expectedVersion']));
    }
    if (options.reason !== undefined && typeof options.reason !== 'string') {
      return failWith(storeIssue('store.invalid', { it: 'Il motivo è un testo', en: 'The reason is a text' }, { kind }, ['reason']));
    }
    if (options.at !== undefined && !isInstant(options.at)) {
      return failWith(storeIssue('store.invalid', { it: 'Istante non valido (AAAA-MM-GGThh:mm:ssZ)', en: 'Invalid instant (YYYY-MM-DDThh:mm:ssZ)' }, { kind }, ['at']));
    }
    const at = this.instant(options.at);
    const row = await this.readRow(kind, id);
    if (row === undefined) return failWith(storeIssue('store.not_found', TEXT.notFound(kind), { kind, ...shownId(id) }));
    const decision = await this.decide('transition', kind, row.data as { id: string }, at);
    if (!decision.allowed) {
      this.recordDecision(decision, row.ente);
      return this.denied(decision, kind, id);
    }
    if (row.version !== options.expectedVersion) {
      return failWith(storeIssue('store.conflict', TEXT.conflict(kind, options.expectedVersion, row.version), { kind, id, expectedVersion: options.expectedVersion, version: row.version }));
    }
    const machine = LIFECYCLES[kind as LifecycleKind].machine;
    // Related records are read only for an event whose guard looks at them.
    const spec = Object.hasOwn(machine.spec, event) ? (machine.spec as Record<string, { readonly guard?: unknown }>)[event] : undefined;
    const context = spec?.guard === undefined ? undefined : await this.#guardContext(kind, row.data, event);
    const r = machine.transition(row.data as never, event as never, this.#actor, at, {
      ...(options.reason === undefined ? {} : { reason: options.reason }),
      ...(options.data === undefined ? {} : { data: options.data as never }),
      ...(context === undefined ? {} : { context: context as never }),
    });
    if (!r.ok) return r;
    const valid = this.validate(kind, r.value.entity);
    if (!valid.ok) return valid;
    const next = valid.value as unknown as Record<string, unknown>;
    const refsChanged = columnsOf(kind).some((c) => c.references !== undefined && columnValue(next, c) !== columnValue(row.data, c));
    const written = await this.update(kind, row.ente, options.expectedVersion, next, refsChanged);
    if (!written.ok) return written;
    this.pending.push({ ...r.value.audit, ente: row.ente });
    return ok(valid.value);
  }

  /** Loads the related records a machine's guards read (see `transition`). */
  async #guardContext(kind: StoredKind, entity: Record<string, unknown>, event: string): Promise<unknown> {
    const related = async (k: StoredKind, id: unknown) => (typeof id === 'string' ? (await this.readRow(k, id))?.data : undefined);
    switch (kind) {
      case 'intervento': {
        const presaInCarico = await related('presa-in-carico', entity.presaInCarico);
        return presaInCarico === undefined ? {} : { presaInCarico };
      }
      case 'erogazione': {
        const [valutazione, intervento] = [await related('valutazione', entity.valutazione), await related('intervento', entity.intervento)];
        return { ...(valutazione === undefined ? {} : { valutazione }), ...(intervento === undefined ? {} : { intervento }) };
      }
      case 'presa-in-carico': {
        const cartella = await related('cartella', entity.cartella);
        if (event !== 'chiudi' && event !== 'trasferisci') return cartella === undefined ? {} : { cartella };
        const interventi = await this.#tx.query<{ data: Record<string, unknown> }>('SELECT data FROM intervento WHERE ente = ANY($1::text[]) AND presa_in_carico = $2', [this.#enti, entity.id]);
        return { interventi: interventi.rows.map((x) => x.data), ...(cartella === undefined ? {} : { cartella }) };
      }
      case 'diario': {
        const originale = await related('diario', entity.addendumDi);
        return originale === undefined ? {} : { originale };
      }
      default:
        return undefined;
    }
  }

  /**
   * Closes (or transfers) a presa in carico with its open interventi in one transaction: the presa in
   * carico and its interventi are locked (`FOR UPDATE`, presa first, interventi in id order), each
   * change is checked by csi-model's `closePresaInCarico` and written with its audit event — all or
   * nothing.
   *
   * @example
   * ```ts
   * // await s.closePresaInCarico(presa.id, { expectedVersion: presa.version, reason: 'bisogno risolto', motivoChiusura });
   * ```
   */
  async closePresaInCarico(id: string, options: ClosePresaInCaricoOptions): Promise<StoreResult<{ readonly presa: PresaInCarico; readonly interventi: readonly Intervento[] }>> {
    this.#assertOpen();
    if (!isPlainObject(options) || !Number.isInteger(options.expectedVersion)) {
      return failWith(storeIssue('store.invalid', { it: 'expectedVersion obbligatoria', en: 'expectedVersion is required' }, { kind: 'presa-in-carico' }, ['expectedVersion']));
    }
    if (options.reason !== undefined && typeof options.reason !== 'string') {
      return failWith(storeIssue('store.invalid', { it: 'Il motivo è un testo', en: 'The reason is a text' }, { kind: 'presa-in-carico' }, ['reason']));
    }
    if (options.at !== undefined && !isInstant(options.at)) {
      return failWith(storeIssue('store.invalid', { it: 'Istante non valido (AAAA-MM-GGThh:mm:ssZ)', en: 'Invalid instant (YYYY-MM-DDThh:mm:ssZ)' }, { kind: 'presa-in-carico' }, ['at']));
    }
    const at = this.instant(options.at);
    const presaRow = await this.readRow('presa-in-carico', id, true);
    if (presaRow === undefined) return failWith(storeIssue('store.not_found', TEXT.notFound('presa-in-carico'), { kind: 'presa-in-carico', ...shownId(id) }));
    const decision = await this.decide('transition', 'presa-in-carico', presaRow.data as { id: string }, at);
    if (!decision.allowed) {
      this.recordDecision(decision, presaRow.ente);
      return this.denied(decision, 'presa-in-carico', id);
    }
    if (presaRow.version !== options.expectedVersion) {
      return failWith(storeIssue('store.conflict', TEXT.conflict('presa-in-carico', options.expectedVersion, presaRow.version), { kind: 'presa-in-carico', id, expectedVersion: options.expectedVersion, version: presaRow.version }));
    }
    const locked = await this.#tx.query<{ version: number; data: Intervento }>(
      'SELECT version, data FROM intervento WHERE ente = $1 AND presa_in_carico = $2 ORDER BY id FOR UPDATE',
      [presaRow.ente, id],
    );
    const interventi = locked.rows.map((r) => r.data);
    const versions = new Map(locked.rows.map((r) => [r.data.id as string, Number(r.version)]));
    const cartella = (await this.readRow('cartella', String(presaRow.data.cartella)))?.data;
    const { expectedVersion: _v, at: _at, ...closeOptions } = options;
    const closed = closePresaInCarico(presaRow.data as unknown as PresaInCarico, interventi, this.#actor, at, {
      ...closeOptions,
      ...(cartella === undefined ? {} : { cartella: cartella as never }),
    } as ClosePresaOptions);
    if (!closed.ok) return closed;
    for (const intervento of closed.value.interventi) {
      const check = await this.decide('transition', 'intervento', intervento, at);
      if (!check.allowed) {
        this.recordDecision(check, presaRow.ente);
        return this.denied(check, 'intervento', intervento.id);
      }
    }
    for (const intervento of closed.value.interventi) {
      const valid = this.validate('intervento', intervento);
      if (!valid.ok) return valid;
      const w = await this.update('intervento', presaRow.ente, versions.get(intervento.id) ?? 0, valid.value as unknown as Record<string, unknown>, false);
      if (!w.ok) return w;
    }
    const validPresa = this.validate('presa-in-carico', closed.value.presa);
    if (!validPresa.ok) return validPresa;
    const w = await this.update('presa-in-carico', presaRow.ente, options.expectedVersion, validPresa.value as unknown as Record<string, unknown>, false);
    if (!w.ok) return w;
    for (const a of closed.value.audit) this.pending.push({ ...a, ente: presaRow.ente });
    return ok({ presa: validPresa.value, interventi: closed.value.interventi });
  }

  /**
   * Corrects an exported (frozen) erogazione the only way SIUSS allows — cancelling it and inserting
   * a corrected one that points to it — in one transaction with the row locked.
   *
   * @example
   * ```ts
   * // await s.correctExportedErogazione(e.id, { importoCents: 42_000 }, { expectedVersion: e.version, reason: 'importo errato' });
   * ```
   */
  async correctExportedErogazione(
    id: string,
    corrections: ErogazioneCorrections<Erogazione>,
    options: CorrectErogazioneStoreOptions,
  ): Promise<StoreResult<{ readonly annullata: Erogazione; readonly nuova: Erogazione }>> {
    this.#assertOpen();
    if (!isPlainObject(options) || !Number.isInteger(options.expectedVersion) || !isPlainObject(corrections)) {
      return failWith(storeIssue('store.invalid', { it: 'Correzioni e expectedVersion obbligatorie', en: 'Corrections and expectedVersion are required' }, { kind: 'erogazione' }));
    }
    const at = this.instant(options.at);
    const row = await this.readRow('erogazione', id, true);
    if (row === undefined) return failWith(storeIssue('store.not_found', TEXT.notFound('erogazione'), { kind: 'erogazione', ...shownId(id) }));
    const decision = await this.decide('transition', 'erogazione', row.data as { id: string }, at);
    if (!decision.allowed) {
      this.recordDecision(decision, row.ente);
      return this.denied(decision, 'erogazione', id);
    }
    if (row.version !== options.expectedVersion) {
      return failWith(storeIssue('store.conflict', TEXT.conflict('erogazione', options.expectedVersion, row.version), { kind: 'erogazione', id, expectedVersion: options.expectedVersion, version: row.version }));
    }
    const context = (await this.#guardContext('erogazione', row.data, 'crea')) as never;
    const r = correctExportedErogazione(row.data as unknown as Erogazione, corrections, this.#actor, at, { reason: options.reason, context });
    if (!r.ok) return r;
    const annullata = this.validate('erogazione', r.value.annullata);
    if (!annullata.ok) return annullata;
    const nuova = this.validate('erogazione', r.value.nuova);
    if (!nuova.ok) return nuova;
    const w = await this.update('erogazione', row.ente, options.expectedVersion, annullata.value as unknown as Record<string, unknown>, false);
    if (!w.ok) return w;
    const i = await this.insert('erogazione', row.ente, nuova.value as unknown as Record<string, unknown>);
    if (!i.ok) return i;
    for (const a of r.value.audit) this.pending.push({ ...a, ente: row.ente });
    return ok({ annullata: annullata.value, nuova: nuova.value });
  }

  /**
   * Exports to SIUSS what is not yet exported (see `ExportSiussOptions`): `PS` flows from the
   * erogazioni (marked `esportata`), `SINBA` flows from the validated SINBA assessments (pseudonymous,
   * with the Ente's `pseudonymKey`); stores each flow with its XML and hash; the `ts_flusso` of each
   * is allocated at commit. Running it twice exports nothing new.
   *
   * @example
   * ```ts
   * // const r = await s.exportSiuss({ kind: 'PS', upTo: '2025-06-30', mode: 'cooperazione' });
   * // const m = await s.exportSiuss({ kind: 'SINBA', upTo: '2025-06-30', mode: 'file', pseudonymKey });
   * // if (r.ok) r.value.flows.length;
   * ```
   */
  exportSiuss(options: ExportSiussOptions): Promise<StoreResult<ExportSiussReport>> {
    this.#assertOpen();
    return exportSiuss(this, options);
  }

  /**
   * The committed flows of the session's Ente with `ts_flusso` strictly greater than `since`, oldest
   * first (at most `limit`, default 10, at most 100): what WaaS `GET /flussi` serves. With
   * `markFetched`, the `generato` ones become `inviato` (their `ts_flusso` never moves).
   *
   * @example
   * ```ts
   * // const r = await s.siussFlows({ since: 0, limit: 10 });
   * // const pulled = await s.siussFlows({ since, limit: 100, markFetched: true }); // what INPS took
   * ```
   */
  siussFlows(options: SiussFlowsOptions): Promise<StoreResult<readonly StoredFlow[]>> {
    this.#assertOpen();
    return siussFlows(this, options);
  }

  /**
   * Records an esito of INPS (WaaS `POST /esiti`) on its flow and on the records it carries, in the
   * session's transaction: `OK` makes the flow `accettato` and its erogazioni `acquisita` (with the
   * `id_acquisizione_siuss`); `RICHIESTA_INVALIDA`, `DATI_NON_TROVATI`, `ERRORE_GENERICO` make it
   * `scartato` and put its erogazioni back in the correction queue (`da-correggere`, with INPS's
   * description: see `siussCorrections`); the assessments of a rejected SINBA flow go back to the SINBA
   * queue. Idempotent: a redelivered esito changes no record (`duplicate`), nor does one for a flow
   * already final (`already-final`), unknown (`unknown-flow`) or with another `ts_flusso`/`tipo`
   * (`mismatch`). Every esito is audited: the transitions it made, or a refused transition saying why.
   *
   * @example
   * ```ts
   * // await s.recordEsito({ idFlusso: 'A944.PS.20250603.0000001', codice: 'OK', idAcquisizione: '42' });
   * ```
   */
  recordEsito(esito: EsitoInput): Promise<StoreResult<EsitoOutcome>> {
    this.#assertOpen();
    return recordEsito(this, esito);
  }

  /**
   * Records a batch of esiti (a WaaS `POST /esiti`: at most 100 from INPS, here up to 1 000) in the
   * session's transaction, each as `recordEsito` does, one outcome per esito in order. The flows named
   * are locked first in `ts_flusso` order, so that concurrent batches never deadlock. A failure of one
   * esito fails the session: commit nothing, and INPS delivers the batch again.
   *
   * @example
   * ```ts
   * // const r = await s.recordEsiti([{ idFlusso: 'A944.PS.20250603.0000001', codice: 'OK', idAcquisizione: '42' }]);
   * // if (r.ok) r.value; // ['recorded']
   * ```
   */
  recordEsiti(esiti: readonly EsitoInput[]): Promise<StoreResult<readonly EsitoOutcome[]>> {
    this.#assertOpen();
    return recordEsiti(this, esiti);
  }

  /**
   * The SIUSS correction queue: the records INPS rejected, oldest rejection first, with the code and
   * INPS's description — erogazioni in `da-correggere` (correct them with the `correggi` transition, or
   * cancel them) and SINBA assessments whose last flow was rejected. Only what the operator may read.
   *
   * @example
   * ```ts
   * // const queue = await s.siussCorrections();
   * // if (queue.ok) for (const c of queue.value) console.log(c.kind, c.idFlusso, c.codice, c.descrizione);
   * ```
   */
  siussCorrections(options: { readonly limit?: number } = {}): Promise<StoreResult<readonly SiussCorrection[]>> {
    this.#assertOpen();
    return siussCorrections(this, options);
  }

  /**
   * The citizen view (`@riuso-sociale/fascicolo`) of a person's record, prepared by this operator: an
   * access-request answer, or what the citizen's portal would show. Every record about the person is
   * read under the operator's own access (a record they may not read is audited as a denial, counted
   * in `unreadable` and leaves `complete: false`); the latest review decisions are applied; one audit
   * event records the view (purpose, requester kind, counts — never content). At most
   * `CITIZEN_VIEW_MAX_RECORDS` records (`store.too_large` beyond); `asOf` not after today.
   *
   * @example
   * ```ts
   * // const r = await s.citizenView(persona.id, { purpose: 'access-request', requester: { kind: 'interessato', codiceFiscale }, asOf: '2026-03-02' });
   * // if (r.ok && !r.value.complete) { the answer needs whoever may read the rest }
   * ```
   */
  citizenView(personaId: string, options: OperatorCitizenViewOptions): Promise<Result<StoredCitizenView, ViewIssueCode>> {
    this.#assertOpen();
    return operatorCitizenView(this, personaId, options);
  }

  /**
   * Records a decision on an item of a citizen view put in review (`release`, `withhold`, or `delay`
   * until a date), with its ground: only `responsabile-servizio` and `coordinatore` decide (GDPR
   * art. 24: the controller decides; the DPO advises, art. 38–39), on a person they may read, for a
   * record about that person. Append-only: the latest decision on a `ref` holds. Audited (action
   * `update` on the item, reason `review-decision: <decision>; ref: …; ground: …`).
   *
   * @example
   * ```ts
   * // await s.recordReviewDecision({ personaId, ref: `diario:${nota.id}`, decision: 'withhold', ground: 'appunti professionali (L. 119/2001)' });
   * ```
   */
  recordReviewDecision(input: ReviewDecisionInput): Promise<Result<StoredReviewDecision, ViewIssueCode>> {
    this.#assertOpen();
    return recordReviewDecision(this, input);
  }

  /**
   * Every review decision on a person's items, oldest first: for the DPO (monitoring, GDPR art.
   * 39(1)(b)) and for the roles that decide (on a person they may read). Audited as a read.
   *
   * @example
   * ```ts
   * // const r = await s.reviewDecisions(persona.id);
   * // if (r.ok) r.value.map((d) => [d.ref, d.decision]);
   * ```
   */
  reviewDecisions(personaId: string): Promise<Result<readonly StoredReviewDecision[], ViewIssueCode>> {
    this.#assertOpen();
    return reviewDecisions(this, personaId);
  }

  /**
   * Runs the vendor's own SQL inside the session: same transaction, same role, same Row-Level
   * Security — a query that forgets `WHERE ente = …` still sees only the session's Enti. Writes made
   * here bypass the model's validation and the audit: use it for reports, not for changes.
   *
   * @example
   * ```ts
   * // const r = await s.sql<{ n: string }>('select count(*)::text as n from intervento where status = $1', ['in-erogazione']);
   * ```
   */
  async sql<R = Record<string, unknown>>(text: string, params: readonly unknown[] = []): Promise<SqlResult<R>> {
    this.#assertOpen();
    if (typeof text !== 'string') throw new TypeError('csi-store: sql text must be a string');
    return this.#tx.query<R>(text, params);
  }
}

/**
 * The access resource of a record: csi-model's `accessResource`, except that a household (whose
 * members are a list) is about its applicant (`componenti[]` with `relazione: 'richiedente'`): whoever
 * cares for the applicant reads the household; without an applicant it is about nobody and fails closed.
 * @internal
 */
export function resourceOf(kind: StoredKind, record: { readonly id: string }): ReturnType<typeof accessResource> {
  const resource = accessResource(kind, record);
  if (kind !== 'nucleo-familiare') return resource;
  const componenti = (record as { componenti?: unknown }).componenti;
  const applicant = Array.isArray(componenti) ? (componenti as { relazione?: unknown; persona?: unknown }[]).find((c) => c?.relazione === 'richiedente')?.persona : undefined;
  return isUuid(applicant) ? { ...resource, persona: applicant as Id<'persona'> } : resource;
}

/** Kinds that open a case: created before anyone is assigned (see `Session.create`). */
const INTAKE_KINDS: ReadonlySet<StoredKind> = new Set<StoredKind>(['persona', 'accesso', 'cartella', 'presa-in-carico', 'nucleo-familiare']);

/** @internal A `store.denied` issue for a session that cannot start (unknown or disabled operator). */
export function sessionDenied(rule: string): Issue<StoreIssueCode> {
  return createIssue('store.denied', { it: `Sessione negata: ${rule}`, en: `Session denied: ${rule}` }, { params: { rule } });
}
