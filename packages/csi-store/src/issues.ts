// SPDX-License-Identifier: BSD-3-Clause
/**
 * The store's issue codes and error class. Messages are Italian and English and never carry personal
 * data: identifiers and kinds only, paths of invalid fields without their values.
 * @module
 */
import { createIssue, RiusoError, type Issue, type IssueParams, type LocalizedText, type NonEmptyIssues } from '@riuso-sociale/core';

/**
 * Stable issue codes of the store.
 *
 * - `store.conflict`: the record's version moved (someone else changed it): reload and retry;
 * - `store.not_found`: no such record in the Enti of the session;
 * - `store.denied`: access refused (the decision is audited);
 * - `store.invalid`: the input or the resulting entity fails its schema (paths only, values masked);
 * - `store.unavailable`: the database did not answer (transient: retry later);
 * - `store.config`: the store is misconfigured (role, key, options);
 * - `store.migration`: a migration file was edited after being applied;
 * - `store.audit`: the audit trail does not verify;
 * - `store.too_large`: a bounded read met more rows than its bound (`params.max`): nothing is returned.
 *
 * @example
 * ```ts
 * import type { StoreIssueCode } from '@riuso-sociale/csi-store';
 * const c: StoreIssueCode = 'store.conflict';
 * ```
 */
export type StoreIssueCode =
  | 'store.conflict'
  | 'store.not_found'
  | 'store.denied'
  | 'store.invalid'
  | 'store.unavailable'
  | 'store.config'
  | 'store.migration'
  | 'store.audit'
  | 'store.too_large';

/**
 * The error `openStore` and the CLI throw for a misconfigured store (the session API returns
 * `Result`s instead). Use `instanceof StoreError` or its `code`.
 *
 * @example
 * ```ts
 * import { StoreError } from '@riuso-sociale/csi-store';
 * try { throw new StoreError([{ code: 'store.config', severity: 'error', path: [], message: 'x', messageEn: 'x', params: {} }]); }
 * catch (e) { if (e instanceof StoreError) console.log(e.code); } // 'store.config'
 * ```
 */
export class StoreError extends RiusoError<StoreIssueCode | string> {
  constructor(issues: NonEmptyIssues<StoreIssueCode | string>, options?: { cause?: unknown }) {
    super(issues, options);
    this.name = 'StoreError';
  }
}

/** @internal */
export function storeIssue(code: StoreIssueCode, text: LocalizedText, params: IssueParams = {}, path: Issue['path'] = []): Issue<StoreIssueCode> {
  return createIssue(code, text, { params, path });
}

/** @internal A message "it / en" of csi-model's zod schemas, split into its two languages. */
export function splitBilingual(message: string): LocalizedText {
  const at = message.indexOf(' / ');
  return at < 0 ? { it: message, en: message } : { it: message.slice(0, at), en: message.slice(at + 3) };
}

/** @internal zod issues as `store.invalid` issues: path and message, never the value. */
export function invalidIssues(zodIssues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[]): NonEmptyIssues<StoreIssueCode> {
  const out = zodIssues.slice(0, 100).map((z) =>
    storeIssue('store.invalid', splitBilingual(z.message), { field: z.path.map(String).join('.') }, z.path.map((p) => (typeof p === 'number' ? p : String(p)))),
  );
  const [first, ...rest] = out;
  return first === undefined ? [storeIssue('store.invalid', { it: 'Dati non validi', en: 'Invalid data' })] : [first, ...rest];
}

/** @internal */
export const TEXT = {
  notFound: (kind: string): LocalizedText => ({ it: `Record ${kind} non trovato negli Enti della sessione`, en: `No ${kind} record in the Enti of the session` }),
  conflict: (kind: string, expected: number, actual: number): LocalizedText => ({
    it: `Il record ${kind} è stato modificato da altri (versione ${actual}, attesa ${expected}): ricaricalo e riprova`,
    en: `The ${kind} record was changed by someone else (version ${actual}, expected ${expected}): reload it and retry`,
  }),
  unavailable: { it: 'Il database non risponde: riprova più tardi', en: 'The database does not answer: retry later' } as LocalizedText,
} as const;
