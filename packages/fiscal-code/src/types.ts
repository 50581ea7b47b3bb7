// SPDX-License-Identifier: BSD-3-Clause
/**
 * Branded types of the package.
 * @module
 */
import type { IsoDate } from '@riuso-sociale/core';

declare const fiscalCodeBrand: unique symbol;
declare const belfioreBrand: unique symbol;

/**
 * A codice fiscale known to be valid: 16 upper-case characters with a correct check character and
 * a possible birth date, or 11 digits with a correct check digit. Obtain one from
 * `validateFiscalCode`, `isValidFiscalCode`, `computeFiscalCode` or `fiscalCodeSchema`.
 */
export type FiscalCode = string & { readonly [fiscalCodeBrand]: 'FiscalCode' };

/** A Belfiore (cadastral) code: a letter and three digits, e.g. `H501` (Roma) or `Z110` (France). */
export type BelfioreCode = string & { readonly [belfioreBrand]: 'BelfioreCode' };

/** Sex as written in the codice fiscale (women: day + 40). */
export type Sex = 'M' | 'F';

/** What kind of place a Belfiore code names. */
export type PlaceKind = 'comune' | 'stato-estero';

/**
 * A place of birth in one validity period.
 *
 * @example
 * ```ts
 * import { getPlace } from '@riuso-sociale/fiscal-code';
 * const roma = getPlace('H501');
 * roma?.province; // 'RM'
 * ```
 */
export interface Place {
  /** Belfiore code. */
  readonly code: BelfioreCode;
  /** Name in this period, as the source writes it (e.g. `Roma`, `Francia`). */
  readonly name: string;
  /** Province abbreviation in this period (`RM`); `null` for foreign states or when unknown. */
  readonly province: string | null;
  /** ISO 3166-1 alpha-2 code for foreign states (`FR`); `null` for comuni or when unknown. */
  readonly countryCode: string | null;
  /** `comune` (Italian municipality) or `stato-estero` (foreign state, Z codes). */
  readonly kind: PlaceKind;
  /** First day of validity; `null` when the source does not give it. */
  readonly validFrom: IsoDate | null;
  /** Last day of validity (inclusive); `null` while still valid. */
  readonly validTo: IsoDate | null;
}
