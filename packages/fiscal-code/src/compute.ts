// SPDX-License-Identifier: BSD-3-Clause
/**
 * Computing a codice fiscale from a person's data.
 * @module
 */
import { isIsoDate, isoDateParts, type IsoDate } from '@riuso-sociale/core';
import { FiscalCodeError } from './errors.js';
import { moreIssue, throwIssue } from './internal/messages.js';
import { checkCharacter } from './internal/check.js';
import { todayCached } from './internal/century.js';
import { foldLetters, nameCode, surnameCode } from './internal/names.js';
import { MONTH_LETTERS } from './internal/tables.js';
import { findPlaces } from './places/api.js';
import { describePlace, echoPlaceName, PLACE_NAME_MAX, suggestPlaces } from './places/query.js';
import { foldPlaceName, periodFor, placeStore, validOn } from './places/store.js';
import type { FiscalCode, Place, Sex } from './types.js';

/** A birthplace by name; `province` is needed only when several places share the name. */
export interface BirthPlaceByName {
  /** Name of the comune or foreign state, in Italian (`Roma`, `Forlì`, `Francia`); accents, case and apostrophes do not matter. */
  readonly name: string;
  /** Province abbreviation (`FC`), for comuni with the same name. */
  readonly province?: string;
}

/** The data a codice fiscale is computed from. */
export interface PersonData {
  /** Surname(s) as in the identity document. */
  readonly surname: string;
  /** Given name(s) as in the identity document. */
  readonly name: string;
  readonly sex: Sex;
  /** Birth date `YYYY-MM-DD` (years 1800–2099). */
  readonly birthDate: string;
  /** A Belfiore code (`'H501'`, `'Z110'`) or a place by name, resolved as valid on the birth date. */
  readonly birthPlace: string | BirthPlaceByName;
}

const BELFIORE_RE = /^[A-Z]\d{3}$/;

/**
 * Longest surname or name accepted, in UTF-16 code units (`cf.name_length`). Real names, even with
 * several given names or a double surname, stay far below 100 characters; 200 leaves room for them
 * and for spacing, while a pasted document or a hostile 10 MB string is refused before any work.
 */
export const MAX_NAME_LENGTH = 200;

/**
 * Finds the place a birthplace designates on a birth date, or throws `cf.place_format`,
 * `cf.place_unknown` (with suggestions when given by name), `cf.place_ambiguous` or
 * `cf.place_name_not_valid_on_date` (a name whose places all did not exist on the birth date: the
 * code is then never chosen silently; give the Belfiore code if the agency issued it anyway).
 */
export function resolveBirthPlace(birthPlace: unknown, birthDate: IsoDate | null): Place {
  if (typeof birthPlace === 'string') {
    const code = birthPlace.trim().toUpperCase();
    if (!BELFIORE_RE.test(code)) throwIssue('cf.place_format', {}, ['birthPlace']);
    const periods = placeStore().byCode.get(code);
    if (periods === undefined) throwIssue('cf.place_unknown', { place: code }, ['birthPlace']);
    return periodFor(periods, birthDate).place;
  }
  if (birthPlace === null || typeof birthPlace !== 'object' || typeof (birthPlace as BirthPlaceByName).name !== 'string') {
    throwIssue('cf.place_format', {}, ['birthPlace']);
  }
  const { name, province } = birthPlace as BirthPlaceByName;
  if (province !== undefined && typeof province !== 'string') throwIssue('cf.place_format', {}, ['birthPlace', 'province']);
  if (name.length > PLACE_NAME_MAX) throwIssue('cf.place_unknown', { place: echoPlaceName(name), byName: true, suggestions: null, suggestionCodes: null }, ['birthPlace']);
  // One pass over the periods with that name: the single code valid on the birth date.
  const wanted = province === undefined ? undefined : province.trim().toUpperCase();
  let onDate: Place | undefined;
  let onDateCount = 0;
  let any: Place | undefined;
  let anyCount = 0;
  for (const p of placeStore().byName.get(foldPlaceName(name)) ?? []) {
    if (wanted !== undefined && p.province !== wanted) continue;
    // Periods of one code are consecutive (the table is sorted by code).
    if (any === undefined || any.code !== p.code) {
      anyCount++;
      any = p;
    }
    if (birthDate !== null && validOn(p, birthDate) && onDate?.code !== p.code) {
      onDate = p;
      onDateCount++;
    }
  }
  if (onDateCount === 1) return onDate as Place;
  // Without a readable birth date (already an error) a single place by name is enough.
  if (birthDate === null && anyCount === 1) return any as Place;
  // Otherwise the detailed path: the readings of findPlaces ("Torino (TO)", "H501"…), then the error.
  const query = wanted === undefined ? { name } : { name, province: wanted };
  const place = echoPlaceName(name);
  const found = birthDate === null ? findPlaces(query) : findPlaces({ ...query, date: birthDate });
  if (found.length === 1) return found[0] as Place;
  if (found.length > 1) {
    throwIssue('cf.place_ambiguous', { place, candidates: found.slice(0, 10).map((p) => describePlace(p)).join(', ') }, ['birthPlace']);
  }
  // Nothing valid on the birth date: never a code of a place that did not exist then, by name.
  const other = birthDate === null ? [] : findPlaces(query);
  if (other.length > 0) {
    throwIssue('cf.place_name_not_valid_on_date', {
      place,
      candidates: other.slice(0, 10).map((p) => describePlace(p, true)).join(', '),
    }, ['birthPlace']);
  }
  const suggestions = suggestPlaces(name, birthDate);
  throwIssue('cf.place_unknown', {
    place,
    byName: true,
    suggestions: suggestions.length === 0 ? null : suggestions.map((p) => describePlace(p)).join(', '),
    suggestionCodes: suggestions.length === 0 ? null : suggestions.map((p) => p.code).join(','),
  }, ['birthPlace']);
}

function readBirthDate(value: unknown, reference: IsoDate): IsoDate {
  if (!isIsoDate(value)) throwIssue('cf.birth_date', {}, ['birthDate']);
  const year = (value.charCodeAt(0) - 48) * 1000 + (value.charCodeAt(1) - 48) * 100 + (value.charCodeAt(2) - 48) * 10 + value.charCodeAt(3) - 48;
  if (year < 1800 || year > 2099) throwIssue('cf.birth_date_range', { year }, ['birthDate']);
  if (value > reference) throwIssue('cf.birth_date_future', { referenceDate: reference }, ['birthDate']);
  return value;
}

/** Options of {@link computeFiscalCode}. */
export interface ComputeOptions {
  /** The day that counts as "today": later birth dates are an error (default: today in Italy). */
  readonly referenceDate?: string;
}

/**
 * Computes the (base, non-omocodic) codice fiscale of a person.
 *
 * Names are folded as described in the package README (accents removed, ß → SS, apostrophes,
 * spaces and dashes ignored); letters outside the Latin alphabet are an error, never dropped.
 *
 * @throws {@link FiscalCodeError} `cf.input`, `cf.surname_empty`, `cf.name_empty`, `cf.name_length`,
 *   `cf.invalid_character`, `cf.sex`, `cf.birth_date`, `cf.birth_date_range`, `cf.birth_date_future`
 *   (after `options.referenceDate`, by default today in Italy), `cf.option`, `cf.place_format`,
 *   `cf.place_unknown`, `cf.place_ambiguous`, `cf.place_name_not_valid_on_date`.
 * @example
 * ```ts
 * import { computeFiscalCode } from '@riuso-sociale/fiscal-code';
 * computeFiscalCode({ surname: 'Rossi', name: 'Mario', sex: 'M', birthDate: '1980-01-01', birthPlace: 'H501' });
 * // 'RSSMRA80A01H501U'
 * computeFiscalCode({ surname: 'Dupont', name: 'Jeanne', sex: 'F', birthDate: '1975-07-14', birthPlace: { name: 'Francia' } });
 * ```
 */
export function computeFiscalCode(person: PersonData, options: ComputeOptions = {}): FiscalCode {
  if (person === null || typeof person !== 'object') throwIssue('cf.input', { detail: 'person' });
  let reference: IsoDate;
  if (options === null || typeof options !== 'object') throwIssue('cf.option', { detail: 'options' });
  if (options.referenceDate === undefined) reference = todayCached();
  else if (isIsoDate(options.referenceDate)) reference = options.referenceDate;
  else throwIssue('cf.option', { detail: 'referenceDate (YYYY-MM-DD)' });
  const errors = [];
  let sur = '';
  let nam = '';
  for (const field of ['surname', 'name'] as const) {
    const value: unknown = person[field];
    if (typeof value !== 'string') {
      errors.push(moreIssue('cf.input', { detail: field }, 'error', [field]));
      continue;
    }
    if (value.length > MAX_NAME_LENGTH) {
      errors.push(moreIssue('cf.name_length', { field, length: value.length, max: MAX_NAME_LENGTH }, 'error', [field]));
      continue;
    }
    try {
      const letters = foldLetters(value, field);
      if (letters === '') errors.push(moreIssue(field === 'surname' ? 'cf.surname_empty' : 'cf.name_empty', {}, 'error', [field]));
      else if (field === 'surname') sur = surnameCode(letters);
      else nam = nameCode(letters);
    } catch (e) {
      if (e instanceof FiscalCodeError) errors.push(...e.issues);
      else throw e;
    }
  }
  const sex: unknown = person.sex;
  if (sex !== 'M' && sex !== 'F') errors.push(moreIssue('cf.sex', {}, 'error', ['sex']));
  let birthDate: IsoDate | null = null;
  try {
    birthDate = readBirthDate(person.birthDate, reference);
  } catch (e) {
    if (e instanceof FiscalCodeError) errors.push(...e.issues);
    else throw e;
  }
  let place: Place | null = null;
  try {
    place = resolveBirthPlace(person.birthPlace, birthDate);
  } catch (e) {
    if (e instanceof FiscalCodeError) errors.push(...e.issues);
    else throw e;
  }
  const [first, ...rest] = errors;
  if (first !== undefined) throw new FiscalCodeError([first, ...rest]);
  const { year, month, day } = isoDateParts(birthDate as IsoDate);
  const dd = sex === 'F' ? day + 40 : day;
  const base =
    sur + nam + String(year % 100).padStart(2, '0') + MONTH_LETTERS.charAt(month - 1) +
    String(dd).padStart(2, '0') + (place as Place).code;
  return (base + checkCharacter(base)) as FiscalCode;
}
