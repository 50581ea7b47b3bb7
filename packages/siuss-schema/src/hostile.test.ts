// SPDX-License-Identifier: BSD-3-Clause
/**
 * Hostile input: every case ends in a typed `SiussError` (or, for validateFlow, in `errors`) — never a
 * crash, a hang, an entity expansion, a file read or prototype pollution. Each has a generous time
 * bound (a hang guard, not a performance assertion).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedDir, sharedFile } from '../../../test/support/shared-dir.js';
import { buildFlow } from './build.js';
import { SiussError } from './errors.js';
import type { SiussFlow } from './model.js';
import { parseFlow } from './parse.js';
import { validateFlow } from './validate.js';

const HANG_GUARD_MS = 10_000;

const NS = 'http://inps.it/Casellario';
const ENVELOPE = `<IdentificazioneFlusso Nome="H501.PS.20240131.0001">
<Ente Codice="H501" Denominazione="Comune di Roma" CFOperatore="RSSMRA80A01H501U" Indirizzo="H501"/>
</IdentificazioneFlusso>`;
const record = (anagrafica = 'Cognome="Rossi" Nome="Mario"', inside = ''): string => `<Beneficiario CodiceFiscale="RSSMRA80A01H501U">
<Anagrafica ${anagrafica} AnnoNascita="1980" LuogoNascita="H501" Genere="1" CodiceCittadinanza="380"/>
<Indirizzo CodiceNazione="380"/>
<PrestazioniSociali PresenzaProvaMezzi="1" CodicePrestazione="A1.01" DenominazionePrestazione="Contributo economico" ProtocolloDomanda="P1" PresaCarico="1"/>${inside}
</Beneficiario>`;
const flow = (body = record(), prolog = ''): string => `${prolog}<Flusso xmlns="${NS}">\n${ENVELOPE}\n${body}\n</Flusso>\n`;
const VALID = flow();

/** Runs `fn`, which must throw a SiussError with one of `codes`, within the hang guard. */
function expectTyped(fn: () => unknown, codes: string | readonly string[]): SiussError {
  const started = performance.now();
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  const elapsed = performance.now() - started;
  expect(elapsed).toBeLessThan(HANG_GUARD_MS);
  expect(thrown).toBeInstanceOf(SiussError);
  const error = thrown as SiussError;
  expect(typeof codes === 'string' ? [codes] : codes).toContain(error.code);
  return error;
}

/** parseFlow throws a typed error with one of `codes`, and validateFlow reports it without throwing. */
function expectRejected(input: string | Uint8Array, codes: string | readonly string[]): SiussError {
  const error = expectTyped(() => parseFlow(input), codes);
  const started = performance.now();
  const { errors } = validateFlow(input);
  expect(performance.now() - started).toBeLessThan(HANG_GUARD_MS);
  expect(errors.map((e) => e.code)).toContain(error.code);
  return error;
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
function utf16(s: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const units = [...(bom ? [0xfeff] : []), ...Array.from({ length: s.length }, (_, i) => s.charCodeAt(i))];
  const out = new Uint8Array(units.length * 2);
  units.forEach((u, i) => {
    out[2 * i + (endian === 'le' ? 0 : 1)] = u & 0xff;
    out[2 * i + (endian === 'le' ? 1 : 0)] = u >> 8;
  });
  return out;
}

describe('DTDs and entities: refused, never expanded or fetched', () => {
  it('billion laughs', () => {
    const lol = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`)];
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE Flusso [\n${lol.join('\n')}\n]>\n<Flusso xmlns="${NS}">&lol9;</Flusso>`;
    const e = expectRejected(xml, 'siuss.xml.doctype');
    expect(e.issues[0].params?.line).toBe(2);
    expectRejected(utf8(xml), 'siuss.xml.doctype');
  });

  it('quadratic blow-up (one large entity referenced many times)', () => {
    const xml = `<!DOCTYPE Flusso [<!ENTITY a "${'a'.repeat(100_000)}">]><Flusso xmlns="${NS}" x="${'&a;'.repeat(50_000)}"/>`;
    expectRejected(xml, 'siuss.xml.doctype');
  });

  it('external entity, external DTD, parameter entities', () => {
    const cases = [
      `<?xml version="1.0"?><!DOCTYPE Flusso [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Flusso xmlns="${NS}">&xxe;</Flusso>`,
      `<!DOCTYPE Flusso SYSTEM "http://127.0.0.1:1/evil.dtd"><Flusso xmlns="${NS}"/>`,
      `<!DOCTYPE Flusso PUBLIC "-//X//Y" "file:///etc/passwd"><Flusso xmlns="${NS}"/>`,
      `<!DOCTYPE Flusso [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><Flusso xmlns="${NS}"/>`,
      `<!DOCTYPE Flusso [<!ENTITY % a "<!ENTITY b 'x'>"> %a;]><Flusso xmlns="${NS}">&b;</Flusso>`,
      flow(record(), '<!DOCTYPE Flusso>\n'),
    ];
    for (const xml of cases) {
      const e = expectRejected(xml, 'siuss.xml.doctype');
      expect(JSON.stringify(e.issues)).not.toMatch(/root:|passwd/);
    }
  });

  it('entity references without a DTD: undefined, no file is read', () => {
    expectRejected(flow(record('Cognome="&xxe;" Nome="Mario"')), 'siuss.xml.entity');
    expectRejected(flow(record('Cognome="&nbsp;" Nome="Mario"')), 'siuss.xml.entity');
    expectRejected(flow(record('Cognome="Rossi &amp Figli" Nome="Mario"')), ['siuss.xml.syntax', 'siuss.xml.entity']);
    expectRejected(flow(record('Cognome="Rossi & Figli" Nome="Mario"')), 'siuss.xml.syntax');
  });
});

describe('prototype pollution', () => {
  const NAMES = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'];

  it('as element and attribute names: errors, and nothing polluted', () => {
    for (const name of NAMES) {
      expectRejected(flow(record(`Cognome="Rossi" Nome="Mario" ${name}="x"`)), 'siuss.xsd.attribute_unknown');
      expectRejected(flow(record(undefined, `\n<${name} polluted="yes"><${name}/></${name}>`)), 'siuss.xsd.element_unexpected');
      expectRejected(`<${name} xmlns="${NS}" polluted="yes"/>`, 'siuss.xml.root');
      expectRejected(`<Flusso xmlns="${NS}" ${name}="1">\n${ENVELOPE}\n${record()}\n</Flusso>`, 'siuss.xsd.attribute_unknown');
      expectRejected(`<Flusso xmlns:${name}="urn:x" xmlns="${NS}">\n${ENVELOPE}\n${record()}\n<${name}:x/></Flusso>`, 'siuss.xsd.element_unexpected');
      const { errors } = validateFlow(flow(record(`Cognome="Rossi" Nome="Mario" ${name}="x"`, `\n<${name}/>`)));
      expect(errors.map((e) => e.code).sort()).toEqual(['siuss.xsd.attribute_unknown', 'siuss.xsd.element_unexpected']);
      expect(errors.every((e) => Object.getPrototypeOf(e) === Object.prototype)).toBe(true);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('x');
  });

  it('as values: kept as plain strings', () => {
    const parsed = parseFlow(flow(record('Cognome="__proto__" Nome="constructor"')));
    const beneficiario = parsed.kind === 'PS_PSA_SINA' ? parsed.Beneficiario[0] : undefined;
    expect(beneficiario?.Anagrafica.Cognome).toBe('__proto__');
    expect(beneficiario?.Anagrafica.Nome).toBe('constructor');
    expect(Object.getPrototypeOf(beneficiario?.Anagrafica)).toBe(Object.prototype);
  });

  it('as own keys of a flow object (JSON.parse): refused by buildFlow and validateFlow', () => {
    const good = parseFlow(VALID);
    const hostile = JSON.parse(JSON.stringify(good).replace('"Cognome":"Rossi"', '"Cognome":"Rossi","__proto__":{"polluted":"yes"}')) as SiussFlow;
    expectTyped(() => buildFlow(hostile), 'siuss.model.unknown_property');
    expect(validateFlow(hostile).errors.map((e) => e.code)).toContain('siuss.model.unknown_property');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('sizes and limits', () => {
  it('elements nested 10,000 levels deep', () => {
    const deep = (n: number, name: string): string => `${`<${name}>`.repeat(n)}${`</${name}>`.repeat(n)}`;
    expectRejected(`<Flusso xmlns="${NS}">${deep(10_000, 'a')}</Flusso>`, 'siuss.xml.limit');
    expectRejected(flow(record(undefined, deep(10_000, 'PrestazioniSociali'))), 'siuss.xml.limit');
    expectRejected(`${'<Flusso>'.repeat(10_000)}`, ['siuss.xml.limit', 'siuss.xml.root_namespace']);
  });

  it('a 100 MB attribute value (string input)', () => {
    const xml = flow(record(`Cognome="${'x'.repeat(100 * 1024 * 1024)}" Nome="Mario"`));
    const e = expectTyped(() => parseFlow(xml), ['siuss.xsd.max_length', 'siuss.xml.limit']);
    expect(e.message.length).toBeLessThan(500);
  });

  it('a 100 MB attribute value, through validateFlow (XSD and business rules)', () => {
    const xml = flow(record(`Cognome="${'x'.repeat(100 * 1024 * 1024)}" Nome="Mario"`));
    const started = performance.now();
    const { errors } = validateFlow(xml);
    expect(performance.now() - started).toBeLessThan(HANG_GUARD_MS);
    expect(errors.map((e) => e.code)).toEqual(expect.arrayContaining([expect.stringMatching(/^siuss\.(xsd\.max_length|xml\.limit)$/)]));
  });

  it('100,000 attributes', () => {
    const attrs = Array.from({ length: 100_000 }, (_, i) => `a${i}="${i}"`).join(' ');
    expectRejected(flow(record(`Cognome="Rossi" Nome="Mario" ${attrs}`)), 'siuss.xml.limit');
  });

  it('a million character references in one value: linear', () => {
    expectRejected(flow(record(`Cognome="${'&#x41;'.repeat(1_000_000)}" Nome="Mario"`)), 'siuss.xsd.max_length');
  });

  it('comments, PIs and CDATA sections over 10 MiB are refused (as libxml2 does); a 9 MB comment is skipped', () => {
    const started = performance.now();
    expect(parseFlow(flow(record(), `<!--${'-x'.repeat(4.5 * 1024 * 1024)}-->\n`)).kind).toBe('PS_PSA_SINA');
    expect(performance.now() - started).toBeLessThan(HANG_GUARD_MS);
    expectRejected(flow(record(), `<!--${'x'.repeat(20 * 1024 * 1024)}-->\n`), 'siuss.xml.limit');
    expectRejected(flow(record(), `<?pi ${'x'.repeat(20 * 1024 * 1024)}?>\n`), 'siuss.xml.limit');
    expectRejected(flow(record(undefined, `<![CDATA[${' '.repeat(20 * 1024 * 1024)}]]>`)), 'siuss.xml.limit');
    expectRejected(`${flow()}${'y'.repeat(20 * 1024 * 1024)}`, 'siuss.xml.syntax');
  });

  it('200,000 unknown elements: the number of findings is capped', () => {
    const { errors } = validateFlow(flow(record(undefined, '<X/>'.repeat(200_000))));
    expect(errors.length).toBeLessThanOrEqual(1001);
    expect(errors.filter((e) => e.code === 'siuss.xsd.too_many_errors')).toHaveLength(1);
  });
});

describe('truncated files', () => {
  it('a built flow cut at every byte offset (UTF-8 with accents)', () => {
    const bytes = utf8(flow(record('Cognome="Niccolò D’Angelo" Nome="Zoë"')));
    checkEveryCut(bytes);
  });

  describe.skipIf(sharedDir() === null)('the INPS samples', () => {
    it('cut at every byte offset', () => {
      for (const name of ['inps-waas-ps_psa_sina-rossi.xml', 'inps-waas-sinba.xml']) {
        checkEveryCut(new Uint8Array(readFileSync(sharedFile('data', 'siuss', 'samples', name))));
      }
    });
  });

  function checkEveryCut(bytes: Uint8Array): void {
    const started = performance.now();
    const whole = new TextDecoder().decode(bytes).trimEnd();
    expect(() => parseFlow(bytes)).not.toThrow();
    let rejected = 0;
    for (let i = 0; i < bytes.length; i++) {
      const prefix = bytes.subarray(0, i);
      let decoded: string | null = null;
      try {
        decoded = new TextDecoder('utf-8', { fatal: true }).decode(prefix);
      } catch {
        decoded = null;
      }
      if (decoded !== null && decoded.trimEnd() === whole) continue; // only trailing white space is missing
      let thrown: unknown;
      try {
        parseFlow(prefix);
      } catch (e) {
        thrown = e;
      }
      if (!(thrown instanceof SiussError)) throw new Error(`cut at ${i}: ${thrown === undefined ? 'accepted' : String(thrown)}`);
      expect(thrown.code).toMatch(/^siuss\.(xml|xsd)\./);
      rejected++;
    }
    expect(rejected).toBeGreaterThan(bytes.length - 5);
    expect(performance.now() - started).toBeLessThan(HANG_GUARD_MS);
  }
});

describe('encodings', () => {
  it('invalid UTF-8 byte sequences', () => {
    const [before, after] = VALID.split('Rossi') as [string, string];
    for (const bad of [[0xc3, 0x28], [0xc0, 0xaf], [0x80], [0xff], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]]) {
      const bytes = new Uint8Array([...utf8(before), ...bad, ...utf8(after)]);
      expectRejected(bytes, 'siuss.xml.encoding');
    }
  });

  it('UTF-16 with a BOM (both byte orders) reads like UTF-8; without a BOM it is refused', () => {
    const text = flow(record('Cognome="Niccolò" Nome="Zoë 😀"'));
    const expected = parseFlow(text);
    expect(parseFlow(utf16(text, 'le', true))).toEqual(expected);
    expect(parseFlow(utf16(text, 'be', true))).toEqual(expected);
    expect(parseFlow(utf16(`<?xml version="1.0" encoding="UTF-16"?>\n${text}`, 'le', true))).toEqual(expected);
    expectRejected(utf16(text, 'le', false), ['siuss.xml.syntax', 'siuss.xml.char', 'siuss.xml.encoding']);
    expectRejected(utf16(text, 'be', false), ['siuss.xml.syntax', 'siuss.xml.char', 'siuss.xml.encoding']);
    expectRejected(utf16(text, 'le', true).subarray(0, 101), ['siuss.xml.encoding', 'siuss.xml.truncated']);
  });

  it('BOM + UTF-8, and a string that starts with U+FEFF', () => {
    const expected = parseFlow(VALID);
    expect(parseFlow(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(VALID)]))).toEqual(expected);
    expect(parseFlow(`\uFEFF${VALID}`)).toEqual(expected);
    expectRejected(`\uFEFF\uFEFF${VALID}`, 'siuss.xml.syntax');
  });

  it('encoding declarations we do not decode are refused, naming the encoding (encodings.test.ts has the rest)', () => {
    expect(parseFlow(`<?xml version="1.0" encoding="ISO-8859-1"?>\n${VALID}`).kind).toBe('PS_PSA_SINA');
    expect(expectRejected(`<?xml version="1.0" encoding="EBCDIC-US"?>\n${VALID}`, 'siuss.xml.encoding_unsupported').issues[0].params?.encoding).toBe('EBCDIC-US');
    expectRejected(utf8(`<?xml version="1.0" encoding="EBCDIC-US"?>\n${VALID}`), 'siuss.xml.encoding_unsupported');
  });
});

describe('line ends and line numbers', () => {
  const bad = flow(record('Cognome="Rossi" Nome="Mario" Genere2="1"')); // the Anagrafica line
  const lineOf = (xml: string): unknown => {
    try {
      parseFlow(xml);
    } catch (e) {
      return (e as SiussError).issues[0].params?.line;
    }
    return null;
  };

  it('CRLF and CR line ends: lines counted as with LF, values read the same', () => {
    const line = bad.split('\n').findIndex((l) => l.includes('Genere2')) + 1;
    expect(line).toBe(6);
    expect(lineOf(bad)).toBe(line);
    expect(lineOf(bad.replace(/\n/g, '\r\n'))).toBe(line);
    expect(lineOf(bad.replace(/\n/g, '\r'))).toBe(line);
    expect(parseFlow(VALID.replace(/\n/g, '\r\n'))).toEqual(parseFlow(VALID));
    expect(parseFlow(utf8(VALID.replace(/\n/g, '\r\n')))).toEqual(parseFlow(VALID));
  });

  it('a CRLF inside an attribute value is one space; &#13;&#10; is kept', () => {
    const read = (cognome: string): string | undefined => {
      const f = parseFlow(flow(record(`Cognome="${cognome}" Nome="Mario"`)));
      return f.kind === 'PS_PSA_SINA' ? f.Beneficiario[0]?.Anagrafica.Cognome : undefined;
    };
    expect(read('De\r\nRossi')).toBe('De Rossi');
    expect(read('De\rRossi')).toBe('De Rossi');
    expect(read('De&#13;&#10;Rossi')).toBe('De\r\nRossi');
  });

  it('the line of a syntax error after CRLF lines', () => {
    const xml = flow(record('Cognome="Rossi" Nome="Mario" Cognome="Bis"')).replace(/\n/g, '\r\n');
    const e = expectTyped(() => parseFlow(xml), 'siuss.xml.syntax');
    expect(e.issues[0].params?.line).toBe(6);
  });
});

describe('characters and references', () => {
  it('character references with leading zeros are valid', () => {
    const f = parseFlow(flow(record(`Cognome="&#x${'0'.repeat(40)}52;&#0000000111;ssi" Nome="Mario"`)));
    expect(f.kind === 'PS_PSA_SINA' ? f.Beneficiario[0]?.Anagrafica.Cognome : undefined).toBe('Rossi');
  });

  it('&#0;, surrogates, out-of-range and control characters', () => {
    for (const ref of ['&#0;', '&#x0;', '&#xD800;', '&#xDFFF;', '&#x110000;', '&#xFFFE;', '&#xFFFF;', '&#1;', '&#x1F;']) {
      expectRejected(flow(record(`Cognome="Rossi${ref}" Nome="Mario"`)), 'siuss.xml.char');
    }
    for (const ref of ['&#99999999;', '&#x;', '&#;', '&#-1;', '&#x12G;']) {
      expectRejected(flow(record(`Cognome="Rossi${ref}" Nome="Mario"`)), ['siuss.xml.syntax', 'siuss.xml.char']);
    }
    for (const raw of ['\u0000', '\u0001', '\u001f', '\uFFFE', '\uD800', '\uDC00x']) {
      expectRejected(flow(record(`Cognome="Ros${raw}si" Nome="Mario"`)), 'siuss.xml.char');
    }
  });
});

describe('document shape', () => {
  it('text outside the root, two roots, wrong root, wrong or no namespace, empty input', () => {
    expectRejected(`${VALID}testo`, 'siuss.xml.syntax');
    expectRejected(`testo${VALID}`, 'siuss.xml.syntax');
    expectRejected(`${VALID}${VALID}`, 'siuss.xml.syntax');
    expectRejected(`${VALID}<Flusso xmlns="${NS}"/>`, 'siuss.xml.syntax');
    expectRejected(VALID.replace(/Flusso/g, 'Flussi'), 'siuss.xml.root');
    expectRejected(VALID.replace(NS, 'http://inps.it/casellario'), 'siuss.xml.root_namespace');
    expectRejected(VALID.replace(` xmlns="${NS}"`, ''), 'siuss.xml.root_namespace');
    expectRejected(VALID.replace(`<Flusso xmlns="${NS}">`, `<c:Flusso xmlns="${NS}">`), 'siuss.xml.namespace');
    expectRejected(VALID.replace(/Flusso/g, ':Flusso'), 'siuss.xml.syntax');
    expectRejected(VALID.replace(`<Flusso xmlns="${NS}">`, `<Flusso xmlns="${NS}" xmlns:1a="urn:x">`), 'siuss.xml.syntax');
    expectRejected(VALID.replace(`<Flusso xmlns="${NS}">`, `<Flusso xmlns="${NS}" xmlns:xml="urn:x">`), 'siuss.xml.syntax');
    expectRejected('', 'siuss.xml.syntax');
    expectRejected('   \n', ['siuss.xml.syntax', 'siuss.xml.truncated']);
    expectRejected(`\u00a0${VALID}`, 'siuss.xml.syntax');
    expectRejected(`${VALID}\u3000`, 'siuss.xml.syntax');
    expectRejected(new Uint8Array(0), 'siuss.xml.syntax');
    expectRejected('<!-- solo un commento -->', ['siuss.xml.syntax', 'siuss.xml.truncated']);
    expectTyped(() => parseFlow(null as unknown as string), 'siuss.xml.input');
    expectTyped(() => parseFlow(42 as unknown as string), 'siuss.xml.input');
  });
});

describe('very large flows', () => {
  it('builds and re-validates a flow of 30 000 beneficiaries without overflowing the stack', () => {
    const one = parseFlow(VALID);
    if (one.kind !== 'PS_PSA_SINA') throw new Error('expected PS_PSA_SINA');
    const first = one.Beneficiario[0];
    if (!first) throw new Error('expected a beneficiary');
    const big: SiussFlow = { ...one, Beneficiario: Array.from({ length: 30_000 }, () => first) };
    const xml = buildFlow(big);
    expect(xml.length).toBeGreaterThan(30_000 * 300);
    const { errors } = validateFlow(xml);
    expect(errors).toEqual([]);
    expect(validateFlow(big).errors).toEqual([]);
  });
});
