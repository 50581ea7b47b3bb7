// SPDX-License-Identifier: BSD-3-Clause
/**
 * Every ```ts block of README.md compiles and runs (as in csi-store's readme.test.ts).
 *
 * Each block is kept, byte for byte, in test/readme-examples/NN-name.ts (after its SPDX line): the
 * first tests (the shared harness, test/support/readme-examples.ts at the repository root) check that
 * the README and the files agree, in order, and that the examples import only public entry points;
 * `npm run typecheck` compiles the files with the package's strict settings; the tests below run them
 * — the top-level ones by importing them (with `console.log(x); // expected` comments checked against
 * what they print), the ones that export functions by calling them.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ok } from '@riuso-sociale/core';
import { openStore, type Store } from '@riuso-sociale/csi-store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeReadmeExamples, expectedLogs, runTopLevel } from '../../../test/support/readme-examples.js';
import { addErogazioni, CF, run, seedEnte, type Seeded } from '../../csi-store/test/support/fixture.js';
import { createVoucherVerifier } from '../src/voucher.js';
import { createWaasHandler } from '../src/handler.js';
import type { WaasSource } from '../src/types.js';
import { createTestAuthority, simulateInps, type TestAuthority } from '../src/testing/index.js';

const PKG = join(import.meta.dirname, '..');
const ROOT = join(PKG, '..', '..');
const EXAMPLES = join(import.meta.dirname, 'readme-examples');

const { text: readme, blocks, example } = describeReadmeExamples({
  readme: join(PKG, 'README.md'),
  examplesDir: EXAMPLES,
  allowedImports: /^(@riuso-sociale\/(core|csi-store|siuss-waas|siuss-waas\/testing)|fastify|node:[a-z/]+)$/,
});

describe('README points to what exists', () => {
  it('every test file, bench script and example the README names exists', () => {
    const named = [...new Set([...readme.matchAll(/`((?:test|bench)\/[a-z0-9/-]+\.(?:test\.ts|mjs))`/g)].map((m) => m[1] as string))];
    expect(named.length).toBeGreaterThan(8);
    for (const f of named) expect(existsSync(join(PKG, f)), f).toBe(true);
    for (const f of [...readme.matchAll(/`(examples\/[a-z0-9-]+\.mjs)`/g)].map((m) => m[1] as string)) expect(existsSync(join(ROOT, f)), f).toBe(true);
  });

  it('every in-page link of the README has its heading', () => {
    // GitHub's anchors: lower case, punctuation dropped, spaces to hyphens.
    const anchors = new Set([...readme.matchAll(/^#+ (.+)$/gm)].map((m) => (m[1] as string).toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-')));
    const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1] as string);
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) expect(anchors.has(l), `#${l}`).toBe(true);
  });
});

describe('the site pages include README examples that exist', () => {
  // VitePress leaves an include whose file is missing as an HTML comment, silently.
  it.each(['docs/guida/waas-inps.md', 'docs/en/guide/waas-inps.md'])('%s: every include names a file of test/readme-examples, without its SPDX line; no ts block of its own', (page) => {
    const path = join(ROOT, page);
    const text = readFileSync(path, 'utf8');
    const included: string[] = [];
    for (const m of text.matchAll(/<!--\s*@include:\s*(.*?)\s*-->/g)) {
      const spec = m[1] as string;
      const file = join(path, '..', spec.replace(/\{\d*,\d*\}$/, ''));
      expect(existsSync(file), `${page}: ${spec}`).toBe(true);
      expect(file.startsWith(`${EXAMPLES}/`), `${page}: ${spec}`).toBe(true);
      expect(spec, `${page}: examples are shown without their SPDX line`).toMatch(/\{2,\}$/);
      included.push(file.split('/').pop() as string);
    }
    expect(included).toEqual(['01-avvio-rapido.ts', '02-configurazione.ts', '04-tls.ts', '03-ambito.ts']);
    // Every ts block of the page is an include (checked above), never code written only here.
    const tsBlocks = [...text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((b) => (b[1] as string).trim());
    expect(tsBlocks.length).toBe(included.length);
    for (const b of tsBlocks) expect(b).toMatch(/^<!--@include: [^\n]+-->$/);
  });
});

describe('README: quick start', () => {
  it('01: an in-memory store, two flows exported, the endpoint on 127.0.0.1, the simulated INPS, one OK and one RICHIESTA_INVALIDA on the records', async () => {
    expect(await runTopLevel(example(1), { silenceStderr: true })).toEqual(expectedLogs(blocks[0] as string));
  }, 180_000);
});

/** Starts a node:http server, resolves once listening on 127.0.0.1. */
function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** A source with no flows that answers ping (for the blocks that only need a handler). */
const emptySource: WaasSource = {
  listFlows: async () => ok([]),
  recordEsiti: async (esiti) => ok(esiti.map(() => 'unknown-flow' as const)),
  ping: async () => ok(true as const),
};

/** Exports the validated erogazioni of a seeded Ente as cooperazione flows (as its sistema operator). */
async function exportFlows(store: Store, seeded: Seeded): Promise<string[]> {
  const report = await run(store, seeded.ente, seeded.sys, (s) => s.exportSiuss({ kind: 'PS', upTo: '2025-12-31' as never, mode: 'cooperazione' }));
  return report.flows.map((f) => f.idFlusso);
}

describe('README: the functions of the examples', () => {
  let store: Store;
  let a944: Seeded;
  let b880: Seeded;
  let stderr: ReturnType<typeof vi.spyOn>;

  beforeAll(async () => {
    // The endpoint's default logger writes JSON lines on stderr: muted here.
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    store = await openStore();
    a944 = await seedEnte(store, 'A944');
    await addErogazioni(store, a944, 2);
    expect(await exportFlows(store, a944)).toHaveLength(2);
    b880 = await seedEnte(store, 'B880', CF.persona3);
    await addErogazioni(store, b880, 1);
    expect(await exportFlows(store, b880)).toHaveLength(1);
  }, 300_000);

  afterAll(async () => {
    await store?.close();
    stderr?.mockRestore();
  });

  it('02: avviaServizioWaas reads every setting from the environment; the JWKS from a URL; the simulated INPS pulls the Ente\'s flows', async () => {
    const { avviaServizioWaas } = (await import(example(2))) as typeof import('./readme-examples/02-configurazione.js');
    const authority = await createTestAuthority({ audience: 'https://waas.comune.example.invalid/waas/v1' });
    // PDND's JWKS, here served on the loopback interface (http: is accepted only there).
    const jwks = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(authority.jwks));
    });
    const jwksPort = await listen(jwks);
    const env = {
      WAAS_ENTE: 'A944', WAAS_DENOMINAZIONE: 'Comune di Bologna', WAAS_OPERATORE_SISTEMA: a944.sys.operatoreId,
      WAAS_PDND_ISSUER: authority.issuer, WAAS_PDND_AUDIENCE: authority.audience, WAAS_PDND_JWKS_URL: `http://127.0.0.1:${jwksPort}/.well-known/jwks.json`,
      WAAS_INPS_CLIENT_IDS: authority.clientId, WAAS_INPS_PURPOSE_IDS: `${authority.purposeId}, 44444444-4444-4444-8444-444444444444`, WAAS_PORT: '0',
    };
    await expect(avviaServizioWaas(store, { ...env, WAAS_PDND_AUDIENCE: ' ' })).rejects.toThrow(/WAAS_PDND_AUDIENCE/);
    await expect(avviaServizioWaas(store, { ...env, WAAS_INPS_CLIENT_IDS: '' })).rejects.toThrow(/allowedClients/);
    const server = await avviaServizioWaas(store, env);
    try {
      const { address, port } = server.address() as AddressInfo;
      expect(address).toBe('127.0.0.1');
      const baseUrl = `http://127.0.0.1:${port}/waas/v1`;
      const report = await simulateInps({ baseUrl, voucher: await authority.issue(), postEsiti: false });
      expect(report.errors).toEqual([]);
      expect(report.flows.map((f) => f.entry.codice_ente)).toEqual(['A944', 'A944']);
      // A purpose not on the list: a valid voucher refused with 403.
      const other = await fetch(`${baseUrl}/flussi?since=0`, { headers: { authorization: `Bearer ${await authority.issue({ purposeId: '55555555-5555-4555-8555-555555555555' })}` } });
      expect(other.status).toBe(403);
      // A voucher for another audience (another e-service): 401.
      const foreign = await fetch(`${baseUrl}/flussi?since=0`, { headers: { authorization: `Bearer ${await authority.issue({ aud: 'https://altro.example.invalid/waas/v1' })}` } });
      expect(foreign.status).toBe(401);
    } finally {
      await close(server);
      await close(jwks);
    }
  }, 120_000);

  it('03: servizioAmbito routes /waas/v1/<codice> to each Comune\'s handler; each serves only its own flows, with its own audience', async () => {
    const { servizioAmbito } = (await import(example(3))) as typeof import('./readme-examples/03-ambito.js');
    const authorities: Record<string, TestAuthority> = {
      A944: await createTestAuthority({ audience: 'https://waas.ambito.example.invalid/waas/v1/A944' }),
      B880: await createTestAuthority({ audience: 'https://waas.ambito.example.invalid/waas/v1/B880' }),
    };
    const handler = servizioAmbito(store, [
      { codice: 'A944', denominazione: 'Comune di Bologna', operatoreSistema: a944.sys.operatoreId, voucher: createVoucherVerifier((authorities.A944 as TestAuthority).verifierOptions()) },
      { codice: 'B880', denominazione: 'Comune di Casalecchio di Reno', operatoreSistema: b880.sys.operatoreId, voucher: createVoucherVerifier((authorities.B880 as TestAuthority).verifierOptions()) },
    ]);
    for (const codice of ['A944', 'B880']) {
      const authority = authorities[codice] as TestAuthority;
      expect((await handler(new Request(`https://ambito.example/waas/v1/${codice}/status`))).status).toBe(200);
      const report = await simulateInps({ fetch: handler, baseUrl: `https://ambito.example/waas/v1/${codice}`, voucher: () => authority.issue(), postEsiti: false });
      expect(report.errors).toEqual([]);
      expect(report.flows.length).toBe(codice === 'A944' ? 2 : 1);
      expect(new Set(report.flows.map((f) => f.entry.codice_ente))).toEqual(new Set([codice]));
    }
    // A944's voucher on B880's endpoint: another audience, refused.
    const cross = await handler(new Request('https://ambito.example/waas/v1/B880/flussi?since=0', { headers: { authorization: `Bearer ${await (authorities.A944 as TestAuthority).issue()}` } }));
    expect(cross.status).toBe(401);
    for (const path of ['/waas/v1/Z999/status', '/waas/v1/status', '/status', '/waas/v1/a944/status']) {
      const r = await handler(new Request(`https://ambito.example${path}`));
      expect(r.status, path).toBe(404);
      expect(r.headers.get('content-type')).toBe('application/problem+json');
    }
  }, 120_000);
});

describe('README: TLS, ModI, Fastify', () => {
  const hasOpenssl = (() => {
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!hasOpenssl)('04: serviInHttps serves over TLS with the given key and certificate (skipped without openssl)', async () => {
    const { serviInHttps } = (await import(example(4))) as typeof import('./readme-examples/04-tls.js');
    const dir = mkdtempSync(join(tmpdir(), 'siuss-waas-readme-tls-'));
    try {
      execFileSync('openssl', [
        'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
        '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      ], { stdio: 'ignore' });
      const handler = createWaasHandler({
        source: emptySource, ente: { codice: 'A944', denominazione: 'Comune di Bologna' },
        voucher: createVoucherVerifier((await createTestAuthority()).verifierOptions()), logger: () => undefined,
      });
      const server = await serviInHttps(handler, { key: join(dir, 'key.pem'), cert: join(dir, 'cert.pem'), port: 0 });
      try {
        const port = (server.address() as AddressInfo).port;
        const ca = readFileSync(join(dir, 'cert.pem'));
        const status = await new Promise<number>((resolve, reject) => {
          const req = httpsRequest({ host: '127.0.0.1', port, path: '/status', ca }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          });
          req.on('error', reject);
          req.end();
        });
        expect(status).toBe(200);
      } finally {
        await close(server);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('05: conControllo adds a 403 check around the verifier; conDigest checks a Digest header on POST', async () => {
    const { conControllo, conDigest } = (await import(example(5))) as typeof import('./readme-examples/05-modi.js');
    const authority = await createTestAuthority();
    const base = createVoucherVerifier(authority.verifierOptions());
    const allowed = conControllo(base, (c) => c.purposeId === authority.purposeId);
    const refused = conControllo(base, () => false);
    const bearer = `Bearer ${await authority.issue()}`;
    expect((await allowed.verify(bearer)).ok).toBe(true);
    expect(await refused.verify(bearer)).toMatchObject({ ok: false, status: 403, reason: 'custom', claims: { clientId: authority.clientId } });
    expect(await refused.verify('Bearer nonsense')).toMatchObject({ ok: false, status: 401 }); // an invalid voucher stays 401
    // The handler answers 403 for the custom refusal.
    const handler = createWaasHandler({ source: emptySource, ente: { codice: 'A944', denominazione: 'Comune di Bologna' }, voucher: refused, logger: () => undefined });
    expect((await handler(new Request('http://x/flussi?since=0', { headers: { authorization: bearer } }))).status).toBe(403);

    const seen: { method: string; body: string }[] = [];
    const inner = async (r: Request): Promise<Response> => {
      seen.push({ method: r.method, body: await r.text() });
      return new Response(null, { status: 204 });
    };
    const body = '{"elenco_esiti":[]}';
    const digest = `SHA-256=${createHash('sha256').update(body).digest('base64')}`;
    const post = (headers: Record<string, string>) => new Request('http://x/esiti', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const optional = conDigest(inner);
    const required = conDigest(inner, { obbligatorio: true });
    expect((await optional(post({ digest }))).status).toBe(204);
    expect((await optional(post({}))).status).toBe(204); // no Digest: passed on (INPS sends none)
    expect((await optional(post({ digest: 'SHA-256=AAAA' }))).status).toBe(400);
    expect((await required(post({}))).status).toBe(400);
    expect((await required(post({ digest }))).status).toBe(204);
    expect((await required(new Request('http://x/status'))).status).toBe(204); // GET passes
    expect(seen).toEqual([
      { method: 'POST', body },
      { method: 'POST', body },
      { method: 'POST', body },
      { method: 'GET', body: '' },
    ]);
  }, 60_000);

  it('06: appFastify registers the plugin under the basePath', async () => {
    const { appFastify } = (await import(example(6))) as typeof import('./readme-examples/06-fastify.js');
    const authority = await createTestAuthority();
    const handler = createWaasHandler({
      source: emptySource, ente: { codice: 'A944', denominazione: 'Comune di Bologna' },
      voucher: createVoucherVerifier(authority.verifierOptions()), basePath: '/waas/v1/A944', logger: () => undefined,
    });
    const app = await appFastify(handler, '/waas/v1/A944');
    try {
      expect((await app.inject({ method: 'GET', url: '/waas/v1/A944/status' })).statusCode).toBe(200);
      const flussi = await app.inject({ method: 'GET', url: '/waas/v1/A944/flussi?since=0', headers: { authorization: `Bearer ${await authority.issue()}` } });
      expect(flussi.statusCode).toBe(200);
      expect(flussi.json()).toEqual({ elenco_flussi: [] });
      expect((await app.inject({ method: 'GET', url: '/waas/v1/A944/flussi?since=0' })).statusCode).toBe(401);
      const esiti = await app.inject({ method: 'POST', url: '/waas/v1/A944/esiti', headers: { authorization: `Bearer ${await authority.issue()}`, 'content-type': 'application/json' }, payload: '{"elenco_esiti":[]}' });
      expect(esiti.statusCode).toBe(204);
    } finally {
      await app.close();
    }
  }, 60_000);
});

describe('README: the test utilities', () => {
  it('07: a vendor\'s own WaasSource checked with the simulated INPS and forged vouchers, no socket', async () => {
    expect(await runTopLevel(example(7), { silenceStderr: true })).toEqual(expectedLogs(blocks[6] as string));
  }, 60_000);
});
