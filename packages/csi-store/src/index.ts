// SPDX-License-Identifier: BSD-3-Clause
/**
 * `@riuso-sociale/csi-store`: the Cartella Sociale Informatizzata on PostgreSQL — embedded PGlite by
 * default, a PostgreSQL server in production — shared by many Comuni (Row-Level Security per Ente),
 * safe under concurrent edits (compare-and-swap on `version`), with an audit trail that cannot be
 * rewritten unnoticed (append-only, per-Ente HMAC chain, head row, exported heads) and the SIUSS
 * export queue.
 *
 * @example
 * ```ts
 * import { openStore } from '@riuso-sociale/csi-store';
 * const store = await openStore();
 * const head = await store.auditHead({ ente: 'A944' });
 * head.ok; // true
 * await store.close();
 * ```
 * @packageDocumentation
 */
export { openStore, SESSION_ROLE, type BootstrapInput, type OpenStoreOptions, type SessionScope, type Store } from './store.js';
export {
  Session,
  type ClosePresaInCaricoOptions,
  type CorrectErogazioneStoreOptions,
  type CreateInput,
  type ListFilter,
  type ReadOptions,
  type SessionIssueCode,
  type StoreResult,
  type TransitionOptions,
  type WriteOptions,
} from './session.js';
export { StoreError, type StoreIssueCode } from './issues.js';
export { CITIZEN_VIEW_MAX_RECORDS, type CitizenViewRequest, type OperatorCitizenViewOptions, type ReviewDecisionInput, type StoredCitizenView, type StoredReviewDecision, type ViewIssueCode } from './citizen-view.js';
export { auditKeysFromEnv, parseAuditKey } from './keys.js';
export { ENTITY_SCHEMA_VERSION, KIND_TABLES, STORED_KINDS, type KindColumn, type KindTable, type StoredKind } from './kinds.js';
export { migrationFiles, migrationsDir, type MigrationFile, type MigrationReport } from './migrate.js';
export type { SqlExecutor, SqlQueryable, SqlResult } from './executor.js';
export type { AuditVerification, AuditVerifyIssueCode } from './audit-log.js';
export type { EsitoInput, EsitoOutcome, ExportSiussOptions, ExportSiussReport, SiussCorrection, SiussFlowsOptions, StoredFlow } from './siuss-queue.js';
