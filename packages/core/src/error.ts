// SPDX-License-Identifier: BSD-3-Clause
import type { Issue, NonEmptyIssues } from './result.js';

/**
 * The brand every `RiusoError` carries on its prototype: a registered symbol (`Symbol.for`), the same
 * in every copy of this module — the ESM and the CommonJS build, two versions installed side by side —
 * where the classes themselves are different objects and plain `instanceof` would fail.
 */
const BRAND: unique symbol = Symbol.for('@riuso-sociale/core.RiusoError') as never;

/**
 * Base class of every error the suite throws. Each package throws one subclass
 * (`FiscalCodeError`, …); catch `RiusoError` to handle them all.
 *
 * The message is Italian, then English, separated by ` / `; `issues` holds the structured details.
 *
 * `error instanceof RiusoError` holds across module systems: an error thrown by the CommonJS build is
 * an instance of the ESM build's `RiusoError` and the other way round (the check reads a registered
 * symbol brand, see {@link isRiusoError}). For the subclasses (`FiscalCodeError`…) `instanceof` stays
 * JavaScript's own: across builds use `isRiusoError(error)` and `error.code`.
 *
 * @example
 * ```ts
 * import { RiusoError, createIssue } from '@riuso-sociale/core';
 * const e = new RiusoError([createIssue('demo.bad', { it: 'Valore errato', en: 'Bad value' })]);
 * e.code;    // 'demo.bad'
 * e.message; // 'Valore errato / Bad value'
 * ```
 */
export class RiusoError<Code extends string = string> extends Error {
  /** The code of the first issue. */
  readonly code: Code;
  /** Every issue that caused the error (at least one). */
  readonly issues: NonEmptyIssues<Code>;

  constructor(issues: NonEmptyIssues<Code>, options?: { cause?: unknown }) {
    const first: Issue<Code> = issues[0];
    super(`${first.message} / ${first.messageEn}`, options);
    this.name = 'RiusoError';
    this.code = first.code;
    this.issues = issues;
  }

  /**
   * `instanceof RiusoError` by brand, so that it holds for an error of any copy of this module (ESM,
   * CommonJS); a subclass keeps the ordinary prototype check.
   *
   * @param value - Any value, typically what a `catch` caught.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this === RiusoError) return isRiusoError(value);
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }
}

Object.defineProperty(RiusoError.prototype, BRAND, { value: true });

/**
 * Whether `value` is an error of the suite (`RiusoError` or a subclass), whichever copy of
 * `@riuso-sociale/core` threw it — the ESM or the CommonJS build, or another installed version: it
 * reads a registered symbol brand, not the class identity. Optionally, whether its `code` is `code`.
 *
 * @param value - Any value, typically what a `catch` caught.
 * @param code - If given, also require the error's `code` (the code of its first issue) to be this one.
 *
 * @example
 * ```ts
 * import { isRiusoError } from '@riuso-sociale/core';
 * try {
 *   JSON.parse('{');
 * } catch (e) {
 *   isRiusoError(e); // false: a SyntaxError
 * }
 * // catch (e) { if (isRiusoError(e, 'fiscal-code.invalid')) … }
 * ```
 */
export function isRiusoError<Code extends string = string>(value: unknown, code?: Code): value is RiusoError<Code> {
  if (value === null || typeof value !== 'object' || (value as Record<PropertyKey, unknown>)[BRAND] !== true) return false;
  const own = (value as { code?: unknown }).code;
  const issues = (value as { issues?: unknown }).issues;
  if (typeof own !== 'string' || !Array.isArray(issues) || issues.length === 0) return false;
  return code === undefined || own === code;
}
