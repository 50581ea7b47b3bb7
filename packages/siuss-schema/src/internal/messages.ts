// SPDX-License-Identifier: BSD-3-Clause
/**
 * Issue codes and bilingual messages of siuss-schema. Messages name the element, the attribute and
 * the line; they quote a value only when it is a code, a date or an amount, and mask codici fiscali.
 * @module
 */
import type { Issue, IssuePath, LocalizedText, Severity } from '@riuso-sociale/core';

type P = Readonly<Record<string, string | number | boolean | null>>;

const where = (p: P): LocalizedText => ({
  it: `${p.element ?? ''}${p.attribute ? `@${p.attribute}` : ''}${p.line ? ` (riga ${p.line})` : ''}`,
  en: `${p.element ?? ''}${p.attribute ? `@${p.attribute}` : ''}${p.line ? ` (line ${p.line})` : ''}`,
});
const val = (p: P): string => (p.value === null || p.value === undefined || p.value === '' ? '' : ` «${p.value}»`);

const MESSAGES = {
  // XML well-formedness and shape
  'siuss.xml.syntax': (p: P) => ({ it: `XML non ben formato alla riga ${p.line}: ${p.detail}`, en: `XML not well-formed at line ${p.line}: ${p.detail}` }),
  'siuss.xml.doctype': (p: P) => ({ it: `DOCTYPE non ammesso (riga ${p.line}): un flusso SIUSS non ha DTD né entità`, en: `DOCTYPE not allowed (line ${p.line}): a SIUSS flow has no DTD or entities` }),
  'siuss.xml.entity': (p: P) => ({ it: `Entità non definita alla riga ${p.line}: ${p.detail}`, en: `Undefined entity at line ${p.line}: ${p.detail}` }),
  'siuss.xml.char': (p: P) => ({ it: `Carattere non ammesso in XML alla riga ${p.line}`, en: `Character not allowed in XML at line ${p.line}` }),
  'siuss.xml.limit': (p: P) => ({ it: `Limite superato alla riga ${p.line}: ${p.detail}`, en: `Limit exceeded at line ${p.line}: ${p.detail}` }),
  'siuss.xml.truncated': (p: P) => ({ it: `File troncato (riga ${p.line}): ${p.detail}`, en: `Truncated file (line ${p.line}): ${p.detail}` }),
  'siuss.xml.encoding': (p: P) => {
    const at = p.column ? { it: ` alla riga ${p.line}, colonna ${p.column}`, en: ` at line ${p.line}, column ${p.column}` } : { it: '', en: '' };
    return { it: `Codifica non valida${at.it}: ${p.detail}`, en: `Invalid encoding${at.en}: ${p.detail}` };
  },
  'siuss.xml.encoding_unsupported': (p: P) => ({
    it: `Codifica «${p.encoding}» non supportata (dichiarazione XML, riga 1): ammesse UTF-8, UTF-16 (con BOM), ISO-8859-1, ISO-8859-15, windows-1252`,
    en: `Encoding «${p.encoding}» not supported (XML declaration, line 1): the supported ones are UTF-8, UTF-16 (with BOM), ISO-8859-1, ISO-8859-15 and windows-1252`,
  }),
  'siuss.size': (p: P) => ({
    it: `Documento troppo grande per l'API a documento intero (${p.length} caratteri, al massimo ${p.limit}): usare l'API in streaming (validateFlowStream, readFlowRecords)`,
    en: `Document too large for the whole-document API (${p.length} characters, at most ${p.limit}): use the streaming API (validateFlowStream, readFlowRecords)`,
  }),
  'siuss.xml.namespace': (p: P) => ({ it: `Prefisso di namespace non dichiarato: ${p.prefix} (riga ${p.line})`, en: `Undeclared namespace prefix: ${p.prefix} (line ${p.line})` }),
  'siuss.xml.root': (p: P) => ({ it: `L'elemento radice è ${p.found}: un flusso SIUSS inizia con Flusso (riga ${p.line})`, en: `The root element is ${p.found}: a SIUSS flow starts with Flusso (line ${p.line})` }),
  'siuss.xml.root_namespace': (p: P) => ({ it: `Flusso nel namespace «${p.namespace}»: serve http://inps.it/Casellario (riga ${p.line})`, en: `Flusso in namespace «${p.namespace}»: http://inps.it/Casellario is required (line ${p.line})` }),
  'siuss.xml.input': (p: P) => ({ it: `Ingresso non valido: ${p.detail}`, en: `Invalid input: ${p.detail}` }),
  // XSD
  'siuss.xsd.element_unexpected': (p: P) => ({ it: `Elemento ${p.element} non atteso dentro ${p.parent} (riga ${p.line}); attesi: ${p.expected}`, en: `Element ${p.element} not expected in ${p.parent} (line ${p.line}); expected: ${p.expected}` }),
  'siuss.xsd.element_missing': (p: P) => ({ it: `Manca l'elemento ${p.element} dentro ${p.parent} (riga ${p.line})`, en: `Element ${p.element} missing in ${p.parent} (line ${p.line})` }),
  'siuss.xsd.records_missing': (p: P) => ({ it: `Il flusso non contiene né Beneficiario né SINBA (riga ${p.line})`, en: `The flow holds neither Beneficiario nor SINBA (line ${p.line})` }),
  'siuss.xsd.attribute_unknown': (p: P) => ({ it: `Attributo ${p.attribute} non previsto in ${p.element} (riga ${p.line})`, en: `Attribute ${p.attribute} not allowed in ${p.element} (line ${p.line})` }),
  'siuss.xsd.attribute_missing': (p: P) => ({ it: `Manca l'attributo obbligatorio ${p.element}@${p.attribute} (riga ${p.line})`, en: `Required attribute ${p.element}@${p.attribute} missing (line ${p.line})` }),
  'siuss.xsd.length': (p: P) => { const w = where(p); return { it: `${w.it}: lunghezza ${p.actual}, deve essere ${p.limit}`, en: `${w.en}: length ${p.actual}, must be ${p.limit}` }; },
  'siuss.xsd.min_length': (p: P) => { const w = where(p); return { it: `${w.it}: lunghezza ${p.actual}, minimo ${p.limit}`, en: `${w.en}: length ${p.actual}, at least ${p.limit}` }; },
  'siuss.xsd.max_length': (p: P) => { const w = where(p); return { it: `${w.it}: lunghezza ${p.actual}, massimo ${p.limit}`, en: `${w.en}: length ${p.actual}, at most ${p.limit}` }; },
  'siuss.xsd.pattern': (p: P) => { const w = where(p); return { it: `${w.it}: valore${val(p)} non conforme al formato ${p.pattern}`, en: `${w.en}: value${val(p)} does not match ${p.pattern}` }; },
  'siuss.xsd.enumeration': (p: P) => { const w = where(p); return { it: `${w.it}: codice${val(p)} non ammesso (ammessi: ${p.allowed})`, en: `${w.en}: code${val(p)} not allowed (allowed: ${p.allowed})` }; },
  'siuss.xsd.date': (p: P) => { const w = where(p); return { it: `${w.it}: data${val(p)} non valida (AAAA-MM-GG)`, en: `${w.en}: invalid date${val(p)} (YYYY-MM-DD)` }; },
  'siuss.xsd.decimal': (p: P) => { const w = where(p); return { it: `${w.it}: importo${val(p)} non valido (cifre con il punto decimale, es. 101.23)`, en: `${w.en}: invalid amount${val(p)} (digits with a decimal point, e.g. 101.23)` }; },
  'siuss.xsd.int': (p: P) => { const w = where(p); return { it: `${w.it}: numero intero${val(p)} non valido`, en: `${w.en}: invalid integer${val(p)}` }; },
  'siuss.xsd.min_inclusive': (p: P) => { const w = where(p); return { it: `${w.it}: valore${val(p)} sotto il minimo ${p.limit}`, en: `${w.en}: value${val(p)} below the minimum ${p.limit}` }; },
  'siuss.xsd.max_inclusive': (p: P) => { const w = where(p); return { it: `${w.it}: valore${val(p)} sopra il massimo ${p.limit}`, en: `${w.en}: value${val(p)} above the maximum ${p.limit}` }; },
  'siuss.xsd.text_not_allowed': (p: P) => ({ it: `Testo non ammesso dentro ${p.element} (riga ${p.line})`, en: `Text not allowed in ${p.element} (line ${p.line})` }),
  'siuss.xsd.too_many_errors': (p: P) => ({ it: `Più di ${p.limit} errori: i successivi non sono elencati`, en: `More than ${p.limit} errors: the rest are not listed` }),
} as const;

/** Every issue code of the XML and XSD layers. */
export type SiussXmlIssueCode = keyof typeof MESSAGES;

/** An issue of this package (rules add their own codes). */
export type SiussIssue = Issue;

/** Builds an XML/XSD issue; `line` goes into params for every finding. */
export function siussIssue(
  code: SiussXmlIssueCode,
  params: P,
  where: { path: IssuePath; line?: number; severity?: Severity },
): SiussIssue {
  const text = MESSAGES[code](params);
  return { code, severity: where.severity ?? 'error', path: where.path, message: text.it, messageEn: text.en, params };
}
