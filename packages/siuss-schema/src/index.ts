// SPDX-License-Identifier: BSD-3-Clause
/**
 * `@riuso-sociale/siuss-schema`: SIUSS flows for INPS (PS-PSA-SINA and SINBA) — typed records with
 * the official XSD names, lossless XML reading and writing, streaming, validation that rejects
 * exactly what the official XSDs reject plus the INPS business rules as warnings.
 *
 * @example
 * ```ts
 * import { parseFlow, buildFlow, validateFlow } from '@riuso-sociale/siuss-schema';
 * const { errors, warnings } = validateFlow(xml);
 * if (errors.length === 0) console.log(parseFlow(xml).kind);
 * ```
 * @packageDocumentation
 */
export { buildFlow } from './build.js';
export { SiussError } from './errors.js';
export { SIUSS_CODE_LISTS, type CodeListEntry, type SiussCodeListKey } from './generated/code-lists.js';
export type * from './generated/types.js';
export type { FlowKind, PsPsaSinaFlow, SinbaFlow, SiussFlow } from './model.js';
export { parseFlow } from './parse.js';
