// SPDX-License-Identifier: BSD-3-Clause
/**
 * `@riuso-sociale/csi-model`: the Cartella Sociale Informatizzata as a data model — entities (zod,
 * JSON Schema), lifecycles as state machines that yield one audit event per transition, privacy by
 * design, and adapters to SIUSS flows and to rei-eligibility.
 *
 * @example
 * ```ts
 * import { newId, STATES } from '@riuso-sociale/csi-model';
 * const id = newId('cartella');
 * STATES.cartella; // ['aperta', 'chiusa', 'entered-in-error']
 * ```
 * @packageDocumentation
 */
export { ENTITY_KINDS, idSchema, isUuid, newId, type EntityKind, type Id } from './ids.js';
export { STATES, type LifecycleKind, type StateOf } from './states.js';
export {
  actorSchema,
  baseFields,
  codedSchema,
  dateSchema,
  enteRefSchema,
  instantDate,
  instantSchema,
  isInstant,
  lifecycleFields,
  RUOLI,
  toInstant,
  type Actor,
  type Coded,
  type EnteRef,
  type EntityBase,
  type Instant,
  type Ruolo,
  type StatusChange,
} from './base.js';
export { CODE_SYSTEMS, isKnownCode, type CodeSystem, type CodeSystemId } from './codes.js';
export {
  appendAudit,
  AUDIT_ACTIONS,
  auditEvent,
  auditEventSchema,
  verifyAuditChain,
  type AuditAction,
  type AuditChainIssueCode,
  type AuditEvent,
} from './audit.js';
export {
  defineMachine,
  type EventSpec,
  type GuardRefusal,
  type LifecycleEntity,
  type LifecycleIssueCode,
  type Machine,
  type TransitionInput,
} from './machine.js';
