// SPDX-License-Identifier: BSD-3-Clause
/**
 * fast-check arbitraries of XSD-valid SIUSS flows (both kinds), driven by the generated
 * `ElementDescription` trees (`src/generated/descriptions.ts`): every attribute value is drawn to
 * satisfy its facets, optional attributes and elements are present or not, repeated elements occur
 * within their bounds. Strings are realistic (Italian names with accents and apostrophes, `&`, `<`,
 * quotes: the builder must escape them) mixed with random strings that reach the facet limits.
 *
 * For tests and benchmarks only (not exported by the package). Reused by the conformance,
 * differential and round-trip tests.
 *
 * Generators per facet of PS_PSA_SINA201812.xsd and SINBA.xsd: enumerations; the patterns
 * `([0-9]{n})`, the codice fiscale / partita IVA pattern, the `MM/YYYY` pattern of SINBA; lengths
 * counted in code points (XSD Part 2 §4.3.1); xs:date as real calendar days (§3.2.9); xs:decimal
 * (§3.2.3); xs:int within minInclusive/maxInclusive (§3.3.17). An unknown pattern falls back to
 * `fc.stringMatching`, so a new XSD still gets valid values.
 * @module
 */
import { fromEpochDay, toEpochDay, type IsoDate } from '@riuso-sociale/core';
import fc from 'fast-check';
import { PS_PSA_SINA_ROOT, SINBA_ROOT } from '../generated/descriptions.js';
import type { AttributeDescription, ElementDescription, SimpleTypeDescription } from '../internal/description.js';
import type { PsPsaSinaFlow, SiussFlow, SinbaFlow } from '../model.js';

/** Options of the flow arbitraries. */
export interface FlowArbitraryOptions {
  /** Most records (`Beneficiario` or `SINBA`) in a flow. Default 3. */
  readonly maxRecords?: number;
  /** Most occurrences of an element whose maxOccurs is `unbounded`. Default 3. */
  readonly maxRepeat?: number;
  /**
   * Also draw the less usual lexical forms the XSD accepts: dates with a time zone, decimals like
   * `+.5`, `5.` or with white space around, ints like `+007`, strings with tab, line feed,
   * carriage return, non-breaking space or characters outside the BMP. Default false (values as
   * an ordinary producer writes them).
   */
  readonly lexicalVariants?: boolean;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';

const chars = (s: string): fc.Arbitrary<string> => fc.constantFrom(...Array.from(s));
const fixed = (s: string, n: number): fc.Arbitrary<string> => fc.string({ unit: chars(s), minLength: n, maxLength: n });

/** Italian surnames and names, with the characters a real register has. */
const PERSON_NAMES = [
  'Rossi', 'Bianchi', "D'Angelo", 'Dell’Orto', 'Niccolò', 'Lucà', 'Gioè', 'Fabrizio', 'De Sanctis', 'Sant’Elia', 'Maria Grazia',
  'Zoë', 'José', 'Müller', 'Çelik', 'Nguyễn', "O'Neill", 'Ferrari-Rossi', 'Anna "Nina"', 'Pietro & Paolo', 'Giò', 'Lò',
  'Mattia', 'Francesca', 'Noemi', 'Vincenzo', 'Fiorentino', 'Dall’Acqua', 'Lo Iacono', 'Nicolò', 'Ilaria',
];
const ENTI = [
  'Comune di Forlì', "Comune di Sant'Angelo d'Alife", 'Unione dei Comuni Valle dell’Aniene', 'Comune di Roma',
  'Consorzio Servizi Sociali "Ovest Solidale"', 'Ambito Territoriale n. 1 <Sud>', 'Comune di Cantù', 'ASP Città & Territorio',
];
const PRESTAZIONI = [
  'Interventi di supporto per reperimento alloggi', 'Assistenza domiciliare socio-assistenziale', 'Contributo "una tantum" <urgente>',
  "Servizi & interventi per l'integrazione sociale", 'Retta per centri diurni', 'Buoni spesa o buoni pasto',
  'Contributi economici per l’affido familiare', 'Trasporto sociale – disabilità',
];
const PRESTAZIONE_CODES = ['A1.01', 'A1.02', 'A1.04.03', 'A1.05.01', 'A1.16', 'A2.06', 'A2.16', 'A3.01', 'Z9.99'];
const PLACE_CODES = ['H501', 'F205', 'D612', 'L219', 'A662', 'Z404', 'Z210', 'D704', 'B354'];

/** Characters of random strings; the exotic ones only with `lexicalVariants`. */
const ORDINARY_CHARS = `${UPPER}${LOWER}${DIGITS}      àèéìòùÀÈÉÌÒÙçäöüñ'’"&<>.,-/;:()°`;
const EXOTIC_CHARS = ['\t', '\n', '\r', '\u00a0', '€', '😀', '𝔸', 'ß', '\u200b', ']]>'];

/** Takes a candidate string to between `min` and `max` code points (truncating or padding). */
function fit(text: string, min: number, max: number): string {
  const cps = Array.from(text).slice(0, max);
  while (cps.length < min) cps.push('x');
  return cps.join('');
}

function stringArbitrary(min: number, max: number, pool: readonly string[], exotic: boolean): fc.Arbitrary<string> {
  const unit = exotic
    ? fc.oneof({ weight: 12, arbitrary: chars(ORDINARY_CHARS) }, { weight: 1, arbitrary: fc.constantFrom(...EXOTIC_CHARS) })
    : chars(ORDINARY_CHARS);
  // `]]>` is one unit of three code points: build, then fit to the limits.
  const random = fc.string({ unit, minLength: min, maxLength: max }).map((s) => fit(s, min, max));
  const arbitraries: fc.WeightedArbitrary<string>[] = [{ weight: 2, arbitrary: random }];
  if (pool.length > 0) arbitraries.push({ weight: 3, arbitrary: fc.constantFrom(...pool).map((s) => fit(s, min, max)) });
  // The limits themselves.
  arbitraries.push({ weight: 1, arbitrary: fc.constantFrom(min, max).chain((n) => fixed(`${UPPER}àé'&`, n)) });
  return fc.oneof(...arbitraries);
}

/** Codice fiscale (16) or numeric code (11 digits then up to five spaces), as the XSD pattern says. */
function fiscalCodeArbitrary(exotic: boolean): fc.Arbitrary<string> {
  const letters = exotic ? `${UPPER}${LOWER}` : UPPER;
  const person = fc
    .tuple(fixed(letters, 6), fixed(DIGITS, 2), fixed(letters, 1), fixed(DIGITS, 2), fixed(letters, 1), fixed(`${letters}${DIGITS}`, 3), fixed(letters, 1))
    .map((parts) => parts.join(''));
  const numeric = fc.tuple(fixed(DIGITS, 11), fc.integer({ min: 0, max: exotic ? 5 : 0 })).map(([d, n]) => d + ' '.repeat(n));
  return fc.oneof({ weight: 4, arbitrary: person }, { weight: 1, arbitrary: numeric });
}

const CF_PATTERN = '([A-Za-z]{6}\\d{2}[A-Za-z]\\d{2}[A-Za-z][A-Za-z0-9]{3}[A-Za-z])|(\\d{11} {0,5})';
const MONTH_YEAR_PATTERN = '((0[1-9])|(1[0-2]))[/](19|20)[0-9]{2}';

function patternArbitrary(pattern: string, exotic: boolean): fc.Arbitrary<string> {
  const digits = /^\(\[0-9\]\{(\d+)\}\)$/.exec(pattern);
  if (digits !== null) return fixed(DIGITS, Number(digits[1]));
  if (pattern === CF_PATTERN) return fiscalCodeArbitrary(exotic);
  if (pattern === MONTH_YEAR_PATTERN) {
    return fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1900, max: 2099 })).map(([m, y]) => `${String(m).padStart(2, '0')}/${y}`);
  }
  // A pattern these XSDs do not have: XSD \d is \p{Nd}; ASCII digits are a subset.
  return fc.stringMatching(new RegExp(`^(?:${pattern})$`));
}

const FIRST_DAY = toEpochDay('1900-01-01' as IsoDate);
const LAST_DAY = toEpochDay('2099-12-31' as IsoDate);
const REALISTIC_FIRST = toEpochDay('1995-01-01' as IsoDate);
const REALISTIC_LAST = toEpochDay('2030-12-31' as IsoDate);

function dateArbitrary(exotic: boolean): fc.Arbitrary<string> {
  const day = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: REALISTIC_FIRST, max: REALISTIC_LAST }) },
    { weight: 1, arbitrary: fc.integer({ min: FIRST_DAY, max: LAST_DAY }) },
    // Leap days and month ends.
    { weight: 1, arbitrary: fc.constantFrom('2000-02-29', '2024-02-29', '2023-02-28', '2021-04-30', '2021-12-31').map((d) => toEpochDay(d as IsoDate)) },
  ).map((n) => fromEpochDay(n) as string);
  if (!exotic) return day;
  // No white space around: libxml2 refuses it (see src/internal/simple-types.ts).
  return fc.tuple(day, fc.constantFrom('', '', '', 'Z', '+01:00', '-05:30', '+14:00', '-14:00', '+00:00')).map(([d, tz]) => `${d}${tz}`);
}

function decimalArbitrary(exotic: boolean): fc.Arbitrary<string> {
  const cents = fc.oneof(fc.integer({ min: 0, max: 99_999_99 }), fc.constantFrom(0, 100, 20000, 12345));
  const plain = fc.tuple(cents, fc.constantFrom('cents', 'one', 'int')).map(([c, form]) =>
    form === 'cents' ? `${Math.trunc(c / 100)}.${String(c % 100).padStart(2, '0')}` : form === 'one' ? `${Math.trunc(c / 100)}.${Math.trunc((c % 100) / 10)}` : String(Math.trunc(c / 100)),
  );
  if (!exotic) return plain;
  const odd = fc.constantFrom('+1.50', '-0.0', '.5', '5.', '000123.4500', '-12', '+0', '0.000000000000000001', '123456789012345.67');
  return fc.tuple(fc.oneof(plain, odd), fc.constantFrom('', '', ' ', '\t')).map(([d, ws]) => `${ws}${d}${ws}`);
}

function intArbitrary(type: SimpleTypeDescription, exotic: boolean): fc.Arbitrary<string> {
  const min = type.minInclusive ?? (exotic ? -2147483648 : 1);
  const max = type.maxInclusive ?? 2147483647;
  const low = Math.min(min, max);
  const n = fc.oneof(fc.integer({ min: low, max }), fc.constantFrom(low, max));
  if (!exotic) return n.map(String);
  // No white space around: libxml2 refuses it (see src/internal/simple-types.ts).
  return fc.tuple(n, fc.constantFrom('plain', 'plus', 'zeros')).map(([v, form]) =>
    form === 'plus' && v >= 0 ? `+${v}` : form === 'zeros' ? (v < 0 ? `-00${-v}` : `00${v}`) : String(v),
  );
}

/** Realistic candidates for an attribute or a simple-content element, by name. */
function poolFor(element: string, name: string): readonly string[] {
  switch (name) {
    case 'Cognome': case 'Nome':
      return element === 'IdentificazioneFlusso' ? ['H501.PS.INPS.20160423.115235', 'H501.SINBA.20210520.00000004', 'F205.PS.20240131.0001'] : PERSON_NAMES;
    case 'Denominazione': return ENTI;
    case 'DenominazionePrestazione': return PRESTAZIONI;
    case 'CodicePrestazione': return PRESTAZIONE_CODES;
    case 'LuogoNascita': case 'Indirizzo': case 'Codice': return PLACE_CODES;
    case 'ProtocolloDomanda': return ['PG/2024/0001234', 'Protocollo fittizio', '2024-REG-77', 'Prot. n° 15 & 16'];
    case 'NumeroProtocolloDSU': return ['INPS-ISEE-2024-00012345X-00', '', 'INPS-ISEE-2019-123'];
    case 'IDBeneficiario': return ['PROVA BENEF', 'MIN-000123', "Minore 'A'", 'ID<7>&8'];
    default: return [];
  }
}

/**
 * A value that the simple type accepts (facets included).
 *
 * @param hint - element and attribute names, for realistic values (`Anagrafica`/`Cognome` gives surnames)
 * @example
 * ```ts
 * fc.sample(simpleValueArbitrary({ base: 'string', pattern: '([0-9]{3})' }), 3); // ['380', '004', '913']
 * ```
 */
export function simpleValueArbitrary(type: SimpleTypeDescription, options: FlowArbitraryOptions = {}, hint: { element: string; name: string } = { element: '', name: '' }): fc.Arbitrary<string> {
  const exotic = options.lexicalVariants ?? false;
  // No filter through our own checker: the conformance test must see what xmllint thinks of them.
  if (type.enumeration !== undefined) return fc.constantFrom(...type.enumeration.map((e) => e.code));
  if (type.base === 'date') return dateArbitrary(exotic);
  if (type.base === 'decimal') return decimalArbitrary(exotic);
  if (type.base === 'int') return intArbitrary(type, exotic);
  if (type.pattern !== undefined) return patternArbitrary(type.pattern, exotic);
  const min = type.length ?? type.minLength ?? 0;
  const max = type.length ?? type.maxLength ?? Math.max(min, 60);
  return stringArbitrary(min, max, poolFor(hint.element, hint.name), exotic);
}

function attributeArbitrary(element: string, a: AttributeDescription, options: FlowArbitraryOptions): fc.Arbitrary<string> {
  return simpleValueArbitrary(a.type, options, { element, name: a.name });
}

type Obj = Record<string, unknown>;

/**
 * A plain object for an element (attributes and children by XSD name, arrays for repeated
 * elements, strings for simple content), valid against its description.
 *
 * @example
 * ```ts
 * const [ente] = fc.sample(elementArbitrary(PS_PSA_SINA_ROOT.children[0]!.children[0]!), 1);
 * ```
 */
export function elementArbitrary(desc: ElementDescription, options: FlowArbitraryOptions = {}): fc.Arbitrary<unknown> {
  if (desc.text !== undefined) return simpleValueArbitrary(desc.text, options, { element: desc.name, name: desc.name });
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const a of desc.attributes) {
    model[a.name] = attributeArbitrary(desc.name, a, options);
    if (a.use === 'required') required.push(a.name);
  }
  const maxRepeat = options.maxRepeat ?? 3;
  for (const c of desc.children) {
    const child = elementArbitrary(c, options);
    if (c.maxOccurs === 'unbounded' || c.maxOccurs > 1) {
      const max = c.maxOccurs === 'unbounded' ? Math.max(c.minOccurs, maxRepeat) : Math.min(c.maxOccurs, Math.max(c.minOccurs, maxRepeat + 2));
      model[c.name] = fc.array(child, { minLength: c.minOccurs, maxLength: max });
      if (c.minOccurs > 0) required.push(c.name);
    } else {
      model[c.name] = child;
      if (c.minOccurs > 0) required.push(c.name);
    }
  }
  return fc.record(model, { requiredKeys: required });
}

function rootArbitrary(root: ElementDescription, records: string, options: FlowArbitraryOptions): fc.Arbitrary<Obj> {
  const envelope = root.children.find((c) => c.name === 'IdentificazioneFlusso');
  const record = root.children.find((c) => c.name === records);
  if (envelope === undefined || record === undefined) throw new Error(`description of Flusso without IdentificazioneFlusso or ${records}`);
  return fc.record({
    IdentificazioneFlusso: elementArbitrary(envelope, options),
    [records]: fc.array(elementArbitrary(record, options), { minLength: 1, maxLength: options.maxRecords ?? 3 }),
  });
}

/**
 * XSD-valid PS-PSA-SINA flows (`PS_PSA_SINA201812.xsd`).
 *
 * @example
 * ```ts
 * fc.assert(fc.property(psPsaSinaFlowArbitrary(), (flow) => parseFlow(buildFlow(flow)).kind === 'PS_PSA_SINA'));
 * ```
 */
export function psPsaSinaFlowArbitrary(options: FlowArbitraryOptions = {}): fc.Arbitrary<PsPsaSinaFlow> {
  return rootArbitrary(PS_PSA_SINA_ROOT, 'Beneficiario', options).map((r) => ({ kind: 'PS_PSA_SINA', ...r }) as unknown as PsPsaSinaFlow);
}

/**
 * XSD-valid SINBA flows (`SINBA.xsd`).
 *
 * @example
 * ```ts
 * const [flow] = fc.sample(sinbaFlowArbitrary({ maxRecords: 1 }), 1);
 * ```
 */
export function sinbaFlowArbitrary(options: FlowArbitraryOptions = {}): fc.Arbitrary<SinbaFlow> {
  return rootArbitrary(SINBA_ROOT, 'SINBA', options).map((r) => ({ kind: 'SINBA', ...r }) as unknown as SinbaFlow);
}

/**
 * XSD-valid flows of either kind.
 *
 * @example
 * ```ts
 * const flows = fc.sample(siussFlowArbitrary({ lexicalVariants: true }), { numRuns: 100, seed: 42 });
 * ```
 */
export function siussFlowArbitrary(options: FlowArbitraryOptions = {}): fc.Arbitrary<SiussFlow> {
  return fc.oneof(psPsaSinaFlowArbitrary(options), sinbaFlowArbitrary(options));
}

/** Every object of a flow tree (its elements), the root first: for tests that pick an element to change. */
export function elementsOf(root: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (typeof v === 'object' && v !== null) {
      out.push(v as Record<string, unknown>);
      Object.values(v).forEach(visit);
    }
  };
  visit(root);
  return out;
}
