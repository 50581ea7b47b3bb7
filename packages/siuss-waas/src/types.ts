// SPDX-License-Identifier: BSD-3-Clause
/**
 * The contracts between the WaaS handler and what it is wired to: the data source (flows out, esiti
 * in), the voucher verifier (who is calling) and the log. The handler knows nothing of PostgreSQL or
 * of jose; a vendor with its own archive implements {@link WaasSource}, and `csiStoreSource` is the
 * implementation on csi-store.
 * @module
 */
import type { Result } from '@riuso-sociale/core';

/**
 * One flow as the source stores it: what `GET /flussi` serves (the handler encodes the XML in base64
 * and adds the Ente's `codice_ente` and `denominazione_ente`).
 *
 * @example
 * ```ts
 * import type { WaasFlow } from '@riuso-sociale/siuss-waas';
 * const f: WaasFlow = { idFlusso: 'A944.PS.20250603.0000001', tsFlusso: 1748937600000, tipo: 'PS_PSA_SINA', xml: '<Flusso/>' };
 * ```
 */
export interface WaasFlow {
  /** `id_flusso` (the flow's `IdentificazioneFlusso@Nome`). */
  readonly idFlusso: string;
  /**
   * `ts_flusso` in milliseconds since the epoch: unique and strictly increasing per Ente in commit
   * order, never moved by a change of state (INPS resumes from it with `since`).
   */
  readonly tsFlusso: number;
  /** `tipo`. */
  readonly tipo: 'PS_PSA_SINA' | 'SINBA';
  /** The flow's XML (UTF-8 text). */
  readonly xml: string;
}

/**
 * One esito of `POST /esiti`, checked against the OpenAPI and normalised (the alias `codice_siuss`
 * read as `idAcquisizione`, `ts_flusso` in milliseconds).
 *
 * @example
 * ```ts
 * import type { WaasEsitoRecord } from '@riuso-sociale/siuss-waas';
 * const e: WaasEsitoRecord = { idFlusso: 'A944.PS.20250603.0000001', tipo: 'PS_PSA_SINA', tsFlusso: 1748937600000, tsAcquisizione: '2025-06-04T08:00:00.000Z', codice: 'OK', idAcquisizione: '22738' };
 * ```
 */
export interface WaasEsitoRecord {
  /** `id_flusso`. */
  readonly idFlusso: string;
  /** `tipo` as INPS sent it (a free string in the OpenAPI). */
  readonly tipo: string;
  /** `ts_flusso` in milliseconds since the epoch (sub-millisecond digits truncated). */
  readonly tsFlusso: number;
  /** `ts_acquisizione` as INPS sent it (RFC 3339). */
  readonly tsAcquisizione: string;
  /** `codice_esito`. */
  readonly codice: 'OK' | 'DATI_NON_TROVATI' | 'RICHIESTA_INVALIDA' | 'ERRORE_GENERICO';
  /** `descrizione_esito`. */
  readonly descrizione?: string;
  /** `id_acquisizione_siuss` (or the spec example's alias `codice_siuss`). */
  readonly idAcquisizione?: string;
}

/**
 * What a source did with one esito. Only `recorded` changed anything; every other outcome is an esito
 * that can never be processed, answered `204` all the same (INPS retries anything but a 2xx, forever)
 * and logged for operators:
 * - `duplicate`: the same esito was already recorded (a redelivery);
 * - `already-final`: the flow already had another final esito;
 * - `unknown-flow`: no flow of this Ente has that `id_flusso`;
 * - `mismatch`: the flow exists but its `ts_flusso` or `tipo` differ from the esito's;
 * - `invalid`: a value exceeds what the archive holds (e.g. an `id_acquisizione_siuss` over 256 characters).
 *
 * @example
 * ```ts
 * import type { WaasEsitoOutcome } from '@riuso-sociale/siuss-waas';
 * const o: WaasEsitoOutcome = 'duplicate';
 * ```
 */
export type WaasEsitoOutcome = 'recorded' | 'duplicate' | 'already-final' | 'unknown-flow' | 'mismatch' | 'invalid';

/**
 * Who called, from the verified PDND voucher: what the source writes in its audit trail and the
 * handler in its log. Never the token itself.
 *
 * @example
 * ```ts
 * import type { WaasCaller } from '@riuso-sociale/siuss-waas';
 * const c: WaasCaller = { clientId: '9b2c…', purposeId: '1f0e…', jti: 'c7d1…' };
 * ```
 */
export interface WaasCaller {
  /** `client_id` (equal to `sub`): the PDND client of INPS. */
  readonly clientId: string;
  /** `purposeId`: the finalità the voucher was issued for. */
  readonly purposeId: string;
  /** `jti`: the voucher's id (logged, never required to be unique: a Bearer voucher is reused until it expires). */
  readonly jti: string;
  /** `consumerId`, when the voucher carries it. */
  readonly consumerId?: string;
}

/**
 * Where the flows come from and the esiti go: the store's export queue. Every method answers a
 * `Result`; a failure whose first issue code ends in `.unavailable` (e.g. `store.unavailable`) is
 * transient and answered `503` with `Retry-After` (INPS retries), any other failure `500`.
 *
 * @example
 * ```ts
 * import type { WaasSource } from '@riuso-sociale/siuss-waas';
 * // const source: WaasSource = csiStoreSource(store, { ente: 'A944', actor });
 * ```
 */
export interface WaasSource {
  /**
   * The flows with `tsFlusso` strictly greater than `since`, oldest first, at most `limit` (1–100);
   * the source may record that they were fetched (their state, never their `tsFlusso`).
   */
  listFlows(query: { readonly since: number; readonly limit: number }, caller: WaasCaller): Promise<Result<readonly WaasFlow[]>>;
  /**
   * Records the esiti, all or nothing (one transaction), each idempotently: the same esito twice
   * changes nothing the second time. One outcome per esito, in order.
   */
  recordEsiti(esiti: readonly WaasEsitoRecord[], caller: WaasCaller): Promise<Result<readonly WaasEsitoOutcome[]>>;
  /** Whether the source answers (for `GET /status`). */
  ping(): Promise<Result<true>>;
}

/**
 * The claims of a verified PDND voucher the handler uses.
 *
 * @example
 * ```ts
 * import type { VoucherClaims } from '@riuso-sociale/siuss-waas';
 * type T = VoucherClaims['clientId']; // string
 * ```
 */
export interface VoucherClaims extends WaasCaller {
  /** `exp`, seconds since the epoch. */
  readonly exp: number;
  /** `iat`, seconds since the epoch. */
  readonly iat: number;
  /** `producerId`, when present. */
  readonly producerId?: string;
  /** `eserviceId`, when present. */
  readonly eserviceId?: string;
  /** `descriptorId`, when present. */
  readonly descriptorId?: string;
}

/**
 * The outcome of a voucher check. A refusal is `401` (no valid voucher: the caller is told nothing of
 * which check failed) or `403` (a valid voucher of a client, consumer or purpose not allowed);
 * `reason` is for the operators' log only (never the token, never personal data).
 *
 * @example
 * ```ts
 * import type { VoucherCheck } from '@riuso-sociale/siuss-waas';
 * const refused: VoucherCheck = { ok: false, status: 401, reason: 'expired' };
 * ```
 */
export type VoucherCheck =
  | {
      /** Accepted. */
      readonly ok: true;
      /** The voucher's claims. */
      readonly claims: VoucherClaims;
    }
  | {
      /** Refused. */
      readonly ok: false;
      /** `401` (no valid voucher) or `403` (valid, but not allowed). */
      readonly status: 401 | 403;
      /** Why, for the log (a short code, never the token). */
      readonly reason: string;
      /** Who was refused, when the voucher was valid enough to say (on a `403`). */
      readonly claims?: Partial<VoucherClaims>;
    };

/**
 * Checks the `Authorization` header of a request (see `createVoucherVerifier`).
 *
 * @example
 * ```ts
 * import type { VoucherVerifier } from '@riuso-sociale/siuss-waas';
 * // const check = await verifier.verify(request.headers.get('authorization'));
 * ```
 */
export interface VoucherVerifier {
  /** Verifies the header's value (`null` when absent). Never throws: every failure is a refusal. */
  verify(authorization: string | null): Promise<VoucherCheck>;
}

/**
 * One line of the endpoint's log: structured, without tokens or personal data (ids of flows, of PDND
 * clients and purposes only).
 *
 * @example
 * ```ts
 * import type { WaasLogEvent } from '@riuso-sociale/siuss-waas';
 * const e: WaasLogEvent = { level: 'info', event: 'request', method: 'GET', path: '/flussi', status: 200, ms: 12 };
 * ```
 */
export interface WaasLogEvent {
  /** `info`, `warn` (something INPS sent that can never be processed, a refused voucher) or `error`. */
  readonly level: 'info' | 'warn' | 'error';
  /** What happened: `request`, `voucher.refused`, `rate.limited`, `esito`, `source.failed`… */
  readonly event: string;
  /** Further fields (ids, counts, codes, durations): strings, numbers, booleans. */
  readonly [field: string]: string | number | boolean | undefined;
}

/**
 * Where log lines go (default: one JSON line per event on standard error).
 *
 * @example
 * ```ts
 * import type { WaasLogger } from '@riuso-sociale/siuss-waas';
 * const lines: unknown[] = [];
 * const logger: WaasLogger = (e) => lines.push(e);
 * ```
 */
export type WaasLogger = (event: WaasLogEvent) => void;
