// SPDX-License-Identifier: BSD-3-Clause
/**
 * Sensitivity of every field of every entity (shared/specs/csi-and-riuso.md §A5): each top-level field
 * of each entity kind has a {@link FieldClassification} with its GDPR category, its purpose, its legal
 * basis and, when a source gives one, a retention hint. The table feeds access control
 * ({@link canAccess}), redaction ({@link redact}) and the data inventory for the DPIA and the art. 30
 * register ({@link dataInventory}).
 *
 * Categories:
 * - `ordinary`: personal data with no special protection beyond GDPR art. 5–6 (identity, dates,
 *   amounts, references);
 * - `special`: GDPR art. 9(1) "categorie particolari" — here mostly health and disability (SINA,
 *   invalidità civile, UVM), sex life (SINBA "violenza sessuale subita"), and the free text of diary
 *   notes and assessments, which may hold any of them. A field is `special` also when its **value
 *   reveals** such data by inference (area di utenza 2 "disabilità e non autosufficienza", a
 *   prestazione for disabled people): CJEU, C-184/20 *OT*, 1 Aug 2022 (indirect disclosure falls
 *   under art. 9) **(recall — check)**;
 * - `judicial`: GDPR art. 10 and D.Lgs. 196/2003 art. 2-octies (criminal convictions and offences).
 *   By the spec's choice (§A5 "Judicial data … come with provvedimenti AG") the tag also covers the
 *   civil measures of the judicial authority that this domain records (tutela, affido, limits to
 *   parental responsibility, amministrazione di sostegno): they are handled with the same care even
 *   where art. 10 does not strictly apply.
 *
 * A field that may hold more than one category lists the others in `alsoContains`; redaction keeps
 * it only when every category it may hold is kept. A field whose structure is ordinary but which holds
 * free text inside (the `reason` of each status change, the `display` label of a coded value) lists
 * those `parts` with their own classification: access control counts them as part of the field,
 * redaction keeps the field and removes the parts whose categories are not kept.
 *
 * **Status histories.** Every lifecycle kind has a `history` whose entries (state, instant, operator,
 * event) are ordinary, but whose `reason`s are free text and are classified special and judicial for
 * **every** kind. No lifecycle kind is purely organisational (`ente`, `servizio` and `operatore` have no
 * lifecycle): an `assegnazione` concerns a person in care and its reasons describe the case (a conflict
 * with the family, a health need, a complaint); a `flusso-siuss` carries beneficiaries' data and the
 * reason for a rejection quotes INPS's error about a named beneficiary. Free text may reveal health or
 * judicial matters (GDPR art. 9(1), 10), so it goes unless both categories are kept (art. 5(1)(c)
 * minimisation, art. 25(2) privacy by default).
 *
 * The legal basis of the CSI is public task, not consent (§A5): GDPR art. 6(1)(e) (and (c) where a
 * law imposes the processing), art. 9(2)(g) with D.Lgs. 196/2003 art. 2-sexies (c.2 lists the
 * socio-assistential activities for minors and people in need — letter s) **(recall — check)**) and
 * art. 9(2)(h) ("social care").
 * @module
 */
import type { LocalizedText } from '@riuso-sociale/core';
import type { EntityKind } from '../ids.js';

/**
 * GDPR category of a field: `ordinary`, `special` (art. 9) or `judicial` (art. 10).
 *
 * @example
 * ```ts
 * import type { Sensitivity } from '@riuso-sociale/csi-model';
 * const s: Sensitivity = 'special';
 * ```
 */
export type Sensitivity = 'ordinary' | 'special' | 'judicial';

/**
 * Every {@link Sensitivity}, from the least to the most restricted.
 *
 * @example
 * ```ts
 * import { SENSITIVITIES } from '@riuso-sociale/csi-model';
 * SENSITIVITIES; // ['ordinary', 'special', 'judicial']
 * ```
 */
export const SENSITIVITIES: readonly Sensitivity[] = ['ordinary', 'special', 'judicial'];

/**
 * Classification of one field: GDPR category, purpose, legal basis, retention hint when a source gives
 * one, whether it identifies the person directly.
 *
 * @example
 * ```ts
 * import { FIELD_CLASSIFICATION } from '@riuso-sociale/csi-model';
 * FIELD_CLASSIFICATION.diario.testo?.sensitivity; // 'special'
 * ```
 */
export interface FieldClassification {
  /** The category that governs the field (the most protected one it may hold). */
  readonly sensitivity: Sensitivity;
  /** Other categories the field may hold (e.g. SINBA holds health data and judicial measures). */
  readonly alsoContains?: readonly Sensitivity[];
  /** Why the field is processed (GDPR art. 5(1)(b), 30(1)(b)). */
  readonly purpose: LocalizedText;
  /** Legal basis: GDPR articles and national provisions. */
  readonly legalBasis: string;
  /** Retention hint, when a source gives one (otherwise the Comune's piano di conservazione decides). */
  readonly retention?: LocalizedText;
  /**
   * `codice-fiscale`: the codice fiscale (pseudonymised by {@link redact} when asked); `direct`: another
   * direct identifier (names, contacts, alternative identifiers), dropped by {@link redact} when asked.
   */
  readonly identifier?: 'codice-fiscale' | 'direct';
  /** Why the category was chosen, when it is not obvious. */
  readonly note?: LocalizedText;
  /**
   * Free-text (or otherwise more sensitive) parts inside the field, by relative path: `display` (a
   * property), `[].reason` (the `reason` of every item of an array). Counted by {@link categoriesOf};
   * removed by {@link redact} when their categories are not all kept.
   */
  readonly parts?: Readonly<Record<string, FieldClassification>>;
}

// ---------------------------------------------------------------------------------------------------
// Legal bases (strings quoted in the inventory).

/**
 * The legal bases quoted by {@link FIELD_CLASSIFICATION}.
 *
 * @example
 * ```ts
 * import { LEGAL_BASES } from '@riuso-sociale/csi-model';
 * LEGAL_BASES.special; // 'GDPR art. 6(1)(e), 9(2)(g)/(h); D.Lgs. 196/2003 art. 2-sexies'
 * ```
 */
export const LEGAL_BASES = {
  /** Public task of the Comune in social services (L. 328/2000; D.Lgs. 196/2003 art. 2-ter: basis in law or regulation). */
  publicTask: 'GDPR art. 6(1)(e); D.Lgs. 196/2003 art. 2-ter; L. 328/2000',
  /** Special categories for social care (spec §A5). */
  special: 'GDPR art. 6(1)(e), 9(2)(g)/(h); D.Lgs. 196/2003 art. 2-sexies',
  /** Judicial data (criminal: art. 10; civil measures of the AG handled alike, see the module notes). */
  judicial: 'GDPR art. 6(1)(e), 10; D.Lgs. 196/2003 art. 2-octies',
  /** Special categories and judicial measures together (SINBA, provvedimenti on minors). */
  specialJudicial: 'GDPR art. 6(1)(e), 9(2)(g)/(h), 10; D.Lgs. 196/2003 art. 2-sexies, 2-octies',
  /** SIUSS reporting, a legal obligation (D.Lgs. 147/2017 art. 24; DM 206/2014 Casellario dell'assistenza). */
  siuss: 'GDPR art. 6(1)(c); D.Lgs. 147/2017 art. 24; DM 206/2014',
  /** SIUSS reporting of special categories (SINA, SINBA: DM 206/2014 art. 5). */
  siussSpecial: 'GDPR art. 6(1)(c), 9(2)(g); D.Lgs. 147/2017 art. 24; DM 206/2014 art. 5; D.Lgs. 196/2003 art. 2-sexies',
  /** Means test: ISEE (DPCM 159/2013). */
  isee: 'GDPR art. 6(1)(c), 6(1)(e); DPCM 159/2013 (ISEE)',
  /** Security and accountability: access control, audit (Garante, dossier sanitario guidelines 4-6-2015). */
  security: 'GDPR art. 5(2), 6(1)(c), 32; Garante, Linee guida dossier sanitario 4-6-2015',
  /** Notices and consents (consent is not the basis of the CSI, but notices and specific consents are recorded). */
  consent: 'GDPR art. 6(1)(c), 7, 13, 14',
  /** Document management and preservation (CAD, DPR 445/2000, AgID guidelines 2021). */
  documents: 'GDPR art. 6(1)(c), 6(1)(e); D.Lgs. 82/2005 (CAD) art. 40-44; DPR 445/2000; Linee guida AgID documenti informatici 2021',
  /** Data of the Comune's staff and providers' staff (employment, security of processing). */
  staff: 'GDPR art. 6(1)(b), 6(1)(c), 32, 88; D.Lgs. 196/2003 art. 2-ter',
  /** Organisational data (Enti, services): not personal data, listed for completeness. */
  organisation: 'Dato organizzativo, non personale / Organisational data, not personal (GDPR art. 4(1) n/a)',
} as const;

// ---------------------------------------------------------------------------------------------------
// Purposes.

const P = {
  record: { it: 'Gestione e tracciabilità del record', en: 'Record management and traceability' },
  identity: { it: 'Identificazione certa della persona assistita', en: 'Reliable identification of the person' },
  contact: { it: 'Comunicazioni con la persona e con i suoi rappresentanti', en: 'Communication with the person and their representatives' },
  capacity: { it: 'Rappresentanza legale e capacità di agire', en: 'Legal representation and capacity' },
  family: { it: 'Composizione del nucleo familiare e della rete di sostegno', en: 'Household composition and support network' },
  economic: { it: 'Verifica dei requisiti economici (ISEE) e compartecipazione alla spesa', en: 'Means test (ISEE) and co-payment' },
  care: { it: 'Presa in carico sociale e progettazione personalizzata', en: 'Social care: taking in charge and personalised planning' },
  access: { it: 'Segretariato sociale: accesso, orientamento, segnalazione', en: 'Front desk: access, guidance, referral' },
  assessment: { it: 'Valutazione del bisogno (anche multidimensionale)', en: 'Needs assessment (also multidimensional)' },
  delivery: { it: 'Autorizzazione, erogazione e rendicontazione degli interventi', en: 'Authorisation, delivery and reporting of interventions' },
  siuss: { it: 'Trasmissione al SIUSS (D.Lgs. 147/2017 art. 24)', en: 'Reporting to SIUSS (D.Lgs. 147/2017 art. 24)' },
  diary: { it: 'Documentazione professionale dell\'intervento sociale (diario)', en: 'Professional record of social work (diary)' },
  judicial: { it: 'Esecuzione dei provvedimenti dell\'autorità giudiziaria', en: 'Carrying out orders of the judicial authority' },
  consent: { it: 'Gestione di informative, consensi e autorizzazioni', en: 'Notices, consents and authorisations' },
  documents: { it: 'Gestione documentale, protocollo e conservazione', en: 'Document management, registry and preservation' },
  accessControl: { it: 'Controllo degli accessi per relazione di cura', en: 'Access control by care relationship' },
  audit: { it: 'Tracciamento di accessi e operazioni (sicurezza, diritti dell\'interessato)', en: 'Audit of accesses and operations (security, data subject rights)' },
  staff: { it: 'Gestione degli operatori e delle loro abilitazioni', en: 'Staff and their permissions' },
  organisation: { it: 'Organizzazione dei servizi', en: 'Organisation of services' },
  appointments: { it: 'Programmazione, conferma e promemoria degli appuntamenti con il servizio', en: 'Scheduling, confirmation and reminders of appointments with the service' },
} as const satisfies Record<string, LocalizedText>;

const FREE_TEXT_NOTE: LocalizedText = {
  it: 'Testo libero: può contenere dati sanitari o giudiziari',
  en: 'Free text: may hold health or judicial data',
};
const INFERENCE_NOTE: LocalizedText = {
  it: 'Il valore può rivelare disabilità o non autosufficienza (es. area di utenza 2): dato particolare per inferenza',
  en: 'The value may reveal disability or non-self-sufficiency (e.g. area di utenza 2): special category by inference',
};

type Classes = Readonly<Record<string, FieldClassification>>;

function f(
  sensitivity: Sensitivity,
  purpose: LocalizedText,
  legalBasis: string,
  extra: Omit<FieldClassification, 'sensitivity' | 'purpose' | 'legalBasis'> = {},
): FieldClassification {
  return { sensitivity, purpose, legalBasis, ...extra };
}

const ord = (purpose: LocalizedText, legalBasis: string = LEGAL_BASES.publicTask, extra?: Omit<FieldClassification, 'sensitivity' | 'purpose' | 'legalBasis'>): FieldClassification =>
  f('ordinary', purpose, legalBasis, extra);
const spec = (purpose: LocalizedText, legalBasis: string = LEGAL_BASES.special, extra?: Omit<FieldClassification, 'sensitivity' | 'purpose' | 'legalBasis'>): FieldClassification =>
  f('special', purpose, legalBasis, extra);
const jud = (purpose: LocalizedText, legalBasis: string = LEGAL_BASES.judicial, extra?: Omit<FieldClassification, 'sensitivity' | 'purpose' | 'legalBasis'>): FieldClassification =>
  f('judicial', purpose, legalBasis, extra);

/** Free text: may hold anything, so special and judicial. */
const free = (purpose: LocalizedText, legalBasis: string = LEGAL_BASES.specialJudicial, note: LocalizedText = FREE_TEXT_NOTE): FieldClassification =>
  f('special', purpose, legalBasis, { alsoContains: ['judicial'], note });
/** A value that reveals health or disability by inference (CJEU C-184/20). */
const inferred = (purpose: LocalizedText, legalBasis: string = LEGAL_BASES.special, note: LocalizedText = INFERENCE_NOTE): FieldClassification =>
  f('special', purpose, legalBasis, { note });
/** The capacity of a signer (tutore, curatore, amministratore di sostegno) reveals a measure of the judge. */
const SIGNER_NOTE: LocalizedText = {
  it: 'Il ruolo del firmatario (tutore, curatore, amministratore di sostegno) rivela un provvedimento del giudice e spesso un\'infermità; contiene nominativi',
  en: 'The signer\'s capacity (guardian, curator, support administrator) reveals a court measure and often an infirmity; holds names',
};

/** `baseFields(kind)` of src/base.ts: id, ente, created/updated, version. */
function base(legalBasis: string = LEGAL_BASES.publicTask): Classes {
  const r = ord(P.record, legalBasis);
  return { id: r, ente: r, createdAt: r, createdBy: r, updatedAt: r, updatedBy: r, version: r };
}

const REASONS_NOTE: LocalizedText = {
  it: 'Stati, istanti, operatori ed eventi sono dati ordinari; le motivazioni dei cambi di stato (history[].reason) sono testo libero: possono contenere dati sanitari o giudiziari, per ogni tipo di record',
  en: 'States, instants, operators and events are ordinary; the reasons of status changes (history[].reason) are free text: they may hold health or judicial data, for every kind of record',
};

/**
 * `lifecycleFields` of any lifecycle kind: `status` ordinary; `history` ordinary in its structure, its
 * `[].reason`s free text (special and judicial, see the module notes: no lifecycle kind is exempt).
 */
function lifecycle(legalBasis: string = LEGAL_BASES.publicTask): Classes {
  return {
    status: ord(P.record, legalBasis),
    history: ord(P.record, `${legalBasis}; ${LEGAL_BASES.specialJudicial}`, { note: REASONS_NOTE, parts: { '[].reason': free(P.record) } }),
  };
}

const SIUSS = LEGAL_BASES.siuss;

const LINK_NOTE: LocalizedText = {
  it: 'Lega la persona a un provvedimento giudiziario: l\'esistenza stessa del record è un dato giudiziario (anche identificativo, date e metadati)',
  en: 'Links the person to a court order: the record\'s very existence is judicial data (its identifier, dates and metadata too)',
};

/** Every field of `classes` as judicial (a record whose existence is judicial data). */
function judicialRecord(classes: Classes): Classes {
  return Object.fromEntries(Object.entries(classes).map(([k, c]) => [k, { ...c, sensitivity: 'judicial' as const, note: LINK_NOTE }]));
}

const DISPLAY_NOTE: LocalizedText = {
  it: 'Il codice è un dato ordinario; l\'etichetta (display) è testo libero scritto dal fornitore e può contenere qualsiasi cosa',
  en: 'The code is ordinary; its label (display) is free text written by the vendor and may hold anything',
};

/** Retention of access logs: at least 24 months (spec §A5, from the Garante dossier guidelines, marked recall there). */
const AUDIT_RETENTION: LocalizedText = {
  it: 'Log degli accessi: almeno 24 mesi (Garante, Linee guida dossier sanitario 4-6-2015 — da verificare); separati dai dati',
  en: 'Access logs: at least 24 months (Garante, dossier sanitario guidelines 4-6-2015 — to check); kept apart from the data',
};
const aud = (): FieldClassification => ord(P.audit, LEGAL_BASES.security, { retention: AUDIT_RETENTION });

/**
 * Classification of every top-level field of every entity kind (the keys of each schema's `.shape`).
 * A test checks that it covers every field of `ENTITY_SCHEMAS` and names no field that does not exist.
 *
 * @example
 * ```ts
 * import { FIELD_CLASSIFICATION } from '@riuso-sociale/csi-model';
 * FIELD_CLASSIFICATION.valutazione.sina?.sensitivity;            // 'special'
 * FIELD_CLASSIFICATION.cartella.tutelaAutoritaGiudiziaria?.sensitivity; // 'judicial'
 * FIELD_CLASSIFICATION.persona.codiceFiscale?.identifier;        // 'codice-fiscale'
 * ```
 */
export const FIELD_CLASSIFICATION: { readonly [K in EntityKind]: Readonly<Record<string, FieldClassification>> } = {
  persona: {
    ...base(),
    ...lifecycle(),
    codiceFiscale: ord(P.identity, LEGAL_BASES.publicTask, { identifier: 'codice-fiscale' }),
    identificativoAlternativo: ord(P.identity, LEGAL_BASES.special, {
      identifier: 'direct',
      alsoContains: ['special'],
      note: {
        it: 'Un codice STP/ENI è rilasciato dalla ASL per le cure agli stranieri senza permesso: rivela accesso a cure sanitarie',
        en: 'An STP/ENI code is issued by the local health authority for care of foreigners without a permit: it reveals access to health care',
      },
    }),
    cognome: ord(P.identity, LEGAL_BASES.publicTask, { identifier: 'direct' }),
    nome: ord(P.identity, LEGAL_BASES.publicTask, { identifier: 'direct' }),
    sesso: ord(P.identity, SIUSS),
    identitaGenere: spec(P.identity, LEGAL_BASES.special, {
      note: {
        it: 'Identità di genere: può rivelare vita sessuale, orientamento o stato di salute (art. 9(1))',
        en: 'Gender identity: may reveal sex life, orientation or health (art. 9(1))',
      },
    }),
    dataNascita: ord(P.identity),
    luogoNascita: ord(P.identity),
    cittadinanza: ord(P.identity, SIUSS, {
      note: { it: 'La cittadinanza non è di per sé origine etnica (art. 9)', en: 'Citizenship is not in itself ethnic origin (art. 9)' },
    }),
    secondaCittadinanza: ord(P.identity, SIUSS),
    residenza: ord(P.identity, SIUSS),
    domicilio: ord(P.contact, LEGAL_BASES.publicTask, {
      note: {
        it: 'Un domicilio presso una struttura protetta (es. casa rifugio) va trattato come riservato',
        en: 'A domicile at a protected facility (e.g. a shelter) must be treated as confidential',
      },
    }),
    contatti: ord(P.contact, LEGAL_BASES.publicTask, { identifier: 'direct' }),
    capacitaGiuridica: jud(P.capacity, LEGAL_BASES.specialJudicial, {
      alsoContains: ['special'],
      note: {
        it: 'Tutela, curatela e amministrazione di sostegno sono disposte dal giudice e presuppongono spesso un\'infermità',
        en: 'Guardianship, curatorship and support administration are ordered by a judge and often imply an infirmity',
      },
    }),
    dataDecesso: ord(P.identity, LEGAL_BASES.publicTask, {
      note: { it: 'Dati dei defunti: D.Lgs. 196/2003 art. 2-terdecies', en: 'Data of deceased persons: D.Lgs. 196/2003 art. 2-terdecies' },
    }),
    unitaA: ord(P.identity),
  },
  'nucleo-familiare': {
    ...base(),
    tipo: ord(P.family),
    validoDal: ord(P.family),
    validoAl: ord(P.family),
    protocolloDsu: ord(P.economic, LEGAL_BASES.isee),
    componenti: ord(P.family),
    datiEconomici: ord(P.economic, LEGAL_BASES.isee, {
      note: {
        it: 'Rivela disagio economico-sociale: mai pubblicabile (D.Lgs. 33/2013 art. 26 c.4)',
        en: 'Reveals economic and social hardship: never publishable (D.Lgs. 33/2013 art. 26 c.4)',
      },
    }),
  },
  'rete-sociale': {
    ...base(),
    persona: ord(P.family),
    rilevataIl: ord(P.family),
    conclusaIl: ord(P.family),
    membri: spec(P.family, LEGAL_BASES.special, {
      identifier: 'direct',
      note: {
        it: 'Nominativi di terzi; il supporto fornito (testo libero) descrive spesso bisogni di cura',
        en: 'Names of third parties; the support given (free text) often describes care needs',
      },
    }),
    areaSupporto: spec(P.assessment, LEGAL_BASES.siussSpecial, {
      note: { it: 'Dimensione SINA AreaSupporto', en: 'SINA dimension AreaSupporto' },
    }),
    note: free(P.family),
  },
  cartella: {
    ...base(),
    ...lifecycle(),
    persona: ord(P.care),
    apertaIl: ord(P.care),
    chiusaIl: ord(P.care),
    responsabile: ord(P.accessControl, LEGAL_BASES.security),
    minore: ord(P.care),
    tutelaAutoritaGiudiziaria: jud(P.judicial),
  },
  accesso: {
    ...base(),
    ...lifecycle(),
    persona: ord(P.access),
    data: ord(P.access),
    canale: ord(P.access),
    fonte: jud(P.access, LEGAL_BASES.specialJudicial, {
      alsoContains: ['special'],
      note: {
        it: 'SINBA FonteSegnalazione: 1 giustizia minorile, 5 forze dell\'ordine, 10–11 autorità giudiziaria, 3 servizi sanitari',
        en: 'SINBA FonteSegnalazione: 1 juvenile justice, 5 police, 10–11 judicial authority, 3 health services',
      },
    }),
    segnalante: f('judicial', P.access, LEGAL_BASES.specialJudicial, {
      alsoContains: ['special'],
      identifier: 'direct',
      note: { it: 'Testo libero: chi segnala (tribunale, medico, forze dell\'ordine, nominativi)', en: 'Free text: who refers (court, doctor, police, names)' },
    }),
    bisognoRiferito: free(P.access),
    areaUtenza: inferred(P.access, LEGAL_BASES.special),
    operatore: ord(P.accessControl, LEGAL_BASES.security),
    esito: ord(P.access),
    esitoIl: ord(P.access),
    inviatoA: inferred(P.access, LEGAL_BASES.special, {
      it: 'Il servizio di invio (es. centro di salute mentale, SerD) può rivelare dati sanitari',
      en: 'The service referred to (e.g. mental health centre, addiction service) may reveal health data',
    }),
    presaInCarico: ord(P.access),
    protocollo: ord(P.documents, LEGAL_BASES.documents),
    termineConclusione: ord(P.access, `${LEGAL_BASES.publicTask}; L. 241/1990 art. 2`),
    ufficio: ord(P.access),
  },
  'presa-in-carico': {
    ...base(),
    ...lifecycle(),
    cartella: ord(P.care),
    persona: ord(P.care),
    areaUtenza: spec(P.care, LEGAL_BASES.siussSpecial, { note: INFERENCE_NOTE }),
    servizio: ord(P.care),
    caseManager: ord(P.accessControl, LEGAL_BASES.security),
    equipe: ord(P.accessControl, LEGAL_BASES.security),
    avviataIl: ord(P.care),
    chiusaIl: ord(P.care),
    motivoChiusura: ord(P.care, `${LEGAL_BASES.siuss}; ${LEGAL_BASES.specialJudicial}`, {
      note: DISPLAY_NOTE,
      parts: { display: free(P.care) },
    }),
    situazioneChiusura: jud(P.care, LEGAL_BASES.specialJudicial, {
      alsoContains: ['special'],
      note: {
        it: 'SINBA SituazioneChiusuraCarico: 5 = struttura residenziale sanitaria, 7 = istituto penale',
        en: 'SINBA SituazioneChiusuraCarico: 5 = residential health facility, 7 = prison (juvenile)',
      },
    }),
    trasferitaA: ord(P.care),
  },
  valutazione: {
    ...base(),
    ...lifecycle(LEGAL_BASES.special),
    persona: ord(P.assessment),
    presaInCarico: ord(P.assessment),
    tipo: spec(P.assessment, LEGAL_BASES.special, {
      note: { it: 'Tipo UVM o SINA rivela disabilità o non autosufficienza', en: 'A UVM or SINA type reveals disability or non-self-sufficiency' },
    }),
    data: ord(P.assessment),
    strumento: spec(P.assessment, LEGAL_BASES.special, {
      note: { it: 'Strumenti come SVAMA valutano la non autosufficienza', en: 'Tools such as SVAMA assess non-self-sufficiency' },
    }),
    fonte: ord(P.assessment, `${LEGAL_BASES.publicTask}; ${LEGAL_BASES.specialJudicial}`, { note: DISPLAY_NOTE, parts: { display: free(P.assessment) } }),
    sina: spec(P.assessment, LEGAL_BASES.siussSpecial, {
      note: { it: 'Dimensioni SINA: mobilità, disturbi cognitivi, cure sanitarie, invalidità civile', en: 'SINA dimensions: mobility, cognitive disorders, health care needs, civil disability' },
    }),
    sinba: spec(P.assessment, LEGAL_BASES.siussSpecial + '; GDPR art. 10', {
      alsoContains: ['judicial'],
      note: {
        it: 'SINBA: disabilità, violenza sessuale subita, segnalazioni e provvedimenti dell\'autorità giudiziaria; pseudonimo (DM 206/2014 art. 5 c.4)',
        en: 'SINBA: disability, sexual violence suffered, referrals and orders of the judicial authority; pseudonymous (DM 206/2014 art. 5 c.4)',
      },
    }),
    dimensioni: spec(P.assessment, LEGAL_BASES.specialJudicial, {
      alsoContains: ['judicial'],
      note: { it: 'Dimensioni libere (tipo ICF) e testo libero', en: 'Free (ICF-like) dimensions and free text' },
    }),
    puntiDiForza: free(P.assessment),
    rischi: free(P.assessment),
    sintesi: free(P.assessment),
    equipe: ord(P.assessment),
    superataDa: ord(P.assessment),
  },
  progetto: {
    ...base(),
    ...lifecycle(),
    persona: ord(P.care),
    presaInCarico: ord(P.care),
    tipo: inferred(P.care, LEGAL_BASES.special, {
      it: 'PEI e progetto di vita riguardano persone con disabilità',
      en: 'PEI and progetto di vita concern people with disabilities',
    }),
    titolo: free(P.care),
    caseManager: ord(P.accessControl, LEGAL_BASES.security),
    dal: ord(P.care),
    al: ord(P.care),
    prossimaRevisione: ord(P.care),
    impegni: free(P.care),
    budgetCents: ord(P.care),
    sottoscrizioni: jud(P.care, LEGAL_BASES.specialJudicial, { alsoContains: ['special'], note: SIGNER_NOTE }),
    revisioni: free(P.care),
  },
  obiettivo: {
    ...base(),
    ...lifecycle(),
    progetto: ord(P.care),
    persona: ord(P.care),
    descrizione: free(P.care),
    dominio: inferred(P.care, LEGAL_BASES.special, {
      it: 'Testo libero breve: un dominio «salute» rivela un bisogno sanitario',
      en: 'Short free text: a "health" domain reveals a health need',
    }),
    dal: ord(P.care),
    dataTarget: ord(P.care),
    indicatore: free(P.care),
    risultatoAtteso: free(P.care),
    titolare: ord(P.care),
    operatore: ord(P.accessControl, LEGAL_BASES.security),
    esitoIl: ord(P.care),
    noteEsito: free(P.care),
  },
  intervento: {
    ...base(),
    ...lifecycle(),
    persona: ord(P.delivery),
    presaInCarico: ord(P.delivery),
    senzaPresaInCarico: ord(P.delivery, SIUSS),
    progetto: ord(P.delivery),
    prestazione: spec(P.delivery, LEGAL_BASES.siussSpecial, { note: INFERENCE_NOTE }),
    denominazione: spec(P.delivery, LEGAL_BASES.siussSpecial, { note: INFERENCE_NOTE }),
    areaUtenza: spec(P.delivery, LEGAL_BASES.siussSpecial, { note: INFERENCE_NOTE }),
    carattere: ord(P.delivery, SIUSS),
    provaMezzi: ord(P.economic, SIUSS),
    dsu: ord(P.economic, LEGAL_BASES.isee),
    sogliaIseeCents: ord(P.economic, LEGAL_BASES.isee),
    dal: ord(P.delivery),
    al: ord(P.delivery),
    quantitaOreMese: ord(P.delivery, SIUSS),
    enteGestore: ord(P.delivery),
    attoAutorizzativo: ord(P.delivery),
    listaAttesa: ord(P.delivery),
  },
  erogazione: {
    ...base(),
    ...lifecycle(),
    intervento: ord(P.delivery),
    persona: ord(P.delivery),
    dal: ord(P.delivery, SIUSS),
    al: ord(P.delivery, SIUSS),
    dataErogazione: ord(P.delivery, SIUSS),
    importoCents: ord(P.delivery, SIUSS),
    importoMensileCents: ord(P.delivery, SIUSS),
    quotaEnteCents: ord(P.delivery, SIUSS),
    quotaUtenteCents: ord(P.economic, SIUSS),
    quotaSsnCents: inferred(P.delivery, LEGAL_BASES.siussSpecial, {
      it: 'Una quota a carico del SSN indica una prestazione socio-sanitaria, quindi un bisogno sanitario (dato particolare per inferenza)',
      en: 'A share paid by the national health service marks a socio-health service, hence a health need (special category by inference)',
    }),
    oreErogate: ord(P.delivery, SIUSS),
    accessi: ord(P.delivery),
    documento: ord(P.delivery),
    valutazione: ord(P.delivery),
    valutazioneData: ord(P.delivery),
    esportazione: ord(P.siuss, SIUSS),
    scarto: ord(P.siuss, SIUSS),
    annullaErogazione: ord(P.siuss, SIUSS),
  },
  diario: {
    ...base(),
    ...lifecycle(),
    persona: ord(P.diary),
    presaInCarico: ord(P.diary),
    tipo: ord(P.diary),
    data: ord(P.diary),
    autore: ord(P.accessControl, LEGAL_BASES.security),
    partecipanti: f('special', P.diary, LEGAL_BASES.specialJudicial, {
      alsoContains: ['judicial'],
      identifier: 'direct',
      note: {
        it: 'Testo libero: nomi e ruoli di terzi presenti al colloquio (familiari, medico del CSM, avvocato, forze dell\'ordine), che rivelano dati sanitari o giudiziari',
        en: 'Free text: names and roles of third parties at the meeting (relatives, mental-health doctor, lawyer, police), which reveal health or judicial data',
      },
    }),
    testo: spec(P.diary, LEGAL_BASES.specialJudicial, { alsoContains: ['judicial'], note: FREE_TEXT_NOTE }),
    obiettivi: ord(P.diary),
    riservatezza: ord(P.accessControl, LEGAL_BASES.security, {
      note: { it: 'Segreto professionale dell\'assistente sociale (L. 119/2001) per le note solo-autore (da verificare)', en: 'Social workers\' professional secrecy (L. 119/2001) for author-only notes (to check)' },
    }),
    addendumDi: ord(P.diary),
  },
  documento: {
    ...base(LEGAL_BASES.documents),
    ...lifecycle(LEGAL_BASES.documents),
    persona: ord(P.documents, LEGAL_BASES.documents),
    cartella: ord(P.documents, LEGAL_BASES.documents),
    presaInCarico: ord(P.documents, LEGAL_BASES.documents),
    tipologia: spec(P.documents, LEGAL_BASES.specialJudicial, {
      alsoContains: ['judicial'],
      note: {
        it: 'La tipologia rivela il contenuto: verbale di invalidità (sanitario), decreto dell\'autorità giudiziaria, segnalazione all\'autorità giudiziaria',
        en: 'The type reveals the content: disability certificate (health), court decree, report to the judicial authority',
      },
    }),
    oggetto: free(P.documents),
    dataDocumento: ord(P.documents, LEGAL_BASES.documents),
    classificazione: ord(P.documents, LEGAL_BASES.documents),
    protocollo: ord(P.documents, LEGAL_BASES.documents),
    fascicolo: free(P.documents, LEGAL_BASES.specialJudicial, {
      it: 'L\'oggetto del fascicolo è testo libero: può contenere dati sanitari o giudiziari',
      en: 'The file subject is free text: it may hold health or judicial data',
    }),
    nomeFile: free(P.documents, LEGAL_BASES.specialJudicial, {
      it: 'Il nome del file è testo libero (spesso con nome e tipo di documento)',
      en: 'The file name is free text (often with the name and the kind of document)',
    }),
    formato: ord(P.documents, LEGAL_BASES.documents),
    dimensioneByte: ord(P.documents, LEGAL_BASES.documents),
    sha256: ord(P.documents, LEGAL_BASES.documents),
    firmatoDigitalmente: ord(P.documents, LEGAL_BASES.documents),
    riservato: ord(P.accessControl, LEGAL_BASES.documents),
    conservazione: ord(P.documents, LEGAL_BASES.documents, {
      retention: {
        it: 'Il campo stesso indica classe e anni del piano di conservazione dell\'Ente (massimario di scarto)',
        en: 'The field itself gives the class and years of the Ente\'s retention schedule',
      },
    }),
    sostituisce: ord(P.documents, LEGAL_BASES.documents),
  },
  provvedimento: {
    // The record's very existence is judicial data: even its id, dates and metadata reveal a court order.
    ...judicialRecord(base(LEGAL_BASES.judicial)),
    status: jud(P.judicial, LEGAL_BASES.judicial, { note: LINK_NOTE }),
    history: jud(P.judicial, LEGAL_BASES.specialJudicial, { note: LINK_NOTE, parts: { '[].reason': free(P.judicial) } }),
    persona: jud(P.judicial, LEGAL_BASES.judicial, { note: LINK_NOTE }),
    presaInCarico: jud(P.judicial, LEGAL_BASES.judicial, { note: LINK_NOTE }),
    autorita: jud(P.judicial),
    sedeAutorita: jud(P.judicial),
    tipo: jud(P.judicial),
    potestaTutela: jud(P.judicial),
    numero: jud(P.judicial),
    data: jud(P.judicial, LEGAL_BASES.judicial, { note: LINK_NOTE }),
    dal: jud(P.judicial, LEGAL_BASES.judicial, { note: LINK_NOTE }),
    al: jud(P.judicial, LEGAL_BASES.judicial, { note: LINK_NOTE }),
    prescrizioni: jud(P.judicial, LEGAL_BASES.specialJudicial, { alsoContains: ['special'], note: FREE_TEXT_NOTE }),
    affido: jud(P.judicial),
    inserimentoResidenziale: jud(P.judicial, LEGAL_BASES.specialJudicial, {
      alsoContains: ['special'],
      note: { it: 'L\'inserimento può essere in struttura socio-sanitaria', en: 'The placement may be in a socio-health facility' },
    }),
    documento: jud(P.judicial, LEGAL_BASES.judicial, { note: LINK_NOTE }),
    modificaDi: jud(P.judicial, LEGAL_BASES.judicial, { note: LINK_NOTE }),
  },
  consenso: {
    ...base(LEGAL_BASES.consent),
    ...lifecycle(LEGAL_BASES.consent),
    persona: ord(P.consent, LEGAL_BASES.consent),
    tipo: ord(P.consent, LEGAL_BASES.consent),
    finalita: free(P.consent),
    ambito: free(P.consent),
    destinatari: inferred(P.consent, LEGAL_BASES.special, {
      it: 'I destinatari (es. SerD, centro di salute mentale) possono rivelare dati sanitari',
      en: 'Recipients (e.g. addiction service, mental health centre) may reveal health data',
    }),
    delegato: ord(P.consent, LEGAL_BASES.consent),
    firmatario: f('judicial', P.consent, LEGAL_BASES.specialJudicial, { alsoContains: ['special'], identifier: 'direct', note: SIGNER_NOTE }),
    data: ord(P.consent, LEGAL_BASES.consent),
    scadenza: ord(P.consent, LEGAL_BASES.consent),
    revocatoIl: ord(P.consent, LEGAL_BASES.consent),
    documento: ord(P.consent, LEGAL_BASES.consent),
  },
  operatore: {
    ...base(LEGAL_BASES.staff),
    codiceFiscale: ord(P.staff, LEGAL_BASES.staff, { identifier: 'codice-fiscale' }),
    cognome: ord(P.staff, LEGAL_BASES.staff, { identifier: 'direct' }),
    nome: ord(P.staff, LEGAL_BASES.staff, { identifier: 'direct' }),
    ruolo: ord(P.accessControl, LEGAL_BASES.security),
    servizi: ord(P.accessControl, LEGAL_BASES.security),
    organizzazione: ord(P.staff, LEGAL_BASES.staff),
    email: ord(P.staff, LEGAL_BASES.staff, { identifier: 'direct' }),
    attivo: ord(P.accessControl, LEGAL_BASES.security),
  },
  assegnazione: {
    ...base(LEGAL_BASES.security),
    ...lifecycle(LEGAL_BASES.security),
    operatore: ord(P.accessControl, LEGAL_BASES.security),
    presaInCarico: ord(P.accessControl, LEGAL_BASES.security),
    persona: ord(P.accessControl, LEGAL_BASES.security),
    ruolo: ord(P.accessControl, LEGAL_BASES.security),
    dal: ord(P.accessControl, LEGAL_BASES.security),
    al: ord(P.accessControl, LEGAL_BASES.security),
    motivoCambio: free(P.accessControl),
  },
  ente: {
    ...base(LEGAL_BASES.organisation),
    tipo: ord(P.organisation, LEGAL_BASES.organisation),
    denominazione: ord(P.organisation, LEGAL_BASES.organisation),
    codiceFiscale: ord(P.organisation, LEGAL_BASES.organisation, {
      note: { it: 'Codice fiscale numerico di un ente, non di una persona: non pseudonimizzato', en: 'Numeric fiscal code of a body, not of a person: not pseudonymised' },
    }),
    codiceIpa: ord(P.organisation, LEGAL_BASES.organisation),
    belfiore: ord(P.organisation, LEGAL_BASES.organisation),
    istat: ord(P.organisation, LEGAL_BASES.organisation),
    ambito: ord(P.organisation, LEGAL_BASES.organisation),
    comuni: ord(P.organisation, LEGAL_BASES.organisation),
    accreditato: ord(P.organisation, LEGAL_BASES.organisation),
    attivo: ord(P.organisation, LEGAL_BASES.organisation),
    cessatoIl: ord(P.organisation, LEGAL_BASES.organisation),
  },
  servizio: {
    ...base(LEGAL_BASES.organisation),
    tipo: ord(P.organisation, LEGAL_BASES.organisation),
    denominazione: ord(P.organisation, LEGAL_BASES.organisation),
    codiceNomenclatore: ord(P.organisation, LEGAL_BASES.organisation),
    areeUtenza: ord(P.organisation, LEGAL_BASES.organisation),
    gestore: ord(P.organisation, LEGAL_BASES.organisation),
    parteDi: ord(P.organisation, LEGAL_BASES.organisation),
    indirizzo: ord(P.organisation, LEGAL_BASES.organisation),
    attivo: ord(P.organisation, LEGAL_BASES.organisation),
    cessatoIl: ord(P.organisation, LEGAL_BASES.organisation),
  },
  'audit-event': {
    id: aud(),
    at: aud(),
    actor: aud(),
    action: aud(),
    entity: aud(),
    persona: aud(),
    transition: aud(),
    reason: spec(P.audit, `${LEGAL_BASES.security}; ${LEGAL_BASES.specialJudicial}`, {
      alsoContains: ['judicial'],
      retention: AUDIT_RETENTION,
      note: { it: 'Motivazioni di break-glass e chiusure: testo libero', en: 'Break-glass and closure reasons: free text' },
    }),
    outcome: aud(),
    ente: aud(),
    seq: aud(),
    keyId: aud(),
    prevHash: aud(),
    hash: aud(),
  },
  'flusso-siuss': {
    ...base(SIUSS),
    ...lifecycle(SIUSS),
    tipo: ord(P.siuss, SIUSS),
    nome: ord(P.siuss, SIUSS),
    generatoAt: ord(P.siuss, SIUSS),
    hashPayload: ord(P.siuss, SIUSS),
    erogazioni: ord(P.siuss, SIUSS),
    valutazioni: ord(P.siuss, SIUSS),
    esito: ord(P.siuss, SIUSS),
  },
  appuntamento: {
    ...base(),
    ...lifecycle(),
    persona: ord(P.appointments),
    presaInCarico: ord(P.appointments),
    servizio: ord(P.appointments),
    operatore: ord(P.accessControl, LEGAL_BASES.security),
    inizio: ord(P.appointments),
    fine: ord(P.appointments),
    modalita: ord(P.appointments),
    luogo: inferred(P.appointments, LEGAL_BASES.special, {
      it: 'Il luogo (es. centro di salute mentale, SerD, ospedale) può rivelare dati sanitari',
      en: 'The place (e.g. mental-health centre, addiction service, hospital) may reveal health data',
    }),
    oggetto: free(P.appointments),
    note: free(P.appointments),
    motivoAnnullamento: free(P.appointments),
  },
};

/**
 * The classification of a field of an entity kind, or `undefined` when the field is not classified
 * (callers treat an unknown field as the most protected: see {@link sensitivitiesOf}).
 *
 * @example
 * ```ts
 * import { classifyField } from '@riuso-sociale/csi-model';
 * classifyField('diario', 'testo')?.sensitivity; // 'special'
 * classifyField('diario', 'nope');               // undefined
 * ```
 */
export function classifyField(kind: EntityKind, field: string): FieldClassification | undefined {
  const table = tableOf(kind);
  if (table === undefined || typeof field !== 'string' || !Object.hasOwn(table, field)) return undefined;
  return table[field];
}

/** The table of a kind; `undefined` for a string that is not a kind (own keys only: never `toString` & co.). */
function tableOf(kind: string): Classes | undefined {
  return typeof kind === 'string' && Object.hasOwn(FIELD_CLASSIFICATION, kind) ? (FIELD_CLASSIFICATION[kind as EntityKind] as Classes) : undefined;
}

/**
 * Every category a field may hold: its `sensitivity` and its `alsoContains`.
 *
 * @example
 * ```ts
 * import { categoriesOf, FIELD_CLASSIFICATION } from '@riuso-sociale/csi-model';
 * categoriesOf(FIELD_CLASSIFICATION.valutazione.sinba!); // ['special', 'judicial']
 * ```
 */
export function categoriesOf(c: FieldClassification): readonly Sensitivity[] {
  const found = new Set<Sensitivity>(ownCategoriesOf(c));
  for (const part of Object.values(c.parts ?? {})) for (const s of categoriesOf(part)) found.add(s);
  const [first, ...rest] = [c.sensitivity, ...SENSITIVITIES.filter((s) => s !== c.sensitivity && found.has(s))];
  return [first as Sensitivity, ...rest];
}

/**
 * The categories of a field without its {@link FieldClassification.parts}: what remains once redaction
 * has removed the parts.
 *
 * @example
 * ```ts
 * import { ownCategoriesOf, FIELD_CLASSIFICATION } from '@riuso-sociale/csi-model';
 * ownCategoriesOf(FIELD_CLASSIFICATION.cartella.history!); // ['ordinary']
 * ```
 */
export function ownCategoriesOf(c: FieldClassification): readonly Sensitivity[] {
  return c.alsoContains === undefined ? [c.sensitivity] : [c.sensitivity, ...c.alsoContains.filter((s) => s !== c.sensitivity)];
}

/**
 * The categories of data that a set of fields of a kind may hold (every field of the kind when
 * `fields` is omitted), in {@link SENSITIVITIES} order. An unclassified field, or any field of a string
 * that is not an entity kind, counts as `special` and `judicial` (fail closed).
 *
 * @example
 * ```ts
 * import { sensitivitiesOf } from '@riuso-sociale/csi-model';
 * sensitivitiesOf('erogazione', ['importoCents', 'dal']); // ['ordinary']
 * sensitivitiesOf('diario');                               // ['ordinary', 'special', 'judicial']
 * ```
 */
export function sensitivitiesOf(kind: EntityKind, fields?: readonly string[]): readonly Sensitivity[] {
  const found = new Set<Sensitivity>();
  const table = tableOf(kind);
  // An unknown kind: none of its fields is classified (fail closed).
  if (table === undefined) return ['special', 'judicial'];
  const names = fields ?? Object.keys(table);
  for (const name of names) {
    const c = classifyField(kind, name);
    if (c === undefined) {
      found.add('special');
      found.add('judicial');
    } else for (const s of categoriesOf(c)) found.add(s);
  }
  return SENSITIVITIES.filter((s) => found.has(s));
}

/**
 * The classified fields of a kind whose every category is among `keep` (e.g. the fields an
 * `amministrativo` may read: `fieldsWithin(kind, ['ordinary'])`).
 *
 * @example
 * ```ts
 * import { fieldsWithin } from '@riuso-sociale/csi-model';
 * fieldsWithin('diario', ['ordinary']).includes('testo'); // false
 * fieldsWithin('diario', ['ordinary']).includes('data');  // true
 * ```
 */
export function fieldsWithin(kind: EntityKind, keep: readonly Sensitivity[]): readonly string[] {
  const table = tableOf(kind) ?? {};
  return Object.keys(table).filter((name) => {
    const c = table[name];
    return c !== undefined && categoriesOf(c).every((s) => keep.includes(s));
  });
}
