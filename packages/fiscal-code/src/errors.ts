// SPDX-License-Identifier: BSD-3-Clause
/**
 * Issue codes and messages of the fiscal-code package, and its error class.
 * Messages never contain a whole codice fiscale or a person's name.
 * @module
 */
import { RiusoError, type Issue, type IssuePath, type LocalizedText, type NonEmptyIssues, type Severity } from '@riuso-sociale/core';

/** Every issue code this package produces. */
export type FiscalCodeIssueCode =
  | 'cf.type'
  | 'cf.empty'
  | 'cf.length'
  | 'cf.format'
  | 'cf.check_character'
  | 'cf.numeric_check_digit'
  | 'cf.month'
  | 'cf.day'
  | 'cf.date'
  | 'cf.place_unknown'
  | 'cf.place_not_valid_on_date'
  | 'cf.omocode_unofficial'
  | 'cf.not_personal'
  | 'cf.input'
  | 'cf.surname_empty'
  | 'cf.name_empty'
  | 'cf.name_length'
  | 'cf.invalid_character'
  | 'cf.sex'
  | 'cf.birth_date'
  | 'cf.birth_date_range'
  | 'cf.birth_date_future'
  | 'cf.place_format'
  | 'cf.place_ambiguous'
  | 'cf.place_name_not_valid_on_date'
  | 'cf.option'
  | 'cf.line_length';

/** Parameters of a message. */
export type IssueParamsOf = Readonly<Record<string, string | number | boolean | null>>;

/** A message catalogue: one function per code, from parameters to the Italian and English texts. */
export type MessageCatalogue<C extends string> = { readonly [K in C]: (p: IssueParamsOf) => LocalizedText };

/** The codes of the structural checks (the ones the `lite` entry point can produce). */
export type StructureIssueCode = 'cf.type' | 'cf.empty' | 'cf.length' | 'cf.format' | 'cf.check_character' | 'cf.numeric_check_digit' | 'cf.month' | 'cf.day' | 'cf.date' | 'cf.omocode_unofficial';

const MESSAGES: MessageCatalogue<StructureIssueCode> = {
  'cf.type': (p) => ({ it: `Il codice fiscale deve essere una stringa, non ${p.type}`, en: `The fiscal code must be a string, not ${p.type}` }),
  'cf.empty': () => ({ it: 'Il codice fiscale è vuoto', en: 'The fiscal code is empty' }),
  'cf.length': (p) => ({
    it: `Il codice fiscale ha ${p.length} caratteri: ne servono 16 (o 11 cifre per il codice numerico)`,
    en: `The fiscal code has ${p.length} characters: 16 are needed (or 11 digits for a numeric code)`,
  }),
  'cf.format': (p) => ({
    it: `Carattere non ammesso in posizione ${p.position}: serve ${p.expected === 'letter' ? 'una lettera A–Z' : p.expected === 'digit' ? 'una cifra (o una lettera di omocodia L–V)' : 'una lettera A–Z o una cifra'}`,
    en: `Character not allowed at position ${p.position}: ${p.expected === 'letter' ? 'a letter A–Z' : p.expected === 'digit' ? 'a digit (or an omocodia letter L–V)' : 'a letter A–Z or a digit'} is expected`,
  }),
  'cf.check_character': (p) => ({
    it: `Carattere di controllo errato: è ${p.found}, dovrebbe essere ${p.expected}`,
    en: `Wrong check character: it is ${p.found}, it should be ${p.expected}`,
  }),
  'cf.numeric_check_digit': (p) => ({
    it: `Cifra di controllo del codice numerico errata: è ${p.found}, dovrebbe essere ${p.expected}`,
    en: `Wrong check digit of the numeric code: it is ${p.found}, it should be ${p.expected}`,
  }),
  'cf.month': (p) => ({
    it: `Lettera del mese non valida (${p.found}): le lettere ammesse sono A B C D E H L M P R S T`,
    en: `Invalid month letter (${p.found}): allowed letters are A B C D E H L M P R S T`,
  }),
  'cf.day': (p) => ({
    it: `Giorno di nascita non valido (${p.day}): ammessi 01–31 per gli uomini e 41–71 per le donne`,
    en: `Invalid birth day (${p.day}): 01–31 for men and 41–71 for women are allowed`,
  }),
  'cf.date': (p) => ({
    it: `La data di nascita non esiste in nessun secolo possibile (giorno ${p.day}, mese ${p.month})`,
    en: `The birth date does not exist in any possible century (day ${p.day}, month ${p.month})`,
  }),
  'cf.omocode_unofficial': () => ({
    it: "Codice omocodico con sostituzioni in un ordine che l'Agenzia delle Entrate non usa (si parte dalla cifra più a destra)",
    en: 'Omocodic code with substitutions in an order the tax agency does not use (it starts from the rightmost digit)',
  }),
};

/** Builds an issue from a catalogue (the shape of `createIssue` in @riuso-sociale/core, built directly: hot path). */
export function issueFrom<C extends FiscalCodeIssueCode>(
  catalogue: MessageCatalogue<C>,
  code: C,
  params: IssueParamsOf,
  severity: Severity,
  path: IssuePath,
): Issue<FiscalCodeIssueCode> {
  const text = catalogue[code](params);
  return { code, severity, path, message: text.it, messageEn: text.en, params };
}

/** Builds an issue of the structural checks. */
export function cfIssue(
  code: StructureIssueCode,
  params: IssueParamsOf = {},
  severity: Severity = 'error',
  path: IssuePath = [],
): Issue<FiscalCodeIssueCode> {
  return issueFrom(MESSAGES, code, params, severity, path);
}

/**
 * The one error class of `@riuso-sociale/fiscal-code`, thrown by the functions that cannot return
 * a result (`computeFiscalCode`, `decodeFiscalCode`, `canonicalFiscalCode`…). `code` is the first
 * issue's code; `issues` lists them all. It extends `RiusoError` of `@riuso-sociale/core`.
 *
 * @example
 * ```ts
 * import { computeFiscalCode, FiscalCodeError } from '@riuso-sociale/fiscal-code';
 * try {
 *   computeFiscalCode({ surname: 'Rossi', name: 'Mario', sex: 'M', birthDate: '1980-02-30', birthPlace: 'H501' });
 * } catch (e) {
 *   if (e instanceof FiscalCodeError) console.log(e.code); // 'cf.birth_date'
 * }
 * ```
 */
export class FiscalCodeError extends RiusoError<FiscalCodeIssueCode> {
  constructor(issues: NonEmptyIssues<FiscalCodeIssueCode>) {
    super(issues);
    this.name = 'FiscalCodeError';
  }
}

