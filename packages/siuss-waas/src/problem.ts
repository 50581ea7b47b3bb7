// SPDX-License-Identifier: BSD-3-Clause
/**
 * RFC 9457 problem responses as the WaaS OpenAPI allows them: `application/problem+json` with only
 * the properties of `#/components/schemas/Problem` (`type`, `title`, `status`, `detail`, `instance`;
 * `additionalProperties: false`, each string at most 4096 characters), so no extension members
 * (waas-pdnd.md §4).
 * @module
 */

/**
 * Media type of every error body (RFC 9457 §3; OpenAPI `components.responses`).
 *
 * @example
 * ```ts
 * import { PROBLEM_CONTENT_TYPE } from '@riuso-sociale/siuss-waas';
 * response.headers.get('content-type') === PROBLEM_CONTENT_TYPE;
 * ```
 */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * Maximum length of each string property of a problem (OpenAPI `Problem`, `maxLength: 4096`).
 *
 * @example
 * ```ts
 * import { PROBLEM_MAX_LENGTH } from '@riuso-sociale/siuss-waas';
 * PROBLEM_MAX_LENGTH; // 4096
 * ```
 */
export const PROBLEM_MAX_LENGTH = 4096;

/**
 * A problem body: exactly the properties of the OpenAPI `Problem` schema.
 *
 * @example
 * ```ts
 * import type { WaasProblem } from '@riuso-sociale/siuss-waas';
 * const p: WaasProblem = { type: 'about:blank', title: 'Not Found', status: 404 };
 * ```
 */
export interface WaasProblem {
  /** Always `about:blank` here (RFC 9457 §4.2.1): the status code says it all. */
  readonly type?: string;
  /** The HTTP status phrase (RFC 9457 §4.2.1, `about:blank`). */
  readonly title?: string;
  /** The real HTTP status (RFC 9457 §3.1.2: equal to the response's status). */
  readonly status?: number;
  /** A short bilingual text (Italian / English) with no personal data and no internals (RFC 9457 §3.1.4). */
  readonly detail?: string;
  /** `urn:uuid:…` of this occurrence, also logged so that an operator can correlate (RFC 9457 §3.1.5). */
  readonly instance?: string;
}

/**
 * HTTP status phrases (RFC 9110 §15) of the statuses the endpoint answers: the `title` of an
 * `about:blank` problem (RFC 9457 §4.2.1).
 */
const STATUS_PHRASES: Readonly<Record<number, string>> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * The HTTP status phrase of a status code (RFC 9110 §15), used as the problem `title` (RFC 9457
 * §4.2.1). Unknown codes get the phrase of their class.
 *
 * @example
 * ```ts
 * import { statusPhrase } from '@riuso-sociale/siuss-waas';
 * statusPhrase(413); // 'Content Too Large'
 * statusPhrase(418); // 'Client Error'
 * ```
 */
export function statusPhrase(status: number): string {
  const known = STATUS_PHRASES[status];
  if (known !== undefined) return known;
  if (status >= 500) return 'Server Error';
  if (status >= 400) return 'Client Error';
  if (status >= 300) return 'Redirection';
  if (status >= 200) return 'Success';
  return 'Informational';
}

/** A new `urn:uuid:` identifier of one problem occurrence (RFC 9457 §3.1.5, RFC 9562). */
function newInstance(): string {
  return `urn:uuid:${globalThis.crypto.randomUUID()}`;
}

/** Cuts a string to the OpenAPI's 4096 characters (never splitting a surrogate pair). */
function cap(text: string): string {
  if (text.length <= PROBLEM_MAX_LENGTH) return text;
  let end = PROBLEM_MAX_LENGTH;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end);
}

/**
 * A text in Italian and English (the `detail` of a problem is `"<it> / <en>"`).
 *
 * @example
 * ```ts
 * import type { ProblemText } from '@riuso-sociale/siuss-waas';
 * const t: ProblemText = { it: 'Risorsa inesistente', en: 'No such resource' };
 * ```
 */
export interface ProblemText {
  /** Italian. */
  readonly it: string;
  /** English. */
  readonly en: string;
}

/**
 * Builds a problem body: `type` `about:blank`, `title` the status phrase, `status` the real status,
 * `detail` `"<Italian> / <English>"`, `instance` a fresh `urn:uuid:` (or the given one). Strings are
 * capped at 4096 characters (OpenAPI `Problem`).
 *
 * @example
 * ```ts
 * import { problemBody } from '@riuso-sociale/siuss-waas';
 * const p = problemBody(404, { it: 'Risorsa inesistente', en: 'No such resource' });
 * p.title; // 'Not Found'
 * p.instance?.startsWith('urn:uuid:'); // true
 * ```
 */
export function problemBody(status: number, detail?: ProblemText, instance: string = newInstance()): WaasProblem {
  const base = { type: 'about:blank', title: statusPhrase(status), status };
  return detail === undefined
    ? { ...base, instance: cap(instance) }
    : { ...base, detail: cap(`${detail.it} / ${detail.en}`), instance: cap(instance) };
}

/**
 * Options of {@link problemResponse}.
 *
 * @example
 * ```ts
 * import type { ProblemResponseOptions } from '@riuso-sociale/siuss-waas';
 * const o: ProblemResponseOptions = { headers: { 'retry-after': '30' } };
 * ```
 */
export interface ProblemResponseOptions {
  /** More response headers (`Retry-After`, `Allow`, `WWW-Authenticate`, `X-RateLimit-*`…). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The `instance` to use (default: a fresh `urn:uuid:`); pass it when it is also logged. */
  readonly instance?: string;
  /** Leave the body out (for `HEAD`). */
  readonly omitBody?: boolean;
}

/**
 * A `Response` carrying an RFC 9457 problem (`application/problem+json`, `Cache-Control: no-store`).
 *
 * @example
 * ```ts
 * import { problemResponse } from '@riuso-sociale/siuss-waas';
 * const r = problemResponse(503, { it: 'Servizio non disponibile, riprovare', en: 'Service unavailable, retry' }, { headers: { 'retry-after': '30' } });
 * r.headers.get('content-type'); // 'application/problem+json'
 * ```
 */
export function problemResponse(status: number, detail?: ProblemText, options: ProblemResponseOptions = {}): Response {
  const body = problemBody(status, detail, options.instance);
  const headers = new Headers(options.headers);
  headers.set('content-type', PROBLEM_CONTENT_TYPE);
  headers.set('cache-control', 'no-store');
  return new Response(options.omitBody === true ? null : JSON.stringify(body), { status, headers });
}
