// SPDX-License-Identifier: BSD-3-Clause
/**
 * Redaction for exports (shared/specs/csi-and-riuso.md §A5): a copy of a record that keeps only the
 * categories a recipient may receive (GDPR art. 5(1)(c) minimisation, art. 25(2) privacy by default) and,
 * when asked, replaces the codice fiscale with its keyed pseudonym (art. 4(5), 89(1)) and drops the other
 * direct identifiers.
 *
 * Removed fields are **absent** from the copy, never set to placeholder or fake values, so a consumer
 * cannot mistake a redacted value for a real one. A field the classification does not know is removed
 * (fail closed). Free text inside an ordinary field (the `reason` of every status change, the `display`
 * label of a closing code: {@link FieldClassification.parts}) is removed from the copy of that field
 * unless its categories are kept. The copy is a deep copy: changing it never changes the record.
 *
 * Wrong inputs are refused, never passed through: an unknown `kind` (`csi.redact.unknown_kind`), and a
 * value shaped like a person's codice fiscale anywhere but in the field meant for it
 * (`csi.redact.unexpected_fiscal_code`: e.g. a Persona redacted as an `ente`, whose `codiceFiscale` is an
 * organisation's numeric code kept in clear) — a sign that the record is not of `kind`. Issues name the
 * path, never the value.
 *
 * Quasi-identifiers (birth date, place, citizenship, residence) are ordinary data and stay unless the
 * policy drops `ordinary`; for statistics, reduce them as SINBA does (year of birth, age and ISEE bands).
 * @module
 */
import { createIssue, fail, ok, type Result } from '@riuso-sociale/core';
import { ENTITY_KINDS, type EntityKind } from '../ids.js';
import { pseudonymize, pseudonymizeFor, type PseudonymIssueCode, type PseudonymKey } from './pseudonym.js';
import { categoriesOf, classifyField, ownCategoriesOf, SENSITIVITIES, type FieldClassification, type Sensitivity } from './sensitivity.js';

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
export type RedactIssueCode =
  | PseudonymIssueCode
  | 'csi.redact.invalid_policy'
  | 'csi.redact.invalid_input'
  | 'csi.redact.unknown_kind'
  | 'csi.redact.unexpected_fiscal_code';

/** A person's codice fiscale, omocodic variants included (shape only: fail closed even with a wrong check character). */
const PERSONAL_CF = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

type Path = (string | number)[];

/** The path of the first string shaped like a person's codice fiscale inside `value`, or `null`. */
function findFiscalCode(value: unknown, path: Path, depth = 0): Path | null {
  if (typeof value === 'string') return PERSONAL_CF.test(value.trim().toUpperCase()) ? path : null;
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value as Record<string, unknown>);
  for (const [k, v] of entries) {
    const found = findFiscalCode(v, [...path, k], depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** Removes the parts at `segments` (`[]` = every array item) from a copied value, in place. */
function removePart(value: unknown, segments: readonly string[]): void {
  const [head, ...rest] = segments;
  if (head === undefined || value === null || typeof value !== 'object') return;
  if (head === '[]') {
    if (Array.isArray(value)) for (const item of value) removePart(item, rest);
    return;
  }
  if (Array.isArray(value)) return;
  const obj = value as Record<string, unknown>;
  if (!Object.hasOwn(obj, head)) return;
  if (rest.length === 0) delete obj[head];
  else removePart(obj[head], rest);
}

/** Splits `[].reason` into `['[]', 'reason']`, `display` into `['display']`. */
function segmentsOf(path: string): string[] {
  return path.split(/\.|(?=\[\])|(?<=\[\])/).filter((s) => s !== '');
}

/** A deep copy of `value` without the parts of `c` whose categories are not all in `keep`. */
function copyWithoutParts(value: unknown, c: FieldClassification, keep: readonly Sensitivity[]): unknown {
  const copy = structuredClone(value);
  for (const [path, part] of Object.entries(c.parts ?? {})) {
    if (!categoriesOf(part).every((s) => keep.includes(s))) removePart(copy, segmentsOf(path));
  }
  return copy;
}

function policyIssue(it: string, en: string): Result<never, RedactIssueCode> {
  return fail([createIssue('csi.redact.invalid_policy', { it, en })]);
}

/**
 * A copy of `entity` (a record of kind `kind`) with only the fields whose categories are all in
 * `policy.keep` (and, inside them, only the free-text parts whose categories are kept), direct
 * identifiers handled as the policy says (see {@link RedactionPolicy}). Fails (`Result`) on an unknown
 * kind, a person's codice fiscale outside the field meant for it (wrong kind), an invalid policy, a key
 * shorter than 32 bytes or a codice fiscale that is not valid when it must be pseudonymised.
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
  if (typeof kind !== 'string' || !ENTITY_KINDS.includes(kind)) {
    return fail([createIssue('csi.redact.unknown_kind', { it: 'Redazione: tipo di entità sconosciuto', en: 'Redaction: unknown entity kind' })]);
  }
  if (entity === null || typeof entity !== 'object' || Array.isArray(entity)) {
    return fail([createIssue('csi.redact.invalid_input', { it: 'Redazione: il record non è un oggetto', en: 'Redaction: the record is not an object' })]);
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
    if (c.identifier !== 'codice-fiscale') {
      // A person's codice fiscale where none belongs: the record is not of `kind` (or is corrupt). Checked on
      // every field, kept or not, so that the answer does not depend on the policy.
      const where = findFiscalCode(value, [name]);
      if (where !== null) {
        return fail([
          createIssue(
            'csi.redact.unexpected_fiscal_code',
            {
              it: `Redazione: un codice fiscale di persona in un campo che non lo prevede (${where.join('.')}): il record non è di tipo «${kind}»?`,
              en: `Redaction: a person's codice fiscale in a field not meant for one (${where.join('.')}): is the record not a "${kind}"?`,
            },
            { path: where },
          ),
        ]);
      }
    }
    if (!ownCategoriesOf(c).every((s) => policy.keep.includes(s))) continue;
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
    out[name] = copyWithoutParts(value, c, policy.keep);
  }
  return ok(out as Redacted<T>);
}
