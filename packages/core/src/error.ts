// SPDX-License-Identifier: BSD-3-Clause
import type { Issue, NonEmptyIssues } from './result.js';

/**
 * Base class of every error the suite throws. Each package throws one subclass
 * (`FiscalCodeError`, …); catch `RiusoError` to handle them all.
 *
 * The message is Italian, then English, separated by ` / `; `issues` holds the structured details.
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
}
