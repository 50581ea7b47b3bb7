// SPDX-License-Identifier: BSD-3-Clause
/**
 * `buildFlow(flow, { validate: true, ...options })` — one serialisation, one reading — against the two
 * passes it replaces: on generated flows (XSD-valid ones from `src/testing/arbitraries.ts`, then
 * attribute values replaced by values that break XSD facets or INPS business rules, or removed) and
 * random validation options, its `validation` deep-equals `validateFlow(xml, options)` on the XML it
 * returns (same issues, same order, same keys), its XML is what `buildFlow(flow)` writes, plain
 * `buildFlow` throws exactly when the validation has non-rule errors, and `validateFlow(flow)` (the
 * object path csi-model used) differs only by the line numbers of the rule findings.
 */
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Issue } from '@riuso-sociale/core';
import { buildFlow, type FlowBuild } from './build.js';
import { SiussError } from './errors.js';
import { serializeFlow } from './internal/serialize.js';
import type { PsPsaSinaFlow, SiussFlow } from './model.js';
import { SIUSS_RULES, type RuleId } from './rules.js';
import { psPsaSinaFlowArbitrary, sinbaFlowArbitrary } from './testing/arbitraries.js';
import { elementsOf } from './testing/arbitraries.js';
import { validateFlow, type ValidateFlowOptions } from './validate.js';

type Obj = Record<string, unknown>;
const RULE_IDS: readonly RuleId[] = SIUSS_RULES.map((r) => r.id);

/** Values that break XSD facets or business rules (still strings: the serialiser can write them). */
const ODD = [
  '', ' ', '0', '-1', '0.00', '-0.01', '1.2.3', '12,50', ' 12.50 ', '100.00', '33.33', '2.75', '2.5', '9999999999999999.99', 'x',
  '2024-02-30', '2024-13-01', '2023-12-31', '2025-01-01', '2024-01-01Z', '20240101', 'A1.16', 'Z9.99', 'a1.16', '1', '2', '3', '9',
  'RSSMRA80A01H501U', 'RSSMRA80A01H501X', '12345678901', 'H501.PS.20210520.0000002', 'H501.XX.20240131.1', 'A & <B> "C"',
];
const RULE_ATTRIBUTES = [
  'CaratterePrestazione', 'DataInizioPrestazione', 'DataFinePrestazione', 'DataErogazionePrestazione', 'ImportoMensile', 'ImportoPrestazione',
  'ImportoQuotaEnte', 'ImportoQuotaUtente', 'ImportoQuotaSSN', 'ImportoSogliaISEE', 'NumeroProtocolloDSU', 'AnnoProtocolloDSU', 'DataDSU',
  'OreServizioMensile', 'PresaCarico', 'AreaUtenza',
];


/** String-for-string mutations (values replaced, removed, rule attributes added): the shape stays writable. */
function mutate(flow: SiussFlow, mutations: readonly (readonly [number, number, number, number])[]): SiussFlow {
  const root = structuredClone(flow) as unknown as Obj;
  for (const [a, b, c, d] of mutations) {
    const elements = elementsOf(root);
    const el = elements[a % elements.length] as Obj;
    const keys = Object.keys(el).filter((k) => typeof el[k] === 'string' && k !== 'kind');
    const key = keys.length === 0 ? undefined : keys[b % keys.length];
    if (c % 3 === 0 && key !== undefined) el[key] = ODD[d % ODD.length];
    else if (c % 3 === 1 && key !== undefined) delete el[key];
    else if (c % 3 === 2 && ('CaratterePrestazione' in el || 'ImportoPrestazione' in el) && !('IDBeneficiario' in el)) el[RULE_ATTRIBUTES[b % RULE_ATTRIBUTES.length] as string] = ODD[d % ODD.length];
  }
  return root as unknown as SiussFlow;
}

const flowArbitrary = fc.tuple(
  fc.oneof(
    psPsaSinaFlowArbitrary({ maxRecords: 3 }) as fc.Arbitrary<SiussFlow>,
    psPsaSinaFlowArbitrary({ maxRecords: 2, lexicalVariants: true }) as fc.Arbitrary<SiussFlow>,
    sinbaFlowArbitrary({ maxRecords: 3, lexicalVariants: true }) as fc.Arbitrary<SiussFlow>,
  ),
  fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()), { maxLength: 6 }),
).map(([flow, mutations]) => mutate(flow, mutations));

const optionsArbitrary: fc.Arbitrary<ValidateFlowOptions> = fc.record({
  severity: fc.option(fc.dictionary(fc.constantFrom(...RULE_IDS), fc.constantFrom<'warning' | 'error' | 'off'>('warning', 'error', 'off')), { nil: undefined }),
  mode: fc.constantFrom(undefined, 'upload', 'cooperazione'),
  maxIssues: fc.constantFrom(undefined, 1, 2, 5, 1000),
}, { requiredKeys: [] }) as fc.Arbitrary<ValidateFlowOptions>;

const isRule = (i: Issue): boolean => i.code.startsWith('siuss.rule.') || i.code === 'siuss.validate.too_many_warnings';
/** A rule finding without what only a file has: `params.recordLine`, the "(record at line N)" of the messages, `line`. */
function withoutLine(issues: readonly Issue[]): unknown[] {
  return issues.map((i) => {
    if (!isRule(i)) return i;
    const { line: _line, ...rest } = i as Issue & { line?: number };
    const { recordLine: _recordLine, ...params } = (i.params ?? {}) as Record<string, unknown>;
    return {
      ...rest,
      message: i.message.replace(/ \(record alla riga \d+\)/, ''),
      messageEn: i.messageEn?.replace(/ \(record at line \d+\)/, ''),
      params,
    };
  });
}

describe('buildFlow with validate: true (one pass)', () => {
  it('gives exactly validateFlow(xml) on the XML it writes, the XML buildFlow writes, and throws nothing buildFlow would not', () => {
    let invalid = 0;
    let ruleFindings = 0;
    fc.assert(fc.property(flowArbitrary, optionsArbitrary, (flow, options) => {
      const built = buildFlow(flow, { ...options, validate: true });
      expect(built.validation).toStrictEqual(validateFlow(built.xml, options));
      // Same order, same keys.
      expect(JSON.stringify(built.validation)).toBe(JSON.stringify(validateFlow(built.xml, options)));
      const xsdErrors = built.validation.errors.filter((i) => !isRule(i));
      let plain: string | SiussError;
      try {
        plain = buildFlow(flow);
      } catch (e) {
        if (!(e instanceof SiussError)) throw e;
        plain = e;
      }
      if (typeof plain === 'string') {
        expect(xsdErrors).toEqual([]);
        expect(built.xml).toBe(plain);
      } else {
        expect(xsdErrors.length).toBeGreaterThan(0);
        invalid++;
      }
      if (built.validation.warnings.length > 0 || built.validation.errors.some(isRule)) ruleFindings++;
      // The object path (serialise, read) agrees too, but for the line numbers of the rule findings.
      const fromObject = validateFlow(flow, options);
      expect(withoutLine(built.validation.errors)).toStrictEqual(withoutLine(fromObject.errors));
      expect(withoutLine(built.validation.warnings)).toStrictEqual(withoutLine(fromObject.warnings));
      expect(built.validation.kind).toBe(fromObject.kind);
      expect(built.validation.records).toBe(fromObject.records);
    }), { numRuns: 300, seed: 14 });
    // The generator does reach XSD-invalid flows and business-rule findings.
    expect(invalid).toBeGreaterThan(10);
    expect(ruleFindings).toBeGreaterThan(30);
  });

  it('returns an XML that breaks a business rule with its finding: a warning by default, an error when so configured', () => {
    const [flow] = fc.sample(psPsaSinaFlowArbitrary({ maxRecords: 1 }), { numRuns: 1, seed: 7 }) as [PsPsaSinaFlow];
    const p = (flow.Beneficiario[0] as unknown as { PrestazioniSociali: Obj[] }).PrestazioniSociali[0] as Obj;
    Object.assign(p, { CaratterePrestazione: '2', ImportoPrestazione: '100.00', ImportoQuotaEnte: '60.00', ImportoQuotaUtente: '30.00' });
    delete p['ImportoQuotaSSN'];
    const asWarning = buildFlow(flow, { validate: true });
    expect(asWarning.validation.errors).toEqual([]);
    expect(asWarning.validation.warnings.map((i) => i.code)).toContain('siuss.rule.quota_sum');
    expect(asWarning.xml).toBe(buildFlow(flow));
    const asError = buildFlow(flow, { validate: true, severity: { 'siuss.rule.quota_sum': 'error' } });
    expect(asError.validation.errors.map((i) => i.code)).toContain('siuss.rule.quota_sum');
    expect(asError.validation).toStrictEqual(validateFlow(asError.xml, { severity: { 'siuss.rule.quota_sum': 'error' } }));
    // An XSD-invalid value: plain buildFlow throws, the one-pass build reports it with the XML it wrote.
    p['ImportoPrestazione'] = '12,50';
    expect(() => buildFlow(flow)).toThrow(SiussError);
    const xsdInvalid = buildFlow(flow, { validate: true });
    expect(xsdInvalid.validation.errors.some((i) => i.code.startsWith('siuss.xsd.'))).toBe(true);
    expect(xsdInvalid.validation).toStrictEqual(validateFlow(xsdInvalid.xml));
  });

  it('still throws for a flow object the serialiser cannot write (siuss.model.*)', () => {
    const [flow] = fc.sample(psPsaSinaFlowArbitrary({ maxRecords: 1 }), { numRuns: 1, seed: 3 }) as [PsPsaSinaFlow];
    const bad = { ...flow, Extra: 'x' } as unknown as SiussFlow;
    expect(() => buildFlow(bad, { validate: true })).toThrow(SiussError);
    try {
      buildFlow(bad, { validate: true });
    } catch (e) {
      expect((e as SiussError).issues.map((i) => i.code)).toEqual(['siuss.model.unknown_property']);
    }
  });

  it('is typed by the option', () => {
    const flow = {} as SiussFlow;
    expectTypeOf(buildFlow).toBeCallableWith(flow);
    expectTypeOf<ReturnType<typeof buildFlow>>().toEqualTypeOf<string | FlowBuild>();
    const typed = (f: SiussFlow) => ({ plain: buildFlow(f), checked: buildFlow(f, { validate: true, mode: 'upload' }) });
    expectTypeOf<ReturnType<typeof typed>['plain']>().toEqualTypeOf<string>();
    expectTypeOf<ReturnType<typeof typed>['checked']>().toEqualTypeOf<FlowBuild>();
  });
});

describe('serializeFlow: the one-scan escaping', () => {
  /** The check the serialiser made before (a regular expression over code points). */
  const XML_CHAR = /^[\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
  const odd = fc.constantFrom('\uD800', '\uDC00', '\uDBFF\uDFFF', '\uFFFE', '\uFFFF', '\u0000', '\u001F', '\t', '\n', '\r', '&', '<', '>', '"', "'", '\u0085', '\u007F', '😀', 'à');
  const text = fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 4 }), odd), { maxLength: 8 }).map((parts) => parts.join(''));
  /** The escaping the serialiser did before (a replacement over every value). */
  const escapeBefore = (value: string): string => value.replace(/[&<>"'\t\n\r]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : c === "'" ? '&apos;' : c === '\t' ? '&#9;' : c === '\n' ? '&#10;' : '&#13;');
  it('refuses exactly the values with a character XML cannot hold, and escapes the others as before', () => {
    const [flow] = fc.sample(psPsaSinaFlowArbitrary({ maxRecords: 1 }), { numRuns: 1, seed: 5 }) as [PsPsaSinaFlow];
    fc.assert(fc.property(text, text, (denominazione, indirizzo) => {
      const f = structuredClone(flow) as unknown as { IdentificazioneFlusso: { Ente: Obj } };
      f.IdentificazioneFlusso.Ente['Denominazione'] = denominazione;
      f.IdentificazioneFlusso.Ente['Indirizzo'] = indirizzo;
      const { xml, issues } = serializeFlow(f);
      const codes = issues.map((i) => `${i.code} ${i.path.join('/')}`);
      const expected = [
        ...(XML_CHAR.test(denominazione) ? [] : ['siuss.model.char IdentificazioneFlusso/Ente/@Denominazione']),
        ...(XML_CHAR.test(indirizzo) ? [] : ['siuss.model.char IdentificazioneFlusso/Ente/@Indirizzo']),
      ];
      expect(codes).toEqual(expected);
      if (XML_CHAR.test(denominazione)) expect(xml).toContain(` Denominazione="${escapeBefore(denominazione)}"`);
      if (XML_CHAR.test(indirizzo)) expect(xml).toContain(` Indirizzo="${escapeBefore(indirizzo)}"`);
    }), { numRuns: 400, seed: 14 });
  });
});
