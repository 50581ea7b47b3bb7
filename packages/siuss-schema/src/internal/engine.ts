// SPDX-License-Identifier: BSD-3-Clause
/**
 * The streaming engine: XML events in; XSD-equivalent findings and plain objects (attribute values
 * exactly as written) out, one record (`Beneficiario` or `SINBA`) at a time, so memory stays bounded
 * by one record however large the file.
 *
 * XSD semantics implemented (the constructs of the two SIUSS schemas): a root `Flusso` in the
 * namespace `http://inps.it/Casellario` (elementFormDefault qualified, attributes unqualified);
 * `xs:sequence` content with minOccurs/maxOccurs; attributes required/optional with simple types;
 * undeclared attributes and elements rejected (no wildcards); `xsi:schemaLocation` and
 * `xsi:noNamespaceSchemaLocation` ignored as XSD processors do; element-only content allows only
 * white space as text; simple content (`CodicePrestazione`, `InvCiv`, `ComposizioneFamiglia`) checked
 * against its type. Which XSD applies is decided by the second child of `Flusso`: `Beneficiario`
 * (PS_PSA_SINA201812.xsd) or `SINBA` (SINBA.xsd); the envelope is identical in both.
 * @module
 */
import { maskFiscalCode } from '@riuso-sociale/core';
import { PS_PSA_SINA_ROOT, SIUSS_NAMESPACE, SINBA_ROOT } from '../generated/descriptions.js';
import type { AttributeDescription, ElementDescription, SimpleTypeDescription } from './description.js';
import { siussIssue, type SiussIssue } from './messages.js';
import { checkSimpleType, xsdPattern, type SimpleTypeFailure } from './simple-types.js';
import { XmlSyntaxError, isNameStart, type XmlAttribute, type XmlEvent } from './xml-reader.js';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const XMLNS = 'http://www.w3.org/2000/xmlns/';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Whether a name part can start an NCName (a Name start character other than ':'; astral ones too). */
function ncNameStart(ch: string): boolean {
  return ch !== ':' && (isNameStart(ch) || /^[\uD800-\uDB7F]$/.test(ch));
}

/**
 * Namespace well-formedness (Namespaces in XML 1.0 §3, §4), as libxml2 checks it: a qualified name
 * is `NCName` or `NCName:NCName`; `xmlns:p` declares an NCName prefix with a non-empty URI; `xml` is
 * bound to its own URI only and that URI to `xml` only; `xmlns` and its URI are never declared.
 * Found by differential.test.ts (`:Flusso` was read as `Flusso`, `xmlns:1a` was accepted).
 */
function checkQName(name: string, line: number): void {
  const colon = name.indexOf(':');
  if (colon === -1) return;
  if (colon === 0 || !ncNameStart(name.charAt(colon + 1)) || name.indexOf(':', colon + 1) !== -1) {
    throw new XmlSyntaxError('syntax', `${name.slice(0, 50)} is not a qualified name (Namespaces in XML 1.0 §4)`, line);
  }
}

/** Checks `xmlns="uri"` or `xmlns:prefix="uri"`; returns the prefix ('' for the default namespace). */
function checkNamespaceDeclaration(attribute: string, uri: string, line: number): string {
  const prefix = attribute === 'xmlns' ? '' : attribute.slice(6);
  const bad = attribute === 'xmlns'
    ? uri === XMLNS || uri === XML_NS
    : prefix === 'xmlns' || uri === XMLNS || (prefix === 'xml') !== (uri === XML_NS) || uri === '' || !ncNameStart(prefix.charAt(0)) || prefix.includes(':');
  if (bad) throw new XmlSyntaxError('syntax', `namespace declaration ${attribute.slice(0, 40)}="${uri.slice(0, 60)}" not allowed (Namespaces in XML 1.0 §3)`, line);
  return prefix;
}

/** Which of the two flows. */
export type FlowKind = 'PS_PSA_SINA' | 'SINBA';

/** A plain object of one element: attribute values and child elements by XSD name. */
export type RawElement = { [name: string]: string | RawElement | (string | RawElement)[] };

/** A fatal problem: not a SIUSS flow at all (wrong root or namespace). */
export class FlowShapeError extends Error {
  constructor(readonly issue: SiussIssue) {
    super(issue.message);
  }
}

/** Receives what the engine finds. */
export interface EngineSink {
  /** The envelope (`IdentificazioneFlusso`), once, as soon as it is complete. */
  envelope?(kind: FlowKind | null, envelope: RawElement, issues: readonly SiussIssue[]): void;
  /** One record with its index and the findings inside it. */
  record?(kind: FlowKind, index: number, record: RawElement, issues: readonly SiussIssue[], line: number): void;
  /** Findings outside records (envelope, root, trailing content). */
  issue?(issue: SiussIssue): void;
}

/** Attributes whose values may be quoted in messages (codes, dates, amounts: no personal data). */
const QUOTABLE_STRING_ATTRIBUTES = new Set([
  'CodicePrestazione', 'CodiceNazione', 'CodiceRegione', 'CodiceComune', 'CodiceCittadinanza', 'CodiceSecondaCittadinanza',
  'LuogoNascita', 'AnnoNascita', 'AnnoProtocolloDSU', 'Indirizzo', 'Codice', 'CodiceNazioneResidenza',
  'CodiceCittadinanzaPadre', 'CodiceCittadinanzaMadre', 'CodiceRegioneResidenzaPadre', 'CodiceRegioneResidenzaMadre',
  'CodiceRegioneResidenza', 'DataPrimaSegnalazione', 'DataSegnalazione', 'DataProvvedimentoGiudiziario',
]);
const FISCAL_CODE_ATTRIBUTES = new Set(['CodiceFiscale', 'CFOperatore']);

/** The value as it may appear in a message: quoted codes, masked codici fiscali, nothing else. */
function shownValue(attribute: string, type: SimpleTypeDescription, value: string): string | null {
  if (FISCAL_CODE_ATTRIBUTES.has(attribute)) return maskFiscalCode(value);
  if (type.enumeration !== undefined || type.base !== 'string' || QUOTABLE_STRING_ATTRIBUTES.has(attribute)) {
    return value.length > 40 ? `${value.slice(0, 40)}…` : value;
  }
  return null;
}

/** A declared attribute with what checking it needs, precomputed once per element description. */
interface AttributeInfo {
  readonly decl: AttributeDescription;
  readonly index: number;
  /** `true` only for values that are certainly valid; otherwise `checkSimpleType` decides. */
  readonly certainlyValid: (value: string) => boolean;
}

/** The attribute declarations of an element, indexed for the hot path. */
interface AttributeTable {
  readonly byName: ReadonlyMap<string, AttributeInfo>;
  /** For each declaration, the index its name is looked up under (the first with that name). */
  readonly presence: readonly number[];
}

const attributeTables = new WeakMap<ElementDescription, AttributeTable>();

function attributeTable(desc: ElementDescription): AttributeTable {
  let table = attributeTables.get(desc);
  if (table === undefined) {
    const byName = new Map<string, AttributeInfo>();
    desc.attributes.forEach((decl, index) => {
      if (!byName.has(decl.name)) byName.set(decl.name, { decl, index, certainlyValid: fastCheck(decl.type) });
    });
    table = { byName, presence: desc.attributes.map((d) => (byName.get(d.name) as AttributeInfo).index) };
    attributeTables.set(desc, table);
  }
  return table;
}

const fastChecks = new WeakMap<SimpleTypeDescription, (value: string) => boolean>();
const NOT_SURE = (): boolean => false;
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * A quick, conservative check for the common values of a simple type: `true` means the value is
 * valid for certain (`checkSimpleType` would return `null`); `false` means "not sure", and
 * `checkSimpleType` decides, with the exact failure. Only the usual shapes are recognised: a
 * `YYYY-MM-DD` date with a real day, an unsigned decimal of up to 18 characters, an unsigned int of
 * up to 9 digits; a string is checked with its own facets (code-point lengths, the XSD pattern,
 * the enumeration). Types with any other facet are always left to `checkSimpleType`.
 */
function fastCheck(type: SimpleTypeDescription): (value: string) => boolean {
  let check = fastChecks.get(type);
  if (check !== undefined) return check;
  const { base, length, minLength, maxLength, pattern, minInclusive, maxInclusive, enumeration } = type;
  const lengthFacets = length !== undefined || minLength !== undefined || maxLength !== undefined;
  const rangeFacets = minInclusive !== undefined || maxInclusive !== undefined;
  if (base === 'string') {
    if (rangeFacets) check = NOT_SURE;
    else {
      // `([0-9]{n})`, the most common pattern of the two XSDs: n ASCII digits, without a regex.
      const digits = pattern === undefined ? null : /^\(\[0-9\]\{([0-9]+)\}\)$/.exec(pattern);
      const digitCount = digits === null ? -1 : Number(digits[1]);
      const re = pattern === undefined || digitCount !== -1 ? null : xsdPattern(pattern);
      const codes = enumeration === undefined ? null : new Set(enumeration.map((e) => e.code));
      check = (v) => {
        if (lengthFacets) {
          let n = v.length;
          for (let i = 0; i < v.length; i++) {
            const c = v.charCodeAt(i);
            if (c >= 0xd800 && c <= 0xdbff) n--;
          }
          if ((length !== undefined && n !== length) || (minLength !== undefined && n < minLength) || (maxLength !== undefined && n > maxLength)) return false;
        }
        if (digitCount !== -1) {
          if (v.length !== digitCount) return false;
          for (let i = 0; i < v.length; i++) if (!isDigit(v.charCodeAt(i))) return false;
        }
        return (re === null || re.test(v)) && (codes === null || codes.has(v));
      };
    }
  } else if (lengthFacets || pattern !== undefined || enumeration !== undefined) check = NOT_SURE;
  else if (base === 'date') {
    check = rangeFacets ? NOT_SURE : (v) => {
      if (v.length !== 10 || v.charCodeAt(4) !== 0x2d || v.charCodeAt(7) !== 0x2d) return false;
      let year = 0;
      for (let i = 0; i < 4; i++) {
        const c = v.charCodeAt(i);
        if (!isDigit(c)) return false;
        year = year * 10 + c - 0x30;
      }
      const m1 = v.charCodeAt(5);
      const m2 = v.charCodeAt(6);
      const d1 = v.charCodeAt(8);
      const d2 = v.charCodeAt(9);
      if (!isDigit(m1) || !isDigit(m2) || !isDigit(d1) || !isDigit(d2)) return false;
      const month = (m1 - 0x30) * 10 + m2 - 0x30;
      const day = (d1 - 0x30) * 10 + d2 - 0x30;
      if (year < 1 || month < 1 || month > 12 || day < 1) return false;
      const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
      return day <= (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month] as number));
    };
  } else if (base === 'decimal') {
    check = rangeFacets ? NOT_SURE : (v) => {
      if (v.length === 0 || v.length > 18) return false;
      let dot = -1;
      for (let i = 0; i < v.length; i++) {
        const c = v.charCodeAt(i);
        if (c === 0x2e && dot === -1) dot = i;
        else if (!isDigit(c)) return false;
      }
      return dot !== 0 && dot !== v.length - 1;
    };
  } else {
    // int: up to 9 digits cannot overflow 32 bits.
    check = (v) => {
      if (v.length === 0 || v.length > 9) return false;
      for (let i = 0; i < v.length; i++) if (!isDigit(v.charCodeAt(i))) return false;
      const n = Number(v);
      return (minInclusive === undefined || n >= minInclusive) && (maxInclusive === undefined || n <= maxInclusive);
    };
  }
  fastChecks.set(type, check);
  return check;
}

/**
 * Whether a value is certainly valid for a simple type by the quick check (see `fastCheck`);
 * exported for the test that holds it to `checkSimpleType`.
 * @internal
 */
export function certainlyValid(type: SimpleTypeDescription, value: string): boolean {
  return fastCheck(type)(value);
}

interface Frame {
  readonly desc: ElementDescription | null; // null: an element we skip (unexpected)
  readonly name: string;
  readonly path: (string | number)[];
  readonly line: number;
  readonly object: RawElement;
  /** Index in desc.children of the particle being filled, and how many of it we have. */
  child: number;
  count: number;
  text: string;
  textReported: boolean;
  /** Namespace bindings introduced by this element. */
  readonly ns: Map<string, string> | null;
}

/** Options of the engine. */
export interface EngineOptions {
  /** Stop collecting findings after this many (a summary finding says so). Default 1,000. */
  readonly maxIssues?: number;
  /** Build objects (false: validate only, less work). Default true. */
  readonly buildObjects?: boolean;
}

/** Consumes XML events; see the module comment. */
export class FlowEngine {
  private readonly stack: Frame[] = [];
  private kind: FlowKind | null = null;
  private recordIndex = -1;
  private recordIssues: SiussIssue[] = [];
  private issueCount = 0;
  private readonly maxIssues: number;
  private readonly build: boolean;
  private envelopeDone = false;
  private rootObject: RawElement = {};
  private readonly envelopeIssues: SiussIssue[] = [];
  /** See checkAttributes. */
  private readonly seenStamps = new Map<ElementDescription, number[]>();
  private stamp = 0;
  /** Counters per kind of record. */
  records = 0;

  constructor(private readonly sink: EngineSink, options: EngineOptions = {}) {
    this.maxIssues = options.maxIssues ?? 1000;
    this.build = options.buildObjects ?? true;
  }

  /** The flow kind, once the second child of `Flusso` has been seen. */
  get flowKind(): FlowKind | null {
    return this.kind;
  }

  private report(issue: SiussIssue): void {
    this.issueCount++;
    if (this.issueCount > this.maxIssues) {
      if (this.issueCount === this.maxIssues + 1) {
        this.sink.issue?.(siussIssue('siuss.xsd.too_many_errors', { limit: this.maxIssues }, { path: [] }));
      }
      return;
    }
    if (this.recordIndex >= 0 && this.stack.length >= 2) this.recordIssues.push(issue);
    else if (!this.envelopeDone && this.stack.length >= 2) this.envelopeIssues.push(issue);
    else this.sink.issue?.(issue);
  }

  private resolve(prefixed: string, isAttribute: boolean, frameNs: Map<string, string> | null, line: number): { ns: string | null; local: string } {
    checkQName(prefixed, line);
    const colon = prefixed.indexOf(':');
    if (colon === -1) {
      if (isAttribute) return { ns: null, local: prefixed };
      return { ns: this.lookup('', frameNs), local: prefixed };
    }
    const prefix = prefixed.slice(0, colon);
    const local = prefixed.slice(colon + 1);
    if (prefix === 'xml') return { ns: XML_NS, local };
    const ns = this.lookup(prefix, frameNs);
    if (ns === null) throw new FlowShapeError(siussIssue('siuss.xml.namespace', { prefix: prefix.slice(0, 30), line }, { path: [] }));
    return { ns, local };
  }

  private lookup(prefix: string, own: Map<string, string> | null): string | null {
    if (own?.has(prefix)) return (own.get(prefix) as string) || null;
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const m = (this.stack[i] as Frame).ns;
      if (m?.has(prefix)) return (m.get(prefix) as string) || null;
    }
    return null;
  }

  /** Feeds one event. */
  handle(event: XmlEvent): void {
    if (event.type === 'start') this.start(event.name, event.attributes, event.line, event.selfClosing);
    else if (event.type === 'end') this.end();
    else this.text(event.value, event.line, event.cdata === true);
  }

  private start(qname: string, attributes: readonly XmlAttribute[], line: number, selfClosing: boolean): void {
    // Namespace declarations first.
    let nsMap: Map<string, string> | null = null;
    for (const a of attributes) {
      if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) (nsMap ??= new Map()).set(checkNamespaceDeclaration(a.name, a.value, line), a.value);
    }
    const { ns, local } = this.resolve(qname, false, nsMap, line);
    const parent = this.stack[this.stack.length - 1];
    let desc: ElementDescription | null = null;
    let path: (string | number)[];

    if (parent === undefined) {
      if (local !== 'Flusso' || ns !== SIUSS_NAMESPACE) {
        throw new FlowShapeError(siussIssue(local !== 'Flusso' ? 'siuss.xml.root' : 'siuss.xml.root_namespace', {
          found: local.slice(0, 50), namespace: ns ?? '(nessuno / none)', line,
        }, { path: [] }));
      }
      desc = PS_PSA_SINA_ROOT; // the envelope is the same; switched when the kind is known
      path = [];
    } else if (parent.desc === null) {
      path = [...parent.path, local];
    } else {
      if (this.stack.length === 1 && this.kind === null) {
        // Second child of Flusso: decides the XSD.
        if (ns === SIUSS_NAMESPACE && (local === 'Beneficiario' || local === 'SINBA')) {
          this.kind = local === 'SINBA' ? 'SINBA' : 'PS_PSA_SINA';
          (parent as { desc: ElementDescription | null }).desc = this.kind === 'SINBA' ? SINBA_ROOT : PS_PSA_SINA_ROOT;
        }
      }
      desc = this.placeChild(parent, ns, local, line);
      const index = desc !== null && (desc.maxOccurs === 'unbounded' || desc.maxOccurs > 1) ? parent.count - 1 : null;
      path = index === null ? [...parent.path, local] : [...parent.path, local, index];
    }

    if (this.stack.length === 1 && desc !== null && (local === 'Beneficiario' || local === 'SINBA')) {
      this.finishEnvelope();
      this.recordIndex++;
      this.recordIssues = [];
    }

    const object: RawElement = {};
    if (parent === undefined) this.rootObject = object;
    const frame: Frame = { desc, name: local, path, line, object, child: 0, count: 0, text: '', textReported: false, ns: nsMap };
    this.stack.push(frame);
    if (desc !== null) this.checkAttributes(frame, desc, attributes, nsMap, line);
    if (selfClosing) this.end();
  }

  /** Finds the particle for a child in the parent's sequence, reporting what is unexpected. */
  private placeChild(parent: Frame, ns: string | null, local: string, line: number): ElementDescription | null {
    const children = (parent.desc as ElementDescription).children;
    if (ns === SIUSS_NAMESPACE) {
      let i = parent.child;
      let have = parent.count;
      while (i < children.length) {
        const p = children[i] as ElementDescription;
        if (p.name === local && have < (p.maxOccurs === 'unbounded' ? Infinity : p.maxOccurs)) {
          parent.child = i;
          parent.count = have + 1;
          return p;
        }
        if (have < p.minOccurs) break; // this particle cannot be skipped
        i++;
        have = 0;
      }
    }
    const expected = this.expectedAt(parent);
    this.report(siussIssue('siuss.xsd.element_unexpected', {
      element: local.slice(0, 50), parent: parent.name, expected: expected.join(', ') || '(nessuno / none)', line,
    }, { path: [...parent.path, local.slice(0, 50)], line }));
    return null;
  }

  private expectedAt(frame: Frame): string[] {
    const children = (frame.desc as ElementDescription).children;
    const out: string[] = [];
    for (let i = frame.child; i < children.length; i++) {
      const p = children[i] as ElementDescription;
      const have = i === frame.child ? frame.count : 0;
      const max = p.maxOccurs === 'unbounded' ? Infinity : p.maxOccurs;
      if (have < max) out.push(p.name);
      if (have < p.minOccurs) break;
    }
    return out;
  }

  private checkAttributes(frame: Frame, desc: ElementDescription, attributes: readonly XmlAttribute[], nsMap: Map<string, string> | null, line: number): void {
    // Hot path: a precomputed table instead of a linear search and a set per element.
    const table = attributeTable(desc);
    // Presence of each declaration: the stamp of the last start tag it was seen in (no set per element).
    let seen = this.seenStamps.get(desc);
    if (seen === undefined) this.seenStamps.set(desc, seen = desc.attributes.map(() => 0));
    const stamp = ++this.stamp;
    for (const a of attributes) {
      const name = a.name;
      if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
      // Unprefixed (the usual case): no namespace, the name itself (what resolve returns for it).
      const { ns, local } = name.indexOf(':') === -1 ? { ns: null, local: name } : this.resolve(name, true, nsMap, line);
      if (ns === XMLNS) continue;
      if (ns === XSI && (local === 'schemaLocation' || local === 'noNamespaceSchemaLocation')) continue;
      const info = ns === null ? table.byName.get(local) : undefined;
      if (info === undefined) {
        this.report(siussIssue('siuss.xsd.attribute_unknown', { element: desc.name, attribute: name.slice(0, 50), line }, { path: [...frame.path, `@${name.slice(0, 50)}`], line }));
        continue;
      }
      seen[info.index] = stamp;
      if (this.build) frame.object[local] = a.value;
      if (!info.certainlyValid(a.value)) this.checkValue(frame, info.decl, a.value, line);
    }
    desc.attributes.forEach((d, index) => {
      if (d.use === 'required' && seen[table.presence[index] as number] !== stamp) {
        this.report(siussIssue('siuss.xsd.attribute_missing', { element: desc.name, attribute: d.name, line }, { path: [...frame.path, `@${d.name}`], line }));
      }
    });
  }

  private checkValue(frame: Frame, decl: AttributeDescription, value: string, line: number): void {
    const failure = checkSimpleType(value, decl.type);
    if (failure !== null) this.reportValue(frame.path, frame.name, decl.name, decl.type, value, failure, line);
  }

  private reportValue(
    elementPath: readonly (string | number)[], element: string, attribute: string | null, type: SimpleTypeDescription,
    value: string, failure: SimpleTypeFailure, line: number,
  ): void {
    const shown = shownValue(attribute ?? element, type, value);
    const params = {
      element, attribute: attribute ?? '', value: shown, line,
      ...('limit' in failure ? { limit: failure.limit } : {}),
      ...('actual' in failure ? { actual: failure.actual } : {}),
      ...('pattern' in failure ? { pattern: failure.pattern } : {}),
      ...('allowed' in failure ? { allowed: failure.allowed.join(' ') } : {}),
    };
    const code = ({
      length: 'siuss.xsd.length', minLength: 'siuss.xsd.min_length', maxLength: 'siuss.xsd.max_length', pattern: 'siuss.xsd.pattern',
      enumeration: 'siuss.xsd.enumeration', date: 'siuss.xsd.date', decimal: 'siuss.xsd.decimal', int: 'siuss.xsd.int',
      minInclusive: 'siuss.xsd.min_inclusive', maxInclusive: 'siuss.xsd.max_inclusive',
    } as const)[failure.facet];
    this.report(siussIssue(code, params, { path: attribute === null ? [...elementPath] : [...elementPath, `@${attribute}`], line }));
  }

  private text(value: string, line: number, cdata: boolean): void {
    const frame = this.stack[this.stack.length - 1];
    if (frame === undefined || frame.desc === null) return;
    if (frame.desc.text !== undefined) {
      frame.text += value;
      return;
    }
    // Element-only content allows white space only; empty content (attributes only, e.g. Ente)
    // allows no character at all (XSD 1.0 cvc-complex-type.2.1 and 2.3). A CDATA section counts as
    // content even when blank or empty, as libxml2 (xmllint) judges it: found by differential.test.ts.
    const empty = frame.desc.children.length === 0;
    if (!frame.textReported && (cdata || (empty ? value.length > 0 : /[^ \t\n\r]/.test(value)))) {
      frame.textReported = true;
      this.report(siussIssue('siuss.xsd.text_not_allowed', { element: frame.name, line }, { path: frame.path, line }));
    }
  }

  private end(): void {
    const frame = this.stack.pop() as Frame;
    const desc = frame.desc;
    const parent = this.stack[this.stack.length - 1];
    if (desc !== null) {
      // Particles still owed.
      const children = desc.children;
      for (let i = frame.child; i < children.length; i++) {
        const p = children[i] as ElementDescription;
        const have = i === frame.child ? frame.count : 0;
        if (have < p.minOccurs) {
          if (this.stack.length === 0 && this.kind === null && i >= 1) {
            this.report(siussIssue('siuss.xsd.records_missing', { line: frame.line }, { path: ['Beneficiario'], line: frame.line }));
          } else {
            this.report(siussIssue('siuss.xsd.element_missing', { element: p.name, parent: frame.name, line: frame.line }, { path: [...frame.path, p.name], line: frame.line }));
          }
          break;
        }
      }
      if (desc.text !== undefined) {
        const failure = checkSimpleType(frame.text, desc.text);
        if (failure !== null) this.reportValue(frame.path, frame.name, null, desc.text, frame.text, failure, frame.line);
      }
      if (this.build && parent !== undefined && parent.desc !== null) {
        const value: string | RawElement = desc.text !== undefined ? frame.text : frame.object;
        const many = desc.maxOccurs === 'unbounded' || desc.maxOccurs > 1;
        if (many) {
          const list = (parent.object[desc.name] ??= []) as (string | RawElement)[];
          list.push(value);
        } else parent.object[desc.name] = value;
      }
    }
    // A record is complete.
    if (this.stack.length === 1 && desc !== null && (frame.name === 'Beneficiario' || frame.name === 'SINBA') && this.kind !== null) {
      this.records++;
      const list = parent?.object[frame.name];
      if (Array.isArray(list)) list.pop(); // records are handed out, not kept
      this.sink.record?.(this.kind, this.recordIndex, frame.object, this.recordIssues, frame.line);
      this.recordIssues = [];
    }
    if (this.stack.length === 0) this.finishEnvelope();
  }

  private finishEnvelope(): void {
    if (this.envelopeDone) return;
    this.envelopeDone = true;
    const envelope = (this.rootObject.IdentificazioneFlusso as RawElement | undefined) ?? {};
    this.sink.envelope?.(this.kind, envelope, this.envelopeIssues);
  }
}
