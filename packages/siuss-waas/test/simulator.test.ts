// SPDX-License-Identifier: BSD-3-Clause
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  buildFlussiResponse, buildWaasEntry, parseEsitiBody, parseFlow, splitForCooperazione,
  type PsPsaSinaFlow, type WaasEsito, type WaasFlussoEntry,
} from '@riuso-sociale/siuss-schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedDir, sharedFile } from '../../../test/support/shared-dir.js';
import { createTestAuthority, simulateInps } from '../src/testing/index.js';
import { createVoucherVerifier } from '../src/voucher.js';

const T0 = Date.UTC(2025, 5, 3, 8, 0, 0);
const TS_ACQ = Date.UTC(2025, 5, 4, 6, 0, 0);
const MULTI = 'inps-waas-ps_psa_sina-multi-prestazioni.xml';

/** A tiny WaaS endpoint written for these tests: fixed entries, the esiti it receives recorded. */
interface TinyEndpoint {
  readonly handler: (req: Request) => Promise<Response>;
  readonly posted: WaasEsito[][];
  readonly queries: { since: string | null; limit: string | null }[];
  readonly authorizations: (string | null)[];
}

function tinyEndpoint(entries: readonly WaasFlussoEntry[], answers: { flussi?: number; esiti?: number } = {}): TinyEndpoint {
  const posted: WaasEsito[][] = [];
  const queries: { since: string | null; limit: string | null }[] = [];
  const authorizations: (string | null)[] = [];
  const problem = (status: number): Response =>
    new Response(JSON.stringify({ status, title: 'Internal Server Error' }), { status, headers: { 'content-type': 'application/problem+json' } });
  const handler = async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    authorizations.push(req.headers.get('authorization'));
    if (req.method === 'GET' && url.pathname.endsWith('/flussi')) {
      queries.push({ since: url.searchParams.get('since'), limit: url.searchParams.get('limit') });
      if (answers.flussi !== undefined) return problem(answers.flussi);
      const r = buildFlussiResponse(entries, { since: url.searchParams.get('since') ?? '', limit: url.searchParams.get('limit') ?? undefined });
      if (!r.ok) return problem(400);
      return Response.json(r.value);
    }
    if (req.method === 'POST' && url.pathname.endsWith('/esiti')) {
      const body = parseEsitiBody(await req.text());
      if (!body.ok) return problem(400);
      posted.push([...body.value.body.elenco_esiti]);
      return answers.esiti === undefined ? new Response(null, { status: 204 }) : problem(answers.esiti);
    }
    return problem(404);
  };
  return { handler, posted, queries, authorizations };
}

/** A handler serving fixed pages, one per call (for cursor-contract violations). */
function pagesEndpoint(pages: readonly (readonly WaasFlussoEntry[])[]): { handler: (req: Request) => Promise<Response>; since: string[] } {
  const since: string[] = [];
  let call = 0;
  const handler = async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    if (url.pathname.endsWith('/esiti')) return new Response(null, { status: 204 });
    since.push(url.searchParams.get('since') ?? '');
    return Response.json({ elenco_flussi: pages[call++] ?? [] });
  };
  return { handler, since };
}

describe.skipIf(sharedDir() === null)('simulateInps (INPS WaaS sample flows)', () => {
  let parts: readonly PsPsaSinaFlow[];
  let multiXml: Buffer;
  /** `n` valid entries (one beneficiary, one prestazione each), ts_flusso one second apart. */
  function entries(n: number, start = 1): WaasFlussoEntry[] {
    return Array.from({ length: n }, (_, i) => {
      const part = parts[i % parts.length] as PsPsaSinaFlow;
      const nome = `H501.PS.20250603.${String(start + i).padStart(7, '0')}`;
      const flow: PsPsaSinaFlow = { ...part, IdentificazioneFlusso: { ...part.IdentificazioneFlusso, Nome: nome } };
      const r = buildWaasEntry(flow, { tsFlusso: T0 + (start + i) * 1000, denominazioneEnte: 'Comune di Roma' });
      if (!r.ok) throw new Error(r.issues.map((x) => `${x.code}: ${x.message}`).join('; '));
      return r.value.entry;
    });
  }

  beforeAll(() => {
    multiXml = readFileSync(sharedFile('data', 'siuss', 'samples', MULTI));
    const flow = parseFlow(multiXml);
    if (flow.kind !== 'PS_PSA_SINA') throw new Error('PS-PSA-SINA sample expected');
    const split = splitForCooperazione(flow, { startProgressivo: 1, date: '2025-06-03' });
    if (!split.ok) throw new Error(split.issues[0].message);
    parts = split.value;
  });

  it('the sample splits into one flow per prestazione', () => {
    expect(parts).toHaveLength(3);
  });

  it('pulls every page, moving since to the last ts_flusso, and stops on an empty page', async () => {
    const all = entries(25);
    const endpoint = tinyEndpoint(all);
    const report = await simulateInps({ fetch: endpoint.handler, voucher: 'test-voucher', limit: 10, tsAcquisizione: () => TS_ACQ });
    expect(report.errors).toEqual([]);
    expect(report.pages).toBe(4); // 10 + 10 + 5 + the empty page
    expect(endpoint.queries).toEqual([
      { since: '0', limit: '10' },
      { since: String(T0 + 10_000), limit: '10' },
      { since: String(T0 + 20_000), limit: '10' },
      { since: String(T0 + 25_000), limit: '10' },
    ]);
    expect(report.since).toBe(T0 + 25_000);
    expect(report.flows.map((f) => f.entry.id_flusso)).toEqual(all.map((e) => e.id_flusso));
    expect(report.flows.every((f) => f.flow !== undefined && f.esito?.codice_esito === 'OK')).toBe(true);
    expect(endpoint.authorizations.every((a) => a === 'Bearer test-voucher')).toBe(true);
    // The esiti: one per flow, OK with a generated id_acquisizione_siuss, ts_acquisizione injected.
    expect(report.esitiPosted).toBe(25);
    const esiti = endpoint.posted.flat();
    expect(esiti).toHaveLength(25);
    expect(esiti[0]).toEqual({
      id_flusso: all[0]?.id_flusso, tipo: 'PS_PSA_SINA', ts_flusso: all[0]?.ts_flusso, ts_acquisizione: new Date(TS_ACQ).toISOString(),
      codice_esito: 'OK', id_acquisizione_siuss: expect.any(String),
    });
    expect(new Set(esiti.map((e) => e.id_acquisizione_siuss)).size).toBe(25);
  });

  it('resumes from a given since', async () => {
    const endpoint = tinyEndpoint(entries(5));
    const report = await simulateInps({ fetch: endpoint.handler, voucher: 'v', since: T0 + 3000, postEsiti: false });
    expect(report.flows).toHaveLength(2);
    expect(endpoint.queries[0]).toEqual({ since: String(T0 + 3000), limit: '100' });
    expect(report.esitiPosted).toBe(0);
    expect(endpoint.posted).toEqual([]);
    expect(report.flows.every((f) => f.esito !== undefined)).toBe(true); // decided, not posted
  });

  it('posts the esiti in batches of at most 100', async () => {
    const endpoint = tinyEndpoint(entries(250));
    const report = await simulateInps({ fetch: endpoint.handler, voucher: 'v', tsAcquisizione: () => TS_ACQ });
    expect(report.errors).toEqual([]);
    expect(report.pages).toBe(4);
    expect(endpoint.posted.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(report.esitiPosted).toBe(250);
  });

  it('lets decide choose the esiti, or none', async () => {
    const endpoint = tinyEndpoint(entries(4));
    const report = await simulateInps({
      fetch: endpoint.handler, voucher: 'v',
      decide: (entry) => (entry.id_flusso.endsWith('1') ? null : { codiceEsito: 'DATI_NON_TROVATI', descrizioneEsito: 'Beneficiario sconosciuto' }),
    });
    expect(report.esitiPosted).toBe(3);
    expect(endpoint.posted.flat().map((e) => e.codice_esito)).toEqual(['DATI_NON_TROVATI', 'DATI_NON_TROVATI', 'DATI_NON_TROVATI']);
    expect(report.flows[0]?.esito).toBeUndefined();
  });

  it('answers RICHIESTA_INVALIDA to a flow with several prestazioni (the cooperazione rule)', async () => {
    const [valid] = entries(1);
    if (valid === undefined) throw new Error('no entry');
    const invalid: WaasFlussoEntry = {
      ...valid, id_flusso: 'H501.PS.20210520.0000002', ts_flusso: new Date(T0 + 60_000).toISOString(), flusso: multiXml.toString('base64'),
    };
    const endpoint = tinyEndpoint([valid, invalid]);
    const report = await simulateInps({ fetch: endpoint.handler, voucher: 'v' });
    expect(report.errors).toEqual([]);
    const [, bad] = report.flows;
    expect(bad?.flow).toBeUndefined();
    expect(bad?.issues[0]?.code).toBe('siuss.waas.cooperazione');
    expect(bad?.esito).toMatchObject({ codice_esito: 'RICHIESTA_INVALIDA', descrizione_esito: expect.stringContaining('beneficiario') });
    expect(bad?.esito).not.toHaveProperty('id_acquisizione_siuss');
  });

  it('reports a repeated ts_flusso across pages (the cursor contract)', async () => {
    const [a, b, c] = entries(3);
    if (a === undefined || b === undefined || c === undefined) throw new Error('entries');
    const sameTs: WaasFlussoEntry = { ...c, ts_flusso: b.ts_flusso }; // another flow, the ts of b
    const endpoint = pagesEndpoint([[a, b], [sameTs], []]);
    const report = await simulateInps({ fetch: endpoint.handler, voucher: 'v' });
    expect(report.errors.some((e) => e.includes('ripetuto') && e.includes(b.ts_flusso) && e.includes('repeated ts_flusso'))).toBe(true);
    // The cursor did not move past b: the run stops rather than loop.
    expect(report.errors.some((e) => e.includes('cursor does not move'))).toBe(true);
    expect(endpoint.since).toEqual(['0', String(Date.parse(b.ts_flusso))]);
  });

  it('reports an out-of-order ts_flusso and a repeated id_flusso', async () => {
    const [a, b, c, d] = entries(4);
    if (a === undefined || b === undefined || c === undefined || d === undefined) throw new Error('entries');
    const older: WaasFlussoEntry = { ...d, ts_flusso: a.ts_flusso.replace(/\.\d{3}Z$/, '.500Z') }; // between a and b, served after b
    const again: WaasFlussoEntry = { ...a, ts_flusso: new Date(T0 + 90_000).toISOString() }; // a's id_flusso, newer ts
    const endpoint = pagesEndpoint([[a, b], [older, c], [again], []]);
    const report = await simulateInps({ fetch: endpoint.handler, voucher: 'v' });
    expect(report.errors.some((e) => e.includes('out of order') && e.includes(d.id_flusso))).toBe(true);
    expect(report.errors.some((e) => e.includes(`repeated id_flusso ${a.id_flusso}`))).toBe(true);
    expect(report.errors).toHaveLength(2);
    expect(report.since).toBe(T0 + 90_000);
    expect(report.flows).toHaveLength(5);
  });

  it('reports a 500 on GET /flussi and stops', async () => {
    const endpoint = tinyEndpoint(entries(3), { flussi: 500 });
    const report = await simulateInps({ fetch: endpoint.handler, voucher: 'v' });
    expect(report).toMatchObject({ pages: 1, flows: [], esitiPosted: 0, since: 0 });
    expect(report.errors).toEqual([expect.stringContaining('HTTP 500')]);
  });

  it('reports a 500 on POST /esiti (INPS would retry), without throwing', async () => {
    const endpoint = tinyEndpoint(entries(3), { esiti: 500 });
    const report = await simulateInps({ fetch: endpoint.handler, voucher: 'v' });
    expect(report.flows).toHaveLength(3);
    expect(report.esitiPosted).toBe(0);
    expect(report.errors).toEqual([expect.stringMatching(/POST \/esiti.*HTTP 500/)]);
  });

  it('reports a body that does not match the OpenAPI, a network failure and a failing voucher', async () => {
    const extra = await simulateInps({ fetch: async () => Response.json({ elenco_flussi: [], extra: 1 }), voucher: 'v' });
    expect(extra.errors).toEqual([expect.stringContaining('siuss.waas.json.unknown_property')]);
    const notJson = await simulateInps({ fetch: async () => new Response('<html>', { status: 200 }), voucher: 'v' });
    expect(notJson.errors).toEqual([expect.stringContaining('siuss.waas.json.syntax')]);
    const network = await simulateInps({ fetch: async () => { throw new TypeError('fetch failed'); }, voucher: 'v' });
    expect(network.errors).toEqual([expect.stringContaining('fetch failed')]);
    const voucher = await simulateInps({ fetch: async () => Response.json({ elenco_flussi: [] }), voucher: async () => { throw new Error('no PDND'); } });
    expect(voucher.errors).toEqual([expect.stringContaining('no PDND')]);
  });

  it('stops after maxPages with an error (bounded)', async () => {
    let n = 0;
    const endless = async (): Promise<Response> => {
      n++;
      return Response.json({ elenco_flussi: entries(1, n) });
    };
    const report = await simulateInps({ fetch: endless, voucher: 'v', maxPages: 5, postEsiti: false });
    expect(report.pages).toBe(5);
    expect(report.errors).toEqual([expect.stringContaining('maxPages')]);
  });

  it('over HTTP with a real voucher: the endpoint verifies every request', async () => {
    const authority = await createTestAuthority();
    const verifier = createVoucherVerifier(authority.verifierOptions());
    const endpoint = tinyEndpoint(entries(12));
    let refused = 0;
    const server = createServer((req, res) => {
      void (async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const check = await verifier.verify(req.headers.authorization ?? null);
        if (!check.ok) {
          refused++;
          res.writeHead(check.status).end();
          return;
        }
        const body = chunks.length > 0 ? Buffer.concat(chunks).toString('utf8') : undefined;
        const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, { method: req.method ?? 'GET', ...(body !== undefined ? { body } : {}) });
        const response = await endpoint.handler(request);
        res.writeHead(response.status, Object.fromEntries(response.headers)).end(Buffer.from(await response.arrayBuffer()));
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const baseUrl = `http://127.0.0.1:${port}/waas/v1/`;
      const report = await simulateInps({ baseUrl, voucher: () => authority.issue(), limit: 5 });
      expect(report.errors).toEqual([]);
      expect(report.flows).toHaveLength(12);
      expect(report.esitiPosted).toBe(12);
      expect(refused).toBe(0);
      const stranger = await simulateInps({ baseUrl, voucher: () => authority.issue({ client_id: 'x', sub: 'x' }) });
      expect(stranger.errors).toEqual([expect.stringContaining('HTTP 403')]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('simulateInps: misuse of the options throws a TypeError', () => {
  const fetch = async (): Promise<Response> => Response.json({ elenco_flussi: [] });
  it.each([
    ['neither baseUrl nor fetch', { voucher: 'v' }],
    ['a baseUrl that is not a URL', { baseUrl: 'not a url', voucher: 'v' }],
    ['a ftp: baseUrl', { baseUrl: 'ftp://x.invalid/waas', voucher: 'v' }],
    ['an empty voucher', { fetch, voucher: '' }],
    ['limit 101', { fetch, voucher: 'v', limit: 101 }],
    ['a negative since', { fetch, voucher: 'v', since: -1 }],
    ['maxPages 0', { fetch, voucher: 'v', maxPages: 0 }],
    ['decide not a function', { fetch, voucher: 'v', decide: 'OK' }],
  ])('%s', async (_name, options) => {
    await expect(simulateInps(options as unknown as Parameters<typeof simulateInps>[0])).rejects.toThrow(TypeError);
  });

  it('an empty first page ends the run at once', async () => {
    const report = await simulateInps({ fetch, voucher: 'v' });
    expect(report).toEqual({ pages: 1, flows: [], esitiPosted: 0, errors: [], since: 0 });
  });
});
