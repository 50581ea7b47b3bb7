// SPDX-License-Identifier: BSD-3-Clause
/**
 * The flow as a value: the generated XSD interfaces plus which of the two flows it is.
 * @module
 */
import type { FlussoPsPsaSina, FlussoSinba } from './generated/types.js';

/**
 * A PS-PSA-SINA flow (`PS_PSA_SINA201812.xsd`): the envelope and 1–n `Beneficiario`, each with 1–n
 * `PrestazioniSociali` (optionally with a `SINA` assessment).
 */
export type PsPsaSinaFlow = { readonly kind: 'PS_PSA_SINA' } & FlussoPsPsaSina;

/** A SINBA flow (`SINBA.xsd`): the envelope and 1–n anonymous `SINBA` records. */
export type SinbaFlow = { readonly kind: 'SINBA' } & FlussoSinba;

/**
 * A SIUSS flow. `kind` tells the two apart (`tipo` in the WaaS API); every other name is the XSD's.
 * Attribute values are strings as written in the XML (`"0.0"` stays `"0.0"`).
 *
 * @example
 * ```ts
 * import type { SiussFlow } from '@riuso-sociale/siuss-schema';
 * function count(flow: SiussFlow): number {
 *   return flow.kind === 'SINBA' ? flow.SINBA.length : flow.Beneficiario.length;
 * }
 * ```
 */
export type SiussFlow = PsPsaSinaFlow | SinbaFlow;

/** The two kinds of flow, as the WaaS API names them (`tipo`). */
export type FlowKind = SiussFlow['kind'];
