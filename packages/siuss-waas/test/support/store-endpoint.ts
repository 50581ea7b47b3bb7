// SPDX-License-Identifier: BSD-3-Clause
/**
 * A WaaS endpoint on a REAL csi-store, for the integration, security and fault tests: a target store
 * (PGlite or the PostgreSQL server of csi-store's test support), an Ente seeded with csi-store's fixture
 * and N erogazioni exported in cooperazione (one flow each), `csiStoreSource` +
 * `createVoucherVerifier(authority.verifierOptions())` + `createWaasHandler`, served by `serveWaas` on
 * 127.0.0.1 (port 0). Requests go over real sockets with Node's fetch and real vouchers of
 * `createTestAuthority`; `call` / `checkedFetch` validate every response against the official OpenAPI.
 * Also: a snapshot of what the store holds for an Ente (to prove that a request changed nothing).
 *
 * The store is opened with the target's `open`, so csi-store's `closeAll()` (call it in `afterAll`)
 * closes it (and drops its database on the server); `close()` here stops the HTTP server only.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Instant } from '@riuso-sociale/csi-model';
import type { ExportSiussReport, OpenStoreOptions, Store } from '@riuso-sociale/csi-store';
import { addErogazioni, asOwner, headOf, run, seedEnte, type Seeded } from '../../../csi-store/test/support/fixture.js';
import type { Target } from '../../../csi-store/test/support/targets.js';
import { csiStoreSource } from '../../src/csi-store-source.js';
import { createWaasHandler, type WaasFetchHandler, type WaasHandlerOptions } from '../../src/handler.js';
import { serveWaas } from '../../src/node.js';
import { createTestAuthority, type TestAuthority, type TestAuthorityOptions } from '../../src/testing/index.js';
import type { WaasLogEvent, WaasSource } from '../../src/types.js';
import { createVoucherVerifier, type VoucherVerifierOptions } from '../../src/voucher.js';
import { expectConformant, type WaasOperationId } from './openapi.js';

/** When the seeded flows are exported (their names carry this date; `ts_flusso` is the store's clock at commit). */
export const EXPORT_AT = '2025-11-01T02:00:00Z' as Instant;

/** Options of {@link openStoreEndpoint}. Every one has a default. */
export interface StoreEndpointOptions {
  /** The Comune (Belfiore code). Default `A944`. */
  readonly ente?: string;
  /** Its `denominazione_ente`. Default `Comune di <ente>`. */
  readonly denominazione?: string;
  /** Validated erogazioni to seed (≤ 6: one per month from April 2025). Default 3. */
  readonly erogazioni?: number;
  /** Export them (cooperazione: one flow each) before serving. Default true. */
  readonly exportFlows?: boolean;
  /** The handler's `basePath`. Default `/waas/v1/<ente>`. */
  readonly basePath?: string;
  /** An open store to use (e.g. a second Comune of an Ambito on the same store) instead of opening one. */
  readonly store?: Store;
  /** Options of the store the target opens (e.g. `clock`). */
  readonly open?: OpenStoreOptions;
  /** The PDND test authority, or options of a new one. Default: `createTestAuthority()`. */
  readonly authority?: TestAuthority | TestAuthorityOptions;
  /** Extra options of the voucher verifier (e.g. `now`). */
  readonly verifier?: Partial<VoucherVerifierOptions>;
  /** Extra options of the handler (`maxBodyBytes`, `rateLimit`, `now`). */
  readonly handler?: Partial<Pick<WaasHandlerOptions, 'maxBodyBytes' | 'rateLimit' | 'now'>>;
  /**
   * What `csiStoreSource` is given in place of the store (default the store itself): a wrapper that
   * toggles the store's availability, the real store behind it.
   */
  readonly sourceStore?: (store: Store, seeded: Seeded) => Pick<Store, 'withSession'> | Promise<Pick<Store, 'withSession'>>;
}

/** A running endpoint on a seeded store. */
export interface StoreEndpoint {
  readonly store: Store;
  readonly seeded: Seeded;
  /** Ids of the seeded erogazioni, in creation order. */
  readonly erogazioni: readonly string[];
  /** The seeding export (empty when `exportFlows: false`). */
  readonly exported: ExportSiussReport;
  /** `http://127.0.0.1:<port><basePath>`: append `/flussi`, `/esiti`, `/status`. */
  readonly baseUrl: string;
  readonly basePath: string;
  readonly authority: TestAuthority;
  readonly source: WaasSource;
  readonly handler: WaasFetchHandler;
  readonly server: Server;
  /** Every log line of the handler, in order. */
  readonly logs: WaasLogEvent[];
  /** A fresh valid voucher of the authority. */
  voucher(): Promise<string>;
  /** Stops the HTTP server (the store is closed by csi-store's `closeAll`). */
  close(): Promise<void>;
}

/** The operation of the OpenAPI a request URL is about (by its last path segment). */
export function operationOf(url: string): WaasOperationId {
  const path = new URL(url).pathname;
  if (path.endsWith('/flussi')) return 'Flussi';
  if (path.endsWith('/esiti')) return 'NotificaEsiti';
  if (path.endsWith('/status')) return 'healthCheck';
  throw new Error(`no WaaS operation for ${path}`);
}

/** A response read once: status, headers and the body `expectConformant` parsed (`null` when none). */
export interface CheckedResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

/** Sends a request with fetch and validates the response against the OpenAPI (throws when it does not conform). */
export async function call(url: string, init: RequestInit = {}, operation: WaasOperationId = operationOf(url)): Promise<CheckedResponse> {
  const response = await fetch(url, init);
  const { status, headers } = response;
  const body = await expectConformant(response, operation);
  return { status, headers, body };
}

/**
 * A fetch for `simulateInps` that validates every response against the OpenAPI before the simulator
 * reads it (a non-conformant one makes the request fail: it ends up in the report's `errors`), and
 * counts them.
 */
export function checkedFetch(): ((request: Request) => Promise<Response>) & { readonly checked: { count: number } } {
  const checked = { count: 0 };
  const send = async (request: Request): Promise<Response> => {
    const response = await fetch(request);
    await expectConformant(response.clone(), operationOf(request.url));
    checked.count++;
    return response;
  };
  return Object.assign(send, { checked });
}

/** `Authorization` (and optionally JSON content type) headers. */
export function bearer(token: string, json = false): Record<string, string> {
  return { authorization: `Bearer ${token}`, ...(json ? { 'content-type': 'application/json' } : {}) };
}

/**
 * Exports every validated erogazione of the Ente up to `upTo` in cooperazione, as its `sistema`
 * operator, at `at` (default {@link EXPORT_AT}; `null`: the store's clock — an erogazione corrected
 * after EXPORT_AT is exported only at a later instant).
 */
export function exportCooperazione(store: Store, seeded: Seeded, upTo = '2025-12-31', at: Instant | null = EXPORT_AT): Promise<ExportSiussReport> {
  return run(store, seeded.ente, seeded.sys, (s) => s.exportSiuss({ kind: 'PS', upTo: upTo as never, mode: 'cooperazione', ...(at === null ? {} : { at }) }));
}

function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

/** Stops a server and the connections it still holds. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Opens (or takes) a store, seeds the Ente, and serves its WaaS endpoint on 127.0.0.1 (see the module notes). */
export async function openStoreEndpoint(target: Target, options: StoreEndpointOptions = {}): Promise<StoreEndpoint> {
  const ente = options.ente ?? 'A944';
  const n = options.erogazioni ?? 3;
  if (n > 6) throw new Error('seed at most 6 erogazioni');
  const store = options.store ?? (await target.open(options.open ?? {}));
  const seeded = await seedEnte(store, ente);
  const erogazioni = n > 0 ? await addErogazioni(store, seeded, n) : [];
  const exported = options.exportFlows === false ? { flows: [], exported: 0, skipped: [] } : await exportCooperazione(store, seeded);
  if (exported.skipped.length > 0) throw new Error(`export skipped: ${exported.skipped.map((i) => i.code).join(', ')}`);
  const authority = options.authority !== undefined && 'issue' in options.authority ? options.authority : await createTestAuthority(options.authority ?? {});
  const source = csiStoreSource((await options.sourceStore?.(store, seeded)) ?? store, { ente, actor: { operatoreId: seeded.sys.operatoreId, role: 'sistema' } });
  const logs: WaasLogEvent[] = [];
  const basePath = options.basePath ?? `/waas/v1/${ente}`;
  const handler = createWaasHandler({
    source,
    ente: { codice: ente, denominazione: options.denominazione ?? `Comune di ${ente}` },
    voucher: createVoucherVerifier(authority.verifierOptions(options.verifier ?? {})),
    basePath,
    logger: (e) => logs.push(e),
    ...(options.handler ?? {}),
  });
  const maxBodyBytes = options.handler?.maxBodyBytes;
  const server = await serveWaas(handler, { port: 0, host: '127.0.0.1', ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }) });
  return {
    store, seeded, erogazioni, exported, basePath, authority, source, handler, server, logs,
    baseUrl: `http://127.0.0.1:${portOf(server)}${basePath}`,
    voucher: () => authority.issue(),
    close: () => closeServer(server),
  };
}

/** One flow row as the store holds it (the columns a request could change). */
export interface FlowRowState {
  readonly id: string;
  readonly nome: string;
  readonly status: string;
  readonly version: number;
  readonly ts: number;
  readonly esitoCodice: string | null;
  readonly esitoIdAcquisizione: string | null;
  readonly esitoDescrizione: string | null;
  readonly esitoAt: string | null;
}

/** One erogazione row as the store holds it. */
export interface ErogazioneRowState {
  readonly id: string;
  readonly status: string;
  readonly version: number;
  readonly flusso: string | null;
  readonly data: Record<string, unknown>;
}

/** What the store holds for an Ente: flows, erogazioni, audit head and count. */
export interface StoreSnapshot {
  readonly flows: readonly FlowRowState[];
  readonly erogazioni: readonly ErogazioneRowState[];
  readonly head: { readonly seq: number; readonly hash: string | null };
  readonly auditEvents: number;
}

/** The flows of an Ente, oldest first, read as the owner (no session, nothing audited). */
export async function flowRows(store: Store, ente: string): Promise<FlowRowState[]> {
  const r = await asOwner(store, ente, (tx) =>
    tx.query<{ id: string; nome: string; status: string; version: number; ts: string | null; esito_codice: string | null; esito_id_acquisizione: string | null; esito_descrizione: string | null; esito_at: string | null }>(
      `SELECT id, nome, status, version, ts_flusso::text AS ts, esito_codice, esito_id_acquisizione, esito_descrizione, esito_at::text AS esito_at
       FROM flusso_siuss WHERE ente = $1 ORDER BY ts_flusso, nome`,
      [ente],
    ),
  );
  return r.rows.map((x) => ({
    id: x.id, nome: x.nome, status: x.status, version: Number(x.version), ts: Number(x.ts),
    esitoCodice: x.esito_codice, esitoIdAcquisizione: x.esito_id_acquisizione, esitoDescrizione: x.esito_descrizione, esitoAt: x.esito_at,
  }));
}

/** The erogazioni of an Ente, by id, read as the owner. */
export async function erogazioneRows(store: Store, ente: string): Promise<ErogazioneRowState[]> {
  const r = await asOwner(store, ente, (tx) =>
    tx.query<{ id: string; status: string; version: number; flusso: string | null; data: Record<string, unknown> }>(
      'SELECT id, status, version, flusso, data FROM erogazione WHERE ente = $1 ORDER BY id',
      [ente],
    ),
  );
  return r.rows.map((x) => ({ id: x.id, status: x.status, version: Number(x.version), flusso: x.flusso, data: x.data }));
}

/** Snapshot of an Ente's flows, erogazioni and audit chain (compare two with `toEqual`). */
export async function snapshot(store: Store, ente: string): Promise<StoreSnapshot> {
  const [flows, erogazioni, head, count] = [
    await flowRows(store, ente),
    await erogazioneRows(store, ente),
    await headOf(store, ente),
    await asOwner(store, ente, (tx) => tx.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_event WHERE ente = $1', [ente])),
  ];
  return { flows, erogazioni, head: { seq: head.seq, hash: head.hash }, auditEvents: Number(count.rows[0]?.n ?? -1) };
}

/** An esito body entry for a stored flow (OpenAPI `EsitoFlusso`). */
export function esitoFor(flow: Pick<FlowRowState, 'nome' | 'ts'>, codice: 'OK' | 'DATI_NON_TROVATI' | 'RICHIESTA_INVALIDA' | 'ERRORE_GENERICO', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id_flusso: flow.nome,
    tipo: 'PS_PSA_SINA',
    ts_flusso: new Date(flow.ts).toISOString(),
    ts_acquisizione: '2025-11-02T08:00:00.000Z',
    codice_esito: codice,
    ...extra,
  };
}
