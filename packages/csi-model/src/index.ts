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
  AUDIT_KEY_MIN_BYTES,
  auditEvent,
  auditEventHash,
  auditEventSchema,
  verifyAuditChain,
  type AuditAction,
  type AuditChainIssueCode,
  type AuditEvent,
  type AuditHead,
  type AuditIssueCode,
  type AuditKey,
  type VerifyAuditChainOptions,
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
export { ACCESS_ACTIONS, accessResource, canAccess, UNKNOWN_OPERATOR_ID, type AccessAction, type AccessAssignment, type AccessContext, type AccessDecision, type AccessOperator, type AccessResource, type AccessRule } from './privacy/access.js';
export { canCitizenAccess, checkCitizenActor, CITIZEN_AUDIT_PURPOSE, CITIZEN_REQUESTER_KINDS, citizenAuditActor, isCitizenAuditActor, type CitizenAccessContext, type CitizenAccessDecision, type CitizenAccessRule, type CitizenActor, type CitizenActorIssueCode, type CitizenRequester, type CitizenRequesterKind, type CitizenSubject } from './privacy/citizen-access.js';
export { dataInventory, dataInventoryCsv, type InventoryCsvOptions, type InventoryRow } from './privacy/inventory.js';
export { derivePurposeKey, isPseudonym, PSEUDONYM_LENGTH, PSEUDONYM_MIN_KEY_BYTES, pseudonymize, pseudonymizeFor, type Pseudonym, type PseudonymIssueCode, type PseudonymKey } from './privacy/pseudonym.js';
export { redact, type Redacted, type RedactionPolicy, type RedactIssueCode } from './privacy/redact.js';
export { categoriesOf, classifyField, FIELD_CLASSIFICATION, fieldsWithin, LEGAL_BASES, ownCategoriesOf, SENSITIVITIES, sensitivitiesOf, type FieldClassification, type Sensitivity } from './privacy/sensitivity.js';
export {
  accessoSchema, appuntamentoSchema, assegnazioneSchema, cartellaSchema, consensoSchema, diarioSchema, documentoSchema, enteSchema, ENTITY_CODE_SYSTEMS,
  ENTITY_JSON_SCHEMA_DIALECT, ENTITY_SCHEMAS, entityJsonSchema, erogazioneSchema, flussoSiussSchema, interventoSchema, nucleoFamiliareSchema,
  obiettivoSchema, operatoreSchema, personaSchema, presaInCaricoSchema, progettoSchema, provvedimentoSchema, reteSocialeSchema, servizioSchema,
  sinaSchema, sinbaSchema, valutazioneSchema,
  type Accesso, type Appuntamento, type Assegnazione, type Cartella, type ComponenteNucleo, type Consenso, type Diario, type Documento, type Ente,
  type EntityCodeSystemId, type EntityInput, type EntityJsonSchema, type EntityOf, type Erogazione, type FlussoSiuss, type Intervento,
  type NucleoFamiliare, type Obiettivo, type Operatore, type Persona, type PresaInCarico, type Progetto, type Provvedimento, type ReteSociale,
  type Servizio, type Sina, type Sinba, type Valutazione, type XsdCodeSystem,
} from './entities/index.js';
export {
  centsToDecimal,
  markExported,
  toSiussFlow,
  type MarkedExported,
  type PsPsaSinaInput,
  type SiussAdapterIssueCode,
  type SiussBeneficiarioInput,
  type SiussEnteInput,
  type SiussErogazioneInput,
  type SiussFlowNameInput,
  type SiussFlowOutput,
  type SinbaInput,
  type SinbaSchedaInput,
} from './adapters/siuss.js';
export { toHousehold, type HouseholdAdapterIssueCode, type MemberFacts, type ToHouseholdOptions } from './adapters/household.js';
export * from './lifecycles/index.js';
