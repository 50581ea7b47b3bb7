// SPDX-License-Identifier: BSD-3-Clause
/**
 * The structural reading shared by validate, decode, match and omocodia: format, check character,
 * month and day. No place data here, so the `lite` entry point stays small.
 * @module
 */
import { codePointLength, type Issue } from '@riuso-sociale/core';
import { cfIssue, type FiscalCodeIssueCode } from '../errors.js';
import { checkCharacter, digitValue, firstLayoutError, isDigit, LAYOUT, numericCheckDigit } from './check.js';
import { dayExistsInSomeCentury, fastPersonalMask } from './fast.js';
import { DIGIT_OF_OMOCODE_LETTER, MONTH_OF_LETTER, OMOCODE_POSITIONS } from './tables.js';

type CfIssue = Issue<FiscalCodeIssueCode>;

/** A 16-character code that passed the structural checks. */
export interface PersonalParts {
  readonly kind: 'personal';
  /** The code as given (trimmed, upper-case). */
  readonly code: string;
  /** Two-digit year 0–99. */
  readonly yy: number;
  /** Month 1–12. */
  readonly month: number;
  /** Day of month 1–31 (sex removed). */
  readonly day: number;
  readonly sex: 'M' | 'F';
  /** Belfiore code with omocode letters turned back into digits. */
  readonly place: string;
  /** How many of the seven digit positions hold letters. */
  readonly omocodeLevel: number;
  /** Bit i set when OMOCODE_POSITIONS[i] holds a letter. */
  readonly omocodeMask: number;
}

/** An 11-digit numeric code with a correct check digit. */
export interface NumericParts {
  readonly kind: 'numeric';
  readonly code: string;
}

/** Outcome of {@link readStructure}. */
export type Structure =
  | { readonly ok: true; readonly parts: PersonalParts | NumericParts; readonly warnings: readonly CfIssue[] }
  | { readonly ok: false; readonly issues: readonly [CfIssue, ...CfIssue[]] };

const NO_WARNINGS: readonly CfIssue[] = Object.freeze([]) as readonly CfIssue[];

/** Trims and upper-cases, or reports why the input cannot be a code. */
export function normalizeInput(input: unknown): { ok: true; code: string } | { ok: false; issue: CfIssue } {
  if (typeof input !== 'string') {
    return { ok: false, issue: cfIssue('cf.type', { type: input === null ? 'null' : typeof input }) };
  }
  const trimmed = input.trim();
  if (trimmed.length === 0) return { ok: false, issue: cfIssue('cf.empty') };
  // Only ASCII is upper-cased: 'ß'.toUpperCase() is 'SS', which would silently change the length.
  for (let i = 0; i < trimmed.length; i++) {
    if (trimmed.charCodeAt(i) > 127) {
      return { ok: false, issue: cfIssue('cf.format', { position: i + 1, expected: 'ascii' }) };
    }
  }
  return { ok: true, code: trimmed.toUpperCase() };
}

function allDigits(code: string): boolean {
  for (let i = 0; i < code.length; i++) if (!isDigit(code.charCodeAt(i))) return false;
  return true;
}

/** Two-digit value at positions i, i+1 (digits or omocode letters). */
function pairValue(code: string, i: number): number {
  return digitValue(code.charCodeAt(i)) * 10 + digitValue(code.charCodeAt(i + 1));
}

/**
 * Checks the structure of an already normalised code: layout, check character, month, day, a date
 * that exists in some century. Collects every independent error.
 */
export function readStructure(code: string): Structure {
  if (code.length === 16) {
    const mask = fastPersonalMask(code);
    if (mask >= 0) {
      return { ok: true, parts: partsOf(code, mask), warnings: omocodeWarnings(mask) };
    }
  }
  // Numeric, invalid or of another length: the detailed reading, which finds every error.
  return readStructureDetailed(code);
}

/**
 * The detailed, check-by-check reading: the reference implementation, used for invalid codes
 * (it reports every independent error) and to test {@link fastPersonalMask} against.
 */
export function readStructureDetailed(code: string): Structure {
  const length = code.length;
  if (length === 11 && allDigits(code)) {
    const expected = numericCheckDigit(code);
    const found = code.charCodeAt(10) - 48;
    if (expected !== found) {
      return { ok: false, issues: [cfIssue('cf.numeric_check_digit', { expected, found })] };
    }
    return { ok: true, parts: { kind: 'numeric', code }, warnings: NO_WARNINGS };
  }
  if (length !== 16) return { ok: false, issues: [cfIssue('cf.length', { length: codePointLength(code) })] };
  const bad = firstLayoutError(code);
  if (bad >= 0) {
    return {
      ok: false,
      issues: [cfIssue('cf.format', { position: bad + 1, expected: LAYOUT.charCodeAt(bad) === 78 ? 'digit' : 'letter' })],
    };
  }
  const issues = checkIssues(code);
  if (issues !== undefined) return { ok: false, issues };
  const rawDay = pairValue(code, 9);
  const female = rawDay > 40;
  const day = female ? rawDay - 40 : rawDay;
  const yy = pairValue(code, 6);
  const month = MONTH_OF_LETTER[code.charCodeAt(8) - 65] as number;

  let mask = 0;
  for (let i = 0; i < 7; i++) if (!isDigit(code.charCodeAt(OMOCODE_POSITIONS[i] as number))) mask |= 1 << i;
  return { ok: true, parts: partsOf(code, mask), warnings: omocodeWarnings(mask) };
}

/**
 * `cf.omocode_unofficial` when the letters are not where the Agenzia puts them: it replaces digits
 * from the right, so official masks are runs of low bits (0, 1, 3, 7 …).
 */
export function omocodeWarnings(mask: number): readonly CfIssue[] {
  return (mask & (mask + 1)) === 0 ? NO_WARNINGS : [cfIssue('cf.omocode_unofficial', {}, 'warning')];
}

/**
 * The errors of a 16-character code whose layout is right: check character, month letter, day,
 * a day that exists in some century. `undefined` when there are none.
 */
export function checkIssues(code: string): [CfIssue, ...CfIssue[]] | undefined {
  let issues: CfIssue[] | undefined;
  const expected = checkCharacter(code);
  const found = code.charAt(15);
  if (expected !== found) (issues ??= []).push(cfIssue('cf.check_character', { expected, found }));
  const month = MONTH_OF_LETTER[code.charCodeAt(8) - 65] as number;
  if (month === 0) (issues ??= []).push(cfIssue('cf.month', { found: code.charAt(8) }));
  const rawDay = pairValue(code, 9);
  const day = rawDay > 40 ? rawDay - 40 : rawDay;
  if (day < 1 || day > 31) {
    (issues ??= []).push(cfIssue('cf.day', { day: String(rawDay).padStart(2, '0') }));
  } else if (month !== 0 && !dayExistsInSomeCentury(pairValue(code, 6), month, day)) {
    (issues ??= []).push(cfIssue('cf.date', { day, month }));
  }
  return issues as [CfIssue, ...CfIssue[]] | undefined;
}

/** Digit value of a digit or omocode letter char code (slot already checked). */
function dv(c: number): number {
  return c <= 57 ? c - 48 : (DIGIT_OF_OMOCODE_LETTER[c - 65] as number);
}

/** The parts of a code that passed {@link fastPersonalMask}. */
function partsOf(code: string, mask: number): PersonalParts {
  const rawDay = dv(code.charCodeAt(9)) * 10 + dv(code.charCodeAt(10));
  let level = 0;
  for (let m = mask; m !== 0; m &= m - 1) level++;
  return {
    kind: 'personal',
    code,
    yy: dv(code.charCodeAt(6)) * 10 + dv(code.charCodeAt(7)),
    month: MONTH_OF_LETTER[code.charCodeAt(8) - 65] as number,
    day: rawDay > 40 ? rawDay - 40 : rawDay,
    sex: rawDay > 40 ? 'F' : 'M',
    place: (mask & 0b111) === 0
      ? code.slice(11, 15)
      : code.charAt(11) + String(dv(code.charCodeAt(12))) + String(dv(code.charCodeAt(13))) + String(dv(code.charCodeAt(14))),
    omocodeLevel: level,
    omocodeMask: mask,
  };
}

/** The base (non-omocodic) form of a structurally valid 16-character code. */
export function canonicalOf(code: string): string {
  let out = '';
  for (let i = 0; i < 15; i++) {
    const c = code.charCodeAt(i);
    const isDigitSlot = LAYOUT.charCodeAt(i) === 78;
    out += isDigitSlot && !isDigit(c) ? String(DIGIT_OF_OMOCODE_LETTER[c - 65]) : code.charAt(i);
  }
  return out + checkCharacter(out);
}
