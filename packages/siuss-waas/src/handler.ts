// SPDX-License-Identifier: BSD-3-Clause
/**
 * The WaaS endpoint of one Ente as a web-standard handler `(Request) => Promise<Response>`:
 * `GET /flussi`, `POST /esiti`, `GET /status` of the INPS OpenAPI `api-comuni.yaml` v2.0.1, with the
 * behaviour of shared/specs/waas-pdnd.md §3 and the error bodies of §4. Runs wherever the Fetch API
 * does; `serveWaas` (node:http / node:https) and `waasFastifyPlugin` adapt it to a server.
 *
 * What the handler never does: trust `X-Forwarded-*` (it reads only the path, the query, the
 * `Authorization`, `Content-Type` and `Content-Length` headers and the body), log the token or a
 * `descrizione_esito`, echo a received value in an error, or throw to the server.
 * @module
 */
import {
  dateTimeToEpochMs,
  ID_FLUSSO_MAX_LENGTH,
  parseEsitiBody,
  WAAS_DEFAULT_LIMIT,
  WAAS_DENOMINAZIONE_MAX_LENGTH,
  WAAS_FLUSSO_MAX_LENGTH,
  WAAS_MAX_ITEMS,
} from '@riuso-sociale/siuss-schema';
import type { Issue } from '@riuso-sociale/core';
import { problemResponse, type ProblemText } from './problem.js';
import { createRateLimiter, type RateLimiter, type RateLimitOptions } from './rate-limit.js';
import type { VoucherVerifier, WaasCaller, WaasEsitoOutcome, WaasEsitoRecord, WaasFlow, WaasLogEvent, WaasLogger, WaasSource } from './types.js';

/**
 * A web-standard request handler (Fetch API): what {@link createWaasHandler} returns and the
 * adapters (`serveWaas`, `waasFastifyPlugin`) take.
 *
 * @example
 * ```ts
 * import type { WaasFetchHandler } from '@riuso-sociale/siuss-waas';
 * const notFound: WaasFetchHandler = async () => new Response(null, { status: 404 });
 * ```
 */
export type WaasFetchHandler = (request: Request) => Promise<Response>;

/**
 * The Ente whose flows the handler serves: `codice_ente` and `denominazione_ente` of every
 * `elenco_flussi` entry (OpenAPI `Flusso`).
 *
 * @example
 * ```ts
 * import type { WaasEnte } from '@riuso-sociale/siuss-waas';
 * const ente: WaasEnte = { codice: 'A944', denominazione: 'Comune di Bologna' };
 * ```
 */
export interface WaasEnte {
  /** Belfiore code, `^[A-Z][0-9]{3}$` (OpenAPI `Flusso.codice_ente`). */
  readonly codice: string;
  /** Name of the Ente, 1–256 characters (OpenAPI `Flusso.denominazione_ente`). */
  readonly denominazione: string;
}

/**
 * Options of {@link createWaasHandler}.
 *
 * @example
 * ```ts
 * import type { WaasHandlerOptions } from '@riuso-sociale/siuss-waas';
 * // const options: WaasHandlerOptions = { source, voucher, ente: { codice: 'A944', denominazione: 'Comune di Bologna' } };
 * ```
 */
export interface WaasHandlerOptions {
  /** Where the flows come from and the esiti go. */
  readonly source: WaasSource;
  /** The Ente served (one handler per Ente: an Ambito mounts one per Comune under different `basePath`s). */
  readonly ente: WaasEnte;
  /** Checks the PDND voucher of `/flussi` and `/esiti` (`/status` needs none, waas-pdnd.md §3.10). */
  readonly voucher: VoucherVerifier;
  /**
   * Path prefix of the three resources, e.g. `/waas/v1/A944` (default `''`: `/flussi`, `/esiti`,
   * `/status`). Empty or `/segment[/segment…]` without a trailing slash.
   */
  readonly basePath?: string;
  /** Largest `POST /esiti` body in bytes (default 1 MiB); bigger → `413`. */
  readonly maxBodyBytes?: number;
  /** Requests per PDND `client_id` and window (default 600 per 60 s), or `false` for none. */
  readonly rateLimit?: RateLimitOptions | false;
  /** Where log lines go (default: one JSON line per event on standard error). */
  readonly logger?: WaasLogger;
  /** The clock (default `() => new Date()`), read by the rate limiter. */
  readonly now?: () => Date;
}

/**
 * Default largest request body: 1 MiB (100 esiti take a few tens of kilobytes).
 *
 * @example
 * ```ts
 * import { WAAS_DEFAULT_MAX_BODY_BYTES } from '@riuso-sociale/siuss-waas';
 * WAAS_DEFAULT_MAX_BODY_BYTES; // 1048576
 * ```
 */
export const WAAS_DEFAULT_MAX_BODY_BYTES = 1_048_576;

/**
 * `Retry-After` of a `503` (seconds; OpenAPI header `Retry-After`, 0–3600).
 *
 * @example
 * ```ts
 * import { WAAS_RETRY_AFTER_SEC } from '@riuso-sociale/siuss-waas';
 * WAAS_RETRY_AFTER_SEC; // 30
 * ```
 */
export const WAAS_RETRY_AFTER_SEC = 30;

/**
 * Default rate limit: 600 requests per PDND client and minute.
 *
 * @example
 * ```ts
 * import { createWaasHandler, WAAS_DEFAULT_RATE_LIMIT } from '@riuso-sociale/siuss-waas';
 * const handler = createWaasHandler({ ...options, rateLimit: { ...WAAS_DEFAULT_RATE_LIMIT, requests: 120 } });
 * ```
 */
export const WAAS_DEFAULT_RATE_LIMIT: RateLimitOptions = Object.freeze({ requests: 600, windowSec: 60 });

/**
 * The `code` of the error with which an adapter errors a request body stream it cut at its own byte
 * limit: the handler answers it `413` like its own limit.
 *
 * @example
 * ```ts
 * import { WAAS_BODY_TOO_LARGE } from '@riuso-sociale/siuss-waas';
 * const error = Object.assign(new RangeError('body too large'), { code: WAAS_BODY_TOO_LARGE });
 * // controller.error(error) in the body's ReadableStream
 * ```
 */
export const WAAS_BODY_TOO_LARGE = 'WAAS_BODY_TOO_LARGE';

// ---------------------------------------------------------------------------------------------
// Texts of the problems (bilingual, no personal data, no internals: RFC 9457 §3.1.4, waas-pdnd.md §4)

const TEXT = {
  notFound: { it: 'Risorsa inesistente', en: 'No such resource' },
  method: { it: 'Metodo non ammesso per questa risorsa', en: 'Method not allowed for this resource' },
  // ModI: the same text whatever check failed (waas-pdnd.md §1.5 step 10).
  unauthorized: { it: 'Voucher PDND mancante o non valido', en: 'Missing or invalid PDND voucher' },
  forbidden: { it: 'Voucher PDND valido ma non autorizzato per questa risorsa', en: 'Valid PDND voucher not authorised for this resource' },
  rateLimited: { it: 'Troppe richieste: riprovare dopo Retry-After secondi', en: 'Too many requests: retry after Retry-After seconds' },
  unavailable: { it: 'Servizio temporaneamente non disponibile: riprovare dopo Retry-After secondi', en: 'Service temporarily unavailable: retry after Retry-After seconds' },
  internal: { it: "Errore interno: l'istanza è registrata per gli operatori", en: 'Internal error: the instance is logged for the operators' },
  mediaType: { it: 'Content-Type deve essere application/json (UTF-8)', en: 'Content-Type must be application/json (UTF-8)' },
  tooLarge: (max: number): ProblemText => ({ it: `Corpo oltre ${max} byte`, en: `Body over ${max} bytes` }),
  contentLength: { it: 'Content-Length non valido', en: 'Invalid Content-Length' },
  unreadable: { it: 'Corpo della richiesta illeggibile', en: 'Unreadable request body' },
  utf8: { it: 'Il corpo non è UTF-8 valido', en: 'The body is not valid UTF-8' },
  badUrl: { it: 'URL della richiesta non valido', en: 'Invalid request URL' },
} as const satisfies Record<string, ProblemText | ((n: number) => ProblemText)>;

// ---------------------------------------------------------------------------------------------
// Options

const BELFIORE_RE = /^[A-Z][0-9]{3}$/;
const BASE_PATH_RE = /^(?:\/[A-Za-z0-9._~!$&'()*+,;=:@-]+)*$/;
/** Largest instant whose ISO form has a 4-digit year (OpenAPI `format: date-time`, RFC 3339). */
const MAX_TS_FLUSSO = 253_402_300_799_999;

interface Config {
  readonly source: WaasSource;
  readonly ente: WaasEnte;
  readonly voucher: VoucherVerifier;
  readonly basePath: string;
  readonly maxBodyBytes: number;
  readonly limiter: RateLimiter | null;
  readonly log: WaasLogger;
  readonly now: () => Date;
}

function optionError(it: string, en: string): TypeError {
  return new TypeError(`createWaasHandler: ${it} / ${en}`);
}

function isFunction(value: unknown): value is (...args: never[]) => unknown {
  return typeof value === 'function';
}

/** One JSON line per event on standard error (or `console.error` where there is no `process`). */
function defaultLogger(event: WaasLogEvent): void {
  const line = `${JSON.stringify({ time: new Date().toISOString(), ...event })}\n`;
  const stderr = (globalThis as { process?: { stderr?: { write?: (s: string) => unknown } } }).process?.stderr;
  if (stderr?.write !== undefined) stderr.write(line);
  else console.error(line.trimEnd());
}

function checkOptions(options: WaasHandlerOptions): Config {
  if (options === null || typeof options !== 'object') throw optionError('serve un oggetto di opzioni', 'an options object is required');
  const { source, ente, voucher } = options;
  if (source === null || typeof source !== 'object' || !isFunction(source.listFlows) || !isFunction(source.recordEsiti) || !isFunction(source.ping)) {
    throw optionError('source deve implementare listFlows, recordEsiti e ping (WaasSource)', 'source must implement listFlows, recordEsiti and ping (WaasSource)');
  }
  if (ente === null || typeof ente !== 'object' || typeof ente.codice !== 'string' || !BELFIORE_RE.test(ente.codice)) {
    throw optionError('ente.codice deve essere un codice Belfiore (una lettera maiuscola e 3 cifre, es. A944)', 'ente.codice must be a Belfiore code (one capital letter and 3 digits, e.g. A944)');
  }
  if (typeof ente.denominazione !== 'string' || ente.denominazione.trim() === '' || ente.denominazione.length > WAAS_DENOMINAZIONE_MAX_LENGTH) {
    throw optionError(`ente.denominazione deve essere un testo da 1 a ${WAAS_DENOMINAZIONE_MAX_LENGTH} caratteri`, `ente.denominazione must be a text of 1 to ${WAAS_DENOMINAZIONE_MAX_LENGTH} characters`);
  }
  if (voucher === null || typeof voucher !== 'object' || !isFunction(voucher.verify)) {
    throw optionError('voucher deve avere un metodo verify (VoucherVerifier)', 'voucher must have a verify method (VoucherVerifier)');
  }
  const basePath = options.basePath ?? '';
  if (typeof basePath !== 'string' || !BASE_PATH_RE.test(basePath)) {
    throw optionError("basePath deve essere '' o /segmento[/segmento…] senza barra finale, es. /waas/v1/A944", "basePath must be '' or /segment[/segment…] without a trailing slash, e.g. /waas/v1/A944");
  }
  const maxBodyBytes = options.maxBodyBytes ?? WAAS_DEFAULT_MAX_BODY_BYTES;
  if (typeof maxBodyBytes !== 'number' || !Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1 || maxBodyBytes > 2 ** 30) {
    throw optionError('maxBodyBytes deve essere un intero da 1 a 2^30', 'maxBodyBytes must be an integer from 1 to 2^30');
  }
  const rateLimit = options.rateLimit ?? WAAS_DEFAULT_RATE_LIMIT;
  let limiter: RateLimiter | null = null;
  if (rateLimit !== false) {
    try {
      limiter = createRateLimiter(rateLimit);
    } catch (e) {
      throw new TypeError(`createWaasHandler: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (options.logger !== undefined && !isFunction(options.logger)) throw optionError('logger deve essere una funzione', 'logger must be a function');
  if (options.now !== undefined && !isFunction(options.now)) throw optionError('now deve essere una funzione', 'now must be a function');
  const logger = options.logger ?? defaultLogger;
  const log: WaasLogger = (event) => {
    try {
      logger(event);
    } catch {
      // A failing logger never breaks an answer.
    }
  };
  return {
    source, voucher, basePath, maxBodyBytes, limiter, log,
    ente: { codice: ente.codice, denominazione: ente.denominazione },
    now: options.now ?? (() => new Date()),
  };
}

// ---------------------------------------------------------------------------------------------
// Per-request context: what the request log line carries (never the token, never a query value
// other than the since/limit numbers, never a descrizione).

interface Context {
  readonly method: string;
  path: string;
  status?: number;
  clientId?: string;
  purposeId?: string;
  jti?: string;
  instance?: string;
  since?: number | string;
  limit?: number;
  flows?: number;
  esiti?: number;
  rateHeaders?: Record<string, string>;
}

/** Fields of a log line taken from the context (only those set). */
function who(ctx: Context): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (ctx.clientId !== undefined) out.clientId = ctx.clientId;
  if (ctx.purposeId !== undefined) out.purposeId = ctx.purposeId;
  if (ctx.jti !== undefined) out.jti = ctx.jti;
  return out;
}

function newInstance(): string {
  return `urn:uuid:${globalThis.crypto.randomUUID()}`;
}

/** A log field from an untrusted string: bounded, control characters replaced. */
function logText(value: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

// ---------------------------------------------------------------------------------------------
// The handler

/**
 * Creates the WaaS handler of one Ente (waas-pdnd.md §3): `GET {basePath}/flussi` (voucher),
 * `POST {basePath}/esiti` (voucher), `GET {basePath}/status` (no voucher). Every error is an RFC 9457
 * problem (`application/problem+json`, OpenAPI `Problem` properties only); nothing is ever thrown to
 * the server. `HEAD` is answered like `GET` without a body on `/status` (for monitors) and `405` on
 * `/flussi` (whose source may record a fetch). Invalid options throw a `TypeError`.
 *
 * @example
 * ```ts
 * import { createWaasHandler, serveWaas } from '@riuso-sociale/siuss-waas';
 * const handler = createWaasHandler({
 *   source, voucher,
 *   ente: { codice: 'A944', denominazione: 'Comune di Bologna' },
 *   basePath: '/waas/v1/A944',
 * });
 * const response = await handler(new Request('https://comune.example/waas/v1/A944/status'));
 * response.status; // 200 while the source answers
 * ```
 */
export function createWaasHandler(options: WaasHandlerOptions): WaasFetchHandler {
  const cfg = checkOptions(options);

  return async function waasHandler(request: Request): Promise<Response> {
    const started = performance.now();
    const ctx: Context = { method: typeof request?.method === 'string' ? logText(request.method, 16) : '?', path: '?' };
    let response: Response;
    try {
      response = await dispatch(cfg, request, ctx);
    } catch (e) {
      // Anything unexpected: 500, the stack logged, never returned (RFC 9457 §3.1.4, §5).
      ctx.instance = newInstance();
      const error = e instanceof Error ? e : new Error(String(e));
      cfg.log({
        level: 'error', event: 'handler.error', instance: ctx.instance, method: ctx.method, path: ctx.path,
        error: logText(error.name, 64), message: logText(error.message, 500), stack: (error.stack ?? '').slice(0, 4000), ...who(ctx),
      });
      response = problemResponse(500, TEXT.internal, { instance: ctx.instance });
    }
    try {
      if (ctx.rateHeaders !== undefined) for (const [k, v] of Object.entries(ctx.rateHeaders)) response.headers.set(k, v);
      response.headers.set('x-content-type-options', 'nosniff');
      if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'no-store');
    } catch {
      // Immutable headers (a Response from elsewhere): leave them.
    }
    if (ctx.method === 'HEAD' && response.body !== null) {
      await response.body.cancel().catch(() => undefined);
      response = new Response(null, { status: response.status, headers: response.headers });
    }
    const status = response.status;
    cfg.log({
      level: status >= 500 ? 'error' : 'info', event: 'request', method: ctx.method, path: ctx.path, status,
      ms: Math.round((performance.now() - started) * 10) / 10, ...who(ctx),
      ...(ctx.instance !== undefined ? { instance: ctx.instance } : {}),
      ...(ctx.since !== undefined ? { since: ctx.since } : {}),
      ...(ctx.limit !== undefined ? { limit: ctx.limit } : {}),
      ...(ctx.flows !== undefined ? { flows: ctx.flows } : {}),
      ...(ctx.esiti !== undefined ? { esiti: ctx.esiti } : {}),
    });
    return response;
  };
}

type Route = 'flussi' | 'esiti' | 'status';
const ROUTES: Readonly<Record<string, { route: Route; allow: string }>> = {
  '/flussi': { route: 'flussi', allow: 'GET' },
  '/esiti': { route: 'esiti', allow: 'POST' },
  '/status': { route: 'status', allow: 'GET, HEAD' },
};

/** A problem whose `instance` is remembered for the request log line. */
function problem(ctx: Context, status: number, text: ProblemText, headers?: Record<string, string>): Response {
  ctx.instance = newInstance();
  return problemResponse(status, text, { instance: ctx.instance, ...(headers !== undefined ? { headers } : {}) });
}

async function dispatch(cfg: Config, request: Request, ctx: Context): Promise<Response> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return problem(ctx, 400, TEXT.badUrl);
  }
  ctx.path = logText(url.pathname);
  const pathname = url.pathname;
  // basePath mounting: one handler per Ente (an Ambito serves several Comuni).
  const entry = pathname.startsWith(`${cfg.basePath}/`) ? ROUTES[pathname.slice(cfg.basePath.length)] : undefined;
  if (entry === undefined) return problem(ctx, 404, TEXT.notFound);
  const method = request.method;
  const allowed = entry.route === 'flussi' ? method === 'GET' : entry.route === 'esiti' ? method === 'POST' : method === 'GET' || method === 'HEAD';
  if (!allowed) return problem(ctx, 405, TEXT.method, { allow: entry.allow });

  // GET /status: no voucher, no internals (waas-pdnd.md §3.10; S15 paths-status).
  if (entry.route === 'status') return status(cfg, ctx);

  // /flussi and /esiti: PDND voucher (waas-pdnd.md §1.5, §3.11 #6), then the rate limit (§3.10).
  const caller = await authenticate(cfg, request, ctx);
  if (caller instanceof Response) return caller;
  if (cfg.limiter !== null) {
    const d = cfg.limiter.take(caller.clientId, nowMs(cfg));
    ctx.rateHeaders = {
      'x-ratelimit-limit': String(d.limit),
      'x-ratelimit-remaining': String(d.remaining),
      'x-ratelimit-reset': String(d.resetSec),
    };
    if (!d.allowed) {
      const response = problem(ctx, 429, TEXT.rateLimited, { 'retry-after': String(d.resetSec) });
      cfg.log({ level: 'warn', event: 'rate.limited', instance: ctx.instance ?? '', limit: d.limit, resetSec: d.resetSec, ...who(ctx) });
      return response;
    }
  }
  return entry.route === 'flussi' ? flussi(cfg, url, caller, ctx) : esiti(cfg, request, caller, ctx);
}

function nowMs(cfg: Config): number {
  const t = cfg.now().getTime();
  if (!Number.isFinite(t)) throw new RangeError('now() returned an invalid Date');
  return t;
}

/** Checks the voucher: the caller, or a 401/403 problem (RFC 6750 §3.1; ModI: nothing on which check failed). */
async function authenticate(cfg: Config, request: Request, ctx: Context): Promise<WaasCaller | Response> {
  const check = await cfg.voucher.verify(request.headers.get('authorization'));
  if (check.ok) {
    const { clientId, purposeId, jti, consumerId } = check.claims;
    ctx.clientId = clientId;
    ctx.purposeId = purposeId;
    ctx.jti = jti;
    return consumerId !== undefined ? { clientId, purposeId, jti, consumerId } : { clientId, purposeId, jti };
  }
  const claims = check.claims ?? {};
  if (typeof claims.clientId === 'string') ctx.clientId = logText(claims.clientId, 64);
  if (typeof claims.purposeId === 'string') ctx.purposeId = logText(claims.purposeId, 64);
  if (typeof claims.jti === 'string') ctx.jti = logText(claims.jti, 128);
  const status = check.status === 403 ? 403 : 401;
  const response = status === 403
    ? problem(ctx, 403, TEXT.forbidden)
    : problem(ctx, 401, TEXT.unauthorized, { 'www-authenticate': 'Bearer error="invalid_token"' });
  cfg.log({
    level: 'warn', event: 'voucher.refused', status, reason: logText(typeof check.reason === 'string' ? check.reason : '?'),
    instance: ctx.instance ?? '', path: ctx.path, ...who(ctx),
  });
  return response;
}

/** A failed source call: `.unavailable` → 503 + Retry-After (INPS retries), anything else 500. */
function sourceFailure(cfg: Config, ctx: Context, operation: string, issues: readonly Issue[]): Response {
  const code = typeof issues[0]?.code === 'string' ? logText(issues[0].code, 64) : '?';
  const transient = code.endsWith('.unavailable');
  const response = transient
    ? problem(ctx, 503, TEXT.unavailable, { 'retry-after': String(WAAS_RETRY_AFTER_SEC) })
    : problem(ctx, 500, TEXT.internal);
  cfg.log({ level: transient ? 'warn' : 'error', event: 'source.failed', operation, code, instance: ctx.instance ?? '', ...who(ctx) });
  return response;
}

/** A source that answered something the contract forbids: 500, logged (a broken source must not make INPS skip flows). */
function sourceInvalid(cfg: Config, ctx: Context, operation: string, rule: string, fields: Record<string, string | number> = {}): Response {
  const response = problem(ctx, 500, TEXT.internal);
  cfg.log({ level: 'error', event: 'source.invalid', operation, rule, ...fields, instance: ctx.instance ?? '', ...who(ctx) });
  return response;
}

// ---------------------------------------------------------------------------------------------
// GET /status

async function status(cfg: Config, ctx: Context): Promise<Response> {
  let up = false;
  let code = '?';
  try {
    const r = await cfg.source.ping();
    up = r.ok && r.value === true;
    if (!r.ok) code = logText(r.issues[0].code, 64);
  } catch (e) {
    code = e instanceof Error ? logText(e.name, 64) : 'throw';
  }
  // OpenAPI /status 200: application/problem+json `Problem`.
  if (up) {
    return new Response(JSON.stringify({ status: 200, title: 'OK' }), { status: 200, headers: { 'content-type': 'application/problem+json' } });
  }
  const response = problem(ctx, 503, TEXT.unavailable, { 'retry-after': String(WAAS_RETRY_AFTER_SEC) });
  cfg.log({ level: 'warn', event: 'status.down', code, instance: ctx.instance ?? '' });
  return response;
}

// ---------------------------------------------------------------------------------------------
// GET /flussi

/** The one value of a query parameter, `null` when absent, `undefined` when repeated (ambiguous). */
function single(params: URLSearchParams, name: string): string | null | undefined {
  const values = params.getAll(name);
  if (values.length === 0) return null;
  return values.length === 1 ? (values[0] as string) : undefined;
}

const LIMIT_RE = /^\d{1,3}$/;

function parseFlussiQuery(params: URLSearchParams): { since: bigint; limit: number } | ProblemText {
  // since: required, digits only, 0–10^20 (waas-pdnd.md §3.2; OpenAPI UnixTimestamp).
  const since = single(params, 'since');
  if (since === undefined) return { it: 'Parametro since ripetuto: ambiguo', en: 'Repeated since parameter: ambiguous' };
  if (since === null) return { it: 'Parametro since obbligatorio (millisecondi, 0 alla prima acquisizione)', en: 'The since parameter is required (milliseconds, 0 for the first acquisition)' };
  const sinceValue = /^\d{1,21}$/.test(since) ? BigInt(since) : null;
  if (sinceValue === null || sinceValue > 10n ** 20n) {
    return { it: 'Parametro since non valido: intero di millisecondi da 0 a 10^20', en: 'Invalid since parameter: integer milliseconds from 0 to 10^20' };
  }
  // limit: optional, 0–100, default 10 (§3.3; OpenAPI); absent → max_entries of the PDF examples (§3.11 #1).
  const limit = single(params, 'limit');
  if (limit === undefined) return { it: 'Parametro limit ripetuto: ambiguo', en: 'Repeated limit parameter: ambiguous' };
  let limitValue = WAAS_DEFAULT_LIMIT;
  if (limit !== null) {
    if (!LIMIT_RE.test(limit) || Number(limit) > WAAS_MAX_ITEMS) {
      return { it: `Parametro limit non valido: intero da 0 a ${WAAS_MAX_ITEMS}`, en: `Invalid limit parameter: integer from 0 to ${WAAS_MAX_ITEMS}` };
    }
    limitValue = Number(limit);
  } else {
    const maxEntries = single(params, 'max_entries');
    if (maxEntries === undefined) return { it: 'Parametro max_entries ripetuto: ambiguo', en: 'Repeated max_entries parameter: ambiguous' };
    if (maxEntries !== null) {
      if (!LIMIT_RE.test(maxEntries) || Number(maxEntries) > WAAS_MAX_ITEMS) {
        return { it: `Parametro max_entries non valido: intero da 0 a ${WAAS_MAX_ITEMS}`, en: `Invalid max_entries parameter: integer from 0 to ${WAAS_MAX_ITEMS}` };
      }
      limitValue = Number(maxEntries);
    }
  }
  return { since: sinceValue, limit: limitValue };
}

const EMPTY_FLUSSI = '{"elenco_flussi":[]}';

function jsonResponse(body: string | ReadableStream<Uint8Array>): Response {
  return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
}

/** Base64 (RFC 4648 §4, OpenAPI `format: byte`) of bytes, in chunks a multiple of 3 long. */
function toBase64(bytes: Uint8Array): string {
  const CHUNK = 3 * 8190;
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) {
    parts.push(btoa(String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[])));
  }
  return parts.join('');
}

async function flussi(cfg: Config, url: URL, caller: WaasCaller, ctx: Context): Promise<Response> {
  const query = parseFlussiQuery(url.searchParams);
  if ('it' in query) return problem(ctx, 400, query);
  const { since, limit } = query;
  ctx.since = since <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(since) : since.toString();
  ctx.limit = limit;
  // limit 0 asks for nothing; a since no millisecond timestamp can exceed has nothing after it.
  // Both: the empty list, which is 200 and never 204/404 (waas-pdnd.md §3.5).
  if (limit === 0 || since > BigInt(Number.MAX_SAFE_INTEGER)) {
    ctx.flows = 0;
    return jsonResponse(EMPTY_FLUSSI);
  }
  const sinceMs = Number(since);
  const result = await cfg.source.listFlows({ since: sinceMs, limit }, caller);
  if (!result.ok) return sourceFailure(cfg, ctx, 'listFlows', result.issues);
  const flows: unknown = result.value;
  // Defensive: drop nothing silently (waas-pdnd.md §3.4). INPS moves its cursor to the last ts_flusso
  // it receives, so a flow out of order, a tie or one at/before since would be skipped for ever.
  if (!Array.isArray(flows)) return sourceInvalid(cfg, ctx, 'listFlows', 'not_an_array');
  if (flows.length > limit) return sourceInvalid(cfg, ctx, 'listFlows', 'over_limit', { count: flows.length });
  const encoder = new TextEncoder();
  const encoded: { flow: WaasFlow; bytes: Uint8Array }[] = [];
  let previous = sinceMs;
  for (let index = 0; index < flows.length; index++) {
    const flow = flows[index] as Partial<WaasFlow> | null;
    if (flow === null || typeof flow !== 'object') return sourceInvalid(cfg, ctx, 'listFlows', 'not_a_flow', { index });
    const { idFlusso, tsFlusso, tipo, xml } = flow;
    if (typeof idFlusso !== 'string' || idFlusso === '' || idFlusso.length > ID_FLUSSO_MAX_LENGTH) {
      return sourceInvalid(cfg, ctx, 'listFlows', 'id_flusso', { index });
    }
    const id = logText(idFlusso, ID_FLUSSO_MAX_LENGTH);
    if (tipo !== 'PS_PSA_SINA' && tipo !== 'SINBA') return sourceInvalid(cfg, ctx, 'listFlows', 'tipo', { index, id_flusso: id });
    if (typeof xml !== 'string') return sourceInvalid(cfg, ctx, 'listFlows', 'xml', { index, id_flusso: id });
    if (typeof tsFlusso !== 'number' || !Number.isSafeInteger(tsFlusso) || tsFlusso < 0 || tsFlusso > MAX_TS_FLUSSO) {
      return sourceInvalid(cfg, ctx, 'listFlows', 'ts_flusso', { index, id_flusso: id });
    }
    if (tsFlusso <= sinceMs) return sourceInvalid(cfg, ctx, 'listFlows', 'ts_flusso_not_after_since', { index, id_flusso: id, ts_flusso: tsFlusso });
    if (tsFlusso <= previous) {
      return sourceInvalid(cfg, ctx, 'listFlows', tsFlusso === previous ? 'ts_flusso_duplicate' : 'ts_flusso_out_of_order', { index, id_flusso: id, ts_flusso: tsFlusso });
    }
    previous = tsFlusso;
    const bytes = encoder.encode(xml);
    const base64Length = Math.ceil(bytes.length / 3) * 4;
    // OpenAPI Flusso.flusso maxLength 10 000 000: such a flow cannot be served (split it at the source).
    if (base64Length > WAAS_FLUSSO_MAX_LENGTH) {
      return sourceInvalid(cfg, ctx, 'listFlows', 'flusso_too_large', { index, id_flusso: id, length: base64Length });
    }
    encoded.push({ flow: { idFlusso, tsFlusso, tipo, xml: '' }, bytes });
  }
  ctx.flows = encoded.length;
  if (encoded.length === 0) return jsonResponse(EMPTY_FLUSSI);
  // Streamed one entry at a time: 100 flows of 10 MB each would not fit one string.
  let next = -1;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (next === -1) {
        controller.enqueue(encoder.encode('{"elenco_flussi":['));
        next = 0;
        return;
      }
      const item = encoded[next];
      if (item === undefined) {
        controller.enqueue(encoder.encode(']}'));
        controller.close();
        return;
      }
      // Exactly the six OpenAPI Flusso properties (additionalProperties: false).
      const entry = {
        codice_ente: cfg.ente.codice,
        denominazione_ente: cfg.ente.denominazione,
        id_flusso: item.flow.idFlusso,
        tipo: item.flow.tipo,
        // UTC with 3-digit milliseconds: Date.parse gives back the since INPS will send (§3.6).
        ts_flusso: new Date(item.flow.tsFlusso).toISOString(),
        flusso: toBase64(item.bytes),
      };
      encoded[next] = { flow: item.flow, bytes: new Uint8Array(0) };
      controller.enqueue(encoder.encode(`${next === 0 ? '' : ','}${JSON.stringify(entry)}`));
      next++;
    },
  });
  return jsonResponse(stream);
}

// ---------------------------------------------------------------------------------------------
// POST /esiti

/** `application/json` with at most a UTF-8 charset (RFC 8259 §8.1: JSON between systems is UTF-8). */
function isJsonContentType(value: string | null): boolean {
  if (value === null) return false;
  const [type = '', ...params] = value.split(';');
  if (type.trim().toLowerCase() !== 'application/json') return false;
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0) {
      if (param.trim() === '') continue;
      return false;
    }
    const name = param.slice(0, eq).trim().toLowerCase();
    const v = param.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1').toLowerCase();
    if (name === 'charset' && v !== 'utf-8' && v !== 'utf8') return false;
  }
  return true;
}

type Body = { text: string } | { error: 'too_large' | 'unreadable' | 'utf8' };

function isBodyTooLarge(e: unknown): boolean {
  return e !== null && typeof e === 'object' && (e as { code?: unknown }).code === WAAS_BODY_TOO_LARGE;
}

/** Reads the body up to `max` bytes, never buffering more (the stream is cancelled past the limit). */
async function readBody(request: Request, max: number): Promise<Body> {
  if (request.body === null) return { text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > max) {
        await reader.cancel().catch(() => undefined);
        return { error: 'too_large' };
      }
      chunks.push(value);
    }
  } catch (e) {
    return { error: isBodyTooLarge(e) ? 'too_large' : 'unreadable' };
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { error: 'utf8' };
  }
}

/** JSON path of an issue (`elenco_esiti[3].ts_flusso`): schema keys and indexes only, never values. */
function issuePath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out === '' ? '' : '.'}${logText(String(p), 40)}`;
  return out;
}

/** The rule an issue of parseEsitiBody broke, in both languages, without the received value. */
function issueRule(issue: Issue): ProblemText {
  const p = issue.params;
  switch (issue.code) {
    case 'siuss.waas.json.syntax':
      return { it: 'JSON non valido', en: 'invalid JSON' };
    case 'siuss.waas.json.required':
      return { it: 'campo obbligatorio mancante', en: 'required field missing' };
    case 'siuss.waas.json.type':
      return { it: `tipo errato (atteso ${String(p.expected ?? '?')})`, en: `wrong type (${String(p.expected ?? '?')} expected)` };
    case 'siuss.waas.json.unknown_property':
      return { it: 'proprietà non ammesse (additionalProperties: false)', en: 'properties not allowed (additionalProperties: false)' };
    case 'siuss.waas.json.too_big':
      return { it: `oltre il massimo di ${String(p.maximum ?? WAAS_MAX_ITEMS)}`, en: `over the maximum of ${String(p.maximum ?? WAAS_MAX_ITEMS)}` };
    case 'siuss.waas.json.enum':
      return { it: `valore non ammesso (ammessi: ${String(p.allowed ?? '?')})`, en: `value not allowed (allowed: ${String(p.allowed ?? '?')})` };
    case 'siuss.waas.json.date_time':
      return { it: 'data-ora RFC 3339 non valida', en: 'invalid RFC 3339 date-time' };
    default:
      return { it: 'valore non valido', en: 'invalid value' };
  }
}

/** `detail` of a 400 on the esiti body: up to 5 issues as `path: rule` (RFC 9457 §3.1.4). */
function esitiDetail(issues: readonly Issue[]): ProblemText {
  const shown = issues.slice(0, 5);
  const more = issues.length - shown.length;
  const it = shown.map((i) => `${issuePath(i.path) || 'corpo'}: ${issueRule(i).it}`);
  const en = shown.map((i) => `${issuePath(i.path) || 'body'}: ${issueRule(i).en}`);
  return {
    it: `Corpo non conforme a ElencoEsiti: ${it.join('; ')}${more > 0 ? ` (e altri ${more})` : ''}`,
    en: `Body does not match ElencoEsiti: ${en.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}`,
  };
}

const OUTCOMES: ReadonlySet<string> = new Set<WaasEsitoOutcome>(['recorded', 'duplicate', 'already-final', 'unknown-flow', 'mismatch', 'invalid']);

async function esiti(cfg: Config, request: Request, caller: WaasCaller, ctx: Context): Promise<Response> {
  if (!isJsonContentType(request.headers.get('content-type'))) return problem(ctx, 415, TEXT.mediaType);
  // Content-Length first: a body announced too large is refused unread.
  const length = request.headers.get('content-length');
  if (length !== null) {
    if (!/^\d{1,16}$/.test(length.trim())) return problem(ctx, 400, TEXT.contentLength);
    if (Number(length.trim()) > cfg.maxBodyBytes) return problem(ctx, 413, TEXT.tooLarge(cfg.maxBodyBytes));
  }
  const body = await readBody(request, cfg.maxBodyBytes);
  if ('error' in body) {
    if (body.error === 'too_large') return problem(ctx, 413, TEXT.tooLarge(cfg.maxBodyBytes));
    return problem(ctx, 400, body.error === 'utf8' ? TEXT.utf8 : TEXT.unreadable);
  }
  const parsed = parseEsitiBody(body.text);
  if (!parsed.ok) return problem(ctx, 400, esitiDetail(parsed.issues));
  const list = parsed.value.body.elenco_esiti;
  ctx.esiti = list.length;
  const warnings = new Map<string, number>();
  for (const w of parsed.value.warnings) warnings.set(w.code, (warnings.get(w.code) ?? 0) + 1);
  for (const [code, count] of warnings) cfg.log({ level: 'warn', event: 'esiti.warning', code, count, ...who(ctx) });
  // An empty list (or none): nothing to record, delivered (OpenAPI ElencoEsiti: 0–100 items).
  if (list.length === 0) {
    cfg.log({ level: 'info', event: 'esiti', received: 0, ...who(ctx) });
    return new Response(null, { status: 204 });
  }
  const records: WaasEsitoRecord[] = [];
  for (const e of list) {
    const tsFlusso = dateTimeToEpochMs(e.ts_flusso);
    if (tsFlusso === null) throw new Error('parseEsitiBody let an invalid ts_flusso through');
    records.push({
      idFlusso: e.id_flusso,
      tipo: e.tipo,
      tsFlusso,
      tsAcquisizione: e.ts_acquisizione,
      codice: e.codice_esito,
      ...(e.descrizione_esito !== undefined ? { descrizione: e.descrizione_esito } : {}),
      ...(e.id_acquisizione_siuss !== undefined ? { idAcquisizione: e.id_acquisizione_siuss } : {}),
    });
  }
  // One call, all or nothing (WaasSource.recordEsiti); a failure makes INPS redeliver (§3.9).
  const result = await cfg.source.recordEsiti(records, caller);
  if (!result.ok) return sourceFailure(cfg, ctx, 'recordEsiti', result.issues);
  const outcomes: unknown = result.value;
  if (!Array.isArray(outcomes) || outcomes.length !== records.length || !outcomes.every((o) => typeof o === 'string' && OUTCOMES.has(o))) {
    return sourceInvalid(cfg, ctx, 'recordEsiti', 'outcomes', { count: Array.isArray(outcomes) ? outcomes.length : -1, expected: records.length });
  }
  // Every esito is answered 204 (any other status is retried for ever, §3.9); those that changed
  // nothing are logged for the operators: ids, code and outcome, never the descrizione text.
  const counts: Record<WaasEsitoOutcome, number> = { 'recorded': 0, 'duplicate': 0, 'already-final': 0, 'unknown-flow': 0, 'mismatch': 0, 'invalid': 0 };
  (outcomes as WaasEsitoOutcome[]).forEach((outcome, i) => {
    counts[outcome]++;
    const record = records[i];
    if (outcome !== 'recorded' && record !== undefined) {
      cfg.log({
        level: 'warn', event: 'esito', outcome, id_flusso: logText(record.idFlusso, 64), ts_flusso: record.tsFlusso, codice: record.codice, ...who(ctx),
      });
    }
  });
  cfg.log({
    level: 'info', event: 'esiti', received: records.length, recorded: counts.recorded, duplicate: counts.duplicate,
    alreadyFinal: counts['already-final'], unknownFlow: counts['unknown-flow'], mismatch: counts.mismatch, invalid: counts.invalid, ...who(ctx),
  });
  return new Response(null, { status: 204 });
}
