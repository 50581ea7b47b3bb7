// SPDX-License-Identifier: BSD-3-Clause
/**
 * zod schemas of the SIUSS records and flows, and their JSON Schema (draft 2020-12).
 *
 * Derived from the same XSD description as the validator and the writer
 * (`src/generated/descriptions.ts`, generated from PS_PSA_SINA201812.xsd and SINBA.xsd), so a value
 * passes these schemas exactly when `buildFlow` would write it (the tests check the agreement).
 *
 * Names map 1:1 to the XSD: one schema per XSD element, keyed by the element name
 * (`siussSchemas.Beneficiario`, `siussSchemas.SINBA`, …); the two roots `Flusso` are
 * `FlussoPsPsaSina` and `FlussoSinba` (as in the generated types); object keys are the XSD attribute
 * and child-element names (no name is both). How each XSD construct is expressed:
 *
 * | XSD                                   | zod                                                | JSON Schema                                  |
 * | ------------------------------------- | -------------------------------------------------- | -------------------------------------------- |
 * | complexType (attributes + sequence)   | strict object: unknown keys rejected               | `additionalProperties: false`                |
 * | `use="required"` / `minOccurs="1"`    | required key                                       | `required`                                   |
 * | `minOccurs`/`maxOccurs` > 1           | array with min/max                                 | `minItems` / `maxItems`                      |
 * | xs:enumeration                        | `z.enum` of the codes                              | `enum` (labels in `description`)             |
 * | length / minLength / maxLength        | check counting code points (as XSD does)           | `minLength` / `maxLength` (code points too)  |
 * | pattern (`\d` = `\p{Nd}`, anchored)   | check with the translated, anchored expression     | `pattern` (ECMA-262, needs the `u` flag)     |
 * | xs:date, xs:decimal, xs:int (+ range) | check with the validator's own `checkSimpleType`   | `pattern` equal to it (calendar days, leap years, int range, decimal precision) |
 * | XML 1.0 characters                    | check (as `buildFlow` does)                        | `pattern` on the free-text strings           |
 *
 * What a JavaScript object (and so zod and JSON Schema) cannot express of the XSD:
 * - element order (`xs:sequence`): objects have no order to check. `buildFlow` always writes the
 *   XSD order; the objects zod returns have their keys in XSD order (attributes, then children).
 * - attribute versus element: both are keys here; the writer knows which is which.
 * - white space: values are kept as written (no `transform`); validity is the validator's own
 *   (`checkSimpleType`: xs:decimal after whiteSpace="collapse"; xs:date and xs:int, like libxml2,
 *   without white space around them; decimals within libxml2's 24-digit precision).
 * - an optional key set to `undefined` counts as absent (as in `buildFlow`) and is returned as is.
 * - a sparse array (`[a, , b]`) is rejected here, while `buildFlow` skips the hole.
 *
 * Messages are Italian and attached to every check (zod's Italian locale, `z.config(z.locales.it())`,
 * is global: this module never calls it; a vendor who wants zod's own Italian texts for its other
 * schemas may call it once at start-up). Issues of the value checks carry `params.code` (the code
 * `validateFlow` / `buildFlow` give, e.g. `siuss.xsd.pattern`), `params.messageEn` and the facet
 * (`limit`, `actual`, `pattern`, `allowed`); values are quoted only for codes, dates and numbers.
 *
 * Nothing is built at import: each schema is made on first access and cached.
 * @module
 */
import { z } from 'zod';
import { SIUSS_CODE_LISTS } from './generated/code-lists.js';
import { PS_PSA_SINA_ROOT, SINBA_ROOT } from './generated/descriptions.js';
import type * as X from './generated/types.js';
import type { ElementDescription, SimpleTypeDescription } from './internal/description.js';
import { siussIssue, type SiussXmlIssueCode } from './internal/messages.js';
import { checkSimpleType, xsdPattern, type SimpleTypeFailure } from './internal/simple-types.js';
import type { SiussFlow } from './model.js';

/** Every SIUSS record type by XSD element name (the two roots `Flusso` as `FlussoPsPsaSina` and `FlussoSinba`). */
export interface SiussRecords {
  readonly FlussoPsPsaSina: X.FlussoPsPsaSina;
  readonly FlussoSinba: X.FlussoSinba;
  readonly IdentificazioneFlusso: X.IdentificazioneFlusso;
  readonly Ente: X.Ente;
  readonly Beneficiario: X.Beneficiario;
  readonly Anagrafica: X.Anagrafica;
  readonly Indirizzo: X.Indirizzo;
  readonly PrestazioniSociali: X.PrestazioniSociali;
  readonly SINA: X.SINA;
  readonly NecessitaInterventiSociali: X.NecessitaInterventiSociali;
  readonly InvaliditaCivile: X.InvaliditaCivile;
  readonly SINBA: X.SINBA;
  readonly Prestazioni: X.Prestazioni;
  readonly Famiglia: X.Famiglia;
}

/** The name of a record schema: an XSD element name (or `FlussoPsPsaSina` / `FlussoSinba`). */
export type SiussSchemaName = keyof SiussRecords;

/** The zod schemas of {@link siussSchemas}: output (and input) types are the generated interfaces. */
export type SiussSchemas = { readonly [K in SiussSchemaName]: z.ZodType<SiussRecords[K], SiussRecords[K]> };

/** A JSON Schema document (draft 2020-12) as produced by {@link toJsonSchema}. */
export type SiussJsonSchema = z.core.JSONSchema.BaseSchema;

// ---------------------------------------------------------------------------------------------
// Where each record is in the XSD.

interface RecordPlace {
  readonly desc: ElementDescription;
  /** XSD path as in SIUSS_CODE_LISTS keys, e.g. `Flusso/Beneficiario/Anagrafica`. */
  readonly path: string;
  readonly parent: string | null;
  readonly xsd: string;
}

const PS_XSD = 'PS_PSA_SINA201812.xsd';
const SINBA_XSD = 'SINBA.xsd';

function indexRecords(): Map<string, RecordPlace> {
  const out = new Map<string, RecordPlace>();
  const walk = (desc: ElementDescription, name: string, path: string, parent: string | null, xsd: string): void => {
    // The envelope (IdentificazioneFlusso, Ente) is the same in both XSDs: the first one found is used
    // (a test checks that they are identical).
    if (!out.has(name)) out.set(name, { desc, path, parent, xsd });
    for (const c of desc.children) if (c.text === undefined) walk(c, c.name, `${path}/${c.name}`, desc.name, xsd);
  };
  walk(PS_PSA_SINA_ROOT, 'FlussoPsPsaSina', 'Flusso', null, PS_XSD);
  walk(SINBA_ROOT, 'FlussoSinba', 'Flusso', null, SINBA_XSD);
  return out;
}

// ---------------------------------------------------------------------------------------------
// JSON Schema patterns equivalent to the simple-type checks (exact, tested against them).

const WS = '[ \\t\\n\\r]*';
/** The characters XML 1.0 can carry (§2.2 Char). */
const XML_CHAR_CLASS = '[\\t\\n\\r\\x20-\\uD7FF\\uE000-\\uFFFD\\u{10000}-\\u{10FFFF}]';
/** Anchored pattern of a string made of XML characters only. */
const XML_STRING_PATTERN = `^${XML_CHAR_CLASS}*$`;

/**
 * xs:date: `-?YYYY-MM-DD` plus optional time zone, a real calendar day (29 February only in leap
 * years, XSD 1.0 has no year 0000, years past 9999 without leading zeros), no white space around it
 * (libxml2 refuses it), as `isXsdDate` in src/internal/simple-types.ts decides.
 */
function datePattern(): string {
  const year = '(?:[1-9][0-9]{4,}|[0-9]{3}[1-9]|[0-9]{2}[1-9]0|[0-9][1-9]00|[1-9]000)';
  const mod4 = '(?:0[48]|[2468][048]|[13579][26])';
  const leapYear = `(?:(?:[0-9]{2}|[1-9][0-9]{2,})${mod4}|(?:0[48]|[2468][048]|[13579][26]|[1-9][0-9]*(?:[02468][048]|[13579][26]))00)`;
  const monthDay =
    '(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))';
  const zone = '(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))';
  return `^-?(?:${year}-${monthDay}|${leapYear}-02-29)${zone}?$`;
}

/**
 * xs:decimal after whitespace collapse, within libxml2's precision (after the sign and leading
 * zeros at most 24 digits, at most 23 before the point), as `checkSimpleType` decides.
 */
function decimalPattern(): string {
  const alts = ['0*[1-9][0-9]{0,23}', '0+', '0+\\.[0-9]{0,24}', '\\.[0-9]{1,24}'];
  for (let k = 1; k <= 23; k++) alts.push(`0*[1-9]${k === 1 ? '' : k === 2 ? '[0-9]' : `[0-9]{${k - 1}}`}\\.[0-9]{0,${24 - k}}`);
  return `^${WS}[+-]?(?:${alts.join('|')})${WS}$`;
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** Alternatives matching the digit strings of equal length from `lo` to `hi` (leading zeros kept). */
function sameLengthRange(lo: string, hi: string): string[] {
  if (lo === hi) return [lo];
  const n = lo.length - 1;
  const a = Number(lo[0]);
  const b = Number(hi[0]);
  const restLo = lo.slice(1);
  const restHi = hi.slice(1);
  if (a === b) return sameLengthRange(restLo, restHi).map((s) => `${a}${s}`);
  const loFull = /^0*$/.test(restLo);
  const hiFull = /^9*$/.test(restHi);
  const any = n === 0 ? '' : n === 1 ? '[0-9]' : `[0-9]{${n}}`;
  const out: string[] = [];
  if (!loFull) out.push(...sameLengthRange(restLo, '9'.repeat(n)).map((s) => `${a}${s}`));
  const first = loFull ? a : a + 1;
  const last = hiFull ? b : b - 1;
  if (first <= last) out.push(`${first === last ? first : `[${first}-${last}]`}${any}`);
  if (!hiFull) out.push(...sameLengthRange('0'.repeat(n), restHi).map((s) => `${b}${s}`));
  return out;
}

/** Alternatives matching the numbers from `lo` to `hi` (0 ≤ lo ≤ hi) written without leading zeros. */
function numberRange(lo: number, hi: number): string[] {
  const out: string[] = [];
  for (let digits = String(lo).length; digits <= String(hi).length; digits++) {
    const from = Math.max(lo, digits === 1 ? 0 : 10 ** (digits - 1));
    const to = Math.min(hi, 10 ** digits - 1);
    if (from <= to) out.push(...sameLengthRange(String(from), String(to)));
  }
  return out;
}

/** xs:int (32-bit) between the bounds, with any sign and leading zeros, no white space (as `checkSimpleType`). */
function intPattern(min: number | undefined, max: number | undefined): string {
  const lo = Math.max(min ?? INT_MIN, INT_MIN);
  const hi = Math.min(max ?? INT_MAX, INT_MAX);
  const alts: string[] = [];
  if (hi >= 0 && lo <= hi) {
    alts.push(`\\+?0*(?:${numberRange(Math.max(lo, 0), hi).join('|')})`);
    if (lo <= 0) alts.push('-0+'); // minus zero is zero
  }
  if (lo < 0 && lo <= hi) alts.push(`-0*(?:${numberRange(Math.max(1, -Math.min(hi, -1)), -lo).join('|')})`);
  // An empty range (minInclusive > maxInclusive) admits nothing.
  return alts.length === 0 ? '^[^\\s\\S]$' : `^(?:${alts.join('|')})$`;
}

/**
 * JSON Schema keywords equivalent to a simple type (besides `enum`, which zod writes).
 * @internal exported for the tests
 */
export function jsonFacets(type: SimpleTypeDescription): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (type.base === 'string') {
    if (type.length !== undefined) {
      out.minLength = type.length;
      out.maxLength = type.length;
    }
    if (type.minLength !== undefined) out.minLength = type.minLength;
    if (type.maxLength !== undefined) out.maxLength = type.maxLength;
    // The SIUSS patterns admit only ASCII letters, digits (\p{Nd}), space and '/': XML characters all.
    if (type.pattern !== undefined) out.pattern = xsdPattern(type.pattern).source;
    else if (type.enumeration === undefined) out.pattern = XML_STRING_PATTERN;
    return out;
  }
  if (type.length !== undefined || type.minLength !== undefined || type.maxLength !== undefined || type.pattern !== undefined || type.enumeration !== undefined) {
    throw new Error(`siuss-schema: facets on xs:${type.base} not supported in JSON Schema export`);
  }
  if (type.base === 'date') out.pattern = datePattern();
  else if (type.base === 'int') out.pattern = intPattern(type.minInclusive, type.maxInclusive);
  else if (type.minInclusive !== undefined || type.maxInclusive !== undefined) {
    throw new Error('siuss-schema: xs:decimal bounds not supported in JSON Schema export');
  } else out.pattern = decimalPattern();
  return out;
}

// ---------------------------------------------------------------------------------------------
// Building the schemas.

interface SimpleInfo {
  readonly type: SimpleTypeDescription;
  readonly description: string | undefined;
}

interface RecordMeta {
  id: string;
  title: string;
  description: string;
}

interface State {
  readonly places: Map<string, RecordPlace>;
  readonly records: Map<string, z.ZodType>;
  readonly registry: z.core.$ZodRegistry<RecordMeta>;
  readonly simple: WeakMap<object, SimpleInfo>;
  readonly xmlChars: RegExp;
  flow: z.ZodType | undefined;
}

let state: State | undefined;

function getState(): State {
  state ??= {
    places: indexRecords(),
    records: new Map(),
    registry: z.registry<RecordMeta>(),
    simple: new WeakMap(),
    xmlChars: new RegExp(XML_STRING_PATTERN, 'u'),
    flow: undefined,
  };
  return state;
}

const FACET_CODES: Readonly<Record<SimpleTypeFailure['facet'], SiussXmlIssueCode>> = {
  length: 'siuss.xsd.length', minLength: 'siuss.xsd.min_length', maxLength: 'siuss.xsd.max_length', pattern: 'siuss.xsd.pattern',
  enumeration: 'siuss.xsd.enumeration', date: 'siuss.xsd.date', decimal: 'siuss.xsd.decimal', int: 'siuss.xsd.int',
  minInclusive: 'siuss.xsd.min_inclusive', maxInclusive: 'siuss.xsd.max_inclusive',
};

/** Where a value sits, for messages: `Anagrafica@Nome` or `CodicePrestazione`. */
interface ValueSite {
  readonly element: string;
  readonly attribute: string | null;
}

const siteText = (s: ValueSite): string => (s.attribute === null ? s.element : `${s.element}@${s.attribute}`);

/** Values that may be quoted: codes, dates and numbers (never names or codici fiscali). */
function shown(type: SimpleTypeDescription, value: unknown): string | null {
  if (typeof value !== 'string' || (type.enumeration === undefined && type.base === 'string')) return null;
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

/** The zod issue of a facet failure: the validator's message, code and parameters. */
function facetIssue(site: ValueSite, type: SimpleTypeDescription, value: unknown, failure: SimpleTypeFailure) {
  const issue = siussIssue(FACET_CODES[failure.facet], {
    element: site.element,
    attribute: site.attribute ?? '',
    value: shown(type, value),
    ...('limit' in failure ? { limit: failure.limit } : {}),
    ...('actual' in failure ? { actual: failure.actual } : {}),
    ...('pattern' in failure ? { pattern: failure.pattern } : {}),
    ...('allowed' in failure ? { allowed: failure.allowed.join(' ') } : {}),
  }, { path: [] });
  return { code: 'custom' as const, message: issue.message, params: { ...issue.params, code: issue.code, messageEn: issue.messageEn } };
}

function missingValue(site: ValueSite, parent: string | null): string {
  return site.attribute === null
    ? `Manca l'elemento ${site.element}${parent === null ? '' : ` dentro ${parent}`}`
    : `Manca l'attributo obbligatorio ${site.element}@${site.attribute}`;
}

/** Schema of one attribute value or one simple-content element (`CodicePrestazione`, `InvCiv`, …). */
function simpleSchema(s: State, type: SimpleTypeDescription, site: ValueSite, parent: string | null, codeListKey: string): z.ZodType<string> {
  const onMissing = missingValue(site, parent);
  const charMessage = `${siteText(site)}: contiene un carattere non rappresentabile in XML`;
  const check = (value: string, ctx: z.core.$RefinementCtx<string>): void => {
    if (!s.xmlChars.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message: charMessage,
        params: { code: 'siuss.model.char', messageEn: `${siteText(site)}: holds a character that XML cannot represent`, element: site.element, attribute: site.attribute ?? '' },
      });
      return;
    }
    const failure = checkSimpleType(value, type);
    if (failure !== null) ctx.addIssue(facetIssue(site, type, value, failure));
  };
  let schema: z.ZodType<string>;
  const entries = type.enumeration;
  if (entries !== undefined && entries.length > 0) {
    const codes = entries.map((e) => e.code) as [string, ...string[]];
    const base = z.enum(codes, {
      error: (iss) => iss.input === undefined
        ? onMissing
        : typeof iss.input === 'string' && !s.xmlChars.test(iss.input)
          ? charMessage
          : facetIssue(site, type, iss.input, { facet: 'enumeration', allowed: codes }).message,
    });
    // Only enumeration in the SIUSS XSDs; any other facet would be checked as well.
    const others = type.length ?? type.minLength ?? type.maxLength ?? type.pattern ?? type.minInclusive ?? type.maxInclusive;
    schema = others === undefined && type.base === 'string' ? base : base.superRefine(check);
  } else {
    schema = z.string({ error: (iss) => (iss.input === undefined ? onMissing : `${siteText(site)}: serve una stringa`) }).superRefine(check);
  }
  const labels = (SIUSS_CODE_LISTS as Readonly<Record<string, readonly { code: string; label: string }[]>>)[codeListKey];
  s.simple.set(schema, {
    type,
    description: labels !== undefined ? labels.map((e) => `${e.code} = ${e.label}`).join('; ') : type.base === 'string' ? undefined : baseDescription(type),
  });
  return schema;
}

/** `xs:int (1–12)`, `xs:date`: the lexical space is in the pattern, this says what it is. */
function baseDescription(type: SimpleTypeDescription): string {
  const bounds = type.minInclusive !== undefined || type.maxInclusive !== undefined
    ? ` (${type.minInclusive ?? (type.base === 'int' ? INT_MIN : '-∞')}–${type.maxInclusive ?? (type.base === 'int' ? INT_MAX : '∞')})`
    : '';
  return `xs:${type.base}${bounds}`;
}

/** Wraps a child particle for its occurrences. */
function occurs(item: z.ZodType, child: ElementDescription, parent: string): z.ZodType {
  const { name, minOccurs, maxOccurs } = child;
  const many = maxOccurs === 'unbounded' || maxOccurs > 1;
  if (!many) return minOccurs === 0 ? item.optional() : item;
  let list = z.array(item, {
    error: (iss) => (iss.input === undefined ? `Manca l'elemento ${name} dentro ${parent}` : `${parent}: ${name} deve essere una lista`),
  });
  const times = (n: number): string => (n === 1 ? '1 volta' : `${n} volte`);
  if (minOccurs > 0) list = list.min(minOccurs, { error: `${parent}: ${name} deve comparire almeno ${times(minOccurs)}` });
  if (maxOccurs !== 'unbounded') list = list.max(maxOccurs, { error: `${parent}: ${name} può comparire al massimo ${times(maxOccurs)}` });
  return minOccurs === 0 ? list.optional() : list;
}

/** Schema of a record (cached): a strict object with the attributes, then the children. */
function recordSchema(s: State, name: string): z.ZodType {
  const cached = s.records.get(name);
  if (cached !== undefined) return cached;
  const place = s.places.get(name);
  if (place === undefined) throw new Error(`siuss-schema: no record ${name}`);
  const { desc, path, parent } = place;
  const shape: Record<string, z.ZodType> = {};
  for (const a of desc.attributes) {
    const value = simpleSchema(s, a.type, { element: desc.name, attribute: a.name }, desc.name, `${path}@${a.name}`);
    shape[a.name] = a.use === 'required' ? value : value.optional();
  }
  for (const c of desc.children) {
    const item = c.text !== undefined
      ? simpleSchema(s, c.text, { element: c.name, attribute: null }, desc.name, `${path}/${c.name}`)
      : recordSchema(s, c.name);
    shape[c.name] = occurs(item, c, desc.name);
  }
  const schema = z.strictObject(shape, {
    error: (iss) => {
      if (iss.code === 'unrecognized_keys') {
        const keys = iss.keys.slice(0, 5).map((k) => k.slice(0, 50)).join(', ');
        return `${desc.name}: ${iss.keys.length === 1 ? 'proprietà non prevista' : 'proprietà non previste'} dall'XSD: ${keys}${iss.keys.length > 5 ? ', …' : ''}`;
      }
      if (iss.input === undefined && parent !== null) return `Manca l'elemento ${desc.name} dentro ${parent}`;
      return `${desc.name}: serve un oggetto`;
    },
  });
  s.registry.add(schema, {
    id: name,
    title: name,
    description: parent === null ? `Radice Flusso di ${place.xsd} (namespace http://inps.it/Casellario)` : `Elemento ${desc.name} di ${place.xsd} (${path})`,
  });
  s.records.set(name, schema);
  return schema;
}

function flowSchema(s: State): z.ZodType {
  s.flow ??= z.discriminatedUnion('kind', [
    (recordSchema(s, 'FlussoPsPsaSina') as z.ZodObject).extend({ kind: z.literal('PS_PSA_SINA') }),
    (recordSchema(s, 'FlussoSinba') as z.ZodObject).extend({ kind: z.literal('SINBA') }),
  ], {
    error: (iss) => (iss.code === 'invalid_union' ? "kind deve essere 'PS_PSA_SINA' o 'SINBA'" : 'Il flusso deve essere un oggetto'),
  });
  return s.flow;
}

// ---------------------------------------------------------------------------------------------
// Public API.

const record = (name: SiussSchemaName) => recordSchema(getState(), name) as never;

/**
 * zod schemas of the SIUSS records, one per XSD element, keyed by the XSD name; the roots `Flusso`
 * of the two XSDs are `FlussoPsPsaSina` and `FlussoSinba`. Each checks every XSD rule that an
 * object can carry: required and optional attributes and elements, occurrences (1–5 `Indirizzo`,
 * 1–n `PrestazioniSociali`, …), lengths in code points, patterns, code lists, xs:date / xs:decimal /
 * xs:int; unknown keys are rejected. Output types are the generated interfaces. Each schema is built
 * on first access. Messages are Italian; see the module comment for `params`.
 *
 * @example
 * ```ts
 * import { siussSchemas } from '@riuso-sociale/siuss-schema';
 * const r = siussSchemas.Indirizzo.safeParse({ CodiceNazione: '380', CodiceRegione: '8' });
 * if (!r.success) console.log(r.error.issues[0]?.path, r.error.issues[0]?.message);
 * // ['CodiceRegione'] 'Indirizzo@CodiceRegione: valore non conforme al formato ([0-9]{2})'
 * ```
 */
export const siussSchemas: SiussSchemas = {
  get FlussoPsPsaSina() { return record('FlussoPsPsaSina'); },
  get FlussoSinba() { return record('FlussoSinba'); },
  get IdentificazioneFlusso() { return record('IdentificazioneFlusso'); },
  get Ente() { return record('Ente'); },
  get Beneficiario() { return record('Beneficiario'); },
  get Anagrafica() { return record('Anagrafica'); },
  get Indirizzo() { return record('Indirizzo'); },
  get PrestazioniSociali() { return record('PrestazioniSociali'); },
  get SINA() { return record('SINA'); },
  get NecessitaInterventiSociali() { return record('NecessitaInterventiSociali'); },
  get InvaliditaCivile() { return record('InvaliditaCivile'); },
  get SINBA() { return record('SINBA'); },
  get Prestazioni() { return record('Prestazioni'); },
  get Famiglia() { return record('Famiglia'); },
};

/**
 * zod schema of a whole {@link SiussFlow}: a discriminated union on `kind` (`'PS_PSA_SINA'` or
 * `'SINBA'`) of the two roots with their records. Accepts exactly the objects `buildFlow` writes.
 *
 * @example
 * ```ts
 * import { siussFlowSchema, buildFlow } from '@riuso-sociale/siuss-schema';
 * const r = siussFlowSchema.safeParse(JSON.parse(body));
 * if (r.success) console.log(buildFlow(r.data));
 * else for (const i of r.error.issues) console.log(i.path.join('/'), i.message);
 * ```
 */
export const siussFlowSchema: z.ZodType<SiussFlow, SiussFlow> = /* @__PURE__ */ z.lazy(() => flowSchema(getState())) as never;

/** Inlines the root definition that zod writes as `$ref` (its id is in the metadata registry). */
function inlineRoot(doc: Record<string, unknown>, id: string): SiussJsonSchema {
  const defs = { ...(doc.$defs as Record<string, SiussJsonSchema> | undefined) };
  const root = defs[id];
  if (doc.$ref !== `#/$defs/${id}` || root === undefined) return doc as SiussJsonSchema;
  delete defs[id];
  return { $schema: doc.$schema as string, ...root, ...(Object.keys(defs).length > 0 ? { $defs: defs } : {}) } as SiussJsonSchema;
}

function exportSchema(s: State, schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    metadata: s.registry,
    override: ({ zodSchema, jsonSchema }) => {
      const info = s.simple.get(zodSchema);
      if (info === undefined) return;
      Object.assign(jsonSchema, jsonFacets(info.type));
      if (info.description !== undefined) jsonSchema.description = info.description;
    },
  }) as Record<string, unknown>;
}

/**
 * JSON Schema (draft 2020-12) of one record, of a root (`FlussoPsPsaSina`, `FlussoSinba`) or of the
 * whole flow (`SiussFlow`, with `kind`). Sub-records are in `$defs` under their XSD names. Every
 * facet is there: `required`, `additionalProperties: false`, `minItems`/`maxItems`, `enum` (code
 * labels in `description`), `minLength`/`maxLength` (code points, as in XSD), and `pattern` for XSD
 * patterns, xs:date (exact, leap years included), xs:decimal, xs:int with its range and the XML
 * character set. Patterns are ECMA-262 with Unicode semantics (`\p{Nd}` for XSD `\d`): compile them
 * with the `u` flag (Ajv does by default). Element order is not expressible in JSON Schema.
 * A new document each call.
 *
 * @example
 * ```ts
 * import { toJsonSchema } from '@riuso-sociale/siuss-schema';
 * const schema = toJsonSchema('Beneficiario');
 * schema.required; // ['CodiceFiscale', 'Anagrafica', 'Indirizzo', 'PrestazioniSociali']
 * ```
 */
export function toJsonSchema(name: SiussSchemaName | 'SiussFlow'): SiussJsonSchema {
  const s = getState();
  if (name === 'SiussFlow') {
    const doc = exportSchema(s, flowSchema(s));
    const { $schema, ...rest } = doc;
    return { $schema, title: 'SiussFlow', description: "Flusso SIUSS per l'INPS: PS-PSA-SINA o SINBA secondo kind", ...rest } as SiussJsonSchema;
  }
  if (!s.places.has(name)) throw new RangeError(`siuss-schema: unknown record ${String(name).slice(0, 50)}`);
  return inlineRoot(exportSchema(s, recordSchema(s, name)), name);
}

/** The names {@link siussJsonSchemas} exports: every record, the two roots and `SiussFlow`. */
export type SiussJsonSchemaName = SiussSchemaName | 'SiussFlow';

/**
 * JSON Schemas (draft 2020-12) of every record, of the two roots and of the whole flow
 * (`SiussFlow`), keyed by name; see {@link toJsonSchema}.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { siussJsonSchemas } from '@riuso-sociale/siuss-schema';
 * for (const [name, schema] of Object.entries(siussJsonSchemas())) {
 *   writeFileSync(`${name}.schema.json`, JSON.stringify(schema, null, 2));
 * }
 * ```
 */
export function siussJsonSchemas(): Record<SiussJsonSchemaName, SiussJsonSchema> {
  const out = {} as Record<SiussJsonSchemaName, SiussJsonSchema>;
  for (const name of Object.keys(siussSchemas) as SiussSchemaName[]) out[name] = toJsonSchema(name);
  out.SiussFlow = toJsonSchema('SiussFlow');
  return out;
}
