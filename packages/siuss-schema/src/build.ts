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

/**
 * Writes a flow as XML that the official XSD accepts: UTF-8 with an XML declaration, the namespace
 * `http://inps.it/Casellario`, elements in the XSD's order, attributes in the XSD's declaration order,
 * `& < > " '` escaped (and tab, line feed, carriage return as character references, so the values
 * read back unchanged), values exactly as given (dates `YYYY-MM-DD`, SINBA `MM/YYYY`, decimals with
 * a dot are the caller's strings: nothing is reformatted).
 *
 * It never writes an invalid file: the output is read back and checked against the XSD rules first.
 *
 * @throws {@link SiussError} `siuss.model.*` for properties the XSD does not have or values of the
 *   wrong type; `siuss.xsd.*` for values the XSD rejects (every finding, with its path).
 * @example
 * ```ts
 * import { buildFlow, parseFlow } from '@riuso-sociale/siuss-schema';
 * const xml = buildFlow(parseFlow(original));
 * ```
 */
export function buildFlow(flow: SiussFlow): string {
  const { xml, issues } = serializeFlow(flow);
  if (issues.length > 0) throwIssues(issues);
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
