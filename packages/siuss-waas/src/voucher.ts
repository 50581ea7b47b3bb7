// SPDX-License-Identifier: BSD-3-Clause
/**
 * Verification of the PDND voucher INPS presents to the Comune's WaaS endpoint
 * (`Authorization: Bearer <voucher>`), following the checklist of `shared/specs/waas-pdnd.md` §1.5
 * step by step, with jose doing the cryptography (RS256 signature, claim set decoding) and this
 * module doing everything jose leaves open (header hygiene, explicit typing, lifetime, identities).
 *
 * Every failure is a refusal, never an exception: `401` when there is no valid voucher for this
 * e-service (the caller is told nothing of which check failed: ModI ID_AUTH_REST_01 notes, spec §1.5
 * step 10), `403` when the voucher is valid but its client, consumer or purpose is not allowed.
 * The token itself is never returned, logged or kept.
 * @module
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import {
  base64url, createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify,
  type CryptoKey, type FlattenedJWSInput, type JSONWebKeySet, type JWSHeaderParameters, type JWTPayload, type JWTVerifyOptions,
} from 'jose';
import type { VoucherCheck, VoucherClaims, VoucherVerifier } from './types.js';

// ---------------------------------------------------------------------------------------------
// Options

/**
 * A JWKS given inline, e.g. the keys copied from the PDND back office or a test authority's
 * `jwks`. Read once, at creation.
 *
 * @example
 * ```ts
 * import type { VoucherJwksKeys } from '@riuso-sociale/siuss-waas';
 * const jwks: VoucherJwksKeys = { keys: { keys: [] } }; // a JSONWebKeySet: { keys: JWK[] }
 * ```
 */
export interface VoucherJwksKeys {
  /** The JSON Web Key Set (`{ keys: [...] }`) holding PDND's RSA signing keys. */
  readonly keys: JSONWebKeySet;
}

/**
 * A JWKS kept in a JSON file (for installations that mirror PDND's `jwks.json` themselves): read at
 * creation, read again when a voucher names an unknown `kid` (key rotation), at most once per
 * `cooldownMs` (spec §1.3: "on an unknown kid refetch once, with rate limiting").
 *
 * @example
 * ```ts
 * import type { VoucherJwksFile } from '@riuso-sociale/siuss-waas';
 * const jwks: VoucherJwksFile = { file: '/etc/waas/pdnd-jwks.json', cooldownMs: 60_000 };
 * ```
 */
export interface VoucherJwksFile {
  /** Path of the JSON file holding the JSON Web Key Set. */
  readonly file: string;
  /** Minimum time between two reads of the file caused by unknown `kid`s. Default 30 000 ms. */
  readonly cooldownMs?: number | undefined;
}

/**
 * PDND's JWKS URL, fetched with jose's `createRemoteJWKSet`: cached, fetched again when stale or
 * when a voucher names an unknown `kid` (at most once per `cooldownMs`: rate limiting, spec §1.3).
 * Only `https:` (ID_AUTH_CHANNEL_01), except `http://127.0.0.1`, `http://localhost` and
 * `http://[::1]` for tests. Production: `https://interop.pagopa.it/.well-known/jwks.json`, but take
 * the URL from the e-service's technical details in the PDND back office (spec §1.3), never from a
 * constant.
 *
 * @example
 * ```ts
 * import type { VoucherJwksUrl } from '@riuso-sociale/siuss-waas';
 * const jwks: VoucherJwksUrl = { url: 'https://interop.pagopa.it/.well-known/jwks.json' };
 * ```
 */
export interface VoucherJwksUrl {
  /** The JWKS URL (`https:`; plain `http:` only on the loopback interface). */
  readonly url: string | URL;
  /** How long fetched keys are trusted before a new fetch. Default 600 000 ms (jose's default). */
  readonly cacheMaxAgeMs?: number | undefined;
  /** Minimum time after a fetch before an unknown `kid` may cause another one. Default 30 000 ms. */
  readonly cooldownMs?: number | undefined;
  /** Timeout of one fetch. Default 5 000 ms. */
  readonly timeoutMs?: number | undefined;
}

/**
 * Where the PDND verification keys come from: inline keys, a JSON file or a URL.
 *
 * @example
 * ```ts
 * import type { VoucherJwksSource } from '@riuso-sociale/siuss-waas';
 * const jwks: VoucherJwksSource = { url: new URL('https://uat.interop.pagopa.it/.well-known/jwks.json') };
 * ```
 */
export type VoucherJwksSource = VoucherJwksKeys | VoucherJwksFile | VoucherJwksUrl;

/**
 * Options of {@link createVoucherVerifier}. One set per PDND environment (attestazione, collaudo,
 * produzione): every id differs between them (spec §1.2, [S9]).
 *
 * @example
 * ```ts
 * import type { VoucherVerifierOptions } from '@riuso-sociale/siuss-waas';
 * const options: VoucherVerifierOptions = {
 *   issuer: 'interop.pagopa.it',
 *   audience: 'https://waas.comune.example.it/waas/v1',
 *   jwks: { url: 'https://interop.pagopa.it/.well-known/jwks.json' },
 *   allowedClients: ['9b2c5d1e-0000-4000-8000-000000000001'],
 * };
 * ```
 */
export interface VoucherVerifierOptions {
  /**
   * Expected `iss` (RFC 8725 §3.8). Production: `interop.pagopa.it` (spec §1.3); the collaudo and
   * attestazione values are unverified, so this is always configuration, never a constant.
   */
  readonly issuer: string;
  /**
   * Expected `aud` (RFC 8725 §3.9): the audience the Comune set on its e-service (template Step 2,
   * spec §1.2/§1.6).
   */
  readonly audience: string;
  /** Where PDND's verification keys come from (spec §1.3). */
  readonly jwks: VoucherJwksSource;
  /**
   * INPS's PDND client ids (`client_id`, equal to `sub`): a valid voucher of any other client is
   * refused with `403` (spec §1.2 `client_id`). Required, non-empty.
   */
  readonly allowedClients: readonly string[];
  /**
   * Allowed `consumerId`s (INPS's PDND tenant id): a voucher carrying another one is refused with
   * `403`. Like the other tenant-level ids, `consumerId` sits behind a PDND feature flag (spec
   * §1.2), so a voucher WITHOUT it is accepted.
   */
  readonly consumerIds?: readonly string[] | undefined;
  /** Allowed `purposeId`s (the finalità of INPS's fruizione): any other is refused with `403` (spec §1.2, [S16]). */
  readonly purposeIds?: readonly string[] | undefined;
  /**
   * Expected `producerId` (the Comune's PDND tenant id). Enforced only when configured AND present
   * in the voucher (PDND feature flag, spec §1.2): a different value is refused with `401`, a voucher
   * without the claim is accepted.
   */
  readonly producerId?: string | undefined;
  /** Expected `eserviceId`: same rule as {@link VoucherVerifierOptions.producerId}. */
  readonly eserviceId?: string | undefined;
  /** Expected `descriptorId`: same rule as {@link VoucherVerifierOptions.producerId}. */
  readonly descriptorId?: string | undefined;
  /** Leeway on `exp`, `nbf` and `iat`, in seconds: 0–60 (spec §1.5 step 7). Default 30. */
  readonly clockToleranceSec?: number | undefined;
  /**
   * Maximum `exp − iat`, in seconds (spec §1.2/§1.4: PDND's `voucherLifespan` is at most 86 400 s,
   * the WaaS template fixes 1440 min). 1–86 400. Default 86 400.
   */
  readonly maxLifetimeSec?: number | undefined;
  /** Maximum length of the token, in bytes (spec §1.5 step 2: "cap its size"). 256–65 536. Default 8192. */
  readonly maxTokenBytes?: number | undefined;
  /** The clock (for tests): passed to jose as `currentDate`. Default: the system clock. */
  readonly now?: (() => Date) | undefined;
}

/**
 * The word a refusal carries in {@link VoucherCheck}'s `reason`, for the operators' log only (the
 * caller always gets a plain 401/403). `error` marks an unexpected internal failure (never expected;
 * the voucher is refused all the same: fail closed).
 *
 * @example
 * ```ts
 * import type { VoucherRefusalReason } from '@riuso-sociale/siuss-waas';
 * const r: VoucherRefusalReason = 'expired';
 * ```
 */
export type VoucherRefusalReason =
  | 'missing' | 'scheme' | 'malformed' | 'alg' | 'typ' | 'kid' | 'crit' | 'header' | 'signature'
  | 'iss' | 'aud' | 'expired' | 'not-yet-valid' | 'iat' | 'lifetime' | 'claims' | 'sub'
  | 'client' | 'consumer' | 'purpose' | 'producer' | 'eservice' | 'descriptor' | 'jwks-unavailable' | 'error';

// ---------------------------------------------------------------------------------------------
// Configuration checks (TypeError at creation: a configuration error, never a request error)

const DEFAULT_TOLERANCE_SEC = 30;
const MAX_TOLERANCE_SEC = 60;
const DEFAULT_MAX_LIFETIME_SEC = 86_400;
const DEFAULT_MAX_TOKEN_BYTES = 8192;
const DEFAULT_COOLDOWN_MS = 30_000;
/** Maximum length of the identity claims (`sub`, `client_id`, `purposeId`, `jti`, tenant ids). */
const MAX_CLAIM_LENGTH = 256;

function configError(it: string, en: string): TypeError {
  return new TypeError(`createVoucherVerifier: ${it} / ${en}`);
}

function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value !== value.trim()) {
    throw configError(`${name} deve essere una stringa non vuota, senza spazi ai bordi`, `${name} must be a non-empty string without surrounding spaces`);
  }
  return value;
}

function optionalString(value: unknown, name: string): string | undefined {
  return value === undefined ? undefined : requireString(value, name);
}

function stringList(value: unknown, name: string, required: boolean): ReadonlySet<string> | undefined {
  if (value === undefined && !required) return undefined;
  if (!Array.isArray(value) || value.length === 0) {
    throw configError(`${name} deve essere un elenco non vuoto di stringhe`, `${name} must be a non-empty list of strings`);
  }
  return new Set(value.map((v: unknown, i) => requireString(v, `${name}[${i}]`)));
}

function integerIn(value: unknown, name: string, min: number, max: number, fallback: number, unit: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw configError(`${name} deve essere un intero da ${min} a ${max} (${unit})`, `${name} must be an integer from ${min} to ${max} (${unit})`);
  }
  return value;
}

function durationMs(value: unknown, name: string, fallback: number, allowInfinity = false): number {
  if (value === undefined) return fallback;
  if (allowInfinity && value === Number.POSITIVE_INFINITY) return value;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw configError(`${name} deve essere un numero intero di millisecondi ≥ 0`, `${name} must be a non-negative integer number of milliseconds`);
  }
  return value;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function jwksUrl(value: unknown): URL {
  let url: URL;
  try {
    url = value instanceof URL ? new URL(value.href) : new URL(String(value));
  } catch {
    throw configError('jwks.url non è un URL valido', 'jwks.url is not a valid URL');
  }
  if (url.username !== '' || url.password !== '') {
    throw configError('jwks.url non deve contenere credenziali', 'jwks.url must not carry credentials');
  }
  // ID_AUTH_CHANNEL_01 (spec §2): keys only over TLS; plain http on the loopback for tests only.
  const ok = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  if (!ok) {
    throw configError('jwks.url deve essere https: (http: solo su 127.0.0.1/localhost per i test)',
      'jwks.url must be https: (http: only on 127.0.0.1/localhost for tests)');
  }
  return url;
}

/** A JWKS object with at least one RSA key, or a TypeError. */
function checkedJwks(value: unknown, where: string): JSONWebKeySet {
  const keys = value !== null && typeof value === 'object' ? (value as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(keys) || !keys.some((k: unknown) => k !== null && typeof k === 'object' && (k as { kty?: unknown }).kty === 'RSA')) {
    throw configError(`${where}: serve un JSON Web Key Set { keys: [...] } con almeno una chiave RSA`,
      `${where}: a JSON Web Key Set { keys: [...] } with at least one RSA key is required`);
  }
  return value as JSONWebKeySet;
}

function localSet(jwks: JSONWebKeySet, where: string): LocalResolver {
  try {
    return createLocalJWKSet(jwks);
  } catch {
    throw configError(`${where}: JSON Web Key Set non valido`, `${where}: invalid JSON Web Key Set`);
  }
}

function readJwksFileSync(path: string): JSONWebKeySet {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw configError(`jwks.file: impossibile leggere ${path}`, `jwks.file: cannot read ${path}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw configError(`jwks.file: ${path} non è JSON valido`, `jwks.file: ${path} is not valid JSON`);
  }
  return checkedJwks(parsed, 'jwks.file');
}

// ---------------------------------------------------------------------------------------------
// Key resolution (spec §1.3, §1.5 step 5; RFC 8725 §3.10: `kid` only selects a key of the configured set)

type LocalResolver = (header?: JWSHeaderParameters, token?: FlattenedJWSInput) => Promise<CryptoKey>;
type KeyResolver = (header: JWSHeaderParameters, token: FlattenedJWSInput) => Promise<CryptoKey>;

/** The configured JWKS could not be fetched or read: refuse (fail closed). */
class JwksUnavailable extends Error {}

function isKeyMatchError(e: unknown): boolean {
  return e instanceof errors.JWKSNoMatchingKey || e instanceof errors.JWKSMultipleMatchingKeys;
}

function fileResolver(path: string, cooldownMs: number): KeyResolver {
  let local = localSet(readJwksFileSync(path), 'jwks.file');
  let lastRead = Date.now();
  let pending: Promise<void> | undefined;
  const reread = async (): Promise<void> => {
    lastRead = Date.now();
    try {
      const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
      local = createLocalJWKSet(checkedJwks(parsed, 'jwks.file'));
    } catch (cause) {
      throw new JwksUnavailable('jwks.file', { cause });
    }
  };
  return async (header, token) => {
    try {
      return await local(header, token);
    } catch (e) {
      if (!(e instanceof errors.JWKSNoMatchingKey)) throw e;
      // An unknown kid: read the file again (key rotation), at most once per cooldown (spec §1.3).
      if (pending === undefined) {
        if (Date.now() - lastRead < cooldownMs) throw e;
        pending = reread().finally(() => {
          pending = undefined;
        });
      }
      await pending;
      return local(header, token);
    }
  };
}

function urlResolver(source: VoucherJwksUrl): KeyResolver {
  const url = jwksUrl(source.url);
  const remote = createRemoteJWKSet(url, {
    cacheMaxAge: durationMs(source.cacheMaxAgeMs, 'jwks.cacheMaxAgeMs', 600_000, true),
    cooldownDuration: durationMs(source.cooldownMs, 'jwks.cooldownMs', DEFAULT_COOLDOWN_MS),
    timeoutDuration: durationMs(source.timeoutMs, 'jwks.timeoutMs', 5000),
  });
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (e) {
      // No key for this kid (after jose's single, rate-limited refetch): a 'kid' refusal. Anything
      // else is a fetch that failed (network, timeout, non-200, not a JWKS): fail closed.
      if (isKeyMatchError(e)) throw e;
      throw new JwksUnavailable('jwks.url', { cause: e });
    }
  };
}

function keyResolver(jwks: unknown): KeyResolver {
  if (jwks === null || typeof jwks !== 'object') {
    throw configError('jwks deve essere { keys }, { file } o { url }', 'jwks must be { keys }, { file } or { url }');
  }
  const kinds = ['keys', 'file', 'url'].filter((k) => k in jwks);
  if (kinds.length !== 1) {
    throw configError('jwks deve avere esattamente uno tra keys, file e url', 'jwks must have exactly one of keys, file and url');
  }
  if ('keys' in jwks) {
    const local = localSet(checkedJwks((jwks as VoucherJwksKeys).keys, 'jwks.keys'), 'jwks.keys');
    return (header, token) => local(header, token);
  }
  if ('file' in jwks) {
    const source = jwks as VoucherJwksFile;
    if (typeof source.file !== 'string' || source.file === '') {
      throw configError('jwks.file deve essere un percorso', 'jwks.file must be a path');
    }
    return fileResolver(source.file, durationMs(source.cooldownMs, 'jwks.cooldownMs', DEFAULT_COOLDOWN_MS));
  }
  return urlResolver(jwks as VoucherJwksUrl);
}

// ---------------------------------------------------------------------------------------------
// Request checks

/** RFC 6750 §2.1 `b64token` (the token's own syntax is checked later: compact JWS). */
const B64TOKEN_RE = /^[A-Za-z0-9\-._~+/]+=*$/;
/** RFC 7515 §2 / RFC 4648 §5: base64url without padding. */
const BASE64URL_RE = /^[A-Za-z0-9_-]*$/;
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

type Refusal = Extract<VoucherCheck, { ok: false }>;

function refuse(reason: VoucherRefusalReason, status: 401 | 403 = 401, claims?: Partial<VoucherClaims>): Refusal {
  return claims === undefined ? { ok: false, status, reason } : { ok: false, status, reason, claims };
}

/** The token of `Authorization: Bearer <token>`, or the refusal (spec §1.5 step 2; RFC 6750 §2.1). */
function bearerToken(authorization: string | null, maxTokenBytes: number): string | Refusal {
  if (authorization === null || typeof authorization !== 'string') return refuse('missing');
  // HTTP strips optional white space around a field value (RFC 9110 §5.5); a Request already has.
  const value = authorization.replace(/^[ \t]+|[ \t]+$/g, '');
  if (value === '') return refuse('missing');
  // Cheap size cap before any further parsing (spec §1.5 step 2: "cap its size").
  if (value.length > maxTokenBytes + 64) return refuse('malformed');
  const space = value.indexOf(' ');
  const scheme = space < 0 ? value : value.slice(0, space);
  // The scheme is case-insensitive (RFC 9110 §11.1). Only Bearer: WaaS declares an http bearer
  // scheme (OpenAPI `PDND`), so `DPoP` (spec §2) and every other scheme are refused.
  if (scheme.toLowerCase() !== 'bearer') return refuse('scheme');
  const token = value.slice(space + 1).replace(/^ +/, '');
  // Exactly one credential: `Bearer 1*SP b64token` (RFC 6750 §2.1). A comma (a second credential
  // or auth-param), a second token or a tab is not that.
  if (space < 0 || token === '' || /[\s,]/.test(token)) return refuse('scheme');
  if (!B64TOKEN_RE.test(token)) return refuse('malformed');
  // The token is ASCII here, so its length is its size in bytes.
  if (token.length > maxTokenBytes) return refuse('malformed');
  return token;
}

/** Checks the protected header: `null` when acceptable, else the refusal (spec §1.5 steps 3–4; RFC 8725 §3.1, §3.7, §3.10, §3.11). */
function headerRefusal(token: string): Refusal | null {
  const parts = token.split('.');
  // Compact JWS: exactly 3 base64url parts (RFC 7515 §7.1), header and payload non-empty; the
  // signature may be empty here so that `alg: none` is refused as such below.
  if (parts.length !== 3) return refuse('malformed');
  const [h = '', p = '', s = ''] = parts;
  if (h === '' || p === '' || !BASE64URL_RE.test(h) || !BASE64URL_RE.test(p) || !BASE64URL_RE.test(s)) return refuse('malformed');
  if (h.length % 4 === 1 || p.length % 4 === 1 || s.length % 4 === 1) return refuse('malformed');
  let header: unknown;
  try {
    // UTF-8 only, strictly (RFC 8725 §3.7), then JSON.
    header = JSON.parse(UTF8.decode(base64url.decode(h)));
  } catch {
    return refuse('malformed');
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) return refuse('malformed');
  const hd = header as Record<string, unknown>;
  // RFC 8725 §3.1: the algorithm comes from our allow-list, never from the token; PDND signs RS256
  // (spec §1.1). Refuses `none` (§3.2), HS* (key confusion), PS*, ES*, EdDSA…
  if (hd.alg !== 'RS256') return refuse('alg');
  // RFC 8725 §3.11, RFC 9068 §4: explicit typing, `at+jwt` or `application/at+jwt`
  // (case-insensitive media type); keeps PDND client assertions (`typ: JWT`) out (spec §4 point 6).
  if (typeof hd.typ !== 'string' || !['at+jwt', 'application/at+jwt'].includes(hd.typ.toLowerCase())) return refuse('typ');
  // `kid` selects the key of the configured JWKS and nothing else (spec §1.1, RFC 8725 §3.10).
  if (typeof hd.kid !== 'string' || hd.kid === '' || hd.kid.length > MAX_CLAIM_LENGTH) return refuse('kid');
  // No critical extensions are understood here (spec §1.5 step 3; RFC 7515 §4.1.11).
  if ('crit' in hd) return refuse('crit');
  // Never follow keys or URLs the token points at (RFC 8725 §3.10: SSRF, key injection).
  if ('jku' in hd || 'x5u' in hd || 'jwk' in hd || 'x5c' in hd) return refuse('header');
  return null;
}

/** jose's error → the refusal's reason. */
function reasonOf(e: unknown): VoucherRefusalReason {
  if (e instanceof JwksUnavailable) return 'jwks-unavailable';
  if (e instanceof errors.JWKSNoMatchingKey) return 'kid';
  if (e instanceof errors.JOSEAlgNotAllowed) return 'alg';
  if (e instanceof errors.JWSSignatureVerificationFailed) return 'signature';
  if (e instanceof errors.JWTExpired) return e.claim === 'exp' ? 'expired' : 'iat';
  if (e instanceof errors.JWTClaimValidationFailed) {
    switch (e.claim) {
      case 'iss': return 'iss';
      case 'aud': return 'aud';
      case 'typ': return 'typ';
      case 'nbf': return e.reason === 'check_failed' ? 'not-yet-valid' : 'claims';
      default: return 'claims';
    }
  }
  if (e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid) return 'malformed';
  // A key jose cannot use (e.g. an RSA modulus under 2048 bits, RFC 8725 §3.5): not verifiable.
  if (e instanceof errors.JOSEError || e instanceof TypeError) return 'signature';
  return 'error';
}

async function verifySignature(token: string, resolve: KeyResolver, options: JWTVerifyOptions): Promise<JWTPayload> {
  try {
    return (await jwtVerify(token, resolve, options)).payload;
  } catch (e) {
    if (!(e instanceof errors.JWKSMultipleMatchingKeys)) throw e;
    // Several keys of the set match the kid (a rotation in progress): try each of them.
    for await (const key of e) {
      try {
        return (await jwtVerify(token, key, options)).payload;
      } catch (inner) {
        if (!(inner instanceof errors.JWSSignatureVerificationFailed)) throw inner;
      }
    }
    throw new errors.JWSSignatureVerificationFailed();
  }
}

function identity(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && value.length <= MAX_CLAIM_LENGTH;
}

// ---------------------------------------------------------------------------------------------
// The verifier

/**
 * Creates the verifier of the PDND voucher INPS sends to the WaaS endpoint
 * (`Authorization: Bearer <voucher>`), after `shared/specs/waas-pdnd.md` §1.5:
 *
 * 1. exactly one `Bearer` credential (RFC 6750 §2.1; `DPoP` and any other scheme refused), of at
 *    most `maxTokenBytes`;
 * 2. a compact JWS of 3 base64url parts with a UTF-8 JSON header (RFC 8725 §3.7): `alg` `RS256`
 *    only (§3.1), `typ` `at+jwt` (§3.11, RFC 9068 §4), a `kid`, no `crit`, no `jku`/`x5u`/`jwk`/`x5c`
 *    (§3.10);
 * 3. the RS256 signature with the configured JWKS key of that `kid` (§3.3), an unknown `kid` causing
 *    one rate-limited refetch;
 * 4. `iss`, `aud`, `exp`/`nbf`/`iat` (with `clockToleranceSec`), `exp − iat ≤ maxLifetimeSec`, the
 *    identity claims (`sub === client_id`, `purposeId`, `jti`), the tenant ids when configured;
 * 5. the allow-lists (`403`).
 *
 * `verify` never throws and never rejects: every failure is a {@link VoucherCheck} refusal with a
 * `reason` for the log. A `jti` seen before is NOT refused: a Bearer voucher is reused until it
 * expires (spec §2, ID_AUTH_REST_02 not required; the WaaS template sets 24 h).
 *
 * @throws TypeError (Italian / English message) when the options are invalid: a configuration
 *   error, raised at creation, never at request time.
 * @example
 * ```ts
 * import { createVoucherVerifier } from '@riuso-sociale/siuss-waas';
 * const verifier = createVoucherVerifier({
 *   issuer: 'interop.pagopa.it',
 *   audience: 'https://waas.comune.example.it/waas/v1',
 *   jwks: { url: 'https://interop.pagopa.it/.well-known/jwks.json' },
 *   allowedClients: ['9b2c5d1e-0000-4000-8000-000000000001'],
 * });
 * const check = await verifier.verify(request.headers.get('authorization'));
 * if (!check.ok) return new Response(null, { status: check.status, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } });
 * console.log(check.claims.clientId, check.claims.purposeId, check.claims.jti);
 * ```
 */
export function createVoucherVerifier(options: VoucherVerifierOptions): VoucherVerifier {
  if (options === null || typeof options !== 'object') {
    throw configError('servono le opzioni (issuer, audience, jwks, allowedClients)', 'options are required (issuer, audience, jwks, allowedClients)');
  }
  const issuer = requireString(options.issuer, 'issuer');
  const audience = requireString(options.audience, 'audience');
  const allowedClients = stringList(options.allowedClients, 'allowedClients', true) as ReadonlySet<string>;
  const consumerIds = stringList(options.consumerIds, 'consumerIds', false);
  const purposeIds = stringList(options.purposeIds, 'purposeIds', false);
  const producerId = optionalString(options.producerId, 'producerId');
  const eserviceId = optionalString(options.eserviceId, 'eserviceId');
  const descriptorId = optionalString(options.descriptorId, 'descriptorId');
  const tolerance = options.clockToleranceSec === undefined ? DEFAULT_TOLERANCE_SEC : options.clockToleranceSec;
  if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance < 0 || tolerance > MAX_TOLERANCE_SEC) {
    throw configError(`clockToleranceSec deve essere da 0 a ${MAX_TOLERANCE_SEC} secondi`, `clockToleranceSec must be from 0 to ${MAX_TOLERANCE_SEC} seconds`);
  }
  const maxLifetime = integerIn(options.maxLifetimeSec, 'maxLifetimeSec', 1, DEFAULT_MAX_LIFETIME_SEC, DEFAULT_MAX_LIFETIME_SEC, 'secondi / seconds');
  const maxTokenBytes = integerIn(options.maxTokenBytes, 'maxTokenBytes', 256, 65_536, DEFAULT_MAX_TOKEN_BYTES, 'byte / bytes');
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw configError('now deve essere una funzione che restituisce una Date', 'now must be a function returning a Date');
  }
  const clock = options.now ?? (() => new Date());
  const resolve = keyResolver(options.jwks);

  async function check(authorization: string | null): Promise<VoucherCheck> {
    // §1.5 step 2: one Bearer credential, size capped.
    const token = bearerToken(authorization, maxTokenBytes);
    if (typeof token !== 'string') return token;
    // §1.5 steps 3–4: compact JWS, header hygiene, before any key is looked up.
    const refusal = headerRefusal(token);
    if (refusal !== null) return refusal;

    const now = clock();
    const nowSec = Math.floor(now.getTime() / 1000);
    if (!Number.isFinite(nowSec)) return refuse('error');
    let payload: JWTPayload;
    try {
      // §1.5 steps 5–7 by jose: RS256 only (RFC 8725 §3.1; also checked above), the key of `kid` in
      // the configured JWKS (§3.3, §3.10), `typ` (§3.11), `iss` (§3.8), `aud` (§3.9), `nbf`/`exp`
      // with the leeway. `aud`: PDND puts a STRING in the token (spec §1.2, `jwtEncoder.ts` L74,
      // several audiences of one e-service being joined with ','); jose accepts a string EQUAL to
      // the configured audience, or an array CONTAINING it (RFC 7519 §4.1.3). A comma-joined string
      // is deliberately not split: the e-service should declare this one audience.
      payload = await verifySignature(token, resolve, {
        algorithms: ['RS256'],
        typ: 'at+jwt',
        issuer,
        audience,
        clockTolerance: tolerance,
        currentDate: now,
        requiredClaims: ['exp', 'nbf', 'iat'],
      });
    } catch (e) {
      return refuse(reasonOf(e));
    }

    // §1.5 step 7: numeric seconds (jose checked they are numbers; JSON's 1e999 is Infinity).
    const { exp, iat, nbf } = payload;
    if (typeof exp !== 'number' || typeof iat !== 'number' || typeof nbf !== 'number'
      || !Number.isFinite(exp) || !Number.isFinite(iat) || !Number.isFinite(nbf)) return refuse('claims');
    // `iat` not in the future beyond the leeway (spec §1.2 `iat`; jose checks it only with maxTokenAge).
    if (iat > nowSec + tolerance) return refuse('iat');
    // `exp − iat ≤ 86400` (spec §1.2 `exp`, §1.4: PDND's voucherLifespan is 60–86400 s).
    if (exp <= iat || exp - iat > maxLifetime) return refuse('lifetime');

    // §1.5 step 8: the identity claims, present non-empty strings, `sub === client_id` (spec §1.2).
    const { sub, client_id: clientId, purposeId, jti } = payload as Record<string, unknown>;
    if (!identity(sub) || !identity(clientId) || !identity(purposeId) || !identity(jti)) return refuse('claims');
    const tenant: Record<'consumerId' | 'producerId' | 'eserviceId' | 'descriptorId', string | undefined> = {
      consumerId: undefined, producerId: undefined, eserviceId: undefined, descriptorId: undefined,
    };
    for (const name of ['consumerId', 'producerId', 'eserviceId', 'descriptorId'] as const) {
      const value = (payload as Record<string, unknown>)[name];
      if (value === undefined) continue;
      if (!identity(value)) return refuse('claims');
      tenant[name] = value;
    }
    if (sub !== clientId) return refuse('sub');

    // §1.5 step 9 ([S6]): producerId/eserviceId/descriptorId, enforced when configured AND present
    // (they sit behind a PDND feature flag, spec §1.2). A voucher minted for another e-service is
    // not a voucher for this one: 401.
    if (producerId !== undefined && tenant.producerId !== undefined && tenant.producerId !== producerId) return refuse('producer');
    if (eserviceId !== undefined && tenant.eserviceId !== undefined && tenant.eserviceId !== eserviceId) return refuse('eservice');
    if (descriptorId !== undefined && tenant.descriptorId !== undefined && tenant.descriptorId !== descriptorId) return refuse('descriptor');

    const caller = {
      clientId, purposeId, jti,
      ...(tenant.consumerId !== undefined ? { consumerId: tenant.consumerId } : {}),
    };
    // §1.5 step 9: allow-lists; a valid voucher of a party not allowed gets 403, with who it was.
    if (!allowedClients.has(clientId)) return refuse('client', 403, caller);
    if (consumerIds !== undefined && tenant.consumerId !== undefined && !consumerIds.has(tenant.consumerId)) return refuse('consumer', 403, caller);
    if (purposeIds !== undefined && !purposeIds.has(purposeId)) return refuse('purpose', 403, caller);

    // A repeated jti is accepted: Bearer vouchers are reused until they expire (spec §2).
    const claims: VoucherClaims = {
      ...caller,
      exp, iat,
      ...(tenant.producerId !== undefined ? { producerId: tenant.producerId } : {}),
      ...(tenant.eserviceId !== undefined ? { eserviceId: tenant.eserviceId } : {}),
      ...(tenant.descriptorId !== undefined ? { descriptorId: tenant.descriptorId } : {}),
    };
    return { ok: true, claims };
  }

  return {
    async verify(authorization: string | null): Promise<VoucherCheck> {
      try {
        return await check(authorization);
      } catch {
        // Never expected; fail closed, never reject (and never surface the token in an error).
        return refuse('error');
      }
    },
  };
}
