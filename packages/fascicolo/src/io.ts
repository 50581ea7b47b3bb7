// SPDX-License-Identifier: BSD-3-Clause
/**
 * App IO messages for the citizen: a typed event of the social-care record becomes the body of
 * IO's `POST /api/v1/messages` (`NewMessage`), built and checked, **never sent** (no network here).
 *
 * Sources (shared/specs/fascicolo.md §2, §4):
 * - the IO API, `pagopa/io-functions-services` `apps/io-functions-services/openapi/index.yaml`
 *   v4.1.1 @72b2ff3d: `MessageContentBase` (subject 10–120, markdown 80–10 000,
 *   `require_secure_channels`: "messages won't trigger email notifications (only push)"),
 *   `Timestamp` (ISO-8601 UTC, example `2018-10-13T00:00:00.000Z`), `PaymentDataBase` (amount in
 *   euro cents 1–9 999 999 999, `notice_number` `^[0123][0-9]{17}$`, `invalid_after_due_date`),
 *   `Payee.fiscal_code` (`OrganizationFiscalCode`, 11 digits), `TimeToLiveSeconds` (3600–604 800),
 *   `FeatureLevelType` (STANDARD, ADVANCED), the `FiscalCode` pattern of the path parameter;
 * - the message models "Servizi sociali" and "Assistenza domiciliare" (`pagopa/devportal-docs`,
 *   `docs/0OMsoqOg9GiJ2xusVHM2/benessere-sociale/`): the titles below are theirs, verbatim, where
 *   the model has one; the bodies follow their gist;
 * - *Manuale dei servizi* v2.6, "Messaggi che veicolano una scadenza": a due date without a time
 *   means **the end of that day** (23:59:59), not its first second;
 * - *Guida tecnica*, "Guida al Markdown": IO's Markdown has headings, bold and italic, bulleted
 *   lists and links (the models' bodies carry `[visita questo sito](URL)`);
 * - *Manuale dei servizi*, "Informazioni sensibili" (§7.3 of the IO guidelines): no art. 9/10 data
 *   in the title, a minimal body, the service flagged sensitive.
 *
 * Decisions (ours, documented on each symbol): due dates are the end of the day in Italy; the
 * subject is always the model's fixed title and never names the service; secure channels (push
 * only) unless the Comune says the service is not sensitive and the event is administrative;
 * Markdown is restricted to headings, emphasis, lists and https links.
 * @module
 */
import {
  createIssue,
  formatCents,
  formatDate,
  isIsoDate,
  makeIsoDate,
  ok,
  fail,
  type Issue,
  type IsoDate,
  type LocalizedText,
  type Result,
} from '@riuso-sociale/core';
import { isInstant } from '@riuso-sociale/csi-model';
import { findSensitiveTerms, hasSensitiveTerm } from './io-words.js';

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/**
 * The languages of the messages: IO's `preferred_languages` `it_IT` and `en_GB`.
 *
 * @example
 * ```ts
 * import { ioLocaleFromProfile, type IoLocale } from '@riuso-sociale/fascicolo';
 * const locale: IoLocale = ioLocaleFromProfile(['en_GB']); // 'en'
 * ```
 */
export type IoLocale = 'it' | 'en';

/**
 * IO's `FeatureLevelType`: `ADVANCED` (Premium) adds attachments, read and payment status.
 *
 * @example
 * ```ts
 * import { type IoFeatureLevel } from '@riuso-sociale/fascicolo';
 * const level: IoFeatureLevel = 'STANDARD';
 * ```
 */
export type IoFeatureLevel = 'STANDARD' | 'ADVANCED';

/**
 * The service an event is about, as the Comune names it. `sensitive: true` (the service handles
 * art. 9/10 data: SerD, CSM, tutela minori…) makes every message name it generically; leaving
 * `sensitive` out counts as a doubt (push only, see {@link IoMessagePlan.requireSecureChannels}).
 *
 * @example
 * ```ts
 * import { type IoService } from '@riuso-sociale/fascicolo';
 * const serd: IoService = { name: 'Ser.D.', sensitive: true }; // named generically
 * ```
 */
export interface IoService {
  /** Its public name (1–100 characters, one line, no Markdown characters). */
  readonly name: string;
  /** The Comune's own flag: the service handles special-category or judicial data. */
  readonly sensitive?: boolean;
}

/**
 * What every notifying event carries.
 *
 * @example
 * ```ts
 * import { type IoEventBase } from '@riuso-sociale/fascicolo';
 * const base: IoEventBase = { fiscalCode: 'RSSMRA80A01H501U', service: { name: 'Assistenza domiciliare', sensitive: false } };
 * ```
 */
export interface IoEventBase {
  /** The recipient's codice fiscale (16 characters, IO's `FiscalCode` pattern; spaces and case are normalised). */
  readonly fiscalCode: string;
  readonly service: IoService;
  /** A page of the Comune's site (https only), e.g. the area personale. */
  readonly link?: string;
}

/**
 * An `Accesso` registered: the receipt the citizen gets on a second channel (C.SE.1.2).
 *
 * @example
 * ```ts
 * import { type RichiestaRicevutaEvent } from '@riuso-sociale/fascicolo';
 * const e: RichiestaRicevutaEvent = {
 *   type: 'richiesta-ricevuta', fiscalCode: 'RSSMRA80A01H501U',
 *   service: { name: 'Assistenza domiciliare' }, receivedOn: '2026-03-08', protocolNumber: '2026/123',
 * };
 * ```
 */
export interface RichiestaRicevutaEvent extends IoEventBase {
  readonly type: 'richiesta-ricevuta';
  /** Day the request was received (`YYYY-MM-DD`). */
  readonly receivedOn: string;
  /** Protocol number, when registered (letters, digits, `/.-` and spaces; at most 50). */
  readonly protocolNumber?: string;
}

/**
 * Documents requested to complete a request, by a date ("Richiesta di integrazione").
 *
 * @example
 * ```ts
 * import { type IntegrazioneRichiestaEvent } from '@riuso-sociale/fascicolo';
 * const e: IntegrazioneRichiestaEvent = {
 *   type: 'integrazione-richiesta', fiscalCode: 'RSSMRA80A01H501U',
 *   service: { name: 'Assistenza domiciliare' }, dueDate: '2026-03-31', documents: ['ISEE in corso di validità'],
 * };
 * ```
 */
export interface IntegrazioneRichiestaEvent extends IoEventBase {
  readonly type: 'integrazione-richiesta';
  /** Last day to send them (`YYYY-MM-DD`): the message's `due_date`. */
  readonly dueDate: string;
  /** The documents needed (at most 20, 200 characters each); any sensitive name hides the list. */
  readonly documents?: readonly string[];
}

/**
 * A request decided: accepted or not accepted.
 *
 * @example
 * ```ts
 * import { type EsitoRichiestaEvent } from '@riuso-sociale/fascicolo';
 * const e: EsitoRichiestaEvent = {
 *   type: 'richiesta-accolta', fiscalCode: 'RSSMRA80A01H501U', service: { name: 'Centro diurno' }, decidedOn: '2026-04-01',
 * };
 * ```
 */
export interface EsitoRichiestaEvent extends IoEventBase {
  readonly type: 'richiesta-accolta' | 'richiesta-non-accolta';
  /** Day of the decision (`YYYY-MM-DD`). */
  readonly decidedOn?: string;
}

/**
 * A care plan (`Progetto`) signed and available.
 *
 * @example
 * ```ts
 * import { type PianoDisponibileEvent } from '@riuso-sociale/fascicolo';
 * const e: PianoDisponibileEvent = { type: 'piano-disponibile', fiscalCode: 'RSSMRA80A01H501U', service: { name: 'Assistenza domiciliare' } };
 * ```
 */
export interface PianoDisponibileEvent extends IoEventBase {
  readonly type: 'piano-disponibile';
}

/**
 * An `Intervento` that becomes active.
 *
 * @example
 * ```ts
 * import { type ServizioAttivatoEvent } from '@riuso-sociale/fascicolo';
 * const e: ServizioAttivatoEvent = {
 *   type: 'servizio-attivato', fiscalCode: 'RSSMRA80A01H501U', service: { name: 'Assistenza domiciliare' }, startDate: '2026-04-01',
 * };
 * ```
 */
export interface ServizioAttivatoEvent extends IoEventBase {
  readonly type: 'servizio-attivato';
  /** First day (`YYYY-MM-DD`). */
  readonly startDate: string;
}

/**
 * How an appointment takes place (csi-model `Appuntamento.modalita`).
 *
 * @example
 * ```ts
 * import { type IoAppointmentMode } from '@riuso-sociale/fascicolo';
 * const mode: IoAppointmentMode = 'domicilio'; // "presso il tuo domicilio", no address printed
 * ```
 */
export type IoAppointmentMode = 'in-presenza' | 'domicilio' | 'telefono' | 'video';

/**
 * An appointment confirmed, or its reminder.
 *
 * @example
 * ```ts
 * import { type AppuntamentoEvent } from '@riuso-sociale/fascicolo';
 * const e: AppuntamentoEvent = {
 *   type: 'appuntamento-promemoria', fiscalCode: 'RSSMRA80A01H501U', service: { name: 'Segretariato sociale' },
 *   start: '2026-03-10T08:30:00Z', place: 'Via Roma 1, Lodi', // "martedì 10 marzo 2026, ore 9:30"
 * };
 * ```
 */
export interface AppuntamentoEvent extends IoEventBase {
  readonly type: 'appuntamento-confermato' | 'appuntamento-promemoria';
  /** Start, a UTC instant (`2026-03-10T08:30:00Z`): written in Italian time in the message. */
  readonly start: string;
  /** Where (an office's address; at most 300 characters). Not needed for `domicilio`, `telefono`, `video`. */
  readonly place?: string;
  readonly mode?: IoAppointmentMode;
  /** Booking number (letters, digits, `/.-` and spaces; at most 50). */
  readonly bookingNumber?: string;
}

/**
 * A co-payment (`Erogazione.quotaUtenteCents`): a new notice, a notice falling due, a notice not paid.
 *
 * @example
 * ```ts
 * import { type PagamentoEvent } from '@riuso-sociale/fascicolo';
 * const e: PagamentoEvent = {
 *   type: 'pagamento-in-scadenza', fiscalCode: 'RSSMRA80A01H501U', service: { name: 'Assistenza domiciliare' },
 *   amountCents: 4550, noticeNumber: '301000000000012345', dueDate: '2026-03-31', payeeFiscalCode: '00743110157',
 * };
 * ```
 */
export interface PagamentoEvent extends IoEventBase {
  readonly type: 'avviso-pagamento' | 'pagamento-in-scadenza' | 'pagamento-non-effettuato';
  /** Integer euro cents, 1–9 999 999 999. */
  readonly amountCents: number;
  /** pagoPA "numero avviso", 18 digits `^[0123][0-9]{17}$`. */
  readonly noticeNumber: string;
  /** Last day to pay (`YYYY-MM-DD`). */
  readonly dueDate: string;
  /** The creditor's codice fiscale (11 digits); when absent IO uses the sending organisation's. */
  readonly payeeFiscalCode?: string;
  /** The notice cannot be paid after the due date. */
  readonly invalidAfterDueDate?: boolean;
}

/**
 * A benefit or service provided (`Erogazione`): informative.
 *
 * @example
 * ```ts
 * import { type PrestazioneErogataEvent } from '@riuso-sociale/fascicolo';
 * const e: PrestazioneErogataEvent = {
 *   type: 'prestazione-erogata', fiscalCode: 'RSSMRA80A01H501U', service: { name: 'Contributo affitto' },
 *   providedOn: '2026-05-11', amountCents: 25_000,
 * };
 * ```
 */
export interface PrestazioneErogataEvent extends IoEventBase {
  readonly type: 'prestazione-erogata';
  /** Day it was provided (`YYYY-MM-DD`). */
  readonly providedOn: string;
  /** Amount paid to the person (a contributo), integer cents 1–9 999 999 999. */
  readonly amountCents?: number;
}

/**
 * Events that **never** produce an IO message ({@link ioMessageFor} returns `ok(null)`):
 * - `diario`, `valutazione`: evaluative content and professional notes (GDPR art. 9 health and
 *   social data; the citizen reads them through the view or an art. 15 request, with review);
 * - `provvedimento-giudiziario`, `segnalazione` (a report to the Procura or the Tribunale per i
 *   minorenni), `chiusura-tutela-minori`: judicial data (art. 10) and a **tipping-off risk** — a
 *   push on a shared phone can warn the person a report or an art. 403 c.c. removal concerns, or
 *   reveal to a household member that a child-protection case existed.
 *
 * @example
 * ```ts
 * import { ioMessageFor, type NeverNotifyEventType } from '@riuso-sociale/fascicolo';
 * const t: NeverNotifyEventType = 'segnalazione'; // ioMessageFor({ type: t }) → ok(null)
 * ```
 */
export type NeverNotifyEventType = 'diario' | 'valutazione' | 'provvedimento-giudiziario' | 'segnalazione' | 'chiusura-tutela-minori';

/**
 * An event of a kind that never notifies (any other field is ignored).
 *
 * @example
 * ```ts
 * import { type NeverNotifyEvent } from '@riuso-sociale/fascicolo';
 * const e: NeverNotifyEvent = { type: 'diario', id: 'diario:1' }; // never a message
 * ```
 */
export interface NeverNotifyEvent {
  readonly type: NeverNotifyEventType;
  readonly [field: string]: unknown;
}

/**
 * The events the record can raise for the citizen.
 *
 * @example
 * ```ts
 * import { type CitizenEvent } from '@riuso-sociale/fascicolo';
 * const events: CitizenEvent[] = [
 *   { type: 'valutazione' },
 *   { type: 'piano-disponibile', fiscalCode: 'RSSMRA80A01H501U', service: { name: 'Assistenza domiciliare' } },
 * ];
 * ```
 */
export type CitizenEvent =
  | RichiestaRicevutaEvent
  | IntegrazioneRichiestaEvent
  | EsitoRichiestaEvent
  | PianoDisponibileEvent
  | ServizioAttivatoEvent
  | AppuntamentoEvent
  | PagamentoEvent
  | PrestazioneErogataEvent
  | NeverNotifyEvent;

/**
 * The types of event that produce a message.
 *
 * @example
 * ```ts
 * import { type NotifyingEventType } from '@riuso-sociale/fascicolo';
 * const t: NotifyingEventType = 'avviso-pagamento';
 * ```
 */
export type NotifyingEventType = Exclude<CitizenEvent['type'], NeverNotifyEventType>;

/**
 * Every {@link CitizenEvent} type.
 *
 * @example
 * ```ts
 * import { type CitizenEventType } from '@riuso-sociale/fascicolo';
 * const t: CitizenEventType = 'diario';
 * ```
 */
export type CitizenEventType = CitizenEvent['type'];

/**
 * The event types that produce a message, in the order of the docs.
 *
 * @example
 * ```ts
 * import { NOTIFYING_EVENT_TYPES } from '@riuso-sociale/fascicolo';
 * NOTIFYING_EVENT_TYPES.includes('servizio-attivato'); // true
 * ```
 */
export const NOTIFYING_EVENT_TYPES: readonly NotifyingEventType[] = [
  'richiesta-ricevuta',
  'integrazione-richiesta',
  'richiesta-accolta',
  'richiesta-non-accolta',
  'piano-disponibile',
  'servizio-attivato',
  'appuntamento-confermato',
  'appuntamento-promemoria',
  'avviso-pagamento',
  'pagamento-in-scadenza',
  'pagamento-non-effettuato',
  'prestazione-erogata',
];

/**
 * The event types that never notify (see {@link NeverNotifyEventType} for why).
 *
 * @example
 * ```ts
 * import { NEVER_NOTIFY_EVENT_TYPES } from '@riuso-sociale/fascicolo';
 * NEVER_NOTIFY_EVENT_TYPES.includes('segnalazione'); // true
 * ```
 */
export const NEVER_NOTIFY_EVENT_TYPES: readonly NeverNotifyEventType[] = [
  'diario',
  'valutazione',
  'provvedimento-giudiziario',
  'segnalazione',
  'chiusura-tutela-minori',
];

/**
 * The subject of each message: the pagoPA models' titles, verbatim in Italian where the model has
 * one ("Servizi sociali": integrazione, accolta / non accolta, payments; "Assistenza domiciliare":
 * "Il tuo appuntamento", "Ricordati del tuo appuntamento", "È disponibile il tuo piano
 * assistenziale", "Attivazione del servizio" without the model's "di assistenza domiciliare").
 * Ours: `richiesta-ricevuta` (spec §4) and `prestazione-erogata`; all English titles.
 * A subject never names the service (IO guidance §7.3: no art. 9/10 data in the title).
 *
 * @example
 * ```ts
 * import { IO_MESSAGE_TITLES } from '@riuso-sociale/fascicolo';
 * IO_MESSAGE_TITLES['richiesta-accolta'].it; // 'La tua richiesta è stata accolta'
 * ```
 */
export const IO_MESSAGE_TITLES: { readonly [T in NotifyingEventType]: LocalizedText } = {
  'richiesta-ricevuta': { it: 'Abbiamo ricevuto la tua richiesta', en: 'We have received your request' },
  'integrazione-richiesta': { it: 'Richiesta di integrazione', en: 'More documents are needed' },
  'richiesta-accolta': { it: 'La tua richiesta è stata accolta', en: 'Your request has been accepted' },
  'richiesta-non-accolta': { it: 'La tua richiesta non è stata accolta', en: 'Your request has not been accepted' },
  'piano-disponibile': { it: 'È disponibile il tuo piano assistenziale', en: 'Your care plan is available' },
  'servizio-attivato': { it: 'Attivazione del servizio', en: 'Your service is starting' },
  'appuntamento-confermato': { it: 'Il tuo appuntamento', en: 'Your appointment' },
  'appuntamento-promemoria': { it: 'Ricordati del tuo appuntamento', en: 'Reminder of your appointment' },
  'avviso-pagamento': { it: 'Hai un nuovo avviso di pagamento', en: 'You have a new payment notice' },
  'pagamento-in-scadenza': { it: 'Hai un pagamento in scadenza', en: 'You have a payment falling due' },
  'pagamento-non-effettuato': { it: 'Pagamento non effettuato', en: 'Payment not made' },
  'prestazione-erogata': { it: 'È stata erogata una prestazione', en: 'A benefit has been provided' },
};

/**
 * IO's `PaymentData` (input form: `payee` optional).
 *
 * @example
 * ```ts
 * import { type IoPaymentData } from '@riuso-sociale/fascicolo';
 * const p: IoPaymentData = { amount: 4550, notice_number: '301000000000012345', payee: { fiscal_code: '00743110157' } };
 * ```
 */
export interface IoPaymentData {
  /** Euro cents, 1–9 999 999 999. */
  readonly amount: number;
  /** `^[0123][0-9]{17}$`. */
  readonly notice_number: string;
  readonly invalid_after_due_date?: boolean;
  readonly payee?: { readonly fiscal_code: string };
}

/**
 * IO's `MessageContent`, the fields this module writes.
 *
 * @example
 * ```ts
 * import { type IoMessageContent } from '@riuso-sociale/fascicolo';
 * const c: IoMessageContent = {
 *   subject: 'Hai un pagamento in scadenza',
 *   markdown: 'Il tuo pagamento relativo alla quota a tuo carico sta per scadere. Se hai già pagato, ignora questo messaggio.',
 *   require_secure_channels: true,
 * };
 * ```
 */
export interface IoMessageContent {
  /** 10–120 characters. */
  readonly subject: string;
  /** 80–10 000 characters. */
  readonly markdown: string;
  /** ISO-8601 UTC with milliseconds (`2026-03-31T21:59:59.000Z`). */
  readonly due_date?: string;
  readonly payment_data?: IoPaymentData;
  /** `true`: push notification only, no email. */
  readonly require_secure_channels?: boolean;
}

/**
 * The body of IO's `POST /api/v1/messages` (its `NewMessage` definition, the fields used here).
 *
 * @example
 * ```ts
 * import { checkIoMessage, type NewMessage } from '@riuso-sociale/fascicolo';
 * const m: NewMessage = {
 *   fiscal_code: 'RSSMRA80A01H501U',
 *   content: { subject: 'Il tuo appuntamento', markdown: 'Il tuo appuntamento è confermato per martedì 10 marzo 2026, ore 9:30, presso la sede dei servizi sociali.' },
 * };
 * checkIoMessage(m).ok; // true
 * ```
 */
export interface NewMessage {
  readonly fiscal_code: string;
  readonly content: IoMessageContent;
  readonly feature_level_type?: IoFeatureLevel;
  /** Seconds, 3600–604 800 (IO's default 3600). */
  readonly time_to_live?: number;
}

/**
 * What {@link ioMessageFor} produces: the body to send and what to do around it.
 *
 * @example
 * ```ts
 * import { ioMessageFor, type IoMessagePlan } from '@riuso-sociale/fascicolo';
 * const r = ioMessageFor({ type: 'piano-disponibile', fiscalCode: 'RSSMRA80A01H501U', service: { name: 'Assistenza domiciliare' } });
 * if (r.ok && r.value) {
 *   const plan: IoMessagePlan = r.value;
 *   plan.requireSecureChannels; // true: a care event
 *   // first POST /profiles { fiscal_code }: send only if sender_allowed is true
 * }
 * ```
 */
export interface IoMessagePlan {
  readonly message: NewMessage;
  /**
   * Always `true`: before sending, call `POST /api/v1/profiles` with `{ fiscal_code }`; send only
   * when it answers 200 with `sender_allowed: true` (a 404, or `false`, means **do not send**).
   */
  readonly mustCheckProfile: true;
  /**
   * Push only, no email (`content.require_secure_channels`). Our rule: `true` unless the service is
   * flagged `sensitive: false` by the Comune, its name holds no listed term, no text had to be
   * hidden, **and** the event is administrative (`richiesta-ricevuta`, `integrazione-richiesta`,
   * `richiesta-accolta`, `richiesta-non-accolta`, the three payment events). Care events
   * (`piano-disponibile`, `servizio-attivato`, appointments, `prestazione-erogata`) are always
   * `true`: they reveal that care is being given. A missing flag is a doubt, and a doubt is `true`.
   */
  readonly requireSecureChannels: boolean;
  /** For the operator or integrator: what was hidden or named generically, what else to do. */
  readonly notes: readonly LocalizedText[];
}

/**
 * Options of {@link ioMessageFor}.
 *
 * @example
 * ```ts
 * import { type IoMessageOptions } from '@riuso-sociale/fascicolo';
 * const options: IoMessageOptions = {
 *   locale: 'en', timeToLiveSeconds: 86_400,
 *   genericServiceName: { it: "l'Ufficio di Piano", en: 'the Ufficio di Piano' },
 * };
 * ```
 */
export interface IoMessageOptions {
  /** Language of the message (default `it`); see {@link ioLocaleFromProfile}. */
  readonly locale?: IoLocale;
  /** `feature_level_type`, written only when given. */
  readonly featureLevel?: IoFeatureLevel;
  /** `time_to_live`, 3600–604 800 seconds, written only when given. */
  readonly timeToLiveSeconds?: number;
  /**
   * How a sensitive service is named, as it reads after "per" / "for" (default "i servizi sociali
   * del Comune" / "the Comune's social services"). Must itself hold no listed term.
   */
  readonly genericServiceName?: LocalizedText;
}

/**
 * The stable codes of this module's issues.
 *
 * @example
 * ```ts
 * import { checkIoMessage, type IoIssueCode } from '@riuso-sociale/fascicolo';
 * const r = checkIoMessage({});
 * const code: IoIssueCode | undefined = r.ok ? undefined : r.issues[0].code; // 'fascicolo.io_fiscal_code'
 * ```
 */
export type IoIssueCode =
  | 'fascicolo.io_event'
  | 'fascicolo.io_fiscal_code'
  | 'fascicolo.io_service'
  | 'fascicolo.io_text'
  | 'fascicolo.io_date'
  | 'fascicolo.io_instant'
  | 'fascicolo.io_amount'
  | 'fascicolo.io_notice_number'
  | 'fascicolo.io_payee'
  | 'fascicolo.io_link'
  | 'fascicolo.io_option'
  | 'fascicolo.io_message'
  | 'fascicolo.io_subject_length'
  | 'fascicolo.io_subject_text'
  | 'fascicolo.io_markdown_length'
  | 'fascicolo.io_markdown_syntax'
  | 'fascicolo.io_due_date'
  | 'fascicolo.io_time_to_live'
  | 'fascicolo.io_feature_level'
  | 'fascicolo.io_sensitive_subject';

// ---------------------------------------------------------------------------------------------
// Limits and patterns
// ---------------------------------------------------------------------------------------------

/**
 * IO's limits (openapi `MessageContentBase`, `PaymentDataBase`, `TimeToLiveSeconds`). Lengths are
 * counted in UTF-16 units (`String.length`), as IO's io-ts codecs count them.
 *
 * @example
 * ```ts
 * import { IO_LIMITS } from '@riuso-sociale/fascicolo';
 * IO_LIMITS.subject; // { min: 10, max: 120 }
 * ```
 */
export const IO_LIMITS = {
  subject: { min: 10, max: 120 },
  markdown: { min: 80, max: 10_000 },
  amount: { min: 1, max: 9_999_999_999 },
  timeToLive: { min: 3600, max: 604_800 },
} as const;

/** IO's `FiscalCode` (a person's 16-character code, omocodia letters allowed). */
const FISCAL_CODE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;
/** IO's `OrganizationFiscalCode`. */
const ORGANIZATION_FISCAL_CODE = /^[0-9]{11}$/;
const NOTICE_NUMBER = /^[0123][0-9]{17}$/;
const DUE_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})Z$/;
const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9 ./-]{0,49}$/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** Characters that would change the Markdown a name is printed in. */
const MARKDOWN_CHARS = /[<>[\]*_`|\\~]/;

const DEFAULT_GENERIC: LocalizedText = { it: 'i servizi sociali del Comune', en: "the Comune's social services" };

// ---------------------------------------------------------------------------------------------
// Issues
// ---------------------------------------------------------------------------------------------

type Path = readonly (string | number)[];
type Params = Readonly<Record<string, string | number | boolean | null>>;

function issue(code: IoIssueCode, it: string, en: string, path: Path, params: Params = {}): Issue<IoIssueCode> {
  return createIssue(code, { it, en }, { path, params });
}

function own(obj: object, key: string): unknown {
  return Object.hasOwn(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;
}

function isRecord(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  return typeof value;
}

// ---------------------------------------------------------------------------------------------
// Field checks (untyped input)
// ---------------------------------------------------------------------------------------------

function checkFiscalCode(value: unknown, path: Path, issues: Issue<IoIssueCode>[]): string | undefined {
  if (typeof value !== 'string') {
    issues.push(issue('fascicolo.io_fiscal_code', 'Codice fiscale del destinatario mancante', "Recipient's codice fiscale missing", path, { found: typeName(value) }));
    return undefined;
  }
  const cf = value.replace(/\s+/g, '').toUpperCase();
  if (!FISCAL_CODE.test(cf)) {
    const numeric = /^[0-9]{11}$/.test(cf);
    issues.push(
      issue(
        'fascicolo.io_fiscal_code',
        numeric
          ? 'Codice fiscale numerico (11 cifre): App IO accetta solo il codice di 16 caratteri di una persona'
          : 'Codice fiscale del destinatario non valido: attesi 16 caratteri nella forma di App IO',
        numeric
          ? 'Numeric codice fiscale (11 digits): App IO accepts only the 16-character code of a person'
          : "Invalid recipient's codice fiscale: 16 characters in App IO's form expected",
        path,
        { length: cf.length },
      ),
    );
    return undefined;
  }
  return cf;
}

interface TextRule {
  readonly max: number;
  readonly label: LocalizedText;
}

function checkText(value: unknown, path: Path, rule: TextRule, code: IoIssueCode, issues: Issue<IoIssueCode>[]): string | undefined {
  if (typeof value !== 'string') {
    issues.push(issue(code, `${rule.label.it}: testo mancante`, `${rule.label.en}: text missing`, path, { found: typeName(value) }));
    return undefined;
  }
  const text = value.trim();
  const length = Array.from(text).length;
  if (length === 0 || length > rule.max) {
    issues.push(issue(code, `${rule.label.it}: da 1 a ${rule.max} caratteri`, `${rule.label.en}: 1 to ${rule.max} characters`, path, { length, max: rule.max }));
    return undefined;
  }
  if (CONTROL.test(text) || MARKDOWN_CHARS.test(text) || !/[\p{L}\p{N}]/u.test(text)) {
    issues.push(
      issue(
        code,
        `${rule.label.it}: una riga con almeno una lettera o cifra, senza caratteri di controllo né < > [ ] * _ \` | \\ ~`,
        `${rule.label.en}: one line with at least a letter or digit, no control characters nor < > [ ] * _ \` | \\ ~`,
        path,
      ),
    );
    return undefined;
  }
  return text;
}

/** Dates and instants of messages: from 1900 (Italian time's rules are Intl's from then on). */
const FIRST_DATE = '1900-01-01';

function checkDate(value: unknown, path: Path, issues: Issue<IoIssueCode>[]): IsoDate | undefined {
  if (isIsoDate(value) && value >= FIRST_DATE) return value;
  issues.push(
    issue('fascicolo.io_date', 'Data non valida: attesa una data esistente AAAA-MM-GG, dal 1900', 'Invalid date: an existing YYYY-MM-DD date from 1900 expected', path, {
      found: typeof value === 'string' ? value.slice(0, 10) : typeName(value),
    }),
  );
  return undefined;
}

function checkAmount(value: unknown, path: Path, issues: Issue<IoIssueCode>[]): number | undefined {
  const { min, max } = IO_LIMITS.amount;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    const reason = typeof value !== 'number' || Number.isNaN(value) ? 'not-a-number' : !Number.isInteger(value) ? 'not-integer' : 'out-of-range';
    issues.push(
      issue(
        'fascicolo.io_amount',
        `Importo non valido: un numero intero di centesimi da ${min} a ${max}`,
        `Invalid amount: an integer number of cents from ${min} to ${max}`,
        path,
        { reason, min, max },
      ),
    );
    return undefined;
  }
  return value;
}

function checkNoticeNumber(value: unknown, path: Path, issues: Issue<IoIssueCode>[]): string | undefined {
  if (typeof value === 'string' && NOTICE_NUMBER.test(value)) return value;
  issues.push(
    issue(
      'fascicolo.io_notice_number',
      'Numero avviso pagoPA non valido: 18 cifre, la prima tra 0 e 3',
      'Invalid pagoPA notice number: 18 digits, the first from 0 to 3',
      path,
      { found: typeName(value), ...(typeof value === 'string' ? { length: value.length } : {}) },
    ),
  );
  return undefined;
}

function checkPayee(value: unknown, path: Path, issues: Issue<IoIssueCode>[]): string | undefined {
  if (typeof value === 'string' && ORGANIZATION_FISCAL_CODE.test(value)) return value;
  issues.push(
    issue('fascicolo.io_payee', "Codice fiscale dell'ente creditore non valido: 11 cifre", "Invalid payee's fiscal code: 11 digits", path, {
      found: typeName(value),
    }),
  );
  return undefined;
}

function checkBoolean(value: unknown, path: Path, issues: Issue<IoIssueCode>[], code: IoIssueCode = 'fascicolo.io_event'): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  issues.push(issue(code, 'Valore non valido: atteso true o false', 'Invalid value: true or false expected', path, { found: typeName(value) }));
  return undefined;
}

function checkLink(value: unknown, path: Path, fiscalCode: string | undefined, issues: Issue<IoIssueCode>[]): string | undefined {
  const bad = (it: string, en: string, reason: string): undefined => {
    issues.push(issue('fascicolo.io_link', it, en, path, { reason }));
    return undefined;
  };
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000 || /\s/.test(value)) {
    return bad('Collegamento non valido: un indirizzo https senza spazi, al più 2000 caratteri', 'Invalid link: an https address without spaces, at most 2000 characters', 'format');
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return bad('Collegamento non valido: non è un indirizzo', 'Invalid link: not an address', 'format');
  }
  if (url.protocol !== 'https:' || url.hostname === '') {
    return bad('Collegamento non ammesso: solo indirizzi https', 'Link not allowed: https addresses only', 'scheme');
  }
  if (url.username !== '' || url.password !== '') {
    return bad('Collegamento non ammesso: contiene credenziali', 'Link not allowed: it holds credentials', 'credentials');
  }
  if (fiscalCode !== undefined && decodeSafe(value).toUpperCase().includes(fiscalCode)) {
    return bad(
      'Collegamento non ammesso: contiene il codice fiscale del destinatario',
      "Link not allowed: it holds the recipient's codice fiscale",
      'personal-data',
    );
  }
  return url.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

function decodeSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

const ROME_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Rome',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

function romeWallClock(ms: number): WallClock {
  const parts: Record<string, number> = {};
  for (const p of ROME_PARTS.formatToParts(ms)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts['year'] ?? NaN,
    month: parts['month'] ?? NaN,
    day: parts['day'] ?? NaN,
    hour: parts['hour'] ?? NaN,
    minute: parts['minute'] ?? NaN,
    second: parts['second'] ?? NaN,
  };
}

function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

/**
 * The `due_date` of a calendar date: **the end of that day in Italy**, 23:59:59 Europe/Rome (with
 * its summer time), as an ISO-8601 UTC instant with milliseconds. IO's *Manuale dei servizi*
 * ("Messaggi che veicolano una scadenza") asks for the end of the day when a deadline has no time:
 * midnight would make the last day look already gone (and, with `invalid_after_due_date`, end the
 * payment 22 hours early). Computed from the date's own numbers and Intl's Europe/Rome rules, never
 * from the machine's time zone.
 *
 * @param date - `YYYY-MM-DD`, an existing date from 1900 to 9999.
 * @example
 * ```ts
 * import { ioDueDate } from '@riuso-sociale/fascicolo';
 * const winter = ioDueDate('2026-03-27'); // ok: '2026-03-27T22:59:59.000Z' (UTC+1)
 * const summer = ioDueDate('2026-03-31'); // ok: '2026-03-31T21:59:59.000Z' (UTC+2)
 * if (winter.ok && summer.ok) console.log(winter.value, summer.value);
 * ```
 */
export function ioDueDate(date: string): Result<string, IoIssueCode> {
  const issues: Issue<IoIssueCode>[] = [];
  const d = checkDate(date, [], issues);
  if (d === undefined) return fail(issues as [Issue<IoIssueCode>, ...Issue<IoIssueCode>[]]);
  return ok(endOfDayInRome(d));
}

function endOfDayInRome(date: IsoDate): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const wanted = utcMs(year, month, day, 23, 59, 59);
  // Rome is UTC+1 or UTC+2: try both offsets, keep the one whose Rome wall clock is the wanted one.
  for (const offsetHours of [1, 2, 0]) {
    const candidate = wanted - offsetHours * 3_600_000;
    const w = romeWallClock(candidate);
    if (w.year === year && w.month === month && w.day === day && w.hour === 23 && w.minute === 59 && w.second === 59) {
      return new Date(candidate).toISOString();
    }
  }
  /* c8 ignore next */
  return new Date(wanted - 3_600_000).toISOString();
}

function romeDateOf(instant: string): { date: IsoDate; hour: number; minute: number } {
  const w = romeWallClock(Date.parse(instant));
  const date = makeIsoDate(w.year, w.month, w.day);
  /* c8 ignore next */
  if (date === null) throw new RangeError('instant outside the calendar');
  return { date, hour: w.hour, minute: w.minute };
}

const WEEKDAY = {
  it: new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', weekday: 'long' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Rome', weekday: 'long' }),
} as const;

/** "martedì 10 marzo 2026, ore 9:30" / "Tuesday 10 March 2026, 09:30 (Italian time)". */
function appointmentWords(instant: string, locale: IoLocale): string {
  const { date, hour, minute } = romeDateOf(instant);
  const weekday = WEEKDAY[locale].format(Date.parse(instant));
  const mm = String(minute).padStart(2, '0');
  const day = formatDate(date, { lang: locale });
  return locale === 'it' ? `${weekday} ${day}, ore ${hour}:${mm}` : `${weekday} ${day}, ${String(hour).padStart(2, '0')}:${mm} (Italian time)`;
}

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

interface ResolvedOptions {
  readonly locale: IoLocale;
  readonly featureLevel: IoFeatureLevel | undefined;
  readonly timeToLive: number | undefined;
  readonly generic: LocalizedText;
}

function resolveOptions(options: unknown, issues: Issue<IoIssueCode>[]): ResolvedOptions {
  const out: { locale: IoLocale; featureLevel: IoFeatureLevel | undefined; timeToLive: number | undefined; generic: LocalizedText } = {
    locale: 'it',
    featureLevel: undefined,
    timeToLive: undefined,
    generic: DEFAULT_GENERIC,
  };
  if (options === undefined) return out;
  if (!isRecord(options)) {
    issues.push(issue('fascicolo.io_option', 'Opzioni non valide: atteso un oggetto', 'Invalid options: an object expected', ['options'], { found: typeName(options) }));
    return out;
  }
  const locale = own(options, 'locale');
  if (locale !== undefined) {
    if (locale === 'it' || locale === 'en') out.locale = locale;
    else issues.push(issue('fascicolo.io_option', "Lingua non valida: 'it' o 'en'", "Invalid locale: 'it' or 'en'", ['options', 'locale']));
  }
  const level = own(options, 'featureLevel');
  if (level !== undefined) {
    if (level === 'STANDARD' || level === 'ADVANCED') out.featureLevel = level;
    else issues.push(issue('fascicolo.io_feature_level', "Livello non valido: 'STANDARD' o 'ADVANCED'", "Invalid feature level: 'STANDARD' or 'ADVANCED'", ['options', 'featureLevel']));
  }
  const ttl = own(options, 'timeToLiveSeconds');
  if (ttl !== undefined) out.timeToLive = checkTimeToLive(ttl, ['options', 'timeToLiveSeconds'], issues);
  const generic = own(options, 'genericServiceName');
  if (generic !== undefined) {
    if (!isRecord(generic)) {
      issues.push(issue('fascicolo.io_option', 'Nome generico non valido: atteso { it, en }', 'Invalid generic name: { it, en } expected', ['options', 'genericServiceName']));
    } else {
      const label = { it: 'Nome generico del servizio', en: 'Generic service name' };
      const it = checkText(own(generic, 'it'), ['options', 'genericServiceName', 'it'], { max: 100, label }, 'fascicolo.io_option', issues);
      const en = checkText(own(generic, 'en'), ['options', 'genericServiceName', 'en'], { max: 100, label }, 'fascicolo.io_option', issues);
      if (it !== undefined && en !== undefined) {
        if (hasSensitiveTerm(it) || hasSensitiveTerm(en)) {
          issues.push(
            issue(
              'fascicolo.io_option',
              'Il nome generico del servizio contiene un termine sensibile',
              'The generic service name holds a sensitive term',
              ['options', 'genericServiceName'],
            ),
          );
        } else out.generic = { it, en };
      }
    }
  }
  return out;
}

function checkTimeToLive(value: unknown, path: Path, issues: Issue<IoIssueCode>[]): number | undefined {
  const { min, max } = IO_LIMITS.timeToLive;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  issues.push(
    issue('fascicolo.io_time_to_live', `Durata non valida: un numero intero di secondi da ${min} a ${max}`, `Invalid time to live: an integer number of seconds from ${min} to ${max}`, path, {
      found: typeName(value),
      min,
      max,
    }),
  );
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// ioMessageFor
// ---------------------------------------------------------------------------------------------

const ADMINISTRATIVE: ReadonlySet<string> = new Set<NotifyingEventType>([
  'richiesta-ricevuta',
  'integrazione-richiesta',
  'richiesta-accolta',
  'richiesta-non-accolta',
  'avviso-pagamento',
  'pagamento-in-scadenza',
  'pagamento-non-effettuato',
]);

const NOTIFYING: ReadonlySet<string> = new Set<string>(NOTIFYING_EVENT_TYPES);
const NEVER: ReadonlySet<string> = new Set<string>(NEVER_NOTIFY_EVENT_TYPES);

/** Both languages of a paragraph; the message keeps the one asked for. */
type Para = LocalizedText;

const FOOTER: Para = {
  it: 'Per informazioni puoi rivolgerti ai servizi sociali del tuo Comune, con i contatti che trovi nella scheda del servizio.',
  en: "For information you can contact your Comune's social services, using the contacts in the service's page.",
};

const MODE_PLACE: { readonly [M in Exclude<IoAppointmentMode, 'in-presenza'>]: LocalizedText } = {
  domicilio: { it: 'presso il tuo domicilio', en: 'at your home' },
  telefono: { it: 'al telefono', en: 'by phone' },
  video: { it: 'in videochiamata', en: 'by video call' },
};

const LINK_LABEL: { readonly [T in NotifyingEventType]?: LocalizedText } = {
  'integrazione-richiesta': { it: 'Aggiungi documenti', en: 'Add documents' },
  'piano-disponibile': { it: 'Consulta il piano', en: 'Read the plan' },
  'appuntamento-confermato': { it: "Gestisci l'appuntamento", en: 'Manage the appointment' },
  'appuntamento-promemoria': { it: "Gestisci l'appuntamento", en: 'Manage the appointment' },
};
const DEFAULT_LINK_LABEL: LocalizedText = { it: 'Vai alla tua area personale', en: 'Go to your personal area' };

/**
 * Builds the App IO message for an event of the citizen's record, checked with
 * {@link checkIoMessage}; `ok(null)` for the events that must never notify
 * ({@link NEVER_NOTIFY_EVENT_TYPES}, always, whatever their other fields).
 *
 * - The subject is the model's fixed title ({@link IO_MESSAGE_TITLES}); the service is named in the
 *   body only, generically (`options.genericServiceName`) when it is flagged sensitive or its name
 *   holds a listed term ({@link findSensitiveTerms}). A place or document name with a listed term is
 *   left out of the body (a note says so).
 * - Dates in words, appointment times in Italian time; `due_date` is the end of the day in Italy
 *   ({@link ioDueDate}) for `integrazione-richiesta`, `avviso-pagamento` and
 *   `pagamento-in-scadenza`, the appointment's start for appointments.
 * - Payments carry `payment_data` (IO adds the "Paga" button); the missed-payment message says it
 *   is not a legally valid notice, and carries no `payment_data` when the notice is invalid after
 *   its due date.
 * - Nothing is sent: check the profile first ({@link IoMessagePlan.mustCheckProfile}).
 *
 * Untyped input is checked field by field (own properties only, so `__proto__` tricks find
 * nothing): every problem is an issue `fascicolo.io_*`; messages never repeat the codice fiscale or
 * the amount.
 *
 * @param event - the event (see {@link CitizenEvent}).
 * @param options - language, feature level, time to live, generic service name.
 * @example
 * ```ts
 * import { ioMessageFor } from '@riuso-sociale/fascicolo';
 * const r = ioMessageFor({
 *   type: 'avviso-pagamento',
 *   fiscalCode: 'RSSMRA80A01H501U',
 *   service: { name: 'Assistenza domiciliare', sensitive: false },
 *   amountCents: 4550,
 *   noticeNumber: '301000000000012345',
 *   dueDate: '2026-03-31',
 * });
 * if (r.ok && r.value) {
 *   r.value.message.content.subject;        // 'Hai un nuovo avviso di pagamento'
 *   r.value.message.content.due_date;       // '2026-03-31T21:59:59.000Z'
 *   r.value.message.content.payment_data;   // { amount: 4550, notice_number: '301000000000012345' }
 * }
 * ioMessageFor({ type: 'segnalazione' }); // { ok: true, value: null }
 * ```
 */
export function ioMessageFor(event: CitizenEvent, options: IoMessageOptions = {}): Result<IoMessagePlan | null, IoIssueCode> {
  const input: unknown = event;
  if (!isRecord(input)) {
    return fail([issue('fascicolo.io_event', 'Evento non valido: atteso un oggetto', 'Invalid event: an object expected', [], { found: typeName(input) })]);
  }
  const type = own(input, 'type');
  if (typeof type === 'string' && NEVER.has(type)) return ok(null);
  const issues: Issue<IoIssueCode>[] = [];
  const opts = resolveOptions(options, issues);
  if (typeof type !== 'string' || !NOTIFYING.has(type)) {
    issues.push(issue('fascicolo.io_event', 'Tipo di evento sconosciuto', 'Unknown event type', ['type'], { found: typeof type === 'string' ? type.slice(0, 40) : typeName(type) }));
    return fail(issues as [Issue<IoIssueCode>, ...Issue<IoIssueCode>[]]);
  }
  const t = type as NotifyingEventType;
  const fiscalCode = checkFiscalCode(own(input, 'fiscalCode'), ['fiscalCode'], issues);

  // The service.
  const serviceIn = own(input, 'service');
  let serviceName: string | undefined;
  let flagged: boolean | undefined;
  if (!isRecord(serviceIn)) {
    issues.push(issue('fascicolo.io_service', 'Servizio mancante: atteso { name, sensitive? }', 'Service missing: { name, sensitive? } expected', ['service'], { found: typeName(serviceIn) }));
  } else {
    serviceName = checkText(own(serviceIn, 'name'), ['service', 'name'], { max: 100, label: { it: 'Nome del servizio', en: 'Service name' } }, 'fascicolo.io_service', issues);
    flagged = checkBoolean(own(serviceIn, 'sensitive'), ['service', 'sensitive'], issues, 'fascicolo.io_service');
  }

  const linkIn = own(input, 'link');
  const link = linkIn === undefined ? undefined : checkLink(linkIn, ['link'], fiscalCode, issues);

  const notes: LocalizedText[] = [];
  let hidden = false;
  const L = opts.locale;
  const pick = (p: Para): string => p[L];
  const textOrHide = (value: unknown, path: Path, rule: TextRule, what: LocalizedText): string | undefined => {
    const text = checkText(value, path, rule, 'fascicolo.io_text', issues);
    if (text !== undefined && hasSensitiveTerm(text)) {
      hidden = true;
      notes.push({ it: `${what.it}: contiene un termine sensibile, non è scritto nel messaggio.`, en: `${what.en}: it holds a sensitive term, not written in the message.` });
      return undefined;
    }
    return text;
  };

  // Event-specific fields.
  const paras: Para[] = [];
  let dueDate: string | undefined;
  let payment: IoPaymentData | undefined;
  const sensitiveName = serviceName !== undefined && hasSensitiveTerm(serviceName);
  const generic = flagged === true || sensitiveName;
  const svc: Para =
    serviceName === undefined || generic ? opts.generic : { it: `il servizio «${serviceName}»`, en: `the service “${serviceName}”` };
  const on = (d: IsoDate, prep: 'on' | 'from'): Para => ({ it: formatDate(d, { lang: 'it', preposition: prep }), en: formatDate(d, { lang: 'en', preposition: prep }) });
  const words = (d: IsoDate): Para => ({ it: formatDate(d, { lang: 'it' }), en: formatDate(d, { lang: 'en' }) });

  switch (t) {
    case 'richiesta-ricevuta': {
      const received = checkDate(own(input, 'receivedOn'), ['receivedOn'], issues);
      const protoIn = own(input, 'protocolNumber');
      const proto = protoIn === undefined ? undefined : checkReference(protoIn, ['protocolNumber'], issues);
      if (received !== undefined) {
        const d = on(received, 'on');
        paras.push({ it: `Abbiamo ricevuto ${d.it} la tua richiesta per ${svc.it}.`, en: `We received your request for ${svc.en} ${d.en}.` });
      }
      if (proto !== undefined) paras.push({ it: `**Numero di protocollo**: ${proto}`, en: `**Protocol number**: ${proto}` });
      paras.push({
        it: "La esamineremo e ti comunicheremo l'esito. Puoi seguire lo stato della richiesta nella tua area personale sul sito del Comune.",
        en: "We will examine it and let you know the outcome. You can follow its status in your personal area on the Comune's website.",
      });
      break;
    }
    case 'integrazione-richiesta': {
      const due = checkDate(own(input, 'dueDate'), ['dueDate'], issues);
      const docsIn = own(input, 'documents');
      const docs: string[] = [];
      let docsHidden = false;
      if (docsIn !== undefined) {
        if (!Array.isArray(docsIn) || docsIn.length === 0 || docsIn.length > 20) {
          issues.push(issue('fascicolo.io_text', 'Documenti: da 1 a 20 nomi', 'Documents: 1 to 20 names', ['documents']));
        } else {
          docsIn.forEach((d: unknown, i: number) => {
            const text = checkText(d, ['documents', i], { max: 200, label: { it: 'Documento', en: 'Document' } }, 'fascicolo.io_text', issues);
            if (text === undefined) return;
            if (hasSensitiveTerm(text)) docsHidden = true;
            docs.push(text);
          });
        }
      }
      paras.push({ it: `Per completare la tua richiesta per ${svc.it} abbiamo bisogno di altri documenti.`, en: `To complete your request for ${svc.en} we need more documents.` });
      if (due !== undefined) {
        const w = words(due);
        paras.push({ it: `**Entro il**: ${w.it}`, en: `**By**: ${w.en}` });
        dueDate = endOfDayInRome(due);
      }
      if (docsHidden) {
        hidden = true;
        notes.push({
          it: "Documenti: almeno un nome contiene un termine sensibile; l'elenco non è scritto nel messaggio.",
          en: 'Documents: at least one name holds a sensitive term; the list is not written in the message.',
        });
        paras.push({ it: "Trovi l'elenco dei documenti nella tua area personale sul sito del Comune.", en: "You will find the list of documents in your personal area on the Comune's website." });
      } else if (docs.length > 0) {
        paras.push({ it: 'Documenti da inviare:', en: 'Documents to send:' });
        paras.push({ it: docs.map((d) => `- ${d}`).join('\n'), en: docs.map((d) => `- ${d}`).join('\n') });
      }
      paras.push({ it: 'Puoi inviarli dalla tua area personale sul sito del Comune.', en: "You can send them from your personal area on the Comune's website." });
      break;
    }
    case 'richiesta-accolta':
    case 'richiesta-non-accolta': {
      const decidedIn = own(input, 'decidedOn');
      const decided = decidedIn === undefined ? undefined : checkDate(decidedIn, ['decidedOn'], issues);
      const when = decided === undefined ? { it: '', en: '' } : { it: ` ${on(decided, 'on').it}`, en: ` ${on(decided, 'on').en}` };
      if (t === 'richiesta-accolta') {
        paras.push({ it: `La tua richiesta per ${svc.it} è stata accolta${when.it}.`, en: `Your request for ${svc.en} was accepted${when.en}.` });
        paras.push({ it: 'Trovi i dettagli e i prossimi passi nella tua area personale sul sito del Comune.', en: "You will find the details and the next steps in your personal area on the Comune's website." });
      } else {
        paras.push({ it: `La tua richiesta per ${svc.it} non è stata accolta${when.it}.`, en: `Your request for ${svc.en} was not accepted${when.en}.` });
        paras.push({
          it: 'Le motivazioni sono nella comunicazione formale del Comune, che trovi anche nella tua area personale. Per chiarimenti puoi rivolgerti ai servizi sociali.',
          en: "The reasons are in the Comune's formal communication, which you will also find in your personal area. For clarifications you can contact the social services.",
        });
      }
      notes.push({
        it: 'I messaggi IO non hanno valore legale: il provvedimento va comunicato anche nelle forme di legge (per esempio con SEND).',
        en: 'IO messages have no legal value: the decision must also be communicated as the law requires (e.g. through SEND).',
      });
      break;
    }
    case 'piano-disponibile': {
      paras.push({ it: `Puoi ora consultare il tuo piano assistenziale per ${svc.it}.`, en: `You can now read your care plan for ${svc.en}.` });
      paras.push({ it: 'Lo trovi nella tua area personale sul sito del Comune.', en: "You will find it in your personal area on the Comune's website." });
      notes.push({
        it: 'Il piano non è allegato: un allegato richiede il livello ADVANCED (Premium) e un PDF/A-2a, oppure un contenuto remoto sui server del Comune.',
        en: "The plan is not attached: an attachment needs the ADVANCED (Premium) level and a PDF/A-2a file, or remote content on the Comune's servers.",
      });
      break;
    }
    case 'servizio-attivato': {
      const start = checkDate(own(input, 'startDate'), ['startDate'], issues);
      if (start !== undefined) {
        const d = on(start, 'from');
        paras.push({ it: `Quanto hai richiesto per ${svc.it} sarà attivo ${d.it}.`, en: `What you requested for ${svc.en} will be active ${d.en}.` });
      }
      paras.push({
        it: 'I dettagli delle prestazioni sono nel tuo piano assistenziale, nella tua area personale sul sito del Comune.',
        en: "The details of what is provided are in your care plan, in your personal area on the Comune's website.",
      });
      break;
    }
    case 'appuntamento-confermato':
    case 'appuntamento-promemoria': {
      const startIn = own(input, 'start');
      let start: string | undefined;
      if (isInstant(startIn) && startIn >= FIRST_DATE) start = startIn;
      else {
        issues.push(
          issue('fascicolo.io_instant', 'Inizio non valido: atteso un istante UTC AAAA-MM-GGThh:mm:ssZ', 'Invalid start: a UTC instant YYYY-MM-DDThh:mm:ssZ expected', ['start'], { found: typeName(startIn) }),
        );
      }
      const modeIn = own(input, 'mode');
      let mode: IoAppointmentMode | undefined;
      if (modeIn !== undefined) {
        if (modeIn === 'in-presenza' || modeIn === 'domicilio' || modeIn === 'telefono' || modeIn === 'video') mode = modeIn;
        else issues.push(issue('fascicolo.io_event', "Modalità non valida: 'in-presenza', 'domicilio', 'telefono' o 'video'", "Invalid mode: 'in-presenza', 'domicilio', 'telefono' or 'video'", ['mode']));
      }
      const placeIn = own(input, 'place');
      const remote = mode !== undefined && mode !== 'in-presenza';
      let place: Para | undefined;
      if (remote) place = MODE_PLACE[mode as Exclude<IoAppointmentMode, 'in-presenza'>];
      else if (placeIn !== undefined) {
        const p = textOrHide(placeIn, ['place'], { max: 300, label: { it: 'Luogo', en: 'Place' } }, { it: 'Luogo', en: 'Place' });
        place = p === undefined ? undefined : { it: p, en: p };
      } else {
        issues.push(issue('fascicolo.io_text', "Luogo mancante: serve per un appuntamento in presenza", 'Place missing: needed for an appointment in person', ['place']));
      }
      if (hidden && place === undefined) place = { it: 'la sede indicata nella tua area personale', en: 'the office shown in your personal area' };
      const bookingIn = own(input, 'bookingNumber');
      const booking = bookingIn === undefined ? undefined : checkReference(bookingIn, ['bookingNumber'], issues);
      paras.push(
        t === 'appuntamento-confermato'
          ? { it: `Il tuo appuntamento per ${svc.it} è confermato.`, en: `Your appointment for ${svc.en} is confirmed.` }
          : { it: `Ti ricordiamo il tuo appuntamento per ${svc.it}.`, en: `This is a reminder of your appointment for ${svc.en}.` },
      );
      if (start !== undefined) {
        paras.push({ it: `**Quando**: ${appointmentWords(start, 'it')}`, en: `**When**: ${appointmentWords(start, 'en')}` });
        dueDate = new Date(Date.parse(start)).toISOString();
      }
      if (place !== undefined) paras.push({ it: `**Dove**: ${place.it}`, en: `**Where**: ${place.en}` });
      if (booking !== undefined) paras.push({ it: `**Numero di prenotazione**: ${booking}`, en: `**Booking number**: ${booking}` });
      paras.push({ it: 'Se non puoi esserci, avvisaci il prima possibile.', en: 'If you cannot come, please let us know as soon as possible.' });
      break;
    }
    case 'avviso-pagamento':
    case 'pagamento-in-scadenza':
    case 'pagamento-non-effettuato': {
      const amount = checkAmount(own(input, 'amountCents'), ['amountCents'], issues);
      const notice = checkNoticeNumber(own(input, 'noticeNumber'), ['noticeNumber'], issues);
      const due = checkDate(own(input, 'dueDate'), ['dueDate'], issues);
      const payeeIn = own(input, 'payeeFiscalCode');
      const payee = payeeIn === undefined ? undefined : checkPayee(payeeIn, ['payeeFiscalCode'], issues);
      const invalidAfter = checkBoolean(own(input, 'invalidAfterDueDate'), ['invalidAfterDueDate'], issues);
      const reason: Para = { it: `alla quota a tuo carico per ${svc.it}`, en: `your share of the cost for ${svc.en}` };
      if (t === 'avviso-pagamento') {
        paras.push({ it: `C'è un nuovo avviso da pagare relativo ${reason.it}.`, en: `There is a new notice to pay for ${reason.en}.` });
      } else if (t === 'pagamento-in-scadenza') {
        paras.push({ it: `Il tuo pagamento relativo ${reason.it} sta per scadere.`, en: `Your payment for ${reason.en} is about to fall due.` });
      } else if (due !== undefined) {
        const d = on(due, 'on');
        paras.push({ it: `Il tuo pagamento relativo ${reason.it} è scaduto ${d.it} e non risulta effettuato.`, en: `Your payment for ${reason.en} fell due ${d.en} and has not been made.` });
      }
      if (amount !== undefined) paras.push({ it: `**Importo**: ${formatCents(amount, 'it')}`, en: `**Amount**: ${formatCents(amount, 'en')}` });
      if (due !== undefined && t !== 'pagamento-non-effettuato') {
        const w = words(due);
        paras.push({ it: `**Entro il**: ${w.it}`, en: `**Due by**: ${w.en}` });
        dueDate = endOfDayInRome(due);
      }
      const payable = !(t === 'pagamento-non-effettuato' && invalidAfter === true);
      if (payable) {
        paras.push({
          it: 'Puoi pagare in app con il pulsante "Paga", oppure con gli altri canali della piattaforma pagoPA.',
          en: 'You can pay in the app with the "Pay" button, or through the other channels of the pagoPA platform.',
        });
      } else {
        paras.push({ it: "L'avviso non è più pagabile: per un nuovo avviso rivolgiti ai servizi sociali.", en: 'The notice can no longer be paid: ask the social services for a new one.' });
        notes.push({
          it: "L'avviso non è pagabile dopo la scadenza: il messaggio non ha dati di pagamento né il pulsante Paga.",
          en: 'The notice cannot be paid after its due date: the message carries no payment data and no Pay button.',
        });
      }
      if (t === 'pagamento-non-effettuato') {
        paras.push({
          it: 'Questo messaggio è un promemoria e non costituisce un avviso con valore legale.',
          en: 'This message is a reminder and is not a legally valid notice.',
        });
      }
      paras.push({ it: 'Se hai già pagato, ignora questo messaggio.', en: 'If you have already paid, please ignore this message.' });
      if (amount !== undefined && notice !== undefined && payable) {
        payment = {
          amount,
          notice_number: notice,
          ...(invalidAfter === undefined ? {} : { invalid_after_due_date: invalidAfter }),
          ...(payee === undefined ? {} : { payee: { fiscal_code: payee } }),
        };
        if (payee === undefined) {
          notes.push({
            it: "Codice fiscale dell'ente creditore non indicato: IO usa quello dell'ente che invia il messaggio.",
            en: "Payee's fiscal code not given: IO uses that of the organisation sending the message.",
          });
        }
      }
      break;
    }
    case 'prestazione-erogata': {
      const provided = checkDate(own(input, 'providedOn'), ['providedOn'], issues);
      const amountIn = own(input, 'amountCents');
      const amount = amountIn === undefined ? undefined : checkAmount(amountIn, ['amountCents'], issues);
      if (provided !== undefined) {
        const d = on(provided, 'on');
        paras.push({ it: `Ti informiamo che ${d.it} ti è stata erogata una prestazione per ${svc.it}.`, en: `We inform you that a benefit for ${svc.en} was provided to you ${d.en}.` });
      }
      if (amount !== undefined) paras.push({ it: `**Importo**: ${formatCents(amount, 'it')}`, en: `**Amount**: ${formatCents(amount, 'en')}` });
      paras.push({ it: 'Trovi i dettagli nella tua area personale sul sito del Comune.', en: "You will find the details in your personal area on the Comune's website." });
      break;
    }
  }

  if (issues.length > 0) return fail(issues as [Issue<IoIssueCode>, ...Issue<IoIssueCode>[]]);

  if (generic) {
    notes.push({
      it: flagged === true
        ? 'Servizio indicato come sensibile: nel messaggio è nominato in modo generico.'
        : 'Il nome del servizio contiene un termine sensibile: nel messaggio è nominato in modo generico.',
      en: flagged === true
        ? 'Service flagged sensitive: the message names it generically.'
        : 'The service name holds a sensitive term: the message names it generically.',
    });
  }
  if (link !== undefined) {
    const label = LINK_LABEL[t] ?? DEFAULT_LINK_LABEL;
    paras.push({ it: `[${label.it}](${link})`, en: `[${label.en}](${link})` });
  }
  paras.push(FOOTER);

  const secure = !(flagged === false && !sensitiveName && !hidden && ADMINISTRATIVE.has(t));
  const why: LocalizedText | undefined = !ADMINISTRATIVE.has(t)
    ? { it: "l'evento riguarda la cura", en: 'the event is about care' }
    : flagged === true || sensitiveName || hidden
      ? { it: 'il messaggio riguarda un servizio o un testo sensibile', en: 'the message is about a sensitive service or text' }
      : flagged === undefined
        ? { it: 'il servizio non è indicato come non sensibile (nel dubbio, solo push)', en: 'the service is not flagged as non-sensitive (when in doubt, push only)' }
        : undefined;
  notes.push(
    why !== undefined
      ? { it: `Solo notifica push, nessuna email (require_secure_channels): ${why.it}.`, en: `Push notification only, no email (require_secure_channels): ${why.en}.` }
      : { it: 'Notifica anche via email: servizio indicato come non sensibile ed evento amministrativo.', en: 'Email notification allowed: service flagged as non-sensitive and an administrative event.' },
  );

  const message: NewMessage = {
    fiscal_code: fiscalCode as string,
    content: {
      subject: IO_MESSAGE_TITLES[t][L],
      markdown: paras.map(pick).join('\n\n'),
      ...(dueDate === undefined ? {} : { due_date: dueDate }),
      ...(payment === undefined ? {} : { payment_data: payment }),
      require_secure_channels: secure,
    },
    ...(opts.featureLevel === undefined ? {} : { feature_level_type: opts.featureLevel }),
    ...(opts.timeToLive === undefined ? {} : { time_to_live: opts.timeToLive }),
  };
  const checked = checkIoMessage(message);
  if (!checked.ok) return checked;
  return ok({ message: checked.value, mustCheckProfile: true, requireSecureChannels: secure, notes });
}

function checkReference(value: unknown, path: Path, issues: Issue<IoIssueCode>[]): string | undefined {
  if (typeof value === 'string' && REFERENCE.test(value.trim())) return value.trim();
  issues.push(
    issue('fascicolo.io_text', 'Riferimento non valido: lettere, cifre, / . - e spazi, al più 50', 'Invalid reference: letters, digits, / . - and spaces, at most 50', path, { found: typeName(value) }),
  );
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// checkIoMessage
// ---------------------------------------------------------------------------------------------

const MESSAGE_KEYS: ReadonlySet<string> = new Set(['fiscal_code', 'content', 'feature_level_type', 'time_to_live', 'default_addresses']);
const CONTENT_KEYS: ReadonlySet<string> = new Set([
  'subject',
  'markdown',
  'due_date',
  'payment_data',
  'require_secure_channels',
  'third_party_data',
  'prescription_data',
  'legal_data',
  'eu_covid_cert',
]);
const PAYMENT_KEYS: ReadonlySet<string> = new Set(['amount', 'notice_number', 'invalid_after_due_date', 'payee']);

/** The Markdown constructs IO's guide does not list (or that we do not allow), with their names. */
const MARKDOWN_RULES: readonly { readonly re: RegExp; readonly what: string; readonly it: string; readonly en: string }[] = [
  { re: /<[A-Za-z/!?]/, what: 'html', it: 'HTML o collegamenti tra < >', en: 'HTML or links between < >' },
  { re: /!\[/, what: 'image', it: 'immagini', en: 'images' },
  { re: /`/, what: 'code', it: 'codice', en: 'code' },
  { re: /^ {0,3}>/m, what: 'blockquote', it: 'citazioni', en: 'block quotes' },
  { re: /^ {0,3}\|/m, what: 'table', it: 'tabelle', en: 'tables' },
  { re: /^ {0,3}([-*_])(?: *\1){2,} *$/m, what: 'rule', it: 'linee orizzontali o front matter', en: 'horizontal rules or front matter' },
  { re: /~~/, what: 'strikethrough', it: 'testo barrato', en: 'strikethrough' },
  { re: /^ {0,3}\[[^\]]*\]:/m, what: 'reference', it: 'collegamenti per riferimento', en: 'reference links' },
  { re: /\b(?:http|ftp|file|ioit|iohandledlink):\/\/|\b(?:javascript|vbscript)\s*:/i, what: 'scheme', it: 'indirizzi non https', en: 'non-https addresses' },
];

function markdownProblem(markdown: string): { what: string; it: string; en: string } | undefined {
  for (const rule of MARKDOWN_RULES) if (rule.re.test(markdown)) return rule;
  // Inline links: the target must be an https URL.
  const link = /\]\(([^)]*)\)/g;
  for (let m = link.exec(markdown); m !== null; m = link.exec(markdown)) {
    const target = (m[1] ?? '').trim().split(/\s+/)[0] ?? '';
    let okTarget = false;
    try {
      const url = new URL(target);
      okTarget = url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
    } catch {
      okTarget = false;
    }
    if (!okTarget) return { what: 'link', it: 'collegamenti non https', en: 'non-https links' };
  }
  return undefined;
}

/**
 * Checks an App IO message body (`POST /api/v1/messages`) against IO's rules and ours; usable on a
 * vendor's own messages. Own properties only; every problem is an issue:
 * - `fiscal_code` present, IO's 16-character `FiscalCode` pattern (`fascicolo.io_fiscal_code`);
 * - `content.subject` 10–120 characters, one line (`io_subject_length`, `io_subject_text`), and
 *   **no listed sensitive term** ({@link findSensitiveTerms}: `fascicolo.io_sensitive_subject`);
 * - `content.markdown` 80–10 000 characters (`io_markdown_length`) with only headings, bold and
 *   italic, lists, paragraphs and `[text](https://…)` links: no HTML, images, code, quotes,
 *   tables, rules, strikethrough, reference links or non-https addresses (`io_markdown_syntax`;
 *   our reading of IO's "Guida al Markdown", stricter where unsure);
 * - `content.due_date` ISO-8601 UTC with milliseconds, an existing instant (`io_due_date`);
 * - `content.payment_data`: `amount` integer cents 1–9 999 999 999, `notice_number`
 *   `^[0123][0-9]{17}$`, `invalid_after_due_date` boolean, `payee.fiscal_code` 11 digits;
 * - `feature_level_type` STANDARD or ADVANCED; `time_to_live` integer 3600–604 800;
 * - no unknown field (IO's other documented fields pass unchecked: `third_party_data`,
 *   `default_addresses`, …).
 *
 * @param message - the body, typed or parsed JSON.
 * @example
 * ```ts
 * import { checkIoMessage } from '@riuso-sociale/fascicolo';
 * const r = checkIoMessage({
 *   fiscal_code: 'RSSMRA80A01H501U',
 *   content: { subject: 'Esito della tua domanda al SerD', markdown: 'x'.repeat(80) },
 * });
 * r.ok; // false
 * if (!r.ok) r.issues[0].code; // 'fascicolo.io_sensitive_subject'
 * ```
 */
export function checkIoMessage(message: unknown): Result<NewMessage, IoIssueCode> {
  const issues: Issue<IoIssueCode>[] = [];
  if (!isRecord(message)) {
    return fail([issue('fascicolo.io_message', 'Messaggio non valido: atteso un oggetto', 'Invalid message: an object expected', [], { found: typeName(message) })]);
  }
  unknownKeys(message, MESSAGE_KEYS, [], issues);
  const cf = own(message, 'fiscal_code');
  if (typeof cf !== 'string' || !FISCAL_CODE.test(cf)) {
    issues.push(
      issue('fascicolo.io_fiscal_code', 'fiscal_code mancante o non valido (16 caratteri maiuscoli, forma di App IO)', "fiscal_code missing or invalid (16 upper-case characters, App IO's form)", ['fiscal_code'], {
        found: typeName(cf),
      }),
    );
  }
  const content = own(message, 'content');
  if (!isRecord(content)) {
    issues.push(issue('fascicolo.io_message', 'content mancante: atteso un oggetto', 'content missing: an object expected', ['content'], { found: typeName(content) }));
  } else {
    unknownKeys(content, CONTENT_KEYS, ['content'], issues);
    checkSubject(own(content, 'subject'), issues);
    checkMarkdown(own(content, 'markdown'), issues);
    const due = own(content, 'due_date');
    if (due !== undefined) {
      const m = typeof due === 'string' ? DUE_DATE.exec(due) : null;
      if (m === null || Number.isNaN(Date.parse(due as string)) || new Date(due as string).toISOString() !== due) {
        issues.push(
          issue('fascicolo.io_due_date', 'due_date non valida: istante UTC AAAA-MM-GGThh:mm:ss.sssZ', 'Invalid due_date: UTC instant YYYY-MM-DDThh:mm:ss.sssZ', ['content', 'due_date'], {
            found: typeof due === 'string' ? due.slice(0, 30) : typeName(due),
          }),
        );
      }
    }
    const pay = own(content, 'payment_data');
    if (pay !== undefined) {
      if (!isRecord(pay)) {
        issues.push(issue('fascicolo.io_message', 'payment_data non valido: atteso un oggetto', 'Invalid payment_data: an object expected', ['content', 'payment_data']));
      } else {
        unknownKeys(pay, PAYMENT_KEYS, ['content', 'payment_data'], issues);
        checkAmount(own(pay, 'amount'), ['content', 'payment_data', 'amount'], issues);
        checkNoticeNumber(own(pay, 'notice_number'), ['content', 'payment_data', 'notice_number'], issues);
        checkBoolean(own(pay, 'invalid_after_due_date'), ['content', 'payment_data', 'invalid_after_due_date'], issues, 'fascicolo.io_message');
        const payee = own(pay, 'payee');
        if (payee !== undefined) {
          if (!isRecord(payee)) checkPayee(undefined, ['content', 'payment_data', 'payee'], issues);
          else checkPayee(own(payee, 'fiscal_code'), ['content', 'payment_data', 'payee', 'fiscal_code'], issues);
        }
      }
    }
    checkBoolean(own(content, 'require_secure_channels'), ['content', 'require_secure_channels'], issues, 'fascicolo.io_message');
  }
  const level = own(message, 'feature_level_type');
  if (level !== undefined && level !== 'STANDARD' && level !== 'ADVANCED') {
    issues.push(issue('fascicolo.io_feature_level', "feature_level_type non valido: 'STANDARD' o 'ADVANCED'", "Invalid feature_level_type: 'STANDARD' or 'ADVANCED'", ['feature_level_type']));
  }
  const ttl = own(message, 'time_to_live');
  if (ttl !== undefined) checkTimeToLive(ttl, ['time_to_live'], issues);
  if (issues.length > 0) return fail(issues as [Issue<IoIssueCode>, ...Issue<IoIssueCode>[]]);
  return ok(message as NewMessage);
}

function unknownKeys(obj: object, known: ReadonlySet<string>, path: Path, issues: Issue<IoIssueCode>[]): void {
  for (const key of Object.keys(obj)) {
    if (!known.has(key)) {
      issues.push(issue('fascicolo.io_message', 'Campo sconosciuto per App IO', 'Field unknown to App IO', [...path, key], { field: key.slice(0, 40) }));
    }
  }
}

function checkSubject(subject: unknown, issues: Issue<IoIssueCode>[]): void {
  const path = ['content', 'subject'];
  const { min, max } = IO_LIMITS.subject;
  if (typeof subject !== 'string' || subject.length < min || subject.length > max) {
    issues.push(
      issue('fascicolo.io_subject_length', `Titolo: da ${min} a ${max} caratteri`, `Subject: ${min} to ${max} characters`, path, {
        length: typeof subject === 'string' ? subject.length : null,
        min,
        max,
      }),
    );
    return;
  }
  if (CONTROL.test(subject) || subject.trim() !== subject) {
    issues.push(issue('fascicolo.io_subject_text', 'Titolo: una riga, senza caratteri di controllo né spazi ai bordi', 'Subject: one line, no control characters nor surrounding spaces', path));
  }
  const found = findSensitiveTerms(subject);
  if (found.length > 0) {
    issues.push(
      issue(
        'fascicolo.io_sensitive_subject',
        'Il titolo contiene un termine relativo a dati particolari o giudiziari (GDPR art. 9–10): App IO chiede di non scriverli nel titolo',
        'The subject holds a term about special-category or judicial data (GDPR art. 9–10): App IO asks to keep them out of the title',
        path,
        { categories: [...new Set(found.map((f) => f.category))].join(',') },
      ),
    );
  }
}

function checkMarkdown(markdown: unknown, issues: Issue<IoIssueCode>[]): void {
  const path = ['content', 'markdown'];
  const { min, max } = IO_LIMITS.markdown;
  if (typeof markdown !== 'string' || markdown.length < min || markdown.length > max) {
    issues.push(
      issue('fascicolo.io_markdown_length', `Testo: da ${min} a ${max} caratteri`, `Body: ${min} to ${max} characters`, path, {
        length: typeof markdown === 'string' ? markdown.length : null,
        min,
        max,
      }),
    );
    return;
  }
  const problem = markdownProblem(markdown);
  if (problem !== undefined) {
    issues.push(
      issue(
        'fascicolo.io_markdown_syntax',
        `Testo: Markdown non ammesso (${problem.it}); solo titoli, grassetto e corsivo, elenchi e collegamenti https`,
        `Body: Markdown not allowed (${problem.en}); only headings, bold and italic, lists and https links`,
        path,
        { construct: problem.what },
      ),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Profile languages
// ---------------------------------------------------------------------------------------------

/**
 * The message language for a profile's `preferred_languages` (`POST /profiles`): the first of
 * `it_IT` / `en_GB` (or any `it_*` / `en_*`) in the citizen's order; `it` otherwise.
 *
 * @param preferredLanguages - the profile's list, e.g. `['en_GB', 'it_IT']`.
 * @example
 * ```ts
 * import { ioLocaleFromProfile } from '@riuso-sociale/fascicolo';
 * ioLocaleFromProfile(['de_DE', 'en_GB']); // 'en'
 * ioLocaleFromProfile([]);                 // 'it'
 * ```
 */
export function ioLocaleFromProfile(preferredLanguages: readonly string[] | undefined): IoLocale {
  if (!Array.isArray(preferredLanguages)) return 'it';
  for (const lang of preferredLanguages) {
    if (typeof lang !== 'string') continue;
    const l = lang.slice(0, 2).toLowerCase();
    if (l === 'it' || l === 'en') return l;
  }
  return 'it';
}
