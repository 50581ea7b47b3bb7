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

const XML_CHAR = /^[\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

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

/** Serialises one element (and its subtree). */
function writeElement(desc: ElementDescription, value: unknown, path: Path, indent: string, out: string[], issues: Issue[]): void {
  if (desc.text !== undefined) {
    // A bad item still takes its place (empty), so its siblings keep their indexes in the findings.
    if (typeof value !== 'string') {
      issues.push(modelIssue('siuss.model.type', path, `${desc.name}: stringa attesa / string expected`));
      out.push(`${indent}<${desc.name}></${desc.name}>\n`);
      return;
    }
    if (!XML_CHAR.test(value)) {
      issues.push(modelIssue('siuss.model.char', path, desc.name));
      out.push(`${indent}<${desc.name}></${desc.name}>\n`);
      return;
    }
    out.push(`${indent}<${desc.name}>${escapeText(value)}</${desc.name}>\n`);
    return;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    issues.push(modelIssue('siuss.model.type', path, `${desc.name}: oggetto atteso / object expected`));
    out.push(`${indent}<${desc.name}/>\n`);
    return;
  }
  const obj = value as Record<string, unknown>;
  const known = new Set<string>();
  let tag = `${indent}<${desc.name}`;
  if (path.length === 0) tag += ` xmlns="${SIUSS_NAMESPACE}"`;
  for (const a of desc.attributes) {
    known.add(a.name);
    const v = obj[a.name];
    if (v === undefined) continue;
    if (typeof v !== 'string') {
      issues.push(modelIssue('siuss.model.type', [...path, `@${a.name}`], `${desc.name}@${a.name}: stringa attesa / string expected`));
      continue;
    }
    if (!XML_CHAR.test(v)) {
      // Not representable: left out (the reading of the output must stay well-formed).
      issues.push(modelIssue('siuss.model.char', [...path, `@${a.name}`], `${desc.name}@${a.name}`));
      continue;
    }
    tag += ` ${a.name}="${escapeAttribute(v)}"`;
  }
  // Children are written straight into `out` (never spread into a call: a flow may have any number of
  // beneficiaries, and spreading 100 000 parts overflows the stack).
  const start = out.length;
  out.push('');
  for (const c of desc.children) {
    known.add(c.name);
    const v = obj[c.name];
    if (v === undefined) continue;
    const many = c.maxOccurs === 'unbounded' || c.maxOccurs > 1;
    if (many) {
      if (!Array.isArray(v)) {
        issues.push(modelIssue('siuss.model.type', [...path, c.name], `${c.name}: lista attesa / array expected`));
        continue;
      }
      v.forEach((item, i) => writeElement(c, item, [...path, c.name, i], `${indent}  `, out, issues));
    } else writeElement(c, v, [...path, c.name], `${indent}  `, out, issues);
  }
  for (const key of Object.keys(obj)) {
    if (!known.has(key) && !(path.length === 0 && key === 'kind')) issues.push(modelIssue('siuss.model.unknown_property', [...path, key], `${desc.name}.${key.slice(0, 50)}`));
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
