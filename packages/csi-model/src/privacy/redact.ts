// SPDX-License-Identifier: BSD-3-Clause
/**
 * Redaction for exports (shared/specs/csi-and-riuso.md §A5): a copy of a record that keeps only the
 * categories a recipient may receive (GDPR art. 5(1)(c) minimisation, art. 25(2) privacy by default) and,
 * when asked, replaces the codice fiscale with its keyed pseudonym (art. 4(5), 89(1)) and drops the other
 * direct identifiers.
 *
 * Removed fields are **absent** from the copy, never set to placeholder or fake values, so a consumer
 * cannot mistake a redacted value for a real one. A field the classification does not know is removed
 * (fail closed). The copy is a deep copy: changing it never changes the record.
 *
 * Quasi-identifiers (birth date, place, citizenship, residence) are ordinary data and stay unless the
 * policy drops `ordinary`; for statistics, reduce them as SINBA does (year of birth, age and ISEE bands).
 * @module
 */
import { createIssue, fail, ok, type Result } from '@riuso-sociale/core';
import { ENTITY_KINDS, type EntityKind } from '../ids.js';
import { pseudonymize, pseudonymizeFor, type PseudonymIssueCode, type PseudonymKey } from './pseudonym.js';
import { categoriesOf, classifyField, SENSITIVITIES, type Sensitivity } from './sensitivity.js';

/**
 * What a redacted copy keeps.
 *
 * @example
 * ```ts
 * import { randomBytes } from 'node:crypto';
 * import type { RedactionPolicy } from '@riuso-sociale/csi-model';
 * const statistics: RedactionPolicy = { keep: ['ordinary'], pseudonymizeWith: randomBytes(32), purpose: 'istat' };
 * ```
 */
export interface RedactionPolicy {
  /** The categories kept: a field stays only when every category it may hold is listed. */
  readonly keep: readonly Sensitivity[];
  /** Replace every codice fiscale with its pseudonym under this key (≥ 32 bytes). */
  readonly pseudonymizeWith?: PseudonymKey;
  /** With `pseudonymizeWith`: derive a per-purpose key ({@link pseudonymizeFor}). */
  readonly purpose?: string;
  /**
   * The other direct identifiers (names, contacts, alternative identifiers, diary participants):
   * `keep` or `drop`. Default: `drop` when `pseudonymizeWith` is set (a pseudonym next to the name is
   * no pseudonymisation), `keep` otherwise. With `drop` and no key, the codice fiscale is dropped too.
   */
  readonly identifiers?: 'keep' | 'drop';
}

/**
 * A redacted copy of `T`: every field optional; a codice fiscale may be a pseudonym.
 *
 * @example
 * ```ts
 * import type { Redacted } from '@riuso-sociale/csi-model';
 * type R = Redacted<{ codiceFiscale: string; testo: string }>; // { readonly codiceFiscale?: string; readonly testo?: string }
 * ```
 */
export type Redacted<T> = { readonly [K in keyof T]?: K extends 'codiceFiscale' ? string : T[K] };

/**
 * Issue codes of {@link redact}.
 *
 * @example
 * ```ts
 * import type { RedactIssueCode } from '@riuso-sociale/csi-model';
 * const c: RedactIssueCode = 'csi.redact.invalid_policy';
 * ```
 */
export type RedactIssueCode = PseudonymIssueCode | 'csi.redact.invalid_policy' | 'csi.redact.invalid_input';

function policyIssue(it: string, en: string): Result<never, RedactIssueCode> {
  return fail([createIssue('csi.redact.invalid_policy', { it, en })]);
}

/**
 * A copy of `entity` (a record of kind `kind`) with only the fields whose categories are all in
 * `policy.keep`, direct identifiers handled as the policy says (see {@link RedactionPolicy}). Fails
 * (`Result`) on an invalid policy, a key shorter than 32 bytes or a codice fiscale that is not valid when
 * it must be pseudonymised.
 *
 * @example
 * ```ts
 * import { randomBytes } from 'node:crypto';
 * import { redact } from '@riuso-sociale/csi-model';
 * const note = { data: '2025-03-01', tipo: 'colloquio', testo: 'riferisce una patologia…' };
 * const r = redact('diario', note, { keep: ['ordinary'] });
 * r.ok && r.value; // { data: '2025-03-01', tipo: 'colloquio' }
 * const p = redact('persona', { codiceFiscale: 'RSSMRA80A01H501U', cognome: 'Rossi' }, { keep: ['ordinary'], pseudonymizeWith: randomBytes(32) });
 * p.ok && p.value; // { codiceFiscale: '<20 base32 characters>' }
 * ```
 */
export function redact<T extends object>(kind: EntityKind, entity: T, policy: RedactionPolicy): Result<Redacted<T>, RedactIssueCode> {
  if (!ENTITY_KINDS.includes(kind) || entity === null || typeof entity !== 'object' || Array.isArray(entity)) {
    return fail([createIssue('csi.redact.invalid_input', { it: 'Redazione: tipo di entità o record non valido', en: 'Redaction: invalid entity kind or record' })]);
  }
  if (policy === null || typeof policy !== 'object' || !Array.isArray(policy.keep) || !policy.keep.every((s) => SENSITIVITIES.includes(s))) {
    return policyIssue('Politica di redazione: keep è un elenco di ordinary, special, judicial', 'Redaction policy: keep is a list of ordinary, special, judicial');
  }
  if (policy.identifiers !== undefined && policy.identifiers !== 'keep' && policy.identifiers !== 'drop') {
    return policyIssue('Politica di redazione: identifiers è keep o drop', 'Redaction policy: identifiers is keep or drop');
  }
  if (policy.purpose !== undefined && policy.pseudonymizeWith === undefined) {
    return policyIssue('Politica di redazione: purpose richiede pseudonymizeWith', 'Redaction policy: purpose needs pseudonymizeWith');
  }
  const key = policy.pseudonymizeWith;
  const identifiers = policy.identifiers ?? (key === undefined ? 'keep' : 'drop');
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(entity)) {
    const c = classifyField(kind, name);
    if (c === undefined || value === undefined) continue;
    if (!categoriesOf(c).every((s) => policy.keep.includes(s))) continue;
    if (c.identifier === 'codice-fiscale') {
      if (key !== undefined) {
        if (typeof value !== 'string') {
          return fail([createIssue('csi.pseudonym.fiscal_code_invalid', { it: 'Codice fiscale non è una stringa', en: 'Codice fiscale is not a string' }, { path: [name] })]);
        }
        const p = policy.purpose === undefined ? pseudonymize(value, key) : pseudonymizeFor(policy.purpose, value, key);
        if (!p.ok) return fail([{ ...p.issues[0], path: [name] }]);
        out[name] = p.value;
        continue;
      }
      if (identifiers === 'drop') continue;
    } else if (c.identifier === 'direct' && identifiers === 'drop') continue;
    out[name] = structuredClone(value);
  }
  return ok(out as Redacted<T>);
}
