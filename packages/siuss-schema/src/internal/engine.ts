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
 *
 * Two ways in, with the same findings (src/internal/fast-paths.test.ts holds them equal): `handle`
 * takes the reader's event objects; `take` reads the reader's reusable `StartTag` directly (the
 * streaming path: no object or string per attribute, values checked where they lie in the reader's
 * buffer, declarations found by the reader's name ids). Either way, per element: no path array
 * (paths are built from the open elements only when a finding is reported), no object unless
 * objects are built, and the attribute checks in one loop when every name is declared and every
 * required attribute is there; otherwise the general check reports what is wrong.
 * @module
 */
import { maskFiscalCode } from '@riuso-sociale/core';
import { PS_PSA_SINA_ROOT, SIUSS_NAMESPACE, SINBA_ROOT } from '../generated/descriptions.js';
import type { AttributeDescription, ElementDescription, SimpleTypeDescription } from './description.js';
import { siussIssue, type SiussIssue } from './messages.js';
import { checkSimpleType, xsdPattern, type SimpleTypeFailure } from './simple-types.js';
import { END_EVENT, START_EVENT, XmlSyntaxError, isNameStart, type StartTag, type XmlEvent, type XmlReader } from './xml-reader.js';

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
  /**
   * `true` only when `text.slice(from, to)` is certainly a valid value; otherwise (`false`: not
   * sure) `checkSimpleType` decides.
   */
  readonly certainlyValid: (text: string, from: number, to: number) => boolean;
  /** How many required declarations its presence satisfies (see `ElementInfo.required`). */
  readonly required: number;
}

/** An element declaration with what the hot path needs, precomputed once. */
interface ElementInfo {
  readonly desc: ElementDescription;
  readonly name: string;
  readonly minOccurs: number;
  /** maxOccurs, `Infinity` for unbounded. */
  readonly max: number;
  /** maxOccurs > 1: an index in paths, an array in objects. */
  readonly many: boolean;
  readonly children: readonly ElementInfo[];
  readonly byName: ReadonlyMap<string, AttributeInfo>;
  /** For each declaration, the index its name is looked up under (the first with that name). */
  readonly presence: readonly number[];
  /** How many declarations are required. */
  readonly required: number;
  /** A small number of its own, for tables by element. */
  readonly slot: number;
  /**
   * Every attribute and child name, `undefined`: the template of a shaped object (see
   * EngineOptions.shaped), for the elements in {@link SHAPED_ELEMENTS}; `null` for the others.
   */
  readonly template: RawElement | null;
}

/**
 * The elements whose objects are shaped when objects are built for the rules only (see
 * EngineOptions.shaped): PrestazioniSociali, whose many optional attributes give it a shape per
 * combination as written, read by name some fifteen times per benefit by the rules. Measured on a
 * 100 MB flow (CPU of a full validation): all elements shaped −8 %, only PrestazioniSociali −15 %
 * (copying the larger templates of the others cost more than their reads saved).
 */
const SHAPED_ELEMENTS: ReadonlySet<string> = new Set(['PrestazioniSociali']);

const elementInfos = new WeakMap<ElementDescription, ElementInfo>();
let slots = 0;

function elementInfo(desc: ElementDescription): ElementInfo {
  let info = elementInfos.get(desc);
  if (info === undefined) {
    const first = new Map<string, number>();
    desc.attributes.forEach((decl, index) => {
      if (!first.has(decl.name)) first.set(decl.name, index);
    });
    const presence = desc.attributes.map((d) => first.get(d.name) as number);
    const byName = new Map<string, AttributeInfo>();
    for (const [name, index] of first) {
      const decl = desc.attributes[index] as AttributeDescription;
      const required = desc.attributes.filter((d, k) => d.use === 'required' && presence[k] === index).length;
      byName.set(name, { decl, index, certainlyValid: fastCheck(decl.type), required });
    }
    const max = desc.maxOccurs === 'unbounded' ? Infinity : desc.maxOccurs;
    info = {
      desc, name: desc.name, minOccurs: desc.minOccurs, max, many: max > 1, children: desc.children.map(elementInfo), byName, presence,
      required: desc.attributes.filter((d) => d.use === 'required').length, slot: slots++,
      template: SHAPED_ELEMENTS.has(desc.name)
        ? Object.fromEntries([...desc.attributes.map((a) => a.name), ...desc.children.map((c) => c.name)].map((n) => [n, undefined])) as unknown as RawElement
        : null,
    };
    elementInfos.set(desc, info);
  }
  return info;
}

const fastChecks = new WeakMap<SimpleTypeDescription, (text: string, from: number, to: number) => boolean>();
const NOT_SURE = (): boolean => false;
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Whether `text.slice(from, to)` is `code` (without making the slice). */
function equalsAt(text: string, from: number, to: number, code: string): boolean {
  if (to - from !== code.length) return false;
  for (let i = 0; i < code.length; i++) if (text.charCodeAt(from + i) !== code.charCodeAt(i)) return false;
  return true;
}

/**
 * A quick, conservative check for the common values of a simple type, on `text.slice(from, to)`
 * without making that string: `true` means the value is valid for certain (`checkSimpleType` would
 * return `null`); `false` means "not sure", and `checkSimpleType` decides, with the exact failure.
 * Only the usual shapes are recognised: a `YYYY-MM-DD` date with a real day, an unsigned decimal of
 * up to 18 characters, an unsigned int of up to 9 digits; a string is checked with its own facets
 * (code-point lengths, the XSD pattern, the enumeration). Types with any other facet are always
 * left to `checkSimpleType`.
 */
function fastCheck(type: SimpleTypeDescription): (text: string, from: number, to: number) => boolean {
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
      // Other patterns: the same expression, sticky (tried at `from` only) instead of anchored; a
      // match must end exactly at `to` (the first match found may end elsewhere: then "not sure").
      const re = pattern === undefined || digitCount !== -1 ? null : new RegExp(xsdPattern(pattern).source.slice(1, -1), 'uy');
      // Enumeration codes by length (UTF-16 units).
      const codes: string[][] | null = enumeration === undefined ? null : [];
      if (codes !== null) for (const { code } of enumeration ?? []) (codes[code.length] ??= []).push(code);
      check = (text, from, to) => {
        const units = to - from;
        if (lengthFacets) {
          // Code points equal UTF-16 units when there is no surrogate; with one, "not sure": the
          // full check (codePointLength) decides.
          if (units < (length ?? minLength ?? 0)) return false;
          if (length !== undefined || maxLength !== undefined || (minLength !== undefined && minLength > 0)) {
            for (let i = from; i < to; i++) {
              const c = text.charCodeAt(i);
              if (c >= 0xd800 && c <= 0xdfff) return false;
            }
            if ((length !== undefined && units !== length) || (minLength !== undefined && units < minLength) || (maxLength !== undefined && units > maxLength)) return false;
          }
        }
        if (digitCount !== -1) {
          if (units !== digitCount) return false;
          for (let i = from; i < to; i++) if (!isDigit(text.charCodeAt(i))) return false;
        }
        if (re !== null) {
          re.lastIndex = from;
          if (!re.test(text) || re.lastIndex !== to) return false;
        }
        if (codes !== null) {
          const candidates = codes[units];
          if (candidates === undefined) return false;
          let k = 0;
          while (k < candidates.length && !equalsAt(text, from, to, candidates[k] as string)) k++;
          if (k === candidates.length) return false;
        }
        return true;
      };
    }
  } else if (lengthFacets || pattern !== undefined || enumeration !== undefined) check = NOT_SURE;
  else if (base === 'date') {
    check = rangeFacets ? NOT_SURE : (text, from, to) => {
      if (to - from !== 10 || text.charCodeAt(from + 4) !== 0x2d || text.charCodeAt(from + 7) !== 0x2d) return false;
      let year = 0;
      for (let i = from; i < from + 4; i++) {
        const c = text.charCodeAt(i);
        if (!isDigit(c)) return false;
        year = year * 10 + c - 0x30;
      }
      const m1 = text.charCodeAt(from + 5);
      const m2 = text.charCodeAt(from + 6);
      const d1 = text.charCodeAt(from + 8);
      const d2 = text.charCodeAt(from + 9);
      if (!isDigit(m1) || !isDigit(m2) || !isDigit(d1) || !isDigit(d2)) return false;
      const month = (m1 - 0x30) * 10 + m2 - 0x30;
      const day = (d1 - 0x30) * 10 + d2 - 0x30;
      if (year < 1 || month < 1 || month > 12 || day < 1) return false;
      const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
      return day <= (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month] as number));
    };
  } else if (base === 'decimal') {
    check = rangeFacets ? NOT_SURE : (text, from, to) => {
      if (to - from === 0 || to - from > 18) return false;
      let dot = -1;
      for (let i = from; i < to; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x2e && dot === -1) dot = i;
        else if (!isDigit(c)) return false;
      }
      return dot !== from && dot !== to - 1;
    };
  } else {
    // int: up to 9 digits cannot overflow 32 bits.
    check = (text, from, to) => {
      if (to - from === 0 || to - from > 9) return false;
      let n = 0;
      for (let i = from; i < to; i++) {
        const c = text.charCodeAt(i);
        if (!isDigit(c)) return false;
        n = n * 10 + c - 0x30;
      }
      return (minInclusive === undefined || n >= minInclusive) && (maxInclusive === undefined || n <= maxInclusive);
    };
  }
  fastChecks.set(type, check);
  return check;
}

/**
 * Whether a value is certainly valid for a simple type by the quick check (see `fastCheck`), on
 * `value`, or on `value.slice(from, to)` when a range is given; exported for the test that holds
 * it to `checkSimpleType`.
 * @internal
 */
export function certainlyValid(type: SimpleTypeDescription, value: string, from = 0, to = value.length): boolean {
  return fastCheck(type)(value, from, to);
}

/** An open element. Frames are reused (one per depth): nothing here may be kept past `end`. */
interface Frame {
  /** `null`: an element we skip (unexpected). */
  info: ElementInfo | null;
  /** Local name. */
  name: string;
  /** Position among the repetitions of its particle, in paths; −1 when not repeatable (or skipped). */
  index: number;
  line: number;
  /** Only when objects are built. */
  object: RawElement | null;
  /** Index in info.children of the particle being filled, and how many of it we have. */
  child: number;
  count: number;
  text: string;
  textReported: boolean;
  /** Namespace bindings introduced by this element. */
  ns: Map<string, string> | null;
  /** The default namespace in scope (`null`: none). */
  defaultNs: string | null;
}

/** Options of the engine. */
export interface EngineOptions {
  /** Stop collecting findings after this many (a summary finding says so). Default 1,000. */
  readonly maxIssues?: number;
  /** Build objects (false: validate only, less work). Default true. */
  readonly buildObjects?: boolean;
  /**
   * Objects only for the business rules, never handed to a caller: every element's object starts
   * with all its declared attribute and child names (`undefined`), so that all objects of an
   * element share one shape and the rules' property reads stay monomorphic (for the elements in
   * SHAPED_ELEMENTS; measured: ~15 % less CPU for a full validation).
   */
  readonly shaped?: boolean;
}

const PS_PSA_SINA_INFO = elementInfo(PS_PSA_SINA_ROOT);
const SINBA_INFO = elementInfo(SINBA_ROOT);

/** Consumes XML events; see the module comment. */
export class FlowEngine {
  /** Open elements: `frames[0, depth)`; the frame objects past `depth` are kept for reuse. */
  private readonly frames: Frame[] = [];
  private depth = 0;
  private kind: FlowKind | null = null;
  private recordIndex = -1;
  private recordIssues: SiussIssue[] = [];
  private issueCount = 0;
  private readonly maxIssues: number;
  private readonly build: boolean;
  private readonly shaped: boolean;
  private envelopeDone = false;
  private rootObject: RawElement = {};
  private readonly envelopeIssues: SiussIssue[] = [];
  /** See checkAttributes. */
  private readonly seenStamps = new Map<ElementDescription, number[]>();
  private stamp = 0;
  /** `handle`'s start tag, in the reader's form. */
  private eventTag: StartTag = {
    name: '', count: 0, names: [], ids: new Int32Array(0), texts: [], from: new Int32Array(0), to: new Int32Array(0), plain: true, selfClosing: false, line: 0,
  };
  /**
   * The declaration of each attribute name, by element (`ElementInfo.slot`) and by the reader's
   * name id (`StartTag.ids`): `null` for an undeclared name. Valid for `idSource` only.
   */
  private byId: ((AttributeInfo | null | undefined)[] | undefined)[] = [];
  private idSource: XmlReader | null = null;
  /** The declaration of each attribute of the tag being checked. */
  private readonly resolved: (AttributeInfo | null)[] = [];
  /** Counters per kind of record. */
  records = 0;

  constructor(private readonly sink: EngineSink, options: EngineOptions = {}) {
    this.maxIssues = options.maxIssues ?? 1000;
    this.build = options.buildObjects ?? true;
    this.shaped = options.shaped === true;
  }

  /** The flow kind, once the second child of `Flusso` has been seen. */
  get flowKind(): FlowKind | null {
    return this.kind;
  }

  /** Open elements (1 inside the root, between its children). */
  get openDepth(): number {
    return this.depth;
  }

  /**
   * Puts an engine that has read a flow's prefix — up to the first record, the root open — in the
   * state it would have after `count` (≥ 1) records of `kind`: the root's XSD chosen, its record
   * particle at `count`, the envelope done (its findings belong to the piece that holds it). The
   * next record is number `count` (0-based) in paths and messages. Used to validate a flow in
   * pieces (`internal/pieces.ts`), which checks afterwards that the assumption held.
   * @internal
   */
  resumeAfterRecords(kind: FlowKind, count: number): void {
    const root = this.frames[0];
    if (this.depth !== 1 || root === undefined || count < 1) throw new Error('resumeAfterRecords: the root must be open and count ≥ 1');
    const info = kind === 'SINBA' ? SINBA_INFO : PS_PSA_SINA_INFO;
    const particle = info.children.findIndex((c) => c.name === (kind === 'SINBA' ? 'SINBA' : 'Beneficiario'));
    this.kind = kind;
    root.info = info;
    root.child = particle;
    root.count = count;
    this.recordIndex = count - 1;
    this.envelopeDone = true;
    this.recordIssues = [];
  }

  /** The path of the open element at `level` (0, the root: `[]`), as findings carry it. */
  private pathAt(level: number): (string | number)[] {
    const path: (string | number)[] = [];
    for (let d = 1; d <= level; d++) {
      const frame = this.frames[d] as Frame;
      path.push(frame.name);
      if (frame.index >= 0) path.push(frame.index);
    }
    return path;
  }

  private report(issue: SiussIssue): void {
    this.issueCount++;
    if (this.issueCount > this.maxIssues) {
      if (this.issueCount === this.maxIssues + 1) {
        this.sink.issue?.(siussIssue('siuss.xsd.too_many_errors', { limit: this.maxIssues }, { path: [] }));
      }
      return;
    }
    if (this.recordIndex >= 0 && this.depth >= 2) this.recordIssues.push(issue);
    else if (!this.envelopeDone && this.depth >= 2) this.envelopeIssues.push(issue);
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
    for (let i = this.depth - 1; i >= 0; i--) {
      const m = (this.frames[i] as Frame).ns;
      if (m?.has(prefix)) return (m.get(prefix) as string) || null;
    }
    return null;
  }

  /** Feeds one event. */
  handle(event: XmlEvent): void {
    if (event.type === 'start') {
      let tag = this.eventTag;
      const count = event.attributes.length;
      if (tag.ids.length < count) {
        const n = Math.max(count, 2 * tag.ids.length);
        tag = this.eventTag = { ...tag, ids: new Int32Array(n).fill(-1), from: new Int32Array(n), to: new Int32Array(n) };
      }
      let plain = true;
      event.attributes.forEach((a, k) => {
        tag.names[k] = a.name;
        tag.texts[k] = a.value;
        tag.from[k] = 0;
        tag.to[k] = a.value.length;
        if (a.name === 'xmlns' || a.name.includes(':')) plain = false;
      });
      tag.name = event.name;
      tag.count = count;
      tag.plain = plain;
      tag.selfClosing = event.selfClosing;
      tag.line = event.line;
      this.start(tag);
    } else if (event.type === 'end') this.end();
    else this.text(event.value, event.line, event.cdata === true, false);
  }

  /**
   * Feeds the event the reader has just read (`kind`, what `reader.read()` returned; not NO_EVENT):
   * the same as `handle(reader.next())`, without the event objects.
   */
  take(reader: XmlReader, kind: number): void {
    if (kind === START_EVENT) {
      if (reader !== this.idSource) {
        // Name ids are the reader's own.
        this.byId = [];
        this.idSource = reader;
      }
      this.start(reader.tag);
    }
    else if (kind === END_EVENT) this.end();
    else this.text(reader.text, reader.eventLine, reader.cdata, reader.blank);
  }

  /** The frame for the next open element (reused). */
  private pushFrame(info: ElementInfo | null, name: string, index: number, line: number, ns: Map<string, string> | null, defaultNs: string | null): Frame {
    let frame = this.frames[this.depth];
    const object = this.build ? (this.shaped && info !== null && info.template !== null ? { ...info.template } : {}) : null;
    if (frame === undefined) {
      frame = { info, name, index, line, object, child: 0, count: 0, text: '', textReported: false, ns, defaultNs };
      this.frames.push(frame);
    } else {
      frame.info = info;
      frame.name = name;
      frame.index = index;
      frame.line = line;
      frame.object = object;
      frame.child = 0;
      frame.count = 0;
      frame.text = '';
      frame.textReported = false;
      frame.ns = ns;
      frame.defaultNs = defaultNs;
    }
    this.depth++;
    return frame;
  }

  private start(tag: StartTag): void {
    const { names, line } = tag;
    const qname = tag.name;
    // Namespace declarations first.
    let nsMap: Map<string, string> | null = null;
    if (!tag.plain) {
      for (let k = 0; k < tag.count; k++) {
        const name = names[k] as string;
        if (name === 'xmlns' || name.startsWith('xmlns:')) {
          const value = valueOf(tag, k);
          // The known URIs as the constants: comparing them with the constants is then immediate
          // (two copies of a string are compared character by character).
          const uri = value === SIUSS_NAMESPACE ? SIUSS_NAMESPACE : value === XSI ? XSI : value;
          (nsMap ??= new Map()).set(checkNamespaceDeclaration(name, uri, line), uri);
        }
      }
    }
    const parent = this.depth === 0 ? undefined : (this.frames[this.depth - 1] as Frame);
    const inherited = parent === undefined ? null : parent.defaultNs;
    const defaultNs = nsMap !== null && nsMap.has('') ? (nsMap.get('') as string) || null : inherited;
    let ns: string | null;
    let local: string;
    if (qname.indexOf(':') === -1) {
      // Unprefixed (the usual case): the default namespace (what resolve returns for it).
      ns = defaultNs;
      local = qname;
    } else ({ ns, local } = this.resolve(qname, false, nsMap, line));
    let info: ElementInfo | null = null;
    let index = -1;

    if (parent === undefined) {
      if (local !== 'Flusso' || ns !== SIUSS_NAMESPACE) {
        throw new FlowShapeError(siussIssue(local !== 'Flusso' ? 'siuss.xml.root' : 'siuss.xml.root_namespace', {
          found: local.slice(0, 50), namespace: ns ?? '(nessuno / none)', line,
        }, { path: [] }));
      }
      info = PS_PSA_SINA_INFO; // the envelope is the same; switched when the kind is known
    } else if (parent.info !== null) {
      if (this.depth === 1 && this.kind === null) {
        // Second child of Flusso: decides the XSD.
        if (ns === SIUSS_NAMESPACE && (local === 'Beneficiario' || local === 'SINBA')) {
          this.kind = local === 'SINBA' ? 'SINBA' : 'PS_PSA_SINA';
          parent.info = this.kind === 'SINBA' ? SINBA_INFO : PS_PSA_SINA_INFO;
        }
      }
      info = this.placeChild(parent, ns, local, line);
      if (info !== null && info.many) index = parent.count - 1;
    }

    if (this.depth === 1 && info !== null && (local === 'Beneficiario' || local === 'SINBA')) {
      this.finishEnvelope();
      this.recordIndex++;
      this.recordIssues = [];
    }

    const frame = this.pushFrame(info, local, index, line, nsMap, defaultNs);
    if (parent === undefined && frame.object !== null) this.rootObject = frame.object;
    if (info !== null) {
      if (!tag.plain || !this.checkDeclaredAttributes(frame, info, tag)) this.checkAttributes(frame, info, tag, nsMap);
    }
    if (tag.selfClosing) this.end();
  }

  /** Finds the particle for a child in the parent's sequence, reporting what is unexpected. */
  private placeChild(parent: Frame, ns: string | null, local: string, line: number): ElementInfo | null {
    const children = (parent.info as ElementInfo).children;
    if (ns === SIUSS_NAMESPACE) {
      let i = parent.child;
      let have = parent.count;
      while (i < children.length) {
        const p = children[i] as ElementInfo;
        if (p.name === local && have < p.max) {
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
    }, { path: [...this.pathAt(this.depth - 1), local.slice(0, 50)], line }));
    return null;
  }

  private expectedAt(frame: Frame): string[] {
    const children = (frame.info as ElementInfo).children;
    const out: string[] = [];
    for (let i = frame.child; i < children.length; i++) {
      const p = children[i] as ElementInfo;
      const have = i === frame.child ? frame.count : 0;
      if (have < p.max) out.push(p.name);
      if (have < p.minOccurs) break;
    }
    return out;
  }

  /**
   * The attributes of a tag with plain names (see `StartTag.plain`) when every name is declared and
   * every required attribute is there (the usual case): their values checked, in order, as
   * `checkAttributes` would. Otherwise `false`, with nothing done, and `checkAttributes` reports.
   */
  private checkDeclaredAttributes(frame: Frame, info: ElementInfo, tag: StartTag): boolean {
    const { count, names, ids, texts, from, to } = tag;
    const resolved = this.resolved;
    let table: (AttributeInfo | null | undefined)[] | undefined;
    let required = 0;
    for (let k = 0; k < count; k++) {
      const id = ids[k] as number;
      let attribute: AttributeInfo | null | undefined;
      if (id >= 0) {
        table ??= this.byId[info.slot] ??= [];
        attribute = table[id];
        if (attribute === undefined) table[id] = attribute = info.byName.get(names[k] as string) ?? null;
      } else attribute = info.byName.get(names[k] as string) ?? null;
      if (attribute === null) return false;
      required += attribute.required;
      resolved[k] = attribute;
    }
    if (required !== info.required) return false;
    const object = frame.object;
    for (let k = 0; k < count; k++) {
      const attribute = resolved[k] as AttributeInfo;
      const text = texts[k] as string;
      const f = from[k] as number;
      const t = to[k] as number;
      if (object !== null) object[attribute.decl.name] = f === 0 && t === text.length ? text : text.slice(f, t);
      if (!attribute.certainlyValid(text, f, t)) this.checkValue(attribute.decl, f === 0 && t === text.length ? text : text.slice(f, t), tag.line);
    }
    return true;
  }

  private checkAttributes(frame: Frame, info: ElementInfo, tag: StartTag, nsMap: Map<string, string> | null): void {
    const desc = info.desc;
    const line = tag.line;
    const names = tag.names;
    // Presence of each declaration: the stamp of the last start tag it was seen in (no set per element).
    let seen = this.seenStamps.get(desc);
    if (seen === undefined) this.seenStamps.set(desc, seen = desc.attributes.map(() => 0));
    const stamp = ++this.stamp;
    for (let k = 0; k < tag.count; k++) {
      const name = names[k] as string;
      if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
      // Unprefixed (the usual case): no namespace, the name itself (what resolve returns for it).
      const { ns, local } = name.indexOf(':') === -1 ? { ns: null, local: name } : this.resolve(name, true, nsMap, line);
      if (ns === XMLNS) continue;
      if (ns === XSI && (local === 'schemaLocation' || local === 'noNamespaceSchemaLocation')) continue;
      const attribute = ns === null ? info.byName.get(local) : undefined;
      if (attribute === undefined) {
        this.report(siussIssue('siuss.xsd.attribute_unknown', { element: desc.name, attribute: name.slice(0, 50), line }, { path: [...this.pathAt(this.depth - 1), `@${name.slice(0, 50)}`], line }));
        continue;
      }
      seen[attribute.index] = stamp;
      const value = valueOf(tag, k);
      if (frame.object !== null) frame.object[local] = value;
      if (!attribute.certainlyValid(value, 0, value.length)) this.checkValue(attribute.decl, value, line);
    }
    desc.attributes.forEach((d, index) => {
      if (d.use === 'required' && seen[info.presence[index] as number] !== stamp) {
        this.report(siussIssue('siuss.xsd.attribute_missing', { element: desc.name, attribute: d.name, line }, { path: [...this.pathAt(this.depth - 1), `@${d.name}`], line }));
      }
    });
  }

  /** Checks a value of an attribute of the innermost open element. */
  private checkValue(decl: AttributeDescription, value: string, line: number): void {
    const failure = checkSimpleType(value, decl.type);
    if (failure !== null) {
      const frame = this.frames[this.depth - 1] as Frame;
      this.reportValue(this.depth - 1, frame.name, decl.name, decl.type, value, failure, line);
    }
  }

  private reportValue(
    level: number, element: string, attribute: string | null, type: SimpleTypeDescription,
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
    const path = this.pathAt(level);
    if (attribute !== null) path.push(`@${attribute}`);
    this.report(siussIssue(code, params, { path, line }));
  }

  /** `blank`: the value is known to be only spaces, tabs and line feeds (not a CDATA section). */
  private text(value: string, line: number, cdata: boolean, blank: boolean): void {
    if (this.depth === 0) return;
    const frame = this.frames[this.depth - 1] as Frame;
    const info = frame.info;
    if (info === null) return;
    if (info.desc.text !== undefined) {
      frame.text += value;
      return;
    }
    // Element-only content allows white space only; empty content (attributes only, e.g. Ente)
    // allows no character at all (XSD 1.0 cvc-complex-type.2.1 and 2.3). A CDATA section counts as
    // content even when blank or empty, as libxml2 (xmllint) judges it: found by differential.test.ts.
    const empty = info.children.length === 0;
    if (!frame.textReported && (cdata || (empty ? value.length > 0 : !blank && /[^ \t\n\r]/.test(value)))) {
      frame.textReported = true;
      this.report(siussIssue('siuss.xsd.text_not_allowed', { element: frame.name, line }, { path: this.pathAt(this.depth - 1), line }));
    }
  }

  private end(): void {
    const level = this.depth - 1;
    const frame = this.frames[level] as Frame;
    const info = frame.info;
    const parent = level === 0 ? undefined : (this.frames[level - 1] as Frame);
    if (info !== null) {
      // Particles still owed.
      const children = info.children;
      for (let i = frame.child; i < children.length; i++) {
        const p = children[i] as ElementInfo;
        const have = i === frame.child ? frame.count : 0;
        if (have < p.minOccurs) {
          if (level === 0 && this.kind === null && i >= 1) {
            this.report(siussIssue('siuss.xsd.records_missing', { line: frame.line }, { path: ['Beneficiario'], line: frame.line }));
          } else {
            const path = this.pathAt(level);
            path.push(p.name);
            this.report(siussIssue('siuss.xsd.element_missing', { element: p.name, parent: frame.name, line: frame.line }, { path, line: frame.line }));
          }
          break;
        }
      }
      const textType = info.desc.text;
      if (textType !== undefined) {
        const failure = checkSimpleType(frame.text, textType);
        if (failure !== null) this.reportValue(level, frame.name, null, textType, frame.text, failure, frame.line);
      }
      if (parent !== undefined && parent.info !== null && parent.object !== null) {
        const value: string | RawElement = textType !== undefined ? frame.text : (frame.object as RawElement);
        if (info.many) {
          const list = (parent.object[info.name] ??= []) as (string | RawElement)[];
          list.push(value);
        } else parent.object[info.name] = value;
      }
    }
    // Popped only now (the frame object stays, for paths and reuse): the findings above belong to
    // the element being closed — a record's or the envelope's missing child went outside them
    // (found by parallel.test.ts: a piece with such a record was never clean).
    this.depth = level;
    // A record is complete.
    if (level === 1 && info !== null && (frame.name === 'Beneficiario' || frame.name === 'SINBA') && this.kind !== null) {
      this.records++;
      const list = parent?.object?.[frame.name];
      if (Array.isArray(list)) list.pop(); // records are handed out, not kept
      this.sink.record?.(this.kind, this.recordIndex, frame.object ?? {}, this.recordIssues, frame.line);
      this.recordIssues = [];
    }
    if (level === 0) this.finishEnvelope();
  }

  private finishEnvelope(): void {
    if (this.envelopeDone) return;
    this.envelopeDone = true;
    const envelope = (this.rootObject.IdentificazioneFlusso as RawElement | undefined) ?? {};
    this.sink.envelope?.(this.kind, envelope, this.envelopeIssues);
  }
}

/** The value of attribute `k` of a start tag, as a string. */
function valueOf(tag: StartTag, k: number): string {
  const text = tag.texts[k] as string;
  const from = tag.from[k] as number;
  const to = tag.to[k] as number;
  return from === 0 && to === text.length ? text : text.slice(from, to);
}
