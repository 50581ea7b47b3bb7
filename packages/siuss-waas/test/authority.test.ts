// SPDX-License-Identifier: BSD-3-Clause
import { base64url, decodeJwt, decodeProtectedHeader, exportSPKI, importJWK, jwtVerify } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTestAuthority, TEST_AUTHORITY_AUDIENCE, TEST_AUTHORITY_ISSUER, TEST_CLIENT_ID, TEST_CONSUMER_ID, TEST_KID, TEST_PURPOSE_ID,
  type TestAuthority,
} from '../src/testing/authority.js';
import { createVoucherVerifier } from '../src/voucher.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const NOW_MS = Date.UTC(2025, 5, 3, 8, 0, 0);

let authority: TestAuthority;
beforeAll(async () => {
  authority = await createTestAuthority();
});

describe('createTestAuthority', () => {
  it('has fixed defaults', () => {
    expect(authority).toMatchObject({
      issuer: TEST_AUTHORITY_ISSUER, audience: TEST_AUTHORITY_AUDIENCE, clientId: TEST_CLIENT_ID, purposeId: TEST_PURPOSE_ID,
      consumerId: TEST_CONSUMER_ID, kid: TEST_KID, lifetimeSec: 86_400,
    });
    expect(authority.issuer).toBe('test.interop.pagopa.invalid');
    expect(authority.audience).toBe('https://comune.example.invalid/waas/v1');
    for (const id of [authority.clientId, authority.purposeId, authority.consumerId]) expect(id).toMatch(UUID_RE);
  });

  it('publishes one public RS256 signing key, never the private parts', () => {
    expect(authority.jwks.keys).toHaveLength(1);
    const [key] = authority.jwks.keys;
    expect(key).toMatchObject({ kty: 'RSA', kid: TEST_KID, use: 'sig', alg: 'RS256', e: 'AQAB' });
    expect(Object.keys(key ?? {}).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(base64url.decode(key?.n ?? '').length).toBe(256); // 2048 bits
    expect(JSON.stringify(authority)).not.toMatch(/"(d|p|q|dp|dq|qi)":/);
  });

  it('issues vouchers that createVoucherVerifier(authority.verifierOptions()) accepts', async () => {
    const verifier = createVoucherVerifier(authority.verifierOptions());
    const check = await verifier.verify(`Bearer ${await authority.issue()}`);
    expect(check).toMatchObject({ ok: true, claims: { clientId: TEST_CLIENT_ID, purposeId: TEST_PURPOSE_ID, consumerId: TEST_CONSUMER_ID } });
  });

  it('its verifier options match it', () => {
    expect(authority.verifierOptions()).toEqual({
      issuer: authority.issuer, audience: authority.audience, jwks: { keys: authority.jwks }, allowedClients: [authority.clientId],
    });
    expect(authority.verifierOptions({ clockToleranceSec: 5 }).clockToleranceSec).toBe(5);
  });

  it('the header is exactly { alg, typ, kid }', async () => {
    const token = await authority.issue();
    const [encoded = ''] = token.split('.');
    expect(JSON.parse(new TextDecoder().decode(base64url.decode(encoded)))).toEqual({ alg: 'RS256', typ: 'at+jwt', kid: TEST_KID });
    expect(Object.keys(decodeProtectedHeader(token))).toEqual(['alg', 'typ', 'kid']);
  });

  it('the claims are PDND\'s, with a lifetime of 24 h by default', async () => {
    const claims = decodeJwt(await authority.issue({ now: NOW_MS }));
    expect(claims).toEqual({
      iss: TEST_AUTHORITY_ISSUER, aud: TEST_AUTHORITY_AUDIENCE, sub: TEST_CLIENT_ID, client_id: TEST_CLIENT_ID, purposeId: TEST_PURPOSE_ID,
      jti: expect.stringMatching(UUID_RE), iat: NOW_MS / 1000, nbf: NOW_MS / 1000, exp: NOW_MS / 1000 + 86_400, consumerId: TEST_CONSUMER_ID,
    });
  });

  it('uses the system clock by default and a random jti for each voucher', async () => {
    const before = Math.floor(Date.now() / 1000);
    const a = decodeJwt(await authority.issue());
    const b = decodeJwt(await authority.issue());
    expect(a.iat).toBeGreaterThanOrEqual(before);
    expect(a.iat).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(a.jti).not.toBe(b.jti);
  });

  it('overrides change, add and remove claims and header fields, and the issue time', async () => {
    const token = await authority.issue({
      now: new Date(NOW_MS), lifetimeSec: 60, aud: ['a', 'b'], jti: undefined, extra: 1, header: { typ: undefined, x5u: 'https://x.invalid' },
    });
    const claims = decodeJwt(token);
    expect(claims.exp).toBe(NOW_MS / 1000 + 60);
    expect(claims.aud).toEqual(['a', 'b']);
    expect('jti' in claims).toBe(false);
    expect(claims.extra).toBe(1);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', kid: TEST_KID, x5u: 'https://x.invalid' });
  });

  it('issues producerId, eserviceId and descriptorId only when configured', async () => {
    const withIds = await createTestAuthority({ producerId: 'p', eserviceId: 'e', descriptorId: 'd', lifetimeSec: 3600 });
    const claims = decodeJwt(await withIds.issue({ now: NOW_MS }));
    expect(claims).toMatchObject({ producerId: 'p', eserviceId: 'e', descriptorId: 'd', exp: NOW_MS / 1000 + 3600 });
    expect(withIds).toMatchObject({ producerId: 'p', eserviceId: 'e', descriptorId: 'd' });
    expect(decodeJwt(await authority.issue())).not.toHaveProperty('producerId');
  });

  it('shares one key pair per process unless asked for a new one', async () => {
    const same = await createTestAuthority({ kid: 'other-kid' });
    const fresh = await createTestAuthority({ newKey: true });
    expect(same.jwks.keys[0]?.n).toBe(authority.jwks.keys[0]?.n);
    expect(same.jwks.keys[0]?.kid).toBe('other-kid');
    expect(fresh.jwks.keys[0]?.n).not.toBe(authority.jwks.keys[0]?.n);
    // A voucher of the new key does not verify with the old JWKS, even with the same kid.
    const verifier = createVoucherVerifier(authority.verifierOptions());
    expect(await verifier.verify(`Bearer ${await fresh.issue()}`)).toMatchObject({ ok: false, reason: 'signature' });
  });

  it('refuses invalid options with a TypeError', async () => {
    await expect(createTestAuthority({ issuer: '' })).rejects.toThrow(TypeError);
    await expect(createTestAuthority({ lifetimeSec: 0 })).rejects.toThrow(/lifetimeSec/);
  });
});

describe('forge', () => {
  it('unsigned: alg none and an empty signature', async () => {
    const token = await authority.forge.unsigned({ purposeId: 'x' });
    expect(token.endsWith('.')).toBe(true);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'none', typ: 'at+jwt', kid: TEST_KID });
    expect(decodeJwt(token).purposeId).toBe('x');
  });

  it('hs256WithPublicKey: HMAC keyed with the public key (PEM or JWK), as a naive verifier would check it', async () => {
    const pem = await authority.forge.hs256WithPublicKey();
    const jwk = await authority.forge.hs256WithPublicKey({}, 'jwk');
    expect(decodeProtectedHeader(pem)).toEqual({ alg: 'HS256', typ: 'at+jwt', kid: TEST_KID });
    // The forgery verifies for a verifier that takes the algorithm from the token and uses the
    // public key's bytes as the HMAC secret: the key-confusion attack (RFC 8725 §2.1).
    const publicKey = await importJWK(authority.jwks.keys[0] ?? {}, 'RS256');
    if (publicKey instanceof Uint8Array) throw new Error('an RSA key was expected');
    const publicPem = await exportSPKI(publicKey);
    const encoder = new TextEncoder();
    await expect(jwtVerify(pem, encoder.encode(publicPem), { algorithms: ['HS256'] })).resolves.toBeDefined();
    await expect(jwtVerify(jwk, encoder.encode(JSON.stringify(authority.jwks.keys[0])), { algorithms: ['HS256'] })).resolves.toBeDefined();
  });

  it('withForeignKey: the same kid, a signature no JWKS key verifies', async () => {
    const token = await authority.forge.withForeignKey();
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', typ: 'at+jwt', kid: TEST_KID });
    const verifier = createVoucherVerifier(authority.verifierOptions());
    expect(await verifier.verify(`Bearer ${token}`)).toEqual({ ok: false, status: 401, reason: 'signature' });
  });

  it('raw: signs exactly what it is given', async () => {
    const token = await authority.forge.raw({ alg: 'RS256', typ: 'at+jwt', kid: TEST_KID }, 'not json');
    const [, p = ''] = token.split('.');
    expect(new TextDecoder().decode(base64url.decode(p))).toBe('not json');
    const verifier = createVoucherVerifier(authority.verifierOptions());
    // A valid signature over a payload that is not a JSON object: refused as malformed.
    expect(await verifier.verify(`Bearer ${token}`)).toEqual({ ok: false, status: 401, reason: 'malformed' });
  });
});
