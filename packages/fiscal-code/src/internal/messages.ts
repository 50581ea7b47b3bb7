// SPDX-License-Identifier: BSD-3-Clause
/**
 * Messages of the checks beyond the structure (places, person data, options): kept apart from
 * `errors.ts` so that the `lite` entry point does not carry them.
 * @module
 */
import { formatDateNumeric, isIsoDate, type DatePreposition, type Issue, type IssuePath, type Severity } from '@riuso-sociale/core';
import { FiscalCodeError, issueFrom, type FiscalCodeIssueCode, type IssueParamsOf, type MessageCatalogue, type StructureIssueCode } from '../errors.js';

/** The codes that are not structural. */
export type OtherIssueCode = Exclude<FiscalCodeIssueCode, StructureIssueCode>;

/**
 * A date of a message as `dd/MM/yyyy` with its preposition ("dal 19/08/1955"), or the value as given.
 * Numeric rather than in words, as these two rare messages have always written it: the choice was
 * made when `formatDate`'s long form carried date-fns (~9 KB gzip on every bundle of
 * `validateFiscalCode`, whose budget is 80 KB). It no longer does (a table of month names): in words
 * it would add about 0.3 KB gzip, but the messages' text would change.
 */
function dateText(value: string, options: { lang?: 'it' | 'en'; preposition?: DatePreposition } = {}): string {
  if (isIsoDate(value)) return formatDateNumeric(value, options);
  return value;
}

/** "valido dal 19/08/1955 a oggi", "valid until 31/12/1927": a place's period. */
function validity(from: unknown, to: unknown, lang: 'it' | 'en'): string {
  const start = typeof from === 'string' ? dateText(from, { lang, preposition: 'from' }) : undefined;
  const end = typeof to === 'string' ? dateText(to, { lang, preposition: 'to' }) : lang === 'it' ? 'a oggi' : 'to today';
  const word = lang === 'it' ? 'valido' : 'valid';
  if (start !== undefined) return `${word} ${start} ${end}`;
  return typeof to === 'string' ? `${word} ${lang === 'it' ? 'fino ' : 'until '}${dateText(to, { lang, ...(lang === 'it' ? { preposition: 'to' as const } : {}) })}` : word;
}

const MESSAGES: MessageCatalogue<OtherIssueCode> = {
  'cf.place_unknown': (p) =>
    p.byName === true
      ? {
          it: `Luogo di nascita sconosciuto: «${p.place}»${p.suggestions === null || p.suggestions === undefined ? '' : `; forse: ${p.suggestions}`}`,
          en: `Unknown birthplace: «${p.place}»${p.suggestions === null || p.suggestions === undefined ? '' : `; did you mean: ${p.suggestions}`}`,
        }
      : { it: `Codice del luogo di nascita sconosciuto: ${p.place}`, en: `Unknown birthplace code: ${p.place}` },
  'cf.place_name_not_valid_on_date': (p) => ({
    it: `Nessun luogo chiamato «${p.place}» esisteva alla data di nascita (${p.candidates}): controllare il nome, o indicare il codice Belfiore se l'Agenzia delle Entrate l'ha comunque usato`,
    en: `No place named «${p.place}» existed on the birth date (${p.candidates}): check the name, or give the Belfiore code if the tax agency used it anyway`,
  }),
  'cf.place_not_valid_on_date': (p) => ({
    it: `Il luogo ${p.place} non risulta valido alla data di nascita (${validity(p.validFrom, p.validTo, 'it')}); l'Agenzia delle Entrate rilascia comunque codici simili`,
    en: `Place ${p.place} is not recorded as valid on the birth date (${validity(p.validFrom, p.validTo, 'en')}); the tax agency does issue such codes`,
  }),
  'cf.not_personal': () => ({
    it: 'Il codice numerico di 11 cifre non contiene dati anagrafici da decodificare',
    en: 'An 11-digit numeric code holds no personal data to decode',
  }),
  'cf.input': (p) => ({
    it: `Dati della persona mancanti o non validi: ${p.detail}`,
    en: `Missing or invalid person data: ${p.detail}`,
  }),
  'cf.surname_empty': () => ({ it: 'Il cognome non contiene lettere', en: 'The surname contains no letters' }),
  'cf.name_empty': () => ({ it: 'Il nome non contiene lettere', en: 'The name contains no letters' }),
  'cf.name_length': (p) => ({
    it: `${p.field === 'surname' ? 'Cognome troppo lungo' : 'Nome troppo lungo'} (${p.length} caratteri): al massimo ${p.max}`,
    en: `${p.field === 'surname' ? 'Surname' : 'Name'} too long (${p.length} characters): at most ${p.max}`,
  }),
  'cf.invalid_character': (p) => ({
    it: `Carattere non latino nel ${p.field === 'surname' ? 'cognome' : 'nome'} (posizione ${p.position}, ${p.codePoint}): traslitterarlo in lettere A–Z come nel documento d'identità`,
    en: `Non-Latin character in the ${p.field} (position ${p.position}, ${p.codePoint}): transliterate it into A–Z letters as in the identity document`,
  }),
  'cf.sex': () => ({ it: "Il sesso deve essere 'M' o 'F'", en: "Sex must be 'M' or 'F'" }),
  'cf.birth_date': () => ({
    it: 'La data di nascita deve essere una data esistente nel formato AAAA-MM-GG',
    en: 'The birth date must be an existing date written YYYY-MM-DD',
  }),
  'cf.birth_date_range': (p) => ({
    it: `Anno di nascita fuori intervallo (${p.year}): ammessi 1800–2099`,
    en: `Birth year out of range (${p.year}): 1800–2099 allowed`,
  }),
  'cf.birth_date_future': (p) => ({
    it: `La data di nascita è nel futuro (dopo ${dateText(String(p.referenceDate), { preposition: 'on' })})`,
    en: `The birth date is in the future (after ${dateText(String(p.referenceDate), { lang: 'en' })})`,
  }),
  'cf.place_format': () => ({
    it: "Luogo di nascita non valido: un codice Belfiore (es. 'H501', 'Z110') o { name, province? }",
    en: "Invalid birthplace: a Belfiore code (e.g. 'H501', 'Z110') or { name, province? }",
  }),
  'cf.place_ambiguous': (p) => ({
    it: `Più luoghi si chiamano «${p.place}» (${p.candidates}): indicare la provincia`,
    en: `Several places are named «${p.place}» (${p.candidates}): give the province`,
  }),
  'cf.option': (p) => ({ it: `Opzione non valida: ${p.detail}`, en: `Invalid option: ${p.detail}` }),
  'cf.line_length': (p) => ({
    it: `Riga ${p.line} dell'ingresso troppo lunga: più di ${p.max} caratteri (un codice per riga)`,
    en: `Input line ${p.line} too long: more than ${p.max} characters (one code per line)`,
  }),
};

/** Builds an issue of the non-structural checks. */
export function moreIssue(
  code: OtherIssueCode,
  params: IssueParamsOf = {},
  severity: Severity = 'error',
  path: IssuePath = [],
): Issue<FiscalCodeIssueCode> {
  return issueFrom(MESSAGES, code, params, severity, path);
}

/** Throws a {@link FiscalCodeError} with one issue. */
export function throwIssue(code: OtherIssueCode, params: IssueParamsOf = {}, path: IssuePath = []): never {
  throw new FiscalCodeError([moreIssue(code, params, 'error', path)]);
}
