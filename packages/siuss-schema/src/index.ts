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
export { buildFlow, type BuildFlowOptions, type FlowBuild } from './build.js';
export { centsToDecimal, monthsTouched } from './decimal.js';
export { SiussError } from './errors.js';
export { SIUSS_CODE_LISTS, type CodeListEntry, type SiussCodeListKey } from './generated/code-lists.js';
export type * from './generated/types.js';
export type { FlowKind, PsPsaSinaFlow, SinbaFlow, SiussFlow } from './model.js';
export { parseFlow } from './parse.js';
export { findPrestazione, PRESTAZIONE_CODE_PATTERN, SIUSS_PRESTAZIONI, type PrestazioneEntry } from './prestazioni.js';
export { checkEnvelopeRules, checkFlowRules, checkRecordRules, SIUSS_RULES, type RuleId, type RuleOptions, type SiussRule } from './rules.js';
export { validateFlow, type FlowValidation, type ValidateFlowOptions } from './validate.js';
export {
  flowNameTipoMatches, formatFlowName, parseFlowName,
  FLOW_NAME_MAX_LENGTH, FLOW_NAME_MAX_PROGRESSIVO, ID_FLUSSO_MAX_LENGTH,
  type FlowNameParts, type FlowNameTipo, type ParsedFlowName,
} from './flow-name.js';
export {
  buildEsitiBody, buildEsito, buildFlussiResponse, buildWaasEntry, dateTimeToEpochMs, decodeFlusso, decodeWaasEntry,
  parseEsitiBody, parseFlussiResponse,
  waasEsitiBodySchema, waasEsitoSchema, waasFlussiResponseSchema, waasFlussoEntrySchema,
  WAAS_CODICI_ESITO, WAAS_DEFAULT_LIMIT, WAAS_DENOMINAZIONE_MAX_LENGTH, WAAS_FLUSSO_MAX_LENGTH, WAAS_MAX_ITEMS,
  type WaasCodiceEsito, type WaasEntryOptions, type WaasEsitiBody, type WaasEsito, type WaasEsitoInput,
  type WaasFlussiQuery, type WaasFlussiResponse, type WaasFlussoEntry, type WaasInstant,
} from './waas.js';
export { prorateAmount, splitByYear, splitForCooperazione, type CooperazioneSplitOptions } from './split.js';
export {
  siussFlowSchema, siussJsonSchemas, siussSchemas, toJsonSchema,
  type SiussJsonSchema, type SiussJsonSchemaName, type SiussRecords, type SiussSchemaName, type SiussSchemas,
} from './schemas.js';
export {
  readFlowRecords, validateFlowStream,
  type FlowSource, type FlowStreamOptions, type FlowStreamEvent, type FlowEnvelopeEvent,
  type FlowRecordEvent, type FlowEndEvent, type ValidateStreamOptions, type FlowStreamValidation,
} from './stream.js';
