// SPDX-License-Identifier: BSD-3-Clause
/**
 * Reading a SIUSS flow from XML.
 * @module
 */
import type { Issue } from '@riuso-sociale/core';
import { throwIssues } from './errors.js';
import type { RawElement } from './internal/engine.js';
import { runWhole } from './internal/run.js';
import type { SiussFlow } from './model.js';

/**
 * Parses a SIUSS flow (PS-PSA-SINA or SINBA, told apart by its records) from XML text or bytes
 * (UTF-8 with or without BOM, or UTF-16 with BOM). Lossless: every attribute value is kept exactly
 * as written (`"0.0"` stays `"0.0"`), so `parseFlow(buildFlow(parseFlow(xml)))` gives the same values.
 *
 * The result is typed, so it is only returned for a flow the official XSD accepts; business-rule
 * warnings do not block it (see `validateFlow`). DOCTYPE and entities are refused; nothing external
 * is ever read.
 *
 * @throws {@link SiussError} `siuss.xml.*` for input that is not well-formed XML, has a DOCTYPE, is
 *   not UTF-8/UTF-16, or whose root is not `Flusso` in `http://inps.it/Casellario`; `siuss.xsd.*`
 *   with every XSD error (path, attribute, line in each issue).
 * @example
 * ```ts
 * import { parseFlow } from '@riuso-sociale/siuss-schema';
 * const flow = parseFlow(xml);
 * if (flow.kind === 'PS_PSA_SINA') console.log(flow.Beneficiario[0]?.PrestazioniSociali.length);
 * ```
 */
export function parseFlow(xml: string | Uint8Array): SiussFlow {
  const issues: Issue[] = [];
  let envelope: RawElement = {};
  const records: RawElement[] = [];
  const { fatal, engine } = runWhole(xml, {
    envelope: (_kind, env, found) => {
      envelope = env;
      issues.push(...found);
    },
    record: (_kind, _index, record, found) => {
      records.push(record);
      issues.push(...found);
    },
    issue: (issue) => issues.push(issue),
  });
  if (fatal !== null) throwIssues([fatal, ...issues]);
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throwIssues(errors);
  const kind = engine.flowKind as 'PS_PSA_SINA' | 'SINBA';
  return (kind === 'SINBA'
    ? { kind, IdentificazioneFlusso: envelope, SINBA: records }
    : { kind, IdentificazioneFlusso: envelope, Beneficiario: records }) as unknown as SiussFlow;
}
