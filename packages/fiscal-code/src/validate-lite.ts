// SPDX-License-Identifier: BSD-3-Clause
/**
 * Validation without the place table: format, check character, month, day and a date that exists
 * in some century. Used by the `lite` entry point and as the first tiers of the full validation.
 * @module
 */
import { fail, ok, type Issue, type Result } from '@riuso-sociale/core';
import type { FiscalCodeIssueCode } from './errors.js';
import { fastPersonalMask } from './internal/fast.js';
import { checkIssues, normalizeInput, omocodeWarnings, readStructure } from './internal/parse.js';
import type { FiscalCode } from './types.js';

/** What a successful validation returns. */
export interface ValidFiscalCode {
  /** The code, trimmed and upper-cased, as issued (omocodic letters kept). */
  readonly code: FiscalCode;
  /** `personal` (16 characters) or `numeric` (11 digits: provisional codes, companies, entities). */
  readonly kind: 'personal' | 'numeric';
  /** How many digits were replaced by letters for omocodia (0–7; 0 for numeric codes). */
  readonly omocodeLevel: number;
  /** Doubts that do not invalidate the code (`cf.place_not_valid_on_date`, `cf.omocode_unofficial`). */
  readonly warnings: readonly Issue<FiscalCodeIssueCode>[];
}

/** The result of validating a codice fiscale. */
export type FiscalCodeValidation = Result<ValidFiscalCode, FiscalCodeIssueCode>;

/**
 * Validates a codice fiscale without the place table (the `lite` entry point): it trims and
 * upper-cases the input, then checks the layout, the check character, the month letter, the day
 * (01–31, 41–71) and that the day exists in at least one possible century. Birthplaces are not
 * checked: use the main entry point for that.
 *
 * @param input - What was typed or received, of any type: a string is trimmed and upper-cased first; anything else fails with `cf.type`.
 *
 * @example
 * ```ts
 * import { validateFiscalCode } from '@riuso-sociale/fiscal-code/lite';
 * validateFiscalCode(' rssmra80a01h501u ').ok;  // true
 * const r = validateFiscalCode('RSSMRA80A32H501C');
 * if (!r.ok) r.issues[0].code;                    // 'cf.day'
 * ```
 */
export function validateFiscalCodeStructure(input: unknown): FiscalCodeValidation {
  // Fast path: a canonical 16-character code that passes every check, in one table-driven pass.
  if (typeof input === 'string' && input.length === 16) {
    const mask = fastPersonalMask(input);
    if (mask >= 0) return ok({ code: input as FiscalCode, kind: 'personal', omocodeLevel: bitCount(mask), warnings: omocodeWarnings(mask) });
    // Right layout, already canonical, wrong check character or date: straight to the details.
    if (mask === -1) {
      const issues = checkIssues(input);
      if (issues !== undefined) return fail(issues);
    }
  }
  const normal = normalizeInput(input);
  if (!normal.ok) return fail([normal.issue]);
  const s = readStructure(normal.code);
  if (!s.ok) return fail(s.issues);
  const parts = s.parts;
  return ok({
    code: parts.code as FiscalCode,
    kind: parts.kind,
    omocodeLevel: parts.kind === 'personal' ? parts.omocodeLevel : 0,
    warnings: s.warnings,
  });
}

/**
 * Type guard: whether the input is a valid codice fiscale as written (no trimming or
 * upper-casing: `' rssmra80a01h501u'` is not, since it is not the stored form). Checks format,
 * check character and date only (no place table).
 *
 * @param input - Any value (a form field, parsed JSON, a database column): anything but a string is not valid.
 *
 * @example
 * ```ts
 * import { isValidFiscalCode } from '@riuso-sociale/fiscal-code/lite';
 * const input: string = 'RSSMRA80A01H501U';
 * if (isValidFiscalCode(input)) {
 *   // input is FiscalCode here
 * }
 * ```
 */
export function isValidFiscalCode(input: unknown): input is FiscalCode {
  if (typeof input !== 'string') return false;
  if (input.length === 16) return fastPersonalMask(input) >= 0;
  return input.length === 11 && readStructure(input).ok;
}

function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}
