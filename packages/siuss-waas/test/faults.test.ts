// SPDX-License-Identifier: BSD-3-Clause
/**
 * The store unavailable during `POST /esiti` (issue 12, "Faults"), on a REAL csi-store: the endpoint
 * answers a non-2xx (503 + Retry-After, a conformant problem) so that INPS retries, records nothing,
 * and the same esiti delivered again once the store is back are recorded exactly once. `GET /status`
 * follows availability (200 / 503).
 *
 * How availability is toggled, the real component staying real:
 * - PostgreSQL: the endpoint's store reaches the server through a TCP proxy in this file; cutting it
 *   resets every connection and refuses new ones (ECONNREFUSED), exactly what a network outage or a
 *   server restart looks like to `pg`. The seeding and the assertions use a direct store on the same
 *   database.
 * - PGlite (in-process, nothing to cut): the `withSession` the source is given answers
 *   `store.unavailable` while the store is "down"; in the middle of a batch, the session throws the
 *   error a reset connection raises (code ECONNRESET) inside the real transaction.
 */
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { createIssue, fail, type Result } from '@riuso-sociale/core';
import { openStore, type Session, type SessionScope, type Store } from '@riuso-sociale/csi-store';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOwner, must, type Seeded } from '../../csi-store/test/support/fixture.js';
import { closeAll, TARGETS, TEST_KEY, type Target } from '../../csi-store/test/support/targets.js';
import { WAAS_RETRY_AFTER_SEC } from '../src/handler.js';
import { simulateInps } from '../src/testing/index.js';
import { bearer, call, checkedFetch, erogazioneRows, esitoFor, flowRows, openStoreEndpoint, snapshot, type CheckedResponse, type FlowRowState, type StoreEndpoint } from './support/store-endpoint.js';

afterAll(closeAll);

/** A TCP proxy that can be cut (every connection reset, new ones refused) and restored on the same port. */
class CuttableProxy {
  private server: Server;
  private readonly pairs = new Set<readonly [Socket, Socket]>();
  port = 0;

  constructor(private readonly host: string, private readonly targetPort: number) {
    this.server = this.create();
  }

  private create(): Server {
    return createServer((client) => {
      const upstream = connect(this.targetPort, this.host);
      const pair = [client, upstream] as const;
      this.pairs.add(pair);
      const end = (): void => {
        client.destroy();
        upstream.destroy();
        this.pairs.delete(pair);
      };
      for (const socket of pair) {
        socket.on('error', end);
        socket.on('close', end);
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
  }

  async listen(port = 0): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Resets every connection (RST to the client) and stops listening: new connections are refused. */
  private closing: Promise<void> = Promise.resolve();

  /**
   * Resets every connection (RST to the client) and stops listening: new connections are refused.
   * Synchronous: the sockets are reset before it returns (the listener closes in the background).
   */
  cut(): Promise<void> {
    this.closing = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const [client, upstream] of this.pairs) {
      client.resetAndDestroy();
      upstream.destroy();
    }
    this.pairs.clear();
    return this.closing;
  }

  async restore(): Promise<void> {
    await this.closing;
    this.server = this.create();
    await this.listen(this.port);
  }

  async close(): Promise<void> {
    if (this.server.listening) await this.cut();
  }
}

type MidBatch = 'query' | 'idle';

/** Switches the store's availability as the endpoint sees it (see the module notes). */
interface Outage {
  down(): Promise<void>;
  up(): Promise<void>;
  /**
   * The next `recordEsiti` loses the store after its first esito, inside the transaction: `query`
   * while the next statement is on the wire, `idle` between two statements (server only).
   */
  failMidBatch(mode: MidBatch): void;
  dispose(): Promise<void>;
}

const unavailable = () => fail([createIssue('store.unavailable', { it: 'Il database non risponde', en: 'The database does not answer' })]);

/**
 * A session whose second `recordEsito` first runs `before` (e.g. cuts the connection or throws what a
 * reset connection raises); everything else is the real session.
 */
function secondEsitoFails(session: Session, before: () => Promise<void>): Session {
  return new Proxy(session, {
    get(target, prop) {
      // The batch in the same transaction, split after its first esito: the fault strikes between them.
      if (prop === 'recordEsiti') {
        return async (esiti: Parameters<Session['recordEsiti']>[0]) => {
          const first = await target.recordEsiti(esiti.slice(0, 1));
          if (!first.ok || esiti.length < 2) return first;
          await before();
          const rest = await target.recordEsiti(esiti.slice(1));
          return rest.ok ? { ok: true, value: [...first.value, ...rest.value] } : rest;
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The error `pg` raises on a connection reset by the peer. */
function connectionReset(): Error {
  return Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', errno: -104, syscall: 'read' });
}

function withMidBatch(store: Pick<Store, 'withSession'>, state: { midBatch: MidBatch | null }, before: (mode: MidBatch) => Promise<void>): Pick<Store, 'withSession'> {
  return {
    withSession<T>(scope: SessionScope, fn: (s: Session) => Promise<Result<T, string>>) {
      const mode = state.midBatch;
      if (mode === null) return store.withSession(scope, fn);
      state.midBatch = null;
      return store.withSession(scope, (s) => fn(secondEsitoFails(s, () => before(mode))));
    },
  };
}

/** PGlite: availability in the `withSession` the source is given. */
function pgliteOutage(): { outage: Outage; sourceStore: (store: Store) => Pick<Store, 'withSession'> } {
  const state: { down: boolean; midBatch: MidBatch | null } = { down: false, midBatch: null };
  const outage: Outage = {
    async down() {
      state.down = true;
    },
    async up() {
      state.down = false;
    },
    failMidBatch(mode) {
      state.midBatch = mode;
    },
    async dispose() {},
  };
  const sourceStore = (store: Store): Pick<Store, 'withSession'> => {
    const gated: Pick<Store, 'withSession'> = {
      withSession: (scope, fn) => (state.down ? Promise.resolve(unavailable()) : store.withSession(scope, fn)),
    };
    return withMidBatch(gated, state, async () => {
      throw connectionReset();
    });
  };
  return { outage, sourceStore };
}

async function waitFor(condition: () => boolean, what: string, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** PostgreSQL: a second store on the same database, through the cuttable proxy. */
function serverOutage(): { outage: Outage; sourceStore: (store: Store) => Promise<Pick<Store, 'withSession'>> } {
  const state: { midBatch: MidBatch | null } = { midBatch: null };
  let proxy: CuttableProxy | undefined;
  let pool: pg.Pool | undefined;
  let proxied: Store | undefined;
  const down = async (): Promise<void> => {
    await proxy?.cut();
    // The pool drops the connections the reset killed (idle ones report it asynchronously).
    await waitFor(() => (pool?.totalCount ?? 0) === 0, 'the pool to drop its dead connections');
  };
  const outage: Outage = {
    down,
    async up() {
      await proxy?.restore();
    },
    failMidBatch(mode) {
      state.midBatch = mode;
    },
    async dispose() {
      await proxied?.close();
      await pool?.end();
      await proxy?.close();
    },
  };
  const sourceStore = async (store: Store): Promise<Pick<Store, 'withSession'>> => {
    const direct = new URL((store as Store & { url?: string }).url ?? '');
    proxy = new CuttableProxy(direct.hostname, Number(direct.port || 5432));
    await proxy.listen();
    const url = new URL(direct);
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
    pool.on('error', () => undefined); // an idle connection lost: the pool drops it (the vendor's pool: its own listener)
    // No listener on the clients: csi-store's executor must survive a connection lost mid-transaction by itself.
    proxied = await openStore({ pool, auditKey: TEST_KEY, migrate: false });
    // Mid-batch, `query`: the connections are reset and the next statement is sent in the same tick,
    // so it is on the wire when the reset arrives. `idle`: the reset is read first (the transaction's
    // connection is dead before the next statement).
    return withMidBatch(proxied, state, async (mode) => {
      const closing = proxy?.cut();
      if (mode === 'idle') {
        await closing;
        await new Promise((r) => setTimeout(r, 200));
      }
    });
  };
  return { outage, sourceStore };
}

/** The `accetta`/`scarta` transitions recorded (outcome success) per flow id. */
async function esitiRecorded(store: Store, ente: string): Promise<Record<string, number>> {
  const r = await asOwner(store, ente, (tx) =>
    tx.query<{ id: string; n: string }>(
      `SELECT entity_id AS id, count(*)::text AS n FROM audit_event
       WHERE ente = $1 AND entity_kind = 'flusso-siuss' AND action = 'transition' AND outcome = 'success' AND event->'transition'->>'event' IN ('accetta', 'scarta')
       GROUP BY entity_id`,
      [ente],
    ),
  );
  return Object.fromEntries(r.rows.map((x) => [x.id, Number(x.n)]));
}

/** The erogazione transitions after an esito (`acquisisci`/`respingi`, success) per erogazione id. */
async function erogazioniTransitions(store: Store, ente: string): Promise<Record<string, number>> {
  const r = await asOwner(store, ente, (tx) =>
    tx.query<{ id: string; n: string }>(
      `SELECT entity_id AS id, count(*)::text AS n FROM audit_event
       WHERE ente = $1 AND entity_kind = 'erogazione' AND action = 'transition' AND outcome = 'success' AND event->'transition'->>'event' IN ('acquisisci', 'respingi')
       GROUP BY entity_id`,
      [ente],
    ),
  );
  return Object.fromEntries(r.rows.map((x) => [x.id, Number(x.n)]));
}

function expectUnavailable(r: CheckedResponse, what: string): void {
  expect(r.status, what).toBe(503);
  expect(r.headers.get('retry-after'), what).toBe(String(WAAS_RETRY_AFTER_SEC));
  expect(r.headers.get('content-type'), what).toMatch(/^application\/problem\+json/);
  expect(r.body, what).toMatchObject({ status: 503 });
}

function outageFor(target: Target): ReturnType<typeof pgliteOutage> | ReturnType<typeof serverOutage> {
  return target.name === 'postgres' ? serverOutage() : pgliteOutage();
}

for (const target of TARGETS) {
  describe.skipIf(!target.available)(`WaaS endpoint with the store unavailable (${target.name})`, () => {
    const { outage, sourceStore } = outageFor(target);
    let ep: StoreEndpoint;
    let seeded: Seeded;
    let flows: FlowRowState[];

    beforeAll(async () => {
      ep = await openStoreEndpoint(target, { ente: 'A944', erogazioni: 6, sourceStore });
      seeded = ep.seeded;
      // INPS has pulled the flows (they are inviato) and now reports on them.
      const pulled = await simulateInps({ baseUrl: ep.baseUrl, fetch: checkedFetch(), voucher: () => ep.voucher(), postEsiti: false });
      expect(pulled.errors).toEqual([]);
      flows = await flowRows(ep.store, seeded.ente);
      expect(flows.map((f) => f.status)).toEqual(Array(6).fill('inviato'));
    }, 60_000);
    afterAll(async () => {
      await ep?.close();
      await outage.dispose();
    });

    it('GET /status: 200 while the store answers', async () => {
      const r = await call(`${ep.baseUrl}/status`);
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ status: 200, title: 'OK' });
    });

    it('store down: POST /esiti → 503 + Retry-After (INPS retries), nothing recorded; GET /status and GET /flussi → 503', async () => {
      const before = await snapshot(ep.store, seeded.ente);
      await outage.down();
      try {
        const body = JSON.stringify({ elenco_esiti: [esitoFor(flows[0] as FlowRowState, 'OK', { id_acquisizione_siuss: 'ACQ-1' }), esitoFor(flows[1] as FlowRowState, 'RICHIESTA_INVALIDA', { descrizione_esito: 'Prestazione non ammessa' })] });
        const token = await ep.voucher();
        for (let attempt = 0; attempt < 2; attempt++) expectUnavailable(await call(`${ep.baseUrl}/esiti`, { method: 'POST', headers: bearer(token, true), body }), `POST /esiti #${attempt}`);
        expectUnavailable(await call(`${ep.baseUrl}/status`), 'GET /status');
        expectUnavailable(await call(`${ep.baseUrl}/flussi?since=0`, { headers: bearer(token) }), 'GET /flussi');
        // The simulated INPS sees the failure and counts nothing as delivered.
        const inps = await simulateInps({ baseUrl: ep.baseUrl, fetch: checkedFetch(), voucher: token, postEsiti: false });
        expect(inps.errors).toEqual([expect.stringContaining('HTTP 503')]);
        expect(ep.logs.filter((l) => l.event === 'source.failed').map((l) => [l.operation, l.code])).toContainEqual(['recordEsiti', 'store.unavailable']);
      } finally {
        await outage.up();
      }
      expect(await snapshot(ep.store, seeded.ente)).toEqual(before);
      expect(await esitiRecorded(ep.store, seeded.ente)).toEqual({});
    });

    it('store back: GET /status 200; the same esiti delivered again → 204, each recorded exactly once; a third delivery changes nothing', async () => {
      expect((await call(`${ep.baseUrl}/status`)).status).toBe(200);
      const body = JSON.stringify({ elenco_esiti: [esitoFor(flows[0] as FlowRowState, 'OK', { id_acquisizione_siuss: 'ACQ-1' }), esitoFor(flows[1] as FlowRowState, 'RICHIESTA_INVALIDA', { descrizione_esito: 'Prestazione non ammessa' })] });
      const token = await ep.voucher();
      expect((await call(`${ep.baseUrl}/esiti`, { method: 'POST', headers: bearer(token, true), body })).status).toBe(204);
      const once = await snapshot(ep.store, seeded.ente);
      expect((await call(`${ep.baseUrl}/esiti`, { method: 'POST', headers: bearer(token, true), body })).status).toBe(204);
      const again = await snapshot(ep.store, seeded.ente);
      expect(again.flows).toEqual(once.flows);
      expect(again.erogazioni).toEqual(once.erogazioni);

      const [f0, f1] = flows as [FlowRowState, FlowRowState];
      expect(await esitiRecorded(ep.store, seeded.ente)).toEqual({ [f0.id]: 1, [f1.id]: 1 });
      const rows = await flowRows(ep.store, seeded.ente);
      expect(rows.map((f) => [f.nome, f.status, f.version])).toEqual([
        [f0.nome, 'accettato', f0.version + 1], [f1.nome, 'scartato', f1.version + 1],
        ...flows.slice(2).map((f) => [f.nome, 'inviato', f.version]),
      ]);
      const erogazioni = await erogazioneRows(ep.store, seeded.ente);
      const carried = (f: FlowRowState) => erogazioni.find((e) => e.flusso === f.id || (e.data.scarto as { flusso?: string } | undefined)?.flusso === f.id);
      expect(carried(f0)).toMatchObject({ status: 'acquisita', data: { esportazione: { idAcquisizione: 'ACQ-1' } } });
      expect(carried(f1)).toMatchObject({ status: 'da-correggere', data: { scarto: { codice: 'RICHIESTA_INVALIDA', descrizione: 'Prestazione non ammessa' } } });
      expect(await erogazioniTransitions(ep.store, seeded.ente)).toEqual({ [carried(f0)?.id as string]: 1, [carried(f1)?.id as string]: 1 });
      must(await ep.store.verifyAudit({ ente: seeded.ente }));
    });

    /** Posts two esiti while the store is lost after the first; checks the rollback, then redelivers. */
    async function midBatch(mode: MidBatch, pair: readonly [FlowRowState, FlowRowState], expectStatus: (r: CheckedResponse) => void): Promise<void> {
      const [fa, fb] = pair;
      const body = JSON.stringify({ elenco_esiti: [esitoFor(fa, 'OK', { id_acquisizione_siuss: `ACQ-${fa.nome.slice(-1)}` }), esitoFor(fb, 'DATI_NON_TROVATI', { descrizione_esito: 'Beneficiario non trovato' })] });
      const token = await ep.voucher();
      const before = await snapshot(ep.store, seeded.ente);
      const recordedBefore = await esitiRecorded(ep.store, seeded.ente);
      outage.failMidBatch(mode);
      let r: CheckedResponse;
      try {
        r = await call(`${ep.baseUrl}/esiti`, { method: 'POST', headers: bearer(token, true), body });
      } finally {
        await outage.up();
      }
      expectStatus(r);
      // All or nothing: the first esito, written before the loss, was rolled back with the rest.
      const after = await snapshot(ep.store, seeded.ente);
      expect(after.flows).toEqual(before.flows);
      expect(after.erogazioni).toEqual(before.erogazioni);
      expect(await esitiRecorded(ep.store, seeded.ente)).toEqual(recordedBefore);

      for (let i = 0; i < 2; i++) expect((await call(`${ep.baseUrl}/esiti`, { method: 'POST', headers: bearer(token, true), body })).status).toBe(204);
      expect(await esitiRecorded(ep.store, seeded.ente)).toEqual({ ...recordedBefore, [fa.id]: 1, [fb.id]: 1 });
      const rows = await flowRows(ep.store, seeded.ente);
      expect(rows.filter((f) => f.id === fa.id || f.id === fb.id).map((f) => [f.nome, f.status, f.version])).toEqual([[fa.nome, 'accettato', fa.version + 1], [fb.nome, 'scartato', fb.version + 1]]);
      const erogazioni = await erogazioneRows(ep.store, seeded.ente);
      expect(erogazioni.find((e) => e.flusso === fa.id)).toMatchObject({ status: 'acquisita' });
      expect(erogazioni.find((e) => (e.data.scarto as { flusso?: string } | undefined)?.flusso === fb.id)).toMatchObject({ status: 'da-correggere' });
      expect(Object.values(await erogazioniTransitions(ep.store, seeded.ente)).every((n) => n === 1)).toBe(true);
      must(await ep.store.verifyAudit({ ente: seeded.ente }));
    }

    it('the store lost in the middle of a batch (connection reset under a statement): 503, the batch rolled back; delivered again → each recorded once', async () => {
      await midBatch('query', [flows[2], flows[3]] as [FlowRowState, FlowRowState], (r) => expectUnavailable(r, 'mid-batch'));
    });

    it.skipIf(target.name !== 'postgres')('the connection dead between two statements of the batch ("not queryable", no error code): 503, rolled back; delivered again → each recorded once', async () => {
      await midBatch('idle', [flows[4], flows[5]] as [FlowRowState, FlowRowState], (r) => expectUnavailable(r, 'mid-batch, idle'));
      const totals = (await flowRows(ep.store, seeded.ente)).map((f) => f.status);
      expect(totals).toEqual(['accettato', 'scartato', 'accettato', 'scartato', 'accettato', 'scartato']);
      expect((await erogazioneRows(ep.store, seeded.ente)).map((e) => e.status).sort()).toEqual(['acquisita', 'acquisita', 'acquisita', 'da-correggere', 'da-correggere', 'da-correggere']);
    });
  });
}
