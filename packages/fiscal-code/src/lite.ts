// SPDX-License-Identifier: BSD-3-Clause
/**
 * `@riuso-sociale/fiscal-code/lite`: validation and omocodia without the place table, for
 * browsers and hot paths (about 2 KB gzipped). Same names and result shapes as the main entry
 * point, but birthplaces are not checked: `validateFiscalCode` here stops after the format, check
 * character and date tiers, and `isValidFiscalCode` likewise.
 *
 * @example
 * ```ts
 * import { validateFiscalCode } from '@riuso-sociale/fiscal-code/lite';
 * validateFiscalCode('RSSMRA80A01H501U').ok; // true
 * ```
 * @packageDocumentation
 */
export { FiscalCodeError, type FiscalCodeIssueCode } from './errors.js';
export { canonicalFiscalCode, omocodeLevel, omocodeVariants } from './omocodia.js';
export type { FiscalCode, Sex } from './types.js';
export {
  isValidFiscalCode,
  validateFiscalCodeStructure as validateFiscalCode,
  type FiscalCodeValidation,
  type ValidFiscalCode,
} from './validate-lite.js';
