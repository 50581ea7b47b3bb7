#!/usr/bin/env node
// SPDX-License-Identifier: BSD-3-Clause
/**
 * Generates `src/generated/*.ts` from the official INPS XSDs (PS_PSA_SINA201812.xsd, SINBA.xsd,
 * repository INPS-it/WaaS.Comuni, MIT): a declarative description of every element, attribute and
 * facet (the input of our XSD-equivalent validator, builder and zod schemas), the TypeScript
 * interfaces with 1:1 XSD names, and the code lists with their Italian labels (mojibake repaired,
 * spaces normalised; codes kept as written).
 *
 * Usage: node scripts/generate-schema.mjs [--xsd-dir ../shared/data/siuss] [--check]
 * `--check` compares with the committed files and exits 1 when they differ (used by a test).
 * Deterministic: the same XSDs give the same bytes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = resolve(here, '..');

// ---------------------------------------------------------------------------------------------
// Reading the XSD

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
});

/** Children of a preserveOrder node: [{ 'xs:x': [...], ':@': {attrs} }]. */
const tagOf = (n) => Object.keys(n).find((k) => k !== ':@');
const kids = (n) => n[tagOf(n)] ?? [];
const attrs = (n) => n[':@'] ?? {};
const childrenNamed = (n, tag) => kids(n).filter((k) => tagOf(k) === tag);
const firstNamed = (n, tag) => childrenNamed(n, tag)[0];

/** Repairs UTF-8 text that was decoded as Latin-1 ("disabilitÃ " → "disabilità") and tidies spaces. */
export function repairLabel(text) {
  let t = text;
  if (/[ÃÂ]/.test(t)) {
    const bytes = Buffer.from(t, 'latin1');
    const decoded = bytes.toString('utf8');
    if (!decoded.includes('\uFFFD')) t = decoded;
  }
  return t.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
}

function docOf(node) {
  const ann = node && firstNamed(node, 'xs:annotation');
  const doc = ann && firstNamed(ann, 'xs:documentation');
  if (!doc) return undefined;
  const text = kids(doc).map((k) => k['#text'] ?? '').join('');
  return text.trim() === '' ? undefined : repairLabel(text);
}

function readSimpleType(st, named) {
  const restriction = firstNamed(st, 'xs:restriction');
  if (!restriction) throw new Error('simpleType without restriction');
  const base = attrs(restriction).base;
  const out = { base: base.replace(/^xs:/, '') };
  if (!['string', 'date', 'decimal', 'int'].includes(out.base)) throw new Error(`unsupported base ${base}`);
  const enumeration = [];
  for (const f of kids(restriction)) {
    const tag = tagOf(f);
    const value = attrs(f).value;
    switch (tag) {
      case 'xs:minLength': out.minLength = Number(value); break;
      case 'xs:maxLength': out.maxLength = Number(value); break;
      case 'xs:length': out.length = Number(value); break;
      case 'xs:pattern': out.pattern = value; break;
      case 'xs:minInclusive': out.minInclusive = Number(value); break;
      case 'xs:maxInclusive': out.maxInclusive = Number(value); break;
      case 'xs:enumeration': enumeration.push({ code: value, label: docOf(f) ?? value }); break;
      case 'xs:annotation': case '#text': break;
      default: throw new Error(`unsupported facet ${tag}`);
    }
  }
  if (enumeration.length > 0) out.enumeration = enumeration;
  const doc = docOf(st) ?? docOf(restriction);
  if (doc) out.doc = doc;
  if (named) out.typeName = named;
  return out;
}

function readSchema(file) {
  const tree = parser.parse(readFileSync(file, 'utf8'));
  const schema = tree.find((n) => tagOf(n) === 'xs:schema');
  const simpleTypes = new Map();
  const complexTypes = new Map();
  let root;
  for (const n of kids(schema)) {
    const tag = tagOf(n);
    if (tag === 'xs:simpleType') simpleTypes.set(attrs(n).name, n);
    else if (tag === 'xs:complexType') complexTypes.set(attrs(n).name, n);
    else if (tag === 'xs:element') root = n;
  }
  const ns = attrs(schema).targetNamespace;

  function readAttribute(a) {
    const { name, use = 'optional', type } = attrs(a);
    let st;
    if (type) {
      const named = simpleTypes.get(type);
      if (!named) throw new Error(`unknown type ${type}`);
      st = readSimpleType(named, type);
    } else st = readSimpleType(firstNamed(a, 'xs:simpleType'));
    const doc = docOf(a);
    return { name, use, type: st, ...(doc ? { doc } : {}) };
  }

  function readComplex(ct) {
    const attributes = childrenNamed(ct, 'xs:attribute').map(readAttribute);
    const seq = firstNamed(ct, 'xs:sequence');
    const children = seq ? childrenNamed(seq, 'xs:element').map(readElement) : [];
    return { attributes, children };
  }

  function readElement(el) {
    const a = attrs(el);
    const minOccurs = a.minOccurs === undefined ? 1 : Number(a.minOccurs);
    const maxOccurs = a.maxOccurs === undefined ? 1 : a.maxOccurs === 'unbounded' ? 'unbounded' : Number(a.maxOccurs);
    const doc = docOf(el);
    const base = { name: a.name, minOccurs, maxOccurs, ...(doc ? { doc } : {}) };
    if (a.type) {
      if (complexTypes.has(a.type)) return { ...base, typeName: a.type, ...readComplex(complexTypes.get(a.type)) };
      if (simpleTypes.has(a.type)) return { ...base, attributes: [], children: [], text: readSimpleType(simpleTypes.get(a.type), a.type) };
      throw new Error(`unknown element type ${a.type}`);
    }
    const ct = firstNamed(el, 'xs:complexType');
    if (ct) return { ...base, ...readComplex(ct) };
    const st = firstNamed(el, 'xs:simpleType');
    if (st) return { ...base, attributes: [], children: [], text: readSimpleType(st) };
    throw new Error(`element ${a.name} without type`);
  }

  return { namespace: ns, root: readElement(root) };
}

// ---------------------------------------------------------------------------------------------
// Writing TypeScript

const strip = (v) => JSON.parse(JSON.stringify(v, (k, x) => (k === 'doc' || k === 'label' || k === 'typeName' ? undefined : x)));
const same = (a, b) => JSON.stringify(strip(a)) === JSON.stringify(strip(b));

function lit(value, indent = '') {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);
}

function tsdoc(text, indent = '') {
  if (!text) return '';
  return `${indent}/** ${text.replace(/\*\//g, '* /')} */\n`;
}

/** TypeScript type of an attribute or simple-content value in the strict model. */
function valueType(st) {
  if (st.enumeration) return st.enumeration.map((e) => JSON.stringify(e.code)).join(' | ');
  return 'string';
}

function facetsDoc(st) {
  const parts = [`xs:${st.base}`];
  if (st.length !== undefined) parts.push(`length ${st.length}`);
  if (st.minLength !== undefined) parts.push(`minLength ${st.minLength}`);
  if (st.maxLength !== undefined) parts.push(`maxLength ${st.maxLength}`);
  if (st.pattern !== undefined) parts.push(`pattern \`${st.pattern}\``);
  if (st.minInclusive !== undefined) parts.push(`minInclusive ${st.minInclusive}`);
  if (st.maxInclusive !== undefined) parts.push(`maxInclusive ${st.maxInclusive}`);
  if (st.enumeration) parts.push(st.enumeration.map((e) => `${e.code} = ${e.label}`).join('; '));
  return parts.join(', ');
}

function interfaces(el, out, seen) {
  if (el.text) return;
  if (seen.has(el.name)) {
    if (!same(seen.get(el.name), el)) throw new Error(`two different elements named ${el.name}`);
    return;
  }
  seen.set(el.name, el);
  const names = new Set();
  let body = '';
  for (const a of el.attributes) {
    if (names.has(a.name)) throw new Error(`duplicate name ${el.name}.${a.name}`);
    names.add(a.name);
    const doc = `Attribute \`${a.name}\` (${a.use}): ${facetsDoc(a.type)}.${a.doc ? ` ${a.doc}` : a.type.doc ? ` ${a.type.doc}` : ''}`;
    body += tsdoc(doc, '  ');
    body += `  readonly ${a.name}${a.use === 'required' ? '' : '?'}: ${valueType(a.type)};\n`;
  }
  for (const c of el.children) {
    if (names.has(c.name)) throw new Error(`child ${c.name} of ${el.name} has the name of an attribute`);
    names.add(c.name);
    const many = c.maxOccurs === 'unbounded' || c.maxOccurs > 1;
    const occurs = `${c.minOccurs}..${c.maxOccurs === 'unbounded' ? 'n' : c.maxOccurs}`;
    const t = c.text ? valueType(c.text) : c.name;
    const typeText = many ? (c.text && c.text.enumeration ? `readonly (${t})[]` : `readonly ${t}[]`) : t;
    const doc = `Element \`${c.name}\` (${occurs})${c.text ? `, text: ${facetsDoc(c.text)}` : ''}.${c.doc ? ` ${c.doc}` : ''}`;
    body += tsdoc(doc, '  ');
    body += `  readonly ${c.name}${c.minOccurs === 0 ? '?' : ''}: ${typeText};\n`;
  }
  const doc = `Element \`${el.name}\`${el.typeName ? ` (XSD type \`${el.typeName}\`)` : ''}.${el.doc ? ` ${el.doc}` : ''}`;
  out.push(`${tsdoc(doc)}export interface ${el.name} {\n${body}}\n`);
  for (const c of el.children) interfaces(c, out, seen);
}

function codeLists(el, out, path = el.name) {
  for (const a of el.attributes) if (a.type.enumeration) out.push([`${path}@${a.name}`, a.type.enumeration]);
  for (const c of el.children) {
    if (c.text?.enumeration) out.push([`${path}/${c.name}`, c.text.enumeration]);
    codeLists(c, out, `${path}/${c.name}`);
  }
}

function render(schemas) {
  const header = `// SPDX-License-Identifier: BSD-3-Clause
// Generated by scripts/generate-schema.mjs from the official INPS XSDs (PS_PSA_SINA201812.xsd sha256
// 910171fc…dcb43, SINBA.xsd sha256 341fe386…adc03; INPS-it/WaaS.Comuni, MIT) — do not edit.
`;
  const files = {};
  // The envelope is the same in both XSDs: emitted once.
  const psEnvelope = schemas.ps.root.children[0];
  const sinbaEnvelope = schemas.sinba.root.children[0];
  if (!same(psEnvelope, sinbaEnvelope)) throw new Error('the two XSDs have different IdentificazioneFlusso');
  if (schemas.ps.namespace !== schemas.sinba.namespace) throw new Error('different namespaces');

  const seen = new Map();
  const psTypes = [];
  interfaces({ ...schemas.ps.root, name: 'FlussoPsPsaSina', typeName: 'FlussoType', doc: 'Root `Flusso` of PS_PSA_SINA201812.xsd.' }, psTypes, seen);
  const sinbaTypes = [];
  interfaces({ ...schemas.sinba.root, name: 'FlussoSinba', typeName: 'FlussoType', doc: 'Root `Flusso` of SINBA.xsd.' }, sinbaTypes, seen);

  const lists = [];
  codeLists(schemas.ps.root, lists);
  const sinbaLists = [];
  codeLists(schemas.sinba.root, sinbaLists);
  for (const [key, list] of sinbaLists) {
    const existing = lists.find(([k]) => k === key);
    if (existing) {
      if (!same(existing[1], list)) throw new Error(`code list ${key} differs between the XSDs`);
    } else lists.push([key, list]);
  }

  files['types.ts'] = `${header}/**
 * The SIUSS records as TypeScript types, one interface per XSD element, with the XSD names
 * (attributes and child elements side by side: no name is both). Attribute values are strings,
 * exactly as written in the XML; enumerated attributes are unions of their codes.
 * @module
 */

${[...psTypes, ...sinbaTypes].join('\n')}`;

  files['descriptions.ts'] = `${header}/**
 * Declarative description of the two XSDs: the input of the validator, the builder and the zod
 * schemas. Element order is the XSD's \`xs:sequence\` order.
 * @module
 */
import type { ElementDescription } from '../internal/description.js';

/** Target namespace of both XSDs. */
export const SIUSS_NAMESPACE = ${JSON.stringify(schemas.ps.namespace)};

/** Root \`Flusso\` of PS_PSA_SINA201812.xsd. */
export const PS_PSA_SINA_ROOT: ElementDescription = ${lit(strip(schemas.ps.root))};

/** Root \`Flusso\` of SINBA.xsd. */
export const SINBA_ROOT: ElementDescription = ${lit(strip(schemas.sinba.root))};
`;

  files['code-lists.ts'] = `${header}/**
 * Every enumeration of the two XSDs, keyed by \`Element@Attribute\` (or \`Element/Child\` for
 * repeated coded elements) along the XSD path, with the Italian label of each code.
 * Labels: the XSD documentation, with mojibake repaired and spaces normalised; codes unchanged.
 * @module
 */

/** One code of an XSD enumeration. */
export interface CodeListEntry {
  /** The code, as the XSD writes it. */
  readonly code: string;
  /** Italian label (XSD documentation). */
  readonly label: string;
}

/**
 * The code lists of PS_PSA_SINA201812.xsd and SINBA.xsd.
 *
 * @example
 * \`\`\`ts
 * import { SIUSS_CODE_LISTS } from '@riuso-sociale/siuss-schema';
 * SIUSS_CODE_LISTS['Flusso/Beneficiario/Anagrafica@Genere']; // [{ code: '1', label: 'Maschio' }, { code: '2', label: 'Femmina' }]
 * \`\`\`
 */
export const SIUSS_CODE_LISTS = {
${lists.map(([k, l]) => `  ${JSON.stringify(k)}: ${lit(l.map(({ code, label }) => ({ code, label })), '  ')},`).join('\n')}
} as const satisfies Readonly<Record<string, readonly CodeListEntry[]>>;

/** A key of {@link SIUSS_CODE_LISTS}. */
export type SiussCodeListKey = keyof typeof SIUSS_CODE_LISTS;
`;
  return files;
}

// ---------------------------------------------------------------------------------------------

function main() {
  const args = process.argv.slice(2);
  const dirIndex = args.indexOf('--xsd-dir');
  const xsdDir = resolve(dirIndex >= 0 ? args[dirIndex + 1] : process.env.RIUSO_SHARED_DIR ? join(process.env.RIUSO_SHARED_DIR, 'data/siuss') : join(pkg, '../../../shared/data/siuss'));
  const schemas = {
    ps: readSchema(join(xsdDir, 'PS_PSA_SINA201812.xsd')),
    sinba: readSchema(join(xsdDir, 'SINBA.xsd')),
  };
  const files = render(schemas);
  let differs = false;
  for (const [name, content] of Object.entries(files)) {
    const target = join(pkg, 'src/generated', name);
    if (args.includes('--check')) {
      let current = '';
      try { current = readFileSync(target, 'utf8'); } catch { /* missing */ }
      if (current !== content) { console.error(`differs: src/generated/${name}`); differs = true; }
    } else writeFileSync(target, content);
  }
  if (args.includes('--check')) process.exit(differs ? 1 : 0);
  console.log(`generated ${Object.keys(files).length} files in src/generated`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
