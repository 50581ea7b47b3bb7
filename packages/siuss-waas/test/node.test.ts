// SPDX-License-Identifier: BSD-3-Clause
/**
 * serveWaas over real sockets on 127.0.0.1 (port 0), called with fetch: the handler's flows end to
 * end, the 413 of a streamed body cut at the limit, HTTPS with a self-signed certificate.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWaasHandler, WAAS_BODY_TOO_LARGE } from '../src/handler.js';
import { createNodeListener, serveWaas } from '../src/node.js';
import type { WaasFlow, WaasLogEvent } from '../src/types.js';
import { MemorySource, stubVoucher, TEST_TOKEN } from './support/memory-source.js';
import { expectConformant } from './support/openapi.js';

const T0 = Date.UTC(2025, 5, 3, 8, 0, 0, 0);
const AUTH = { authorization: `Bearer ${TEST_TOKEN}` };
const MAX = 64 * 1024;

function flow(n: number): WaasFlow {
  return { idFlusso: `A944.PS.20250603.${String(n).padStart(7, '0')}`, tsFlusso: T0 + n * 1000 + 7, tipo: 'PS_PSA_SINA', xml: `<Flusso n="${n}">Città</Flusso>` };
}

function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** A raw HTTP/1.1 exchange on a socket (for request targets fetch would normalise). */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    let out = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      out += d;
    });
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
  });
}


/** A request body of up to 200 MB of spaces in 16 KB chunks, produced only as it is read; `sent()` counts what was produced. */
function endlessBody(): { body: ReadableStream<Uint8Array>; sent: () => number } {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      sent += 16 * 1024;
      if (sent > 200 * 1024 * 1024) c.close();
      else c.enqueue(new Uint8Array(16 * 1024).fill(0x20));
    },
  });
  return { body, sent: () => sent };
}

describe('serveWaas on node:http', () => {
  const source = new MemorySource();
  for (let n = 1; n <= 5; n++) source.publish(flow(n));
  const logs: WaasLogEvent[] = [];
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const handler = createWaasHandler({
      source, voucher: stubVoucher(), ente: { codice: 'A944', denominazione: 'Comune di Bologna' },
      basePath: '/waas/v1/A944', maxBodyBytes: MAX, logger: (e) => logs.push(e),
    });
    server = await serveWaas(handler, { port: 0, maxBodyBytes: MAX, requestTimeoutMs: 5000, headersTimeoutMs: 2000 });
    base = `http://127.0.0.1:${portOf(server)}/waas/v1/A944`;
  });
  afterAll(() => close(server));

  it('listens on 127.0.0.1 with the given timeouts', () => {
    expect((server.address() as AddressInfo).address).toBe('127.0.0.1');
    expect(server.requestTimeout).toBe(5000);
    expect(server.headersTimeout).toBe(2000);
  });

  it('GET /status without a voucher; HEAD /status without a body', async () => {
    const r = await fetch(`${base}/status`);
    expect(await expectConformant(r, 'healthCheck')).toEqual({ status: 200, title: 'OK' });
    const head = await fetch(`${base}/status`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('GET /flussi pages through every flow, then the empty list', async () => {
    const ids: string[] = [];
    let since = 0;
    for (;;) {
      const r = await fetch(`${base}/flussi?since=${since}&limit=2`, { headers: AUTH });
      expect(r.status).toBe(200);
      expect(r.headers.get('x-ratelimit-limit')).toBe('600');
      const body = (await expectConformant(r, 'Flussi')) as { elenco_flussi: { id_flusso: string; ts_flusso: string }[] };
      if (body.elenco_flussi.length === 0) break;
      ids.push(...body.elenco_flussi.map((e) => e.id_flusso));
      since = Date.parse(body.elenco_flussi.at(-1)?.ts_flusso ?? '');
    }
    expect(ids).toEqual([1, 2, 3, 4, 5].map((n) => flow(n).idFlusso));
  });

  it('401 with WWW-Authenticate over the wire', async () => {
    const r = await fetch(`${base}/flussi?since=0`);
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    await expectConformant(r, 'Flussi');
  });

  it('POST /esiti → 204; the redelivery → 204 recorded once', async () => {
    const f = flow(1);
    const body = JSON.stringify({
      elenco_esiti: [{ id_flusso: f.idFlusso, tipo: f.tipo, ts_flusso: new Date(f.tsFlusso).toISOString(), ts_acquisizione: '2025-06-04T08:00:00Z', codice_esito: 'OK', id_acquisizione_siuss: '1' }],
    });
    for (let i = 0; i < 2; i++) {
      const r = await fetch(`${base}/esiti`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body });
      expect(r.status).toBe(204);
      await expectConformant(r, 'NotificaEsiti');
    }
    expect(source.esiti.size).toBe(1);
    expect(logs.filter((l) => l.event === 'esito').map((l) => l.outcome)).toEqual(['duplicate']);
  });

  it('413 when Content-Length is over the limit', async () => {
    const r = await fetch(`${base}/esiti`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: 'x'.repeat(MAX + 1) });
    expect(r.status).toBe(413);
    expect(r.headers.get('connection')).toBe('close');
    await expectConformant(r, 'NotificaEsiti');
  });

  it('413 on a streamed body (chunked, no Content-Length) without reading it all', async () => {
    const { body, sent: bytesSent } = endlessBody();
    const before = source.calls.length;
    const r = await fetch(`${base}/esiti`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body, duplex: 'half' });
    expect(r.status).toBe(413);
    await expectConformant(r, 'NotificaEsiti');
    expect(bytesSent()).toBeLessThan(64 * 1024 * 1024); // socket buffers only: the server never drains the rest
    expect(source.calls.length).toBe(before);
    expect(logs.filter((l) => l.event === 'request' && l.status === 413).length).toBeGreaterThanOrEqual(1);
  });

  it('the request target is read on a fixed origin: the Host header and X-Forwarded-* change nothing', async () => {
    const response = await raw(portOf(server), 'GET //waas/v1/A944/status HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n');
    expect(response).toMatch(/^HTTP\/1\.1 404 /);
    const ok = await raw(portOf(server), 'GET http://evil.example/waas/v1/A944/status HTTP/1.1\r\nHost: evil.example\r\nX-Forwarded-For: 10.0.0.1\r\nX-Forwarded-Proto: https\r\nConnection: close\r\n\r\n');
    expect(ok).toMatch(/^HTTP\/1\.1 200 /);
    expect(ok.toLowerCase()).toContain('content-type: application/problem+json');
  });

  it('a refused request with a body still arriving: 401 and the connection closed, the body not drained', async () => {
    const { body, sent: bytesSent } = endlessBody();
    const r = await fetch(`${base}/esiti`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' });
    expect(r.status).toBe(401);
    expect(r.headers.get('connection')).toBe('close');
    await expectConformant(r, 'NotificaEsiti');
    expect(bytesSent()).toBeLessThan(64 * 1024 * 1024); // socket buffers only: the server never drains the rest
  });
});

describe('createNodeListener and serveWaas options', () => {
  it('a body stream cut by the listener fails with WAAS_BODY_TOO_LARGE', async () => {
    let seen: unknown;
    const handler = async (request: Request): Promise<Response> => {
      try {
        await request.arrayBuffer();
      } catch (e) {
        seen = e;
      }
      return new Response(null, { status: 204 });
    };
    const server = await serveWaas(handler, { port: 0, maxBodyBytes: 10 });
    try {
      const r = await fetch(`http://127.0.0.1:${portOf(server)}/x`, { method: 'POST', body: new ReadableStream({ start: (c) => { c.enqueue(new Uint8Array(20)); c.close(); } }), duplex: 'half' });
      expect(r.status).toBe(204);
      // undici may wrap the stream error; its cause or itself carries the code.
      const code = (seen as { code?: string }).code ?? ((seen as { cause?: { code?: string } }).cause?.code);
      expect(code).toBe(WAAS_BODY_TOO_LARGE);
    } finally {
      await close(server);
    }
  });

  it('a handler that throws anyway → 500 problem', async () => {
    const server = await serveWaas(async () => {
      throw new Error('boom');
    }, { port: 0 });
    try {
      const r = await fetch(`http://127.0.0.1:${portOf(server)}/status`);
      expect(r.status).toBe(500);
      expect(r.headers.get('content-type')).toBe('application/problem+json');
      expect(await r.text()).not.toContain('boom');
    } finally {
      await close(server);
    }
  });

  it('invalid options → TypeError; a port in use → rejection', async () => {
    const handler = async (): Promise<Response> => new Response(null, { status: 204 });
    await expect(serveWaas(handler, { port: -1 })).rejects.toThrow(TypeError);
    await expect(serveWaas(handler, { port: 0, requestTimeoutMs: 1000, headersTimeoutMs: 2000 })).rejects.toThrow(/headersTimeoutMs/);
    expect(() => createNodeListener(handler, { maxBodyBytes: 0 })).toThrow(TypeError);
    const first = await serveWaas(handler, { port: 0 });
    try {
      await expect(serveWaas(handler, { port: portOf(first) })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await close(first);
    }
  });
});

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('serveWaas on node:https', () => {
  it.skipIf(!hasOpenssl)('serves /status and /flussi over TLS with a self-signed certificate (skipped without openssl)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'waas-tls-'));
    try {
      execFileSync('openssl', [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
        '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      ], { stdio: 'ignore' });
      const key = readFileSync(join(dir, 'key.pem'));
      const cert = readFileSync(join(dir, 'cert.pem'));
      const source = new MemorySource();
      source.publish(flow(1));
      const handler = createWaasHandler({ source, voucher: stubVoucher(), ente: { codice: 'A944', denominazione: 'Comune di Bologna' }, logger: () => undefined });
      const server = await serveWaas(handler, { port: 0, https: { key, cert, minVersion: 'TLSv1.2' } });
      try {
        // fetch cannot be given a CA without undici's Agent: node:https with the certificate as CA.
        const get = (path: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string | undefined; body: string }> =>
          new Promise((resolve, reject) => {
            const req = httpsRequest({ host: '127.0.0.1', port: portOf(server), path, ca: cert, headers }, (res) => {
              let body = '';
              res.setEncoding('utf8');
              res.on('data', (d: string) => {
                body += d;
              });
              res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
            });
            req.on('error', reject);
            req.end();
          });
        const status = await get('/status');
        expect(status).toEqual({ status: 200, type: 'application/problem+json', body: '{"status":200,"title":"OK"}' });
        const flussi = await get('/flussi?since=0', AUTH);
        expect(flussi.status).toBe(200);
        const entries = (JSON.parse(flussi.body) as { elenco_flussi: { id_flusso: string }[] }).elenco_flussi;
        expect(entries.map((e) => e.id_flusso)).toEqual([flow(1).idFlusso]);
        await expectConformant(new Response(flussi.body, { status: 200, headers: { 'content-type': flussi.type ?? '' } }), 'Flussi');
        // An untrusted certificate is refused by a client without the CA.
        await expect(new Promise((resolve, reject) => {
          const req = httpsRequest({ host: '127.0.0.1', port: portOf(server), path: '/status' }, resolve);
          req.on('error', reject);
          req.end();
        })).rejects.toThrow(/self[- ]signed/i);
      } finally {
        await close(server);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
