// SPDX-License-Identifier: BSD-3-Clause
/**
 * A hand-built citizen view (not made by `buildCitizenView`), for the tests of the HTML output:
 * Giulia Esposito asked the Municipio I of Roma for rent support in March 2026; it was granted,
 * she was taken into care, assessed, signed a personal plan, received two monthly payments, handed
 * in her ISEE certificate and has a meeting booked in December.
 *
 * Both purposes, as the default policy gives them:
 * - `portal`: the assessment in summary form; diary notes, a confidential document and a record
 *   entered in error withheld with their grounds; free texts withheld as parts of entries; one free
 *   text under review (as a Comune's policy that routes it to review in the portal too would give);
 * - `access-request`: the assessment shown with its content; the record entered in error listed
 *   with its correction; the diary notes, the confidential document and the free texts under review,
 *   one diary note and the referrer's identity withheld by decisions already taken.
 *
 * Every record is counted in exactly one place (14 records in both purposes).
 */
import { createIssue, isIsoDate, type IsoDate, type LocalizedText } from '@riuso-sociale/core';
import { STATUS_LABELS } from '../../src/labels.js';
import type { Art15Info, CitizenView, Purpose, ReviewItem, StatusCode, TimelineItem, WithheldEntry } from '../../src/model.js';

/** An `IsoDate` from a literal (throws on a typo). */
export function d(s: string): IsoDate {
  if (!isIsoDate(s)) throw new Error(`sample-view: not an IsoDate: ${s}`);
  return s;
}

const t = (it: string, en: string): LocalizedText => ({ it, en });
const status = (code: StatusCode): { readonly code: StatusCode; readonly label: LocalizedText } => ({ code, label: STATUS_LABELS[code] });

/** The day the sample views are for. */
export const SAMPLE_AS_OF: IsoDate = d('2026-12-01');

/** The two payments of the sample, in cents. */
export const SAMPLE_PAYMENTS_CENTS: readonly [number, number] = [35_000, 41_275];

const ENTE = 'H501';
const SEGRETARIATO = 'Segretariato sociale, Municipio I Roma Centro';
const SERVIZIO = 'Servizio sociale professionale, Municipio I Roma Centro';

const request: TimelineItem = {
  ref: 'accesso:acc-2026-0142',
  kind: 'accesso',
  date: d('2026-03-02'),
  title: t('Domanda di contributo economico per l’affitto', 'Application for rent support'),
  text: t(
    'Hai presentato la domanda allo sportello del Segretariato sociale.',
    'You handed in the application at the social services front desk (Segretariato sociale).',
  ),
  status: status('accolta'),
  protocol: { number: '2026/0004512', date: d('2026-03-03') },
  takenInChargeOn: d('2026-03-05'),
  decisionDueBy: d('2026-04-02'),
  decidedOn: d('2026-03-27'),
  office: SEGRETARIATO,
  details: [],
  categories: ['ordinary'],
  controller: ENTE,
  summary: false,
};

const outcome: TimelineItem = {
  ref: 'accesso:acc-2026-0142#esito',
  kind: 'esito',
  date: d('2026-03-27'),
  title: t('Esito della domanda: accolta', 'Decision on the application: granted'),
  text: t(
    'La domanda è stata accolta: riceverai un contributo mensile per l’affitto da maggio a ottobre 2026.',
    'The application was granted: you will receive a monthly rent contribution from May to October 2026.',
  ),
  status: status('accolta'),
  decidedOn: d('2026-03-27'),
  office: SEGRETARIATO,
  details: [{ label: t('Provvedimento', 'Decision'), value: t('Determinazione dirigenziale n. 318 del 27 marzo 2026', 'Executive decision no. 318 of 27 March 2026') }],
  categories: ['ordinary'],
  controller: ENTE,
  summary: false,
};

const takenIntoCare: TimelineItem = {
  ref: 'presa-in-carico:pic-0077',
  kind: 'presa-in-carico',
  date: d('2026-04-08'),
  title: t('Presa in carico da parte del servizio sociale', 'Taken into care by social services'),
  text: t('Un’assistente sociale del Municipio segue il tuo percorso.', 'A social worker of the Municipio follows your support.'),
  status: status('attiva'),
  office: SERVIZIO,
  period: { from: d('2026-04-08') },
  details: [],
  categories: ['ordinary'],
  controller: ENTE,
  summary: false,
};

function assessment(purpose: Purpose): TimelineItem {
  const base = {
    ref: 'valutazione:val-0031',
    kind: 'valutazione' as const,
    date: d('2026-04-20'),
    title: t('Valutazione della situazione', 'Assessment of your situation'),
    status: status('conclusa'),
    office: SERVIZIO,
    controller: ENTE,
  };
  if (purpose === 'portal') {
    return {
      ...base,
      text: t('L’assistente sociale ha valutato la tua situazione con te.', 'Your social worker assessed your situation with you.'),
      details: [],
      categories: ['ordinary'],
      summary: true,
    };
  }
  return {
    ...base,
    text: t(
      'L’assistente sociale ha valutato con te la situazione abitativa, economica e di salute.',
      'Your social worker assessed your housing, income and health situation with you.',
    ),
    details: [
      { label: t('Strumento', 'Tool'), value: t('Scheda di valutazione multidimensionale', 'Multidimensional assessment form') },
      {
        label: t('Esito', 'Outcome'),
        value: t(
          'Bisogno di sostegno economico per la casa; rete familiare presente ma lontana; nessun bisogno sanitario urgente.',
          'Needs financial support for housing; family network present but far away; no urgent health need.',
        ),
      },
    ],
    categories: ['ordinary', 'special'],
    summary: false,
  };
}

const plan: TimelineItem = {
  ref: 'progetto:prg-0019',
  kind: 'progetto',
  date: d('2026-05-04'),
  title: t('Progetto personalizzato', 'Personal support plan'),
  text: t('Hai firmato il progetto con l’assistente sociale.', 'You signed the plan with your social worker.'),
  status: status('attiva'),
  office: SERVIZIO,
  period: { from: d('2026-05-04'), to: d('2027-05-03') },
  details: [
    {
      label: t('Obiettivi', 'Goals'),
      value: t('Pagare l’affitto con regolarità; trovare un lavoro stabile entro un anno.', 'Pay the rent regularly; find a steady job within a year.'),
    },
  ],
  categories: ['ordinary'],
  controller: ENTE,
  summary: false,
};

const intervention: TimelineItem = {
  ref: 'intervento:int-0055',
  kind: 'intervento',
  date: d('2026-05-11'),
  title: t('Contributo economico per l’affitto', 'Rent support'),
  text: t('Un contributo mensile per pagare l’affitto.', 'A monthly contribution towards your rent.'),
  status: status('attiva'),
  office: SEGRETARIATO,
  period: { from: d('2026-05-01'), to: d('2026-10-31') },
  details: [],
  correction: t(
    'La data di inizio era stata registrata come 1° aprile 2026 ed è stata corretta in 1° maggio 2026; anche la comunicazione all’INPS (SIUSS) è stata corretta.',
    'The start date had been recorded as 1 April 2026 and was corrected to 1 May 2026; the report to INPS (SIUSS) was corrected too.',
  ),
  categories: ['ordinary'],
  controller: ENTE,
  summary: false,
};

const payment1: TimelineItem = {
  ref: 'erogazione:ero-0101',
  kind: 'erogazione',
  date: d('2026-05-27'),
  title: t('Pagamento del contributo per maggio 2026', 'Rent support payment for May 2026'),
  text: t('Bonifico sul tuo conto corrente.', 'Bank transfer to your account.'),
  status: status('pagato'),
  office: SEGRETARIATO,
  period: { from: d('2026-05-01'), to: d('2026-05-31') },
  amountCents: SAMPLE_PAYMENTS_CENTS[0],
  details: [],
  categories: ['ordinary'],
  controller: ENTE,
  summary: false,
};

const enteredInError: TimelineItem = {
  ref: 'documento:doc-0199',
  kind: 'documento',
  date: d('2026-06-03'),
  title: t('Documento registrato per errore', 'Document recorded in error'),
  text: t('Un certificato di un’altra pratica era stato collegato alla tua cartella.', 'A certificate of another case had been attached to your record.'),
  status: status('annullata'),
  office: SEGRETARIATO,
  details: [],
  correction: t(
    'Registrazione inserita per errore il 3 giugno 2026 e annullata il 5 giugno 2026. È elencata perché il Comune ne conserva ancora la traccia.',
    'Entered in error on 3 June 2026 and cancelled on 5 June 2026. It is listed because the Comune still keeps a trace of it.',
  ),
  categories: ['ordinary'],
  controller: ENTE,
  summary: false,
};

const iseeDocument: TimelineItem = {
  ref: 'documento:doc-0210',
  kind: 'documento',
  date: d('2026-06-10'),
  title: t('Attestazione ISEE 2026', 'ISEE certificate 2026'),
  text: t('Hai consegnato l’attestazione ISEE. Qui ne trovi i dati principali; il documento si chiede all’ufficio.', 'You handed in your ISEE certificate. Its main data are here; ask the office for the document itself.'),
  office: SEGRETARIATO,
  details: [
    { label: t('Tipo di documento', 'Type of document'), value: t('Attestazione ISEE ordinario', 'Standard ISEE certificate') },
    { label: t('Protocollo del documento', 'Document protocol'), value: t('2026/0009876 del 10 giugno 2026', '2026/0009876 of 10 June 2026') },
    { label: t('Formato', 'Format'), value: t('PDF, 3 pagine', 'PDF, 3 pages') },
  ],
  categories: ['ordinary'],
  controller: ENTE,
  summary: false,
};

const payment2: TimelineItem = {
  ref: 'erogazione:ero-0102',
  kind: 'erogazione',
  date: d('2026-06-26'),
  title: t('Pagamento del contributo per giugno 2026', 'Rent support payment for June 2026'),
  text: t('Bonifico sul tuo conto corrente, con il conguaglio delle spese condominiali.', 'Bank transfer to your account, including the building charges adjustment.'),
  status: status('pagato'),
  office: SEGRETARIATO,
  period: { from: d('2026-06-01'), to: d('2026-06-30') },
  amountCents: SAMPLE_PAYMENTS_CENTS[1],
  details: [],
  categories: ['ordinary'],
  controller: ENTE,
  summary: false,
};

const appointment: TimelineItem = {
  ref: 'appuntamento:app-0300',
  kind: 'appuntamento',
  date: d('2026-12-15'),
  title: t('Colloquio con l’assistente sociale', 'Meeting with your social worker'),
  text: t('Colloquio di verifica del progetto.', 'Review meeting on your plan.'),
  status: status('programmato'),
  office: SERVIZIO,
  details: [
    { label: t('Ora', 'Time'), value: t('10:30', '10:30 am') },
    { label: t('Luogo', 'Place'), value: t('Via Petroselli 50, Roma, stanza 12', 'Via Petroselli 50, Rome, room 12') },
    { label: t('Modalità', 'How'), value: t('In presenza', 'In person') },
  ],
  categories: ['ordinary'],
  controller: ENTE,
  summary: false,
};

const art15: Art15Info = {
  controllers: [
    {
      ente: ENTE,
      role: t('Roma Capitale, titolare del trattamento (Dipartimento Politiche Sociali e Municipio I)', 'Roma Capitale, controller (Department of Social Policies and Municipio I)'),
    },
  ],
  purposes: [
    t('Valutare il bisogno e decidere sulle domande di sostegno.', 'To assess needs and decide on applications for support.'),
    t('Seguire il progetto personalizzato e pagare i contributi.', 'To follow the personal plan and pay the contributions.'),
    t('Comunicare all’INPS le prestazioni sociali (SIUSS), come prevede la legge.', 'To report social benefits to INPS (SIUSS), as the law requires.'),
  ],
  legalBases: [
    t('Compito di interesse pubblico (art. 6(1)(e) GDPR; L. 328/2000).', 'Task carried out in the public interest (GDPR art. 6(1)(e); L. 328/2000).'),
    t('Motivi di interesse pubblico rilevante e assistenza sociale (art. 9(2)(g) e (h) GDPR; D.Lgs. 196/2003, art. 2-sexies).', 'Reasons of substantial public interest and social care (GDPR art. 9(2)(g) and (h); D.Lgs. 196/2003, art. 2-sexies).'),
  ],
  categories: [
    { category: 'ordinary', text: t('Dati anagrafici, di contatto, economici (ISEE) e sulla casa.', 'Identity, contact, income (ISEE) and housing data.') },
    { category: 'special', text: t('Dati sulla salute, solo quando servono per valutare il bisogno.', 'Health data, only when needed to assess your needs.') },
  ],
  recipients: [
    t('INPS, tramite il Sistema informativo unitario dei servizi sociali (SIUSS).', 'INPS, through the unified social services information system (SIUSS).'),
    t('La banca tesoriera di Roma Capitale, per i pagamenti.', 'Roma Capitale’s treasury bank, for the payments.'),
  ],
  retention: [t('Per 10 anni dalla chiusura della cartella, poi i dati sono cancellati.', 'For 10 years after the record is closed; then the data are deleted.')],
  sources: [
    t('Da te, con la domanda e nei colloqui.', 'From you, with your application and in meetings.'),
    t('Dall’INPS, per l’attestazione ISEE.', 'From INPS, for the ISEE certificate.'),
  ],
  automatedDecisions: t('Nessuna decisione su di te è presa solo in modo automatico.', 'No decision about you is taken by automated means only.'),
  rights: [
    t('Avere copia dei tuoi dati (art. 15 GDPR).', 'To get a copy of your data (GDPR art. 15).'),
    t('Far correggere i dati sbagliati (art. 16).', 'To have wrong data corrected (art. 16).'),
    t('Chiedere la cancellazione o la limitazione, nei casi previsti (art. 17, 18).', 'To ask for erasure or restriction, where the law allows (art. 17, 18).'),
    t('Opporti al trattamento per motivi legati alla tua situazione (art. 21).', 'To object to the processing on grounds relating to your situation (art. 21).'),
  ],
  complaint: t(
    'Puoi presentare reclamo al Garante per la protezione dei dati personali (art. 77 GDPR): www.garanteprivacy.it.',
    'You can complain to the Italian data protection authority, the Garante per la protezione dei dati personali (GDPR art. 77): www.garanteprivacy.it.',
  ),
};

const DIARY_GROUND = {
  code: 'diary',
  text: t(
    'Le annotazioni di lavoro dell’assistente sociale non sono mostrate in quest’area; puoi chiederle con una richiesta di accesso.',
    'Your social worker’s case notes are not shown here; you can ask for them with an access request.',
  ),
  source: 'GDPR art. 15(4); TAR Lazio 716/2022; Garante 28-09-2001',
};

const WITHHELD: { readonly [P in Purpose]: readonly WithheldEntry[] } = {
  portal: [
    { class: 'diario', scope: 'record', count: 3, ground: DIARY_GROUND },
    {
      class: 'documento-riservato',
      scope: 'record',
      count: 1,
      ground: {
        code: 'confidential-document',
        text: t('Un documento riservato non è mostrato in quest’area.', 'A confidential document is not shown here.'),
        source: 'GDPR art. 15(4); D.Lgs. 196/2003 art. 2-undecies c.1, c.3',
      },
    },
    {
      class: 'entered-in-error',
      scope: 'record',
      count: 1,
      ground: {
        code: 'entered-in-error',
        text: t('Una registrazione inserita per errore e annullata.', 'A record entered in error and cancelled.'),
        source: 'GDPR art. 4(2), 15(1)',
      },
    },
    {
      class: 'testo-libero',
      scope: 'field',
      count: 2,
      ground: {
        code: 'free-text',
        text: t('Le note scritte a mano libera possono nominare altre persone.', 'Free-text notes may name other people.'),
        source: 'GDPR art. 9, 15(4)',
      },
    },
  ],
  'access-request': [
    {
      class: 'diario',
      scope: 'record',
      count: 1,
      ground: {
        code: 'third-party',
        text: t(
          'Un’annotazione riguarda soprattutto un’altra persona: il responsabile della protezione dei dati ha deciso di non includerla.',
          'One note is mainly about another person: the data protection officer decided not to include it.',
        ),
        source: 'GDPR art. 15(4)',
      },
    },
    {
      class: 'segnalante',
      scope: 'field',
      count: 1,
      ground: {
        code: 'referrer-identity',
        text: t(
          'Il nome di chi ha segnalato la tua situazione al servizio è protetto; la fonte è indicata per categoria.',
          'The name of the person who reported your situation to the service is protected; the source is given by category.',
        ),
        source: 'GDPR art. 15(1)(g), 15(4); D.Lgs. 196/2003 art. 2-undecies',
      },
    },
  ],
};

const REVIEW: { readonly [P in Purpose]: readonly ReviewItem[] } = {
  portal: [{ ref: 'appuntamento:app-0300#note', class: 'testo-libero', scope: 'field', date: d('2026-12-15'), reasons: ['policy', 'free-text'] }],
  'access-request': [
    { ref: 'accesso:acc-2026-0142#bisognoRiferito', class: 'testo-libero', scope: 'field', date: d('2026-03-02'), reasons: ['free-text'] },
    { ref: 'diario:dia-0408', class: 'diario', scope: 'record', date: d('2026-04-08'), reasons: ['diary', 'third-party-source'] },
    { ref: 'diario:dia-0930', class: 'diario', scope: 'record', date: d('2026-09-30'), reasons: ['diary'] },
    { ref: 'documento:doc-0233', class: 'documento-riservato', scope: 'record', date: d('2026-09-14'), reasons: ['confidential-document', 'third-party-source'] },
    { ref: 'appuntamento:app-0300#note', class: 'testo-libero', scope: 'field', reasons: ['free-text'] },
  ],
};

/**
 * The sample view for a purpose (a new object on every call).
 *
 * @param purpose - `portal` or `access-request`.
 * @param overrides - Fields to replace (e.g. `{ operatorPrintable: true }`).
 */
export function sampleView(purpose: Purpose, overrides: Partial<CitizenView> = {}): CitizenView {
  const timeline: TimelineItem[] = [request, outcome, takenIntoCare, assessment(purpose), plan, intervention, payment1];
  if (purpose === 'access-request') timeline.push(enteredInError);
  timeline.push(iseeDocument, payment2, appointment);
  const view: CitizenView = {
    format: 'riuso-sociale/citizen-view@1',
    purpose,
    asOf: SAMPLE_AS_OF,
    locale: 'it',
    subject: { personaId: 'per-7f3a', name: 'Giulia Esposito', codiceFiscale: 'SPSGLI85M52H501Z', birthDate: d('1985-08-12'), minor: false },
    requester: { kind: 'interessato', label: t('La persona interessata', 'The person concerned') },
    operatorPrintable: false,
    timeline,
    art15,
    withheld: WITHHELD[purpose],
    needsReview: REVIEW[purpose],
    wholeViewReview: [],
    coverage: purpose === 'portal' ? { records: 14, shown: 9, withheld: 5, review: 0 } : { records: 14, shown: 10, withheld: 1, review: 3 },
    notices: [
      createIssue(
        'fascicolo.record_of_another_person',
        { it: 'Una registrazione di un’altra persona (un pagamento) è stata ignorata.', en: 'A record of another person (a payment) was ignored.' },
        { severity: 'warning' },
      ),
    ],
    ...overrides,
  };
  // A deep copy, so that a test may change it freely.
  return structuredClone(view);
}

/**
 * The sample person without a codice fiscale (an STP code): no SPID or App IO, the view is printed
 * and handed over by an operator.
 */
export function sampleViewWithoutCodiceFiscale(purpose: Purpose): CitizenView {
  const base = sampleView(purpose);
  const { codiceFiscale: _dropped, ...subject } = base.subject;
  return { ...base, subject: { ...subject, name: 'Amina Diallo', alternativeId: 'STP', birthDate: d('1994-02-01') }, operatorPrintable: true };
}
