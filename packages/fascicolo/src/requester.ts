// SPDX-License-Identifier: BSD-3-Clause
/**
 * Who may ask for a citizen view, checked against the record and the day (shared/specs/fascicolo.md
 * §4.1–4.2, issue 17 §3). Everything not explicitly allowed is refused with a typed error (fail
 * closed): an unknown kind, a title not valid on the day, a malformed date or codice fiscale, a
 * representative outside their scope, a parent of an adult, a parent whose responsibility a court
 * has limited.
 * @module
 */
import { addDays, ageOn, createIssue, fail, isIsoDate, isoDateParts, makeIsoDate, ok, type IsoDate, type Issue, type LocalizedText, type Result } from '@riuso-sociale/core';
import type { Persona, Provvedimento } from '@riuso-sociale/csi-model';
import { REQUESTER_KINDS, SOCIAL_DATA_SCOPE, type CitizenRecord, type Policy, type Purpose, type Requester, type RequesterBasis, type RequesterKind, type ViewRequester } from './model.js';

/** Issue codes of the requester's check. */
export type RequesterIssueCode =
  | 'fascicolo.requester_invalid'
  | 'fascicolo.requester_not_allowed'
  | 'fascicolo.requester_identity'
  | 'fascicolo.requester_not_valid_on_date'
  | 'fascicolo.requester_out_of_scope'
  | 'fascicolo.requester_title_mismatch'
  | 'fascicolo.subject_adult'
  | 'fascicolo.subject_minor'
  | 'fascicolo.parental_responsibility_limited'
  | 'fascicolo.parental_review_required'
  | 'fascicolo.subject_not_available';

/**
 * The label of each requester kind, in Italian and English.
 *
 * @example
 * ```ts
 * import { REQUESTER_LABELS } from '@riuso-sociale/fascicolo';
 * REQUESTER_LABELS['amministratore-di-sostegno'].it; // 'Amministratore di sostegno'
 * ```
 */
export const REQUESTER_LABELS: { readonly [K in RequesterKind]: LocalizedText } = {
  interessato: { it: 'La persona interessata', en: 'The data subject' },
  genitore: { it: 'Genitore', en: 'Parent' },
  tutore: { it: 'Tutore', en: 'Guardian' },
  'curatore-speciale': { it: 'Curatore speciale', en: 'Special curator' },
  'amministratore-di-sostegno': { it: 'Amministratore di sostegno', en: 'Support administrator' },
  delegato: { it: 'Delegato', en: 'Delegate' },
};

const CF = /^(?:[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-EHLMPR-T][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]|\d{11})$/;
const REQUESTER_KEYS = new Set(['kind', 'codiceFiscale', 'personaId', 'basis', 'validFrom', 'validTo', 'scope']);
const BASIS_KEYS = new Set(['act', 'reference', 'date', 'issuedBy']);

type Issues = [Issue<RequesterIssueCode>, ...Issue<RequesterIssueCode>[]];

const refuse = (code: RequesterIssueCode, it: string, en: string, path: readonly (string | number)[] = ['requester']): Result<never, RequesterIssueCode> =>
  fail([createIssue(code, { it, en }, { path })] as Issues);

/**
 * The first day someone born on `birth` is 18 (a person born on 29 February comes of age on
 * 1 March in common years, as `ageOn` counts).
 */
export function majorityDate(birth: IsoDate): IsoDate {
  const { year, month, day } = isoDateParts(birth);
  return makeIsoDate(year + 18, month, day) ?? (makeIsoDate(year + 18, 3, 1) as IsoDate);
}

/**
 * Is a court order in force on `day`? Status `attivo` or `modificato` (a modified order still
 * binds until replaced) and `dal` ≤ day ≤ `al`. Orders entered in error or ceased do not count.
 */
function inForce(p: Provvedimento, day: IsoDate): boolean {
  return (p.status === 'attivo' || p.status === 'modificato') && p.dal <= day && (p.al === undefined || day <= p.al);
}

/**
 * Checks the requester's title for the subject on `asOf` and returns it as the view records it.
 * `purpose` matters for a parent of a child in foster care or a residential placement: the portal
 * (no operator in the loop) is refused, an access request goes ahead with a review of the whole view.
 *
 * @returns the view's requester and whether the whole view needs review (`parentalReview`).
 */
export function checkRequester(
  input: unknown,
  record: CitizenRecord,
  asOf: IsoDate,
  purpose: Purpose,
  policy: Policy,
): Result<{ readonly requester: ViewRequester; readonly parentalReview: boolean }, RequesterIssueCode> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return refuse('fascicolo.requester_invalid', 'Richiedente mancante o non valido', 'Missing or invalid requester');
  }
  for (const key of Object.keys(input)) {
    if (!REQUESTER_KEYS.has(key)) return refuse('fascicolo.requester_invalid', 'Richiedente con un campo sconosciuto', 'Requester with an unknown field', ['requester', key.slice(0, 40)]);
  }
  const r = input as Requester;
  if (!(REQUESTER_KINDS as readonly unknown[]).includes(r.kind)) {
    return refuse(
      'fascicolo.requester_not_allowed',
      "Chi chiede non è tra i soggetti ammessi (interessato, genitore, tutore, curatore speciale, amministratore di sostegno, delegato)",
      'The requester is none of those allowed (data subject, parent, guardian, special curator, support administrator, delegate)',
      ['requester', 'kind'],
    );
  }
  const kind = r.kind;
  // Dates and identity, well formed.
  for (const key of ['validFrom', 'validTo'] as const) {
    if (r[key] !== undefined && !isIsoDate(r[key])) return refuse('fascicolo.requester_invalid', `Data non valida (${key}): attesa AAAA-MM-GG`, `Invalid date (${key}): YYYY-MM-DD expected`, ['requester', key]);
  }
  if (r.validFrom !== undefined && r.validTo !== undefined && r.validTo < r.validFrom) {
    return refuse('fascicolo.requester_invalid', 'Titolo che finisce prima di iniziare', 'A title that ends before it starts', ['requester', 'validTo']);
  }
  if (r.codiceFiscale !== undefined && (typeof r.codiceFiscale !== 'string' || !CF.test(r.codiceFiscale))) {
    return refuse('fascicolo.requester_invalid', 'Codice fiscale del richiedente non valido', "Invalid requester's fiscal code", ['requester', 'codiceFiscale']);
  }
  if (r.personaId !== undefined && (typeof r.personaId !== 'string' || r.personaId.length === 0 || r.personaId.length > 100)) {
    return refuse('fascicolo.requester_invalid', 'Identificativo del richiedente non valido', "Invalid requester's identifier", ['requester', 'personaId']);
  }
  let basis: RequesterBasis | undefined;
  if (r.basis !== undefined) {
    const b = r.basis as unknown;
    if (b === null || typeof b !== 'object' || Array.isArray(b) || !Object.keys(b).every((k) => BASIS_KEYS.has(k))) {
      return refuse('fascicolo.requester_invalid', 'Titolo del richiedente non valido: { act, date, reference?, issuedBy? }', "Invalid requester's title: { act, date, reference?, issuedBy? }", ['requester', 'basis']);
    }
    const bb = b as RequesterBasis;
    const text = (v: unknown, max: number): boolean => typeof v === 'string' && v.trim() !== '' && v.length <= max;
    if (!text(bb.act, 300) || !isIsoDate(bb.date) || (bb.reference !== undefined && !text(bb.reference, 100)) || (bb.issuedBy !== undefined && !text(bb.issuedBy, 300))) {
      return refuse('fascicolo.requester_invalid', "Titolo del richiedente incompleto: atto (testo) e data (AAAA-MM-GG)", "Incomplete requester's title: act (text) and date (YYYY-MM-DD)", ['requester', 'basis']);
    }
    if (bb.date > asOf) return refuse('fascicolo.requester_not_valid_on_date', "L'atto che dà il titolo è successivo alla data della vista", 'The act giving the title is later than the date of the view', ['requester', 'basis', 'date']);
    basis = { act: bb.act, date: bb.date, ...(bb.reference !== undefined ? { reference: bb.reference } : {}), ...(bb.issuedBy !== undefined ? { issuedBy: bb.issuedBy } : {}) };
  }
  if (r.scope !== undefined && (!Array.isArray(r.scope) || !r.scope.every((s) => typeof s === 'string' && s.length <= 100))) {
    return refuse('fascicolo.requester_invalid', 'Ambito del titolo non valido: un elenco di voci', "Invalid title scope: a list of entries", ['requester', 'scope']);
  }
  if ((r.validFrom !== undefined && asOf < r.validFrom) || (r.validTo !== undefined && asOf > r.validTo)) {
    return refuse('fascicolo.requester_not_valid_on_date', 'Il titolo del richiedente non vale alla data della vista', "The requester's title does not hold on the date of the view", ['requester']);
  }

  const persona = record.persona;
  const age = ageOn(persona.dataNascita, asOf);
  const minor = age < 18;
  const subjectCf = persona.codiceFiscale;
  // Everyone but a person without a codice fiscale identifies with SPID/CIE: their code is needed.
  const needsCf = !(kind === 'interessato' && subjectCf === undefined);
  if (needsCf && r.codiceFiscale === undefined) {
    return refuse('fascicolo.requester_identity', 'Manca il codice fiscale del richiedente (identità SPID/CIE)', "The requester's fiscal code (SPID/CIE identity) is missing", ['requester', 'codiceFiscale']);
  }
  const needBasis = (): Result<never, RequesterIssueCode> | undefined =>
    basis === undefined ? refuse('fascicolo.requester_invalid', "Manca l'atto che dà il titolo (decreto, delega)", 'The act giving the title (decree, delegation) is missing', ['requester', 'basis']) : undefined;
  const needScope = (): Result<never, RequesterIssueCode> | undefined =>
    r.scope === undefined || !r.scope.includes(SOCIAL_DATA_SCOPE)
      ? refuse('fascicolo.requester_out_of_scope', `Il titolo non comprende l'accesso ai dati sociali («${SOCIAL_DATA_SCOPE}»)`, `The title does not cover access to social-care data ("${SOCIAL_DATA_SCOPE}")`, ['requester', 'scope'])
      : undefined;
  let validTo: IsoDate | undefined = r.validTo as IsoDate | undefined;
  let parentalReview = false;
  switch (kind) {
    case 'interessato': {
      if (subjectCf !== undefined && r.codiceFiscale !== subjectCf) {
        return refuse('fascicolo.requester_identity', "Il codice fiscale del richiedente non è quello della persona", "The requester's fiscal code is not the subject's", ['requester', 'codiceFiscale']);
      }
      if (subjectCf === undefined && r.codiceFiscale !== undefined) {
        return refuse('fascicolo.requester_identity', 'La persona non ha codice fiscale: il richiedente non può essere identificato con esso', 'The subject has no fiscal code: the requester cannot be identified by one', ['requester', 'codiceFiscale']);
      }
      if (minor && (policy.minorOwnViewFromAge === null || age < policy.minorOwnViewFromAge)) {
        return refuse('fascicolo.subject_minor', 'La politica del Comune non dà la vista ai minorenni di questa età', "The Comune's policy gives no view to minors of this age", ['requester', 'kind']);
      }
      break;
    }
    case 'genitore': {
      if (r.codiceFiscale === subjectCf) return refuse('fascicolo.requester_identity', 'Il genitore non può essere la persona stessa', 'The parent cannot be the subject', ['requester', 'codiceFiscale']);
      if (!minor) {
        return refuse('fascicolo.subject_adult', 'La persona è maggiorenne: la responsabilità genitoriale è finita (c.c. art. 316)', 'The subject is of age: parental responsibility has ended (c.c. art. 316)', ['requester', 'kind']);
      }
      // The title ends the day before the 18th birthday (calendar date in Italy).
      const last = addDays(majorityDate(persona.dataNascita), -1);
      validTo = validTo === undefined || last < validTo ? last : validTo;
      const orders = (record.provvedimento ?? []).filter((p) => p.persona === persona.id && inForce(p, asOf));
      if (orders.some((p) => p.potestaTutela !== undefined)) {
        return refuse(
          'fascicolo.parental_responsibility_limited',
          "Un provvedimento in vigore limita la responsabilità genitoriale: la richiesta passa per il tutore o l'operatore",
          'An order in force limits parental responsibility: the request goes through the guardian or an operator',
          ['requester', 'kind'],
        );
      }
      if (orders.some((p) => p.affido !== undefined || p.inserimentoResidenziale !== undefined)) {
        if (purpose === 'portal') {
          return refuse(
            'fascicolo.parental_review_required',
            "Il minore è in affido o in una struttura per provvedimento: la vista per il genitore si prepara con un operatore (richiesta di accesso)",
            'The child is in foster care or a placement by court order: the parent\'s view is prepared with an operator (access request)',
            ['requester', 'kind'],
          );
        }
        parentalReview = true;
      }
      break;
    }
    case 'tutore':
    case 'curatore-speciale': {
      const missing = needBasis();
      if (missing !== undefined) return missing;
      if (kind === 'tutore' && !minor && persona.capacitaGiuridica?.tipo !== 'tutela') {
        return refuse('fascicolo.requester_title_mismatch', 'La persona è maggiorenne e non risulta sotto tutela', 'The subject is of age and not recorded under guardianship', ['requester', 'kind']);
      }
      break;
    }
    case 'amministratore-di-sostegno': {
      const missing = needBasis() ?? needScope();
      if (missing !== undefined) return missing;
      if (persona.capacitaGiuridica !== undefined && persona.capacitaGiuridica.tipo !== 'amministrazione-di-sostegno') {
        return refuse('fascicolo.requester_title_mismatch', "La cartella non registra un'amministrazione di sostegno per la persona", 'The record holds no support administration for the subject', ['requester', 'kind']);
      }
      break;
    }
    case 'delegato': {
      const missing = needBasis() ?? needScope();
      if (missing !== undefined) return missing;
      if (r.validTo === undefined) {
        return refuse('fascicolo.requester_invalid', 'Una delega ha una scadenza (validTo)', 'A delegation has an end date (validTo)', ['requester', 'validTo']);
      }
      if (minor) return refuse('fascicolo.subject_minor', 'Per un minorenne chiedono i genitori o il tutore, non un delegato', "For a minor the parents or the guardian ask, not a delegate", ['requester', 'kind']);
      break;
    }
  }
  const requester: ViewRequester = {
    kind,
    label: REQUESTER_LABELS[kind],
    ...(validTo !== undefined ? { validTo } : {}),
    ...(basis !== undefined ? { basis } : {}),
  };
  return ok({ requester, parentalReview });
}

/** The subject's checks that do not depend on who asks. */
export function checkSubject(persona: Persona, subject: unknown): Result<true, RequesterIssueCode> {
  if (typeof subject !== 'string' || subject !== persona.id) {
    return refuse('fascicolo.subject_not_available', 'La persona richiesta non è quella della cartella', 'The requested person is not the one of the record', ['subject']);
  }
  if (persona.status === 'entered-in-error') {
    return refuse('fascicolo.subject_not_available', 'Scheda della persona inserita per errore', 'Person record entered in error', ['subject']);
  }
  if (persona.status === 'unita') {
    return refuse('fascicolo.subject_not_available', "La scheda è stata unita a un'altra: chiedere la vista di quella", 'The record was merged into another: ask for that one', ['subject']);
  }
  if (persona.status === 'deceduta') {
    // D.Lgs. 196/2003 art. 2-terdecies: the rights of a deceased person are exercised by whoever
    // has an own interest; that is an operator's assessment, not a self-service view.
    return refuse('fascicolo.subject_not_available', 'Persona deceduta: i diritti si esercitano con una richiesta al Comune (D.Lgs. 196/2003 art. 2-terdecies)', 'Deceased person: rights are exercised by a request to the Comune (D.Lgs. 196/2003 art. 2-terdecies)', ['subject']);
  }
  return ok(true);
}
