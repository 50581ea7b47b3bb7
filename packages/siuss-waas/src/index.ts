// SPDX-License-Identifier: BSD-3-Clause
/**
 * `@riuso-sociale/siuss-waas`: the endpoint a Comune exposes on PDND so that INPS can pull its SIUSS
 * flows and return the esiti ("Welfare as a Service", INPS OpenAPI `api-comuni.yaml` v2.0.1):
 * `GET /flussi`, `POST /esiti`, `GET /status`, each exactly as the OpenAPI says, behind a PDND voucher
 * check (`jose`, RS256 only). A framework-free handler on the Fetch API, with adapters for `node:http`
 * / `node:https` and Fastify; the data source is an interface, implemented on csi-store. The simulated
 * INPS and a test PDND authority are in `@riuso-sociale/siuss-waas/testing`.
 *
 * @example
 * ```ts
 * import { createVoucherVerifier, createWaasHandler, csiStoreSource, serveWaas } from '@riuso-sociale/siuss-waas';
 * // const handler = createWaasHandler({
 * //   source: csiStoreSource(store, { ente: 'A944', actor: { operatoreId, role: 'sistema' } }),
 * //   ente: { codice: 'A944', denominazione: 'Comune di Bologna' },
 * //   voucher: createVoucherVerifier({ issuer: 'interop.pagopa.it', audience, jwks: { url: 'https://interop.pagopa.it/.well-known/jwks.json' }, allowedClients: [inpsClientId] }),
 * // });
 * // const server = await serveWaas(handler, { port: 8443, host: '0.0.0.0', https: { key, cert } });
 * ```
 * @packageDocumentation
 */
export {
  createWaasHandler,
  WAAS_BODY_TOO_LARGE,
  WAAS_DEFAULT_MAX_BODY_BYTES,
  WAAS_DEFAULT_RATE_LIMIT,
  WAAS_RETRY_AFTER_SEC,
  type WaasEnte,
  type WaasFetchHandler,
  type WaasHandlerOptions,
} from './handler.js';
export type { RateLimitOptions } from './rate-limit.js';
export { createNodeListener, serveWaas, type NodeListenerOptions, type ServeWaasOptions } from './node.js';
export {
  waasFastifyPlugin,
  type WaasFastifyError,
  type WaasFastifyInstance,
  type WaasFastifyOptions,
  type WaasFastifyReply,
  type WaasFastifyRequest,
} from './fastify.js';
export {
  createVoucherVerifier,
  type VoucherJwksFile,
  type VoucherJwksKeys,
  type VoucherJwksSource,
  type VoucherJwksUrl,
  type VoucherRefusalReason,
  type VoucherVerifierOptions,
} from './voucher.js';
export { csiStoreSource, type CsiStoreSourceOptions } from './csi-store-source.js';
export type {
  VoucherCheck,
  VoucherClaims,
  VoucherVerifier,
  WaasCaller,
  WaasEsitoOutcome,
  WaasEsitoRecord,
  WaasFlow,
  WaasLogEvent,
  WaasLogger,
  WaasSource,
} from './types.js';
