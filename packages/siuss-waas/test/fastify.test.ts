// SPDX-License-Identifier: BSD-3-Clause
/**
 * waasFastifyPlugin in a Fastify app under a prefix equal to the handler's basePath: `app.inject`
 * and a real listen, the raw body reaching the handler, 413, and the rest of the app untouched (its
 * own JSON parser still works outside the plugin's encapsulated context).
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWaasHandler } from '../src/handler.js';
import { waasFastifyPlugin } from '../src/fastify.js';
import type { WaasFlow, WaasLogEvent } from '../src/types.js';
import { MemorySource, stubVoucher, TEST_TOKEN } from './support/memory-source.js';
import { expectConformant } from './support/openapi.js';

const PREFIX = '/waas/v1/A944';
const T0 = Date.UTC(2025, 5, 3, 8, 0, 0, 0);
const AUTH = { authorization: `Bearer ${TEST_TOKEN}` };
const MAX = 32 * 1024;

function flow(n: number): WaasFlow {
  return { idFlusso: `A944.PS.20250603.${String(n).padStart(7, '0')}`, tsFlusso: T0 + n * 1000, tipo: 'SINBA', xml: `<Flusso n="${n}">àè</Flusso>` };
}

function esiti(f: WaasFlow): string {
  return JSON.stringify({
    elenco_esiti: [{ id_flusso: f.idFlusso, tipo: f.tipo, ts_flusso: new Date(f.tsFlusso).toISOString(), ts_acquisizione: '2025-06-04T08:00:00.000Z', codice_esito: 'OK', codice_siuss: '77' }],
  });
}

/** An inject/fetch result as a Fetch Response, for the conformance helper. */
function asResponse(status: number, headers: Record<string, unknown>, body: string): Response {
  const h = new Headers();
  for (const [k, v] of Object.entries(headers)) if (typeof v === 'string') h.set(k, v);
  return new Response(status === 204 || body === '' ? null : body, { status, headers: h });
}

describe('waasFastifyPlugin', () => {
  const source = new MemorySource();
  for (let n = 1; n <= 3; n++) source.publish(flow(n));
  const logs: WaasLogEvent[] = [];
  let app: FastifyInstance;
  let seenBodies: string[] = [];

  beforeAll(async () => {
    app = Fastify();
    const handler = createWaasHandler({
      source, voucher: stubVoucher(), ente: { codice: 'A944', denominazione: 'Comune di Bologna' },
      basePath: PREFIX, maxBodyBytes: MAX, logger: (e) => logs.push(e),
    });
    const spy = async (request: Request): Promise<Response> => {
      if (request.method === 'POST') seenBodies.push(await request.clone().text().catch(() => '<unreadable>'));
      return handler(request);
    };
    await app.register(waasFastifyPlugin, { prefix: PREFIX, handler: spy, maxBodyBytes: MAX });
    // The rest of the app keeps Fastify's JSON parser.
    app.post('/other', async (request) => ({ echo: request.body }));
    await app.ready();
  });
  afterAll(() => app.close());

  it('GET /flussi through inject', async () => {
    const r = await app.inject({ method: 'GET', url: `${PREFIX}/flussi?since=0&limit=2`, headers: AUTH });
    expect(r.statusCode).toBe(200);
    const body = (await expectConformant(asResponse(r.statusCode, r.headers, r.body), 'Flussi')) as { elenco_flussi: { id_flusso: string; flusso: string }[] };
    expect(body.elenco_flussi.map((e) => e.id_flusso)).toEqual([flow(1).idFlusso, flow(2).idFlusso]);
    expect(Buffer.from(body.elenco_flussi[0]?.flusso ?? '', 'base64').toString('utf8')).toBe(flow(1).xml);
    expect(r.headers['x-ratelimit-limit']).toBe('600');
  });

  it('POST /esiti: the raw body reaches the handler unparsed, 204', async () => {
    seenBodies = [];
    const payload = `  ${esiti(flow(1))}\n`;
    const r = await app.inject({ method: 'POST', url: `${PREFIX}/esiti`, headers: { ...AUTH, 'content-type': 'application/json; charset=utf-8' }, payload });
    expect(r.statusCode).toBe(204);
    expect(r.body).toBe('');
    expect(seenBodies).toEqual([payload]);
    expect(source.esiti.get(flow(1).idFlusso)?.idAcquisizione).toBe('77');
  });

  it('the handler, not Fastify, checks the media type and the JSON: 415 and 400 are problems', async () => {
    const r415 = await app.inject({ method: 'POST', url: `${PREFIX}/esiti`, headers: { ...AUTH, 'content-type': 'text/plain' }, payload: esiti(flow(1)) });
    expect(r415.statusCode).toBe(415);
    await expectConformant(asResponse(r415.statusCode, r415.headers, r415.body), 'NotificaEsiti');
    const r400 = await app.inject({ method: 'POST', url: `${PREFIX}/esiti`, headers: { ...AUTH, 'content-type': 'application/json' }, payload: '{"elenco_esiti":' });
    expect(r400.statusCode).toBe(400);
    await expectConformant(asResponse(r400.statusCode, r400.headers, r400.body), 'NotificaEsiti');
    const none = await app.inject({ method: 'POST', url: `${PREFIX}/esiti`, headers: AUTH });
    expect(none.statusCode).toBe(415);
  });

  it('413 past maxBodyBytes (after the voucher check), as a problem', async () => {
    const r = await app.inject({ method: 'POST', url: `${PREFIX}/esiti`, headers: { ...AUTH, 'content-type': 'application/json' }, payload: ' '.repeat(MAX + 1) });
    expect(r.statusCode).toBe(413);
    await expectConformant(asResponse(r.statusCode, r.headers, r.body), 'NotificaEsiti');
    const anonymous = await app.inject({ method: 'POST', url: `${PREFIX}/esiti`, headers: { 'content-type': 'application/json' }, payload: ' '.repeat(MAX + 1) });
    expect(anonymous.statusCode).toBe(401);
    expect(logs.filter((l) => l.event === 'request' && l.status === 413)).toHaveLength(1);
  });

  it('405 with Allow, HEAD /flussi refused, HEAD /status without body, 404 problems under the prefix', async () => {
    const r405 = await app.inject({ method: 'DELETE', url: `${PREFIX}/flussi`, headers: AUTH });
    expect(r405.statusCode).toBe(405);
    expect(r405.headers.allow).toBe('GET');
    await expectConformant(asResponse(r405.statusCode, r405.headers, r405.body), 'Flussi');
    const calls = source.calls.length;
    const head = await app.inject({ method: 'HEAD', url: `${PREFIX}/flussi?since=0`, headers: AUTH });
    expect(head.statusCode).toBe(405);
    expect(source.calls.length).toBe(calls);
    const status = await app.inject({ method: 'HEAD', url: `${PREFIX}/status` });
    expect(status.statusCode).toBe(200);
    expect(status.body).toBe('');
    for (const url of [`${PREFIX}/nope`, PREFIX, `${PREFIX}/`]) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(404);
      expect(r.headers['content-type']).toBe('application/problem+json');
    }
  });

  it('the rest of the app is untouched (Fastify JSON parser outside the plugin)', async () => {
    const r = await app.inject({ method: 'POST', url: '/other', payload: { a: 1 } });
    expect(r.json()).toEqual({ echo: { a: 1 } });
  });

  it('the plugin refuses a missing handler', async () => {
    const bad = Fastify();
    await expect(bad.register(waasFastifyPlugin, { prefix: PREFIX, handler: undefined as never }).ready()).rejects.toThrow(/handler/);
    await bad.close();
  });
});

describe('waasFastifyPlugin on a real listen', () => {
  let app: FastifyInstance;
  let base: string;
  const source = new MemorySource();
  source.publish(flow(1));

  beforeAll(async () => {
    app = Fastify();
    const handler = createWaasHandler({ source, voucher: stubVoucher(), ente: { codice: 'A944', denominazione: 'Comune di Bologna' }, basePath: PREFIX, maxBodyBytes: MAX, logger: () => undefined });
    await app.register(waasFastifyPlugin, { prefix: PREFIX, handler, maxBodyBytes: MAX });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    base = `${address}${PREFIX}`;
  });
  afterAll(() => app.close());

  it('GET /status, GET /flussi, POST /esiti over HTTP', async () => {
    expect(await expectConformant(await fetch(`${base}/status`), 'healthCheck')).toEqual({ status: 200, title: 'OK' });
    const flussi = (await expectConformant(await fetch(`${base}/flussi?since=0`, { headers: AUTH }), 'Flussi')) as { elenco_flussi: unknown[] };
    expect(flussi.elenco_flussi).toHaveLength(1);
    const r = await fetch(`${base}/esiti`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: esiti(flow(1)) });
    expect(r.status).toBe(204);
    await expectConformant(r, 'NotificaEsiti');
    expect(source.esiti.size).toBe(1);
  });

  it('413 on a streamed body over the limit', async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        sent += 16 * 1024;
        if (sent > 64 * 1024 * 1024) c.close();
        else c.enqueue(new Uint8Array(16 * 1024).fill(0x20));
      },
    });
    const r = await fetch(`${base}/esiti`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body, duplex: 'half' });
    expect(r.status).toBe(413);
    await expectConformant(r, 'NotificaEsiti');
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });

  it('the package source never imports fastify at runtime', () => {
    const text = readFileSync(new URL('../src/fastify.ts', import.meta.url), 'utf8');
    // Import statements only (the TSDoc example shows a user's `import Fastify from 'fastify'`).
    expect(text).not.toMatch(/^import[^;]*from ['"]fastify['"]/m);
    expect(text).not.toMatch(/^[^*\n]*import\(['"]fastify['"]\)/m);
  });
});
