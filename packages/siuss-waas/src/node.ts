// SPDX-License-Identifier: BSD-3-Clause
/**
 * The WaaS handler on node:http / node:https: `IncomingMessage` → `Request` (the body streamed with a
 * byte limit), `Response` → `ServerResponse`. Node-only (the handler itself runs on any Fetch API).
 *
 * Behind a reverse proxy (the usual set-up: TLS terminated by the Ente's gateway, the process on
 * 127.0.0.1), nothing here or in the handler reads `X-Forwarded-*` or `Forwarded`: they never steer a
 * security decision. The request URL is rebuilt on a fixed origin; only its path and query are used.
 * @module
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions as HttpsServerOptions } from 'node:https';
import { WAAS_BODY_TOO_LARGE, WAAS_DEFAULT_MAX_BODY_BYTES, type WaasFetchHandler } from './handler.js';
import { problemResponse } from './problem.js';

/**
 * Options of {@link createNodeListener}.
 *
 * @example
 * ```ts
 * import type { NodeListenerOptions } from '@riuso-sociale/siuss-waas';
 * const o: NodeListenerOptions = { maxBodyBytes: 512 * 1024 };
 * ```
 */
export interface NodeListenerOptions {
  /**
   * Most request-body bytes passed to the handler (default 1 MiB): past it the body stream fails with
   * `WAAS_BODY_TOO_LARGE` and the handler answers `413`; the rest is never read. Keep it equal
   * to the handler's `maxBodyBytes` (the smaller of the two applies).
   */
  readonly maxBodyBytes?: number;
}

/**
 * Options of {@link serveWaas}.
 *
 * @example
 * ```ts
 * import type { ServeWaasOptions } from '@riuso-sociale/siuss-waas';
 * const o: ServeWaasOptions = { port: 8080, host: '127.0.0.1', requestTimeoutMs: 30_000 };
 * ```
 */
export interface ServeWaasOptions extends NodeListenerOptions {
  /** TCP port (default 8080; `0` picks a free one: read it from `server.address()`). */
  readonly port?: number;
  /** Interface to listen on (default `127.0.0.1`: behind the Ente's reverse proxy). */
  readonly host?: string;
  /** Serve HTTPS with these options (key, cert, ca, minVersion…) instead of plain HTTP. */
  readonly https?: HttpsServerOptions;
  /** Longest time to receive a whole request, headers and body (default 30 000 ms; node `requestTimeout`). */
  readonly requestTimeoutMs?: number;
  /** Longest time to receive the headers (default 10 000 ms, at most `requestTimeoutMs`; node `headersTimeout`). */
  readonly headersTimeoutMs?: number;
}

function optionError(it: string, en: string): TypeError {
  return new TypeError(`serveWaas: ${it} / ${en}`);
}

function checkInteger(name: string, value: unknown, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw optionError(`${name} deve essere un intero da ${min} a ${max}`, `${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** The fixed origin requests are rebuilt on: the Host header is never trusted. */
const ORIGIN = 'http://waas.invalid';

function tooLargeError(max: number): RangeError {
  return Object.assign(new RangeError(`request body over ${max} bytes`), { code: WAAS_BODY_TOO_LARGE });
}

/**
 * The request body as a web stream, read only when the handler reads it (highWaterMark 0), with the
 * byte limit: past it the stream errors with `WAAS_BODY_TOO_LARGE` and the socket is paused.
 */
function bodyStream(req: IncomingMessage, max: number): ReadableStream<Uint8Array> {
  let total = 0;
  let attached = false;
  let finished = false;
  let onData: (chunk: Buffer) => void = () => undefined;
  let onEnd: () => void = () => undefined;
  let onError: (error: Error) => void = () => undefined;
  let onClose: () => void = () => undefined;
  const detach = (): void => {
    finished = true;
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('error', onError);
    req.off('close', onClose);
    req.pause();
  };
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (!attached) {
          attached = true;
          onData = (chunk) => {
            if (finished) return;
            total += chunk.byteLength;
            if (total > max) {
              detach();
              controller.error(tooLargeError(max));
              return;
            }
            controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
            if ((controller.desiredSize ?? 0) <= 0) req.pause();
          };
          onEnd = () => {
            if (finished) return;
            detach();
            controller.close();
          };
          onError = (error) => {
            if (finished) return;
            detach();
            controller.error(error);
          };
          onClose = () => {
            if (finished) return;
            detach();
            controller.error(new Error('request aborted by the client'));
          };
          req.on('data', onData);
          req.on('end', onEnd);
          req.on('error', onError);
          req.on('close', onClose);
        }
        req.resume();
      },
      cancel() {
        detach();
      },
    },
    { highWaterMark: 0 },
  );
}

/** Writes a Fetch `Response` on a node `ServerResponse`, streaming the body with backpressure. */
async function writeResponse(response: Response, res: ServerResponse, options: { head: boolean; close: boolean }): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  // A request body left unread (401, 413…): close the connection rather than drain it.
  if (options.close) res.setHeader('connection', 'close');
  const body = response.body;
  if (body === null || options.head) {
    if (body !== null) await body.cancel().catch(() => undefined);
    res.end();
    return;
  }
  const reader = body.getReader();
  const abort = (): void => {
    reader.cancel().catch(() => undefined);
  };
  res.once('close', abort);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) return;
      if (!res.write(value)) await new Promise<void>((resolve) => {
        const go = (): void => {
          res.off('drain', go);
          res.off('close', go);
          resolve();
        };
        res.on('drain', go);
        res.on('close', go);
      });
    }
    res.end();
  } catch {
    res.destroy();
  } finally {
    res.off('close', abort);
  }
}

/**
 * A node `request` listener running the handler: use it to mount the endpoint in a server of your
 * own (`http.createServer(listener)`, `https.createServer(tls, listener)`). Requests whose URL or
 * headers the Fetch API refuses get a `400` problem; nothing is ever thrown.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createNodeListener, createWaasHandler } from '@riuso-sociale/siuss-waas';
 * const server = createServer(createNodeListener(createWaasHandler(options)));
 * server.listen(8080, '127.0.0.1');
 * ```
 */
export function createNodeListener(handler: WaasFetchHandler, options: NodeListenerOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  if (typeof handler !== 'function') throw optionError('handler deve essere una funzione (createWaasHandler)', 'handler must be a function (createWaasHandler)');
  const maxBodyBytes = checkInteger('maxBodyBytes', options.maxBodyBytes, 1, 2 ** 30) ?? WAAS_DEFAULT_MAX_BODY_BYTES;
  return (req, res) => {
    void (async () => {
      const method = req.method ?? 'GET';
      let response: Response;
      try {
        let request: Request;
        try {
          const target = req.url ?? '/';
          // origin-form (/path?query) on the fixed origin; absolute-form keeps only its path and query.
          const absolute = target.startsWith('/') ? null : new URL(target);
          const url = new URL(`${ORIGIN}${absolute === null ? target : `${absolute.pathname}${absolute.search}`}`);
          const headers = new Headers();
          for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
          const hasBody = method !== 'GET' && method !== 'HEAD';
          request = new Request(url, {
            method,
            headers,
            ...(hasBody ? { body: bodyStream(req, maxBodyBytes), duplex: 'half' as const } : {}),
          });
        } catch {
          response = problemResponse(400, { it: 'Richiesta HTTP non valida', en: 'Invalid HTTP request' });
          await writeResponse(response, res, { head: method === 'HEAD', close: true });
          return;
        }
        response = await handler(request);
      } catch {
        response = problemResponse(500, { it: 'Errore interno', en: 'Internal error' });
      }
      await writeResponse(response, res, { head: method === 'HEAD', close: !req.complete });
    })().catch(() => {
      res.destroy();
    });
  };
}

/**
 * Serves the handler on node:http, or node:https when `https` is given; resolves once listening.
 * The port actually bound (useful with `port: 0`) is `(server.address() as AddressInfo).port`.
 * Stop with `server.close()`. Invalid options throw a `TypeError`; a listen failure (port in use)
 * rejects.
 *
 * @example
 * ```ts
 * import type { AddressInfo } from 'node:net';
 * import { createWaasHandler, serveWaas } from '@riuso-sociale/siuss-waas';
 * const server = await serveWaas(createWaasHandler(options), { port: 0 });
 * const { port } = server.address() as AddressInfo;
 * console.log(`http://127.0.0.1:${port}/status`);
 * ```
 */
export async function serveWaas(handler: WaasFetchHandler, options: ServeWaasOptions = {}): Promise<Server> {
  const port = checkInteger('port', options.port, 0, 65535) ?? 8080;
  const host = options.host ?? '127.0.0.1';
  if (typeof host !== 'string' || host === '') throw optionError('host deve essere un indirizzo o un nome', 'host must be an address or a name');
  const requestTimeout = checkInteger('requestTimeoutMs', options.requestTimeoutMs, 1, 3_600_000) ?? 30_000;
  const headersTimeout = checkInteger('headersTimeoutMs', options.headersTimeoutMs, 1, 3_600_000) ?? Math.min(10_000, requestTimeout);
  if (headersTimeout > requestTimeout) {
    throw optionError('headersTimeoutMs non può superare requestTimeoutMs', 'headersTimeoutMs cannot exceed requestTimeoutMs');
  }
  const listener = createNodeListener(handler, options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {});
  const timeouts = { requestTimeout, headersTimeout };
  const server: Server = options.https !== undefined ? createHttpsServer({ ...options.https, ...timeouts }, listener) : createHttpServer(timeouts, listener);
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
  return server;
}
