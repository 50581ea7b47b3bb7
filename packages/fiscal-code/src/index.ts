// SPDX-License-Identifier: BSD-3-Clause
/**
 * `@riuso-sociale/fiscal-code`: the Italian codice fiscale done right — compute, validate in tiers,
 * decode with the century and the birthplace as they were on the birth date, omocodia, 11-digit
 * numeric codes, and the dated table of birthplaces.
 *
 * For validation without the place table (a few KB), import from `@riuso-sociale/fiscal-code/lite`.
 *
 * @example
 * ```ts
 * import { computeFiscalCode, decodeFiscalCode, validateFiscalCode } from '@riuso-sociale/fiscal-code';
 * const cf = computeFiscalCode({ surname: 'Rossi', name: 'Mario', sex: 'M', birthDate: '1980-01-01', birthPlace: 'H501' });
 * validateFiscalCode(cf).ok;                  // true
 * decodeFiscalCode(cf).birthPlace?.name;      // 'Roma'
 * ```
 * @packageDocumentation
 */
export { computeFiscalCode, type BirthPlaceByName, type ComputeOptions, type PersonData } from './compute.js';
export { decodeFiscalCode, type DecodedFiscalCode, type DecodeOptions } from './decode.js';
export { FiscalCodeError, type FiscalCodeIssueCode } from './errors.js';
export { matchFiscalCode, type FiscalCodeMatch, type MatchOutcome } from './match.js';
export { canonicalFiscalCode, omocodeLevel, omocodeVariants } from './omocodia.js';
export { findPlaces, getPlace, getPlaceHistory, listPlaces, type GetPlaceOptions, type ListPlacesOptions, type PlaceQuery } from './places/api.js';
export { PLACES_SOURCE } from './internal/places-data.js';
export { fiscalCodeSchema } from './schema.js';
export type { BelfioreCode, FiscalCode, Place, PlaceKind, Sex } from './types.js';
export { isValidFiscalCode, validateFiscalCode, type ValidateOptions } from './validate.js';
export type { FiscalCodeValidation, ValidFiscalCode } from './validate-lite.js';
