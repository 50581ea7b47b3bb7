// SPDX-License-Identifier: BSD-3-Clause
/**
 * Validation of a whole flow: the XSD verdict (errors) and the INPS business rules (warnings), kept
 * apart.
 * @module
 */
import { createIssue, type Issue, type IssuePath } from '@riuso-sociale/core';
import type { RawElement } from './internal/engine.js';
import { runWhole } from './internal/run.js';
import { serializeFlow } from './internal/serialize.js';
import type { FlowKind, SiussFlow } from './model.js';
import { checkEnvelopeRules, checkFlowRules, checkRecordRules, type RuleOptions } from './rules.js';

/** Options of {@link validateFlow}: the rule options plus a cap on the findings kept. */
export interface ValidateFlowOptions extends RuleOptions {
  /**
   * At most this many XSD findings, and separately this many rule findings, are kept; a last
   * finding says that more were left out (`siuss.xsd.too_many_errors`,
   * `siuss.validate.too_many_warnings`). Default 1,000.
   */
  readonly maxIssues?: number;
}

/** The outcome of {@link validateFlow}. */
export interface FlowValidation {
  /** Which flow it is (`null` when that could not be told: not XML, no records…). */
  readonly kind: FlowKind | null;
  /**
   * What the official XSD rejects (`siuss.xml.*`, `siuss.xsd.*`; `siuss.model.*` for objects of the
   * wrong shape), plus any rule configured with severity `error`. Empty: INPS's schema accepts the flow.
   */
  readonly errors: Issue[];
  /** Business-rule findings (`siuss.rule.*`) with severity `warning`. */
  readonly warnings: Issue[];
  /** Records (`Beneficiario` or `SINBA`) read completely. */
  readonly records: number;
}

/** Same path, or `inner` lies under `outer`. */
function within(inner: IssuePath, outer: IssuePath): boolean {
  return outer.length <= inner.length && outer.every((p, i) => inner[i] === p);
}

/**
 * Validates a SIUSS flow — XML text, bytes (in the encoding they declare: UTF-8, UTF-16 with BOM,
 * ISO-8859-1, ISO-8859-15, windows-1252; see `parseFlow`) or a flow object — against
 * the official XSD (`PS_PSA_SINA201812.xsd` or `SINBA.xsd`, chosen by the records) and the INPS
 * business rules (see `SIUSS_RULES`).
 *
 * `errors` holds exactly what the XSD rejects, with fatal XML problems (not well-formed, DOCTYPE,
 * wrong root or namespace, bad encoding) as well; `warnings` holds the business rules, unless a rule
 * is configured as `error` (then it lands in `errors`) or `off`. A flow object is written with the
 * same serialiser as `buildFlow` and its output validated like a file, so objects and files get the
 * same verdict; properties the XSD does not have and values of the wrong type are errors
 * (`siuss.model.*`).
 *
 * It never throws for bad content. Messages mask codici fiscali and never quote names. Bytes
 * whose text cannot be held as one string (about 512 MiB of characters) give a `siuss.size` error:
 * validate those with `validateFlowStream`, which reads any size.
 *
 * @example
 * ```ts
 * import { validateFlow } from '@riuso-sociale/siuss-schema';
 * const { errors, warnings } = validateFlow(xml, {
 *   mode: 'cooperazione',
 *   severity: { 'siuss.rule.quota_sum': 'error', 'siuss.rule.prestazione_code_unknown': 'off' },
 * });
 * if (errors.length > 0) console.error(errors.map((e) => e.message).join('\n'));
 * ```
 */
export function validateFlow(input: string | Uint8Array | SiussFlow, options: ValidateFlowOptions = {}): FlowValidation {
  const maxIssues = options.maxIssues ?? 1000;
  const xsd: Issue[] = [];
  const rules: Issue[] = [];
  let ruleCount = 0;
  const addRules = (found: readonly Issue[]): void => {
    for (const issue of found) {
      ruleCount++;
      if (ruleCount <= maxIssues) rules.push(issue);
      else if (ruleCount === maxIssues + 1) {
        rules.push(createIssue('siuss.validate.too_many_warnings', {
          it: `Più di ${maxIssues} segnalazioni delle regole di business: le successive non sono elencate`,
          en: `More than ${maxIssues} business-rule findings: the rest are not listed`,
        }, { severity: 'warning', params: { limit: maxIssues } }));
      }
    }
  };

  let text: string | Uint8Array;
  let shape: Issue[] = [];
  const fromObject = !(typeof input === 'string' || input instanceof Uint8Array);
  if (!fromObject) {
    text = input as string | Uint8Array;
  } else {
    const serialized = serializeFlow(input);
    shape = serialized.issues;
    if (serialized.xml === '') return { kind: null, errors: shape, warnings: [], records: 0 };
    text = serialized.xml;
  }

  let prestazioni = 0;
  const { fatal, engine } = runWhole(text, {
    envelope: (kind, envelope, found) => {
      xsd.push(...found);
      if (kind !== null) addRules(checkEnvelopeRules(kind, envelope, options));
    },
    record: (kind, index, record: RawElement, found, line) => {
      xsd.push(...found);
      const list = record.PrestazioniSociali;
      if (Array.isArray(list)) prestazioni += list.length;
      // A flow object has no meaningful line numbers: its paths say where.
      addRules(checkRecordRules(kind, record, index, options, fromObject ? undefined : line));
    },
    issue: (issue) => xsd.push(issue),
  }, { maxIssues });
  if (fatal !== null) xsd.push(fatal);
  const kind = engine.flowKind;
  if (kind !== null) addRules(checkFlowRules(kind, { beneficiari: engine.records, prestazioni }, options));

  // For objects, an XSD finding at (or under) a path the shape check already reported is its echo
  // (a property of the wrong type is left out of the XML, then reported missing): keep one.
  const engineErrors = shape.length === 0 ? xsd : xsd.filter((i) => !shape.some((s) => within(i.path, s.path)));
  const all = [...shape, ...engineErrors, ...rules];
  return {
    kind,
    errors: all.filter((i) => i.severity === 'error'),
    warnings: all.filter((i) => i.severity !== 'error'),
    records: engine.records,
  };
}
