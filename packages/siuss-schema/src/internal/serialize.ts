// SPDX-License-Identifier: BSD-3-Clause
/**
 * From a flow object to XML text, driven by the XSD description: elements in `xs:sequence` order,
 * attributes in declaration order (stable output), values escaped so that reading them back gives
 * exactly the same strings (tab, line feed and carriage return in attributes become character
 * references, since XML attribute-value normalisation would turn them into spaces).
 * Also checks the object's shape: unknown properties, wrong value types, lists where one element
 * is allowed. Facets are checked afterwards by reading the output (one definition of validity).
 * @module
 */
import { createIssue, type Issue } from '@riuso-sociale/core';
import { PS_PSA_SINA_ROOT, SIUSS_NAMESPACE, SINBA_ROOT } from '../generated/descriptions.js';
import type { ElementDescription } from './description.js';

/**
 * What {@link scan} returns for a value with a character that is not an XML 1.0 Char (`#x9 | #xA |
 * #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`): an unpaired surrogate, U+FFFE, U+FFFF
 * or a control character other than tab, line feed and carriage return.
 */
const NOT_XML = -1;

/**
 * One scan of a value: `NOT_XML` when it holds a character XML cannot represent, else the number of
 * characters to escape (0: the value is written as is, no copy). `attribute` also counts `"`, `'`,
 * tab and line feed.
 */
function scan(value: string, attribute: boolean): number {
  let escapes = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x20) {
      if (c < 0x80) {
        if (c === 0x26 || c === 0x3c || c === 0x3e || (attribute && (c === 0x22 || c === 0x27))) escapes++;
      } else if (c >= 0xd800 && c <= 0xdfff) {
        // A surrogate must be a high one followed by a low one.
        const next = value.charCodeAt(i + 1);
        if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return NOT_XML;
        i++;
      } else if (c === 0xfffe || c === 0xffff) return NOT_XML;
    } else if (c === 0x0d || (attribute && (c === 0x09 || c === 0x0a))) escapes++;
    else if (c !== 0x09 && c !== 0x0a) return NOT_XML;
  }
  return escapes;
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"'\t\n\r]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : c === "'" ? '&apos;' : c === '\t' ? '&#9;' : c === '\n' ? '&#10;' : '&#13;',
  );
}

function escapeText(value: string): string {
  return value.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

type Path = (string | number)[];

function modelIssue(code: 'siuss.model.unknown_property' | 'siuss.model.type' | 'siuss.model.char', path: Path, detail: string): Issue {
  const it = code === 'siuss.model.unknown_property' ? `Proprietà non prevista dall'XSD: ${detail}` : code === 'siuss.model.type' ? `Valore di tipo errato: ${detail}` : `Carattere non rappresentabile in XML in ${detail}`;
  const en = code === 'siuss.model.unknown_property' ? `Property not in the XSD: ${detail}` : code === 'siuss.model.type' ? `Value of the wrong type: ${detail}` : `Character that XML cannot represent in ${detail}`;
  return createIssue(code, { it, en }, { path, params: { detail } });
}

/** The names an element declares (attributes and children), computed once per description. */
const DECLARED = new WeakMap<ElementDescription, ReadonlySet<string>>();
function declaredNames(desc: ElementDescription): ReadonlySet<string> {
  let names = DECLARED.get(desc);
  if (names === undefined) {
    names = new Set([...desc.attributes.map((a) => a.name), ...desc.children.map((c) => c.name)]);
    DECLARED.set(desc, names);
  }
  return names;
}

/**
 * Serialises one element (and its subtree). `path` is the path of the element, a stack shared by the
 * whole walk (keys pushed and popped around each child, copied only when a finding is reported: no
 * array per element).
 */
function writeElement(desc: ElementDescription, value: unknown, path: Path, indent: string, out: string[], issues: Issue[]): void {
  if (desc.text !== undefined) {
    // A bad item still takes its place (empty), so its siblings keep their indexes in the findings.
    if (typeof value !== 'string') {
      issues.push(modelIssue('siuss.model.type', [...path], `${desc.name}: stringa attesa / string expected`));
      out.push(`${indent}<${desc.name}></${desc.name}>\n`);
      return;
    }
    const n = scan(value, false);
    if (n === NOT_XML) {
      issues.push(modelIssue('siuss.model.char', [...path], desc.name));
      out.push(`${indent}<${desc.name}></${desc.name}>\n`);
      return;
    }
    out.push(`${indent}<${desc.name}>${n === 0 ? value : escapeText(value)}</${desc.name}>\n`);
    return;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    issues.push(modelIssue('siuss.model.type', [...path], `${desc.name}: oggetto atteso / object expected`));
    out.push(`${indent}<${desc.name}/>\n`);
    return;
  }
  const obj = value as Record<string, unknown>;
  let tag = `${indent}<${desc.name}`;
  if (path.length === 0) tag += ` xmlns="${SIUSS_NAMESPACE}"`;
  for (const a of desc.attributes) {
    const v = obj[a.name];
    if (v === undefined) continue;
    if (typeof v !== 'string') {
      issues.push(modelIssue('siuss.model.type', [...path, `@${a.name}`], `${desc.name}@${a.name}: stringa attesa / string expected`));
      continue;
    }
    const n = scan(v, true);
    if (n === NOT_XML) {
      // Not representable: left out (the reading of the output must stay well-formed).
      issues.push(modelIssue('siuss.model.char', [...path, `@${a.name}`], `${desc.name}@${a.name}`));
      continue;
    }
    tag += ` ${a.name}="${n === 0 ? v : escapeAttribute(v)}"`;
  }
  // Children are written straight into `out` (never spread into a call: a flow may have any number of
  // beneficiaries, and spreading 100 000 parts overflows the stack).
  const start = out.length;
  out.push('');
  const childIndent = `${indent}  `;
  for (const c of desc.children) {
    const v = obj[c.name];
    if (v === undefined) continue;
    const many = c.maxOccurs === 'unbounded' || c.maxOccurs > 1;
    path.push(c.name);
    if (many) {
      if (!Array.isArray(v)) {
        issues.push(modelIssue('siuss.model.type', [...path], `${c.name}: lista attesa / array expected`));
      } else {
        for (let i = 0; i < v.length; i++) {
          if (!(i in v)) continue; // a hole, skipped as forEach skips it
          path.push(i);
          writeElement(c, v[i], path, childIndent, out, issues);
          path.pop();
        }
      }
    } else writeElement(c, v, path, childIndent, out, issues);
    path.pop();
  }
  const known = declaredNames(desc);
  for (const key in obj) {
    if (!Object.prototype.hasOwnProperty.call(obj, key) || known.has(key)) continue;
    if (!(path.length === 0 && key === 'kind')) issues.push(modelIssue('siuss.model.unknown_property', [...path, key], `${desc.name}.${key.slice(0, 50)}`));
  }
  if (out.length === start + 1) out[start] = `${tag}/>\n`;
  else {
    out[start] = `${tag}>\n`;
    out.push(`${indent}</${desc.name}>\n`);
  }
}

/** XML text of a flow object, and the shape problems found on the way. */
export function serializeFlow(flow: unknown): { xml: string; issues: Issue[] } {
  const issues: Issue[] = [];
  if (flow === null || typeof flow !== 'object') {
    return { xml: '', issues: [modelIssue('siuss.model.type', [], 'flusso: oggetto atteso / flow: object expected')] };
  }
  const kind = (flow as { kind?: unknown }).kind;
  if (kind !== 'PS_PSA_SINA' && kind !== 'SINBA') {
    return { xml: '', issues: [modelIssue('siuss.model.type', ['kind'], "kind: 'PS_PSA_SINA' | 'SINBA'")] };
  }
  const root = kind === 'SINBA' ? SINBA_ROOT : PS_PSA_SINA_ROOT;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  writeElement(root, flow, [], '', out, issues);
  return { xml: out.join(''), issues };
}
