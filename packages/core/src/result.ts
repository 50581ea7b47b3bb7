// SPDX-License-Identifier: BSD-3-Clause
/**
 * The one result shape of the suite: every validating function of every package returns it, so a
 * vendor handles errors from all packages with one code path.
 * @module
 */

/** A text in the two languages the suite speaks: Italian first, English second. */
export interface LocalizedText {
  /** Italian. */
  readonly it: string;
  /** English. */
  readonly en: string;
}

/** How serious an {@link Issue} is: an `error` makes the input invalid, a `warning` does not. */
export type Severity = 'error' | 'warning';

/** Where in the input an issue was found: property names and array indexes, outermost first. */
export type IssuePath = readonly (string | number)[];

/** Structured values that explain an issue (the limit, the position, the masked value…). */
export type IssueParams = Readonly<Record<string, string | number | boolean | null>>;

/**
 * One problem found in an input.
 *
 * `code` is stable and namespaced by package (`cf.check_character`, `siuss.xsd.pattern`): match on it,
 * never on the message. Messages never carry more personal data than needed (codici fiscali are masked).
 *
 * @example
 * ```ts
 * import type { Issue } from '@riuso-sociale/core';
 * const issue: Issue = {
 *   code: 'cf.check_character', severity: 'error', path: [],
 *   message: 'Carattere di controllo errato', messageEn: 'Wrong check character',
 *   params: { expected: 'U', found: 'X' },
 * };
 * ```
 */
export interface Issue<Code extends string = string> {
  /** Stable, machine-readable code. */
  readonly code: Code;
  /** `error` invalidates the input; `warning` reports a doubt and leaves it valid. */
  readonly severity: Severity;
  /** Where the problem is. Empty for the input as a whole. */
  readonly path: IssuePath;
  /** Message in Italian (the default language). */
  readonly message: string;
  /** The same message in English. */
  readonly messageEn: string;
  /** Structured details, also used to build the messages. */
  readonly params: IssueParams;
}

/** At least one issue. */
export type NonEmptyIssues<Code extends string = string> = readonly [Issue<Code>, ...Issue<Code>[]];

/**
 * Either a value or the issues that prevented it.
 *
 * @example
 * ```ts
 * import { ok, type Result } from '@riuso-sociale/core';
 * function half(n: number): Result<number> { return ok(n / 2); }
 * const r = half(4);
 * if (r.ok) console.log(r.value); // 2
 * ```
 */
export type Result<T, Code extends string = string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: NonEmptyIssues<Code> };

/**
 * Wraps a value as a successful {@link Result}.
 *
 * @example
 * ```ts
 * import { ok } from '@riuso-sociale/core';
 * ok(42); // { ok: true, value: 42 }
 * ```
 */
export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

/**
 * Wraps one or more issues as a failed {@link Result}.
 *
 * @example
 * ```ts
 * import { fail, createIssue } from '@riuso-sociale/core';
 * fail([createIssue('demo.empty', { it: 'Vuoto', en: 'Empty' })]);
 * ```
 */
export function fail<Code extends string>(issues: NonEmptyIssues<Code>): {
  readonly ok: false;
  readonly issues: NonEmptyIssues<Code>;
} {
  return { ok: false, issues };
}

/** Options of {@link createIssue}. */
export interface CreateIssueOptions {
  /** Defaults to `error`. */
  readonly severity?: Severity;
  /** Defaults to the input as a whole (`[]`). */
  readonly path?: IssuePath;
  /** Defaults to `{}`. */
  readonly params?: IssueParams;
}

/**
 * Builds an {@link Issue} from a code and its two messages.
 *
 * @example
 * ```ts
 * import { createIssue } from '@riuso-sociale/core';
 * const i = createIssue('cf.length', { it: 'Lunghezza errata', en: 'Wrong length' }, { params: { length: 15 } });
 * i.severity; // 'error'
 * ```
 */
export function createIssue<Code extends string>(
  code: Code,
  text: LocalizedText,
  options: CreateIssueOptions = {},
): Issue<Code> {
  return {
    code,
    severity: options.severity ?? 'error',
    path: options.path ?? [],
    message: text.it,
    messageEn: text.en,
    params: options.params ?? {},
  };
}

/**
 * Picks the message of an issue in the wanted language.
 *
 * @example
 * ```ts
 * import { createIssue, issueMessage } from '@riuso-sociale/core';
 * issueMessage(createIssue('x', { it: 'Ciao', en: 'Hello' }), 'en'); // 'Hello'
 * ```
 */
export function issueMessage(issue: Issue, locale: 'it' | 'en' = 'it'): string {
  return locale === 'en' ? issue.messageEn : issue.message;
}
