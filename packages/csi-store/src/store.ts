// SPDX-License-Identifier: BSD-3-Clause
/**
 * `openStore`: the cartella on PostgreSQL — embedded PGlite by default (in memory, or on disk with
 * `dataDir`), or a PostgreSQL ≥ 15 server (`connectionString`, or the vendor's own `pg` Pool). Opening
 * migrates the schema (unless told not to) and checks that the role sessions run as cannot bypass
 * Row-Level Security: otherwise the policies would be decoration.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { createIssue, fail, ok, type Result } from '@riuso-sociale/core';
import {
  actorSchema,
  AUDIT_KEY_MIN_BYTES,
  auditEvent,
  isUuid,
  newId,
  toInstant,
  type AccessAssignment,
  type AccessOperator,
  type Actor,
  type AuditEvent,
  type AuditHead,
  type AuditKey,
  type EnteRef,
  type Instant,
  type Operatore,
} from '@riuso-sociale/csi-model';
import type { PGlite } from '@electric-sql/pglite';
import type { Pool } from 'pg';
import { checkCitizenRequest, citizenViewInTx, type CitizenViewOutcome, type CitizenViewRequest, type StoredCitizenView } from './citizen-view.js';
import { appendAuditEvents, verifyAuditTrail, type AuditVerification, type AuditVerifyIssueCode } from './audit-log.js';
import { pgExecutor, pgliteExecutor, type SqlExecutor, type SqlQueryable } from './executor.js';
import { StoreError, storeIssue, TEXT, type StoreIssueCode } from './issues.js';
import { migrate, type MigrationReport } from './migrate.js';
import { Session, sessionDenied, type CreateInput } from './session.js';
import { allocateFlowStamps } from './siuss-queue.js';

/** The role sessions run as (created by `migrations/0004_security.sql`). */
export const SESSION_ROLE = 'riuso_csi';

const BELFIORE = /^[A-Z]\d{3}$/;
const AMBITO = /^[A-Za-z0-9._-]{1,40}$/;
const KEY_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Options of {@link openStore}. At most one of `dataDir`, `connectionString`, `pool`, `pglite`.
 *
 * @example
 * ```ts
 * import type { OpenStoreOptions } from '@riuso-sociale/csi-store';
 * const o: OpenStoreOptions = { connectionString: 'postgres://app@127.0.0.1:5432/cartella', auditKey: { id: 'k2026', secret: new Uint8Array(32) } };
 * ```
 */
export interface OpenStoreOptions {
  /** Embedded PGlite kept on disk in this folder. */
  readonly dataDir?: string;
  /** A PostgreSQL ≥ 15 server. */
  readonly connectionString?: string;
  /** The vendor's own `pg` Pool (left open by `close`). */
  readonly pool?: Pool;
  /** An already open PGlite (left open by `close`). */
  readonly pglite?: PGlite;
  /**
   * The key that signs the audit chain (HMAC-SHA256, ≥ 32 bytes), from a secret store or the
   * environment — never from the database. Required for a store on disk or on a server; an in-memory
   * store without one gets a random key that dies with it.
   */
  readonly auditKey?: AuditKey;
  /** Older keys, still accepted when verifying events they signed (key rotation). */
  readonly previousAuditKeys?: readonly AuditKey[];
  /** Apply pending migrations on open (default `true`). */
  readonly migrate?: boolean;
  /** The clock (default: the system's). Tests and examples pass a fixed one. */
  readonly clock?: () => Date;
  /** Largest connections of the Pool the store creates from `connectionString` (default 10). */
  readonly maxConnections?: number;
}

/**
 * Who a session acts for: the Ente (Belfiore code), the actor, and for an Ambito its code (the session
 * then sees the Comuni the Ambito serves; `ente` is the operator's own Comune, one of them).
 *
 * @example
 * ```ts
 * import type { SessionScope } from '@riuso-sociale/csi-store';
 * const scope: SessionScope = { ente: 'A944', actor: { operatoreId: '0f8fad5b-d9cb-469f-a165-70867728950e' as never, role: 'assistente-sociale' } };
 * ```
 */
export interface SessionScope {
  /** The Ente of the operator (Belfiore code). */
  readonly ente: string;
  /** Who acts: must be an active operator of the Ente with this role. */
  readonly actor: Actor;
  /** An Ambito territoriale the operator works for (see `defineAmbito`). */
  readonly ambito?: string;
}

/**
 * The first operator of an Ente (see {@link Store.bootstrapEnte}).
 *
 * @example
 * ```ts
 * import type { BootstrapInput } from '@riuso-sociale/csi-store';
 * type R = BootstrapInput['operatore']['ruolo']; // 'coordinatore' | 'responsabile-servizio'
 * ```
 */
export interface BootstrapInput {
  /** The Ente. */
  readonly ente: EnteRef;
  /** The operator: a coordinator or service manager who then creates the others. */
  readonly operatore: CreateInput<'operatore'> & { readonly ruolo: 'coordinatore' | 'responsabile-servizio' };
  /** When (default: the clock). */
  readonly at?: Instant;
}

/**
 * The store: sessions, administration of Enti and Ambiti, audit verification.
 *
 * @example
 * ```ts
 * import { openStore } from '@riuso-sociale/csi-store';
 * const store = await openStore();
 * store.driver; // 'pglite'
 * await store.close();
 * ```
 */
export interface Store {
  /** `pglite` or `pg`. */
  readonly driver: 'pglite' | 'pg';
  /** The executor (for tools and tests; sessions are the way to read and write records). */
  readonly executor: SqlExecutor;
  /**
   * Runs `fn` in one transaction as `scope.actor` on the records of `scope.ente` (or of the Ambito):
   * COMMIT when `fn` returns an ok Result, ROLLBACK when it returns a failed one (returned as is) or
   * throws (rethrown). `store.denied` when the actor is not an active operator of the Ente with that
   * role; `store.unavailable` when the database does not answer.
   */
  withSession<T>(scope: SessionScope, fn: (s: Session) => Promise<Result<T, string>>): Promise<Result<T, string>>;
  /**
   * A citizen's (or their representative's) own view of their record, for the portal: no operator
   * and no assignment — one read-only pass, scoped to `request.ente` by Row-Level Security, over the
   * rows whose `persona` is the subject, each decided by csi-model's `canCitizenAccess` (read only,
   * own record, title valid today); fascicolo's `buildCitizenView` must accept the requester too.
   * The reading transaction is `READ ONLY` for PostgreSQL; the view is returned only after its one
   * audit event (the citizen recorded by pseudonym, never the codice fiscale) is appended, in a
   * transaction of its own; a refusal is audited too and returned as `store.denied` with its rule.
   */
  citizenView(request: CitizenViewRequest): Promise<Result<StoredCitizenView, string>>;
  /** Creates the first operator of an Ente (refused when the Ente already has operators). */
  bootstrapEnte(input: BootstrapInput): Promise<Result<Operatore, StoreIssueCode | string>>;
  /** Declares (or replaces) the Comuni an Ambito serves. Administrative: not a session operation. */
  defineAmbito(codice: string, comuni: readonly string[]): Promise<Result<true, StoreIssueCode>>;
  /** Verifies an Ente's audit chain against its head row and, when given, a head exported earlier. */
  verifyAudit(options: { readonly ente: string; readonly expectedHead?: AuditHead }): Promise<Result<AuditVerification, AuditVerifyIssueCode | StoreIssueCode>>;
  /** The current head of an Ente's audit chain, to publish or keep elsewhere. */
  auditHead(options: { readonly ente: string }): Promise<Result<AuditHead & { readonly ente: string }, StoreIssueCode>>;
  /** Applies pending migrations. */
  migrate(): Promise<Result<MigrationReport, 'store.migration'>>;
  /** Closes the database (a Pool or PGlite passed in is left open). */
  close(): Promise<void>;
}

function configError(it: string, en: string, params: Record<string, string | number> = {}): StoreError {
  return new StoreError([createIssue('store.config', { it, en }, { params })]);
}

function checkKey(key: AuditKey, name: string): void {
  if (key === null || typeof key !== 'object' || typeof key.id !== 'string' || !KEY_ID.test(key.id) || !(key.secret instanceof Uint8Array) || key.secret.length < AUDIT_KEY_MIN_BYTES) {
    throw configError(
      `${name}: serve { id (1–64 caratteri [A-Za-z0-9._:-]), secret (Uint8Array di almeno ${AUDIT_KEY_MIN_BYTES} byte) }`,
      `${name}: { id (1–64 characters [A-Za-z0-9._:-]), secret (Uint8Array of at least ${AUDIT_KEY_MIN_BYTES} bytes) } is required`,
    );
  }
}

/** `true` for errors that mean "the database is not there now" (retry later). */
function isUnavailable(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '53300'].includes(code) || code.startsWith('08');
  }
  // node-postgres raises these without a code when the connection is already gone (pg/lib/client.js).
  const message = e instanceof Error ? e.message : '';
  return /^(Connection terminated(?: unexpectedly| due to connection timeout)?|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect)$/.test(message);
}

async function openExecutor(options: OpenStoreOptions): Promise<SqlExecutor> {
  const given = [options.dataDir, options.connectionString, options.pool, options.pglite].filter((x) => x !== undefined).length;
  if (given > 1) throw configError('Indica al più uno tra dataDir, connectionString, pool, pglite', 'Give at most one of dataDir, connectionString, pool, pglite');
  if (options.pool !== undefined) return pgExecutor(options.pool, false);
  if (options.pglite !== undefined) return pgliteExecutor(options.pglite, false);
  if (options.connectionString !== undefined) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10 });
    pool.on('error', () => undefined); // an idle client lost: the next query reports it
    return pgExecutor(pool, true);
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const db = options.dataDir === undefined ? await PGlite.create() : await PGlite.create({ dataDir: options.dataDir });
  return pgliteExecutor(db, true);
}

/** Checks that sessions cannot bypass RLS (role attributes, ownership, FORCE on every table, SET ROLE possible). */
async function checkSecurity(db: SqlExecutor): Promise<void> {
  const role = await db.query<{ rolsuper: boolean; rolbypassrls: boolean; member: boolean }>(
    `SELECT r.rolsuper, r.rolbypassrls,
       (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) OR pg_has_role(current_user, r.oid, 'MEMBER') AS member
     FROM pg_roles r WHERE r.rolname = $1`,
    [SESSION_ROLE],
  );
  const r = role.rows[0];
  if (r === undefined) throw configError(`Il ruolo ${SESSION_ROLE} non esiste: applica le migrazioni`, `Role ${SESSION_ROLE} does not exist: apply the migrations`);
  if (r.rolsuper || r.rolbypassrls) {
    throw configError(`Il ruolo ${SESSION_ROLE} è superutente o BYPASSRLS: la Row-Level Security non lo fermerebbe`, `Role ${SESSION_ROLE} is a superuser or BYPASSRLS: Row-Level Security would not stop it`);
  }
  if (!r.member) throw configError(`L'utente della connessione non può assumere il ruolo ${SESSION_ROLE} (GRANT ${SESSION_ROLE} TO …)`, `The connecting user cannot take role ${SESSION_ROLE} (GRANT ${SESSION_ROLE} TO …)`);
  const tables = await db.query<{ relname: string; owner: string; rls: boolean; forced: boolean }>(
    `SELECT c.relname, pg_get_userbyid(c.relowner) AS owner, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname NOT IN ('riuso_migration', 'ambito')`,
  );
  for (const t of tables.rows) {
    if (t.owner === SESSION_ROLE) throw configError(`La tabella ${t.relname} appartiene a ${SESSION_ROLE}`, `Table ${t.relname} is owned by ${SESSION_ROLE}`, { table: t.relname });
    if (!t.rls || !t.forced) throw configError(`La tabella ${t.relname} non ha la Row-Level Security forzata`, `Table ${t.relname} has no forced Row-Level Security`, { table: t.relname });
  }
}

/**
 * `true` for a transaction PostgreSQL aborted because it lost a race: a deadlock (40P01) or a
 * serialization failure (40001). Returned as `store.conflict` (reload and retry), never as a driver error.
 */
function isConcurrencyFailure(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}

/** Sets the session role and the visible Enti for the rest of the transaction. */
async function enterScope(tx: SqlQueryable, enti: readonly string[]): Promise<void> {
  await tx.query("SELECT set_config('riuso.enti', $1, true), set_config('role', $2, true)", [enti.join(','), SESSION_ROLE]);
}

/** Thrown inside a transaction to roll it back with a Result (never escapes the store). */
class Rollback {
  constructor(readonly result: Result<never, string>) {}
}

/**
 * Opens the store: embedded PGlite in memory with no options; `{ dataDir }` on disk;
 * `{ connectionString }` or `{ pool }` on a PostgreSQL ≥ 15 server. Applies pending migrations and
 * checks the session role; throws a {@link StoreError} (`store.config`, `store.migration`) when the store
 * cannot be used safely.
 *
 * @example
 * ```ts
 * import { openStore } from '@riuso-sociale/csi-store';
 * const store = await openStore(); // in memory, with a random audit key
 * const head = await store.auditHead({ ente: 'A944' });
 * head.ok && head.value.seq; // 0
 * await store.close();
 * ```
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  if (options === null || typeof options !== 'object') throw configError('Opzioni non valide', 'Invalid options');
  const persistent = options.dataDir !== undefined || options.connectionString !== undefined || options.pool !== undefined || options.pglite !== undefined;
  if (options.auditKey === undefined && persistent) {
    throw configError(
      "Serve auditKey (la chiave della catena di audit, da un archivio di segreti o dall'ambiente, mai dal database)",
      'auditKey is required (the audit chain key, from a secret store or the environment, never from the database)',
    );
  }
  const key: AuditKey = options.auditKey === undefined ? { id: `ephemeral-${randomBytes(6).toString('hex')}`, secret: new Uint8Array(randomBytes(32)) } : options.auditKey;
  checkKey(key, 'auditKey');
  const keys = new Map<string, Uint8Array>([[key.id, key.secret]]);
  for (const k of options.previousAuditKeys ?? []) {
    checkKey(k, 'previousAuditKeys');
    if (!keys.has(k.id)) keys.set(k.id, k.secret);
  }
  const clock = options.clock ?? (() => new Date());
  const now = (): Instant => toInstant(clock());
  const db = await openExecutor(options);
  try {
    if (options.migrate !== false) {
      const m = await migrate(db);
      if (!m.ok) throw new StoreError(m.issues);
    }
    await checkSecurity(db);
  } catch (e) {
    await db.close();
    throw e;
  }

  async function writeDenials(events: readonly AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    const enti = [...new Set(events.map((e) => e.ente as string))];
    await db.transaction(async (tx) => {
      await enterScope(tx, enti);
      await appendAuditEvents(tx, events, key);
    });
  }

  async function resolveEnti(tx: SqlQueryable, scope: SessionScope): Promise<readonly string[] | undefined> {
    if (scope.ambito === undefined) return [scope.ente];
    if (typeof scope.ambito !== 'string' || !AMBITO.test(scope.ambito)) return undefined;
    const r = await tx.query<{ comune: string }>('SELECT comune FROM ambito WHERE codice = $1 ORDER BY comune', [scope.ambito]);
    const comuni = r.rows.map((x) => x.comune);
    return comuni.includes(scope.ente) ? comuni : undefined;
  }

  const store: Store = {
    driver: db.driver,
    executor: db,

    async withSession<T>(scope: SessionScope, fn: (s: Session) => Promise<Result<T, string>>): Promise<Result<T, string>> {
      if (scope === null || typeof scope !== 'object' || typeof scope.ente !== 'string' || !BELFIORE.test(scope.ente)) {
        return fail([storeIssue('store.invalid', { it: 'Sessione: Ente non valido (codice Belfiore)', en: 'Session: invalid Ente (Belfiore code)' }, {}, ['ente'])]);
      }
      const actor = actorSchema.safeParse(scope.actor);
      if (!actor.success) return fail([storeIssue('store.invalid', { it: 'Sessione: attore non valido', en: 'Session: invalid actor' }, {}, ['actor'])]);
      let session: Session | undefined;
      let startDenial: AuditEvent | undefined;
      let result: Result<T, string>;
      let committed = false;
      try {
        result = await db.transaction(async (tx) => {
          const enti = await resolveEnti(tx, scope);
          await enterScope(tx, enti ?? [scope.ente]);
          const at = now();
          const deny = (rule: string): never => {
            startDenial = auditEvent({
              at,
              actor: actor.data,
              action: 'access-denied',
              entity: { kind: 'operatore', id: actor.data.operatoreId },
              reason: `session: ${rule}`,
              outcome: 'denied',
            });
            throw new Rollback(fail([sessionDenied(rule)]));
          };
          if (enti === undefined) return deny('ambito');
          // The operator and their active assignments in one round trip (access checks read them all session long).
          const op = await tx.query<{ data: Operatore; assegnazioni: AccessAssignment[] }>(
            `SELECT o.data, coalesce((SELECT jsonb_agg(a.data || jsonb_build_object('ente', a.ente) ORDER BY a.id) FROM assegnazione a
               WHERE a.operatore = o.id AND a.status = 'attiva' AND a.ente = ANY($2::text[])), '[]'::jsonb) AS assegnazioni
             FROM operatore o WHERE o.id = $1 AND o.ente = ANY($2::text[])`,
            [actor.data.operatoreId, enti],
          );
          const record = op.rows[0]?.data;
          if (record === undefined) return deny('unknown-operator');
          if (record.attivo !== true) return deny('operator-inactive');
          if (record.ruolo !== actor.data.role) return deny('role-mismatch');
          if (record.ente.belfiore !== scope.ente) return deny('wrong-ente');
          const operator: AccessOperator = {
            id: record.id,
            ruolo: record.ruolo,
            attivo: true,
            ente: record.ente,
            enti,
            ...(actor.data.onBehalfOf === undefined ? {} : { onBehalfOf: actor.data.onBehalfOf }),
          };
          session = new Session({ tx, actor: actor.data, operator, record, assegnazioni: op.rows[0]?.assegnazioni ?? [], home: scope.ente, enti, now });
          const out = await fn(session);
          if (!out.ok) throw new Rollback(out as Result<never, string>);
          await allocateFlowStamps(tx, session.flows, clock);
          await appendAuditEvents(tx, session.pending, key);
          return out;
        });
        committed = true;
      } catch (e) {
        if (e instanceof Rollback) result = e.result;
        else if (isUnavailable(e)) result = fail([storeIssue('store.unavailable', TEXT.unavailable)]);
        else if (isConcurrencyFailure(e)) {
          result = fail([
            storeIssue(
              'store.conflict',
              { it: 'Conflitto con una transazione concorrente (stallo o serializzazione): nulla è stato scritto, ricarica e riprova', en: 'Conflict with a concurrent transaction (deadlock or serialization failure): nothing was written, reload and retry' },
              { sqlstate: String((e as { code: string }).code) },
            ),
          ]);
        } else {
          session?.close();
          await writeDenials([...(session?.reads ?? []), ...(session?.denials ?? [])]).catch(() => undefined);
          throw e;
        }
      }
      session?.close();
      // Reads of a rolled-back session disclosed data all the same: they are audited with the denials.
      const denials = [...(committed ? [] : (session?.reads ?? [])), ...(session?.denials ?? []), ...(startDenial === undefined ? [] : [{ ...startDenial, ente: scope.ente }])];
      try {
        await writeDenials(denials);
      } catch (e) {
        if (isUnavailable(e)) return fail([storeIssue('store.unavailable', TEXT.unavailable)]);
        throw e;
      }
      return result;
    },

    async citizenView(request: CitizenViewRequest): Promise<Result<StoredCitizenView, string>> {
      const checked = checkCitizenRequest(request);
      if (!checked.ok) return checked;
      const at = now();
      let outcome: CitizenViewOutcome;
      try {
        // The citizen's pass over the record is READ ONLY for PostgreSQL itself: it cannot write a row.
        outcome = await db.transaction(async (tx) => {
          await tx.query('SET TRANSACTION READ ONLY');
          await enterScope(tx, [checked.value.ente]);
          return citizenViewInTx(tx, checked.value, at);
        });
      } catch (e) {
        if (isUnavailable(e)) return fail([storeIssue('store.unavailable', TEXT.unavailable)]);
        throw e;
      }
      // Then the view's event and the refusals, in one transaction of their own: the view is returned
      // only once its read is in the audit chain.
      try {
        await writeDenials([...outcome.granted, ...outcome.denied]);
      } catch (e) {
        if (isUnavailable(e)) return fail([storeIssue('store.unavailable', TEXT.unavailable)]);
        throw e;
      }
      return outcome.result;
    },

    async bootstrapEnte(input: BootstrapInput): Promise<Result<Operatore, StoreIssueCode | string>> {
      const belfiore = input?.ente?.belfiore;
      if (typeof belfiore !== 'string' || !BELFIORE.test(belfiore)) {
        return fail([storeIssue('store.invalid', { it: 'Ente non valido (codice Belfiore)', en: 'Invalid Ente (Belfiore code)' }, {}, ['ente'])]);
      }
      const ruolo = input.operatore?.ruolo;
      if (ruolo !== 'coordinatore' && ruolo !== 'responsabile-servizio') {
        return fail([storeIssue('store.invalid', { it: 'Il primo operatore è un coordinatore o un responsabile del servizio', en: 'The first operator is a coordinator or a service manager' }, {}, ['operatore', 'ruolo'])]);
      }
      const id = input.operatore.id ?? newId('operatore');
      if (!isUuid(id)) return fail([storeIssue('store.invalid', { it: 'Identificativo non valido', en: 'Invalid identifier' }, {}, ['operatore', 'id'])]);
      const at = input.at ?? now();
      const actor: Actor = { operatoreId: id as never, role: ruolo };
      try {
        return await db.transaction(async (tx) => {
          await enterScope(tx, [belfiore]);
          const existing = await tx.query('SELECT 1 FROM operatore WHERE ente = $1 LIMIT 1', [belfiore]);
          if (existing.rowCount > 0) {
            throw new Rollback(fail([storeIssue('store.conflict', { it: "L'Ente ha già degli operatori: si aggiungono in una sessione", en: 'The Ente already has operators: add them in a session' }, { ente: belfiore })]));
          }
          const session = new Session({ tx, actor, operator: { id: id as never, ruolo, attivo: true, ente: input.ente }, record: undefined, assegnazioni: [], home: belfiore, enti: [belfiore], now });
          const entity = session.validate('operatore', { ...input.operatore, id, ente: input.ente, createdAt: at, createdBy: id, updatedAt: at, updatedBy: id, version: 1 });
          if (!entity.ok) throw new Rollback(entity);
          const w = await session.insert('operatore', belfiore, entity.value as unknown as Record<string, unknown>);
          if (!w.ok) throw new Rollback(w);
          const audit = auditEvent({ at, actor, action: 'create', entity: { kind: 'operatore', id }, reason: 'bootstrap', outcome: 'success' });
          await appendAuditEvents(tx, [{ ...audit, ente: belfiore }], key);
          return ok(entity.value);
        });
      } catch (e) {
        if (e instanceof Rollback) return e.result;
        throw e;
      }
    },

    async defineAmbito(codice: string, comuni: readonly string[]): Promise<Result<true, StoreIssueCode>> {
      if (typeof codice !== 'string' || !AMBITO.test(codice) || !Array.isArray(comuni) || comuni.length === 0 || comuni.length > 500 || comuni.some((c) => typeof c !== 'string' || !BELFIORE.test(c))) {
        return fail([storeIssue('store.invalid', { it: 'Ambito: codice (1–40 caratteri) e da 1 a 500 codici Belfiore', en: 'Ambito: a code (1–40 characters) and 1 to 500 Belfiore codes' })]);
      }
      await db.transaction(async (tx) => {
        await tx.query('DELETE FROM ambito WHERE codice = $1', [codice]);
        await tx.query('INSERT INTO ambito (codice, comune) SELECT $1, unnest($2::text[])', [codice, [...new Set(comuni)]]);
      });
      return ok(true);
    },

    async verifyAudit({ ente, expectedHead }) {
      if (typeof ente !== 'string' || !BELFIORE.test(ente)) return fail([storeIssue('store.invalid', { it: 'Ente non valido', en: 'Invalid Ente' }, {}, ['ente'])]);
      if (expectedHead !== undefined && (!Number.isInteger(expectedHead.seq) || expectedHead.seq < 0 || (expectedHead.hash !== null && !/^[0-9a-f]{64}$/.test(String(expectedHead.hash))))) {
        return fail([storeIssue('store.invalid', { it: 'Testata attesa non valida: { seq, hash }', en: 'Invalid expected head: { seq, hash }' }, {}, ['expectedHead'])]);
      }
      return db.transaction(async (tx) => {
        await tx.query("SELECT set_config('riuso.enti', $1, true)", [ente]);
        return verifyAuditTrail(tx, ente, keys, expectedHead);
      });
    },

    async auditHead({ ente }) {
      if (typeof ente !== 'string' || !BELFIORE.test(ente)) return fail([storeIssue('store.invalid', { it: 'Ente non valido', en: 'Invalid Ente' }, {}, ['ente'])]);
      return db.transaction(async (tx) => {
        await tx.query("SELECT set_config('riuso.enti', $1, true)", [ente]);
        const r = await tx.query<{ seq: string; hash: string | null }>('SELECT seq::text AS seq, hash FROM audit_head WHERE ente = $1', [ente]);
        const row = r.rows[0];
        return ok({ ente, seq: Number(row?.seq ?? 0), hash: row?.hash ?? null });
      });
    },

    migrate: () => migrate(db),
    close: () => db.close(),
  };
  return store;
}

