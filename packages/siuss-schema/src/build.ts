// SPDX-License-Identifier: BSD-3-Clause
/**
 * Writing a SIUSS flow as XML.
 * @module
 */
import type { Issue } from '@riuso-sociale/core';
import { throwIssues } from './errors.js';
import { runWhole } from './internal/run.js';
import { serializeFlow } from './internal/serialize.js';
import type { SiussFlow } from './model.js';
import { validateFlow, type FlowValidation, type ValidateFlowOptions } from './validate.js';

/**
 * Options of {@link buildFlow} that return the XML together with its validation, from one
 * serialisation and one reading: `validate: true` plus the options of `validateFlow` (rule
 * severities, mode, `maxIssues`).
 *
 * @example
 * ```ts
 * import { buildFlow, type BuildFlowOptions } from '@riuso-sociale/siuss-schema';
 * const options: BuildFlowOptions = { validate: true, severity: { 'siuss.rule.quota_sum': 'error' } };
 * const { xml, validation } = buildFlow(flow, options);
 * ```
 */
export interface BuildFlowOptions extends ValidateFlowOptions {
  /** Return `{ xml, validation }` (a {@link FlowBuild}) instead of the XML alone. */
  readonly validate: true;
}

/**
 * What {@link buildFlow} returns with `validate: true`: the XML written and its validation — exactly
 * what `validateFlow(xml, options)` returns for that XML (XSD findings, business rules at their
 * configured severity, line numbers of the XML).
 *
 * @example
 * ```ts
 * import { buildFlow, type FlowBuild } from '@riuso-sociale/siuss-schema';
 * const built: FlowBuild = buildFlow(flow, { validate: true });
 * if (built.validation.errors.length === 0) send(built.xml);
 * ```
 */
export interface FlowBuild {
  /**
   * The XML written (UTF-8 text with its declaration). Valid against the official XSD, and free of
   * rules configured as `error`, only when `validation.errors` is empty: send it only then.
   */
  readonly xml: string;
  /** The validation of `xml`: the same findings as `validateFlow(xml, options)`. */
  readonly validation: FlowValidation;
}

/**
 * Writes a flow as XML that the official XSD accepts: UTF-8 with an XML declaration, the namespace
 * `http://inps.it/Casellario`, elements in the XSD's order, attributes in the XSD's declaration order,
 * `& < > " '` escaped (and tab, line feed, carriage return as character references, so the values
 * read back unchanged), values exactly as given (dates `YYYY-MM-DD`, SINBA `MM/YYYY`, decimals with
 * a dot are the caller's strings: nothing is reformatted).
 *
 * It never writes an invalid file: the output is read back and checked against the XSD rules first.
 *
 * With `{ validate: true, ...validateFlowOptions }` it returns a {@link FlowBuild} instead — the XML
 * and its full validation (XSD and INPS business rules, as `validateFlow(xml, options)` gives them)
 * from ONE serialisation and ONE reading, where `validateFlow(flow)` then `buildFlow(flow)` take two
 * of each. Then it does not throw for XSD or rule findings (they are in `validation.errors` /
 * `warnings`; the XML is to be used only when `errors` is empty); it still throws for a flow object
 * the serialiser cannot write (`siuss.model.*`).
 *
 * @throws {@link SiussError} `siuss.model.*` for properties the XSD does not have or values of the
 *   wrong type; without `validate: true`, also `siuss.xsd.*` for values the XSD rejects (every
 *   finding, with its path).
 * @example
 * ```ts
 * import { buildFlow, parseFlow } from '@riuso-sociale/siuss-schema';
 * const xml = buildFlow(parseFlow(original));
 *
 * // The XML and its validation in one pass (business rules as errors here):
 * const { xml: checked, validation } = buildFlow(parseFlow(original), {
 *   validate: true,
 *   severity: { 'siuss.rule.quota_sum': 'error' },
 * });
 * if (validation.errors.length === 0) console.log(checked.length, validation.warnings.length);
 * ```
 */
export function buildFlow(flow: SiussFlow, options?: { readonly validate?: false }): string;
export function buildFlow(flow: SiussFlow, options: BuildFlowOptions): FlowBuild;
export function buildFlow(flow: SiussFlow, options?: BuildFlowOptions | { readonly validate?: false }): string | FlowBuild;
export function buildFlow(flow: SiussFlow, options?: BuildFlowOptions | { readonly validate?: false }): string | FlowBuild {
  const { xml, issues } = serializeFlow(flow);
  if (issues.length > 0) throwIssues(issues);
  if (options?.validate === true) {
    const { validate: _validate, ...validateOptions } = options;
    return { xml, validation: validateFlow(xml, validateOptions) };
  }
  const found: Issue[] = [];
  const { fatal } = runWhole(xml, {
    envelope: (_k, _e, i) => found.push(...i),
    record: (_k, _n, _r, i) => found.push(...i),
    issue: (i) => found.push(i),
  }, { buildObjects: false });
  if (fatal !== null) throwIssues([fatal]);
  if (found.length > 0) throwIssues(found);
  return xml;
}
