// SPDX-License-Identifier: BSD-3-Clause
/**
 * The types of a citizen view: what goes in (a person's record, who asks and why) and what comes
 * out (a timeline, the GDPR art. 15 information, what was withheld and what waits for review).
 *
 * Sources (shared/specs/fascicolo.md): Designers Italia, *Modello Comuni*, conformity criteria
 * C.SE.1.9 (status and main stages of each request) and C.SE.1.10 (date taken in charge, protocol
 * number, latest date for a decision within the maximum of L. 241/1990 art. 2); GDPR art. 15(1)–(4);
 * D.Lgs. 196/2003 art. 2-undecies.
 * @module
 */
import type { IsoDate, Issue, LocalizedText } from '@riuso-sociale/core';
import type {
  Accesso,
  Appuntamento,
  Cartella,
  Consenso,
  Diario,
  Documento,
  Erogazione,
  Intervento,
  NucleoFamiliare,
  Obiettivo,
  Persona,
  PresaInCarico,
  Progetto,
  Provvedimento,
  ReteSociale,
  Sensitivity,
  Servizio,
  Valutazione,
} from '@riuso-sociale/csi-model';

/**
 * Why the view is built: `portal` is what the citizen's area personale shows at any time (status
 * facts only); `access-request` is the answer to a GDPR art. 15 request, prepared for an operator
 * (evaluative content included, anything doubtful routed to review).
 */
export type Purpose = 'portal' | 'access-request';

/** Every {@link Purpose}. */
export const PURPOSES: readonly Purpose[] = ['portal', 'access-request'];

/** The languages of the texts of a view. */
export type Locale = 'it' | 'en';

/**
 * A person's social-care record, as csi-model entities: the subject and, by entity kind, the
 * records about them (the shape `csi-store` gathers). Records about other people are ignored (and
 * reported in {@link CitizenView.notices}); a record is never trusted to be the subject's own
 * because it is in the bundle.
 *
 * @example
 * ```ts
 * import type { CitizenRecord } from '@riuso-sociale/fascicolo';
 * const empty = (persona: CitizenRecord['persona']): CitizenRecord => ({ persona });
 * ```
 */
export interface CitizenRecord {
  /** The person the view is about. */
  readonly persona: Persona;
  /**
   * Earlier records of the same person merged into `persona` (status `unita`, `unitaA` = the
   * subject: a duplicate registration, a codice fiscale changed by omocodia or a correction). The
   * records about them are the subject's history and are read as the subject's.
   */
  readonly merged?: readonly Persona[];
  /** The person's cartelle (normally one per Ente). */
  readonly cartella?: readonly Cartella[];
  /** Requests and referrals (segretariato sociale). */
  readonly accesso?: readonly Accesso[];
  /** Times the person was taken into care. */
  readonly 'presa-in-carico'?: readonly PresaInCarico[];
  /** Assessments (SINA, SINBA, UVM…). */
  readonly valutazione?: readonly Valutazione[];
  /** Personal plans (PAI, PEI…). */
  readonly progetto?: readonly Progetto[];
  /** Goals of the plans. */
  readonly obiettivo?: readonly Obiettivo[];
  /** Interventions (services and benefits granted). */
  readonly intervento?: readonly Intervento[];
  /** Deliveries and payments. */
  readonly erogazione?: readonly Erogazione[];
  /** Social diary entries. */
  readonly diario?: readonly Diario[];
  /** Documents (metadata). */
  readonly documento?: readonly Documento[];
  /** Court orders. */
  readonly provvedimento?: readonly Provvedimento[];
  /** Notices, consents, delegations. */
  readonly consenso?: readonly Consenso[];
  /** The support network. */
  readonly 'rete-sociale'?: readonly ReteSociale[];
  /** Households the person belongs to. */
  readonly 'nucleo-familiare'?: readonly NucleoFamiliare[];
  /** Appointments with the service. */
  readonly appuntamento?: readonly Appuntamento[];
  /** Offices and services named by the records (for the managing office's name). */
  readonly servizio?: readonly Servizio[];
}

/** The record kinds a view reads (the keys of {@link CitizenRecord} but `persona`). */
export type RecordKind = Exclude<keyof CitizenRecord, 'persona' | 'merged'>;

/** Every {@link ItemClass}, in the order of the policy table. */
export const ITEM_CLASSES = [
  'cartella',
  'accesso',
  'presa-in-carico',
  'valutazione',
  'progetto',
  'intervento',
  'erogazione',
  'documento',
  'documento-riservato',
  'segnalazione-autorita-giudiziaria',
  'provvedimento',
  'appuntamento',
  'diario',
  'rete-sociale',
  'nucleo-familiare',
  'consenso',
  'segnalante',
  'testo-libero',
  'entered-in-error',
] as const;

/**
 * The classes the policy decides on: the kinds of timeline item, plus the finer classes the law
 * treats apart (a confidential document, a report to the judicial authority, a referrer's identity,
 * free text that may name other people, records entered in error).
 */
export type ItemClass = (typeof ITEM_CLASSES)[number];

/**
 * What the policy does with a class of item for a purpose:
 * - `show`: in the timeline with its details;
 * - `summary`: in the timeline with its date, kind and service only (no content);
 * - `review`: in {@link CitizenView.needsReview} for an operator or the DPO to decide;
 * - `withhold`: counted in {@link CitizenView.withheld} with its ground, never shown.
 */
export type PolicyAction = 'show' | 'summary' | 'review' | 'withhold';

/** Every {@link PolicyAction}, from the most to the least open. */
export const POLICY_ACTIONS: readonly PolicyAction[] = ['show', 'summary', 'review', 'withhold'];

/** Every {@link StatusCode}. */
export const STATUS_CODES = [
  'in-attesa',
  'presa-in-carico',
  'in-elaborazione',
  'da-completare',
  'in-sospeso',
  'accolta',
  'non-accolta',
  'attiva',
  'conclusa',
  'programmato',
  'annullata',
  'pagato',
  'da-pagare',
] as const;

/** Status of a request or activity as the Designers Italia area personale shows it. */
export type StatusCode = (typeof STATUS_CODES)[number];

/** Every {@link TimelineKind}. */
export const TIMELINE_KINDS = [
  'cartella',
  'accesso',
  'esito',
  'presa-in-carico',
  'valutazione',
  'progetto',
  'obiettivo',
  'intervento',
  'erogazione',
  'documento',
  'appuntamento',
  'diario',
  'provvedimento',
  'rete-sociale',
  'nucleo-familiare',
  'consenso',
] as const;

/** The kinds of timeline item. */
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** One labelled value of an item's details (both languages). */
export interface Detail {
  /** What the value is. */
  readonly label: LocalizedText;
  /** The value, in words. */
  readonly value: LocalizedText;
}

/** One entry of the timeline. */
export interface TimelineItem {
  /** Stable reference: `<kind>:<record id>` (`accesso:<id>#esito` for an outcome). */
  readonly ref: string;
  /** What kind of item it is. */
  readonly kind: TimelineKind;
  /** The day it happened (the timeline is sorted by it, then by `ref`). */
  readonly date: IsoDate;
  /** Plain-language title. */
  readonly title: LocalizedText;
  /** Plain-language sentence saying what happened. */
  readonly text: LocalizedText;
  /** Status in Designers Italia words. */
  readonly status?: { readonly code: StatusCode; readonly label: LocalizedText };
  /** Protocol registration of the request (C.SE.1.10). */
  readonly protocol?: { readonly number: string; readonly date: IsoDate };
  /** Date the request was taken in charge (C.SE.1.10). */
  readonly takenInChargeOn?: IsoDate;
  /** Latest date for a decision (C.SE.1.10, L. 241/1990 art. 2). */
  readonly decisionDueBy?: IsoDate;
  /** Date of the decision, once taken. */
  readonly decidedOn?: IsoDate;
  /** Managing office or service. */
  readonly office?: string;
  /** Period covered (interventions, payments, plans). */
  readonly period?: { readonly from: IsoDate; readonly to?: IsoDate };
  /** Amount in euro cents (payments). */
  readonly amountCents?: number;
  /** What the policy let through beyond the status facts (`show` only). */
  readonly details: readonly Detail[];
  /** A correction the person should know of (a SIUSS cancellation, an entry in error). */
  readonly correction?: LocalizedText;
  /** The categories of personal data the item shows (GDPR art. 9, 10). */
  readonly categories: readonly Sensitivity[];
  /** The Ente holding the record (Belfiore code): the controller (several controllers, §4.10). */
  readonly controller: string;
  /** `summary`: only the date, kind and service are shown. */
  readonly summary: boolean;
}

/** Why a class of items is withheld or sent to review. */
export interface Ground {
  /** Stable code (`diary`, `judicial`, `confidential-document`, `third-party`, …). */
  readonly code: string;
  /** The ground in words. */
  readonly text: LocalizedText;
  /** The rule that grounds it. */
  readonly source: string;
}

/** A class of items withheld: counts and ground, never content. */
export interface WithheldEntry {
  /** The class of the items. */
  readonly class: ItemClass;
  /** `record`: whole records; `field`: parts of records shown in the timeline (a free text, a referrer). */
  readonly scope: 'record' | 'field';
  /** How many. */
  readonly count: number;
  /** Why they are withheld. */
  readonly ground: Ground;
}

/** Every {@link ReviewReason}. */
export const REVIEW_REASONS = [
  'policy',
  'diary',
  'judicial',
  'confidential-document',
  'referrer-identity',
  'third-party-source',
  'free-text',
  'parental-responsibility',
  'entered-in-error',
] as const;

/** Reason codes of an item sent to review. */
export type ReviewReason = (typeof REVIEW_REASONS)[number];

/** An item an operator or the DPO must decide on (no content: a reference and reasons). */
export interface ReviewItem {
  /** The item (`<kind>:<id>`, or `<kind>:<id>#<field>` for one field of it). */
  readonly ref: string;
  /** The class of the item. */
  readonly class: ItemClass;
  /** `record`: a whole record; `field`: one part of a record (its other parts may be in the timeline). */
  readonly scope: 'record' | 'field';
  /** The item's date. */
  readonly date?: IsoDate;
  /** Why it needs review. */
  readonly reasons: readonly ReviewReason[];
}

/**
 * A decision already taken on a reviewed item (recorded in the store with its ground):
 * `release` puts it in the view; `withhold` keeps it out with its ground; `delay` keeps it out
 * until a date with a reasoned communication (D.Lgs. 196/2003 art. 2-undecies c.3).
 */
export type ReviewDecision =
  | { readonly ref: string; readonly decision: 'release'; readonly ground: string }
  | { readonly ref: string; readonly decision: 'withhold'; readonly ground: string }
  | { readonly ref: string; readonly decision: 'delay'; readonly ground: string; readonly until: string };

/** The GDPR art. 15(1) information and the rights (art. 15(1)(a)–(h), 77). */
export interface Art15Info {
  /** Who holds the data (each Ente, by Belfiore code) and in what role (art. 15(1), 26). */
  readonly controllers: readonly { readonly ente: string; readonly role: LocalizedText }[];
  /** Purposes of the processing (art. 15(1)(a)), from csi-model's field classification. */
  readonly purposes: readonly LocalizedText[];
  /** Legal bases (art. 6, 9, 10; D.Lgs. 196/2003). */
  readonly legalBases: readonly LocalizedText[];
  /** Categories of data (art. 15(1)(b)). */
  readonly categories: readonly { readonly category: Sensitivity; readonly text: LocalizedText }[];
  /** Recipients or their categories (art. 15(1)(c)). */
  readonly recipients: readonly LocalizedText[];
  /** Retention periods or their criteria (art. 15(1)(d)). */
  readonly retention: readonly LocalizedText[];
  /** The category of each source (art. 15(1)(g)), never a referrer's identity. */
  readonly sources: readonly LocalizedText[];
  /** Automated decisions (art. 15(1)(h), 22). */
  readonly automatedDecisions: LocalizedText;
  /** The other rights (art. 15(1)(e)). */
  readonly rights: readonly LocalizedText[];
  /** The complaint to the Garante (art. 15(1)(f), 77). */
  readonly complaint: LocalizedText;
}

/**
 * Who asks, and on what title:
 * - `interessato`: the person themselves (GDPR art. 15);
 * - `genitore`: a parent of a minor (c.c. art. 316, 320: either parent alone for ordinary acts);
 * - `tutore`: the guardian of a minor or of a person under interdiction (c.c. art. 357, 424);
 * - `curatore-speciale`: a special curator appointed by a court (c.c. art. 78; c.p.c. art. 473-bis.8);
 * - `amministratore-di-sostegno`: within the scope of the decree (c.c. art. 405 c.5 n.3–4);
 * - `delegato`: a person delegated in writing by the subject (GDPR art. 12; D.Lgs. 196/2003
 *   art. 2-terdecies for the deceased is not covered here).
 */
export type RequesterKind = (typeof REQUESTER_KINDS)[number];

/** Every {@link RequesterKind}. */
export const REQUESTER_KINDS = ['interessato', 'genitore', 'tutore', 'curatore-speciale', 'amministratore-di-sostegno', 'delegato'] as const;

/** The act that gives a representative their title (decree, delegation, birth record). */
export interface RequesterBasis {
  /** What the act is ("decreto del Giudice tutelare", "delega scritta", "atto di nascita"). */
  readonly act: string;
  /** Its number or reference, when it has one. */
  readonly reference?: string;
  /** Its date (`YYYY-MM-DD`). */
  readonly date: string;
  /** Who issued it (court, registry office), when not the subject. */
  readonly issuedBy?: string;
}

/**
 * The person asking for the view, as the integrator verified them (SPID/CIE identity, a decree
 * checked by an operator). The library checks the title against the record and the date; it never
 * authenticates anyone.
 */
export interface Requester {
  /** The title the requester claims. */
  readonly kind: RequesterKind;
  /** The requester's codice fiscale as authenticated (SPID/CIE), when they have one. */
  readonly codiceFiscale?: string;
  /** Their `persona` id, when they are in the record (a parent in the household). */
  readonly personaId?: string;
  /** The act giving the title (required for every kind but `interessato` and `genitore`). */
  readonly basis?: RequesterBasis;
  /** First day the title holds (inclusive, `YYYY-MM-DD`). */
  readonly validFrom?: string;
  /** Last day the title holds (inclusive, `YYYY-MM-DD`; required for `delegato`). */
  readonly validTo?: string;
  /**
   * What the title covers, for `amministratore-di-sostegno` and `delegato`: the view needs
   * `'dati-sociali'` (access to the social-care record) in it.
   */
  readonly scope?: readonly string[];
}

/** The scope a partial title must include for a view of the social-care record. */
export const SOCIAL_DATA_SCOPE = 'dati-sociali';

/** The decision of the policy for one class: an action for each purpose, and its legal reason. */
export interface PolicyRule {
  /** In the area personale. */
  readonly portal: PolicyAction;
  /** In the answer to an access request. */
  readonly 'access-request': PolicyAction;
  /** Why (shown in the documentation and in the withheld entries' grounds). */
  readonly reason: LocalizedText;
  /** The rule the reason rests on. */
  readonly source: string;
}

/** A complete policy: one rule per {@link ItemClass}, and the age from which a minor sees their own view. */
export interface Policy {
  /** One rule per class. */
  readonly rules: { readonly [C in ItemClass]: PolicyRule };
  /**
   * Age (whole years, calendar date in Italy) from which a minor may ask for their own view;
   * `null`: only at 18.
   */
  readonly minorOwnViewFromAge: number | null;
  /**
   * The categories of personal data (csi-model's sensitivities) an item may show for each purpose;
   * an item holding another category is withheld (portal) or sent to review (access request).
   */
  readonly categories: { readonly [P in Purpose]: readonly Sensitivity[] };
}

/** What a Comune may change of the default policy: some rules' actions, the minor's age. */
export interface PolicyOverrides {
  /** Rules to change (a changed action needs its `reason` and `source`). */
  readonly rules?: { readonly [C in ItemClass]?: { readonly portal?: PolicyAction; readonly 'access-request'?: PolicyAction; readonly reason?: LocalizedText; readonly source?: string } };
  /** See {@link Policy.minorOwnViewFromAge}. */
  readonly minorOwnViewFromAge?: number | null;
  /** See {@link Policy.categories} (`ordinary` always included). */
  readonly categories?: { readonly [P in Purpose]?: readonly Sensitivity[] };
}

/** Options of {@link buildCitizenView}. */
export interface CitizenViewOptions {
  /** The `persona` id of the subject (must be the record's person). */
  readonly subject: string;
  /** Who asks, and on what title. */
  readonly requester: Requester;
  /** Why the view is built. */
  readonly purpose: Purpose;
  /** The day the view is for (`YYYY-MM-DD`, calendar date in Italy): titles, ages and periods are read on it. */
  readonly asOf: string;
  /** Language of the view's headings in `renderHtml` (texts carry both languages). Default `it`. */
  readonly locale?: Locale;
  /** The policy (default {@link DEFAULT_POLICY}); build one with {@link definePolicy}. */
  readonly policy?: Policy;
  /** Review decisions already taken (by `ref`). */
  readonly decisions?: readonly ReviewDecision[];
}

/** The person the view is about, as the view shows them. */
export interface ViewSubject {
  /** The `persona` id. */
  readonly personaId: string;
  /** Given name and surname. */
  readonly name: string;
  /** Their codice fiscale, when they have one (it is their own data). */
  readonly codiceFiscale?: string;
  /** The kind of alternative identifier (STP, ENI, MSNA…) when they have no codice fiscale. */
  readonly alternativeId?: string;
  /** Date of birth. */
  readonly birthDate: IsoDate;
  /** Under 18 on `asOf`. */
  readonly minor: boolean;
}

/** The requester as the view records them. */
export interface ViewRequester {
  /** The title. */
  readonly kind: RequesterKind;
  /** The title in words. */
  readonly label: LocalizedText;
  /** The title ends on this day (inclusive): a parent's at the subject's 18th birthday eve. */
  readonly validTo?: IsoDate;
  /** The act giving the title, when there is one. */
  readonly basis?: RequesterBasis;
}

/** Counts that prove nothing was dropped: every record is in exactly one place. */
export interface ViewCoverage {
  /** Records of the subject read from the record bundle. */
  readonly records: number;
  /** Of those: in the timeline (shown or summary). */
  readonly shown: number;
  /** Of those: withheld (counted in `withheld`). */
  readonly withheld: number;
  /** Of those: waiting for review. */
  readonly review: number;
}

/**
 * The citizen view: the output of {@link buildCitizenView}.
 */
export interface CitizenView {
  /** Version of the view's format (for `toJson` readers). */
  readonly format: 'riuso-sociale/citizen-view@1';
  /** Why it was built. */
  readonly purpose: Purpose;
  /** The day it is for. */
  readonly asOf: IsoDate;
  /** The language of its headings. */
  readonly locale: Locale;
  /** The person it is about. */
  readonly subject: ViewSubject;
  /** Who asked. */
  readonly requester: ViewRequester;
  /**
   * `true` when the subject has no codice fiscale (STP, ENI, MSNA…): no SPID or App IO, so the view
   * is meant to be printed and handed over by an operator.
   */
  readonly operatorPrintable: boolean;
  /** What the person sees, oldest first. */
  readonly timeline: readonly TimelineItem[];
  /** The GDPR art. 15(1) information. */
  readonly art15: Art15Info;
  /** What is not shown: counts and grounds per class, never content. */
  readonly withheld: readonly WithheldEntry[];
  /** What an operator or the DPO must decide on: references and reasons. */
  readonly needsReview: readonly ReviewItem[];
  /**
   * Reasons the whole view must be reviewed before it is handed over (a parent asking while a court
   * order places the child in foster care or a residential placement); empty otherwise.
   */
  readonly wholeViewReview: readonly ReviewReason[];
  /** Where each record went. */
  readonly coverage: ViewCoverage;
  /** Warnings about the record (records of another person ignored, a merged history). */
  readonly notices: readonly Issue[];
}
