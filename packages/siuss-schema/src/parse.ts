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
 * in the encoding the document declares (XML 1.0 §4.3.3): a BOM (UTF-8, UTF-16LE/BE), else the XML
 * declaration's `encoding` — UTF-8, ISO-8859-1, ISO-8859-15 or windows-1252, with their IANA
 * aliases (`latin1`, `cp1252`…) — else UTF-8. Lossless: every attribute value is kept exactly
 * as written (`"0.0"` stays `"0.0"`), so `parseFlow(buildFlow(parseFlow(xml)))` gives the same values.
 *
 * The result is typed, so it is only returned for a flow the official XSD accepts; business-rule
 * warnings do not block it (see `validateFlow`). DOCTYPE and entities are refused; nothing external
 * is ever read.
 *
 * @throws {@link SiussError} `siuss.xml.*` for input that is not well-formed XML, has a DOCTYPE, is
 *   is not valid in its encoding (`siuss.xml.encoding`, with line and column), declares an
 *   encoding we do not decode (`siuss.xml.encoding_unsupported`), or whose root is not `Flusso` in
 *   `http://inps.it/Casellario`; `siuss.xsd.*` with every XSD error (path, attribute, line in each
 *   issue); `siuss.size` for bytes whose text is longer than a string can be (about 512 MiB of
 *   characters): read those with the streaming API (`readFlowRecords`).
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
