// SPDX-License-Identifier: BSD-3-Clause
/**
 * The error class of siuss-schema.
 * @module
 */
import { RiusoError, type Issue, type NonEmptyIssues } from '@riuso-sociale/core';

/**
 * Thrown by `parseFlow`, `buildFlow` and the other functions that cannot return a result: the
 * input is not XML, not a SIUSS flow, or not valid against the official XSD. `issues` lists every
 * finding (element path, attribute and line in `path` and `params`); `code` is the first one's.
 * It extends `RiusoError` of `@riuso-sociale/core`.
 *
 * @example
 * ```ts
 * import { parseFlow, SiussError } from '@riuso-sociale/siuss-schema';
 * try {
 *   parseFlow('<Flusso/>');
 * } catch (e) {
 *   if (e instanceof SiussError) console.log(e.code); // 'siuss.xml.root_namespace'
 * }
 * ```
 */
export class SiussError extends RiusoError {
  constructor(issues: NonEmptyIssues) {
    super(issues);
    this.name = 'SiussError';
  }
}

/** Throws a {@link SiussError} with the issues (at least one). */
export function throwIssues(issues: readonly Issue[]): never {
  const [first, ...rest] = issues;
  if (first === undefined) throw new Error('throwIssues without issues');
  throw new SiussError([first, ...rest]);
}
