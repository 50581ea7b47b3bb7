// SPDX-License-Identifier: BSD-3-Clause
/**
 * XSD 1.0 simple-type checks for the four built-ins the SIUSS XSDs use (xs:string, xs:date,
 * xs:decimal, xs:int) and their facets (length, minLength, maxLength, pattern, enumeration,
 * minInclusive, maxInclusive), as W3C XML Schema Part 2 defines them:
 * - xs:string keeps white space as written; lengths count characters (code points);
 * - xs:decimal collapses white space first (§4.3.6: whiteSpace fixed to collapse);
 * - xs:date is `-?YYYY-MM-DD` with an optional time zone and a real calendar day (§3.2.9);
 * - patterns are implicitly anchored; `\d` is any Unicode decimal digit (§F.1, `\p{Nd}`).
 *
 * Where libxml2 (xmllint, the reference of our differential tests) is stricter than the letter of
 * XSD 1.0, we are as strict, so that a flow we accept passes every validator INPS might use:
 * - xs:date and xs:int values with white space around them are refused (XSD would collapse it;
 *   libxml2 2.9 refuses ` 2021-01-01` and ` 1`);
 * - xs:decimal has at most 24 digits after any leading zeros (23 before a decimal point), the
 *   precision limit libxml2 documents in its parser (XSD 1.0 §3.2.3 lets processors set one; the
 *   minimum is 18). Found by `src/differential.test.ts`.
 * @module
 */
import { codePointLength } from '@riuso-sociale/core';
import type { SimpleTypeDescription } from './description.js';

/** Why a value fails its type; `null` when it is valid. */
export type SimpleTypeFailure =
  | { readonly facet: 'length' | 'minLength' | 'maxLength'; readonly limit: number; readonly actual: number }
  | { readonly facet: 'pattern'; readonly pattern: string }
  | { readonly facet: 'enumeration'; readonly allowed: readonly string[] }
  | { readonly facet: 'date' | 'decimal' | 'int' }
  | { readonly facet: 'minInclusive' | 'maxInclusive'; readonly limit: number };

const patternCache = new Map<string, RegExp>();

/** Compiles an XSD pattern to an anchored JavaScript regular expression. */
export function xsdPattern(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (re === undefined) {
    // The XSD patterns used here need one translation: \d is \p{Nd} in XSD. (No class subtraction,
    // no \i or \c escapes occur in the two schemas; a test compiles every pattern.)
    const source = pattern.replace(/\\d/g, '\\p{Nd}');
    re = new RegExp(`^(?:${source})$`, 'u');
    patternCache.set(pattern, re);
  }
  return re;
}

/** XSD whiteSpace="collapse" (attribute values have no tab or line feed left, but text content may). */
function collapse(value: string): string {
  return /^[ \t\n\r]|[ \t\n\r]$|[\t\n\r]| {2}/.test(value) ? value.replace(/[ \t\n\r]+/g, ' ').trim() : value;
}

const DATE_RE = /^(-?)(\d{4,})-(\d{2})-(\d{2})(Z|[+-]\d{2}:\d{2})?$/;
const DECIMAL_RE = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;
const INT_RE = /^[+-]?[0-9]+$/;

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * libxml2's decimal precision: after the sign and any leading zeros, at most 24 digits in all, and
 * at most 23 before a decimal point (its parser stops after the 24th digit; `xmlschemastypes.c`).
 */
function withinDecimalPrecision(v: string): boolean {
  if (v.length <= 24) return true;
  const body = v.replace(/^[+-]?0*/, '');
  const dot = body.indexOf('.');
  if (dot === -1) return body.length <= 24;
  return dot <= 23 && body.length - 1 <= 24;
}

/** Whether a string is a lexically valid xs:date with a real calendar day (no white space around it). */
export function isXsdDate(raw: string): boolean {
  const m = DATE_RE.exec(raw);
  if (m === null) return false;
  const yearText = m[2] as string;
  if (yearText.length > 4 && yearText.startsWith('0')) return false;
  const year = Number(yearText) * (m[1] === '-' ? -1 : 1);
  if (year === 0) return false; // XSD 1.0: there is no year 0000
  const month = Number(m[3]);
  const day = Number(m[4]);
  if (month < 1 || month > 12 || day < 1) return false;
  const dim = month === 2 ? (isLeap(Math.abs(year)) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (day > dim) return false;
  const tz = m[5];
  if (tz !== undefined && tz !== 'Z') {
    const hh = Number(tz.slice(1, 3));
    const mm = Number(tz.slice(4, 6));
    if (mm > 59 || hh > 14 || (hh === 14 && mm !== 0)) return false;
  }
  return true;
}

/** Checks a value against a simple type; `null` when valid. */
export function checkSimpleType(value: string, type: SimpleTypeDescription): SimpleTypeFailure | null {
  let v = value;
  switch (type.base) {
    case 'string':
      break;
    case 'date':
      // No collapse: libxml2 refuses white space around a date (see the module comment).
      if (!isXsdDate(v)) return { facet: 'date' };
      break;
    case 'decimal':
      v = collapse(v);
      if (!DECIMAL_RE.test(v) || !withinDecimalPrecision(v)) return { facet: 'decimal' };
      break;
    case 'int': {
      // No collapse: libxml2 refuses white space around an int (see the module comment).
      if (!INT_RE.test(v)) return { facet: 'int' };
      const n = Number(v);
      if (n < -2147483648 || n > 2147483647) return { facet: 'int' };
      break;
    }
  }
  if (type.length !== undefined || type.minLength !== undefined || type.maxLength !== undefined) {
    const len = codePointLength(v);
    if (type.length !== undefined && len !== type.length) return { facet: 'length', limit: type.length, actual: len };
    if (type.minLength !== undefined && len < type.minLength) return { facet: 'minLength', limit: type.minLength, actual: len };
    if (type.maxLength !== undefined && len > type.maxLength) return { facet: 'maxLength', limit: type.maxLength, actual: len };
  }
  if (type.pattern !== undefined && !xsdPattern(type.pattern).test(v)) return { facet: 'pattern', pattern: type.pattern };
  if (type.enumeration !== undefined && !type.enumeration.some((e) => e.code === v)) {
    return { facet: 'enumeration', allowed: type.enumeration.map((e) => e.code) };
  }
  if (type.minInclusive !== undefined && Number(v) < type.minInclusive) return { facet: 'minInclusive', limit: type.minInclusive };
  if (type.maxInclusive !== undefined && Number(v) > type.maxInclusive) return { facet: 'maxInclusive', limit: type.maxInclusive };
  return null;
}
