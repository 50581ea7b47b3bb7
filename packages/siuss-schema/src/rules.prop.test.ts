// SPDX-License-Identifier: BSD-3-Clause
/**
 * The optimised rules (`src/rules.ts`) against the straightforward pre-optimisation implementation
 * kept in `src/testing/rules-reference.ts`: on random records (XSD-valid flows from
 * `src/testing/arbitraries.ts`, then attribute values mutated: empty, missing, white space, odd
 * decimals, impossible dates, bad codes, non-strings, changed structure) and random options, both
 * give deep-equal issues (code, severity, path, message, messageEn, params, even the order of the
 * params' keys) in the same order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Issue } from '@riuso-sociale/core';
import { checkEnvelopeRules, checkFlowRules, checkRecordRules, SIUSS_RULES, type RuleId, type RuleOptions } from './rules.js';
import { psPsaSinaFlowArbitrary, sinbaFlowArbitrary } from './testing/arbitraries.js';
import { elementsOf } from './testing/arbitraries.js';
import * as reference from './testing/rules-reference.js';
import type { FlowKind } from './model.js';

type Obj = Record<string, unknown>;

const RULE_IDS: readonly RuleId[] = SIUSS_RULES.map((r) => r.id);

const DECIMALS = [
  '', ' ', '\t\n', '0', '-0', '+0', '0.0', '-0.0', '-0.00', '0.00', '.5', '5.', '+1.', '-.5', '-5.', '.', '+', '-', '+.', '-.', '1.2.3', '+-1',
  '1e5', '1E5', 'NaN', 'Infinity', '0x10', '1_000', '１２', ' 12.50 ', '\n3\r', '\u00a012', '12,50', '12.5\u00a0', '0.1', '0.2', '0.3', '0.30',
  '33.33', '33.34', '100.00', '100', '100.0', '+100.000', '66.67', '-1', '-0.01', '0.01', '1', '1.00', '2.5', '2.50', '2.59', '2.60', '2.0',
  '2.', '02.05', '-2.30', '+2.30', '2.300', '2.5 ', ' 2.59', '0.6', '10.99', '999.60', '-0',
  '9007199254740991', '9007199254740992', '9007199254740993', '-9007199254740993', '9007199254740992.5', '4503599627370496.5',
  '123456789012345', '123456789012345.67', '999999999999999', '9999999999999999', '99999999999999.99', '0.000000000000000001',
  '0.0000000000000000000000001', '1000000000000000000000000', '12345678901234567890.123', '000000000000000000000012.50',
  '1'.repeat(1000), '1'.repeat(1001), ` ${'9'.repeat(1000)} `, `0.${'0'.repeat(30)}1`, `-${'0'.repeat(40)}`,
];
const DATES = [
  '', ' ', '2024-02-29', '2023-02-29', '2024-13-01', '2024-00-10', '2024-01-00', '2024-01-32', '2024-04-31', '1900-02-29', '2000-02-29',
  '0000-01-01', '0001-01-01', '9999-12-31', '2024-1-01', '2024-01-1', '2024-01-01Z', '2024-01-01+01:00', '2024-01-01-14:00',
  '2024-01-01+1:00', '2024-01-01z', ' 2024-01-01 ', '\t2024-12-31\n', '2024-01-01T00:00:00', '20240101', '2024/01/01', '２０２４-01-01',
  '2024-01-01 ', '2025-01-01', '2023-12-31', '2024-06-15', '2024-12-31', '2020-11-14', '2020-12-13', '2021-01-01', '2019-12-31',
  '-2024-01-01', '12024-01-01', '2024-01-01\u00a0', '2024—01—01', 'aaaa-bb-cc', '2024-0a-01',
];
const CODES = [
  'A1.16', 'A1.05.01', 'Z9.99', 'A1.99', 'a1.16', 'A1-16', 'A1.160', ' A1.16', 'A1.16 ', '', 'X'.repeat(30), 'A1.05.99', 'A2.17', 'A2.18',
  'ÀB.12', 'A1.16\n', 'A2.06', 'A3.01', 'A1.04.03', 'B1.01', 'A1.05.0', 'A1.5', 'A1.16.01.01', '😀😀.16',
];
const CODICI_FISCALI = [
  'RSSMRA80A01H501U', '12345678901', '12345678901   ', '  RSSMRA80A01H501U  ', '', 'A', 'Ä😀ÖÜ', 'RSSMRA80A01H501UX',
  '\u00a0RSSMRA80A01H501U', '\tRSSMRA80A01H501U\n', 'rssmra80a01h501u', '😀'.repeat(16),
  // For siuss.rule.codice_fiscale_check: wrong check character (also lower case, or with a space: then the XSD
  // rejects it and the rule is silent), omocodic (levels 1 and 3, and an order the Agenzia does not use),
  // month, day, 30 February, a letter outside L–V in the place code, XSD \d digits that are not ASCII, the
  // 11-digit form with the right and a wrong check digit, with and without trailing spaces.
  'RSSMRK66C14H501X', 'rssmrk66c14h501x', 'RSSMRK66C14H501X ', 'RSSMRK66C14H50MM', 'RSSMRK66C14HRLMS', 'RSSMRK66C14H5M1G',
  'RSSMRK66X14H501O', 'RSSMRK66C32H501S', 'RSSMRK66B30H501J', 'RSSMRK66C14HA01A', 'RSSMRK٦٦C14H501U', '١٢٣٤٥٦٧٨٩٠١',
  '12345678903', '12345678903     ', '12345678901', '12345678901  ', '12345678903      ',
];
const SMALL = ['1', '2', '3', '0', ' 1', '1 ', '01', '', ' ', '380', '381', ' 380', '000', 'I', 'V', 'A'];
const INTS = ['0', '-1', '+0', '1', ' 0 ', '00', '1.0', '', 'x', '-2147483649', '99999999999999999999', '+1', '-0', '\t-3\n', '١'];
const DSU = ['INPS-ISEE-2024-00012345X-00', '', ' ', '\t\n', '2024', '2020-01-01', 'x'];
const FLOW_NAMES = [
  'H501.PS.20210520.0000002', 'H501.PS.INPS.20160423.115235', 'H501.SINBA.20210520.00000004', 'F205.PS.20240131.0001', 'H501.PSA.20240230.1',
  'H501.SINA.20240131.1', 'H501.XX.20240131.1', 'H501', '', ' H501.PS.20210520.0000002', 'h501.ps.20210520.1', 'H501.PS.2021052.1',
];
const ALL_VALUES = [...DECIMALS, ...DATES, ...CODES, ...CODICI_FISCALI, ...SMALL, ...INTS, ...DSU];

/** The values worth trying for an attribute, by name. */
function poolOf(name: string): readonly string[] {
  if (name.startsWith('Importo') || name === 'OreServizioMensile') return DECIMALS;
  if (name.startsWith('Data')) return DATES;
  if (name === 'CodicePrestazione') return CODES;
  // IDBeneficiario (SINBA) is a pseudonym: given codici fiscali too, to see that no rule checks it as one.
  if (name === 'CodiceFiscale' || name === 'CFOperatore' || name === 'IDBeneficiario') return CODICI_FISCALI;
  if (name === 'NumeroComponentiISEE' || name.startsWith('Anno')) return INTS;
  if (name === 'NumeroProtocolloDSU') return DSU;
  if (name === 'Nome') return FLOW_NAMES;
  return SMALL;
}

/** Attributes (and simple-content children) that the rules read, to add where they are missing. */
const RULE_NAMES = [
  'CaratterePrestazione', 'DataInizioPrestazione', 'DataFinePrestazione', 'DataErogazionePrestazione', 'ImportoMensile', 'ImportoPrestazione',
  'ImportoQuotaEnte', 'ImportoQuotaUtente', 'ImportoQuotaSSN', 'ImportoQuotaRichiesta', 'ImportoSogliaISEE', 'NumeroProtocolloDSU',
  'AnnoProtocolloDSU', 'DataDSU', 'PresaCarico', 'AreaUtenza', 'OreServizioMensile', 'CodicePrestazione', 'CodiceFiscale', 'CodiceNazione',
  'CodiceRegione', 'CodiceComune', 'NumeroComponentiISEE', 'Nome', 'Codice', 'CFOperatore', 'IDBeneficiario',
] as const;
const NON_STRINGS: readonly unknown[] = [1, 0, null, undefined, true, {}, [], ['A1.16'], [null, 'A1.16', 7], { CodicePrestazione: 'A1.16' }];


/** One mutation, chosen by three numbers so that fast-check can shrink it. */
type Mutation = readonly [number, number, number, number];

function mutate(root: Obj, mutations: readonly Mutation[]): Obj {
  for (const [a, b, c, d] of mutations) {
    const elements = elementsOf(root);
    const el = elements[a % elements.length] as Obj;
    const keys = Object.keys(el);
    const key = keys.length === 0 ? undefined : keys[b % keys.length];
    switch (c % 9) {
      case 0: case 1: case 2: { // a value of its kind
        if (key !== undefined && typeof el[key] === 'string') {
          const pool = poolOf(key);
          el[key] = pool[d % pool.length];
        }
        break;
      }
      case 3: { // any odd value
        if (key !== undefined && typeof el[key] === 'string') el[key] = ALL_VALUES[d % ALL_VALUES.length];
        break;
      }
      case 4: // missing
        if (key !== undefined) delete el[key];
        break;
      case 5: case 6: { // a rule attribute added (or replaced)
        const name = RULE_NAMES[b % RULE_NAMES.length] as string;
        const pool = poolOf(name);
        el[name] = pool[d % pool.length];
        break;
      }
      case 7: // not a string (hand-made objects)
        if (key !== undefined) el[key] = structuredClone(NON_STRINGS[d % NON_STRINGS.length]);
        break;
      default: { // structure: a single child becomes a list or a list a single child, holes and junk in lists
        if (key === undefined) break;
        const v = el[key];
        if (Array.isArray(v)) {
          if (d % 3 === 0) el[key] = v[0];
          else if (d % 3 === 1) v.splice(d % (v.length + 1), 0, structuredClone(NON_STRINGS[d % NON_STRINGS.length]));
          else v.length += 1; // a hole
        } else if (v !== undefined) {
          el[key] = d % 2 === 0 ? [v] : [v, structuredClone(v)];
        }
      }
    }
  }
  return root;
}

const mutationsArbitrary = fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()), { maxLength: 10 });

/** Random options: any severity (and some invalid) per rule, any mode. */
const optionsArbitrary: fc.Arbitrary<RuleOptions> = fc.record({
  severity: fc.option(fc.dictionary(fc.constantFrom(...RULE_IDS), fc.constantFrom<unknown>('warning', 'error', 'off', 'info', undefined, 'OFF', 3)), { nil: undefined }),
  mode: fc.constantFrom(undefined, 'upload', 'cooperazione', 'other'),
}, { requiredKeys: [] }) as fc.Arbitrary<RuleOptions>;

/** Issues as a string that also sees the order of keys. */
const exact = (issues: readonly Issue[]): string => JSON.stringify(issues, (_k, v: unknown) => (v === undefined ? '<undefined>' : v));

function expectSame(fast: readonly Issue[], ref: readonly Issue[], thorough = true): void {
  const a = exact(fast);
  const b = exact(ref);
  if (thorough || a !== b) expect(fast).toStrictEqual(ref);
  expect(a).toBe(b);
}

/** Records of a flow (PS-PSA-SINA Beneficiario or SINBA), mutated. */
const recordCase = fc.oneof(
  fc.tuple(psPsaSinaFlowArbitrary({ maxRecords: 2 }), fc.constant<FlowKind>('PS_PSA_SINA')),
  fc.tuple(psPsaSinaFlowArbitrary({ maxRecords: 2, lexicalVariants: true }), fc.constant<FlowKind>('PS_PSA_SINA')),
  fc.tuple(sinbaFlowArbitrary({ maxRecords: 2, lexicalVariants: true }), fc.constant<FlowKind>('SINBA')),
).chain(([flow, kind]) => {
  const records = (kind === 'SINBA' ? (flow as unknown as Obj)['SINBA'] : (flow as unknown as Obj)['Beneficiario']) as Obj[];
  return fc.tuple(
    fc.constant(records), fc.constant(kind), fc.constant((flow as unknown as Obj)['IdentificazioneFlusso'] as Obj),
    mutationsArbitrary, fc.boolean(),
  );
}).map(([records, kind, envelope, mutations, wrongKind]) => {
  const copy = structuredClone({ records, envelope });
  mutate(copy as unknown as Obj, mutations);
  const other: FlowKind = kind === 'SINBA' ? 'PS_PSA_SINA' : 'SINBA';
  return { records: copy.records, envelope: copy.envelope, kind: wrongKind ? other : kind };
});

/** A PrestazioniSociali made of the values the rules read (quotas that add up, or nearly, included). */
const prestazioneArbitrary: fc.Arbitrary<Obj> = fc.tuple(
  fc.record({
    CaratterePrestazione: fc.constantFrom('1', '2', '3', ' 1'),
    DataInizioPrestazione: fc.constantFrom(...DATES),
    DataFinePrestazione: fc.constantFrom(...DATES),
    DataErogazionePrestazione: fc.constantFrom(...DATES),
    ImportoQuotaRichiesta: fc.constantFrom(...DECIMALS),
    ImportoSogliaISEE: fc.constantFrom(...DECIMALS),
    NumeroProtocolloDSU: fc.constantFrom(...DSU),
    AnnoProtocolloDSU: fc.constantFrom(...INTS),
    DataDSU: fc.constantFrom(...DATES),
    PresaCarico: fc.constantFrom('1', '2'),
    AreaUtenza: fc.constantFrom('1', '2', '3'),
    OreServizioMensile: fc.constantFrom(...DECIMALS),
    CodicePrestazione: fc.constantFrom(...CODES),
  }, { requiredKeys: [] }),
  // Total and quotas: cents split into three, written with various scales and forms (or any odd value).
  fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.nat(1000), fc.nat(1000), fc.constantFrom(0, 1, 2, 3, 5, 18), fc.integer({ min: -1, max: 1 }),
  fc.tuple(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean()),
  fc.tuple(fc.constantFrom(...DECIMALS), fc.constantFrom(...DECIMALS), fc.nat()),
).map(([base, total, s1, s2, extraScale, delta, [q1, q2, q3, odd, big], [oddValue, oddValue2, which]]) => {
  const units = big ? total : total % 10n ** 9n;
  const a = (units * BigInt(s1)) / 1000n;
  const b = ((units - a) * BigInt(s2)) / 1000n;
  const c = units - a - b + BigInt(delta);
  const write = (v: bigint, scale: number): string => {
    const neg = v < 0n;
    const digits = (neg ? -v : v).toString().padStart(scale + 1, '0');
    const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    return neg ? `-${text}` : text;
  };
  // Value in cents written at scale 2 + extra (trailing zeros), or with the cents dropped when whole.
  const form = (v: bigint, i: number): string => {
    if ((i + extraScale) % 4 === 0 && v % 100n === 0n) return write(v / 100n, 0);
    return write(v * 10n ** BigInt(extraScale % (i + 2)), 2 + (extraScale % (i + 2)));
  };
  const p: Obj = { ...base };
  const totalName = which % 2 === 0 ? 'ImportoMensile' : 'ImportoPrestazione';
  p[totalName] = odd && which % 5 === 0 ? oddValue : form(units, 0);
  if (which % 3 === 0) p[totalName === 'ImportoMensile' ? 'ImportoPrestazione' : 'ImportoMensile'] = oddValue2;
  if (q1) p['ImportoQuotaEnte'] = odd && which % 5 === 1 ? oddValue : form(a, 1);
  if (q2) p['ImportoQuotaUtente'] = odd && which % 5 === 2 ? oddValue : form(b, 2);
  if (q3) p['ImportoQuotaSSN'] = odd && which % 5 === 3 ? oddValue : form(c, 3);
  return p;
});

const beneficiarioArbitrary = fc.record({
  CodiceFiscale: fc.constantFrom(...CODICI_FISCALI),
  Indirizzo: fc.oneof(
    fc.record({ CodiceNazione: fc.constantFrom('380', '004', ' 380'), CodiceRegione: fc.constantFrom('01', ''), CodiceComune: fc.constantFrom('068001') }, { requiredKeys: [] }),
    fc.array(fc.record({ CodiceNazione: fc.constantFrom('380', '004'), CodiceRegione: fc.constant('01'), CodiceComune: fc.constant('068001') }, { requiredKeys: [] }), { maxLength: 3 }),
  ),
  PrestazioniSociali: fc.oneof(prestazioneArbitrary, fc.array(prestazioneArbitrary, { maxLength: 4 })),
}, { requiredKeys: ['PrestazioniSociali'] });

/** The records of a case (a mutation may have turned the list into one record or something else). */
const asList = (records: unknown): unknown[] => (Array.isArray(records) ? records : [records]);

const lineArbitrary = fc.option(fc.integer({ min: 1, max: 10_000_000 }), { nil: undefined });

describe('rules: optimised = reference', () => {
  it('records of random flows, mutated, with random options', () => {
    fc.assert(fc.property(recordCase, optionsArbitrary, lineArbitrary, fc.nat(100_000), ({ records, kind }, options, line, index) => {
      for (const [i, record] of asList(records).entries()) {
        const at = index + i;
        expectSame(checkRecordRules(kind, record as object, at, options, line), reference.checkRecordRules(kind, record as object, at, options, line));
      }
    }), { numRuns: 250, seed: 20250601 });
  });

  it('prestazioni built from the rule values (quotas adding up or not, big and odd amounts)', () => {
    fc.assert(fc.property(beneficiarioArbitrary, optionsArbitrary, lineArbitrary, fc.nat(1000), (b, options, line, index) => {
      expectSame(checkRecordRules('PS_PSA_SINA', b, index, options, line), reference.checkRecordRules('PS_PSA_SINA', b, index, options, line));
    }), { numRuns: 1500, seed: 20250602 });
  });

  it('amounts at the edge of exact Numbers (15 significant digits, 2^53 after rescaling and summing)', () => {
    /** `units / 10^scale` written without trailing fractional zeros (so with few significant digits). */
    const minimal = (units: bigint, scale: number): string => {
      const neg = units < 0n;
      const digits = (neg ? -units : units).toString().padStart(scale + 1, '0');
      let text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
      if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
      return neg ? `-${text}` : text;
    };
    const magnitude = fc.oneof(
      fc.bigInt({ min: 0n, max: 10n ** 16n }),
      fc.constantFrom(999_999_999_999_999n, 900_000_000_000_000n, 9_007_199_254_740_991n, 9_007_199_254_740_993n, 10n ** 15n, 10n ** 15n - 1n, 1n, 0n),
    );
    const amount = fc.tuple(magnitude, fc.nat(6)).map(([u, s]) => ({ units: u, scale: s }));
    const fixed: [string, string, string | undefined, string | undefined][] = [
      ['999999999999999', '999999999999998', '0.999', undefined],
      ['999999999999999', '999999999999998', '1', undefined],
      ['1800000000000000.1', '900000000000000', '900000000000000', '0.1'],
      ['1800000000000000', '900000000000000', '900000000000000', '0.1'],
      ['123456789012345', '123456789012344.9', '0.01', '0.09'],
      ['0.3', '0.1', '0.2', undefined],
      ['100.00', '33.33', '33.33', '33.34'],
      ['9007199254740993', '9007199254740992', '1', undefined],
    ];
    const check = (total: string, ente: string | undefined, utente: string | undefined, ssn: string | undefined): void => {
      const p: Obj = { CaratterePrestazione: '1', DataInizioPrestazione: '2024-01-01', ImportoMensile: total, CodicePrestazione: 'A1.16' };
      if (ente !== undefined) p['ImportoQuotaEnte'] = ente;
      if (utente !== undefined) p['ImportoQuotaUtente'] = utente;
      if (ssn !== undefined) p['ImportoQuotaSSN'] = ssn;
      const b = { PrestazioniSociali: [p] };
      expectSame(checkRecordRules('PS_PSA_SINA', b, 0), reference.checkRecordRules('PS_PSA_SINA', b, 0));
    };
    for (const [t, e, u, s] of fixed) check(t, e, u, s);
    fc.assert(fc.property(amount, amount, fc.option(amount, { nil: undefined }), fc.integer({ min: -1, max: 1 }), (a, b, c, delta) => {
      // The total is the exact sum ± one unit of the finest scale.
      const scale = Math.max(a.scale, b.scale, c?.scale ?? 0);
      const at = (d: { units: bigint; scale: number }): bigint => d.units * 10n ** BigInt(scale - d.scale);
      const total = at(a) + at(b) + (c === undefined ? 0n : at(c)) + BigInt(delta);
      check(minimal(total, scale), minimal(a.units, a.scale), minimal(b.units, b.scale), c === undefined ? undefined : minimal(c.units, c.scale));
    }), { numRuns: 1500, seed: 20250604 });
  });

  it('every severity of every rule, every mode, with and without line', () => {
    const records = [
      ...fc.sample(beneficiarioArbitrary, { numRuns: 12, seed: 3 }).map((r) => ({ kind: 'PS_PSA_SINA' as const, r })),
      ...fc.sample(recordCase, { numRuns: 8, seed: 4 }).flatMap((c) => asList(c.records).map((r) => ({ kind: c.kind, r }))),
    ];
    const severities = ['warning', 'error', 'off', undefined, 'info'] as const;
    let calls = 0;
    for (const id of RULE_IDS) {
      for (const sev of severities) {
        for (const mode of [undefined, 'upload', 'cooperazione'] as const) {
          const options = { severity: { [id]: sev }, ...(mode === undefined ? {} : { mode }) } as RuleOptions;
          for (const line of [undefined, 42]) {
            for (const { kind, r } of records) {
              expectSame(checkRecordRules(kind, r as object, 3, options, line), reference.checkRecordRules(kind, r as object, 3, options, line), false);
              calls++;
            }
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(5000);
  });

  it('non-records and empty records', () => {
    for (const record of [null, undefined, 'x', 3, [], [{}], {}, { PrestazioniSociali: null }, { PrestazioniSociali: [] }, { PrestazioniSociali: {} }]) {
      for (const kind of ['PS_PSA_SINA', 'SINBA'] as const) {
        expectSame(checkRecordRules(kind, record as object, 0), reference.checkRecordRules(kind, record as object, 0));
      }
    }
  });

  it('envelope and flow rules', () => {
    fc.assert(fc.property(recordCase, optionsArbitrary, fc.nat(5), fc.nat(5), ({ envelope, kind }, options, beneficiari, prestazioni) => {
      expectSame(checkEnvelopeRules(kind, envelope, options), reference.checkEnvelopeRules(kind, envelope, options));
      expectSame(checkFlowRules(kind, { beneficiari, prestazioni }, options), reference.checkFlowRules(kind, { beneficiari, prestazioni }, options));
    }), { numRuns: 150, seed: 20250603 });
    // Every codice fiscale of the pool as CFOperatore, with and without a flow name, Ente single or repeated.
    for (const cf of CODICI_FISCALI) {
      for (const kind of ['PS_PSA_SINA', 'SINBA'] as const) {
        for (const envelope of [
          { Nome: 'H501.PS.20210520.0000002', Ente: { Codice: 'H501', CFOperatore: cf } },
          { Ente: { CFOperatore: cf } },
          { Nome: 'x', Ente: [{ CFOperatore: cf }, { CFOperatore: 'RSSMRK66C14H501X' }] },
        ]) {
          expectSame(checkEnvelopeRules(kind, envelope), reference.checkEnvelopeRules(kind, envelope));
          expectSame(checkEnvelopeRules(kind, envelope, { severity: { 'siuss.rule.codice_fiscale_check': 'error' } }),
            reference.checkEnvelopeRules(kind, envelope, { severity: { 'siuss.rule.codice_fiscale_check': 'error' } }));
        }
      }
    }
  });

  it('the mutations reach the rules (not a vacuous comparison)', () => {
    const seen = new Set<string>();
    for (const c of fc.sample(recordCase, { numRuns: 250, seed: 20250601 })) {
      for (const r of asList(c.records)) for (const i of reference.checkRecordRules(c.kind, r as object, 0)) seen.add(i.code);
    }
    for (const b of fc.sample(beneficiarioArbitrary, { numRuns: 1500, seed: 20250602 })) {
      for (const i of reference.checkRecordRules('PS_PSA_SINA', b, 0)) seen.add(i.code);
    }
    const record = RULE_IDS.filter((id) => id !== 'siuss.rule.flow_name_format' && id !== 'siuss.rule.cooperazione_single');
    expect(record.filter((id) => !seen.has(id))).toEqual([]);
  });
});
