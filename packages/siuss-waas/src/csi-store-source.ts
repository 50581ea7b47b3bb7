// SPDX-License-Identifier: BSD-3-Clause
/**
 * The {@link WaasSource} on csi-store: flows come from the store's SIUSS export queue, esiti land on
 * its records, each call in one session (one transaction) as the Ente's `sistema` operator — the
 * account of the SIUSS job, which needs no assignment (D.Lgs. 147/2017 art. 24; csi-model `canAccess`).
 * Only `withSession` is used, and csi-store is imported for its types only: the package does not
 * load PostgreSQL unless the caller does.
 * @module
 */
import { createIssue, fail, ok, type Result } from '@riuso-sociale/core';
import type { SessionScope, Store } from '@riuso-sociale/csi-store';
import type { WaasCaller, WaasEsitoOutcome, WaasEsitoRecord, WaasFlow, WaasSource } from './types.js';

/**
 * Options of {@link csiStoreSource}.
 *
 * @example
 * ```ts
 * import type { CsiStoreSourceOptions } from '@riuso-sociale/siuss-waas';
 * const o: CsiStoreSourceOptions = { ente: 'A944', actor: { operatoreId: '0f8fad5b-d9cb-469f-a165-70867728950e', role: 'sistema' } };
 * ```
 */
export interface CsiStoreSourceOptions {
  /** The Comune the endpoint serves (Belfiore code): one handler, one Ente. */
  readonly ente: string;
  /** The store's operator the endpoint acts as: an active operator of the Ente with role `sistema`. */
  readonly actor: {
    /** The operator's id (UUID) in the store. */
    readonly operatoreId: string;
    /** Always `sistema`: the SIUSS job's role, which needs no assignment. */
    readonly role: 'sistema';
  };
  /**
   * Record in the store that INPS fetched the flows it was served (`generato` → `inviato`, audited;
   * `ts_flusso` never moves). Default `true`.
   */
  readonly markFetched?: boolean;
}

const BELFIORE = /^[A-Z]\d{3}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * The WaaS data source on a csi-store `Store`: `listFlows` is `siussFlows` (with `markFetched`),
 * `recordEsiti` records every esito of a `POST /esiti` with `recordEsito` in ONE transaction (all or
 * nothing: a failure — e.g. `store.unavailable` — records none, and INPS's retry finds them all
 * still to do), `ping` opens a read-only session. The store's own checks apply: the actor must be an
 * active `sistema` operator of the Ente, and every change is in the Ente's audit chain.
 *
 * @throws TypeError for an invalid Ente code, actor or store (a configuration error, at start-up).
 * @example
 * ```ts
 * import { openStore } from '@riuso-sociale/csi-store';
 * import { csiStoreSource } from '@riuso-sociale/siuss-waas';
 * const store = await openStore();
 * const source = csiStoreSource(store, { ente: 'A944', actor: { operatoreId: '0f8fad5b-d9cb-469f-a165-70867728950e', role: 'sistema' } });
 * const up = await source.ping(); // not ok: that operator does not exist in this empty store
 * await store.close();
 * ```
 */
export function csiStoreSource(store: Pick<Store, 'withSession'>, options: CsiStoreSourceOptions): WaasSource {
  if (store === null || typeof store !== 'object' || typeof store.withSession !== 'function') {
    throw new TypeError('csiStoreSource: serve uno store di csi-store (openStore) / a csi-store Store (openStore) is required');
  }
  if (options === null || typeof options !== 'object' || typeof options.ente !== 'string' || !BELFIORE.test(options.ente)) {
    throw new TypeError('csiStoreSource: ente è il codice Belfiore del Comune (es. A944) / ente is the Comune\'s Belfiore code (e.g. A944)');
  }
  const actor = options.actor;
  if (actor === null || typeof actor !== 'object' || typeof actor.operatoreId !== 'string' || !UUID.test(actor.operatoreId) || actor.role !== 'sistema') {
    throw new TypeError("csiStoreSource: actor è { operatoreId: <UUID>, role: 'sistema' } / actor is { operatoreId: <UUID>, role: 'sistema' }");
  }
  const markFetched = options.markFetched ?? true;
  if (typeof markFetched !== 'boolean') throw new TypeError('csiStoreSource: markFetched è sì/no / markFetched is a boolean');
  const scope = { ente: options.ente, actor: { operatoreId: actor.operatoreId, role: 'sistema' } } as unknown as SessionScope;

  return {
    async listFlows(query: { readonly since: number; readonly limit: number }, _caller: WaasCaller): Promise<Result<readonly WaasFlow[]>> {
      // Every ts_flusso is an epoch millisecond (a safe integer): nothing is after a larger `since`.
      if (query.since > Number.MAX_SAFE_INTEGER || query.limit === 0) return ok([]);
      const r = await store.withSession(scope, (s) => s.siussFlows({ since: query.since, limit: query.limit, markFetched }));
      if (!r.ok) return r;
      return ok(r.value.map((f) => ({ idFlusso: f.idFlusso, tsFlusso: f.tsFlusso, tipo: f.tipo, xml: f.xml })));
    },

    async recordEsiti(esiti: readonly WaasEsitoRecord[], _caller: WaasCaller): Promise<Result<readonly WaasEsitoOutcome[]>> {
      if (esiti.length === 0) return ok([]);
      const input = esiti.map((e) => ({
        idFlusso: e.idFlusso,
        codice: e.codice,
        tsFlusso: e.tsFlusso,
        tipo: e.tipo,
        ...(e.idAcquisizione === undefined ? {} : { idAcquisizione: e.idAcquisizione }),
        ...(e.descrizione === undefined ? {} : { descrizione: e.descrizione }),
      }));
      // One transaction for the whole POST (all or nothing: a failure makes INPS deliver it again).
      // store.conflict means PostgreSQL aborted it for a race (deadlock, serialization failure):
      // nothing was written and esiti are idempotent, so the batch is simply run again; still
      // conflicting after three tries, it is a transient failure (503: INPS retries later).
      for (let attempt = 1; ; attempt++) {
        const r = await store.withSession(scope, (s) => s.recordEsiti(input));
        if (r.ok || r.issues[0].code !== 'store.conflict') return r;
        if (attempt === 3) {
          return fail([createIssue('waas.source.unavailable', { it: 'Archivio conteso: esiti non registrati, da riconsegnare', en: 'Store contended: esiti not recorded, to be delivered again' })]);
        }
      }
    },

    async ping(): Promise<Result<true>> {
      const r = await store.withSession(scope, async () => ok(true as const));
      if (r.ok) return ok(true);
      // The cause stays in the store's issue (for the log); nothing about it reaches INPS.
      return r.issues[0].code.endsWith('.unavailable')
        ? r
        : fail([createIssue('waas.source.unavailable', { it: `Archivio non pronto: ${r.issues[0].code}`, en: `Archive not ready: ${r.issues[0].code}` })]);
    },
  };
}
