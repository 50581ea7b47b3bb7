// SPDX-License-Identifier: BSD-3-Clause
/**
 * The WaaS handler as a Fastify plugin. Fastify is not a dependency: the plugin is typed with the few
 * members of the instance, request and reply it uses (structural types below), so the package imports
 * and type-checks without Fastify installed, and a Fastify 4 or 5 app registers it as is.
 *
 * The prefix is NOT stripped: register the plugin under a prefix equal to the handler's `basePath`.
 *
 * ```ts
 * const handler = createWaasHandler({ source, voucher, ente, basePath: '/waas/v1/A944' });
 * await app.register(waasFastifyPlugin, { prefix: '/waas/v1/A944', handler });
 * ```
 * @module
 */
import { Readable } from 'node:stream';
import { WAAS_BODY_TOO_LARGE, WAAS_DEFAULT_MAX_BODY_BYTES, type WaasFetchHandler } from './handler.js';
import { problemResponse } from './problem.js';

/**
 * The members of a Fastify request the plugin reads.
 *
 * @example
 * ```ts
 * import type { WaasFastifyRequest } from '@riuso-sociale/siuss-waas';
 * type M = WaasFastifyRequest['method']; // string
 * ```
 */
export interface WaasFastifyRequest {
  /** HTTP method. */
  readonly method: string;
  /** Path and query (with the prefix). */
  readonly url: string;
  /** The body as the plugin's parser left it (a Buffer), or undefined. */
  readonly body?: unknown;
  /** The node request (its raw header list). */
  readonly raw: {
    /** Header names and values, alternating, as received. */
    readonly rawHeaders: readonly string[];
    /** The request target (path and query, with the prefix). */
    readonly url?: string | undefined;
  };
}

/**
 * The members of a Fastify reply the plugin calls.
 *
 * @example
 * ```ts
 * import type { WaasFastifyReply } from '@riuso-sociale/siuss-waas';
 * type Send = WaasFastifyReply['send'];
 * ```
 */
export interface WaasFastifyReply {
  /** Sets the status code. */
  code(statusCode: number): unknown;
  /**
   * Sets one header.
   * @param name - The header's name.
   * @param value - Its value: a string, a number or an array of strings, as Fastify accepts them.
   */
  header(name: string, value: unknown): unknown;
  /**
   * Sends the payload (nothing, or a node stream).
   * @param payload - Nothing for an empty body, or a Node.js readable stream with the body.
   */
  send(payload?: unknown): unknown;
}

/**
 * The members of a Fastify instance the plugin calls (inside its own encapsulated context).
 *
 * @example
 * ```ts
 * import type { WaasFastifyInstance } from '@riuso-sociale/siuss-waas';
 * type Route = WaasFastifyInstance['route'];
 * ```
 */
export interface WaasFastifyInstance {
  /** Drops the JSON and text parsers of this context (the handler parses the raw body). */
  removeAllContentTypeParsers(): void;
  /** Adds the catch-all raw-body parser. */
  addContentTypeParser(
    contentType: string,
    options: {
      /** Always `buffer`: the raw bytes. */
      parseAs: 'buffer';
      /** Largest body read. */
      bodyLimit?: number;
    },
    parser: (request: never, body: Buffer, done: (error: Error | null, body?: unknown) => void) => void,
  ): void;
  /** Maps Fastify's own errors (body too large…) to problems. */
  setErrorHandler(handler: (error: WaasFastifyError, request: WaasFastifyRequest, reply: WaasFastifyReply) => Promise<unknown>): unknown;
  /** Registers the routes. */
  route(options: {
    /** Every method. */
    method: string[];
    /** `/` and `/*` under the prefix. */
    url: string;
    /** The adapter to the WaaS handler. */
    handler: (request: WaasFastifyRequest, reply: WaasFastifyReply) => Promise<unknown>;
  }): unknown;
}

/**
 * The members of a Fastify error the plugin reads.
 *
 * @example
 * ```ts
 * import type { WaasFastifyError } from '@riuso-sociale/siuss-waas';
 * const e: WaasFastifyError = Object.assign(new Error('x'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 });
 * ```
 */
export interface WaasFastifyError extends Error {
  /** Fastify's error code, e.g. `FST_ERR_CTP_BODY_TOO_LARGE`. */
  readonly code?: string;
  /** The status Fastify suggests. */
  readonly statusCode?: number;
}

/**
 * Options of {@link waasFastifyPlugin} (with Fastify's own `prefix`, which must equal the handler's
 * `basePath`).
 *
 * @example
 * ```ts
 * import type { WaasFastifyOptions } from '@riuso-sociale/siuss-waas';
 * // const o: WaasFastifyOptions = { handler, maxBodyBytes: 1_048_576 };
 * ```
 */
export interface WaasFastifyOptions {
  /** The handler (`createWaasHandler`, with `basePath` equal to the plugin's prefix). */
  readonly handler: WaasFetchHandler;
  /**
   * Largest request body Fastify reads (default 1 MiB; keep it equal to the handler's
   * `maxBodyBytes`). Past it the handler still answers (voucher first, then `413`).
   */
  readonly maxBodyBytes?: number;
}

/** Every method goes to the handler, which answers 405 itself (with `Allow`). */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

/** The fixed origin requests are rebuilt on: the Host header is never trusted. */
const ORIGIN = 'http://waas.invalid';

function toRequest(request: WaasFastifyRequest, body: Uint8Array | ReadableStream<Uint8Array> | undefined): Request {
  const target = request.raw.url ?? request.url;
  const absolute = target.startsWith('/') ? null : new URL(target);
  const url = `${ORIGIN}${absolute === null ? target : `${absolute.pathname}${absolute.search}`}`;
  const headers = new Headers();
  const raw = request.raw.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  const withBody = body !== undefined && request.method !== 'GET' && request.method !== 'HEAD';
  return new Request(url, {
    method: request.method,
    headers,
    ...(withBody ? { body, duplex: 'half' as const } : {}),
  });
}

async function send(reply: WaasFastifyReply, response: Response): Promise<WaasFastifyReply> {
  reply.code(response.status);
  response.headers.forEach((value, name) => {
    reply.header(name, value);
  });
  if (response.body === null) reply.send();
  else reply.send(Readable.fromWeb(response.body));
  return reply;
}

/**
 * A Fastify plugin routing every method and path under its prefix to the WaaS handler, with the raw
 * body: in its encapsulated context it replaces the content-type parsers with one catch-all parser
 * (`parseAs: 'buffer'`, `bodyLimit`), so the handler checks the media type and the JSON itself. A
 * body over the limit still goes through the handler (voucher checked first, then `413` problem);
 * other Fastify errors become problems too. The prefix is not stripped: register the plugin with
 * `prefix` equal to the handler's `basePath`.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { createWaasHandler, waasFastifyPlugin } from '@riuso-sociale/siuss-waas';
 * const app = Fastify();
 * const handler = createWaasHandler({ source, voucher, ente: { codice: 'A944', denominazione: 'Comune di Bologna' }, basePath: '/waas/v1/A944' });
 * await app.register(waasFastifyPlugin, { prefix: '/waas/v1/A944', handler });
 * await app.listen({ port: 8080, host: '127.0.0.1' });
 * ```
 */
export function waasFastifyPlugin(instance: WaasFastifyInstance, options: WaasFastifyOptions, done: (error?: Error) => void): void {
  try {
    const handler = options?.handler;
    if (typeof handler !== 'function') {
      throw new TypeError('waasFastifyPlugin: handler deve essere una funzione (createWaasHandler) / handler must be a function (createWaasHandler)');
    }
    const maxBodyBytes = options.maxBodyBytes ?? WAAS_DEFAULT_MAX_BODY_BYTES;
    if (typeof maxBodyBytes !== 'number' || !Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1 || maxBodyBytes > 2 ** 30) {
      throw new TypeError('waasFastifyPlugin: maxBodyBytes deve essere un intero da 1 a 2^30 / maxBodyBytes must be an integer from 1 to 2^30');
    }
    instance.removeAllContentTypeParsers();
    instance.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBodyBytes }, (_request, body, next) => {
      next(null, body);
    });
    instance.setErrorHandler(async (error, request, reply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
        // Through the handler, so that the voucher is checked and the request logged like any other.
        const cut = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.error(Object.assign(new RangeError(`request body over ${maxBodyBytes} bytes`), { code: WAAS_BODY_TOO_LARGE }));
          },
        });
        let response: Response;
        try {
          response = await handler(toRequest(request, cut));
        } catch {
          response = problemResponse(413, { it: `Corpo oltre ${maxBodyBytes} byte`, en: `Body over ${maxBodyBytes} bytes` });
        }
        reply.header('connection', 'close');
        return send(reply, response);
      }
      const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      const text = status === 500
        ? { it: 'Errore interno', en: 'Internal error' }
        : { it: 'Richiesta HTTP non valida', en: 'Invalid HTTP request' };
      return send(reply, problemResponse(status, text));
    });
    const route = async (request: WaasFastifyRequest, reply: WaasFastifyReply): Promise<unknown> => {
      let response: Response;
      try {
        const body = request.body instanceof Uint8Array ? request.body : undefined;
        response = await handler(toRequest(request, body));
      } catch {
        response = problemResponse(400, { it: 'Richiesta HTTP non valida', en: 'Invalid HTTP request' });
      }
      return send(reply, response);
    };
    instance.route({ method: METHODS, url: '/', handler: route });
    instance.route({ method: METHODS, url: '/*', handler: route });
    done();
  } catch (error) {
    done(error instanceof Error ? error : new Error(String(error)));
  }
}
