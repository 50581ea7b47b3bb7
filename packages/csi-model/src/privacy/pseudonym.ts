// SPDX-License-Identifier: BSD-3-Clause
/**
 * Pseudonyms of a codice fiscale for statistics and SINBA (GDPR art. 4(5), 25(1), 89(1); DM 206/2014
 * art. 5 c.4: SINBA is collected "in forma individuale ma priva di ogni riferimento" to identity).
 *
 * Algorithm (reproducible by any other system that holds the key):
 *
 * 1. validate the code with `validateFiscalCode` of `@riuso-sociale/fiscal-code` (16-character personal
 *    codes and 11-digit provisional/numeric codes are accepted);
 * 2. take its canonical form (`canonicalFiscalCode`: upper case, omocodic letters turned back into digits,
 *    check character recomputed), so that every omocodic variant of a person's code gives one pseudonym;
 * 3. `HMAC-SHA256(key, canonical code as ASCII)` (RFC 2104, node:crypto `createHmac`);
 * 4. encode the first 100 bits in base32 (RFC 4648 §6 alphabet `A–Z 2–7`, no padding): **20 characters**.
 *
 * Why a keyed HMAC and not a hash: a codice fiscale has little entropy (name letters, birth date,
 * place, check character), so an unkeyed SHA-256 is reversed by enumeration. Only the holder of the key
 * (the titolare, the Comune) can recompute or link pseudonyms; keep the key outside the database that
 * holds the pseudonyms (art. 4(5): "additional information kept separately").
 *
 * Fit to SINBA: the XSD attribute `IDBeneficiario` is `xs:string`, minLength 1, maxLength 20
 * (SINBA.xsd, INPS-it/WaaS.Comuni); the pseudonym is exactly 20 characters of `[A-Z2-7]`, which never
 * needs XML escaping and can never be mistaken for a codice fiscale (16 or 11 characters).
 *
 * Collision probability: 100 bits. By the birthday bound, among `n` distinct people the chance that two
 * share a pseudonym is at most `n² / 2¹⁰¹`: about 4·10⁻¹⁹ for a million people and 1.5·10⁻¹⁵ for
 * 60 million (the whole population of Italy).
 *
 * The codice fiscale is never logged nor echoed: error messages carry it masked (`maskFiscalCode`).
 * @module
 */
import { createHmac, hkdfSync } from 'node:crypto';
import { createIssue, fail, maskFiscalCode, ok, type Result } from '@riuso-sociale/core';
import { canonicalFiscalCode, validateFiscalCode } from '@riuso-sociale/fiscal-code';

declare const pseudonymBrand: unique symbol;

/**
 * A pseudonym made by {@link pseudonymize}: 20 characters of the base32 alphabet `A–Z 2–7`, usable as
 * the SINBA `IDBeneficiario` (xs:string, 1–20 characters).
 *
 * @example
 * ```ts
 * import type { Pseudonym } from '@riuso-sociale/csi-model';
 * const p: Pseudonym['length'] = 20;
 * ```
 */
export type Pseudonym = string & {
  /** Compile-time brand: only {@link pseudonymize} makes a `Pseudonym`. */
  readonly [pseudonymBrand]: 'Pseudonym';
};

/**
 * The secret key of the pseudonyms: at least 32 bytes ({@link PSEUDONYM_MIN_KEY_BYTES}), as bytes or as a
 * string (its UTF-8 bytes count). Generate it with `crypto.randomBytes(32)`: a passphrase of 32
 * characters has far less than 256 bits of entropy.
 *
 * @example
 * ```ts
 * import { randomBytes } from 'node:crypto';
 * import type { PseudonymKey } from '@riuso-sociale/csi-model';
 * const key: PseudonymKey = randomBytes(32);
 * ```
 */
export type PseudonymKey = Uint8Array | string;

/**
 * Minimum key length in bytes: 32, the output size of SHA-256 (RFC 2104 §3 recommends keys no shorter
 * than the hash output; NIST SP 800-107 r1 §5.3.4 asks for a key of at least the security strength).
 *
 * @example
 * ```ts
 * import { PSEUDONYM_MIN_KEY_BYTES } from '@riuso-sociale/csi-model';
 * PSEUDONYM_MIN_KEY_BYTES; // 32
 * ```
 */
export const PSEUDONYM_MIN_KEY_BYTES = 32;

/**
 * Length of a {@link Pseudonym}: 20 base32 characters = 100 bits; 20 is also the `maxLength` of the SINBA
 * `IDBeneficiario` attribute (SINBA.xsd).
 *
 * @example
 * ```ts
 * import { PSEUDONYM_LENGTH } from '@riuso-sociale/csi-model';
 * PSEUDONYM_LENGTH; // 20
 * ```
 */
export const PSEUDONYM_LENGTH = 20;

/**
 * Issue codes of {@link pseudonymize} and {@link pseudonymizeFor}.
 *
 * @example
 * ```ts
 * import type { PseudonymIssueCode } from '@riuso-sociale/csi-model';
 * const c: PseudonymIssueCode = 'csi.pseudonym.key_too_short';
 * ```
 */
export type PseudonymIssueCode =
  | 'csi.pseudonym.key_invalid'
  | 'csi.pseudonym.key_too_short'
  | 'csi.pseudonym.fiscal_code_invalid'
  | 'csi.pseudonym.purpose_invalid';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Base32 (RFC 4648 §6, no padding) of `bytes`, cut to `chars` characters. */
function base32(bytes: Uint8Array, chars: number): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += BASE32.charAt((buffer >>> (bits - 5)) & 31);
      bits -= 5;
    }
    if (out.length >= chars) break;
  }
  return out;
}

/** The key as bytes, or the issue that rejects it. */
function keyBytes(key: unknown): Result<Uint8Array, PseudonymIssueCode> {
  let bytes: Uint8Array;
  if (typeof key === 'string') bytes = new TextEncoder().encode(key);
  else if (key instanceof Uint8Array) bytes = key;
  else {
    return fail([
      createIssue('csi.pseudonym.key_invalid', {
        it: 'Chiave di pseudonimizzazione: Uint8Array o stringa',
        en: 'Pseudonymisation key: a Uint8Array or a string',
      }),
    ]);
  }
  if (bytes.length < PSEUDONYM_MIN_KEY_BYTES) {
    return fail([
      createIssue(
        'csi.pseudonym.key_too_short',
        {
          it: `Chiave di pseudonimizzazione troppo corta: ${bytes.length} byte, ne servono almeno ${PSEUDONYM_MIN_KEY_BYTES}`,
          en: `Pseudonymisation key too short: ${bytes.length} bytes, at least ${PSEUDONYM_MIN_KEY_BYTES} needed`,
        },
        { params: { bytes: bytes.length, min: PSEUDONYM_MIN_KEY_BYTES } },
      ),
    ]);
  }
  return ok(bytes);
}

/** The canonical code, or the issue that rejects the input (never echoing it in clear). */
function canonicalCode(codiceFiscale: unknown): Result<string, PseudonymIssueCode> {
  const v = validateFiscalCode(codiceFiscale);
  if (!v.ok) {
    const masked = typeof codiceFiscale === 'string' ? maskFiscalCode(codiceFiscale.trim().toUpperCase()) : typeof codiceFiscale;
    return fail([
      createIssue(
        'csi.pseudonym.fiscal_code_invalid',
        {
          it: `Codice fiscale non valido (${masked}): ${v.issues[0].message}`,
          en: `Invalid codice fiscale (${masked}): ${v.issues[0].messageEn}`,
        },
        { params: { value: masked, cause: v.issues[0].code } },
      ),
    ]);
  }
  return ok(canonicalFiscalCode(v.value.code));
}

function hmacPseudonym(key: Uint8Array, canonical: string): Pseudonym {
  const digest = createHmac('sha256', key).update(canonical, 'ascii').digest();
  return base32(digest.subarray(0, 13), PSEUDONYM_LENGTH) as Pseudonym;
}

/**
 * The pseudonym of a codice fiscale under `key`: `base32(HMAC-SHA256(key, canonical CF))` cut to 20
 * characters (see the module notes). Stable (same code and key → same pseudonym), keyed (another key
 * gives an unrelated pseudonym), and the same for every omocodic variant of a code. Fits the SINBA
 * `IDBeneficiario` (1–20 characters).
 *
 * Fails with `csi.pseudonym.key_too_short` (key under 32 bytes), `csi.pseudonym.key_invalid`, or
 * `csi.pseudonym.fiscal_code_invalid` (the message shows the code masked).
 *
 * @example
 * ```ts
 * import { randomBytes } from 'node:crypto';
 * import { pseudonymize } from '@riuso-sociale/csi-model';
 * const key = randomBytes(32);
 * const a = pseudonymize('RSSMRA80A01H501U', key);
 * const b = pseudonymize('rssmra80a01h50mm', key); // omocodic variant, lower case
 * a.ok && b.ok && a.value === b.value;             // true
 * a.ok && a.value.length;                          // 20
 * pseudonymize('RSSMRA80A01H501U', 'short').ok;    // false (csi.pseudonym.key_too_short)
 * ```
 */
export function pseudonymize(codiceFiscale: string, key: PseudonymKey): Result<Pseudonym, PseudonymIssueCode> {
  const k = keyBytes(key);
  if (!k.ok) return k;
  const cf = canonicalCode(codiceFiscale);
  if (!cf.ok) return cf;
  return ok(hmacPseudonym(k.value, cf.value));
}

const PURPOSE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/**
 * The key of one purpose, derived from the master key with HKDF-SHA256 (RFC 5869; node:crypto
 * `hkdfSync`, empty salt, info `csi-model/pseudonym/v1:<purpose>`, 32 bytes). Pseudonyms made for
 * different purposes cannot be linked without the master key (GDPR art. 5(1)(b) purpose limitation,
 * art. 89(1) data minimisation for statistics).
 *
 * `purpose` is a short lower-case label: `[a-z0-9][a-z0-9._-]{0,63}` (e.g. `sinba`, `istat`, `trasparenza`).
 *
 * @example
 * ```ts
 * import { randomBytes } from 'node:crypto';
 * import { derivePurposeKey } from '@riuso-sociale/csi-model';
 * const k = derivePurposeKey('sinba', randomBytes(32));
 * k.ok && k.value.length; // 32
 * ```
 */
export function derivePurposeKey(purpose: string, key: PseudonymKey): Result<Uint8Array, PseudonymIssueCode> {
  if (typeof purpose !== 'string' || !PURPOSE.test(purpose)) {
    return fail([
      createIssue(
        'csi.pseudonym.purpose_invalid',
        {
          it: 'Finalità: etichetta minuscola di 1–64 caratteri [a-z0-9._-]',
          en: 'Purpose: lower-case label of 1–64 characters [a-z0-9._-]',
        },
        { params: { pattern: PURPOSE.source } },
      ),
    ]);
  }
  const k = keyBytes(key);
  if (!k.ok) return k;
  return ok(new Uint8Array(hkdfSync('sha256', k.value, new Uint8Array(0), `csi-model/pseudonym/v1:${purpose}`, 32)));
}

/**
 * The pseudonym of a codice fiscale for one purpose: {@link pseudonymize} under the key that
 * {@link derivePurposeKey} derives for `purpose`. The same person gets unrelated pseudonyms in the SINBA
 * flow and, say, in a transparency export (D.Lgs. 33/2013 art. 26 c.4), so the two cannot be joined.
 *
 * @example
 * ```ts
 * import { randomBytes } from 'node:crypto';
 * import { pseudonymizeFor } from '@riuso-sociale/csi-model';
 * const key = randomBytes(32);
 * const sinba = pseudonymizeFor('sinba', 'RSSMRA80A01H501U', key);
 * const istat = pseudonymizeFor('istat', 'RSSMRA80A01H501U', key);
 * sinba.ok && istat.ok && sinba.value !== istat.value; // true
 * ```
 */
export function pseudonymizeFor(purpose: string, codiceFiscale: string, key: PseudonymKey): Result<Pseudonym, PseudonymIssueCode> {
  const k = derivePurposeKey(purpose, key);
  if (!k.ok) return k;
  return pseudonymize(codiceFiscale, k.value);
}

/**
 * `true` for a string shaped like a {@link Pseudonym}: 20 characters of `A–Z 2–7`.
 *
 * @param value - Any value, e.g. a field of parsed JSON: only a string can be a pseudonym.
 *
 * @example
 * ```ts
 * import { isPseudonym } from '@riuso-sociale/csi-model';
 * isPseudonym('RSSMRA80A01H501U'); // false
 * ```
 */
export function isPseudonym(value: unknown): value is Pseudonym {
  return typeof value === 'string' && /^[A-Z2-7]{20}$/.test(value);
}
