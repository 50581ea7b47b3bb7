// SPDX-License-Identifier: BSD-3-Clause
/**
 * createWaasHandler on the Fetch API: every operation and error status of waas-pdnd.md §3–§4, each
 * response checked against the INPS OpenAPI (test/support/openapi.ts), with an in-memory source and a
 * voucher stub (the real verifier has its own tests).
 */
import { createIssue, fail, ok } from '@riuso-sociale/core';
import { describe, expect, it } from 'vitest';
import { createWaasHandler, WAAS_BODY_TOO_LARGE, type WaasFetchHandler, type WaasHandlerOptions } from '../src/handler.js';
import { problemBody, statusPhrase } from '../src/problem.js';
import { createRateLimiter } from '../src/rate-limit.js';
import type { WaasFlow, WaasLogEvent, WaasSource } from '../src/types.js';
import { FORBIDDEN_TOKEN, MemorySource, stubVoucher, TEST_CALLER, TEST_TOKEN } from './support/memory-source.js';
import { expectConformant } from './support/openapi.js';

const ORIGIN = 'https://comune.example';
const ENTE = { codice: 'A944', denominazione: 'Comune di Bologna' } as const;
const AUTH = { authorization: `Bearer ${TEST_TOKEN}` };
const T0 = Date.UTC(2025, 5, 3, 8, 0, 0, 0);
/** A descrizione_esito that must never reach a log line. */
const SECRET_DESCRIZIONE = 'Beneficiario ROSSI MARIO RSSMRA80A01H501U non trovato';

function flow(n: number, overrides: Partial<WaasFlow> = {}): WaasFlow {
  return {
    idFlusso: `A944.PS.20250603.${String(n).padStart(7, '0')}`,
    tsFlusso: T0 + n * 1000 + 123,
    tipo: 'PS_PSA_SINA',
    xml: `<?xml version="1.0" encoding="UTF-8"?><Flusso n="${n}">Città di Bologna — àèìòù €</Flusso>`,
    ...overrides,
  };
}

interface Setup {
  readonly handler: WaasFetchHandler;
  readonly source: MemorySource;
  readonly logs: WaasLogEvent[];
  readonly clock: { now: number };
}

function setup(options: Partial<WaasHandlerOptions> & { flows?: number } = {}): Setup {
  const source = new MemorySource();
  for (let n = 1; n <= (options.flows ?? 0); n++) source.publish(flow(n));
  const logs: WaasLogEvent[] = [];
  const clock = { now: T0 };
  const handler = createWaasHandler({
    source,
    ente: ENTE,
    voucher: stubVoucher(),
    logger: (e) => logs.push(e),
    now: () => new Date(clock.now),
    ...options,
  });
  return { handler, source, logs, clock };
}

function get(path: string, headers: Record<string, string> = AUTH, method = 'GET'): Request {
  return new Request(`${ORIGIN}${path}`, { method, headers });
}

function post(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { ...AUTH, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

interface Entry {
  codice_ente: string;
  denominazione_ente: string;
  id_flusso: string;
  tipo: string;
  ts_flusso: string;
  flusso: string;
}

async function flussiOf(response: Response): Promise<Entry[]> {
  expect(response.status).toBe(200);
  const body = (await expectConformant(response, 'Flussi')) as { elenco_flussi: Entry[] };
  return body.elenco_flussi;
}

function esito(f: WaasFlow, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id_flusso: f.idFlusso,
    tipo: f.tipo,
    ts_flusso: new Date(f.tsFlusso).toISOString(),
    ts_acquisizione: '2025-06-04T08:00:00.000Z',
    codice_esito: 'OK',
    id_acquisizione_siuss: `ACQ-${f.idFlusso.slice(-3)}`,
    ...extra,
  };
}

function decode(base64: string): string {
  return new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
}

function assertNoSecrets(logs: readonly WaasLogEvent[]): void {
  for (const line of logs) {
    const text = JSON.stringify(line);
    expect(text).not.toContain(TEST_TOKEN);
    expect(text).not.toContain(FORBIDDEN_TOKEN);
    expect(text).not.toContain('Bearer');
    expect(text).not.toContain('ROSSI');
    expect(text).not.toContain('RSSMRA80A01H501U');
  }
}

describe('the conformance helper can fail', () => {
  const problem = (body: unknown, status: number, headers: Record<string, string> = {}): Response =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json', ...headers } });
  const json = (body: unknown): Response => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

  it('accepts what the OpenAPI allows', async () => {
    await expectConformant(problem({ status: 200, title: 'OK' }, 200), 'healthCheck');
    await expectConformant(problem(problemBody(401, { it: 'x', en: 'y' }), 401), 'Flussi');
    await expectConformant(json({ elenco_flussi: [] }), 'Flussi');
    await expectConformant(new Response(null, { status: 204 }), 'NotificaEsiti');
  });

  it('refuses a Problem with an extension member (additionalProperties: false)', async () => {
    await expect(expectConformant(problem({ status: 400, title: 'Bad Request', code: 'x' }, 400), 'Flussi')).rejects.toThrow(/does not match/);
  });

  it('refuses status 600 (exclusiveMaximum: true of OpenAPI 3.0) and a non-URI instance', async () => {
    await expect(expectConformant(problem({ status: 600 }, 200), 'healthCheck')).rejects.toThrow(/does not match/);
    await expect(expectConformant(problem({ status: 599 }, 200), 'healthCheck')).resolves.toBeDefined();
    await expect(expectConformant(problem({ instance: 'not a uri' }, 404), 'Flussi')).rejects.toThrow(/does not match/);
  });

  it('refuses bad flows: codice_ente, ts_flusso date-time, flusso base64, extra property, 101 entries', async () => {
    const entry = { codice_ente: 'A944', denominazione_ente: 'x', id_flusso: 'A944.PS.20250603.0000001', tipo: 'SINBA', ts_flusso: '2025-06-03T08:00:00.000Z', flusso: 'PEZsdXNzby8+' };
    await expectConformant(json({ elenco_flussi: [entry] }), 'Flussi');
    for (const bad of [{ codice_ente: 'a944' }, { ts_flusso: 'yesterday' }, { flusso: 'abc' }, { extra: 1 }, { tipo: 'PS' }, { denominazione_ente: 'x'.repeat(257) }]) {
      await expect(expectConformant(json({ elenco_flussi: [{ ...entry, ...bad }] }), 'Flussi'), JSON.stringify(bad)).rejects.toThrow(/does not match/);
    }
    await expect(expectConformant(json({ elenco_flussi: Array.from({ length: 101 }, () => entry) }), 'Flussi')).rejects.toThrow(/does not match/);
  });

  it('refuses a wrong media type, a body on 204 and an undeclared status', async () => {
    await expect(expectConformant(new Response('{"status":404}', { status: 404, headers: { 'content-type': 'application/json' } }), 'Flussi')).rejects.toThrow(/content type/);
    await expect(expectConformant(new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } }), 'NotificaEsiti')).rejects.toThrow();
    await expect(expectConformant(new Response('{}', { status: 201, headers: { 'content-type': 'application/json' } }), 'Flussi')).rejects.toThrow(/not declared/);
  });

  it('requires Retry-After and X-RateLimit-* within their ranges on 429 and Retry-After on 503', async () => {
    const rl = { 'retry-after': '10', 'x-ratelimit-limit': '600', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '10' };
    await expectConformant(problem({ status: 429 }, 429, rl), 'Flussi');
    await expect(expectConformant(problem({ status: 429 }, 429, { ...rl, 'retry-after': '3601' }), 'Flussi')).rejects.toThrow(/headers/);
    await expect(expectConformant(problem({ status: 429 }, 429, { ...rl, 'x-ratelimit-limit': '100001' }), 'Flussi')).rejects.toThrow(/headers/);
    await expect(expectConformant(problem({ status: 429 }, 429, { 'retry-after': '10' }), 'NotificaEsiti')).rejects.toThrow(/headers/);
    await expect(expectConformant(problem({ status: 503 }, 503), 'healthCheck')).rejects.toThrow(/headers/);
    await expect(expectConformant(problem({ status: 503 }, 503, { 'retry-after': 'soon' }), 'healthCheck')).rejects.toThrow(/headers/);
    await expectConformant(problem({ status: 503 }, 503, { 'retry-after': '30' }), 'healthCheck');
  });
});

describe('options', () => {
  const base = (): WaasHandlerOptions => ({ source: new MemorySource(), ente: ENTE, voucher: stubVoucher() });
  it.each([
    ['ente.codice', { ente: { codice: 'a944', denominazione: 'x' } }],
    ['ente.denominazione', { ente: { codice: 'A944', denominazione: '' } }],
    ['ente.denominazione', { ente: { codice: 'A944', denominazione: 'x'.repeat(257) } }],
    ['source', { source: {} as WaasSource }],
    ['voucher', { voucher: {} as never }],
    ['basePath', { basePath: '/waas/' }],
    ['basePath', { basePath: 'waas' }],
    ['basePath', { basePath: '/a b' }],
    ['maxBodyBytes', { maxBodyBytes: 0 }],
    ['rateLimit.requests', { rateLimit: { requests: 0, windowSec: 60 } }],
    ['rateLimit.requests', { rateLimit: { requests: 100_001, windowSec: 60 } }],
    ['rateLimit.windowSec', { rateLimit: { requests: 10, windowSec: 3601 } }],
    ['logger', { logger: 'stderr' as never }],
  ])('%s invalid → TypeError in both languages', (field, patch) => {
    expect(() => createWaasHandler({ ...base(), ...(patch as Partial<WaasHandlerOptions>) })).toThrow(TypeError);
    try {
      createWaasHandler({ ...base(), ...(patch as Partial<WaasHandlerOptions>) });
    } catch (e) {
      expect((e as Error).message).toContain(field);
      expect((e as Error).message).toMatch(/ \/ /);
    }
  });
  it('accepts rateLimit: false and a basePath', () => {
    expect(typeof createWaasHandler({ ...base(), rateLimit: false, basePath: '/waas/v1/A944' })).toBe('function');
  });
});

describe('GET /status', () => {
  it('200 application/problem+json { status: 200, title: OK } without a voucher', async () => {
    const { handler } = setup();
    const r = await handler(get('/status', {}));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    expect(await expectConformant(r, 'healthCheck')).toEqual({ status: 200, title: 'OK' });
  });

  it('503 with Retry-After and no internals when the source is down', async () => {
    const { handler, source, logs } = setup();
    source.unavailable = true;
    const r = await handler(get('/status', {}));
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('30');
    const body = (await expectConformant(r, 'healthCheck')) as Record<string, unknown>;
    expect(body.detail).not.toMatch(/store/);
    expect(logs.find((l) => l.event === 'status.down')).toMatchObject({ code: 'store.unavailable', instance: body.instance });
  });

  it('503 when ping throws', async () => {
    const source = new MemorySource();
    source.ping = async () => {
      throw new Error('connection refused 10.0.0.1:5432');
    };
    const { handler } = setup({ source });
    const r = await handler(get('/status', {}));
    expect(r.status).toBe(503);
    expect(await r.text()).not.toContain('10.0.0.1');
  });

  it('HEAD /status: the GET headers without a body', async () => {
    const { handler } = setup();
    const r = await handler(get('/status', {}, 'HEAD'));
    expect(r.status).toBe(200);
    expect(r.body).toBeNull();
  });
});

describe('routing', () => {
  it('404 problem on an unknown path (and on the resources without the base path)', async () => {
    const { handler } = setup({ basePath: '/waas/v1/A944' });
    for (const path of ['/nope', '/flussi', '/waas/v1/A944', '/waas/v1/A944/', '/waas/v1/A944/flussi/', '/waas/v1/A944/flussi/x', '/waas/v1/A9440/flussi']) {
      const r = await handler(get(path));
      expect(r.status, path).toBe(404);
      await expectConformant(r, 'Flussi');
    }
  });

  it.each([
    ['/flussi', 'POST', 'GET', 'Flussi'],
    ['/flussi', 'HEAD', 'GET', 'Flussi'],
    ['/flussi', 'DELETE', 'GET', 'Flussi'],
    ['/esiti', 'GET', 'POST', 'NotificaEsiti'],
    ['/esiti', 'PUT', 'POST', 'NotificaEsiti'],
    ['/status', 'POST', 'GET, HEAD', 'healthCheck'],
    ['/status', 'OPTIONS', 'GET, HEAD', 'healthCheck'],
  ] as const)('%s %s → 405 with Allow: %s', async (path, method, allow, op) => {
    const { handler, source } = setup();
    const r = await handler(get(path, AUTH, method));
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe(allow);
    if (method === 'HEAD') expect(r.body).toBeNull();
    else await expectConformant(r, op);
    expect(source.calls).toEqual([]);
  });
});

describe('voucher', () => {
  it.each([
    ['no Authorization', {}],
    ['an unknown token', { authorization: 'Bearer not-the-token' }],
    ['a Basic header', { authorization: 'Basic dXNlcjpwYXNz' }],
  ])('401 with WWW-Authenticate and one generic detail: %s', async (_label, headers) => {
    const { handler, source, logs } = setup({ flows: 1 });
    const r = await handler(get('/flussi?since=0', headers));
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    const body = (await expectConformant(r, 'Flussi')) as Record<string, string>;
    expect(body).toMatchObject({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Voucher PDND mancante o non valido / Missing or invalid PDND voucher' });
    expect(body.instance).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(source.calls).toEqual([]);
    const refused = logs.find((l) => l.event === 'voucher.refused');
    expect(refused).toMatchObject({ level: 'warn', status: 401, instance: body.instance });
    expect(['missing', 'bad-token']).toContain(refused?.reason);
    assertNoSecrets(logs);
  });

  it('403 for a valid voucher of a client not allowed, logged with its ids', async () => {
    const { handler, source, logs } = setup({ flows: 1 });
    const r = await handler(get('/flussi?since=0', { authorization: `Bearer ${FORBIDDEN_TOKEN}` }));
    expect(r.status).toBe(403);
    expect(r.headers.get('www-authenticate')).toBeNull();
    await expectConformant(r, 'Flussi');
    expect(source.calls).toEqual([]);
    expect(logs.find((l) => l.event === 'voucher.refused')).toMatchObject({ status: 403, reason: 'client-not-allowed', clientId: 'client-other', purposeId: 'purpose-other', jti: 'jti-other' });
    assertNoSecrets(logs);
  });

  it('POST /esiti needs a voucher too (waas-pdnd.md §3.11 #6); the body is not read', async () => {
    const { handler, source } = setup({ flows: 1 });
    const r = await handler(post('/esiti', { elenco_esiti: [] }, { authorization: 'Bearer nope' }));
    expect(r.status).toBe(401);
    await expectConformant(r, 'NotificaEsiti');
    expect(source.calls).toEqual([]);
  });
});

describe('GET /flussi', () => {
  it('serves the flows after since with the six OpenAPI properties, base64 of the UTF-8 XML', async () => {
    const { handler, source } = setup({ flows: 3 });
    const entries = await flussiOf(await handler(get('/flussi?since=0')));
    expect(entries).toHaveLength(3);
    entries.forEach((e, i) => {
      const f = source.flows[i] as WaasFlow;
      expect(Object.keys(e).sort()).toEqual(['codice_ente', 'denominazione_ente', 'flusso', 'id_flusso', 'tipo', 'ts_flusso']);
      expect(e).toMatchObject({ codice_ente: 'A944', denominazione_ente: 'Comune di Bologna', id_flusso: f.idFlusso, tipo: f.tipo });
      expect(e.ts_flusso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(Date.parse(e.ts_flusso)).toBe(f.tsFlusso);
      expect(decode(e.flusso)).toBe(f.xml);
    });
    expect(source.calls[0]).toEqual({ method: 'listFlows', since: 0, limit: 10, caller: TEST_CALLER });
  });

  it('INPS paging: since = Date.parse(last ts_flusso) gets every flow exactly once, then the empty list', async () => {
    const { handler } = setup({ flows: 7 });
    const seen: string[] = [];
    let since = 0;
    for (let page = 0; page < 10; page++) {
      const entries = await flussiOf(await handler(get(`/flussi?since=${since}&limit=3`)));
      if (entries.length === 0) break;
      expect(entries.length).toBeLessThanOrEqual(3);
      seen.push(...entries.map((e) => e.id_flusso));
      since = Date.parse((entries.at(-1) as Entry).ts_flusso);
    }
    expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => flow(i + 1).idFlusso));
  });

  it('the empty list is 200 {"elenco_flussi":[]}, never 204/404 (waas-pdnd.md §3.5)', async () => {
    const { handler } = setup({ flows: 2 });
    const r = await handler(get(`/flussi?since=${flow(2).tsFlusso}`));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(await r.clone().text()).toBe('{"elenco_flussi":[]}');
    await expectConformant(r, 'Flussi');
  });

  it('limit: default 10, max_entries when limit is absent, limit wins over max_entries, unknown parameters ignored', async () => {
    const { handler, source } = setup({ flows: 12 });
    expect(await flussiOf(await handler(get('/flussi?since=0&foo=bar')))).toHaveLength(10);
    expect(await flussiOf(await handler(get('/flussi?since=0&max_entries=4')))).toHaveLength(4);
    expect(await flussiOf(await handler(get('/flussi?max_entries=4&since=0&limit=2')))).toHaveLength(2);
    expect(await flussiOf(await handler(get('/flussi?since=0&limit=100')))).toHaveLength(12);
    expect(source.calls.map((c) => (c.method === 'listFlows' ? c.limit : -1))).toEqual([10, 4, 2, 100]);
  });

  it('limit=0 → empty list without asking the source; since beyond MAX_SAFE_INTEGER (up to 10^20) → empty list', async () => {
    const { handler, source } = setup({ flows: 2 });
    expect(await flussiOf(await handler(get('/flussi?since=0&limit=0')))).toEqual([]);
    expect(await flussiOf(await handler(get('/flussi?since=9007199254740992')))).toEqual([]);
    expect(await flussiOf(await handler(get('/flussi?since=100000000000000000000')))).toEqual([]);
    expect(source.calls).toEqual([]);
    // Leading zeros are digits too.
    expect(await flussiOf(await handler(get('/flussi?since=000')))).toHaveLength(2);
  });

  it.each([
    ['since missing', '/flussi'],
    ['since empty', '/flussi?since='],
    ['since negative', '/flussi?since=-1'],
    ['since decimal', '/flussi?since=1.5'],
    ['since exponent', '/flussi?since=1e3'],
    ['since ISO date', '/flussi?since=2025-06-03T08:00:00Z'],
    ['since over 10^20', '/flussi?since=100000000000000000001'],
    ['since repeated', '/flussi?since=0&since=5'],
    ['limit over 100', '/flussi?since=0&limit=101'],
    ['limit negative', '/flussi?since=0&limit=-1'],
    ['limit not a number', '/flussi?since=0&limit=ten'],
    ['limit repeated', '/flussi?since=0&limit=1&limit=2'],
    ['max_entries invalid', '/flussi?since=0&max_entries=1000'],
  ])('400 problem: %s', async (_label, path) => {
    const { handler, source } = setup({ flows: 1 });
    const r = await handler(get(path));
    expect(r.status).toBe(400);
    const body = (await expectConformant(r, 'Flussi')) as Record<string, string>;
    expect(body.detail).toMatch(/ \/ /);
    expect(source.calls).toEqual([]);
  });

  it('the memory source refuses a tie at publication (waas-pdnd.md §3.4)', () => {
    const source = new MemorySource();
    source.publish(flow(1));
    expect(() => source.publish(flow(2, { tsFlusso: flow(1).tsFlusso }))).toThrow(RangeError);
    expect(() => source.publish(flow(2, { tsFlusso: flow(1).tsFlusso - 1 }))).toThrow(RangeError);
  });

  describe('a broken source is answered 500 and logged, never trimmed silently', () => {
    const cases: [string, (since: number) => readonly WaasFlow[], string][] = [
      ['two flows with the same ts_flusso', () => [flow(1), flow(2, { tsFlusso: flow(1).tsFlusso })], 'ts_flusso_duplicate'],
      ['out of order', () => [flow(2), flow(1)], 'ts_flusso_out_of_order'],
      ['a flow at since', (since) => [flow(1, { tsFlusso: since })], 'ts_flusso_not_after_since'],
      ['more than limit', () => [flow(1), flow(2), flow(3)], 'over_limit'],
      ['a non-integer ts', () => [flow(1, { tsFlusso: T0 + 0.5 })], 'ts_flusso'],
      ['a tipo outside the enum', () => [flow(1, { tipo: 'PS' as never })], 'tipo'],
      ['an id_flusso over 64 characters', () => [flow(1, { idFlusso: 'X'.repeat(65) })], 'id_flusso'],
    ];
    it.each(cases)('%s', async (_label, flows, rule) => {
      const source = new MemorySource();
      source.listFlows = async (query) => ok(flows(query.since));
      const { handler, logs } = setup({ source });
      const r = await handler(get(`/flussi?since=${T0}&limit=2`));
      expect(r.status).toBe(500);
      const body = (await expectConformant(r, 'Flussi')) as Record<string, string>;
      expect(logs.find((l) => l.event === 'source.invalid')).toMatchObject({ level: 'error', rule, instance: body.instance });
    });

    it('a flusso whose base64 exceeds 10 000 000 characters', async () => {
      const source = new MemorySource();
      source.publish(flow(1, { xml: 'x'.repeat(7_500_001) })); // base64: 10 000 004 characters
      const { handler, logs } = setup({ source });
      const r = await handler(get('/flussi?since=0'));
      expect(r.status).toBe(500);
      await expectConformant(r, 'Flussi');
      expect(logs.find((l) => l.event === 'source.invalid')).toMatchObject({ rule: 'flusso_too_large', id_flusso: flow(1).idFlusso, length: 10_000_004 });
    });

    it('a flusso of exactly 10 000 000 base64 characters is served', async () => {
      const source = new MemorySource();
      source.publish(flow(1, { xml: 'x'.repeat(7_500_000) }));
      const { handler } = setup({ source });
      const r = await handler(get('/flussi?since=0'));
      expect(r.status).toBe(200);
      // Not through expectConformant: the byte-format regex overflows Ajv's stack on 10 MB strings.
      const entries = ((await r.json()) as { elenco_flussi: Entry[] }).elenco_flussi;
      expect(entries).toHaveLength(1);
      expect(entries[0]?.flusso.length).toBe(10_000_000);
      expect(entries[0]?.flusso.slice(0, 8)).toBe(btoa('xxxxxx'));
    });
  });

  it('source unavailable → 503 with Retry-After; another failure → 500', async () => {
    const { handler, source, logs } = setup({ flows: 1 });
    source.unavailable = true;
    const r = await handler(get('/flussi?since=0'));
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('30');
    await expectConformant(r, 'Flussi');
    expect(logs.find((l) => l.event === 'source.failed')).toMatchObject({ level: 'warn', code: 'store.unavailable', operation: 'listFlows' });

    const broken = new MemorySource();
    broken.listFlows = async () => fail([createIssue('store.invalid', { it: 'x', en: 'x' })]);
    const r2 = await setup({ source: broken }).handler(get('/flussi?since=0'));
    expect(r2.status).toBe(500);
    expect(r2.headers.get('retry-after')).toBeNull();
    await expectConformant(r2, 'Flussi');
  });

  it('an exception inside the source → 500 problem, the stack logged, not returned', async () => {
    const source = new MemorySource();
    source.listFlows = async () => {
      throw new Error('relation "flusso" does not exist at 10.0.0.1');
    };
    const { handler, logs } = setup({ source });
    const r = await handler(get('/flussi?since=0'));
    expect(r.status).toBe(500);
    const text = await r.clone().text();
    expect(text).not.toContain('10.0.0.1');
    expect(text).not.toContain('relation');
    const body = (await expectConformant(r, 'Flussi')) as Record<string, string>;
    const logged = logs.find((l) => l.event === 'handler.error');
    expect(logged).toMatchObject({ level: 'error', instance: body.instance, error: 'Error' });
    expect(String(logged?.stack)).toContain('handler.test.ts');
  });
});

describe('POST /esiti', () => {
  it('records the esiti (the codice_siuss alias too) and answers 204 without a body', async () => {
    const { handler, source, logs } = setup({ flows: 2 });
    const [f1, f2] = source.flows as [WaasFlow, WaasFlow];
    const { id_acquisizione_siuss: _drop, ...withoutId } = esito(f2);
    const r = await handler(post('/esiti', { elenco_esiti: [esito(f1), { ...withoutId, codice_siuss: 'ALIAS-2', codice_ente: 'A944' }] }));
    expect(r.status).toBe(204);
    expect(await expectConformant(r, 'NotificaEsiti')).toBeNull();
    expect(source.esiti.get(f1.idFlusso)).toEqual({
      idFlusso: f1.idFlusso, tipo: 'PS_PSA_SINA', tsFlusso: f1.tsFlusso, tsAcquisizione: '2025-06-04T08:00:00.000Z', codice: 'OK', idAcquisizione: 'ACQ-001',
    });
    expect(source.esiti.get(f2.idFlusso)?.idAcquisizione).toBe('ALIAS-2');
    expect(source.calls.filter((c) => c.method === 'recordEsiti')).toEqual([{ method: 'recordEsiti', count: 2, caller: TEST_CALLER }]);
    expect(logs.find((l) => l.event === 'esiti')).toMatchObject({ received: 2, recorded: 2, duplicate: 0 });
    expect(logs.find((l) => l.event === 'esiti.warning' && l.code === 'siuss.waas.esito_alias')).toMatchObject({ count: 1 });
  });

  it('accepts application/json; charset=utf-8 (any case) and a UTF-8 BOM', async () => {
    const { handler, source } = setup({ flows: 1 });
    const f = source.flows[0] as WaasFlow;
    const r = await handler(post('/esiti', `\uFEFF${JSON.stringify({ elenco_esiti: [esito(f)] })}`, { 'content-type': 'Application/JSON; Charset="UTF-8"' }));
    expect(r.status).toBe(204);
    expect(source.esiti.size).toBe(1);
  });

  it('an esito that can never be processed is answered 204 and logged (no descrizione text)', async () => {
    const { handler, source, logs } = setup({ flows: 2 });
    const [f1, f2] = source.flows as [WaasFlow, WaasFlow];
    const ko = { codice_esito: 'RICHIESTA_INVALIDA', descrizione_esito: SECRET_DESCRIZIONE };
    const body = {
      elenco_esiti: [
        esito(f1, ko),
        esito(flow(99)), // unknown flow
        esito(f2, { ts_flusso: new Date(f2.tsFlusso + 1).toISOString() }), // mismatch
      ],
    };
    const r = await handler(post('/esiti', body));
    expect(r.status).toBe(204);
    expect(source.esiti.get(f1.idFlusso)?.descrizione).toBe(SECRET_DESCRIZIONE);
    // Redelivery of the first, then another final esito for it.
    expect((await handler(post('/esiti', { elenco_esiti: [esito(f1, ko)] }))).status).toBe(204);
    expect((await handler(post('/esiti', { elenco_esiti: [esito(f1)] }))).status).toBe(204);
    const outcomes = logs.filter((l) => l.event === 'esito').map((l) => [l.id_flusso, l.outcome, l.codice]);
    expect(outcomes).toEqual([
      [flow(99).idFlusso, 'unknown-flow', 'OK'],
      [f2.idFlusso, 'mismatch', 'OK'],
      [f1.idFlusso, 'duplicate', 'RICHIESTA_INVALIDA'],
      [f1.idFlusso, 'already-final', 'OK'],
    ]);
    expect(logs.filter((l) => l.event === 'esito').every((l) => l.level === 'warn')).toBe(true);
    assertNoSecrets(logs);
  });

  it('an empty elenco_esiti, or none, is 204 without calling the source', async () => {
    const { handler, source } = setup();
    for (const body of [{ elenco_esiti: [] }, {}]) {
      const r = await handler(post('/esiti', body));
      expect(r.status).toBe(204);
      await expectConformant(r, 'NotificaEsiti');
    }
    expect(source.calls).toEqual([]);
  });

  it('101 esiti → 400 naming the path and the rule', async () => {
    const { handler, source } = setup({ flows: 1 });
    const f = source.flows[0] as WaasFlow;
    const r = await handler(post('/esiti', { elenco_esiti: Array.from({ length: 101 }, () => esito(f)) }));
    expect(r.status).toBe(400);
    const body = (await expectConformant(r, 'NotificaEsiti')) as Record<string, string>;
    expect(body.detail).toContain('elenco_esiti');
    expect(body.detail).toContain('100');
    expect(source.calls).toEqual([]);
  });

  it('malformed JSON → 400', async () => {
    const { handler } = setup();
    const r = await handler(post('/esiti', '{"elenco_esiti": [ '));
    expect(r.status).toBe(400);
    const body = (await expectConformant(r, 'NotificaEsiti')) as Record<string, string>;
    expect(body.detail).toContain('JSON');
  });

  it('a schema violation → 400 whose detail names path and rule but never echoes a value', async () => {
    const { handler, source, logs } = setup({ flows: 1 });
    const f = source.flows[0] as WaasFlow;
    const cases: [unknown, string][] = [
      [{ elenco_esiti: [esito(f, { ts_flusso: SECRET_DESCRIZIONE })] }, 'elenco_esiti[0].ts_flusso'],
      [{ elenco_esiti: [esito(f, { codice_esito: SECRET_DESCRIZIONE })] }, 'elenco_esiti[0].codice_esito'],
      [{ elenco_esiti: [esito(f, { descrizione_esito: 42 })] }, 'elenco_esiti[0].descrizione_esito'],
      [{ elenco_esiti: [{ ...esito(f), id_flusso: undefined }] }, 'elenco_esiti[0].id_flusso'],
      [{ elenco_esiti: [], [SECRET_DESCRIZIONE]: 1 }, 'corpo'],
      [[SECRET_DESCRIZIONE], 'corpo'],
    ];
    for (const [payload, path] of cases) {
      const r = await handler(post('/esiti', payload));
      expect(r.status).toBe(400);
      const body = (await expectConformant(r, 'NotificaEsiti')) as Record<string, string>;
      expect(body.detail).toContain(path);
      expect(body.detail).not.toContain('ROSSI');
    }
    expect(source.calls).toEqual([]);
    assertNoSecrets(logs);
  });

  it.each([
    ['no Content-Type', undefined],
    ['text/plain', 'text/plain'],
    ['application/problem+json', 'application/problem+json'],
    ['application/jsonx', 'application/jsonx'],
    ['a non-UTF-8 charset', 'application/json; charset=iso-8859-1'],
  ])('415 for %s', async (_label, type) => {
    const { handler, source } = setup();
    const headers: Record<string, string> = { ...AUTH };
    if (type !== undefined) headers['content-type'] = type;
    const r = await handler(new Request(`${ORIGIN}/esiti`, { method: 'POST', headers, body: new Blob(['{"elenco_esiti":[]}']) }));
    expect(r.status).toBe(415);
    await expectConformant(r, 'NotificaEsiti');
    expect(source.calls).toEqual([]);
  });

  it('413 when Content-Length exceeds maxBodyBytes (the body unread)', async () => {
    const { handler, source } = setup({ maxBodyBytes: 100 });
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(1000));
      },
    });
    const r = await handler(new Request(`${ORIGIN}/esiti`, {
      method: 'POST', headers: { ...AUTH, 'content-type': 'application/json', 'content-length': '5000' }, body, duplex: 'half',
    }));
    expect(r.status).toBe(413);
    await expectConformant(r, 'NotificaEsiti');
    expect(pulled).toBeLessThanOrEqual(1); // a stream may pre-pull one chunk; the handler read none
    expect(source.calls).toEqual([]);
  });

  it('413 on a streamed body over maxBodyBytes, reading no more than the limit plus one chunk', async () => {
    const { handler, source } = setup({ maxBodyBytes: 10_000 });
    let bytes = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        bytes += 1024;
        c.enqueue(new TextEncoder().encode(' '.repeat(1024)));
      },
    });
    const r = await handler(new Request(`${ORIGIN}/esiti`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body, duplex: 'half' }));
    expect(r.status).toBe(413);
    await expectConformant(r, 'NotificaEsiti');
    expect(bytes).toBeLessThanOrEqual(10_000 + 2 * 1024);
    expect(source.calls).toEqual([]);
  });

  it('413 when an adapter cuts the body at its own limit (error code WAAS_BODY_TOO_LARGE); 400 on another read error', async () => {
    const { handler } = setup();
    const cut = (error: Error): ReadableStream<Uint8Array> => new ReadableStream({ start: (c) => c.error(error) });
    const request = (body: ReadableStream<Uint8Array>): Request =>
      new Request(`${ORIGIN}/esiti`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body, duplex: 'half' });
    const r = await handler(request(cut(Object.assign(new RangeError('too large'), { code: WAAS_BODY_TOO_LARGE }))));
    expect(r.status).toBe(413);
    await expectConformant(r, 'NotificaEsiti');
    const r2 = await handler(request(cut(new Error('socket hang up'))));
    expect(r2.status).toBe(400);
    await expectConformant(r2, 'NotificaEsiti');
  });

  it('400 on invalid UTF-8 and on an invalid Content-Length', async () => {
    const { handler } = setup();
    const r = await handler(new Request(`${ORIGIN}/esiti`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: new Uint8Array([0x7b, 0xff, 0x7d]) }));
    expect(r.status).toBe(400);
    expect(((await expectConformant(r, 'NotificaEsiti')) as Record<string, string>).detail).toContain('UTF-8');
    const r2 = await handler(post('/esiti', '{}', { 'content-length': '2x' }));
    expect(r2.status).toBe(400);
    expect(((await expectConformant(r2, 'NotificaEsiti')) as Record<string, string>).detail).toContain('Content-Length');
  });

  it('source unavailable → 503 + Retry-After and nothing recorded; redelivered → 204, recorded exactly once', async () => {
    const { handler, source, logs } = setup({ flows: 2 });
    const body = { elenco_esiti: source.flows.map((f) => esito(f)) };
    source.unavailable = true;
    const r = await handler(post('/esiti', body));
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('30');
    await expectConformant(r, 'NotificaEsiti');
    expect(source.esiti.size).toBe(0);
    expect(logs.find((l) => l.event === 'source.failed')).toMatchObject({ code: 'store.unavailable', operation: 'recordEsiti' });

    source.unavailable = false;
    expect((await handler(post('/esiti', body))).status).toBe(204);
    expect((await handler(post('/esiti', body))).status).toBe(204);
    expect(source.esiti.size).toBe(2);
    const summaries = logs.filter((l) => l.event === 'esiti');
    expect(summaries.map((s) => [s.recorded, s.duplicate])).toEqual([[2, 0], [0, 2]]);
  });

  it('another source failure → 500; outcomes that do not match the esiti → 500', async () => {
    const source = new MemorySource();
    source.publish(flow(1));
    source.recordEsiti = async () => fail([createIssue('store.conflict', { it: 'x', en: 'x' })]);
    const r = await setup({ source }).handler(post('/esiti', { elenco_esiti: [esito(flow(1))] }));
    expect(r.status).toBe(500);
    await expectConformant(r, 'NotificaEsiti');
    source.recordEsiti = async () => ok([]);
    const { handler, logs } = setup({ source });
    const r2 = await handler(post('/esiti', { elenco_esiti: [esito(flow(1))] }));
    expect(r2.status).toBe(500);
    await expectConformant(r2, 'NotificaEsiti');
    expect(logs.find((l) => l.event === 'source.invalid')).toMatchObject({ rule: 'outcomes', count: 0, expected: 1 });
  });
});

describe('rate limit', () => {
  it('429 with Retry-After and X-RateLimit-* past the limit, per client; the window resets', async () => {
    const { handler, clock, logs, source } = setup({ flows: 1, rateLimit: { requests: 2, windowSec: 60 } });
    const first = await handler(get('/flussi?since=0'));
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(first.headers.get('x-ratelimit-reset')).toBe('60');
    await expectConformant(first, 'Flussi');
    clock.now += 10_000;
    const second = await handler(post('/esiti', { elenco_esiti: [] }));
    expect(second.status).toBe(204);
    expect(second.headers.get('x-ratelimit-remaining')).toBe('0');
    await expectConformant(second, 'NotificaEsiti');
    clock.now += 500;
    const third = await handler(get('/flussi?since=0'));
    expect(third.status).toBe(429);
    expect(Object.fromEntries(['retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'].map((h) => [h, third.headers.get(h)]))).toEqual({
      'retry-after': '50', 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '50',
    });
    await expectConformant(third, 'Flussi');
    expect(logs.find((l) => l.event === 'rate.limited')).toMatchObject({ level: 'warn', clientId: 'client-inps' });
    expect(source.calls).toHaveLength(1);
    // /status is not limited (no voucher, no client).
    expect((await handler(get('/status', {}))).status).toBe(200);
    // Another client has its own window.
    const other = createWaasHandler({ source, ente: ENTE, voucher: stubVoucher({ clientId: 'client-2' }), rateLimit: { requests: 2, windowSec: 60 }, logger: () => undefined });
    expect((await other(get('/flussi?since=0'))).status).toBe(200);
    clock.now += 50_000;
    expect((await handler(get('/flussi?since=0'))).status).toBe(200);
  });

  it('the limiter keeps bounded memory: idle clients forgotten, at most maxClients', () => {
    const limiter = createRateLimiter({ requests: 1, windowSec: 1, maxClients: 3 });
    for (let i = 0; i < 10; i++) limiter.take(`c${i}`, 0);
    expect(limiter.size).toBe(3);
    limiter.take('late', 5000);
    expect(limiter.size).toBe(1);
    expect(limiter.take('late', 5100)).toEqual({ allowed: false, limit: 1, remaining: 0, resetSec: 1 });
  });

  it('rateLimit: false sends no X-RateLimit-* headers', async () => {
    const { handler } = setup({ flows: 1, rateLimit: false });
    const r = await handler(get('/flussi?since=0'));
    expect(r.headers.get('x-ratelimit-limit')).toBeNull();
  });
});

describe('problems (RFC 9457)', () => {
  it('title is the status phrase, status the real status, only the OpenAPI properties', async () => {
    expect(statusPhrase(413)).toBe('Content Too Large');
    const { handler } = setup();
    const r = await handler(get('/nope'));
    const body = (await r.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['detail', 'instance', 'status', 'title', 'type']);
    expect(body).toMatchObject({ type: 'about:blank', title: 'Not Found', status: 404 });
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('logs', () => {
  it('one request line per call with method, path, status, ms and the voucher ids; never the token, a query value or a descrizione', async () => {
    const { handler, source, logs } = setup({ flows: 2 });
    await handler(get('/flussi?since=0&limit=5&secret=RSSMRA80A01H501U'));
    await handler(post('/esiti', { elenco_esiti: [esito(source.flows[0] as WaasFlow, { codice_esito: 'ERRORE_GENERICO', descrizione_esito: SECRET_DESCRIZIONE })] }));
    await handler(get('/flussi?since=0', { authorization: `Bearer ${TEST_TOKEN}x` }));
    const requests = logs.filter((l) => l.event === 'request');
    expect(requests).toHaveLength(3);
    expect(requests[0]).toMatchObject({ level: 'info', method: 'GET', path: '/flussi', status: 200, since: 0, limit: 5, flows: 2, ...TEST_CALLER });
    expect(typeof requests[0]?.ms).toBe('number');
    expect(requests[1]).toMatchObject({ method: 'POST', path: '/esiti', status: 204, esiti: 1, clientId: 'client-inps' });
    expect(requests[2]).toMatchObject({ status: 401 });
    expect(requests[2]?.instance).toMatch(/^urn:uuid:/);
    assertNoSecrets(logs);
  });

  it('a throwing logger never breaks an answer', async () => {
    const { handler } = setup({
      flows: 1,
      logger: () => {
        throw new Error('disk full');
      },
    });
    expect((await handler(get('/flussi?since=0'))).status).toBe(200);
  });
});

describe('basePath: one handler per Ente (an Ambito serving two Comuni)', () => {
  it('each handler serves its own Ente under its own base path', async () => {
    const a = setup({ basePath: '/waas/v1/A944', flows: 2 });
    const sourceH = new MemorySource();
    sourceH.publish(flow(1, { idFlusso: 'H501.SINBA.20250603.0000001', tipo: 'SINBA' }));
    const h = setup({ basePath: '/waas/v1/H501', source: sourceH, ente: { codice: 'H501', denominazione: 'Comune di Roma' } });
    const ambito: WaasFetchHandler = (req) => (new URL(req.url).pathname.startsWith('/waas/v1/H501/') ? h.handler(req) : a.handler(req));

    const entriesA = await flussiOf(await ambito(get('/waas/v1/A944/flussi?since=0')));
    expect(entriesA.map((e) => [e.codice_ente, e.denominazione_ente])).toEqual([['A944', 'Comune di Bologna'], ['A944', 'Comune di Bologna']]);
    const entriesH = await flussiOf(await ambito(get('/waas/v1/H501/flussi?since=0')));
    expect(entriesH).toMatchObject([{ codice_ente: 'H501', denominazione_ente: 'Comune di Roma', tipo: 'SINBA', id_flusso: 'H501.SINBA.20250603.0000001' }]);

    const r = await ambito(post('/waas/v1/H501/esiti', { elenco_esiti: [esito(sourceH.flows[0] as WaasFlow)] }));
    expect(r.status).toBe(204);
    expect(sourceH.esiti.size).toBe(1);
    expect(a.source.esiti.size).toBe(0);
    expect((await ambito(get('/waas/v1/H501/status', {}))).status).toBe(200);
    expect((await ambito(get('/flussi?since=0'))).status).toBe(404);
    expect(h.logs.find((l) => l.event === 'request')?.path).toBe('/waas/v1/H501/flussi');
  });
});
