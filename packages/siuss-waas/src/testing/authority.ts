// SPDX-License-Identifier: BSD-3-Clause
/**
 * A TEST PDND authority: it mints vouchers shaped like PDND's (`shared/specs/waas-pdnd.md` §1.1–§1.2)
 * with a key pair generated in memory, and forges the attacks a verifier must refuse. For tests
 * and local demos ONLY: its keys are throw-away, its issuer is `*.invalid`, and nothing it signs
 * must ever be trusted by a real endpoint.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { base64url, exportJWK, exportSPKI, generateKeyPair, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';
import type { VoucherVerifierOptions } from '../voucher.js';

/** Default `iss` of the test authority (a reserved `.invalid` name: never a real PDND). */
export const TEST_AUTHORITY_ISSUER = 'test.interop.pagopa.invalid';
/** Default `aud` of the test authority: the audience of a fictitious Comune's e-service. */
export const TEST_AUTHORITY_AUDIENCE = 'https://comune.example.invalid/waas/v1';
/** Default PDND client id of the fictitious INPS (`sub` and `client_id`). */
export const TEST_CLIENT_ID = '11111111-1111-4111-8111-111111111111';
/** Default `purposeId` of the fictitious INPS fruizione. */
export const TEST_PURPOSE_ID = '22222222-2222-4222-8222-222222222222';
/** Default `consumerId` (INPS's tenant id) of the fictitious fruizione. */
export const TEST_CONSUMER_ID = '33333333-3333-4333-8333-333333333333';
/** Default `kid` of the test authority's signing key. */
export const TEST_KID = 'test-pdnd-key-1';
/** Default voucher lifetime: 86 400 s = 1440 min, as the WaaS e-service template sets (spec §1.4). */
export const TEST_VOUCHER_LIFETIME_SEC = 86_400;

/**
 * Options of {@link createTestAuthority}. Every value has a default.
 *
 * @example
 * ```ts
 * import type { TestAuthorityOptions } from '@riuso-sociale/siuss-waas/testing';
 * const o: TestAuthorityOptions = { audience: 'https://waas.test.invalid/waas/v1', producerId: 'p-1' };
 * ```
 */
export interface TestAuthorityOptions {
  /** `iss`. Default {@link TEST_AUTHORITY_ISSUER}. */
  readonly issuer?: string | undefined;
  /** `aud`. Default {@link TEST_AUTHORITY_AUDIENCE}. */
  readonly audience?: string | undefined;
  /** `sub` and `client_id`. Default {@link TEST_CLIENT_ID}. */
  readonly clientId?: string | undefined;
  /** `purposeId`. Default {@link TEST_PURPOSE_ID}. */
  readonly purposeId?: string | undefined;
  /** `consumerId` (always issued unless overridden with `undefined`). Default {@link TEST_CONSUMER_ID}. */
  readonly consumerId?: string | undefined;
  /** `producerId`, issued only when given. */
  readonly producerId?: string | undefined;
  /** `eserviceId`, issued only when given. */
  readonly eserviceId?: string | undefined;
  /** `descriptorId`, issued only when given. */
  readonly descriptorId?: string | undefined;
  /** `kid` of the signing key. Default {@link TEST_KID}. */
  readonly kid?: string | undefined;
  /** `exp − iat` in seconds. Default {@link TEST_VOUCHER_LIFETIME_SEC} (24 h). */
  readonly lifetimeSec?: number | undefined;
  /**
   * Generate a new key pair for this authority (a key rotation, a second PDND) instead of the one
   * shared by every authority of the process (generated once, to keep tests fast). Default false.
   */
  readonly newKey?: boolean | undefined;
}

/**
 * Changes to one voucher: any claim by name (a value of `undefined` removes the claim), plus
 * `header` (header fields; `undefined` removes one), `now` (the issue time: `iat = nbf`, and `exp`
 * after the lifetime) and `lifetimeSec`.
 *
 * @example
 * ```ts
 * import type { VoucherOverrides } from '@riuso-sociale/siuss-waas/testing';
 * const expired: VoucherOverrides = { now: Date.UTC(2020, 0, 1) };
 * const noJti: VoucherOverrides = { jti: undefined };
 * const badTyp: VoucherOverrides = { header: { typ: 'JWT' } };
 * ```
 */
export type VoucherOverrides = {
  /** Header fields to set (`undefined` removes one: e.g. `{ typ: undefined }`). */
  readonly header?: Readonly<Record<string, unknown>> | undefined;
  /** Issue time (a Date or milliseconds). Default: the system clock. */
  readonly now?: Date | number | undefined;
  /** `exp − iat` in seconds for this voucher. */
  readonly lifetimeSec?: number | undefined;
} & { readonly [claim: string]: unknown };

/**
 * Forged vouchers: the attacks jose would refuse to sign, for the verifier's tests.
 *
 * @example
 * ```ts
 * import { createTestAuthority } from '@riuso-sociale/siuss-waas/testing';
 * const authority = await createTestAuthority();
 * const none = await authority.forge.unsigned();
 * ```
 */
export interface TestVoucherForge {
  /** `alg: none`, empty signature (RFC 8725 §3.2). */
  unsigned(overrides?: VoucherOverrides): Promise<string>;
  /**
   * `alg: HS256`, HMAC keyed with the authority's PUBLIC key (its SPKI PEM text, or its JWK JSON):
   * the classic key-confusion attack (RFC 8725 §2.1, §3.1).
   */
  hs256WithPublicKey(overrides?: VoucherOverrides, secret?: 'pem' | 'jwk'): Promise<string>;
  /** RS256, the same `kid`, but signed by another RSA key (not in the JWKS). */
  withForeignKey(overrides?: VoucherOverrides): Promise<string>;
  /**
   * Signs exactly the given header and payload (an object serialised as JSON, or raw text) with
   * the authority's key, RS256, nothing added: for malformed-but-signed cases.
   */
  raw(header: Readonly<Record<string, unknown>>, payload: Readonly<Record<string, unknown>> | string): Promise<string>;
}

/**
 * A TEST PDND authority (see {@link createTestAuthority}). Never use in production.
 *
 * @example
 * ```ts
 * import { createTestAuthority } from '@riuso-sociale/siuss-waas/testing';
 * const authority = await createTestAuthority();
 * const voucher = await authority.issue({ purposeId: 'another' });
 * ```
 */
export interface TestAuthority {
  /** `iss` of its vouchers. */
  readonly issuer: string;
  /** `aud` of its vouchers. */
  readonly audience: string;
  /** `sub` and `client_id` of its vouchers. */
  readonly clientId: string;
  /** `purposeId` of its vouchers. */
  readonly purposeId: string;
  /** `consumerId` of its vouchers. */
  readonly consumerId: string;
  /** `producerId` of its vouchers, when configured. */
  readonly producerId?: string;
  /** `eserviceId` of its vouchers, when configured. */
  readonly eserviceId?: string;
  /** `descriptorId` of its vouchers, when configured. */
  readonly descriptorId?: string;
  /** `kid` of its signing key. */
  readonly kid: string;
  /** Default lifetime of its vouchers, in seconds. */
  readonly lifetimeSec: number;
  /** The public JSON Web Key Set: one RSA key with `kid`, `use: 'sig'`, `alg: 'RS256'`. */
  readonly jwks: JSONWebKeySet;
  /** A signed voucher (header `{ alg: 'RS256', typ: 'at+jwt', kid }`), with the given changes. */
  issue(overrides?: VoucherOverrides): Promise<string>;
  /** Forged vouchers (attacks). */
  readonly forge: TestVoucherForge;
  /**
   * Options of `createVoucherVerifier` that accept this authority's vouchers: issuer, audience,
   * `jwks: { keys }`, `allowedClients: [clientId]`, plus the given extra options.
   */
  verifierOptions(extra?: Partial<VoucherVerifierOptions>): VoucherVerifierOptions;
}

interface KeyMaterial {
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
  readonly publicPem: string;
}

async function newKeyMaterial(): Promise<KeyMaterial> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const [publicJwk, publicPem] = await Promise.all([exportJWK(publicKey), exportSPKI(publicKey)]);
  return { privateKey, publicJwk, publicPem };
}

// One key pair per process for every authority (and one foreign pair for the forgeries): RSA key
// generation is the slow part of the tests.
let sharedKey: Promise<KeyMaterial> | undefined;
let foreignKey: Promise<KeyMaterial> | undefined;
function shared(): Promise<KeyMaterial> {
  sharedKey ??= newKeyMaterial();
  return sharedKey;
}
function foreign(): Promise<KeyMaterial> {
  foreignKey ??= newKeyMaterial();
  return foreignKey;
}

const encoder = new TextEncoder();
const b64 = (text: string): string => base64url.encode(text);

function apply(base: Record<string, unknown>, changes: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out = { ...base };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}

async function signRs256(privateKey: CryptoKey, signingInput: string): Promise<string> {
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', privateKey, encoder.encode(signingInput));
  return base64url.encode(new Uint8Array(signature));
}

async function signHs256(secret: Uint8Array, signingInput: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = await crypto.subtle.sign('HMAC', key, encoder.encode(signingInput));
  return base64url.encode(new Uint8Array(signature));
}

function checkOption(value: unknown, name: string): void {
  if (value !== undefined && (typeof value !== 'string' || value === '')) {
    throw new TypeError(`createTestAuthority: ${name} deve essere una stringa non vuota / ${name} must be a non-empty string`);
  }
}

/**
 * Creates a TEST PDND authority. **For tests only — never use it in production**: it signs with a
 * throw-away key held in memory, and a verifier that trusts it accepts anything a test forges.
 *
 * Its vouchers look like PDND's (spec §1.1–§1.2): header `{ alg: 'RS256', typ: 'at+jwt', kid }`;
 * claims `iss`, `aud`, `sub` = `client_id`, `client_id`, `purposeId`, `jti` (a random UUID), `iat`,
 * `nbf` = `iat`, `exp` = `iat` + 24 h (the WaaS template), `consumerId`, and `producerId`/
 * `eserviceId`/`descriptorId` when configured. `issue(overrides)` changes any claim or header field
 * and the issue time; `forge` builds the attacks (alg none, HS256 keyed with the public key, a
 * foreign key with the same `kid`).
 *
 * @example
 * ```ts
 * import { createVoucherVerifier } from '@riuso-sociale/siuss-waas';
 * import { createTestAuthority } from '@riuso-sociale/siuss-waas/testing';
 * const authority = await createTestAuthority();
 * const verifier = createVoucherVerifier(authority.verifierOptions());
 * const check = await verifier.verify(`Bearer ${await authority.issue()}`);
 * console.log(check.ok); // true
 * ```
 */
export async function createTestAuthority(options: TestAuthorityOptions = {}): Promise<TestAuthority> {
  for (const name of ['issuer', 'audience', 'clientId', 'purposeId', 'consumerId', 'producerId', 'eserviceId', 'descriptorId', 'kid'] as const) {
    checkOption(options[name], name);
  }
  const lifetimeSec = options.lifetimeSec ?? TEST_VOUCHER_LIFETIME_SEC;
  if (!Number.isInteger(lifetimeSec) || lifetimeSec <= 0) {
    throw new TypeError('createTestAuthority: lifetimeSec deve essere un intero positivo / lifetimeSec must be a positive integer');
  }
  const key = options.newKey === true ? await newKeyMaterial() : await shared();
  const issuer = options.issuer ?? TEST_AUTHORITY_ISSUER;
  const audience = options.audience ?? TEST_AUTHORITY_AUDIENCE;
  const clientId = options.clientId ?? TEST_CLIENT_ID;
  const purposeId = options.purposeId ?? TEST_PURPOSE_ID;
  const consumerId = options.consumerId ?? TEST_CONSUMER_ID;
  const kid = options.kid ?? TEST_KID;
  const tenant = {
    ...(options.producerId !== undefined ? { producerId: options.producerId } : {}),
    ...(options.eserviceId !== undefined ? { eserviceId: options.eserviceId } : {}),
    ...(options.descriptorId !== undefined ? { descriptorId: options.descriptorId } : {}),
  };
  const jwks: JSONWebKeySet = { keys: [{ ...key.publicJwk, kid, use: 'sig', alg: 'RS256' }] };

  /** Header and claims of a voucher, overrides applied. */
  function parts(overrides: VoucherOverrides = {}, alg = 'RS256'): { header: Record<string, unknown>; claims: Record<string, unknown> } {
    const { header: headerChanges, now, lifetimeSec: life, ...claimChanges } = overrides;
    const at = now === undefined ? Date.now() : now instanceof Date ? now.getTime() : now;
    const iat = Math.floor(at / 1000);
    const claims = apply({
      iss: issuer, aud: audience, sub: clientId, client_id: clientId, purposeId, jti: randomUUID(),
      iat, nbf: iat, exp: iat + (life ?? lifetimeSec), consumerId, ...tenant,
    }, claimChanges);
    const header = apply({ alg, typ: 'at+jwt', kid }, headerChanges ?? {});
    return { header, claims };
  }
  const input = (header: Readonly<Record<string, unknown>>, payload: Readonly<Record<string, unknown>> | string): string =>
    `${b64(JSON.stringify(header))}.${b64(typeof payload === 'string' ? payload : JSON.stringify(payload))}`;

  const forge: TestVoucherForge = {
    async unsigned(overrides) {
      const { header, claims } = parts(overrides, 'none');
      return `${input(header, claims)}.`;
    },
    async hs256WithPublicKey(overrides, secret = 'pem') {
      const { header, claims } = parts(overrides, 'HS256');
      const signingInput = input(header, claims);
      const bytes = encoder.encode(secret === 'pem' ? key.publicPem : JSON.stringify(jwks.keys[0]));
      return `${signingInput}.${await signHs256(bytes, signingInput)}`;
    },
    async withForeignKey(overrides) {
      const { header, claims } = parts(overrides);
      const signingInput = input(header, claims);
      return `${signingInput}.${await signRs256((await foreign()).privateKey, signingInput)}`;
    },
    async raw(header, payload) {
      const signingInput = input(header, payload);
      return `${signingInput}.${await signRs256(key.privateKey, signingInput)}`;
    },
  };

  return {
    issuer, audience, clientId, purposeId, consumerId, ...tenant, kid, lifetimeSec, jwks, forge,
    async issue(overrides) {
      const { header, claims } = parts(overrides);
      const signingInput = input(header, claims);
      return `${signingInput}.${await signRs256(key.privateKey, signingInput)}`;
    },
    verifierOptions(extra = {}) {
      return { issuer, audience, jwks: { keys: jwks }, allowedClients: [clientId], ...extra };
    },
  };
}
