// SPDX-License-Identifier: BSD-3-Clause
/**
 * Full validation: the structural tiers of {@link validateFiscalCodeStructure} plus the birthplace
 * tiers (known place; place valid on the birth date).
 * @module
 */
import { fail, isIsoDate, ok, type Issue, type IsoDate } from '@riuso-sociale/core';
import type { FiscalCodeIssueCode } from './errors.js';
import { moreIssue, throwIssue } from './internal/messages.js';
import { birthDateCandidates, DEFAULT_MAX_AGE, todayCached } from './internal/century.js';
import { fastPersonalMask } from './internal/fast.js';
import { placeCodeOf, placeVerdict, PLACE_UNKNOWN, PLACE_VALID } from './internal/fast-full.js';
import { checkIssues, normalizeInput, omocodeWarnings, readStructure, type PersonalParts } from './internal/parse.js';
import { periodFor, placeStore } from './places/store.js';
import type { Place } from './types.js';
import type { FiscalCodeValidation } from './validate-lite.js';
import type { FiscalCode } from './types.js';

/** Options of {@link validateFiscalCode}. */
export interface ValidateOptions {
  /**
   * Make `cf.place_not_valid_on_date` an error instead of a warning. Off by default: the tax
   * agency has issued codes with places that did not exist on the birth date (Mattinata for
   * births in 1953, Dairago in 1956), so such codes are real.
   */
  readonly strictPlace?: boolean;
  /** The day that counts as "today" for the possible birth dates (default: today in Italy). */
  readonly referenceDate?: string;
  /** Oldest plausible age in years (default 122). */
  readonly maxAge?: number;
}

/** Reads and checks the options shared by validate and decode. */
export function readDateOptions(options: { referenceDate?: string; maxAge?: number }): { reference: IsoDate; maxAge: number } {
  let reference: IsoDate;
  if (options.referenceDate === undefined) reference = todayCached();
  else if (isIsoDate(options.referenceDate)) reference = options.referenceDate;
  else throwIssue('cf.option', { detail: 'referenceDate (YYYY-MM-DD)' });
  const maxAge = options.maxAge ?? DEFAULT_MAX_AGE;
  if (!Number.isInteger(maxAge) || maxAge < 0 || maxAge > 300) throwIssue('cf.option', { detail: 'maxAge (0–300)' });
  return { reference, maxAge };
}

/** Where the birthplace of a personal code stands against the table. */
export interface PlaceVerdict {
  /** The period chosen for the chosen date, `null` when the code is unknown. */
  readonly place: Place | null;
  /** The chosen birth date (`null` when no candidate is plausible). */
  readonly birthDate: IsoDate | null;
  /** Every plausible birth date, youngest first. */
  readonly candidates: IsoDate[];
  /** Whether the place is valid on the chosen date. */
  readonly validOnDate: boolean;
}

/**
 * Chooses the birth date among the candidates, preferring one on which the place existed, and the
 * place's period for it.
 */
export function resolveBirth(parts: PersonalParts, reference: IsoDate, maxAge: number): PlaceVerdict {
  const candidates = birthDateCandidates(parts.yy, parts.month, parts.day, reference, maxAge);
  const periods = placeStore().byCode.get(parts.place);
  if (periods === undefined) {
    return { place: null, birthDate: candidates[0] ?? null, candidates, validOnDate: false };
  }
  for (const date of candidates) {
    const found = periodFor(periods, date);
    if (found.valid) return { place: found.place, birthDate: date, candidates, validOnDate: true };
  }
  const birthDate = candidates[0] ?? null;
  return { place: periodFor(periods, birthDate).place, birthDate, candidates, validOnDate: false };
}

/**
 * Validates a codice fiscale, in tiers, each with its own issue code:
 *
 * 1. input: `cf.type`, `cf.empty`; it is trimmed and upper-cased first;
 * 2. layout: `cf.length`, `cf.format`; 11 digits are a valid `numeric` code when the check digit
 *    (`cf.numeric_check_digit`) is right;
 * 3. `cf.check_character`;
 * 4. date: `cf.month`, `cf.day` (01–31 men, 41–71 women), `cf.date` (no century where the day exists);
 * 5. birthplace known (Italian comune, also suppressed, or foreign state): `cf.place_unknown`;
 * 6. birthplace valid on the birth date: `cf.place_not_valid_on_date`, a **warning** unless
 *    `strictPlace` is set.
 *
 * Omocodic codes are valid; substitutions in an order the agency does not use give the warning
 * `cf.omocode_unofficial`.
 *
 * @param input - What was typed or received, of any type: a string is trimmed and upper-cased first; anything else fails with `cf.type`.
 * @param options - `strictPlace` (a birthplace not valid on the birth date is an error), and `referenceDate`
 *   and `maxAge` for the possible birth dates.
 *
 * @example
 * ```ts
 * import { validateFiscalCode } from '@riuso-sociale/fiscal-code';
 * const r = validateFiscalCode('rssmra80a01h501u');
 * if (r.ok) r.value.code;                 // 'RSSMRA80A01H501U'
 * validateFiscalCode('RSSMRA80A01Z999Y'); // { ok: false, issues: [{ code: 'cf.place_unknown', … }] }
 * validateFiscalCode('00743110157');      // ok, kind 'numeric'
 * ```
 */
export function validateFiscalCode(input: unknown, options: ValidateOptions = {}): FiscalCodeValidation {
  // Fast path: a canonical 16-character code (as stored in a database) checked in one table-driven
  // pass, then its birthplace in integer tables; any doubt falls through to the reference path.
  if (typeof input === 'string' && input.length === 16) {
    const mask = fastPersonalMask(input);
    if (mask >= 0) {
      const verdict = placeVerdict(input, options.referenceDate, options.maxAge);
      if (verdict === PLACE_VALID) {
        return ok({ code: input as FiscalCode, kind: 'personal', omocodeLevel: bitCount(mask), warnings: omocodeWarnings(mask) });
      }
      if (verdict === PLACE_UNKNOWN) return fail([moreIssue('cf.place_unknown', { place: placeCodeOf(input, mask) })]);
    } else if (mask === -1) {
      // Right layout, already canonical, wrong check character or date: the detailed reading would
      // reach the same checkIssues, so go there directly (as the lite entry does).
      const issues = checkIssues(input);
      if (issues !== undefined) return fail(issues);
    }
  }
  return validateFiscalCodeReference(input, options);
}

/** How many bits of an omocode mask are set (the omocode level). */
function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

/**
 * The check-by-check full validation: what {@link validateFiscalCode} does for every input its
 * fast path does not settle (input to trim or upper-case, numeric codes, places not valid on the
 * birth date, no plausible birth date, options to reject).
 */
function validateFiscalCodeReference(input: unknown, options: ValidateOptions): FiscalCodeValidation {
  const normal = normalizeInput(input);
  if (!normal.ok) return fail([normal.issue]);
  const s = readStructure(normal.code);
  if (!s.ok) return fail(s.issues);
  const parts = s.parts;
  if (parts.kind === 'numeric') {
    return ok({ code: parts.code as FiscalCode, kind: 'numeric', omocodeLevel: 0, warnings: s.warnings });
  }
  const { reference, maxAge } = readDateOptions(options);
  const verdict = resolveBirth(parts, reference, maxAge);
  if (verdict.place === null) return fail([moreIssue('cf.place_unknown', { place: parts.place })]);
  let warnings: readonly Issue<FiscalCodeIssueCode>[] = s.warnings;
  if (!verdict.validOnDate && verdict.birthDate !== null) {
    const issue = moreIssue(
      'cf.place_not_valid_on_date',
      { place: parts.place, validFrom: verdict.place.validFrom, validTo: verdict.place.validTo },
      options.strictPlace === true ? 'error' : 'warning',
    );
    if (options.strictPlace === true) return fail([issue]);
    warnings = [...warnings, issue];
  }
  return ok({ code: parts.code as FiscalCode, kind: 'personal', omocodeLevel: parts.omocodeLevel, warnings });
}

/**
 * Type guard: whether the input is, exactly as written (upper case, no spaces), a valid codice
 * fiscale with a known birthplace. Same checks as {@link validateFiscalCode} with default options.
 *
 * @param input - Any value (a form field, parsed JSON, a database column): anything but a string is not valid.
 *
 * @example
 * ```ts
 * import { isValidFiscalCode } from '@riuso-sociale/fiscal-code';
 * const cf: string = 'RSSMRA80A01H501U';
 * if (isValidFiscalCode(cf)) {
 *   // cf: FiscalCode
 * }
 * ```
 */
export function isValidFiscalCode(input: unknown): input is FiscalCode {
  if (typeof input !== 'string' || (input.length !== 16 && input.length !== 11)) return false;
  const r = validateFiscalCode(input);
  return r.ok && r.value.code === input;
}
