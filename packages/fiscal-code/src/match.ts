// SPDX-License-Identifier: BSD-3-Clause
/**
 * Checking a codice fiscale against a person's data, field by field.
 * @module
 */
import { isIsoDate, isoDateParts } from '@riuso-sociale/core';
import { FiscalCodeError } from './errors.js';
import { foldLetters, nameCode, surnameCode } from './internal/names.js';
import { notPersonal, readOrThrow } from './omocodia.js';
import { findPlaces } from './places/api.js';
import { MAX_NAME_LENGTH, type BirthPlaceByName, type PersonData } from './compute.js';

/** Outcome for one field: `unknown` when the field was not given or cannot be read. */
export type MatchOutcome = 'match' | 'mismatch' | 'unknown';

/** Per-field outcome of {@link matchFiscalCode}. */
export interface FiscalCodeMatch {
  readonly surname: MatchOutcome;
  readonly name: MatchOutcome;
  readonly sex: MatchOutcome;
  readonly birthDate: MatchOutcome;
  readonly birthPlace: MatchOutcome;
  /** `true` when no field is a mismatch (fields not given do not count against). */
  readonly consistent: boolean;
}

function letters(value: unknown, field: 'surname' | 'name'): string | null {
  if (typeof value !== 'string' || value.length > MAX_NAME_LENGTH) return null;
  try {
    const folded = foldLetters(value, field);
    return folded === '' ? null : folded;
  } catch (e) {
    if (e instanceof FiscalCodeError) return null;
    throw e;
  }
}

function outcome(expected: string | null, actual: string): MatchOutcome {
  return expected === null ? 'unknown' : expected === actual ? 'match' : 'mismatch';
}

/**
 * Compares a codice fiscale with what is known of a person. Omocodic codes match their person
 * (comparison is on the base code). Give any subset of the fields; the missing ones are `unknown`.
 * A birthplace given by name matches when any place of that name (and province) has the code's
 * Belfiore code in any period.
 *
 * @throws {@link FiscalCodeError} when the code is structurally invalid, or `cf.not_personal`
 *   for a numeric code.
 * @example
 * ```ts
 * import { matchFiscalCode } from '@riuso-sociale/fiscal-code';
 * const m = matchFiscalCode('RSSMRA80A01H50MM', { surname: 'Rossi', sex: 'F', birthPlace: { name: 'Roma' } });
 * m.surname;    // 'match'
 * m.sex;        // 'mismatch' (day 01: a man)
 * m.birthDate;  // 'unknown' (not given)
 * m.consistent; // false
 * ```
 */
export function matchFiscalCode(code: string, person: Partial<PersonData>): FiscalCodeMatch {
  const parts = readOrThrow(code);
  if (parts.kind === 'numeric') throw notPersonal();
  const p: Partial<PersonData> = person ?? {};
  const sur = letters(p.surname, 'surname');
  const nam = letters(p.name, 'name');
  const surname = outcome(sur === null ? null : surnameCode(sur), parts.code.slice(0, 3));
  const name = outcome(nam === null ? null : nameCode(nam), parts.code.slice(3, 6));
  const sex = p.sex === 'M' || p.sex === 'F' ? (p.sex === parts.sex ? 'match' : 'mismatch') : 'unknown';
  let birthDate: MatchOutcome = 'unknown';
  if (isIsoDate(p.birthDate)) {
    const d = isoDateParts(p.birthDate);
    birthDate = d.year % 100 === parts.yy && d.month === parts.month && d.day === parts.day ? 'match' : 'mismatch';
  }
  let birthPlace: MatchOutcome = 'unknown';
  const bp: unknown = p.birthPlace;
  if (typeof bp === 'string' && /^[A-Za-z]\d{3}$/.test(bp.trim())) {
    birthPlace = bp.trim().toUpperCase() === parts.place ? 'match' : 'mismatch';
  } else if (bp !== null && typeof bp === 'object' && typeof (bp as BirthPlaceByName).name === 'string') {
    const { name: placeName, province } = bp as BirthPlaceByName;
    const found = findPlaces(typeof province === 'string' ? { name: placeName, province } : { name: placeName });
    if (found.length > 0) birthPlace = found.some((f) => f.code === parts.place) ? 'match' : 'mismatch';
  }
  const all = [surname, name, sex, birthDate, birthPlace];
  return { surname, name, sex, birthDate, birthPlace, consistent: !all.includes('mismatch') };
}
