// SPDX-License-Identifier: BSD-3-Clause
/**
 * Conformance of responses to the official INPS OpenAPI `api-comuni.yaml` v2.0.1
 * (`<root>/../shared/data/siuss/waas-api-comuni.yaml`), checked with openapi-backend's Ajv validator,
 * not by hand.
 *
 * openapi-backend only compiles `application/json` response schemas, ignores a status no response
 * declares, and reads headers as optional; the document is OpenAPI 3.0 (`exclusiveMaximum: true`).
 * So the validator gets a normalised copy of the document:
 * - each `application/problem+json` schema is also offered as `application/json` (same schema), so it
 *   is compiled; the declared media type is still checked against the original document;
 * - OpenAPI 3.0 boolean `exclusiveMaximum`/`exclusiveMinimum` become the JSON Schema numeric form;
 * - the headers of `429TooManyRequests` and `503ServiceUnavailable` are marked required (waas-pdnd.md
 *   §3.10: 429 with Retry-After and X-RateLimit-*, 503 with Retry-After);
 * - one synthetic operation `__Problem` answers `default` with `Problem` and 429/503 with their
 *   component responses: it checks the statuses an operation does not declare (401, 403, 429, 503…
 *   are defined in `components.responses` but `/flussi` references none of them, §3.11 #7).
 * Ajv gets the formats the document uses: `date-time` (RFC 3339) and `uri` (RFC 3986 absolute);
 * openapi-backend adds `int32`, `int64` and `byte`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dateTimeToEpochMs } from '@riuso-sociale/siuss-schema';
import { OpenAPIBackend, SetMatchType, type Document } from 'openapi-backend';
import { parse } from 'yaml';

/** The OpenAPI file: the shared folder sits next to the repository root. */
export const OPENAPI_PATH = fileURLToPath(new URL('../../../../../shared/data/siuss/waas-api-comuni.yaml', import.meta.url));

/** The operations of the WaaS API. */
export type WaasOperationId = 'Flussi' | 'NotificaEsiti' | 'healthCheck';

/** Statuses answered as problems even where the operation does not declare them. */
const PROBLEM_STATUSES: ReadonlySet<number> = new Set([401, 403, 404, 405, 413, 415, 429, 503]);
const SYNTHETIC = '__Problem';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The original document, parsed. */
export const openapiDocument: JsonObject = parse(readFileSync(OPENAPI_PATH, 'utf8')) as JsonObject;

/** OpenAPI 3.0 → JSON Schema: boolean exclusive bounds become numeric ones (ajv reads draft-07). */
function normaliseSchemas(node: Json): Json {
  if (Array.isArray(node)) return node.map(normaliseSchemas);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) out[k] = normaliseSchemas(v);
  for (const [flag, bound] of [['exclusiveMaximum', 'maximum'], ['exclusiveMinimum', 'minimum']] as const) {
    if (out[flag] === true && typeof out[bound] === 'number') {
      out[flag] = out[bound];
      delete out[bound];
    } else if (out[flag] === false) delete out[flag];
  }
  return out;
}

/** Offers every `application/problem+json` schema as `application/json` too (openapi-backend compiles only that). */
function aliasProblemJson(response: Json | undefined): void {
  if (!isObject(response)) return;
  const content = response.content;
  if (isObject(content) && content['application/problem+json'] !== undefined && content['application/json'] === undefined) {
    content['application/json'] = content['application/problem+json'] ?? null;
  }
}

function validationDocument(): Document {
  const doc = normaliseSchemas(structuredClone(openapiDocument)) as JsonObject;
  const components = doc.components as JsonObject;
  const responses = components.responses as JsonObject;
  for (const r of Object.values(responses)) aliasProblemJson(r);
  for (const name of ['429TooManyRequests', '503ServiceUnavailable']) {
    const headers = (responses[name] as JsonObject).headers as JsonObject;
    for (const [headerName, header] of Object.entries(headers)) {
      // A Reference Object takes no siblings: inline the header, then require it.
      const ref = (header as JsonObject).$ref;
      const target = typeof ref === 'string' ? (components.headers as JsonObject)[ref.replace('#/components/headers/', '')] : header;
      headers[headerName] = { ...(target as JsonObject), required: true };
    }
  }
  for (const item of Object.values(doc.paths as JsonObject)) {
    for (const op of Object.values(item as JsonObject)) {
      if (isObject(op) && isObject(op.responses)) for (const r of Object.values(op.responses)) aliasProblemJson(r);
    }
  }
  (doc.paths as JsonObject)['/__conformance/problem'] = {
    get: {
      operationId: SYNTHETIC,
      responses: {
        '429': { $ref: '#/components/responses/429TooManyRequests' },
        '503': { $ref: '#/components/responses/503ServiceUnavailable' },
        default: { $ref: '#/components/responses/default' },
      },
    },
  };
  return doc as unknown as Document;
}

const RFC3986_ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/;

let backend: Promise<OpenAPIBackend> | undefined;

/** The validator (one per test file), on the normalised document. */
export function openapiBackend(): Promise<OpenAPIBackend> {
  backend ??= (async () => {
    const api = new OpenAPIBackend({
      definition: validationDocument(),
      strict: true,
      validate: true,
      ajvOpts: { strict: false, validateFormats: true, allErrors: true },
      customizeAjv: (ajv) => {
        ajv.addFormat('date-time', { type: 'string', validate: (s: string) => dateTimeToEpochMs(s) !== null });
        ajv.addFormat('uri', { type: 'string', validate: (s: string) => RFC3986_ABSOLUTE.test(s) && URL.canParse(s) });
        return ajv;
      },
    });
    await api.init();
    return api;
  })();
  return backend;
}

/** The original (non-normalised) response object an operation declares for a status, `$ref` resolved. */
function declaredResponse(operationId: WaasOperationId, status: number): { response: JsonObject; declared: boolean } | null {
  for (const item of Object.values(openapiDocument.paths as JsonObject)) {
    for (const op of Object.values(item as JsonObject)) {
      if (!isObject(op) || op.operationId !== operationId) continue;
      const responses = op.responses as JsonObject;
      const own = responses[String(status)] ?? responses[`${Math.floor(status / 100)}XX`];
      const picked = own ?? responses.default;
      if (picked === undefined) return null;
      let response = picked as JsonObject;
      if (typeof response.$ref === 'string') {
        const name = response.$ref.replace('#/components/responses/', '');
        response = ((openapiDocument.components as JsonObject).responses as JsonObject)[name] as JsonObject;
      }
      return { response, declared: own !== undefined };
    }
  }
  throw new Error(`unknown operation ${operationId}`);
}

function mediaType(contentType: string | null): string | null {
  return contentType === null ? null : (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

function fail(message: string, details?: unknown): never {
  throw new Error(details === undefined ? message : `${message}: ${JSON.stringify(details)}`);
}

/**
 * Checks a response against the OpenAPI: the status is declared for the operation (or is one of
 * 401/403/404/405/413/415/429/503, answered with `#/components/schemas/Problem`), the media type is
 * the declared one (`application/json` for the flows, `application/problem+json` for problems, no body
 * for 204), the body validates with openapi-backend, and so do the headers (`Retry-After`,
 * `X-RateLimit-*` required on 429, `Retry-After` on 503). Throws on any mismatch; returns the parsed
 * body (`null` when there is none). Consumes the response body (pass a clone to read it again).
 *
 * @example
 * ```ts
 * const body = await expectConformant(await handler(request), 'Flussi');
 * ```
 */
export async function expectConformant(response: Response, operationId: WaasOperationId): Promise<unknown> {
  const api = await openapiBackend();
  const status = response.status;
  const found = declaredResponse(operationId, status);
  let validateAs: string = operationId;
  let declared: JsonObject;
  if (found !== null && found.declared) declared = found.response;
  else if (PROBLEM_STATUSES.has(status)) {
    // components.responses define these statuses; an operation with `default` covers them too.
    declared = found?.response ?? (((openapiDocument.components as JsonObject).responses as JsonObject).default as JsonObject);
    validateAs = SYNTHETIC;
  } else if (found !== null) declared = found.response;
  else fail(`status ${status} is not declared for ${operationId}`);
  if (status === 429 || status === 503) validateAs = SYNTHETIC;

  const content = isObject(declared.content) ? declared.content : null;
  const text = await response.text();
  const type = mediaType(response.headers.get('content-type'));
  let body: Json = null;
  if (content === null) {
    if (text !== '') fail(`${operationId} ${status} declares no body, got ${text.length} characters`);
  } else {
    const expected = Object.keys(content);
    if (type === null || !expected.includes(type)) fail(`${operationId} ${status}: content type ${String(type)}, declared ${expected.join(', ')}`);
    try {
      body = JSON.parse(text) as Json;
    } catch {
      fail(`${operationId} ${status}: the body is not JSON`);
    }
  }
  // A validator must exist for this status, or validateResponse would pass anything.
  const map = api.validator.getStatusBasedResponseValidatorForOperation(validateAs) ?? {};
  const hasValidator = map[String(status)] ?? map[`${Math.floor(status / 100)}XX`] ?? map.default;
  if (hasValidator === undefined) fail(`no response validator for ${validateAs} ${status}`);
  const result = api.validateResponse(body, validateAs, status);
  if (!result.valid) fail(`${operationId} ${status}: body does not match the OpenAPI`, result.errors);

  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const headerResult = api.validateResponseHeaders(headers, validateAs, { statusCode: status, setMatchType: SetMatchType.Superset });
  if (!headerResult.valid) fail(`${operationId} ${status}: headers do not match the OpenAPI`, headerResult.errors);
  return body;
}
