// SPDX-License-Identifier: BSD-3-Clause
/**
 * The security table of issue 12 against the WaaS endpoint on a REAL csi-store (PGlite and the
 * PostgreSQL server), over real HTTP, with vouchers of the test PDND authority (issued and forged):
 * every forged request gets the right 4xx as a conformant problem+json (`WWW-Authenticate` on 401) and
 * changes NOTHING in the store — neither the flows (a successful `GET /flussi` would mark them
 * `inviato`; the forged `POST /esiti` carry esiti that a valid call would record) nor the erogazioni
 * nor the audit chain. Then one valid voucher works for 30 calls and is refused after its `exp`; a SQL
 * injection in `since`, prototype-pollution keys in the body; and no token ever reaches a log line.
 */
import { base64url } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOwner, must } from '../../csi-store/test/support/fixture.js';
import { closeAll, TARGETS } from '../../csi-store/test/support/targets.js';
import { TEST_CLIENT_ID } from '../src/testing/index.js';
import { bearer, call, esitoFor, flowRows, openStoreEndpoint, snapshot, type CheckedResponse, type FlowRowState, type StoreEndpoint, type StoreSnapshot } from './support/store-endpoint.js';

afterAll(closeAll);

const MAX_BODY = 64 * 1024;
const OTHER_CLIENT = '44444444-4444-4444-8444-444444444444';
const HOUR_MS = 3_600_000;
const WWW_AUTHENTICATE = 'Bearer error="invalid_token"';

/** A forged credential: the `Authorization` value (null: none), the status and the verifier's reason in the log. */
interface VoucherCase {
  readonly name: string;
  readonly authorization: (ep: StoreEndpoint) => Promise<string | null>;
  readonly status: 401 | 403;
  readonly reason: string;
}

const bearerOf = (token: Promise<string>): Promise<string> => token.then((t) => `Bearer ${t}`);

const VOUCHER_CASES: readonly VoucherCase[] = [
  { name: 'missing Authorization', authorization: async () => null, status: 401, reason: 'missing' },
  { name: 'empty Bearer', authorization: async () => 'Bearer ', status: 401, reason: 'scheme' },
  { name: 'malformed: not a JWS', authorization: async () => 'Bearer not-a-jwt', status: 401, reason: 'malformed' },
  { name: 'malformed: two parts', authorization: async (ep) => `Bearer ${(await ep.voucher()).split('.').slice(0, 2).join('.')}`, status: 401, reason: 'malformed' },
  { name: 'malformed: header not JSON', authorization: async (ep) => `Bearer ${base64url.encode('{"alg":')}.${(await ep.voucher()).split('.').slice(1).join('.')}`, status: 401, reason: 'malformed' },
  { name: 'other scheme (Basic)', authorization: async () => `Basic ${Buffer.from('inps:secret').toString('base64')}`, status: 401, reason: 'scheme' },
  { name: 'DPoP scheme with a valid voucher', authorization: async (ep) => `DPoP ${await ep.voucher()}`, status: 401, reason: 'scheme' },
  { name: 'two credentials', authorization: async (ep) => `Bearer ${await ep.voucher()}, Bearer ${await ep.voucher()}`, status: 401, reason: 'scheme' },
  { name: 'expired', authorization: (ep) => bearerOf(ep.authority.issue({ now: Date.now() - 25 * HOUR_MS })), status: 401, reason: 'expired' },
  { name: 'future nbf and iat', authorization: (ep) => bearerOf(ep.authority.issue({ now: Date.now() + HOUR_MS })), status: 401, reason: 'not-yet-valid' },
  { name: 'future iat only', authorization: (ep) => bearerOf(ep.authority.issue({ iat: Math.floor(Date.now() / 1000) + 3600 })), status: 401, reason: 'iat' },
  { name: 'lifetime over 24 h', authorization: (ep) => bearerOf(ep.authority.issue({ lifetimeSec: 2 * 86_400 })), status: 401, reason: 'lifetime' },
  { name: 'wrong aud', authorization: (ep) => bearerOf(ep.authority.issue({ aud: 'https://altro-comune.example.invalid/waas/v1' })), status: 401, reason: 'aud' },
  { name: 'wrong iss', authorization: (ep) => bearerOf(ep.authority.issue({ iss: 'interop.evil.invalid' })), status: 401, reason: 'iss' },
  { name: 'sub ≠ client_id', authorization: (ep) => bearerOf(ep.authority.issue({ sub: OTHER_CLIENT })), status: 401, reason: 'sub' },
  { name: 'no jti', authorization: (ep) => bearerOf(ep.authority.issue({ jti: undefined })), status: 401, reason: 'claims' },
  { name: 'client not allowed (403)', authorization: (ep) => bearerOf(ep.authority.issue({ sub: OTHER_CLIENT, client_id: OTHER_CLIENT })), status: 403, reason: 'client' },
  { name: 'unknown kid', authorization: (ep) => bearerOf(ep.authority.issue({ header: { kid: 'pdnd-key-unknown' } })), status: 401, reason: 'kid' },
  { name: 'alg none', authorization: (ep) => bearerOf(ep.authority.forge.unsigned()), status: 401, reason: 'alg' },
  { name: 'HS256 keyed with the public key (PEM)', authorization: (ep) => bearerOf(ep.authority.forge.hs256WithPublicKey()), status: 401, reason: 'alg' },
  { name: 'HS256 keyed with the public key (JWK)', authorization: (ep) => bearerOf(ep.authority.forge.hs256WithPublicKey({}, 'jwk')), status: 401, reason: 'alg' },
  { name: 'RS256 by a foreign key, same kid', authorization: (ep) => bearerOf(ep.authority.forge.withForeignKey()), status: 401, reason: 'signature' },
  { name: 'signature of another voucher', authorization: async (ep) => `Bearer ${(await ep.authority.issue({ purposeId: 'other' })).split('.').slice(0, 2).join('.')}.${(await ep.voucher()).split('.')[2]}`, status: 401, reason: 'signature' },
  { name: 'wrong typ (JWT)', authorization: (ep) => bearerOf(ep.authority.issue({ header: { typ: 'JWT' } })), status: 401, reason: 'typ' },
  { name: 'no typ', authorization: (ep) => bearerOf(ep.authority.issue({ header: { typ: undefined } })), status: 401, reason: 'typ' },
  { name: 'jku header', authorization: (ep) => bearerOf(ep.authority.issue({ header: { jku: 'https://evil.invalid/jwks.json' } })), status: 401, reason: 'header' },
  { name: 'crit header', authorization: (ep) => bearerOf(ep.authority.issue({ header: { crit: ['exp'] } })), status: 401, reason: 'crit' },
];

for (const target of TARGETS) {
  describe.skipIf(!target.available)(`WaaS security table on csi-store (${target.name}), over HTTP`, () => {
    /** The verifier's clock: the system's, or a fixed instant (for the expiry of the reused voucher). */
    const clock: { fixed: number | null } = { fixed: null };
    let ep: StoreEndpoint;
    let flows: FlowRowState[];
    let before: StoreSnapshot;
    /** Esiti a valid call would record: OK for every flow. */
    let validBody: string;
    /** The first refusal body per status, `instance` aside: every other one must be identical. */
    const refusals: Record<number, Record<string, unknown>> = {};
    /** Every Authorization value sent (none may reach a log). */
    const sent: string[] = [];

    beforeAll(async () => {
      ep = await openStoreEndpoint(target, { ente: 'A944', erogazioni: 3, verifier: { now: () => new Date(clock.fixed ?? Date.now()) }, handler: { maxBodyBytes: MAX_BODY } });
      flows = await flowRows(ep.store, ep.seeded.ente);
      validBody = JSON.stringify({ elenco_esiti: flows.map((f, i) => esitoFor(f, 'OK', { id_acquisizione_siuss: `ACQ-${i}` })) });
      before = await snapshot(ep.store, ep.seeded.ente);
      expect(before.flows.map((f) => f.status)).toEqual(['generato', 'generato', 'generato']);
    }, 60_000);
    afterAll(() => ep?.close());

    async function send(path: string, init: { method?: string; headers?: Record<string, string>; body?: RequestInit['body']; duplex?: 'half' }): Promise<CheckedResponse> {
      const auth = init.headers?.authorization;
      if (auth !== undefined) sent.push(auth);
      return call(`${ep.baseUrl}${path}`, init as RequestInit);
    }

    async function expectUnchanged(what: string): Promise<void> {
      expect(await snapshot(ep.store, ep.seeded.ente), what).toEqual(before);
    }

    function expectProblem(r: CheckedResponse, status: number, what: string): void {
      expect(r.status, what).toBe(status);
      expect(r.headers.get('content-type'), what).toMatch(/^application\/problem\+json/);
      expect(r.body, what).toMatchObject({ status });
      if (status === 401) expect(r.headers.get('www-authenticate'), what).toBe(WWW_AUTHENTICATE);
      else expect(r.headers.get('www-authenticate'), what).toBeNull();
    }

    for (const c of VOUCHER_CASES) {
      it(`${c.name} → ${c.status} on GET /flussi and POST /esiti, nothing changed`, async () => {
        const authorization = await c.authorization(ep);
        const auth: Record<string, string> = authorization === null ? {} : { authorization };
        const logStart = ep.logs.length;
        const get = await send('/flussi?since=0&limit=100', { headers: auth });
        expectProblem(get, c.status, `${c.name} GET`);
        const post = await send('/esiti', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: validBody });
        expectProblem(post, c.status, `${c.name} POST`);
        // The same answer whatever check failed (ModI); the reason only in the operators' log.
        for (const r of [get, post]) {
          const { instance: _instance, ...rest } = r.body as Record<string, unknown>;
          refusals[c.status] ??= rest;
          expect(rest, c.name).toEqual(refusals[c.status]);
        }
        expect(ep.logs.slice(logStart).filter((l) => l.event === 'voucher.refused').map((l) => [l.status, l.reason])).toEqual([[c.status, c.reason], [c.status, c.reason]]);
        await expectUnchanged(c.name);
      });
    }

    describe('bodies and parameters, with a valid voucher', () => {
      it('oversized body: 413 by Content-Length, and on a chunked stream cut at the limit', async () => {
        const token = await ep.voucher();
        const big = JSON.stringify({ elenco_esiti: [esitoFor(flows[0] as FlowRowState, 'OK', { id_acquisizione_siuss: 'BIG', descrizione_esito: 'x'.repeat(MAX_BODY) })] });
        expectProblem(await send('/esiti', { method: 'POST', headers: bearer(token, true), body: big }), 413, 'content-length');
        const bytes = new TextEncoder().encode(big);
        let offset = 0;
        const stream = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (offset >= bytes.length) return controller.close();
            controller.enqueue(bytes.subarray(offset, offset + 4096));
            offset += 4096;
          },
        });
        expectProblem(await send('/esiti', { method: 'POST', headers: bearer(token, true), body: stream, duplex: 'half' }), 413, 'chunked');
        await expectUnchanged('413');
      });

      it('malformed JSON → 400', async () => {
        const token = await ep.voucher();
        for (const body of [validBody.slice(0, -2), `${validBody}x`, '', 'null', '[]', "{'elenco_esiti':[]}"]) {
          expectProblem(await send('/esiti', { method: 'POST', headers: bearer(token, true), body }), 400, `body ${JSON.stringify(body.slice(0, 30))}`);
        }
        await expectUnchanged('malformed JSON');
      });

      it('101 esiti → 400 (maxItems 100), none recorded', async () => {
        const esiti = Array.from({ length: 101 }, (_, i) => esitoFor(flows[i % flows.length] as FlowRowState, 'OK', { id_acquisizione_siuss: `ACQ-${i}` }));
        expectProblem(await send('/esiti', { method: 'POST', headers: bearer(await ep.voucher(), true), body: JSON.stringify({ elenco_esiti: esiti }) }), 400, '101');
        await expectUnchanged('101 esiti');
      });

      it('wrong content type → 415 (the body is never read)', async () => {
        const token = await ep.voucher();
        for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=iso-8859-1', 'application/jsonx', null]) {
          const headers = { authorization: `Bearer ${token}`, ...(type === null ? {} : { 'content-type': type }) };
          // A Blob without a type: fetch adds no Content-Type of its own.
          expectProblem(await send('/esiti', { method: 'POST', headers, body: new Blob([validBody]) }), 415, String(type));
        }
        await expectUnchanged('415');
      });

      it('a SQL injection in since (and limit) → 400, the table intact', async () => {
        const token = await ep.voucher();
        for (const query of [
          'since=0;DROP TABLE flusso_siuss',
          `since=${encodeURIComponent('0;DROP TABLE flusso_siuss')}`,
          `since=${encodeURIComponent("0' OR '1'='1")}`,
          `since=${encodeURIComponent('0 OR 1=1')}`,
          `since=0&limit=${encodeURIComponent('1;DELETE FROM erogazione')}`,
          'since=-1',
          'since=1e3',
          'since=0x10',
        ]) {
          expectProblem(await send(`/flussi?${query}`, { headers: bearer(token) }), 400, query);
        }
        const intact = await asOwner(ep.store, ep.seeded.ente, (tx) =>
          tx.query<{ t: string | null; n: string }>("SELECT to_regclass('flusso_siuss')::text AS t, (SELECT count(*) FROM flusso_siuss WHERE ente = $1)::text AS n", [ep.seeded.ente]),
        );
        expect(intact.rows).toEqual([{ t: 'flusso_siuss', n: '3' }]);
        await expectUnchanged('sql injection');
      });

      it('__proto__ and constructor keys in the esiti body → 400: nothing changed, no prototype polluted', async () => {
        const token = await ep.voucher();
        const [f] = flows as [FlowRowState];
        const { codice_esito: _dropped, ...withoutCode } = esitoFor(f, 'OK');
        const bodies = [
          // Top level: ElencoEsiti has additionalProperties: false.
          `{"elenco_esiti":[],"__proto__":{"elenco_esiti":[${JSON.stringify(esitoFor(f, 'OK', { id_acquisizione_siuss: 'PROTO' }))}]}}`,
          `{"constructor":{"prototype":{"elenco_esiti":[${JSON.stringify(esitoFor(f, 'OK', { id_acquisizione_siuss: 'CTOR' }))}]}},"elenco_esiti":[]}`,
          `{"__proto__":{"polluted":"yes"}}`,
          // In an item: the required codice_esito only "inherited" through __proto__ / constructor.
          `{"elenco_esiti":[${JSON.stringify(withoutCode).slice(0, -1)},"__proto__":{"codice_esito":"OK","id_acquisizione_siuss":"PROTO"}}]}`,
          `{"elenco_esiti":[${JSON.stringify(withoutCode).slice(0, -1)},"constructor":{"prototype":{"codice_esito":"OK"}}}]}`,
        ];
        for (const body of bodies) {
          const r = await send('/esiti', { method: 'POST', headers: bearer(token, true), body });
          // 400 each: ElencoEsiti takes no other property; an item without its own codice_esito is incomplete.
          expectProblem(r, 400, body);
        }
        await expectUnchanged('prototype keys');
        const probe: Record<string, unknown> = {};
        for (const key of ['polluted', 'codice_esito', 'id_acquisizione_siuss', 'elenco_esiti']) expect(probe[key], key).toBeUndefined();
        expect(Object.keys(Object.prototype)).toEqual([]);
      });
    });

    describe('one valid voucher, reused', () => {
      it('the same voucher works for 30 calls (a repeated jti is not refused), then it is refused after its exp', async () => {
        const token = await ep.authority.issue({ lifetimeSec: 600 });
        const { exp, client_id: clientId } = JSON.parse(new TextDecoder().decode(base64url.decode(token.split('.')[1] as string))) as { exp: number; client_id: string };
        expect(clientId).toBe(TEST_CLIENT_ID);
        for (let i = 0; i < 30; i++) {
          if (i % 2 === 0) {
            const r = await send(`/flussi?since=0&limit=${1 + (i % 3)}`, { headers: bearer(token) });
            expect(r.status, `call ${i}`).toBe(200);
          } else {
            const r = await send('/esiti', { method: 'POST', headers: bearer(token, true), body: '{"elenco_esiti":[]}' });
            expect(r.status, `call ${i}`).toBe(204);
          }
        }
        const jtis = new Set(ep.logs.filter((l) => l.event === 'request' && (l.status === 200 || l.status === 204)).slice(-30).map((l) => l.jti));
        expect(jtis.size).toBe(1);
        // Still valid within the clock tolerance (30 s) after exp; refused past it.
        clock.fixed = (exp + 25) * 1000;
        expect((await send('/flussi?since=0', { headers: bearer(token) })).status).toBe(200);
        clock.fixed = (exp + 31) * 1000;
        const logStart = ep.logs.length;
        expectProblem(await send('/flussi?since=0', { headers: bearer(token) }), 401, 'after exp');
        expectProblem(await send('/esiti', { method: 'POST', headers: bearer(token, true), body: validBody }), 401, 'after exp');
        expect(ep.logs.slice(logStart).filter((l) => l.event === 'voucher.refused').map((l) => l.reason)).toEqual(['expired', 'expired']);
        clock.fixed = null;
        // The pulls marked the flows inviato; the refused esiti recorded nothing.
        const now = await flowRows(ep.store, ep.seeded.ente);
        expect(now.map((f) => [f.status, f.esitoCodice, f.ts])).toEqual(flows.map((f) => ['inviato', null, f.ts]));
      });

      it('control: the very body the forged requests carried is recorded with a valid voucher', async () => {
        const r = await send('/esiti', { method: 'POST', headers: bearer(await ep.voucher(), true), body: validBody });
        expect(r.status).toBe(204);
        expect((await flowRows(ep.store, ep.seeded.ente)).map((f) => [f.status, f.esitoIdAcquisizione])).toEqual(flows.map((_, i) => ['accettato', `ACQ-${i}`]));
        must(await ep.store.verifyAudit({ ente: ep.seeded.ente }));
      });
    });

    it('no token, and no Authorization value, ever reaches a log line', () => {
      expect(sent.length).toBeGreaterThan(2 * VOUCHER_CASES.length);
      const tokens = sent.map((a) => a.replace(/^\S+\s+/, '')).filter((t) => t.length >= 16);
      const signatures = tokens.map((t) => t.split('.')[2] ?? '').filter((s) => s.length >= 16);
      expect(ep.logs.length).toBeGreaterThan(0);
      for (const line of ep.logs) {
        const text = JSON.stringify(line);
        for (const t of tokens) expect(text).not.toContain(t);
        for (const s of signatures) expect(text).not.toContain(s);
        expect(text).not.toMatch(/Bearer|Basic|DPoP|eyJ/);
      }
    });
  });
}
