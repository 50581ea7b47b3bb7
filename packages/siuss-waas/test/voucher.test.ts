// SPDX-License-Identifier: BSD-3-Clause
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { base64url, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAuthority, type TestAuthority, type VoucherOverrides } from '../src/testing/authority.js';
import { createVoucherVerifier, type VoucherVerifierOptions } from '../src/voucher.js';
import type { VoucherCheck, VoucherVerifier } from '../src/types.js';

const NOW_MS = Date.UTC(2025, 5, 3, 8, 0, 0);
const NOW = NOW_MS / 1000;
const clock = (): Date => new Date(NOW_MS);
const PRODUCER = '44444444-4444-4444-8444-444444444444';
const ESERVICE = '55555555-5555-4555-8555-555555555555';
const DESCRIPTOR = '66666666-6666-4666-8666-666666666666';

let authority: TestAuthority;
let verifier: VoucherVerifier;

beforeAll(async () => {
  authority = await createTestAuthority({ producerId: PRODUCER, eserviceId: ESERVICE, descriptorId: DESCRIPTOR });
  verifier = createVoucherVerifier(options());
});

function options(extra: Partial<VoucherVerifierOptions> = {}): VoucherVerifierOptions {
  return authority.verifierOptions({ now: clock, producerId: PRODUCER, eserviceId: ESERVICE, descriptorId: DESCRIPTOR, ...extra });
}
const issue = (o: VoucherOverrides = {}): Promise<string> => authority.issue({ now: NOW_MS, ...o });
const bearer = async (o: VoucherOverrides = {}): Promise<string> => `Bearer ${await issue(o)}`;
const b64 = (text: string): string => base64url.encode(text);

/** A tiny HTTP server on 127.0.0.1 that counts its requests. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    hits: () => hits,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
const json = (body: unknown) => (_req: IncomingMessage, res: ServerResponse): void => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function expectRefused(check: VoucherCheck, status: 401 | 403, reason: string): void {
  expect(check).toMatchObject({ ok: false, status, reason });
}

interface Case {
  readonly name: string;
  readonly header: () => Promise<string | null>;
  readonly status: 401 | 403;
  readonly reason: string;
  readonly options?: Partial<VoucherVerifierOptions>;
}

const CASES: readonly Case[] = [
  // RFC 6750 §2.1, spec §1.5 step 2
  { name: 'no Authorization header', header: async () => null, status: 401, reason: 'missing' },
  { name: 'an empty Authorization header', header: async () => '', status: 401, reason: 'missing' },
  { name: 'a blank Authorization header', header: async () => '  \t ', status: 401, reason: 'missing' },
  { name: 'Basic credentials', header: async () => 'Basic aW5wczpzZWdyZXRv', status: 401, reason: 'scheme' },
  { name: 'Bearer without a token', header: async () => 'Bearer', status: 401, reason: 'scheme' },
  { name: 'Bearer followed by spaces only', header: async () => 'Bearer   ', status: 401, reason: 'scheme' },
  { name: 'Bearer with two tokens', header: async () => `Bearer ${await issue()} ${await issue()}`, status: 401, reason: 'scheme' },
  { name: 'two Bearer credentials joined by a comma', header: async () => `Bearer ${await issue()}, Bearer ${await issue()}`, status: 401, reason: 'scheme' },
  { name: 'a Bearer token followed by an auth-param', header: async () => `Bearer ${await issue()},realm="x"`, status: 401, reason: 'scheme' },
  { name: 'a tab between scheme and token', header: async () => `Bearer\t${await issue()}`, status: 401, reason: 'scheme' },
  { name: 'the DPoP scheme (spec §2)', header: async () => `DPoP ${await issue()}`, status: 401, reason: 'scheme' },
  { name: 'the token without a scheme', header: async () => await issue(), status: 401, reason: 'scheme' },
  // Compact JWS (RFC 7515 §7.1, RFC 8725 §3.7)
  { name: 'a JWS of 2 parts', header: async () => `Bearer ${(await issue()).split('.').slice(0, 2).join('.')}`, status: 401, reason: 'malformed' },
  { name: 'a JWS of 4 parts', header: async () => `Bearer ${await issue()}.AAAA`, status: 401, reason: 'malformed' },
  { name: 'a header that is not base64url', header: async () => `Bearer eyJhbGciOiJSUzI1NiJ9+.${(await issue()).split('.').slice(1).join('.')}`, status: 401, reason: 'malformed' },
  { name: 'characters outside b64token', header: async () => 'Bearer abc.d€f.ghi', status: 401, reason: 'malformed' },
  { name: 'a header that is not JSON', header: async () => `Bearer ${b64('not json')}.${b64('{}')}.c2ln`, status: 401, reason: 'malformed' },
  { name: 'a header that is a JSON array', header: async () => `Bearer ${b64('["RS256"]')}.${b64('{}')}.c2ln`, status: 401, reason: 'malformed' },
  { name: 'a header that is not UTF-8', header: async () => `Bearer ${base64url.encode(new Uint8Array([0x7b, 0xff, 0x7d]))}.${b64('{}')}.c2ln`, status: 401, reason: 'malformed' },
  { name: 'an empty payload', header: async () => `Bearer ${b64('{"alg":"RS256"}')}..c2ln`, status: 401, reason: 'malformed' },
  { name: 'an oversized header value', header: async () => `Bearer ${'a'.repeat(20_000)}`, status: 401, reason: 'malformed' },
  { name: 'a signed token over maxTokenBytes', header: async () => await bearer({ padding: 'x'.repeat(7000) }), status: 401, reason: 'malformed' },
  // Header (spec §1.1; RFC 8725 §3.1, §3.2, §3.10, §3.11)
  { name: 'alg none', header: async () => `Bearer ${await authority.forge.unsigned({ now: NOW_MS })}`, status: 401, reason: 'alg' },
  { name: 'HS256 keyed with the public key PEM', header: async () => `Bearer ${await authority.forge.hs256WithPublicKey({ now: NOW_MS })}`, status: 401, reason: 'alg' },
  { name: 'HS256 keyed with the public JWK', header: async () => `Bearer ${await authority.forge.hs256WithPublicKey({ now: NOW_MS }, 'jwk')}`, status: 401, reason: 'alg' },
  { name: 'PS256 in the header', header: async () => await bearer({ header: { alg: 'PS256' } }), status: 401, reason: 'alg' },
  { name: 'ES256 in the header', header: async () => await bearer({ header: { alg: 'ES256' } }), status: 401, reason: 'alg' },
  { name: 'lower-case rs256', header: async () => await bearer({ header: { alg: 'rs256' } }), status: 401, reason: 'alg' },
  { name: 'no alg', header: async () => await bearer({ header: { alg: undefined } }), status: 401, reason: 'alg' },
  { name: 'typ JWT (a client assertion)', header: async () => await bearer({ header: { typ: 'JWT' } }), status: 401, reason: 'typ' },
  { name: 'no typ', header: async () => await bearer({ header: { typ: undefined } }), status: 401, reason: 'typ' },
  { name: 'typ dpop+jwt', header: async () => await bearer({ header: { typ: 'dpop+jwt' } }), status: 401, reason: 'typ' },
  { name: 'no kid', header: async () => await bearer({ header: { kid: undefined } }), status: 401, reason: 'kid' },
  { name: 'a numeric kid', header: async () => await bearer({ header: { kid: 1 } }), status: 401, reason: 'kid' },
  { name: 'an unknown kid (inline keys)', header: async () => await bearer({ header: { kid: 'unknown' } }), status: 401, reason: 'kid' },
  { name: 'a crit header', header: async () => await bearer({ header: { crit: ['exp'] } }), status: 401, reason: 'crit' },
  { name: 'an empty crit header', header: async () => await bearer({ header: { crit: [] } }), status: 401, reason: 'crit' },
  { name: 'a jwk header (embedded key)', header: async () => await bearer({ header: { jwk: authority.jwks.keys[0] } }), status: 401, reason: 'header' },
  { name: 'an x5c header', header: async () => await bearer({ header: { x5c: ['MIIB'] } }), status: 401, reason: 'header' },
  // Signature (RFC 8725 §3.3)
  { name: 'RS256 signed by a foreign key with the same kid', header: async () => `Bearer ${await authority.forge.withForeignKey({ now: NOW_MS })}`, status: 401, reason: 'signature' },
  {
    name: 'a payload changed after signing',
    header: async () => {
      const [h, , s] = (await issue()).split('.');
      return `Bearer ${h}.${b64(JSON.stringify({ iss: authority.issuer, client_id: 'evil' }))}.${s}`;
    },
    status: 401, reason: 'signature',
  },
  { name: 'an RS256 token with an empty signature', header: async () => `Bearer ${(await issue()).split('.').slice(0, 2).join('.')}.`, status: 401, reason: 'signature' },
  // iss, aud (RFC 8725 §3.8, §3.9)
  { name: 'a wrong iss', header: async () => await bearer({ iss: 'interop.pagopa.it' }), status: 401, reason: 'iss' },
  { name: 'no iss', header: async () => await bearer({ iss: undefined }), status: 401, reason: 'iss' },
  { name: 'a wrong aud', header: async () => await bearer({ aud: 'https://altro-comune.example.invalid/waas/v1' }), status: 401, reason: 'aud' },
  { name: 'aud of several audiences joined with a comma', header: async () => await bearer({ aud: `https://x.invalid,${authority.audience}` }), status: 401, reason: 'aud' },
  { name: 'aud as an array without ours', header: async () => await bearer({ aud: ['https://x.invalid'] }), status: 401, reason: 'aud' },
  { name: 'no aud', header: async () => await bearer({ aud: undefined }), status: 401, reason: 'aud' },
  // Time (spec §1.2, §1.5 step 7), tolerance 30 s
  { name: 'an expired voucher (31 s past exp)', header: async () => await bearer({ now: NOW_MS - 86_400_000 - 31_000 }), status: 401, reason: 'expired' },
  { name: 'nbf 31 s in the future', header: async () => await bearer({ now: NOW_MS + 31_000 }), status: 401, reason: 'not-yet-valid' },
  { name: 'iat 31 s in the future (nbf in the past)', header: async () => await bearer({ iat: NOW + 31, nbf: NOW - 10 }), status: 401, reason: 'iat' },
  { name: 'exp − iat over 24 h', header: async () => await bearer({ lifetimeSec: 86_401 }), status: 401, reason: 'lifetime' },
  { name: 'exp before iat', header: async () => await bearer({ exp: NOW - 1 }), status: 401, reason: 'lifetime' },
  { name: 'no exp', header: async () => await bearer({ exp: undefined }), status: 401, reason: 'claims' },
  { name: 'no nbf', header: async () => await bearer({ nbf: undefined }), status: 401, reason: 'claims' },
  { name: 'no iat', header: async () => await bearer({ iat: undefined }), status: 401, reason: 'claims' },
  { name: 'exp as a string', header: async () => await bearer({ exp: String(NOW + 3600) }), status: 401, reason: 'claims' },
  // Identity claims (spec §1.2, §1.5 step 8)
  { name: 'sub ≠ client_id', header: async () => await bearer({ sub: '99999999-9999-4999-8999-999999999999' }), status: 401, reason: 'sub' },
  { name: 'no sub', header: async () => await bearer({ sub: undefined }), status: 401, reason: 'claims' },
  { name: 'no client_id', header: async () => await bearer({ client_id: undefined }), status: 401, reason: 'claims' },
  { name: 'no purposeId', header: async () => await bearer({ purposeId: undefined }), status: 401, reason: 'claims' },
  { name: 'no jti', header: async () => await bearer({ jti: undefined }), status: 401, reason: 'claims' },
  { name: 'an empty purposeId', header: async () => await bearer({ purposeId: '' }), status: 401, reason: 'claims' },
  { name: 'a numeric client_id', header: async () => await bearer({ client_id: 42, sub: 42 }), status: 401, reason: 'claims' },
  { name: 'a jti of 257 characters', header: async () => await bearer({ jti: 'j'.repeat(257) }), status: 401, reason: 'claims' },
  { name: 'a non-string consumerId', header: async () => await bearer({ consumerId: 7 }), status: 401, reason: 'claims' },
  // Tenant ids: configured AND present → must match (spec §1.2), 401
  { name: 'another producerId', header: async () => await bearer({ producerId: 'another' }), status: 401, reason: 'producer' },
  { name: 'another eserviceId', header: async () => await bearer({ eserviceId: 'another' }), status: 401, reason: 'eservice' },
  { name: 'another descriptorId', header: async () => await bearer({ descriptorId: 'another' }), status: 401, reason: 'descriptor' },
  // Allow-lists (spec §1.5 step 9), 403
  { name: 'a client not allowed', header: async () => await bearer(), status: 403, reason: 'client', options: { allowedClients: ['77777777-7777-4777-8777-777777777777'] } },
  { name: 'a consumer not allowed', header: async () => await bearer(), status: 403, reason: 'consumer', options: { consumerIds: ['another-tenant'] } },
  { name: 'a purpose not allowed', header: async () => await bearer(), status: 403, reason: 'purpose', options: { purposeIds: ['another-purpose'] } },
];

describe('createVoucherVerifier: forged and broken vouchers', () => {
  it.each(CASES)('refuses $name ($status $reason)', async (c) => {
    const v = c.options === undefined ? verifier : createVoucherVerifier(options(c.options));
    const value = await c.header();
    const check = await v.verify(value);
    expectRefused(check, c.status, c.reason);
    // Never the token, in no form.
    if (value !== null && value.length > 20) expect(JSON.stringify(check)).not.toContain(value.split(/[ ,]/)[1] ?? value);
  });

  it('a 403 carries who was refused (clientId, purposeId, jti), never the token', async () => {
    const v = createVoucherVerifier(options({ allowedClients: ['77777777-7777-4777-8777-777777777777'] }));
    const token = await issue({ jti: 'the-jti' });
    const check = await v.verify(`Bearer ${token}`);
    expect(check).toEqual({
      ok: false, status: 403, reason: 'client',
      claims: { clientId: authority.clientId, purposeId: authority.purposeId, jti: 'the-jti', consumerId: authority.consumerId },
    });
    expect(JSON.stringify(check)).not.toContain(token);
  });

  it('a 401 carries no claims', async () => {
    const check = await verifier.verify(await bearer({ iss: 'other' }));
    expect(check).toEqual({ ok: false, status: 401, reason: 'iss' });
  });
});

describe('createVoucherVerifier: valid vouchers', () => {
  it('accepts a valid voucher and returns its claims', async () => {
    const token = await issue({ jti: 'jti-1' });
    const check = await verifier.verify(`Bearer ${token}`);
    expect(check).toEqual({
      ok: true,
      claims: {
        clientId: authority.clientId, purposeId: authority.purposeId, jti: 'jti-1', consumerId: authority.consumerId,
        producerId: PRODUCER, eserviceId: ESERVICE, descriptorId: DESCRIPTOR, exp: NOW + 86_400, iat: NOW,
      },
    });
    expect(JSON.stringify(check)).not.toContain(token);
  });

  it.each([
    ['the scheme in lower case', async () => `bearer ${await issue()}`],
    ['the scheme in upper case', async () => `BEARER ${await issue()}`],
    ['several spaces before the token', async () => `Bearer    ${await issue()}`],
    ['surrounding white space', async () => ` Bearer ${await issue()} `],
    ['typ application/at+jwt', async () => await bearer({ header: { typ: 'application/at+jwt' } })],
    ['typ AT+JWT', async () => await bearer({ header: { typ: 'AT+JWT' } })],
    ['the use header PDND also sends', async () => await bearer({ header: { use: 'sig' } })],
    ['aud as an array containing ours', async () => await bearer({ aud: ['https://x.invalid', authority.audience] })],
    ['no producerId, eserviceId, descriptorId (PDND feature flag off)', async () => await bearer({ producerId: undefined, eserviceId: undefined, descriptorId: undefined })],
    ['no consumerId, with a consumer allow-list', async () => await bearer({ consumerId: undefined })],
    ['expired 29 s ago (within the tolerance)', async () => await bearer({ now: NOW_MS - 86_400_000 - 29_000 })],
    ['nbf and iat 29 s in the future (within the tolerance)', async () => await bearer({ now: NOW_MS + 29_000 })],
    ['iat 29 s in the future, nbf in the past', async () => await bearer({ iat: NOW + 29, nbf: NOW - 10 })],
    ['a lifetime of exactly 24 h', async () => await bearer({ lifetimeSec: 86_400 })],
    ['a digest claim (AUDIT_REST_02, ignored)', async () => await bearer({ digest: { alg: 'SHA256', value: 'abc' } })],
  ] as const)('accepts %s', async (_name, header) => {
    const v = createVoucherVerifier(options({ consumerIds: [authority.consumerId] }));
    const check = await v.verify(await header());
    expect(check.ok).toBe(true);
  });

  it('accepts the SAME voucher 50 times (a Bearer voucher is reused), then refuses it once expired', async () => {
    let now = NOW_MS;
    const v = createVoucherVerifier(options({ now: () => new Date(now) }));
    const header = await bearer();
    for (let i = 0; i < 50; i++) {
      const check = await v.verify(header);
      expect(check.ok).toBe(true);
      now += 60_000;
    }
    now = NOW_MS + 86_400_000 + 30_000; // exp + tolerance
    expectRefused(await v.verify(header), 401, 'expired');
  });

  it('with clockToleranceSec 0 the edge is exact', async () => {
    const v = createVoucherVerifier(options({ clockToleranceSec: 0 }));
    expect((await v.verify(await bearer({ now: NOW_MS + 1000 }))).ok).toBe(false);
    expect((await v.verify(await bearer({ now: NOW_MS }))).ok).toBe(true);
  });

  it('maxLifetimeSec is configurable below 24 h', async () => {
    const v = createVoucherVerifier(options({ maxLifetimeSec: 3600 }));
    expectRefused(await v.verify(await bearer()), 401, 'lifetime');
    expect((await v.verify(await bearer({ lifetimeSec: 3600 }))).ok).toBe(true);
  });

  it('without producerId/eserviceId/descriptorId configured, their values are not checked', async () => {
    const v = createVoucherVerifier(authority.verifierOptions({ now: clock }));
    expect((await v.verify(await bearer({ producerId: 'x', eserviceId: 'y', descriptorId: 'z' }))).ok).toBe(true);
  });
});

describe('createVoucherVerifier: never throws', () => {
  it('random Authorization values are refused with 401, never a throw', async () => {
    const token = await issue();
    const [h = '', p = ''] = token.split('.');
    const b64part = fc.stringMatching(/^[A-Za-z0-9_-]{0,40}$/);
    const header = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
      fc.string().map((s) => `Bearer ${s}`),
      fc.tuple(b64part, b64part, b64part).map(([a, b, c]) => `Bearer ${a}.${b}.${c}`),
      fc.tuple(b64part, b64part).map(([b, c]) => `Bearer ${h}.${b}.${c}`),
      fc.tuple(fc.string(), b64part).map(([json, c]) => `Bearer ${b64(json)}.${p}.${c}`),
      fc.jsonValue().map((v) => `Bearer ${b64(JSON.stringify(v) ?? 'null')}.${p}.`),
    );
    await fc.assert(fc.asyncProperty(header, async (value) => {
      const check = await verifier.verify(value);
      expect(check.ok).toBe(false);
      if (!check.ok) expect(check.status).toBe(401);
    }), { numRuns: 300 });
  });

  it('a value that is not a string is refused, not thrown', async () => {
    expectRefused(await verifier.verify(undefined as unknown as null), 401, 'missing');
    expectRefused(await verifier.verify(42 as unknown as string), 401, 'missing');
  });

  it('a broken clock is a refusal (fail closed), not a rejection', async () => {
    const v = createVoucherVerifier(options({ now: () => { throw new Error('clock'); } }));
    expectRefused(await v.verify(await bearer()), 401, 'error');
  });
});

describe('createVoucherVerifier: JWKS over HTTP', () => {
  it('never fetches jku or x5u (RFC 8725 §3.10)', async () => {
    const trap = await serve(json(authority.jwks));
    try {
      expectRefused(await verifier.verify(await bearer({ header: { jku: trap.url } })), 401, 'header');
      expectRefused(await verifier.verify(await bearer({ header: { x5u: trap.url } })), 401, 'header');
      expectRefused(await verifier.verify(await bearer({ header: { jku: trap.url, kid: 'not-in-the-jwks' } })), 401, 'header');
      await sleep(20);
      expect(trap.hits()).toBe(0);
    } finally {
      await trap.close();
    }
  });

  it('an unknown kid causes exactly one refetch, and none within the cooldown', async () => {
    const server = await serve(json(authority.jwks));
    try {
      const v = createVoucherVerifier(options({ jwks: { url: server.url, cooldownMs: 200 } }));
      expect((await v.verify(await bearer())).ok).toBe(true);
      expect(server.hits()).toBe(1);
      expect((await v.verify(await bearer())).ok).toBe(true); // cached
      expect(server.hits()).toBe(1);
      expectRefused(await v.verify(await bearer({ header: { kid: 'unknown-1' } })), 401, 'kid'); // within the cooldown
      expect(server.hits()).toBe(1);
      await sleep(250);
      expectRefused(await v.verify(await bearer({ header: { kid: 'unknown-2' } })), 401, 'kid');
      expect(server.hits()).toBe(2); // exactly one refetch
      expectRefused(await v.verify(await bearer({ header: { kid: 'unknown-3' } })), 401, 'kid');
      expect(server.hits()).toBe(2); // a second unknown kid within the cooldown: no refetch
    } finally {
      await server.close();
    }
  });

  it('picks up a rotated key on an unknown kid after the cooldown', async () => {
    const rotated = await createTestAuthority({ newKey: true, kid: 'rotated-key' });
    let jwks: JSONWebKeySet = authority.jwks;
    const server = await serve((req, res) => json(jwks)(req, res));
    try {
      const v = createVoucherVerifier(options({ jwks: { url: server.url, cooldownMs: 50 }, producerId: undefined, eserviceId: undefined, descriptorId: undefined }));
      const newVoucher = `Bearer ${await rotated.issue({ now: NOW_MS })}`;
      expect((await v.verify(await bearer())).ok).toBe(true);
      expectRefused(await v.verify(newVoucher), 401, 'kid');
      jwks = { keys: [...authority.jwks.keys, ...rotated.jwks.keys] };
      await sleep(80);
      expect((await v.verify(newVoucher)).ok).toBe(true);
      expect(server.hits()).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('fails closed with jwks-unavailable when the JWKS URL is down, answers 500 or is not a JWKS', async () => {
    const down = await serve(json({}));
    const downUrl = down.url;
    await down.close();
    const broken = await serve((_req, res) => {
      res.writeHead(500);
      res.end('boom');
    });
    const notJson = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('<html>');
    });
    const notJwks = await serve(json({ keys: 'nope' }));
    const redirect = await serve((_req, res) => {
      res.writeHead(302, { location: 'https://evil.invalid/jwks.json' });
      res.end();
    });
    try {
      for (const url of [downUrl, broken.url, notJson.url, notJwks.url, redirect.url]) {
        const v = createVoucherVerifier(options({ jwks: { url, timeoutMs: 2000 } }));
        expectRefused(await v.verify(await bearer()), 401, 'jwks-unavailable');
      }
      expect(broken.hits()).toBeGreaterThan(0);
      expect(redirect.hits()).toBe(1); // the redirect is not followed
    } finally {
      await Promise.all([broken.close(), notJson.close(), notJwks.close(), redirect.close()]);
    }
  });

  it('fails closed on a JWKS URL that does not answer in time', async () => {
    const slow = await serve(() => {
      // never answers
    });
    try {
      const v = createVoucherVerifier(options({ jwks: { url: slow.url, timeoutMs: 100 } }));
      expectRefused(await v.verify(await bearer()), 401, 'jwks-unavailable');
    } finally {
      await slow.close();
    }
  });
});

describe('createVoucherVerifier: JWKS file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'siuss-waas-jwks-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('re-reads the file on an unknown kid and picks up a new key (rotation)', async () => {
    const file = join(dir, 'rotation.json');
    writeFileSync(file, JSON.stringify(authority.jwks));
    const rotated = await createTestAuthority({ newKey: true, kid: 'rotated-key' });
    const v = createVoucherVerifier(options({ jwks: { file, cooldownMs: 0 } }));
    const newVoucher = `Bearer ${await rotated.issue({ now: NOW_MS, producerId: PRODUCER })}`;
    expect((await v.verify(await bearer())).ok).toBe(true);
    expectRefused(await v.verify(newVoucher), 401, 'kid');
    writeFileSync(file, JSON.stringify({ keys: [...authority.jwks.keys, ...rotated.jwks.keys] }));
    expect((await v.verify(newVoucher)).ok).toBe(true);
    expect((await v.verify(await bearer())).ok).toBe(true);
  });

  it('re-reads at most once per cooldown', async () => {
    const file = join(dir, 'cooldown.json');
    writeFileSync(file, JSON.stringify(authority.jwks));
    const rotated = await createTestAuthority({ newKey: true, kid: 'rotated-key-2' });
    const v = createVoucherVerifier(options({ jwks: { file, cooldownMs: 60_000 } }));
    writeFileSync(file, JSON.stringify({ keys: [...authority.jwks.keys, ...rotated.jwks.keys] }));
    expectRefused(await v.verify(`Bearer ${await rotated.issue({ now: NOW_MS })}`), 401, 'kid');
  });

  it('fails closed when the file becomes unreadable', async () => {
    const file = join(dir, 'vanishing.json');
    writeFileSync(file, JSON.stringify(authority.jwks));
    const v = createVoucherVerifier(options({ jwks: { file, cooldownMs: 0 } }));
    writeFileSync(file, 'not json');
    expectRefused(await v.verify(await bearer({ header: { kid: 'unknown' } })), 401, 'jwks-unavailable');
    expect((await v.verify(await bearer())).ok).toBe(true); // the keys read before still work
  });
});

describe('createVoucherVerifier: configuration errors throw a TypeError at creation', () => {
  const bad: readonly [string, () => Partial<VoucherVerifierOptions> | Record<string, unknown>][] = [
    ['no issuer', () => ({ issuer: undefined })],
    ['an empty issuer', () => ({ issuer: '' })],
    ['an issuer with spaces', () => ({ issuer: ' interop.pagopa.it' })],
    ['no audience', () => ({ audience: undefined })],
    ['no allowedClients', () => ({ allowedClients: undefined })],
    ['empty allowedClients', () => ({ allowedClients: [] })],
    ['an empty client id', () => ({ allowedClients: [''] })],
    ['empty consumerIds', () => ({ consumerIds: [] })],
    ['an empty producerId', () => ({ producerId: '' })],
    ['clockToleranceSec 61', () => ({ clockToleranceSec: 61 })],
    ['a negative clockToleranceSec', () => ({ clockToleranceSec: -1 })],
    ['maxLifetimeSec over 24 h', () => ({ maxLifetimeSec: 86_401 })],
    ['maxLifetimeSec 0', () => ({ maxLifetimeSec: 0 })],
    ['maxTokenBytes 10', () => ({ maxTokenBytes: 10 })],
    ['now not a function', () => ({ now: 5 })],
    ['no jwks', () => ({ jwks: undefined })],
    ['two JWKS sources', () => ({ jwks: { keys: authority.jwks, url: 'https://interop.pagopa.it/.well-known/jwks.json' } })],
    ['a JWKS without RSA keys', () => ({ jwks: { keys: { keys: [{ kty: 'oct', k: 'AAAA' }] } } })],
    ['a JWKS that is not one', () => ({ jwks: { keys: { keys: 'x' } } })],
    ['an http JWKS URL off the loopback', () => ({ jwks: { url: 'http://interop.pagopa.it/.well-known/jwks.json' } })],
    ['a JWKS URL with credentials', () => ({ jwks: { url: 'https://user:pw@interop.pagopa.it/.well-known/jwks.json' } })],
    ['a file: JWKS URL', () => ({ jwks: { url: 'file:///etc/passwd' } })],
    ['a negative cooldown', () => ({ jwks: { url: 'https://interop.pagopa.it/.well-known/jwks.json', cooldownMs: -1 } })],
    ['a missing JWKS file', () => ({ jwks: { file: '/nonexistent/jwks.json' } })],
  ];
  it.each(bad)('%s', (_name, change) => {
    const o = { ...options(), ...change() } as VoucherVerifierOptions;
    expect(() => createVoucherVerifier(o)).toThrow(TypeError);
    expect(() => createVoucherVerifier(o)).toThrow(/createVoucherVerifier: .+ \/ .+/);
  });

  it('accepts https and the loopback over http', () => {
    expect(() => createVoucherVerifier(options({ jwks: { url: 'https://interop.pagopa.it/.well-known/jwks.json' } }))).not.toThrow();
    expect(() => createVoucherVerifier(options({ jwks: { url: new URL('http://localhost:8080/jwks.json') } }))).not.toThrow();
    expect(() => createVoucherVerifier(options({ jwks: { url: 'http://127.0.0.1:1/jwks.json' } }))).not.toThrow();
  });
});
