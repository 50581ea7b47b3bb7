// SPDX-License-Identifier: BSD-3-Clause
/**
 * Decoding a codice fiscale: sex, birth date (with the century resolved) and birthplace.
 * @module
 */
import type { IsoDate } from '@riuso-sociale/core';
import { canonicalOf } from './internal/parse.js';
import { notPersonal, readOrThrow } from './omocodia.js';
import type { FiscalCode, Place, Sex } from './types.js';
import { readDateOptions, resolveBirth } from './validate.js';

/** Options of {@link decodeFiscalCode}. */
export interface DecodeOptions {
  /** The day that counts as "today": later dates are impossible (default: today in Italy). */
  readonly referenceDate?: string;
  /** Oldest plausible age in years on the reference date (default 122). */
  readonly maxAge?: number;
}

/** What a codice fiscale says about its holder. */
export interface DecodedFiscalCode {
  /** The code as given (trimmed, upper-case). */
  readonly code: FiscalCode;
  /** The base code (omocode letters back to digits). */
  readonly canonical: FiscalCode;
  readonly sex: Sex;
  /**
   * The most plausible birth date: among the candidates, the youngest on which the birthplace
   * existed, else the youngest. `null` when no candidate is plausible (all in the future or beyond
   * the maximum age).
   */
  readonly birthDate: IsoDate | null;
  /** Every plausible birth date (18yy, 19yy, 20yy), youngest first. */
  readonly birthDateCandidates: readonly IsoDate[];
  /**
   * The birthplace in the period valid on the birth date (its name and province then); when it was
   * not valid on that day, the closest period. `null` when the code is unknown to the table.
   */
  readonly birthPlace: Place | null;
  /** Whether the birthplace existed on `birthDate`. */
  readonly birthPlaceValidOnDate: boolean;
  /** How many digits were replaced for omocodia (0–7). */
  readonly omocodeLevel: number;
}

/**
 * Decodes a personal codice fiscale.
 *
 * The century cannot be read from the code: impossible and future dates are dropped, as are dates
 * beyond the maximum age; a century in which the birthplace existed is preferred; otherwise the
 * youngest. Every candidate is returned too.
 *
 * @throws {@link FiscalCodeError} when the code is structurally invalid (the issues of
 *   `validateFiscalCode`), or `cf.not_personal` for an 11-digit numeric code.
 * @example
 * ```ts
 * import { decodeFiscalCode } from '@riuso-sociale/fiscal-code';
 * const d = decodeFiscalCode('RSSMRA80A41H501Y', { referenceDate: '2026-01-01' });
 * d.sex;               // 'F'
 * d.birthDate;         // '1980-01-01'
 * d.birthPlace?.name;  // 'Roma'
 * ```
 */
export function decodeFiscalCode(code: string, options: DecodeOptions = {}): DecodedFiscalCode {
  const parts = readOrThrow(code);
  if (parts.kind === 'numeric') throw notPersonal();
  const { reference, maxAge } = readDateOptions(options);
  const verdict = resolveBirth(parts, reference, maxAge);
  return {
    code: parts.code as FiscalCode,
    canonical: (parts.omocodeLevel === 0 ? parts.code : canonicalOf(parts.code)) as FiscalCode,
    sex: parts.sex,
    birthDate: verdict.birthDate,
    birthDateCandidates: verdict.candidates,
    birthPlace: verdict.place,
    birthPlaceValidOnDate: verdict.validOnDate,
    omocodeLevel: parts.omocodeLevel,
  };
}

