// SPDX-License-Identifier: BSD-3-Clause
/**
 * `@riuso-sociale/fascicolo`: the citizen's own view of their social-care record — a timeline in
 * plain language with the Designers Italia status of each request, the GDPR art. 15 information,
 * what is withheld (counted, with its ground) and what waits for review; as JSON (the art. 15(3)
 * copy) and accessible HTML; and App IO messages built and checked, never sent.
 * @module
 */
export {
  ITEM_CLASSES,
  POLICY_ACTIONS,
  PURPOSES,
  REQUESTER_KINDS,
  REVIEW_REASONS,
  STATUS_CODES,
  TIMELINE_KINDS,
  SOCIAL_DATA_SCOPE,
  type Art15Info,
  type CitizenRecord,
  type CitizenView,
  type CitizenViewOptions,
  type Detail,
  type Ground,
  type ItemClass,
  type Locale,
  type Policy,
  type PolicyAction,
  type PolicyOverrides,
  type PolicyRule,
  type Purpose,
  type RecordKind,
  type Requester,
  type RequesterBasis,
  type RequesterKind,
  type ReviewDecision,
  type ReviewItem,
  type ReviewReason,
  type StatusCode,
  type TimelineItem,
  type TimelineKind,
  type ViewCoverage,
  type ViewRequester,
  type ViewSubject,
  type WithheldEntry,
} from './model.js';
export { DEFAULT_POLICY, definePolicy, isPolicy, type PolicyIssueCode } from './policy.js';
export { REQUESTER_LABELS, type RequesterIssueCode } from './requester.js';
export { STATUS_LABELS, KIND_LABELS } from './labels.js';
export { buildCitizenView, MAX_RECORDS, RECORD_KINDS, type CitizenViewIssueCode } from './view.js';
export { citizenViewJsonSchema, citizenViewSchema, toJson } from './json.js';
export { renderHtml, type RenderHtmlOptions } from './html.js';
export {
  checkIoMessage,
  ioDueDate,
  ioLocaleFromProfile,
  ioMessageFor,
  IO_LIMITS,
  IO_MESSAGE_TITLES,
  NEVER_NOTIFY_EVENT_TYPES,
  NOTIFYING_EVENT_TYPES,
  type AppuntamentoEvent,
  type CitizenEvent,
  type CitizenEventType,
  type EsitoRichiestaEvent,
  type IntegrazioneRichiestaEvent,
  type IoAppointmentMode,
  type IoEventBase,
  type IoFeatureLevel,
  type IoIssueCode,
  type IoLocale,
  type IoMessageContent,
  type IoMessageOptions,
  type IoMessagePlan,
  type IoPaymentData,
  type IoService,
  type NeverNotifyEvent,
  type NeverNotifyEventType,
  type NewMessage,
  type NotifyingEventType,
  type PagamentoEvent,
  type PianoDisponibileEvent,
  type PrestazioneErogataEvent,
  type RichiestaRicevutaEvent,
  type ServizioAttivatoEvent,
} from './io.js';
export { findSensitiveTerms, hasSensitiveTerm, IO_SENSITIVE_TERMS, normalizeForMatch, type SensitiveCategory, type SensitiveTerm } from './io-words.js';
