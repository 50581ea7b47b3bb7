// SPDX-License-Identifier: BSD-3-Clause
/**
 * WaaS ("Welfare as a Service") payloads: the JSON a Comune exposes to INPS on PDND, after the INPS
 * OpenAPI `api-comuni.yaml` v2.0.1 (repository INPS-it/WaaS.Comuni, `002 - OpenAPI/api-comuni.yaml`):
 *
 * - `GET /flussi?limit=&since=` → `{ elenco_flussi: Flusso[] }` (0–100 items; an empty list tells INPS
 *   that nothing is new). Each `Flusso` carries `codice_ente` (Belfiore, `^[A-Z][0-9]{3}$`),
 *   `denominazione_ente` (≤ 256), `id_flusso` (≤ 64), `tipo` (`PS_PSA_SINA` | `SINBA`), `ts_flusso`
 *   (date-time of the last change; its milliseconds are the next `since`) and `flusso` (the XML in
 *   base64, ≤ 10 000 000 characters).
 * - `POST /esiti` ← `{ elenco_esiti: EsitoFlusso[] }` (0–100): `id_flusso`, `tipo`, `ts_flusso`,
 *   `ts_acquisizione`, `codice_esito` (`OK` | `DATI_NON_TROVATI` | `RICHIESTA_INVALIDA` | `ERRORE_GENERICO`)
 *   required; `descrizione_esito`, `id_acquisizione_siuss` optional.
 *
 * Rule of the channel (OpenAPI `Flusso.flusso` note; spec §3, XSD annotations of `Beneficiario` and
 * `PrestazioniSociali`): each flow holds ONE `Beneficiario` with ONE `PrestazioniSociali` (SINBA: one
 * `SINBA` record). Split larger flows with `splitForCooperazione`.
 *
 * Every timestamp comes from an explicit parameter: nothing here reads the clock.
 * @module
 */
import { createIssue, fail, isIsoDate, ok, toEpochDay, type Issue, type IssuePath, type Result } from '@riuso-sociale/core';
import { z } from 'zod';
import { buildFlow } from './build.js';
import { SiussError } from './errors.js';
import { flowNameTipoMatches, ID_FLUSSO_MAX_LENGTH, parseFlowName } from './flow-name.js';
import type { FlowKind, SiussFlow } from './model.js';
import { parseFlow } from './parse.js';

/** Maximum length of the base64 `flusso` (OpenAPI `maxLength: 10000000`, "10MB"). */
export const WAAS_FLUSSO_MAX_LENGTH = 10_000_000;
/** Maximum items of `elenco_flussi` and `elenco_esiti` (OpenAPI `maxItems: 100`; also the `limit` maximum). */
export const WAAS_MAX_ITEMS = 100;
/** Default of the `limit` query parameter (OpenAPI `default: 10`). */
export const WAAS_DEFAULT_LIMIT = 10;
/** Maximum of `denominazione_ente` (OpenAPI `maxLength: 256`). */
export const WAAS_DENOMINAZIONE_MAX_LENGTH = 256;

/** The `codice_esito` values (OpenAPI `EsitoFlusso.codice_esito`). */
export const WAAS_CODICI_ESITO = ['OK', 'DATI_NON_TROVATI', 'RICHIESTA_INVALIDA', 'ERRORE_GENERICO'] as const;
/** One `codice_esito`. */
export type WaasCodiceEsito = (typeof WAAS_CODICI_ESITO)[number];

/** One item of `elenco_flussi` (OpenAPI schema `Flusso`). */
export interface WaasFlussoEntry {
  readonly codice_ente: string;
  readonly denominazione_ente: string;
  readonly id_flusso: string;
  readonly tipo: FlowKind;
  /** RFC 3339 date-time, e.g. `2023-11-27T11:04:56.852Z`. */
  readonly ts_flusso: string;
  /** The flow's XML (UTF-8) in base64. */
  readonly flusso: string;
}

/** Body of the `GET /flussi` response (OpenAPI schema `Entries`). */
export interface WaasFlussiResponse {
  readonly elenco_flussi: readonly WaasFlussoEntry[];
}

/** One item of `elenco_esiti` (OpenAPI schema `EsitoFlusso`). */
export interface WaasEsito {
  readonly id_flusso: string;
  /** `PS_PSA_SINA` or `SINBA` in practice; the OpenAPI declares a free string (see {@link parseEsitiBody}). */
  readonly tipo: FlowKind | (string & {});
  readonly ts_flusso: string;
  readonly ts_acquisizione: string;
  readonly codice_esito: WaasCodiceEsito;
  readonly descrizione_esito?: string;
  /** Acquisition code given by SIUSS, "valorizzato solo in caso di esito OK". */
  readonly id_acquisizione_siuss?: string;
}

/** Body of the `POST /esiti` request (OpenAPI schema `ElencoEsiti`). */
export interface WaasEsitiBody {
  readonly elenco_esiti: readonly WaasEsito[];
}

/** An instant: a `Date` or milliseconds since 1970-01-01T00:00:00Z. */
export type WaasInstant = Date | number;

// ---------------------------------------------------------------------------------------------
// Issues

type P = Issue['params'];

function waasIssue(code: string, it: string, en: string, options: { path?: IssuePath; params?: P; warning?: boolean } = {}): Issue {
  return createIssue(code, { it, en }, {
    severity: options.warning === true ? 'warning' : 'error',
    path: options.path ?? [],
    params: options.params ?? {},
  });
}

function nonEmpty(issues: readonly Issue[]): readonly [Issue, ...Issue[]] {
  const [first, ...rest] = issues;
  if (first === undefined) throw new Error('no issues');
  return [first, ...rest];
}

// ---------------------------------------------------------------------------------------------
// Time

/** Largest instant whose ISO form has a 4-digit year (9999-12-31T23:59:59.999Z). */
const MAX_INSTANT_MS = 253_402_300_799_999;
const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * Milliseconds since the epoch of an RFC 3339 `date-time` (the OpenAPI `format: date-time`), or
 * `null`. Pure integer arithmetic on the calendar date (no `Date.parse`, no local time zone); digits
 * beyond the millisecond are truncated, so `…56.852999Z` and `…56.852Z` compare equal (as INPS's
 * millisecond `since` sees them). Leap seconds (`:60`) are refused.
 *
 * @example
 * ```ts
 * import { dateTimeToEpochMs } from '@riuso-sociale/siuss-schema';
 * dateTimeToEpochMs('2023-11-27T11:04:56.852Z'); // 1701083096852
 * dateTimeToEpochMs('2023-11-27T12:04:56.852+01:00'); // 1701083096852
 * ```
 */
export function dateTimeToEpochMs(value: string): number | null {
  const m = DATE_TIME_RE.exec(value);
  if (m === null) return null;
  const [, y = '', mo = '', d = '', hh = '', mi = '', ss = '', frac, zulu, sign, oh = '0', om = '0'] = m;
  const date = `${y}-${mo}-${d}`;
  if (!isIsoDate(date)) return null;
  const h = Number(hh);
  const min = Number(mi);
  const s = Number(ss);
  if (h > 23 || min > 59 || s > 59) return null;
  const offH = Number(oh);
  const offM = Number(om);
  if (zulu === undefined && (offH > 23 || offM > 59)) return null;
  const ms = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
  const offset = zulu !== undefined ? 0 : (sign === '-' ? -1 : 1) * (offH * 60 + offM) * 60_000;
  return toEpochDay(date) * 86_400_000 + ((h * 60 + min) * 60 + s) * 1000 + ms - offset;
}

function instantMs(value: WaasInstant): number | null {
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > MAX_INSTANT_MS) return null;
  return ms;
}

/** ISO date-time of an explicit instant (always UTC, `Z`, milliseconds), or a typed issue. */
function instantIso(value: WaasInstant, field: string): { iso: string } | { issue: Issue } {
  const ms = instantMs(value);
  if (ms === null) {
    return {
      issue: waasIssue('siuss.waas.instant',
        `${field}: istante non valido (Date valida o millisecondi interi dal 1970, fino all'anno 9999)`,
        `${field}: invalid instant (a valid Date or integer milliseconds since 1970, up to year 9999)`,
        { params: { field } }),
    };
  }
  return { iso: new Date(ms).toISOString() };
}

// ---------------------------------------------------------------------------------------------
// Base64 (RFC 4648 §4, standard alphabet with padding: OpenAPI `format: byte`). Hand-written so the
// module runs unchanged in browsers (no Buffer).

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function makeBase64Index(): Int16Array {
  const index = new Int16Array(128).fill(-1);
  for (let i = 0; i < B64.length; i++) index[B64.charCodeAt(i)] = i;
  return index;
}
const B64_INDEX = /* @__PURE__ */ makeBase64Index();

/** Length of the base64 text of `n` bytes. */
function base64Length(n: number): number {
  return Math.ceil(n / 3) * 4;
}

function encodeBase64(bytes: Uint8Array): string {
  const out: string[] = [];
  let chunk = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    chunk += B64.charAt(n >>> 18) + B64.charAt((n >>> 12) & 63) + B64.charAt((n >>> 6) & 63) + B64.charAt(n & 63);
    if (chunk.length >= 8192) {
      out.push(chunk);
      chunk = '';
    }
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] ?? 0) << 16;
    chunk += `${B64.charAt(n >>> 18)}${B64.charAt((n >>> 12) & 63)}==`;
  } else if (rest === 2) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    chunk += `${B64.charAt(n >>> 18)}${B64.charAt((n >>> 12) & 63)}${B64.charAt((n >>> 6) & 63)}=`;
  }
  out.push(chunk);
  return out.join('');
}

/** Bytes of base64 text; ASCII white space is ignored (MIME line breaks), anything else must be exact. */
function decodeBase64(text: string): Uint8Array | null {
  const clean = /[\t\n\r ]/.test(text) ? text.replace(/[\t\n\r ]+/g, '') : text;
  if (clean.length % 4 !== 0) return null;
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((clean.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const code = clean.charCodeAt(i + k);
      const last = i + 4 === clean.length;
      if (code === 61 /* = */ && last && k >= 4 - pad) {
        n <<= 6;
        continue;
      }
      const v = code < 128 ? (B64_INDEX[code] ?? -1) : -1;
      if (v < 0) return null;
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >>> 16) & 255;
    if (o < out.length) out[o++] = (n >>> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Cooperazione rule

/**
 * The cooperazione/WaaS rule (spec §3/§8, OpenAPI `Flusso.flusso` note): one `Beneficiario` with one
 * `PrestazioniSociali` per flow; for SINBA one `SINBA` record (its list of `CodicePrestazione` may
 * hold several codes: the INPS WaaS SINBA sample has two).
 */
function cooperazioneIssues(flow: SiussFlow): Issue[] {
  if (flow.kind === 'SINBA') {
    const n = Array.isArray(flow.SINBA) ? flow.SINBA.length : 0;
    if (n === 1) return [];
    return [waasIssue('siuss.waas.cooperazione',
      `In cooperazione è possibile inviare un solo record SINBA per flusso: il flusso ne ha ${n}; dividerlo con splitForCooperazione`,
      `Over cooperazione/WaaS a flow holds one SINBA record: this one has ${n}; split it with splitForCooperazione`,
      { params: { records: n, split: 'splitForCooperazione' }, path: ['SINBA'] })];
  }
  const beneficiari = Array.isArray(flow.Beneficiario) ? flow.Beneficiario : [];
  const prestazioni = beneficiari.reduce((sum, b) => sum + (Array.isArray(b.PrestazioniSociali) ? b.PrestazioniSociali.length : 0), 0);
  if (beneficiari.length === 1 && prestazioni === 1) return [];
  return [waasIssue('siuss.waas.cooperazione',
    `In cooperazione è possibile inviare solo un beneficiario e una prestazione sociale: il flusso ha ${beneficiari.length} beneficiari e ${prestazioni} prestazioni; dividerlo con splitForCooperazione`,
    `Over cooperazione/WaaS a flow holds one beneficiary and one social benefit: this one has ${beneficiari.length} beneficiaries and ${prestazioni} benefits; split it with splitForCooperazione`,
    { params: { beneficiari: beneficiari.length, prestazioni, split: 'splitForCooperazione' }, path: ['Beneficiario'] })];
}

// ---------------------------------------------------------------------------------------------
// zod schemas (OpenAPI components), and zod issues → our issues

const CODICE_ENTE_RE = /^[A-Z][0-9]{3}$/;
const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

// Schemas are built by argument-free factories marked pure, so a bundle that does not use them
// drops them (and zod) entirely.
function dateTime(): z.ZodString {
  return z.string().refine((s) => dateTimeToEpochMs(s) !== null, { params: { siussCode: 'siuss.waas.json.date_time' } });
}
const tipo = (): z.ZodEnum<{ PS_PSA_SINA: 'PS_PSA_SINA'; SINBA: 'SINBA' }> => z.enum(['PS_PSA_SINA', 'SINBA']);

function makeEntrySchema() {
  return z.strictObject({
    codice_ente: z.string().regex(CODICE_ENTE_RE),
    denominazione_ente: z.string().max(WAAS_DENOMINAZIONE_MAX_LENGTH),
    id_flusso: z.string().max(ID_FLUSSO_MAX_LENGTH),
    tipo: tipo(),
    ts_flusso: dateTime(),
    flusso: z.string().max(WAAS_FLUSSO_MAX_LENGTH).regex(BASE64_RE),
  });
}
function makeEsitoSchema() {
  return z.object({
    id_flusso: z.string(),
    // OpenAPI EsitoFlusso.tipo is a free string, not the TipoFlusso enum (waas-pdnd.md §3.11 #10):
    // an esito is never refused for it (INPS would retry it forever); parseEsitiBody warns instead.
    tipo: z.string(),
    ts_flusso: dateTime(),
    ts_acquisizione: dateTime(),
    codice_esito: z.enum(WAAS_CODICI_ESITO),
    descrizione_esito: z.string().optional(),
    id_acquisizione_siuss: z.string().optional(),
  });
}

/**
 * zod schema of one `elenco_flussi` item (OpenAPI `Flusso`, `additionalProperties: false`). Stricter
 * than the OpenAPI in one point: all six properties are required (the OpenAPI lists none as
 * required, but an entry without any of them cannot be acquired). `flusso` must be canonical base64
 * (no white space) of at most 10 000 000 characters.
 *
 * @example
 * ```ts
 * import { waasFlussoEntrySchema } from '@riuso-sociale/siuss-schema';
 * waasFlussoEntrySchema.safeParse({ codice_ente: 'H501' }).success; // false
 * ```
 */
export const waasFlussoEntrySchema = /* @__PURE__ */ makeEntrySchema();

/**
 * zod schema of the `GET /flussi` response body (OpenAPI `Entries`): 0–100 entries.
 *
 * @example
 * ```ts
 * import { waasFlussiResponseSchema } from '@riuso-sociale/siuss-schema';
 * waasFlussiResponseSchema.safeParse({ elenco_flussi: [] }).success; // true
 * ```
 */
export const waasFlussiResponseSchema = /* @__PURE__ */ makeResponseSchema(waasFlussoEntrySchema);
function makeResponseSchema(entry: ReturnType<typeof makeEntrySchema>) {
  return z.strictObject({ elenco_flussi: z.array(entry).max(WAAS_MAX_ITEMS) });
}

/**
 * zod schema of one `elenco_esiti` item (OpenAPI `EsitoFlusso`; unknown properties are allowed by
 * the OpenAPI and dropped). Use {@link parseEsitiBody} to also accept the `codice_siuss` alias.
 *
 * @example
 * ```ts
 * import { waasEsitoSchema } from '@riuso-sociale/siuss-schema';
 * waasEsitoSchema.safeParse({ id_flusso: 'H501.PS.20210520.0000002' }).success; // false
 * ```
 */
export const waasEsitoSchema = /* @__PURE__ */ makeEsitoSchema();

/**
 * zod schema of the `POST /esiti` body (OpenAPI `ElencoEsiti`, `additionalProperties: false`;
 * `elenco_esiti` is not required by the OpenAPI: a body without it holds no esiti).
 *
 * @example
 * ```ts
 * import { waasEsitiBodySchema } from '@riuso-sociale/siuss-schema';
 * waasEsitiBodySchema.safeParse({ elenco_esiti: [] }).success; // true
 * ```
 */
export const waasEsitiBodySchema = /* @__PURE__ */ makeEsitiBodySchema(waasEsitoSchema);
function makeEsitiBodySchema(esito: ReturnType<typeof makeEsitoSchema>) {
  return z.strictObject({ elenco_esiti: z.array(esito).max(WAAS_MAX_ITEMS).optional() });
}

function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out === '' ? '' : '.'}${String(p)}`;
  return out;
}

function hasPath(root: unknown, path: readonly PropertyKey[]): boolean {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return false;
    if (!Object.prototype.hasOwnProperty.call(node, key)) return false;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node !== undefined; // a property set to undefined is absent in JSON
}

/** One of our issues per zod issue; never quotes the received value (it may be anything). */
function fromZod(error: z.ZodError, input: unknown): Issue[] {
  return error.issues.map((zi) => {
    const path: IssuePath = zi.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const field = jsonPath(zi.path);
    const last = zi.path.at(-1);
    const it = (text: string): string => `${field === '' ? 'Corpo' : field}: ${text}`;
    const en = (text: string): string => `${field === '' ? 'Body' : field}: ${text}`;
    switch (zi.code) {
      case 'invalid_type':
        if (!hasPath(input, zi.path)) {
          return waasIssue('siuss.waas.json.required', `Manca il campo obbligatorio ${field || 'corpo'}`, `Required field ${field || 'body'} is missing`, { path, params: { field } });
        }
        return waasIssue('siuss.waas.json.type', it(`tipo errato, atteso ${zi.expected}`), en(`wrong type, ${zi.expected} expected`),
          { path, params: { field, expected: String(zi.expected) } });
      case 'unrecognized_keys':
        return waasIssue('siuss.waas.json.unknown_property', it(`campi non previsti: ${zi.keys.join(', ')}`), en(`properties not allowed: ${zi.keys.join(', ')}`),
          { path, params: { field, keys: zi.keys.join(', ') } });
      case 'too_big':
        return waasIssue('siuss.waas.json.too_big',
          it(zi.origin === 'array' ? `più di ${zi.maximum} elementi` : `più di ${zi.maximum} caratteri`),
          en(zi.origin === 'array' ? `more than ${zi.maximum} items` : `more than ${zi.maximum} characters`),
          { path, params: { field, maximum: Number(zi.maximum) } });
      case 'invalid_value':
        return waasIssue('siuss.waas.json.enum', it(`valore non ammesso (ammessi: ${zi.values.map(String).join(', ')})`),
          en(`value not allowed (allowed: ${zi.values.map(String).join(', ')})`), { path, params: { field, allowed: zi.values.map(String).join(', ') } });
      case 'invalid_format':
        return waasIssue('siuss.waas.json.format',
          it(last === 'codice_ente' ? 'formato non valido (codice Belfiore: una lettera maiuscola e 3 cifre, es. H501)' : last === 'flusso' ? 'formato non valido (base64 RFC 4648 senza spazi)' : 'formato non valido'),
          en(last === 'codice_ente' ? 'invalid format (Belfiore code: one capital letter and 3 digits, e.g. H501)' : last === 'flusso' ? 'invalid format (RFC 4648 base64 without white space)' : 'invalid format'),
          { path, params: { field } });
      case 'custom':
        return waasIssue('siuss.waas.json.date_time', it('data-ora non valida (RFC 3339, es. 2023-11-27T11:04:56.852Z)'),
          en('invalid date-time (RFC 3339, e.g. 2023-11-27T11:04:56.852Z)'), { path, params: { field } });
      default:
        return waasIssue('siuss.waas.json.invalid', it('valore non valido'), en('invalid value'), { path, params: { field } });
    }
  });
}

function parseJsonInput(body: unknown): { value: unknown } | { issue: Issue } {
  if (typeof body !== 'string') return { value: body };
  try {
    return { value: JSON.parse(body) as unknown };
  } catch {
    return { issue: waasIssue('siuss.waas.json.syntax', 'Il corpo non è JSON valido', 'The body is not valid JSON') };
  }
}

// ---------------------------------------------------------------------------------------------
// GET /flussi: entries and response

/** Options of {@link buildWaasEntry}. */
export interface WaasEntryOptions {
  /**
   * The instant of the flow's last change (`ts_flusso`; its milliseconds are what INPS sends back as
   * `since`). Always explicit: the function never reads the clock.
   */
  readonly tsFlusso: WaasInstant;
  /** `codice_ente` (Belfiore). Default: `Ente@Indirizzo`, which the XSD documents as the Belfiore code of the ente's seat. */
  readonly codiceEnte?: string;
  /** `denominazione_ente`. Default: `Ente@Denominazione` (optional in the XSD: then this option is required). */
  readonly denominazioneEnte?: string;
  /** `id_flusso`. Default: `IdentificazioneFlusso@Nome`. */
  readonly idFlusso?: string;
}

/**
 * Builds one `elenco_flussi` entry of the WaaS `GET /flussi` response from a flow: the flow's XML
 * (written by `buildFlow`, so XSD-valid, UTF-8) in base64, with its envelope data.
 *
 * Errors (the result fails, nothing is thrown): `siuss.waas.cooperazione` (more than one
 * Beneficiario/PrestazioniSociali or SINBA record: use `splitForCooperazione`),
 * `siuss.waas.codice_ente` (not `^[A-Z][0-9]{3}$`), `siuss.waas.denominazione_ente` (missing or over
 * 256), `siuss.waas.id_flusso` (over 64 characters or not a flow name), `siuss.waas.id_flusso_tipo`
 * (its `TIPO` does not match the flow: `SINBA` ↔ SINBA), `siuss.waas.instant`,
 * `siuss.waas.flusso_too_large` (base64 over 10 000 000 characters), and `buildFlow`'s `siuss.xsd.*`
 * / `siuss.model.*` findings. Warning: `siuss.waas.id_flusso_legacy` (an older name shape such as
 * `H501.SINBA.20210520.00000004`: accepted, but not the spec's `EEEE.TIPO.AAAAMMGG.NNNNNNN`).
 *
 * @example
 * ```ts
 * import { buildWaasEntry } from '@riuso-sociale/siuss-schema';
 * const r = buildWaasEntry(flow, { tsFlusso: Date.UTC(2023, 10, 27, 11, 4, 56, 852) });
 * if (r.ok) console.log(r.value.entry.ts_flusso); // '2023-11-27T11:04:56.852Z'
 * ```
 */
export function buildWaasEntry(flow: SiussFlow, options: WaasEntryOptions): Result<{ entry: WaasFlussoEntry; warnings: readonly Issue[] }> {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  if (flow === null || typeof flow !== 'object' || (flow.kind !== 'PS_PSA_SINA' && flow.kind !== 'SINBA')) {
    return fail([waasIssue('siuss.waas.flow', "Flusso non valido: serve un oggetto con kind 'PS_PSA_SINA' o 'SINBA'",
      "Invalid flow: an object with kind 'PS_PSA_SINA' or 'SINBA' is required", { path: ['kind'] })]);
  }
  errors.push(...cooperazioneIssues(flow));
  const ente = flow.IdentificazioneFlusso?.Ente;
  const codiceEnte = options.codiceEnte ?? ente?.Indirizzo;
  if (typeof codiceEnte !== 'string' || !CODICE_ENTE_RE.test(codiceEnte)) {
    errors.push(waasIssue('siuss.waas.codice_ente',
      'codice_ente non valido: serve il codice Belfiore dell\'ente (una lettera maiuscola e 3 cifre, es. H501); passarlo con l\'opzione codiceEnte',
      "Invalid codice_ente: the ente's Belfiore code is required (one capital letter and 3 digits, e.g. H501); pass it with the codiceEnte option",
      { path: ['IdentificazioneFlusso', 'Ente', '@Indirizzo'], params: { value: typeof codiceEnte === 'string' ? codiceEnte.slice(0, 32) : null } }));
  }
  const denominazione = options.denominazioneEnte ?? ente?.Denominazione;
  if (typeof denominazione !== 'string' || denominazione.trim() === '' || denominazione.length > WAAS_DENOMINAZIONE_MAX_LENGTH) {
    errors.push(waasIssue('siuss.waas.denominazione_ente',
      `denominazione_ente mancante o oltre ${WAAS_DENOMINAZIONE_MAX_LENGTH} caratteri (Ente@Denominazione o opzione denominazioneEnte)`,
      `denominazione_ente missing or over ${WAAS_DENOMINAZIONE_MAX_LENGTH} characters (Ente@Denominazione or the denominazioneEnte option)`,
      { path: ['IdentificazioneFlusso', 'Ente', '@Denominazione'], params: { limit: WAAS_DENOMINAZIONE_MAX_LENGTH } }));
  }
  const idFlusso = options.idFlusso ?? flow.IdentificazioneFlusso?.Nome;
  const idPath = ['IdentificazioneFlusso', '@Nome'];
  const parsedId = parseFlowName(idFlusso);
  if (!parsedId.ok) {
    errors.push(...parsedId.issues.map((i) => waasIssue('siuss.waas.id_flusso', `id_flusso: ${i.message}`, `id_flusso: ${i.messageEn}`,
      { path: idPath, params: { ...i.params, cause: i.code } })));
  } else {
    if (!flowNameTipoMatches(parsedId.value.tipo, flow.kind)) {
      errors.push(waasIssue('siuss.waas.id_flusso_tipo',
        `id_flusso di tipo ${parsedId.value.tipo} per un flusso ${flow.kind}: per SINBA serve SINBA, per PS-PSA-SINA PS, PSA o SINA`,
        `id_flusso of type ${parsedId.value.tipo} for a ${flow.kind} flow: SINBA needs SINBA, PS-PSA-SINA needs PS, PSA or SINA`,
        { path: idPath, params: { tipo: parsedId.value.tipo, kind: flow.kind } }));
    }
    if (!parsedId.value.canonical) {
      warnings.push(waasIssue('siuss.waas.id_flusso_legacy',
        `id_flusso «${String(idFlusso)}» in una forma non standard: la specifica prevede EEEE.TIPO.AAAAMMGG.NNNNNNN (formatFlowName)`,
        `id_flusso «${String(idFlusso)}» in a non-standard shape: the spec expects EEEE.TIPO.YYYYMMDD.NNNNNNN (formatFlowName)`,
        { path: idPath, params: { value: String(idFlusso) }, warning: true }));
    }
  }
  const ts = instantIso(options.tsFlusso, 'tsFlusso');
  if ('issue' in ts) errors.push(ts.issue);
  if (errors.length > 0) return fail(nonEmpty(errors));

  let xml: string;
  try {
    xml = buildFlow(flow);
  } catch (e) {
    if (e instanceof SiussError) return fail(e.issues);
    throw e;
  }
  const bytes = new TextEncoder().encode(xml);
  const length = base64Length(bytes.length);
  if (length > WAAS_FLUSSO_MAX_LENGTH) {
    return fail([waasIssue('siuss.waas.flusso_too_large',
      `flusso di ${length} caratteri base64 (${bytes.length} byte di XML): il massimo è ${WAAS_FLUSSO_MAX_LENGTH}`,
      `flusso of ${length} base64 characters (${bytes.length} bytes of XML): the maximum is ${WAAS_FLUSSO_MAX_LENGTH}`,
      { params: { length, bytes: bytes.length, limit: WAAS_FLUSSO_MAX_LENGTH } })]);
  }
  const entry: WaasFlussoEntry = {
    codice_ente: codiceEnte as string,
    denominazione_ente: denominazione as string,
    id_flusso: idFlusso as string,
    tipo: flow.kind,
    ts_flusso: (ts as { iso: string }).iso,
    flusso: encodeBase64(bytes),
  };
  return ok({ entry, warnings });
}

/** Options of {@link buildFlussiResponse}: the query parameters of `GET /flussi`. */
export interface WaasFlussiQuery {
  /**
   * `since` (required): milliseconds since the epoch of the last entry INPS acquired (`0` the first
   * time). Entries with `ts_flusso` STRICTLY after it are returned. A number, a bigint or the query
   * string's digits (0 – 10^20, OpenAPI `UnixTimestamp`).
   */
  readonly since: number | bigint | string;
  /** `limit`: 0–100, default 10. A number or the query string's digits. */
  readonly limit?: number | string | undefined;
}

function parseSince(since: unknown): bigint | null {
  if (typeof since === 'bigint') return since >= 0n && since <= 10n ** 20n ? since : null;
  if (typeof since === 'number') return Number.isInteger(since) && since >= 0 && since <= 1e20 ? BigInt(since) : null;
  if (typeof since === 'string' && /^\d{1,21}$/.test(since)) {
    const v = BigInt(since);
    return v <= 10n ** 20n ? v : null;
  }
  return null;
}

function parseLimit(limit: unknown): number | null {
  if (limit === undefined) return WAAS_DEFAULT_LIMIT;
  const n = typeof limit === 'string' && /^\d{1,3}$/.test(limit) ? Number(limit) : limit;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= WAAS_MAX_ITEMS ? n : null;
}

/**
 * Builds the body of the WaaS `GET /flussi` response from the stored entries (as built by
 * {@link buildWaasEntry}, possibly with more properties of the caller's store, which are left out):
 * the entries whose `ts_flusso` is strictly after `since` (milliseconds; sub-millisecond digits
 * truncated), oldest first (ties keep the given order), at most `limit`.
 * An empty `elenco_flussi` tells INPS that nothing is new (OpenAPI `RispostaVuota`).
 *
 * Page boundary: since INPS continues from the last `ts_flusso` it received, a page never ends in
 * the middle of a group of entries with the same millisecond (the rest of the group would be
 * skipped forever): the page stops before the group. If one group alone is larger than `limit`, the
 * result fails with `siuss.waas.ts_collision`: give stored flows distinct `ts_flusso`.
 *
 * Errors: `siuss.waas.since`, `siuss.waas.limit` (answer 400), `siuss.waas.ts_flusso` (a stored
 * entry with an invalid date-time), `siuss.waas.ts_collision`.
 *
 * @example
 * ```ts
 * import { buildFlussiResponse } from '@riuso-sociale/siuss-schema';
 * const r = buildFlussiResponse(stored, { since: req.query.since, limit: req.query.limit });
 * if (r.ok) res.json(r.value); else res.status(400).json({ detail: r.issues[0].message });
 * ```
 */
export function buildFlussiResponse(entries: readonly WaasFlussoEntry[], query: WaasFlussiQuery): Result<WaasFlussiResponse> {
  const errors: Issue[] = [];
  const since = parseSince(query.since);
  if (since === null) {
    errors.push(waasIssue('siuss.waas.since', "Parametro since non valido: intero di millisecondi da 0 a 10^20 (0 alla prima acquisizione)",
      'Invalid since parameter: integer milliseconds from 0 to 10^20 (0 for the first acquisition)', { path: ['since'] }));
  }
  const limit = parseLimit(query.limit);
  if (limit === null) {
    errors.push(waasIssue('siuss.waas.limit', `Parametro limit non valido: intero da 0 a ${WAAS_MAX_ITEMS} (predefinito ${WAAS_DEFAULT_LIMIT})`,
      `Invalid limit parameter: integer from 0 to ${WAAS_MAX_ITEMS} (default ${WAAS_DEFAULT_LIMIT})`, { path: ['limit'] }));
  }
  const timed: { entry: WaasFlussoEntry; ms: number; index: number }[] = [];
  entries.forEach((entry, index) => {
    const ms = typeof entry?.ts_flusso === 'string' ? dateTimeToEpochMs(entry.ts_flusso) : null;
    if (ms === null) {
      errors.push(waasIssue('siuss.waas.ts_flusso', `Voce ${index}: ts_flusso non è una data-ora RFC 3339 valida`,
        `Entry ${index}: ts_flusso is not a valid RFC 3339 date-time`, { path: [index, 'ts_flusso'] }));
    } else timed.push({ entry, ms, index });
  });
  if (errors.length > 0 || since === null || limit === null) return fail(nonEmpty(errors));

  const fresh = timed.filter((t) => BigInt(t.ms) > since).sort((a, b) => a.ms - b.ms || a.index - b.index);
  if (fresh.length <= limit) return ok({ elenco_flussi: fresh.map((t) => wireEntry(t.entry)) });
  let end = limit;
  const cut = fresh[limit];
  if (limit > 0 && cut !== undefined) {
    while (end > 0 && fresh[end - 1]?.ms === cut.ms) end--;
    if (end === 0) {
      const ts = new Date(cut.ms).toISOString();
      return fail([waasIssue('siuss.waas.ts_collision',
        `Più di ${limit} flussi hanno lo stesso ts_flusso ${ts}: INPS riprende dal ts_flusso ricevuto, quindi alcuni andrebbero persi; assegnare ts_flusso distinti`,
        `More than ${limit} flows share ts_flusso ${ts}: INPS resumes from the ts_flusso it received, so some would be lost; assign distinct ts_flusso`,
        { params: { ts_flusso: ts, limit } })]);
    }
  }
  return ok({ elenco_flussi: fresh.slice(0, end).map((t) => wireEntry(t.entry)) });
}

/** Only the six OpenAPI properties (`additionalProperties: false`), whatever else the store keeps. */
function wireEntry(e: WaasFlussoEntry): WaasFlussoEntry {
  return {
    codice_ente: e.codice_ente, denominazione_ente: e.denominazione_ente, id_flusso: e.id_flusso, tipo: e.tipo,
    ts_flusso: e.ts_flusso, flusso: e.flusso,
  };
}

/**
 * Validates a `GET /flussi` response body (JSON text or a parsed value) against the OpenAPI
 * `Entries` schema (see {@link waasFlussoEntrySchema}); the flows are not decoded (see
 * {@link decodeWaasEntry}). For tests and INPS-side simulators.
 *
 * @param body - The response body: its JSON text, or the value already parsed from it (untrusted: any value).
 *
 * @example
 * ```ts
 * import { parseFlussiResponse } from '@riuso-sociale/siuss-schema';
 * const r = parseFlussiResponse(await response.text());
 * if (r.ok) console.log(r.value.elenco_flussi.length);
 * ```
 */
export function parseFlussiResponse(body: unknown): Result<WaasFlussiResponse> {
  const input = parseJsonInput(body);
  if ('issue' in input) return fail([input.issue]);
  const r = waasFlussiResponseSchema.safeParse(input.value);
  if (!r.success) return fail(nonEmpty(fromZod(r.error, input.value)));
  return ok(r.data as WaasFlussiResponse);
}

/**
 * Decodes a base64 `flusso` back into a typed flow (`parseFlow` on the decoded bytes: UTF-8 or
 * UTF-16 with BOM). ASCII white space inside the base64 is ignored (line-wrapped payloads); any
 * other non-base64 character fails with `siuss.waas.base64`; text over 10 000 000 characters with
 * `siuss.waas.flusso_too_large`; an invalid flow with `parseFlow`'s `siuss.xml.*` / `siuss.xsd.*` issues.
 *
 * @example
 * ```ts
 * import { decodeFlusso } from '@riuso-sociale/siuss-schema';
 * const r = decodeFlusso(entry.flusso);
 * if (r.ok) console.log(r.value.kind);
 * ```
 */
export function decodeFlusso(flusso: string): Result<SiussFlow> {
  if (typeof flusso !== 'string') {
    return fail([waasIssue('siuss.waas.base64', 'flusso deve essere una stringa base64', 'flusso must be a base64 string')]);
  }
  if (flusso.length > WAAS_FLUSSO_MAX_LENGTH) {
    return fail([waasIssue('siuss.waas.flusso_too_large', `flusso di ${flusso.length} caratteri: il massimo è ${WAAS_FLUSSO_MAX_LENGTH}`,
      `flusso of ${flusso.length} characters: the maximum is ${WAAS_FLUSSO_MAX_LENGTH}`, { params: { length: flusso.length, limit: WAAS_FLUSSO_MAX_LENGTH } })]);
  }
  const bytes = decodeBase64(flusso);
  if (bytes === null) {
    return fail([waasIssue('siuss.waas.base64', 'flusso non è base64 valido (RFC 4648, alfabeto standard con padding)',
      'flusso is not valid base64 (RFC 4648, standard alphabet with padding)')]);
  }
  try {
    return ok(parseFlow(bytes));
  } catch (e) {
    if (e instanceof SiussError) return fail(e.issues);
    throw e;
  }
}

/**
 * Checks and decodes one `elenco_flussi` entry as INPS would receive it: the entry against the
 * OpenAPI schema, the base64 XML against the XSD (`decodeFlusso`), then `tipo` against the flow
 * (`siuss.waas.tipo_mismatch`), the cooperazione rule (`siuss.waas.cooperazione`: one Beneficiario
 * with one PrestazioniSociali, or one SINBA record) and, as a warning, `id_flusso` against
 * `IdentificazioneFlusso@Nome` (`siuss.waas.id_flusso_nome`). For tests and INPS-side simulators (a
 * failure maps naturally to the esito `RICHIESTA_INVALIDA`).
 *
 * @param entry - One element of `elenco_flussi` as parsed from the JSON (untrusted: any value).
 *
 * @example
 * ```ts
 * import { decodeWaasEntry } from '@riuso-sociale/siuss-schema';
 * const r = decodeWaasEntry(body.elenco_flussi[0]);
 * if (r.ok) console.log(r.value.flow.IdentificazioneFlusso.Nome);
 * ```
 */
export function decodeWaasEntry(entry: unknown): Result<{ entry: WaasFlussoEntry; flow: SiussFlow; warnings: readonly Issue[] }> {
  const parsed = waasFlussoEntrySchema.safeParse(entry);
  if (!parsed.success) return fail(nonEmpty(fromZod(parsed.error, entry)));
  const value = parsed.data as WaasFlussoEntry;
  const decoded = decodeFlusso(value.flusso);
  if (!decoded.ok) return decoded;
  const flow = decoded.value;
  const errors: Issue[] = [];
  if (flow.kind !== value.tipo) {
    errors.push(waasIssue('siuss.waas.tipo_mismatch', `tipo ${value.tipo} ma il flusso codificato è ${flow.kind}`,
      `tipo ${value.tipo} but the encoded flow is ${flow.kind}`, { path: ['tipo'], params: { tipo: value.tipo, kind: flow.kind } }));
  }
  errors.push(...cooperazioneIssues(flow));
  if (errors.length > 0) return fail(nonEmpty(errors));
  const warnings: Issue[] = [];
  if (value.id_flusso !== flow.IdentificazioneFlusso.Nome) {
    warnings.push(waasIssue('siuss.waas.id_flusso_nome', `id_flusso «${value.id_flusso}» diverso da IdentificazioneFlusso@Nome «${flow.IdentificazioneFlusso.Nome}»`,
      `id_flusso «${value.id_flusso}» differs from IdentificazioneFlusso@Nome «${flow.IdentificazioneFlusso.Nome}»`,
      { path: ['id_flusso'], params: { id_flusso: value.id_flusso, nome: flow.IdentificazioneFlusso.Nome }, warning: true }));
  }
  return ok({ entry: value, flow, warnings });
}

// ---------------------------------------------------------------------------------------------
// POST /esiti

/**
 * Parses and validates the body of INPS's `POST /esiti` (JSON text or a parsed value) against the
 * OpenAPI `ElencoEsiti`/`EsitoFlusso`. A body without `elenco_esiti` holds no esiti (the OpenAPI does
 * not require it). Failures: `siuss.waas.json.*` with the JSON path of each problem (`required`,
 * `type`, `unknown_property`, `too_big`, `enum`, `date_time`, `syntax`).
 *
 * `codice_siuss` is accepted as an alias of `id_acquisizione_siuss` with the warning
 * `siuss.waas.esito_alias`: the INPS spec's example JSON of the esiti uses `codice_siuss` while the
 * OpenAPI schema names the property `id_acquisizione_siuss` (shared/specs/siuss.md §3). If both are
 * present, `id_acquisizione_siuss` wins (warning `siuss.waas.esito_alias_conflict` when they differ).
 * Other warnings: `siuss.waas.esito_ok_without_id` (esito `OK` without the acquisition code, which the
 * OpenAPI says is set for `OK`), `siuss.waas.esito_id_flusso` (an `id_flusso` that is not a flow name),
 * `siuss.waas.esito_tipo` (a `tipo` other than `PS_PSA_SINA`/`SINBA`: the OpenAPI's `EsitoFlusso.tipo`
 * is a free string, so it is accepted).
 *
 * @param body - The request body: its JSON text, or the value already parsed from it (untrusted: any value).
 *
 * @example
 * ```ts
 * import { parseEsitiBody } from '@riuso-sociale/siuss-schema';
 * const r = parseEsitiBody(await request.text());
 * if (!r.ok) return reply(400, r.issues);
 * for (const esito of r.value.body.elenco_esiti) markAcquired(esito.id_flusso, esito.codice_esito);
 * ```
 */
export function parseEsitiBody(body: unknown): Result<{ body: WaasEsitiBody; warnings: readonly Issue[] }> {
  const input = parseJsonInput(body);
  if ('issue' in input) return fail([input.issue]);
  const warnings: Issue[] = [];
  let value = input.value;
  const list = value !== null && typeof value === 'object' ? (value as { elenco_esiti?: unknown }).elenco_esiti : undefined;
  if (Array.isArray(list) && list.some((e) => e !== null && typeof e === 'object' && 'codice_siuss' in e)) {
    const items = list.map((e: unknown, i) => {
      if (e === null || typeof e !== 'object' || !('codice_siuss' in e)) return e;
      const { codice_siuss: alias, ...rest } = e as Record<string, unknown>;
      const path = ['elenco_esiti', i, 'codice_siuss'];
      warnings.push(waasIssue('siuss.waas.esito_alias',
        `elenco_esiti[${i}]: codice_siuss (nome dell'esempio della specifica INPS) letto come id_acquisizione_siuss (nome dell'OpenAPI)`,
        `elenco_esiti[${i}]: codice_siuss (the name in the INPS spec's example) read as id_acquisizione_siuss (the OpenAPI name)`,
        { path, params: { alias: 'codice_siuss', property: 'id_acquisizione_siuss' }, warning: true }));
      if (!('id_acquisizione_siuss' in rest)) return { ...rest, id_acquisizione_siuss: alias };
      if (rest.id_acquisizione_siuss !== alias) {
        warnings.push(waasIssue('siuss.waas.esito_alias_conflict',
          `elenco_esiti[${i}]: codice_siuss e id_acquisizione_siuss diversi: vale id_acquisizione_siuss`,
          `elenco_esiti[${i}]: codice_siuss and id_acquisizione_siuss differ: id_acquisizione_siuss is used`, { path, warning: true }));
      }
      return rest;
    });
    value = { ...(value as object), elenco_esiti: items };
  }
  const r = waasEsitiBodySchema.safeParse(value);
  if (!r.success) return fail(nonEmpty(fromZod(r.error, value)));
  const esiti = (r.data.elenco_esiti ?? []) as readonly WaasEsito[];
  esiti.forEach((e, i) => {
    if (e.codice_esito === 'OK' && (e.id_acquisizione_siuss === undefined || e.id_acquisizione_siuss === '')) {
      warnings.push(waasIssue('siuss.waas.esito_ok_without_id', `elenco_esiti[${i}]: esito OK senza id_acquisizione_siuss`,
        `elenco_esiti[${i}]: esito OK without id_acquisizione_siuss`, { path: ['elenco_esiti', i, 'id_acquisizione_siuss'], warning: true }));
    }
    if (e.tipo !== 'PS_PSA_SINA' && e.tipo !== 'SINBA') {
      warnings.push(waasIssue('siuss.waas.esito_tipo', `elenco_esiti[${i}]: tipo non è PS_PSA_SINA né SINBA (l'OpenAPI lo ammette come testo libero)`,
        `elenco_esiti[${i}]: tipo is neither PS_PSA_SINA nor SINBA (the OpenAPI allows free text)`, { path: ['elenco_esiti', i, 'tipo'], warning: true }));
    }
    if (!parseFlowName(e.id_flusso).ok) {
      warnings.push(waasIssue('siuss.waas.esito_id_flusso', `elenco_esiti[${i}]: id_flusso non ha la forma di un nome di flusso`,
        `elenco_esiti[${i}]: id_flusso does not have the shape of a flow name`, { path: ['elenco_esiti', i, 'id_flusso'], warning: true }));
    }
  });
  return ok({ body: { elenco_esiti: esiti }, warnings });
}

/** Input of {@link buildEsito}. */
export interface WaasEsitoInput {
  /** When INPS acquired the flow (`ts_acquisizione`): explicit, never the clock. */
  readonly tsAcquisizione: WaasInstant;
  readonly codiceEsito: WaasCodiceEsito;
  readonly descrizioneEsito?: string;
  readonly idAcquisizioneSiuss?: string;
}

/**
 * Builds one esito for an entry (copying its `id_flusso`, `tipo`, `ts_flusso`), for tests and
 * simulators of INPS. Deterministic: `tsAcquisizione` is explicit.
 *
 * @throws {@link SiussError} `siuss.waas.instant` for an invalid `tsAcquisizione`,
 *   `siuss.waas.json.enum` for an unknown `codiceEsito`.
 * @example
 * ```ts
 * import { buildEsito, buildEsitiBody } from '@riuso-sociale/siuss-schema';
 * const esito = buildEsito(entry, { tsAcquisizione: Date.UTC(2023, 10, 28), codiceEsito: 'OK', idAcquisizioneSiuss: '22738' });
 * const body = buildEsitiBody([esito]);
 * ```
 */
export function buildEsito(entry: Pick<WaasFlussoEntry, 'id_flusso' | 'tipo' | 'ts_flusso'>, input: WaasEsitoInput): WaasEsito {
  const ts = instantIso(input.tsAcquisizione, 'tsAcquisizione');
  if ('issue' in ts) throw new SiussError([ts.issue]);
  if (!(WAAS_CODICI_ESITO as readonly string[]).includes(input.codiceEsito)) {
    throw new SiussError([waasIssue('siuss.waas.json.enum', `codice_esito non ammesso (ammessi: ${WAAS_CODICI_ESITO.join(', ')})`,
      `codice_esito not allowed (allowed: ${WAAS_CODICI_ESITO.join(', ')})`, { path: ['codice_esito'] })]);
  }
  return {
    id_flusso: entry.id_flusso,
    tipo: entry.tipo,
    ts_flusso: entry.ts_flusso,
    ts_acquisizione: ts.iso,
    codice_esito: input.codiceEsito,
    ...(input.descrizioneEsito !== undefined ? { descrizione_esito: input.descrizioneEsito } : {}),
    ...(input.idAcquisizioneSiuss !== undefined ? { id_acquisizione_siuss: input.idAcquisizioneSiuss } : {}),
  };
}

/**
 * Builds a `POST /esiti` body, validated against the OpenAPI schema (0–100 esiti, required fields,
 * date-times, codes): a simulator never sends what a real INPS could not.
 *
 * @example
 * ```ts
 * import { buildEsitiBody } from '@riuso-sociale/siuss-schema';
 * const r = buildEsitiBody([]);
 * if (r.ok) console.log(JSON.stringify(r.value)); // {"elenco_esiti":[]}
 * ```
 */
export function buildEsitiBody(esiti: readonly WaasEsito[]): Result<WaasEsitiBody> {
  const body = { elenco_esiti: esiti };
  const r = waasEsitiBodySchema.safeParse(body);
  if (!r.success) return fail(nonEmpty(fromZod(r.error, body)));
  return ok({ elenco_esiti: [...esiti] });
}
