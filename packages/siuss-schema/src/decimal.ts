// SPDX-License-Identifier: BSD-3-Clause
/**
 * Exact `xs:decimal` amounts and the month count that prorates them, in one place for the business
 * rules (`rules.ts`), the splits (`split.ts`) and the writers of flows (csi-model's SIUSS adapter):
 * integer units in a Number up to 15 significant digits (where it is exact), in a BigInt beyond; never
 * floating point.
 *
 * Public (exported from the package index): {@link centsToDecimal} and {@link monthsTouched}. The rest
 * is internal to the package.
 * @module
 */
import { isoDateParts, type IsoDate } from '@riuso-sociale/core';

/**
 * Integer cents as an `xs:decimal` string with two decimals (`12345` → `"123.45"`, `5` → `"0.05"`,
 * `-5` → `"-0.05"`): string arithmetic on the digits, exact for every safe integer and every bigint
 * (no floating point). The form every SIUSS amount attribute (`ImportoPrestazione`, `ImportoQuota*`,
 * `ImportoSogliaISEE`…) accepts.
 *
 * @throws RangeError for a number that is not a safe integer.
 * @example
 * ```ts
 * import { centsToDecimal } from '@riuso-sociale/siuss-schema';
 * centsToDecimal(89292); // '892.92'
 * centsToDecimal(5);     // '0.05'
 * centsToDecimal(12345678901234567890n); // '123456789012345678.90'
 * ```
 */
export function centsToDecimal(cents: number | bigint): string {
  if (typeof cents === 'number' && !Number.isSafeInteger(cents)) throw new RangeError('centsToDecimal: not a safe integer');
  const negative = cents < 0;
  const digits = String(negative ? -cents : cents).padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * Calendar months a period touches, both ends included: `(y2 − y1) × 12 + (m2 − m1) + 1` —
 * `2020-10-14 … 2020-11-13` touches 2 months (October and November). The count `splitByYear`
 * prorates amounts by and SIUSS's `PeriodoErogazione` (as SISO does); a period ending before it
 * starts gives 0 or less (the caller checks the order).
 *
 * @example
 * ```ts
 * import { monthsTouched } from '@riuso-sociale/siuss-schema';
 * monthsTouched('2020-10-14' as never, '2020-11-13' as never); // 2
 * monthsTouched('2024-01-01' as never, '2024-12-31' as never); // 12
 * ```
 */
export function monthsTouched(from: IsoDate, to: IsoDate): number {
  const a = isoDateParts(from);
  const b = isoDateParts(to);
  return (b.year - a.year) * 12 + (b.month - a.month) + 1;
}

// ---------------------------------------------------------------------------------------------
// Internal: exact decimals (business rules, prorating)

/** XML white space (XSD Part 2 §4.3.6: space, tab, line feed, carriage return). */
const isXmlSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/**
 * An exact decimal: `units / 10^scale`. `units` is a Number when the value has at most
 * {@link NUMBER_DIGITS} significant digits (below 10^15 < 2^53: exact), a BigInt beyond.
 * @internal
 */
export interface Decimal {
  readonly units: number | bigint;
  readonly scale: number;
}

/** Significant digits that a Number holds exactly as an integer (10^15 − 1 < 2^53). */
const NUMBER_DIGITS = 15;
/** Exact powers of ten as Numbers (10^22 is the largest one a double holds exactly). */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => 10 ** k);

// The last value read by `scanDecimal` (module state instead of an object: no allocation per amount;
// exported as live bindings for the rules that look at the digits, e.g. OreServizioMensile).
let scanNegative = false;
/** Whether the last value scanned had a sign. @internal */
export let scanSigned = false;
let scanUnits = 0;
let scanSignificant = 0;
let scanScale = 0;
let scanNonZero = false;
/** Start of the integer digits of the last value scanned. @internal */
export let scanIntStart = 0;
/** End of the integer digits (the '.', if any) of the last value scanned. @internal */
export let scanIntEnd = 0;
/** End of the last value scanned (trailing white space excluded). @internal */
export let scanEnd = 0;

/**
 * Reads an xs:decimal lexical value (`^[+-]?[0-9]*(\.[0-9]*)?$` with at least one digit, white space
 * collapsed, at most 1000 characters) into the `scan*` variables; `false` when absent or not a decimal.
 * @internal
 */
export function scanDecimal(raw: string | undefined): boolean {
  if (raw === undefined) return false;
  let i = 0;
  let end = raw.length;
  while (i < end && isXmlSpace(raw.charCodeAt(i))) i++;
  while (end > i && isXmlSpace(raw.charCodeAt(end - 1))) end--;
  if (end - i > 1000) return false;
  let negative = false;
  let signed = false;
  if (i < end) {
    const c = raw.charCodeAt(i);
    if (c === 0x2b || c === 0x2d) {
      negative = c === 0x2d;
      signed = true;
      i++;
    }
  }
  let units = 0;
  let significant = 0;
  let digits = 0;
  const intStart = i;
  for (; i < end; i++) {
    const d = raw.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) break;
    if (significant > 0 || d !== 0) significant++;
    units = units * 10 + d;
    digits++;
  }
  const intEnd = i;
  let scale = 0;
  if (i < end && raw.charCodeAt(i) === 0x2e) {
    for (i++; i < end; i++) {
      const d = raw.charCodeAt(i) - 0x30;
      if (d < 0 || d > 9) break;
      if (significant > 0 || d !== 0) significant++;
      units = units * 10 + d;
      digits++;
      scale++;
    }
  }
  if (i !== end || digits === 0) return false;
  scanNegative = negative;
  scanSigned = signed;
  scanUnits = units;
  scanSignificant = significant;
  scanScale = scale;
  scanNonZero = significant > 0;
  scanIntStart = intStart;
  scanIntEnd = intEnd;
  scanEnd = end;
  return true;
}

/** Parses an xs:decimal lexical value exactly (white space collapsed); `null` when absent or not a decimal. @internal */
export function parseDecimal(raw: string | undefined): Decimal | null {
  if (!scanDecimal(raw)) return null;
  if (scanSignificant <= NUMBER_DIGITS) return { units: scanNegative && scanUnits !== 0 ? -scanUnits : scanUnits, scale: scanScale };
  const text = raw as string;
  const fracStart = scanIntEnd < scanEnd ? scanIntEnd + 1 : scanEnd; // after the '.', if any
  const magnitude = BigInt(`${text.slice(scanIntStart, scanIntEnd)}${text.slice(fracStart, scanEnd)}`);
  return { units: scanNegative ? -magnitude : magnitude, scale: scanScale };
}

/** `xs:decimal` lexical form: optional sign, digits, optional fraction (at least one digit in all). */
const DECIMAL_RE = /^([+-])?(\d*)(?:\.(\d*))?$/;

/**
 * Parses the lexical form exactly as written (no white space, any length), units as a BigInt: what
 * `prorateAmount` accepts. `null` when not a decimal.
 * @internal
 */
export function parseDecimalStrict(value: string): { readonly units: bigint; readonly scale: number } | null {
  const m = DECIMAL_RE.exec(value);
  if (m === null) return null;
  const [, sign, int = '', frac = ''] = m;
  if (int === '' && frac === '') return null;
  const units = BigInt(`${int}${frac}` || '0');
  return { units: sign === '-' ? -units : units, scale: frac.length };
}

/** The sign of an xs:decimal lexical value (-1, 0, 1); `null` when absent or not a decimal. @internal */
export function decimalSign(raw: string | undefined): number | null {
  if (!scanDecimal(raw)) return null;
  return scanNonZero ? (scanNegative ? -1 : 1) : 0;
}

/** `units · 10^k` as a Number when exact (|result| < 2^53), else `null`. */
function scaleUp(units: number, k: number): number | null {
  if (k === 0) return units;
  if (k >= POW10.length) return units === 0 ? 0 : null;
  const r = units * (POW10[k] as number);
  return r <= Number.MAX_SAFE_INTEGER && r >= -Number.MAX_SAFE_INTEGER ? r : null;
}

const toBigInt = (units: number | bigint): bigint => (typeof units === 'bigint' ? units : BigInt(units));

/** The units of `d` at a larger `scale`, as a BigInt. @internal */
export const rescale = (d: Decimal, scale: number): bigint => toBigInt(d.units) * 10n ** BigInt(scale - d.scale);

/** -1, 0 or 1 as `a` is below, equal to or above `b`. @internal */
export function compareDecimal(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  if (typeof a.units === 'number' && typeof b.units === 'number') {
    const x = scaleUp(a.units, scale - a.scale);
    const y = scaleUp(b.units, scale - b.scale);
    if (x !== null && y !== null) return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = rescale(a, scale);
  const y = rescale(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The exact sum, at the largest scale of the terms. @internal */
export function addDecimals(values: readonly Decimal[]): Decimal {
  let scale = 0;
  for (const d of values) scale = Math.max(scale, d.scale);
  let sum = 0;
  let exact = true;
  for (const d of values) {
    const x = typeof d.units === 'number' ? scaleUp(d.units, scale - d.scale) : null;
    if (x === null) {
      exact = false;
      break;
    }
    sum += x; // exact while |sum| < 2^53: both terms are
    if (sum > Number.MAX_SAFE_INTEGER || sum < -Number.MAX_SAFE_INTEGER) {
      exact = false;
      break;
    }
  }
  if (exact) return { units: sum, scale };
  let big = 0n;
  for (const d of values) big += rescale(d, scale);
  return { units: big, scale };
}

/** The decimal written with its scale (`74.25`, `0.0`, `-3`). @internal */
export function formatDecimal(d: Decimal): string {
  const units = toBigInt(d.units);
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(d.scale + 1, '0');
  const text = d.scale === 0 ? digits : `${digits.slice(0, -d.scale)}.${digits.slice(-d.scale)}`;
  return negative ? `-${text}` : text;
}
