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
import { checkSimpleType, type SimpleTypeFailure } from './simple-types.js';
import type { XmlAttribute, XmlEvent } from './xml-reader.js';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const XMLNS = 'http://www.w3.org/2000/xmlns/';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

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
    else this.text(event.value, event.line);
  }

  private start(qname: string, attributes: readonly XmlAttribute[], line: number, selfClosing: boolean): void {
    // Namespace declarations first.
    let nsMap: Map<string, string> | null = null;
    for (const a of attributes) {
      if (a.name === 'xmlns') (nsMap ??= new Map()).set('', a.value);
      else if (a.name.startsWith('xmlns:')) (nsMap ??= new Map()).set(a.name.slice(6), a.value);
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
    const seen = new Set<string>();
    for (const a of attributes) {
      if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) continue;
      const { ns, local } = this.resolve(a.name, true, nsMap, line);
      if (ns === XMLNS) continue;
      if (ns === XSI && (local === 'schemaLocation' || local === 'noNamespaceSchemaLocation')) continue;
      const decl = ns === null ? desc.attributes.find((d) => d.name === local) : undefined;
      if (decl === undefined) {
        this.report(siussIssue('siuss.xsd.attribute_unknown', { element: desc.name, attribute: a.name.slice(0, 50), line }, { path: [...frame.path, `@${a.name.slice(0, 50)}`], line }));
        continue;
      }
      seen.add(local);
      if (this.build) frame.object[local] = a.value;
      this.checkValue(frame, decl, a.value, line);
    }
    for (const d of desc.attributes) {
      if (d.use === 'required' && !seen.has(d.name)) {
        this.report(siussIssue('siuss.xsd.attribute_missing', { element: desc.name, attribute: d.name, line }, { path: [...frame.path, `@${d.name}`], line }));
      }
    }
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

  private text(value: string, line: number): void {
    const frame = this.stack[this.stack.length - 1];
    if (frame === undefined || frame.desc === null) return;
    if (frame.desc.text !== undefined) {
      frame.text += value;
      return;
    }
    if (!frame.textReported && /[^ \t\n\r]/.test(value)) {
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
