// SPDX-License-Identifier: BSD-3-Clause
/**
 * The citizen view as one accessible HTML document: self-contained (inline CSS, no script, no
 * external resource, no web font), readable at 320 px, printable, in Italian or English.
 *
 * Everything that comes from the record is escaped: names, offices, free texts and codes may hold
 * markup. The document also carries a Content-Security-Policy that allows no script and no
 * resource at all, so a mistake in escaping would still run nothing.
 *
 * Accessibility (WCAG 2.1 AA): one `h1`, `h2` sections, `h3` items, in order; the timeline is an
 * ordered list; the tables have a `caption` and `th scope`; a status is always a word (its colour
 * only repeats it, at a contrast of at least 4.5:1); the language of the page is set, and Italian
 * names of offices and acts inside an English page are marked `lang="it"`.
 * @module
 */
import { formatCents, formatDate, isIsoDate, type LocalizedText } from '@riuso-sociale/core';
import type { Sensitivity } from '@riuso-sociale/csi-model';
import { KIND_LABELS, STATUS_LABELS } from './labels.js';
import type {
  Art15Info,
  CitizenView,
  ItemClass,
  Locale,
  RequesterBasis,
  ReviewItem,
  ReviewReason,
  StatusCode,
  TimelineItem,
  WithheldEntry,
} from './model.js';
import { REQUESTER_LABELS } from './requester.js';

/** Options of {@link renderHtml}. */
export interface RenderHtmlOptions {
  /** Language of the headings, labels and texts; the view's `locale` by default. */
  readonly locale?: Locale;
  /** The document's title (`<title>` and `h1`); by default one made from the purpose and the name. */
  readonly title?: string;
}

/**
 * The citizen view as one HTML5 document (a string): the person and the requester in the
 * `<header>`; in `<main>` the timeline, the GDPR art. 15 information, what is not shown (counts and
 * grounds) and what is under review.
 *
 * - **Portal** (`purpose: 'portal'`): items under review are only counted, with no type, reference
 *   or date (GDPR art. 15(1) confirmation that something exists, without anticipating the review).
 * - **Access request**: every item under review is listed by reference, type, date and reasons, for
 *   the operator or the DPO who must decide before the document is handed over; the coverage
 *   counts and the view's notices are shown too.
 * - `operatorPrintable`: a note says the copy is printed and handed over by an operator (no SPID,
 *   CIE or App IO for a person without codice fiscale).
 *
 * Dates are written in words ({@link formatDate}), amounts from integer cents ({@link formatCents});
 * the output depends on the view and the options only (no clock: "today" is `view.asOf`), so the same
 * view gives the same bytes.
 *
 * @param view - A citizen view (from `buildCitizenView`).
 * @param options - Language and title.
 * @returns The document, starting with `<!doctype html>`.
 * @throws `RangeError` when an `amountCents` is not a safe integer (an amount is never rounded).
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { renderHtml, type CitizenView } from '@riuso-sociale/fascicolo';
 * declare const view: CitizenView; // from buildCitizenView(record, { purpose: 'portal', … })
 * const html = renderHtml(view, { locale: 'en' });
 * html.startsWith('<!doctype html>'); // true
 * writeFileSync('fascicolo.html', html); // open it, print it, or serve it as text/html
 * ```
 */
export function renderHtml(view: CitizenView, options: RenderHtmlOptions = {}): string {
  const locale: Locale = (options.locale ?? view.locale) === 'en' ? 'en' : 'it';
  const r = new Renderer(view, locale);
  return r.document(options.title);
}

// ---------------------------------------------------------------------------------------------
// Escaping and small pieces

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an HTML text node or a quoted attribute value: `& < > " '` escaped. */
function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** A label from a table by a code that comes from the record: the code itself when unknown. */
function lookup<K extends string>(table: Readonly<Record<K, string>>, code: string): string {
  return Object.hasOwn(table, code) ? table[code as K] : esc(code);
}

// ---------------------------------------------------------------------------------------------
// Labels (plain language, both languages). Values are HTML (constant text, or made from escaped
// arguments: every argument named `…Html` is already escaped).

type Tone = 'ok' | 'info' | 'warn' | 'bad';

const TONES: Readonly<Record<StatusCode, Tone>> = {
  'in-attesa': 'info',
  'presa-in-carico': 'info',
  'in-elaborazione': 'info',
  programmato: 'info',
  'da-completare': 'warn',
  'in-sospeso': 'warn',
  'da-pagare': 'warn',
  accolta: 'ok',
  attiva: 'ok',
  conclusa: 'ok',
  pagato: 'ok',
  'non-accolta': 'bad',
  annullata: 'bad',
};

interface Labels {
  readonly docKind: string;
  readonly defaultTitle: { readonly portal: (nameHtml: string) => string; readonly access: (nameHtml: string) => string };
  readonly subjectName: string;
  readonly codiceFiscale: string;
  readonly identifier: string;
  readonly noCodiceFiscale: (altHtml: string | undefined) => string;
  readonly birthDate: string;
  readonly minor: string;
  readonly viewedBy: string;
  readonly requestedBy: string;
  readonly validUntil: (date: string) => string;
  readonly basis: (actHtml: string, refHtml: string | undefined, dateHtml: string, issuedByHtml: string | undefined) => string;
  readonly asOf: string;
  readonly asOfPhrase: (date: string) => string;
  readonly intro: { readonly portal: (selfView: boolean, nameHtml: string, asOfHtml: string) => string; readonly access: (selfView: boolean, nameHtml: string, asOfHtml: string) => string };
  readonly operatorNote: string;
  readonly draftNote: (n: number) => string;
  readonly wholeReviewNote: (reasonsHtml: string) => string;
  readonly wholeReviewPortal: string;
  readonly timelineHeading: (selfView: boolean, nameHtml: string) => string;
  readonly timelineOrder: string;
  readonly timelineEmpty: string;
  readonly status: string;
  readonly protocol: string;
  readonly protocolValue: (numberHtml: string, date: string) => string;
  readonly takenInCharge: string;
  readonly decisionDue: string;
  readonly deadlinePassed: string;
  readonly decidedOn: string;
  readonly office: string;
  readonly period: string;
  readonly amount: string;
  readonly categories: string;
  readonly controller: string;
  readonly enteCode: (codeHtml: string) => string;
  readonly correction: string;
  readonly summaryNote: string;
  readonly art15Heading: string;
  readonly art15: {
    readonly controllers: string;
    readonly purposes: string;
    readonly legalBases: string;
    readonly categories: string;
    readonly recipients: string;
    readonly retention: string;
    readonly sources: string;
    readonly automated: string;
    readonly rights: (selfView: boolean) => string;
    readonly complaint: string;
  };
  readonly noneGiven: string;
  readonly withheldHeading: string;
  readonly withheldIntro: { readonly portal: string; readonly access: string };
  readonly withheldCaption: string;
  readonly colType: string;
  readonly colCount: string;
  readonly colGround: string;
  readonly fieldScope: string;
  readonly sourceLabel: string;
  readonly withheldEmpty: string;
  readonly reviewHeading: string;
  readonly reviewPortal: (n: number) => string;
  readonly reviewIntro: (n: number) => string;
  readonly reviewCaption: string;
  readonly colRef: string;
  readonly colDate: string;
  readonly colReasons: string;
  readonly onePart: string;
  readonly noDate: string;
  readonly reviewEmpty: string;
  readonly coverage: (recordsHtml: string, shownHtml: string, withheldHtml: string, reviewHtml: string, adds: boolean) => string;
  readonly noticesHeading: string;
  readonly footer: (asOfHtml: string, formatHtml: string) => string;
  readonly classes: Readonly<Record<ItemClass, string>>;
  readonly reasons: Readonly<Record<ReviewReason, string>>;
  readonly sensitivities: Readonly<Record<Sensitivity, string>>;
}

const IT: Labels = {
  docKind: 'Servizi sociali · Fascicolo del cittadino',
  defaultTitle: {
    portal: (n) => `Cartella sociale di ${n}`,
    access: (n) => `Accesso ai dati personali (art. 15 GDPR): cartella sociale di ${n}`,
  },
  subjectName: 'Persona',
  codiceFiscale: 'Codice fiscale',
  identifier: 'Identificativo',
  noCodiceFiscale: (alt) => (alt === undefined ? 'senza codice fiscale' : `senza codice fiscale (identificativo ${alt})`),
  birthDate: 'Data di nascita',
  minor: 'minorenne',
  viewedBy: 'Chi consulta',
  requestedBy: 'Richiesta presentata da',
  validUntil: (d) => `titolo valido fino ${d}`,
  basis: (act, ref, date, by) => `${act}${ref === undefined ? '' : ` n. ${ref}`} ${date}${by === undefined ? '' : `, ${by}`}`,
  asOf: 'Situazione al',
  asOfPhrase: (d) => d,
  intro: {
    portal: (self, name, asOf) =>
      self
        ? `Questa pagina mostra le tue domande ai servizi sociali, il loro stato e le tappe principali del tuo percorso, come risultano ${asOf}.`
        : `Questa pagina mostra le domande ai servizi sociali che riguardano ${name}, il loro stato e le tappe principali del percorso, come risultano ${asOf}.`,
    access: (self, name, asOf) =>
      self
        ? `Questo documento risponde alla tua richiesta di accesso ai dati personali (art. 15 del Regolamento UE 2016/679, GDPR). Contiene i dati della tua cartella sociale come risultano ${asOf}, le informazioni sul trattamento dei dati e l’elenco di ciò che non è incluso, con il motivo.`
        : `Questo documento risponde alla richiesta di accesso ai dati personali di ${name} (art. 15 del Regolamento UE 2016/679, GDPR). Contiene i dati della cartella sociale come risultano ${asOf}, le informazioni sul trattamento dei dati e l’elenco di ciò che non è incluso, con il motivo.`,
  },
  operatorNote:
    '<strong>Copia stampata da un operatore.</strong> La persona non ha un codice fiscale, quindi non può consultare questi dati online con SPID, CIE o l’app IO: questa copia le viene stampata e consegnata dal servizio sociale.',
  draftNote: (n) =>
    `<strong>Bozza da completare.</strong> ${n === 1 ? 'Una voce è' : `${n} voci sono`} in revisione: un operatore o il responsabile della protezione dei dati deve decidere prima della consegna (sezione «In revisione»).`,
  wholeReviewNote: (reasons) =>
    `<strong>Tutto il documento va rivisto prima della consegna.</strong> Un operatore o il responsabile della protezione dei dati (DPO) deve verificarlo per intero. Motivo: ${reasons}.`,
  wholeReviewPortal: 'Prima di essere consegnati, questi dati devono essere verificati da un operatore.',
  timelineHeading: (self, name) => (self ? 'La tua cartella' : `La cartella di ${name}`),
  timelineOrder: 'Dalla voce più vecchia alla più recente.',
  timelineEmpty: 'Non ci sono ancora informazioni da mostrare.',
  status: 'Stato:',
  protocol: 'Numero di protocollo',
  protocolValue: (num, date) => `${num} ${date}`,
  takenInCharge: 'Presa in carico',
  decisionDue: 'Termine per la decisione',
  deadlinePassed: '(termine superato: puoi chiedere informazioni all’ufficio)',
  decidedOn: 'Data della decisione',
  office: 'Ufficio',
  period: 'Periodo',
  amount: 'Importo',
  categories: 'Tipi di dati',
  controller: 'Ente che tiene i dati',
  enteCode: (code) => `codice ente ${code}`,
  correction: 'Correzione:',
  summaryNote: 'Voce mostrata in breve: solo data, tipo e ufficio.',
  art15Heading: 'Informazioni sul trattamento dei dati (art. 15 GDPR)',
  art15: {
    controllers: 'Chi è responsabile dei dati (titolare del trattamento)',
    purposes: 'Perché i dati sono trattati (finalità)',
    legalBases: 'Su quale base giuridica',
    categories: 'Quali tipi di dati',
    recipients: 'A chi sono comunicati (destinatari)',
    retention: 'Per quanto tempo sono conservati',
    sources: 'Da dove vengono i dati',
    automated: 'Decisioni automatizzate',
    rights: (self) => (self ? 'I tuoi diritti' : 'I diritti della persona interessata'),
    complaint: 'Reclamo',
  },
  noneGiven: 'Nessuna indicazione.',
  withheldHeading: 'Cosa non è mostrato',
  withheldIntro: {
    portal:
      'Alcune informazioni della cartella non sono mostrate in quest’area. Per ogni tipo trovi quante sono e perché. Puoi chiederle con una richiesta di accesso ai dati personali (art. 15 GDPR): il servizio valuterà se e come consegnarle.',
    access:
      'Queste informazioni non sono incluse in questa risposta. Per ogni tipo trovi quante sono e il motivo. Se non sei d’accordo puoi rivolgerti al responsabile della protezione dei dati (DPO) dell’ente o presentare reclamo al Garante per la protezione dei dati personali.',
  },
  withheldCaption: 'Informazioni non mostrate, per tipo',
  colType: 'Tipo di informazione',
  colCount: 'Quante',
  colGround: 'Motivo',
  fieldScope: '(parti di voci mostrate sopra)',
  sourceLabel: 'Riferimento:',
  withheldEmpty: 'Nessuna informazione della cartella è stata esclusa.',
  reviewHeading: 'In revisione',
  reviewPortal: (n) =>
    `${n === 1 ? 'C’è ancora un’informazione che un operatore deve verificare prima di poterla mostrare.' : `Ci sono ancora ${n} informazioni che un operatore deve verificare prima di poterle mostrare.`} Il tipo non è indicato finché la verifica non è conclusa. Puoi chiedere tutti i dati con una richiesta di accesso ai dati personali (art. 15 GDPR).`,
  reviewIntro: (n) =>
    `Da completare prima della consegna: un operatore o il responsabile della protezione dei dati (DPO) deve decidere su ${n === 1 ? '1 voce' : `${n} voci`}. Per ciascuna: mostrarla, escluderla indicando il motivo, oppure rinviarla con una comunicazione motivata (D.Lgs. 196/2003, art. 2-undecies).`,
  reviewCaption: 'Voci in attesa di decisione',
  colRef: 'Riferimento',
  colDate: 'Data',
  colReasons: 'Perché va verificata',
  onePart: '(una parte della voce)',
  noDate: 'non indicata',
  reviewEmpty: 'Nessuna voce è in attesa di revisione: il documento è completo.',
  coverage: (records, shown, withheld, review, adds) =>
    `Voci lette dalla cartella: ${records}. Nel documento: ${shown}; non mostrate: ${withheld}; in revisione: ${review}.${adds ? '' : ' <strong>Attenzione: i totali non coincidono, verificare.</strong>'}`,
  noticesHeading: 'Avvisi sulla cartella',
  footer: (asOf, format) => `Situazione al ${asOf}. Formato dei dati: ${format}.`,
  classes: {
    cartella: 'Cartella sociale',
    accesso: 'Domande',
    'presa-in-carico': 'Prese in carico',
    valutazione: 'Valutazioni',
    progetto: 'Progetti personalizzati',
    intervento: 'Interventi',
    erogazione: 'Prestazioni e pagamenti',
    documento: 'Documenti',
    'documento-riservato': 'Documenti riservati',
    'segnalazione-autorita-giudiziaria': 'Segnalazioni all’autorità giudiziaria',
    provvedimento: 'Provvedimenti dell’autorità giudiziaria',
    appuntamento: 'Appuntamenti',
    diario: 'Annotazioni del diario sociale',
    'rete-sociale': 'Rete di sostegno',
    'nucleo-familiare': 'Nucleo familiare',
    consenso: 'Informative e consensi',
    segnalante: 'Identità di chi ha segnalato la situazione',
    'testo-libero': 'Testi liberi: note e descrizioni',
    'entered-in-error': 'Registrazioni inserite per errore',
  },
  reasons: {
    policy: 'la politica dell’ente prevede una verifica',
    diary: 'annotazione del diario sociale',
    judicial: 'riguarda l’autorità giudiziaria',
    'confidential-document': 'documento riservato',
    'referrer-identity': 'può rivelare chi ha segnalato la situazione',
    'third-party-source': 'contiene informazioni date da altre persone',
    'free-text': 'testo libero che può nominare altre persone',
    'parental-responsibility': 'riguarda la responsabilità dei genitori',
    'entered-in-error': 'inserita per errore',
  },
  sensitivities: {
    ordinary: 'dati comuni',
    special: 'dati particolari, ad esempio sulla salute (art. 9 GDPR)',
    judicial: 'dati su condanne e reati (art. 10 GDPR)',
  },
};

const EN: Labels = {
  docKind: 'Social services · Citizen’s record',
  defaultTitle: {
    portal: (n) => `Social-care record of ${n}`,
    access: (n) => `Access to personal data (GDPR art. 15): social-care record of ${n}`,
  },
  subjectName: 'Person',
  codiceFiscale: 'Codice fiscale (tax code)',
  identifier: 'Identifier',
  noCodiceFiscale: (alt) => (alt === undefined ? 'no codice fiscale' : `no codice fiscale (${alt} identifier)`),
  birthDate: 'Date of birth',
  minor: 'under 18',
  viewedBy: 'Viewed by',
  requestedBy: 'Requested by',
  validUntil: (d) => `entitled until ${d}`,
  basis: (act, ref, date, by) => `${act}${ref === undefined ? '' : ` no. ${ref}`}, ${date}${by === undefined ? '' : `, ${by}`}`,
  asOf: 'As of',
  asOfPhrase: (d) => `as of ${d}`,
  intro: {
    portal: (self, name, asOf) =>
      self
        ? `This page shows your requests to social services, their status and the main steps of your support, ${asOf}.`
        : `This page shows the requests to social services concerning ${name}, their status and the main steps of the support, ${asOf}.`,
    access: (self, name, asOf) =>
      self
        ? `This document answers your request for access to your personal data (article 15 of Regulation (EU) 2016/679, the GDPR). It holds the data of your social-care record ${asOf}, the information on how the data are processed, and the list of what is not included, with the reason.`
        : `This document answers the request for access to the personal data of ${name} (article 15 of Regulation (EU) 2016/679, the GDPR). It holds the data of the social-care record ${asOf}, the information on how the data are processed, and the list of what is not included, with the reason.`,
  },
  operatorNote:
    '<strong>Copy printed by an operator.</strong> The person has no codice fiscale (Italian tax code), so they cannot see these data online with SPID, CIE or the IO app: social services print this copy and hand it over.',
  draftNote: (n) =>
    `<strong>Draft to be completed.</strong> ${n === 1 ? '1 item is' : `${n} items are`} under review: an operator or the data protection officer must decide before the document is handed over (section “Under review”).`,
  wholeReviewNote: (reasons) =>
    `<strong>The whole document must be reviewed before it is handed over.</strong> An operator or the data protection officer (DPO) must check all of it. Reason: ${reasons}.`,
  wholeReviewPortal: 'Before they are handed over, these data must be checked by an operator.',
  timelineHeading: (self, name) => (self ? 'Your record' : `Record of ${name}`),
  timelineOrder: 'From the oldest entry to the most recent.',
  timelineEmpty: 'There is nothing to show yet.',
  status: 'Status:',
  protocol: 'Protocol number',
  protocolValue: (num, date) => `${num}, registered on ${date}`,
  takenInCharge: 'Taken in charge on',
  decisionDue: 'Decision due by',
  deadlinePassed: '(deadline passed: you can ask the office)',
  decidedOn: 'Decided on',
  office: 'Office',
  period: 'Period',
  amount: 'Amount',
  categories: 'Kinds of data',
  controller: 'Body holding the data',
  enteCode: (code) => `body code ${code}`,
  correction: 'Correction:',
  summaryNote: 'Entry shown in short: date, type and office only.',
  art15Heading: 'How the data are processed (GDPR art. 15)',
  art15: {
    controllers: 'Who is responsible for the data (controller)',
    purposes: 'Why the data are processed (purposes)',
    legalBases: 'On what legal basis',
    categories: 'What kinds of data',
    recipients: 'Who receives them (recipients)',
    retention: 'How long they are kept',
    sources: 'Where the data come from',
    automated: 'Automated decisions',
    rights: (self) => (self ? 'Your rights' : 'The rights of the person concerned'),
    complaint: 'Complaints',
  },
  noneGiven: 'None given.',
  withheldHeading: 'What is not shown',
  withheldIntro: {
    portal:
      'Some information in the record is not shown here. For each type you can see how many items there are and why. You can ask for them with a request for access to personal data (GDPR art. 15): the service will decide whether and how to give them to you.',
    access:
      'This information is not included in this answer. For each type you can see how many items there are and the reason. If you disagree, you can contact the data protection officer (DPO) of the body or complain to the Italian data protection authority (Garante per la protezione dei dati personali).',
  },
  withheldCaption: 'Information not shown, by type',
  colType: 'Type of information',
  colCount: 'How many',
  colGround: 'Reason',
  fieldScope: '(parts of entries shown above)',
  sourceLabel: 'Based on:',
  withheldEmpty: 'Nothing in the record has been left out.',
  reviewHeading: 'Under review',
  reviewPortal: (n) =>
    `${n === 1 ? 'There is still 1 item that an operator must check before it can be shown.' : `There are still ${n} items that an operator must check before they can be shown.`} Their type is not given until the check is finished. You can ask for all the data with a request for access to personal data (GDPR art. 15).`,
  reviewIntro: (n) =>
    `To be completed before handing over: an operator or the data protection officer (DPO) must decide on ${n === 1 ? '1 item' : `${n} items`}. For each one: show it, leave it out giving the reason, or delay it with a reasoned communication (D.Lgs. 196/2003, art. 2-undecies).`,
  reviewCaption: 'Items waiting for a decision',
  colRef: 'Reference',
  colDate: 'Date',
  colReasons: 'Why it is checked',
  onePart: '(one part of the entry)',
  noDate: 'not given',
  reviewEmpty: 'No item is waiting for review: the document is complete.',
  coverage: (records, shown, withheld, review, adds) =>
    `Records read: ${records}. In this document: ${shown}; not shown: ${withheld}; under review: ${review}.${adds ? '' : ' <strong>Warning: the totals do not add up, check.</strong>'}`,
  noticesHeading: 'Notices about the record',
  footer: (asOf, format) => `As of ${asOf}. Data format: ${format}.`,
  classes: {
    cartella: 'Social-care record',
    accesso: 'Requests',
    'presa-in-carico': 'Taking into care',
    valutazione: 'Assessments',
    progetto: 'Personal plans',
    intervento: 'Support measures',
    erogazione: 'Benefits and payments',
    documento: 'Documents',
    'documento-riservato': 'Confidential documents',
    'segnalazione-autorita-giudiziaria': 'Reports to the judicial authority',
    provvedimento: 'Orders of a judicial authority',
    appuntamento: 'Appointments',
    diario: 'Case diary notes',
    'rete-sociale': 'Support network',
    'nucleo-familiare': 'Household',
    consenso: 'Privacy notices and consents',
    segnalante: 'Identity of the person who reported the situation',
    'testo-libero': 'Free texts: notes and descriptions',
    'entered-in-error': 'Records entered in error',
  },
  reasons: {
    policy: 'the body’s policy asks for a check',
    diary: 'case diary note',
    judicial: 'concerns the judicial authority',
    'confidential-document': 'confidential document',
    'referrer-identity': 'may reveal who reported the situation',
    'third-party-source': 'holds information given by other people',
    'free-text': 'free text that may name other people',
    'parental-responsibility': 'concerns parental responsibility',
    'entered-in-error': 'entered in error',
  },
  sensitivities: {
    ordinary: 'ordinary personal data',
    special: 'special-category data, such as health (GDPR art. 9)',
    judicial: 'data on criminal convictions and offences (GDPR art. 10)',
  },
};

// ---------------------------------------------------------------------------------------------
// Style: system fonts, dark text on white (contrast ≥ 7:1 for text, ≥ 4.5:1 for the badges),
// one column that works from 320 px, a label/value grid from 40em; below 37.5em the tables are
// stacked as cards (each cell with its column's name; they stay tables for assistive technology);
// print without backgrounds, without splitting an entry or a table row (there are no links, so no
// URLs to print).

const CSS = `
:root{color-scheme:light}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#fff;color:#1c1c1c;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;overflow-wrap:break-word}
header,main,footer{max-width:50rem;margin:0 auto;padding:1rem}
header{border-bottom:.25rem solid #0b4a85}
.doc-kind{margin:0 0 .5rem;font-weight:600;color:#0b4a85}
h1{font-size:1.6rem;line-height:1.25;margin:.25rem 0 1rem;color:#15304b}
h2{font-size:1.3rem;line-height:1.3;margin:2rem 0 .75rem;padding-bottom:.25rem;border-bottom:1px solid #8a8d90;color:#15304b}
h3{font-size:1.1rem;line-height:1.3;margin:0 0 .25rem;color:#15304b}
p{margin:.5rem 0}
ul{margin:.25rem 0 .75rem;padding-left:1.25rem}
dl{margin:.5rem 0}
dl div{margin:0 0 .375rem}
dt{font-weight:600}
dd{margin:0}
@media (min-width:40em){.facts div,.who div{display:grid;grid-template-columns:13rem 1fr;gap:1rem}}
.notice{border:2px solid #0b4a85;background:#eef4fb;border-radius:.25rem;padding:.75rem 1rem;margin:1rem 0}
.timeline{list-style:none;margin:0;padding:0}
.item{border:1px solid #8a8d90;border-left:.375rem solid #0b4a85;border-radius:.25rem;padding:.75rem 1rem;margin:0 0 1rem;break-inside:avoid;page-break-inside:avoid}
.meta{margin:0 0 .25rem;color:#404040}
.status{margin:.25rem 0 .5rem}
.badge{display:inline-block;padding:0 .5rem;border:1px solid currentColor;border-radius:.25rem;font-weight:600}
.tone-ok{color:#0e5a2b;background:#e6f4ea}
.tone-info{color:#0b4a85;background:#e7f0fa}
.tone-warn{color:#6b4200;background:#fff3d6}
.tone-bad{color:#8a1c1c;background:#fdeaea}
.tone-none{color:#1c1c1c;background:#f2f2f2}
.text{white-space:pre-line}
.correction{border-left:.25rem solid #6b4200;background:#fff8e6;padding:.5rem .75rem}
.summary-note{font-style:italic;color:#404040}
.art15 section{margin:0 0 1rem}
table{width:100%;border-collapse:collapse;margin:.5rem 0 1rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #8a8d90;padding:.375rem .5rem;text-align:left;vertical-align:top}
thead th{background:#eef1f4}
td.num{text-align:right;font-variant-numeric:tabular-nums}
td p,th p{margin:0 0 .25rem}
@media (max-width:37.5em){
.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.stack,.stack caption,.stack tbody,.stack tr,.stack th,.stack td{display:block;width:100%}
.stack tr{border:1px solid #8a8d90;border-radius:.25rem;margin:0 0 .75rem}
.stack th,.stack td{border:0;border-top:1px solid #c5c7c9}
.stack tbody th{border-top:0;background:#eef1f4}
.stack td.num{text-align:left}
.stack td[data-label]::before{content:attr(data-label) ": " / "";font-weight:600}
}
.source{font-size:.9rem;color:#404040}
code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.9em;overflow-wrap:anywhere}
footer{border-top:1px solid #8a8d90;color:#404040;font-size:.9rem}
@media print{
@page{margin:15mm}
*,*::before,*::after{background:transparent !important;color:#000 !important;box-shadow:none !important}
body{font-size:11pt}
header,main,footer{max-width:none;padding:0}
header{border-bottom:1pt solid #000;padding-bottom:.5rem}
.item,.notice,.art15 section,tr,dl div{break-inside:avoid;page-break-inside:avoid}
h2,h3,caption{break-after:avoid;page-break-after:avoid}
.badge,.item,.notice,th,td{border-color:#000 !important}
thead{display:table-header-group}
}
`
  .trim()
  .replace(/\n/g, '');

/** Nothing may load or run: not even a mistake in escaping could add a script or a request. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'";

// ---------------------------------------------------------------------------------------------

class Renderer {
  private readonly l: Labels;
  private readonly selfView: boolean;
  private readonly portal: boolean;
  private readonly nameHtml: string;
  /** More than one Ente holds the items: each item names its own. */
  private readonly severalControllers: boolean;
  /** Reasons to review the whole view before handing it over (a parent of a child placed by a court). */
  private readonly wholeReview: readonly ReviewReason[];

  constructor(
    private readonly view: CitizenView,
    private readonly locale: Locale,
  ) {
    this.l = locale === 'en' ? EN : IT;
    this.selfView = view.requester.kind === 'interessato';
    // Fail closed: anything but an access request is rendered as the portal (the less detailed form).
    this.portal = view.purpose !== 'access-request';
    this.nameHtml = esc(view.subject.name);
    this.severalControllers = new Set(view.timeline.map((i) => i.controller)).size > 1;
    this.wholeReview = view.wholeViewReview ?? [];
  }

  /** A text of the view in the page's language (the other one, marked, when it is empty). */
  private text(t: LocalizedText): string {
    const own = t[this.locale];
    if (typeof own === 'string' && own !== '') return esc(own);
    const other: Locale = this.locale === 'it' ? 'en' : 'it';
    const alt = t[other];
    return typeof alt === 'string' && alt !== '' ? `<span lang="${other}">${esc(alt)}</span>` : '';
  }

  /** The shared label of a code (labels.ts, requester.ts) in the page's language; the code itself when unknown. */
  private named(table: Readonly<Record<string, LocalizedText>>, code: string): string {
    const t = Object.hasOwn(table, code) ? table[code] : undefined;
    return t === undefined ? esc(code) : this.text(t);
  }

  /** Review reasons in words. */
  private reasons(codes: readonly string[]): string {
    return codes.map((x) => lookup(this.l.reasons, x)).join('; ');
  }

  /** A string of the record written in Italian (an office, an act): marked as such in an English page. */
  private italian(value: string): string {
    return this.locale === 'en' ? `<span lang="it">${esc(value)}</span>` : esc(value);
  }

  /** A date in words, in a `<time>` element; a value that is not an `IsoDate` is shown as given. */
  private date(value: string, preposition?: 'from' | 'to' | 'of'): string {
    if (!isIsoDate(value)) return esc(value);
    const lang = this.locale;
    const words = preposition === undefined ? formatDate(value, { lang }) : formatDate(value, { lang, preposition });
    return `<time datetime="${esc(value)}">${esc(words)}</time>`;
  }

  /** "al 1° dicembre 2026" / "1 December 2026", for "come risultano …" / "as of …". */
  private asOfPhrase(): string {
    return this.locale === 'it' ? this.date(this.view.asOf, 'to') : this.l.asOfPhrase(this.date(this.view.asOf));
  }

  document(title: string | undefined): string {
    const v = this.view;
    const titleHtml =
      title !== undefined && title !== ''
        ? esc(title)
        : this.portal
          ? this.l.defaultTitle.portal(this.nameHtml)
          : this.l.defaultTitle.access(this.nameHtml);
    const out: string[] = [];
    out.push(
      '<!doctype html>',
      `<html lang="${this.locale}">`,
      '<head>',
      '<meta charset="utf-8">',
      `<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">`,
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      '<meta name="color-scheme" content="light">',
      '<meta name="robots" content="noindex, nofollow">',
      `<title>${titleHtml}</title>`,
      `<style>${CSS}</style>`,
      '</head>',
      '<body>',
      this.header(),
      '<main>',
      `<h1>${titleHtml}</h1>`,
      `<p>${this.portal ? this.l.intro.portal(this.selfView, this.nameHtml, this.asOfPhrase()) : this.l.intro.access(this.selfView, this.nameHtml, this.asOfPhrase())}</p>`,
    );
    if (v.operatorPrintable) out.push(`<p class="notice">${this.l.operatorNote}</p>`);
    if (!this.portal && this.wholeReview.length > 0) out.push(`<p class="notice">${this.l.wholeReviewNote(this.reasons(this.wholeReview))}</p>`);
    if (!this.portal && v.needsReview.length > 0) out.push(`<p class="notice">${this.l.draftNote(v.needsReview.length)}</p>`);
    out.push(this.timeline(), this.art15(v.art15), this.withheld(v.withheld), this.review(v.needsReview));
    out.push('</main>', `<footer><p>${this.l.footer(this.date(v.asOf), esc(v.format))}</p></footer>`, '</body>', '</html>', '');
    return out.join('\n');
  }

  private header(): string {
    const v = this.view;
    const s = v.subject;
    const rows: [string, string][] = [[this.l.subjectName, esc(s.name)]];
    if (s.codiceFiscale !== undefined && s.codiceFiscale !== '') rows.push([this.l.codiceFiscale, esc(s.codiceFiscale)]);
    else rows.push([this.l.identifier, this.l.noCodiceFiscale(s.alternativeId === undefined || s.alternativeId === '' ? undefined : esc(s.alternativeId))]);
    rows.push([this.l.birthDate, `${this.date(s.birthDate)}${s.minor ? ` (${this.l.minor})` : ''}`]);
    rows.push([this.portal ? this.l.viewedBy : this.l.requestedBy, this.requester()]);
    rows.push([this.l.asOf, this.date(v.asOf)]);
    return `<header>\n<p class="doc-kind">${this.l.docKind}</p>\n${dl('who', rows)}\n</header>`;
  }

  private requester(): string {
    const q = this.view.requester;
    const label = this.text(q.label);
    const parts = [label !== '' ? label : this.named(REQUESTER_LABELS, q.kind)];
    if (q.basis !== undefined) parts.push(this.basis(q.basis));
    if (q.validTo !== undefined) {
      parts.push(this.l.validUntil(this.locale === 'it' ? this.date(q.validTo, 'to') : this.date(q.validTo)));
    }
    return parts.join('; ');
  }

  private basis(b: RequesterBasis): string {
    return this.l.basis(
      this.italian(b.act),
      b.reference === undefined || b.reference === '' ? undefined : esc(b.reference),
      this.locale === 'it' ? this.date(b.date, 'of') : this.date(b.date),
      b.issuedBy === undefined || b.issuedBy === '' ? undefined : this.italian(b.issuedBy),
    );
  }

  // -- Timeline ----------------------------------------------------------------------------

  private timeline(): string {
    const items = this.view.timeline;
    const heading = section('timeline', this.l.timelineHeading(this.selfView, this.nameHtml));
    if (items.length === 0) return `${heading}\n<p>${this.l.timelineEmpty}</p>\n</section>`;
    const lis = items.map((item, i) => this.item(item, i + 1));
    return `${heading}\n<p>${this.l.timelineOrder}</p>\n<ol class="timeline">\n${lis.join('\n')}\n</ol>\n</section>`;
  }

  private item(item: TimelineItem, n: number): string {
    const l = this.l;
    const id = `item-${n}`;
    const out: string[] = [`<li class="item">`, `<article aria-labelledby="${id}">`, `<h3 id="${id}">${this.text(item.title)}</h3>`];
    out.push(`<p class="meta">${this.named(KIND_LABELS, item.kind)} — ${this.date(item.date)}</p>`);
    if (item.status !== undefined) {
      const tone = Object.hasOwn(TONES, item.status.code) ? TONES[item.status.code] : 'none';
      const label = this.text(item.status.label);
      out.push(`<p class="status">${l.status} <span class="badge tone-${tone}">${label !== '' ? label : this.named(STATUS_LABELS, item.status.code)}</span></p>`);
    }
    const text = this.text(item.text);
    if (text !== '') out.push(`<p class="text">${text}</p>`);

    const rows: [string, string][] = [];
    if (item.protocol !== undefined) {
      rows.push([l.protocol, l.protocolValue(esc(item.protocol.number), this.locale === 'it' ? this.date(item.protocol.date, 'of') : this.date(item.protocol.date))]);
    }
    if (item.takenInChargeOn !== undefined) rows.push([l.takenInCharge, this.date(item.takenInChargeOn)]);
    if (item.decisionDueBy !== undefined) {
      const passed = item.decidedOn === undefined && isIsoDate(item.decisionDueBy) && isIsoDate(this.view.asOf) && item.decisionDueBy < this.view.asOf;
      rows.push([l.decisionDue, `${this.date(item.decisionDueBy)}${passed ? ` ${l.deadlinePassed}` : ''}`]);
    }
    if (item.decidedOn !== undefined) rows.push([l.decidedOn, this.date(item.decidedOn)]);
    if (item.office !== undefined && item.office !== '') rows.push([l.office, this.italian(item.office)]);
    if (item.period !== undefined) {
      const from = this.date(item.period.from, 'from');
      rows.push([l.period, item.period.to === undefined ? from : `${from} ${this.date(item.period.to, 'to')}`]);
    }
    if (item.amountCents !== undefined) rows.push([l.amount, esc(formatCents(item.amountCents, this.locale))]);
    for (const d of item.details) rows.push([this.text(d.label), this.text(d.value)]);
    if (item.categories.some((c) => c !== 'ordinary')) {
      rows.push([l.categories, item.categories.map((c) => lookup(l.sensitivities, c)).join('; ')]);
    }
    if (this.severalControllers) rows.push([l.controller, l.enteCode(esc(item.controller))]);
    if (rows.length > 0) out.push(dl('facts', rows));

    if (item.correction !== undefined) {
      const c = this.text(item.correction);
      if (c !== '') out.push(`<p class="correction"><strong>${l.correction}</strong> <span class="text">${c}</span></p>`);
    }
    if (item.summary) out.push(`<p class="summary-note">${l.summaryNote}</p>`);
    out.push('</article>', '</li>');
    return out.join('\n');
  }

  // -- Art. 15 ----------------------------------------------------------------------------

  private art15(a: Art15Info): string {
    const h = this.l.art15;
    const list = (items: readonly string[]): string =>
      items.length === 0 ? `<p>${this.l.noneGiven}</p>` : `<ul>\n${items.map((x) => `<li>${x}</li>`).join('\n')}\n</ul>`;
    const texts = (items: readonly LocalizedText[]): string => list(items.map((t) => this.text(t)));
    const para = (t: LocalizedText): string => {
      const x = this.text(t);
      return `<p>${x !== '' ? x : this.l.noneGiven}</p>`;
    };
    const parts: [string, string][] = [
      [h.controllers, list(a.controllers.map((c) => `${this.text(c.role)} (${this.l.enteCode(esc(c.ente))})`))],
      [h.purposes, texts(a.purposes)],
      [h.legalBases, texts(a.legalBases)],
      [h.categories, list(a.categories.map((c) => `<strong>${lookup(this.l.sensitivities, c.category)}</strong>: ${this.text(c.text)}`))],
      [h.recipients, texts(a.recipients)],
      [h.retention, texts(a.retention)],
      [h.sources, texts(a.sources)],
      [h.automated, para(a.automatedDecisions)],
      [h.rights(this.selfView), texts(a.rights)],
      [h.complaint, para(a.complaint)],
    ];
    const body = parts.map(([title, content], i) => `<section aria-labelledby="art15-${i + 1}">\n<h3 id="art15-${i + 1}">${title}</h3>\n${content}\n</section>`);
    return `${section('art15', this.l.art15Heading, 'art15')}\n${body.join('\n')}\n</section>`;
  }

  // -- Withheld ---------------------------------------------------------------------------

  private withheld(entries: readonly WithheldEntry[]): string {
    const l = this.l;
    const heading = section('withheld', l.withheldHeading);
    if (entries.length === 0) return `${heading}\n<p>${l.withheldEmpty}</p>\n</section>`;
    const rows = entries.map((e) => {
      const type = `${lookup(l.classes, e.class)}${e.scope === 'field' ? ` ${l.fieldScope}` : ''}`;
      const source = e.ground.source !== '' ? `\n<p class="source">${l.sourceLabel} ${esc(e.ground.source)}</p>` : '';
      return `<tr>\n<th scope="row">${type}</th>\n<td class="num" data-label="${esc(l.colCount)}">${esc(e.count)}</td>\n<td data-label="${esc(l.colGround)}"><p>${this.text(e.ground.text)}</p>${source}</td>\n</tr>`;
    });
    return [
      heading,
      `<p>${this.portal ? l.withheldIntro.portal : l.withheldIntro.access}</p>`,
      '<table class="stack">',
      `<caption>${l.withheldCaption}</caption>`,
      `<thead>\n<tr><th scope="col">${l.colType}</th><th scope="col">${l.colCount}</th><th scope="col">${l.colGround}</th></tr>\n</thead>`,
      `<tbody>\n${rows.join('\n')}\n</tbody>`,
      '</table>',
      '</section>',
    ].join('\n');
  }

  // -- Review -----------------------------------------------------------------------------

  private review(items: readonly ReviewItem[]): string {
    const l = this.l;
    if (this.portal) {
      // Only that something exists (art. 15(1)): no type, reference or date before the decision —
      // the type alone ("a report to the judicial authority") could anticipate what the review protects.
      if (items.length === 0 && this.wholeReview.length === 0) return '';
      const parts = [section('review', l.reviewHeading)];
      if (this.wholeReview.length > 0) parts.push(`<p>${l.wholeReviewPortal}</p>`);
      if (items.length > 0) parts.push(`<p>${l.reviewPortal(items.length)}</p>`);
      return `${parts.join('\n')}\n</section>`;
    }
    const out: string[] = [section('review', l.reviewHeading)];
    if (this.wholeReview.length > 0) out.push(`<p>${l.wholeReviewNote(this.reasons(this.wholeReview))}</p>`);
    if (items.length === 0 && this.wholeReview.length === 0) out.push(`<p>${l.reviewEmpty}</p>`);
    if (items.length > 0) {
      out.push(`<p>${l.reviewIntro(items.length)}</p>`, '<table class="stack">', `<caption>${l.reviewCaption}</caption>`);
      out.push(`<thead>\n<tr><th scope="col">${l.colRef}</th><th scope="col">${l.colType}</th><th scope="col">${l.colDate}</th><th scope="col">${l.colReasons}</th></tr>\n</thead>`, '<tbody>');
      for (const r of items) {
        const type = `${lookup(l.classes, r.class)}${r.scope === 'field' ? ` ${l.onePart}` : ''}`;
        const reasons = this.reasons(r.reasons);
        out.push(
          `<tr>\n<th scope="row"><code>${esc(r.ref)}</code></th>\n<td data-label="${esc(l.colType)}">${type}</td>\n<td data-label="${esc(l.colDate)}">${r.date === undefined ? l.noDate : this.date(r.date)}</td>\n<td data-label="${esc(l.colReasons)}">${reasons}</td>\n</tr>`,
        );
      }
      out.push('</tbody>', '</table>');
    }
    const c = this.view.coverage;
    out.push(`<p>${l.coverage(esc(c.records), esc(c.shown), esc(c.withheld), esc(c.review), c.shown + c.withheld + c.review === c.records)}</p>`);
    if (this.view.notices.length > 0) {
      out.push(`<h3 id="notices">${l.noticesHeading}</h3>`, '<ul>');
      for (const n of this.view.notices) {
        out.push(`<li>${this.text({ it: n.message, en: n.messageEn })}</li>`);
      }
      out.push('</ul>');
    }
    out.push('</section>');
    return out.join('\n');
  }
}

/** The opening of a `section` with its `h2` (closed by the caller). */
function section(id: string, titleHtml: string, className?: string): string {
  return `<section aria-labelledby="h-${id}"${className === undefined ? '' : ` class="${className}"`}>\n<h2 id="h-${id}">${titleHtml}</h2>`;
}

/** A description list of label/value pairs (both already HTML), each pair in a `div`. */
function dl(className: string, rows: readonly (readonly [string, string])[]): string {
  return `<dl class="${className}">\n${rows.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('\n')}\n</dl>`;
}
