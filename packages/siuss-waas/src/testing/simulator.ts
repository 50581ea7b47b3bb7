// SPDX-License-Identifier: BSD-3-Clause
/**
 * A simulated INPS: the client side of the WaaS API (`shared/specs/waas-pdnd.md` §3), for tests and
 * for a Comune checking its endpoint before INPS does. It pulls every page of `GET /flussi`, checks
 * each response and each flow as INPS would (OpenAPI schema, XSD, the cooperazione rule), checks
 * the cursor contract (`ts_flusso` strictly increasing, `id_flusso` never repeated: spec §3.4) and
 * posts the esiti with `POST /esiti` in batches of at most 100. It reports; it never throws on what
 * the endpoint answers.
 * @module
 */
import type { Issue, Result } from '@riuso-sociale/core';
import {
  buildEsitiBody, buildEsito, dateTimeToEpochMs, decodeWaasEntry, parseFlussiResponse, WAAS_MAX_ITEMS,
  type SiussFlow, type WaasCodiceEsito, type WaasEsito, type WaasFlussoEntry,
} from '@riuso-sociale/siuss-schema';

/**
 * What the simulated INPS answers for one flow: the fields of its esito (see `buildEsito`).
 *
 * @example
 * ```ts
 * import type { SimulatedEsitoDecision } from '@riuso-sociale/siuss-waas/testing';
 * const d: SimulatedEsitoDecision = { codiceEsito: 'DATI_NON_TROVATI', descrizioneEsito: 'Beneficiario sconosciuto' };
 * ```
 */
export interface SimulatedEsitoDecision {
  /** `codice_esito`. */
  readonly codiceEsito: WaasCodiceEsito;
  /** `descrizione_esito`. */
  readonly descrizioneEsito?: string | undefined;
  /** `id_acquisizione_siuss` (set by SIUSS on `OK` only, per the OpenAPI). */
  readonly idAcquisizioneSiuss?: string | undefined;
}

/**
 * The outcome of `decodeWaasEntry` for one pulled entry (the entry, its flow and warnings, or the
 * issues that make it invalid).
 *
 * @example
 * ```ts
 * import type { DecodedWaasEntry } from '@riuso-sociale/siuss-waas/testing';
 * const invalid = (d: DecodedWaasEntry): boolean => !d.ok;
 * ```
 */
export type DecodedWaasEntry = ReturnType<typeof decodeWaasEntry>;

/**
 * Options of {@link simulateInps}: where the endpoint is (`baseUrl` and/or `fetch`) and which
 * voucher to present.
 *
 * @example
 * ```ts
 * import type { SimulateInpsOptions } from '@riuso-sociale/siuss-waas/testing';
 * const o: SimulateInpsOptions = { baseUrl: 'http://127.0.0.1:8080/waas/v1', voucher: 'eyJ…', limit: 10 };
 * ```
 */
export interface SimulateInpsOptions {
  /**
   * Base URL of the WaaS API (the OpenAPI `servers` URL, e.g. `http://127.0.0.1:1234/waas/v1`):
   * `/flussi` and `/esiti` are appended. Required unless `fetch` is given (then the URLs are built
   * on `http://waas.simulator.invalid`, with no path — the handler's default `basePath` `''` — and
   * only seen by `fetch`; give `baseUrl` too for a handler mounted under a `basePath`).
   */
  readonly baseUrl?: string | undefined;
  /**
   * How requests are sent: a function from `Request` to `Response` (e.g. the endpoint's handler
   * itself, with no socket). Default: the global `fetch` on `baseUrl`.
   */
  readonly fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** The PDND voucher to present as `Authorization: Bearer …`, or a function called before each request. */
  readonly voucher: string | (() => Promise<string>);
  /** The first `since` (milliseconds; INPS sends `0` on its first call). Default 0. */
  readonly since?: number | undefined;
  /** `limit` of each `GET /flussi` (0–100). Default 100. */
  readonly limit?: number | undefined;
  /** Maximum number of `GET /flussi` calls: past it the run stops with an error. Default 1000. */
  readonly maxPages?: number | undefined;
  /**
   * The esito of each pulled flow, or `null` for none now. Default: `OK` with a generated
   * `id_acquisizione_siuss` when the entry decodes (`decodeWaasEntry`), `RICHIESTA_INVALIDA` with
   * the first issue's message otherwise.
   */
  readonly decide?: ((entry: WaasFlussoEntry, decoded: DecodedWaasEntry) => SimulatedEsitoDecision | null | Promise<SimulatedEsitoDecision | null>) | undefined;
  /** Whether to post the esiti (`POST /esiti`). Default true. */
  readonly postEsiti?: boolean | undefined;
  /** `ts_acquisizione` of each esito. Default: the system clock (`() => new Date()`). */
  readonly tsAcquisizione?: (() => Date | number) | undefined;
}

/**
 * One flow the simulated INPS pulled.
 *
 * @example
 * ```ts
 * import type { SimulatedFlow } from '@riuso-sociale/siuss-waas/testing';
 * const rejected = (f: SimulatedFlow): boolean => f.esito?.codice_esito === 'RICHIESTA_INVALIDA';
 * ```
 */
export interface SimulatedFlow {
  /** The entry as served (already checked against the OpenAPI `Flusso` schema). */
  readonly entry: WaasFlussoEntry;
  /** The decoded flow, when `decodeWaasEntry` accepted the entry. */
  readonly flow?: SiussFlow;
  /** The issues of `decodeWaasEntry`: its errors, or its warnings when the entry is valid. */
  readonly issues: readonly Issue[];
  /** The esito built for this flow, when `decide` gave one. */
  readonly esito?: WaasEsito;
}

/**
 * What {@link simulateInps} saw and did.
 *
 * @example
 * ```ts
 * import type { InpsSimulationReport } from '@riuso-sociale/siuss-waas/testing';
 * const clean = (r: InpsSimulationReport): boolean => r.errors.length === 0;
 * ```
 */
export interface InpsSimulationReport {
  /** Number of `GET /flussi` calls (the final empty page included). */
  readonly pages: number;
  /** Every pulled flow, in the order served. */
  readonly flows: readonly SimulatedFlow[];
  /** Number of esiti the endpoint acknowledged (a 2xx to `POST /esiti`). */
  readonly esitiPosted: number;
  /**
   * What went wrong, in Italian / English: unexpected status codes, invalid bodies, a repeated or
   * out-of-order `ts_flusso` or a repeated `id_flusso` (the cursor contract), network failures…
   */
  readonly errors: readonly string[];
  /** The final cursor: the `since` INPS would send on its next poll. */
  readonly since: number;
}

const SIMULATOR_BASE = 'http://waas.simulator.invalid';

function misuse(it: string, en: string): TypeError {
  return new TypeError(`simulateInps: ${it} / ${en}`);
}

function integerOption(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw misuse(`${name} deve essere un intero da ${min} a ${max}`, `${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

async function discard(response: Response): Promise<void> {
  try {
    await response.arrayBuffer();
  } catch {
    // The body is not needed.
  }
}

function issueText(issues: readonly Issue[]): string {
  return issues.slice(0, 3).map((i) => `${i.code} ${i.path.join('.')}: ${i.message} / ${i.messageEn}`).join('; ');
}

/**
 * Simulates INPS against a Comune's WaaS endpoint, as INPS's polling loop does (spec §3.1–§3.9):
 *
 * 1. `GET /flussi?since=…&limit=…` with `Authorization: Bearer <voucher>`, page after page, moving
 *    `since` to the `ts_flusso` (in milliseconds) of each page's last entry and stopping on an empty
 *    `elenco_flussi` (or after `maxPages`, with an error);
 * 2. each response checked with `parseFlussiResponse` (OpenAPI `Entries`), each entry decoded with
 *    `decodeWaasEntry` (XSD and cooperazione rule), the cursor contract checked across pages: a
 *    `ts_flusso` not greater than the previous one, or an `id_flusso` seen before, is an error;
 * 3. an esito per flow from `decide`, posted with `POST /esiti` in batches of at most 100
 *    (`buildEsito`, `buildEsitiBody`), each expecting `204`.
 *
 * Whatever the endpoint answers ends up in the report (`errors`); only invalid options throw.
 *
 * @throws TypeError when the options are invalid (no `baseUrl` nor `fetch`, a bad `limit`…).
 * @example
 * ```ts
 * import { createTestAuthority, simulateInps } from '@riuso-sociale/siuss-waas/testing';
 * const authority = await createTestAuthority();
 * const report = await simulateInps({ baseUrl: 'http://127.0.0.1:8080/waas/v1', voucher: () => authority.issue() });
 * console.log(report.flows.length, report.esitiPosted, report.errors);
 * ```
 */
export async function simulateInps(options: SimulateInpsOptions): Promise<InpsSimulationReport> {
  if (options === null || typeof options !== 'object') throw misuse('servono le opzioni', 'options are required');
  if (options.fetch !== undefined && typeof options.fetch !== 'function') throw misuse('fetch deve essere una funzione', 'fetch must be a function');
  if (options.baseUrl === undefined && options.fetch === undefined) throw misuse('serve baseUrl o fetch', 'baseUrl or fetch is required');
  let base = SIMULATOR_BASE;
  if (options.baseUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw misuse('baseUrl non è un URL valido', 'baseUrl is not a valid URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw misuse('baseUrl deve essere http: o https:', 'baseUrl must be http: or https:');
    base = url.href.replace(/\/+$/, '');
  }
  const voucherOption = options.voucher;
  if (!(typeof voucherOption === 'string' && voucherOption !== '') && typeof voucherOption !== 'function') {
    throw misuse('voucher deve essere una stringa non vuota o una funzione', 'voucher must be a non-empty string or a function');
  }
  let since = integerOption(options.since, 'since', 0, Number.MAX_SAFE_INTEGER, 0);
  const limit = integerOption(options.limit, 'limit', 0, WAAS_MAX_ITEMS, WAAS_MAX_ITEMS);
  const maxPages = integerOption(options.maxPages, 'maxPages', 1, 1_000_000, 1000);
  if (options.decide !== undefined && typeof options.decide !== 'function') throw misuse('decide deve essere una funzione', 'decide must be a function');
  if (options.tsAcquisizione !== undefined && typeof options.tsAcquisizione !== 'function') {
    throw misuse('tsAcquisizione deve essere una funzione', 'tsAcquisizione must be a function');
  }
  const send = options.fetch ?? ((request: Request) => fetch(request));
  const tsAcquisizione = options.tsAcquisizione ?? (() => new Date());
  let acquisitions = 0;
  const decide = options.decide ?? ((_entry: WaasFlussoEntry, decoded: DecodedWaasEntry): SimulatedEsitoDecision => {
    if (decoded.ok) return { codiceEsito: 'OK', idAcquisizioneSiuss: String(100_000 + ++acquisitions) };
    return { codiceEsito: 'RICHIESTA_INVALIDA', descrizioneEsito: decoded.issues[0].message };
  });

  const errors: string[] = [];
  const flows: { entry: WaasFlussoEntry; flow?: SiussFlow; issues: readonly Issue[]; esito?: WaasEsito }[] = [];
  const voucher = async (): Promise<string> => (typeof voucherOption === 'string' ? voucherOption : voucherOption());

  /** Sends one request; the response, or `null` after recording the error. */
  async function call(what: string, init: { method: string; url: string; body?: string }): Promise<Response | null> {
    let token: string;
    try {
      token = await voucher();
    } catch (e) {
      errors.push(`${what}: voucher non disponibile / voucher unavailable (${describe(e)})`);
      return null;
    }
    const headers = new Headers({ authorization: `Bearer ${token}`, accept: 'application/json' });
    if (init.body !== undefined) headers.set('content-type', 'application/json');
    try {
      const request = new Request(init.url, { method: init.method, headers, ...(init.body !== undefined ? { body: init.body } : {}) });
      return await send(request);
    } catch (e) {
      errors.push(`${what}: richiesta fallita / request failed (${describe(e)})`);
      return null;
    }
  }

  // 1–2. Pull every page (spec §3.1: until an empty elenco_flussi).
  let pages = 0;
  let lastTs = since;
  const seenIds = new Set<string>();
  for (;;) {
    if (pages >= maxPages) {
      errors.push(`GET /flussi: superato maxPages (${maxPages}) senza una pagina vuota / maxPages (${maxPages}) exceeded without an empty page`);
      break;
    }
    const what = `GET /flussi?since=${since}&limit=${limit}`;
    const response = await call(what, { method: 'GET', url: `${base}/flussi?since=${since}&limit=${limit}` });
    pages++;
    if (response === null) break;
    if (response.status !== 200) {
      errors.push(`${what}: HTTP ${response.status} (atteso 200 / 200 expected)`);
      await discard(response);
      break;
    }
    let text: string;
    try {
      text = await response.text();
    } catch (e) {
      errors.push(`${what}: corpo illeggibile / unreadable body (${describe(e)})`);
      break;
    }
    const parsed = parseFlussiResponse(text);
    if (!parsed.ok) {
      errors.push(`${what}: risposta non conforme all'OpenAPI / response does not match the OpenAPI (${issueText(parsed.issues)})`);
      break;
    }
    const page = parsed.value.elenco_flussi;
    if (page.length === 0) break; // "Risposta vuota": INPS pauses until its next poll (spec §3.5).
    if (page.length > limit) errors.push(`${what}: ${page.length} voci oltre limit ${limit} / ${page.length} entries over limit ${limit}`);

    let pageLast = since;
    for (const entry of page) {
      // parseFlussiResponse checked the date-time, so this is a number.
      const ms = dateTimeToEpochMs(entry.ts_flusso) ?? Number.NaN;
      if (ms === lastTs) {
        errors.push(`${what}: ts_flusso ${entry.ts_flusso} ripetuto (id_flusso ${entry.id_flusso}): con since "maggiore di" un flusso con lo stesso ts andrebbe perso / repeated ts_flusso ${entry.ts_flusso} (id_flusso ${entry.id_flusso}): with a strictly-greater since a flow with the same ts would be lost`);
      } else if (ms < lastTs) {
        errors.push(`${what}: ts_flusso ${entry.ts_flusso} non crescente (id_flusso ${entry.id_flusso}, precedente ${new Date(lastTs).toISOString()}) / ts_flusso ${entry.ts_flusso} out of order (id_flusso ${entry.id_flusso}, previous ${new Date(lastTs).toISOString()})`);
      }
      lastTs = Math.max(lastTs, ms);
      pageLast = ms;
      if (seenIds.has(entry.id_flusso)) {
        errors.push(`${what}: id_flusso ${entry.id_flusso} ripetuto / repeated id_flusso ${entry.id_flusso}`);
      }
      seenIds.add(entry.id_flusso);

      const decoded = decodeWaasEntry(entry);
      const flow: { entry: WaasFlussoEntry; flow?: SiussFlow; issues: readonly Issue[]; esito?: WaasEsito } = decoded.ok
        ? { entry, flow: decoded.value.flow, issues: decoded.value.warnings }
        : { entry, issues: decoded.issues };
      flows.push(flow);
      let decision: SimulatedEsitoDecision | null;
      try {
        decision = await decide(entry, decoded);
      } catch (e) {
        errors.push(`decide(${entry.id_flusso}): ${describe(e)}`);
        continue;
      }
      if (decision === null) continue;
      try {
        flow.esito = buildEsito(entry, {
          tsAcquisizione: tsAcquisizione(),
          codiceEsito: decision.codiceEsito,
          ...(decision.descrizioneEsito !== undefined ? { descrizioneEsito: decision.descrizioneEsito } : {}),
          ...(decision.idAcquisizioneSiuss !== undefined ? { idAcquisizioneSiuss: decision.idAcquisizioneSiuss } : {}),
        });
      } catch (e) {
        errors.push(`buildEsito(${entry.id_flusso}): ${describe(e)}`);
      }
    }
    // INPS moves its cursor to the last flow of the page (spec §3.1–§3.2).
    if (!(pageLast > since)) {
      errors.push(`${what}: il cursore non avanza (ultimo ts_flusso ${new Date(pageLast).toISOString()}): interrotto / the cursor does not move (last ts_flusso ${new Date(pageLast).toISOString()}): stopped`);
      break;
    }
    since = pageLast;
  }

  // 3. POST /esiti in batches of at most 100 (OpenAPI ElencoEsiti maxItems, spec §3.9).
  let esitiPosted = 0;
  const esiti = flows.flatMap((f) => (f.esito === undefined ? [] : [f.esito]));
  if (options.postEsiti !== false) {
    for (let i = 0; i < esiti.length; i += WAAS_MAX_ITEMS) {
      const batch = esiti.slice(i, i + WAAS_MAX_ITEMS);
      const what = `POST /esiti (${i + 1}–${i + batch.length})`;
      const body: Result<unknown> = buildEsitiBody(batch);
      if (!body.ok) {
        errors.push(`${what}: corpo non conforme all'OpenAPI / body does not match the OpenAPI (${issueText(body.issues)})`);
        continue;
      }
      const response = await call(what, { method: 'POST', url: `${base}/esiti`, body: JSON.stringify(body.value) });
      if (response === null) continue;
      await discard(response);
      if (response.status >= 200 && response.status < 300) esitiPosted += batch.length; // any 2xx is "delivered" (spec §3.9)
      if (response.status !== 204) errors.push(`${what}: HTTP ${response.status} (atteso 204 / 204 expected)`);
    }
  }

  return { pages, flows, esitiPosted, errors, since };
}
