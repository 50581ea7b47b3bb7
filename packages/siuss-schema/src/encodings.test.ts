// SPDX-License-Identifier: BSD-3-Clause
/**
 * Encodings and sizes (issue 14, points 1 and 2), in the whole-document API (`validateFlow`,
 * `parseFlow`) and the streaming API (`validateFlowStream`), fed in pieces of every size from 1 to
 * 64 bytes: the declared encodings, the line and column of a bad byte, `siuss.size`, and the limit
 * on runs of white space. xmllint's verdicts on the same files are in differential.test.ts.
 */
import { constants } from 'node:buffer';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedDir, sharedFile } from '../../../test/support/shared-dir.js';
import { buildFlow } from './build.js';
import { SiussError } from './errors.js';
import { ENCODING_ALIASES, invalidUtf8At, limits } from './internal/decode.js';
import { parseFlow } from './parse.js';
import { validateFlowStream, type FlowSource } from './stream.js';
import { psPsaSinaFlowArbitrary, sinbaFlowArbitrary } from './testing/arbitraries.js';
import { validateFlow } from './validate.js';

const NS = 'http://inps.it/Casellario';
const ENVELOPE = `<IdentificazioneFlusso Nome="H501.PS.20240131.0001">
<Ente Codice="H501" Denominazione="Comune di Città" CFOperatore="RSSMRA80A01H501U" Indirizzo="H501"/>
</IdentificazioneFlusso>`;
const record = (cognome: string, nome: string): string => `<Beneficiario CodiceFiscale="RSSMRA80A01H501U">
<Anagrafica Cognome="${cognome}" Nome="${nome}" AnnoNascita="1980" LuogoNascita="H501" Genere="1" CodiceCittadinanza="380"/>
<Indirizzo CodiceNazione="380"/>
<PrestazioniSociali PresenzaProvaMezzi="1" CodicePrestazione="A1.01" DenominazionePrestazione="Contributo economico" ProtocolloDomanda="P1" PresaCarico="1"/>
</Beneficiario>`;
const flow = (body: string, decl = ''): string => `${decl}<Flusso xmlns="${NS}">\n${ENVELOPE}\n${body}\n</Flusso>\n`;
const ACCENTED = record('Niccolò D\'Àlemà', 'Zoë Ñúñez');

const enc = new TextEncoder();

/** A string as single bytes (every character must be below U+0100 or in `extra`). */
function singleBytes(text: string, extra: Readonly<Record<string, number>> = {}): Uint8Array {
  return Uint8Array.from(text, (ch) => {
    const b = extra[ch] ?? ch.charCodeAt(0);
    if (b > 0xff) throw new Error(`${ch} has no byte`);
    return b;
  });
}

function utf16(s: string, little: boolean): Uint8Array {
  const units = [0xfeff, ...Array.from({ length: s.length }, (_, i) => s.charCodeAt(i))];
  const out = new Uint8Array(units.length * 2);
  units.forEach((u, i) => {
    out[2 * i + (little ? 0 : 1)] = u & 0xff;
    out[2 * i + (little ? 1 : 0)] = u >> 8;
  });
  return out;
}

/** The bytes in pieces whose sizes cycle through `sizes`. */
function* pieces(bytes: Uint8Array, sizes: readonly number[]): Generator<Uint8Array> {
  let k = 0;
  for (let i = 0; i < bytes.length; k++) {
    const n = sizes[k % sizes.length] as number;
    yield bytes.subarray(i, i + n);
    i += n;
  }
}

function whole(input: string | Uint8Array) {
  const v = validateFlow(input, { maxIssues: Number.MAX_SAFE_INTEGER });
  return { kind: v.kind, errors: v.errors, warnings: v.warnings, records: v.records };
}

async function streamed(source: FlowSource) {
  const v = await validateFlowStream(source, { maxIssues: Number.MAX_SAFE_INTEGER });
  return { kind: v.kind, errors: v.errors, warnings: v.warnings, records: v.records };
}

/** Whole-document and streaming verdicts agree for pieces of 1 to 64 bytes (all 64 sizes, and a mixed cycle). */
async function expectSameEverywhere(bytes: Uint8Array): Promise<ReturnType<typeof whole>> {
  const expected = whole(bytes);
  for (let size = 1; size <= 64; size++) expect(await streamed(pieces(bytes, [size])), `pieces of ${size}`).toEqual(expected);
  expect(await streamed(pieces(bytes, [1, 7, 2, 64, 3, 13, 5, 31]))).toEqual(expected);
  return expected;
}

describe('declared encodings (XML 1.0 §4.3.3)', () => {
  const text = flow(ACCENTED);
  const expected = parseFlow(text);
  const latin1Decl = '<?xml version="1.0" encoding="ISO-8859-1"?>\n';

  it('Latin-1 with accented names reads like its UTF-8 twin (whole and streaming, pieces of 1–64 bytes)', async () => {
    const latin1 = singleBytes(flow(ACCENTED, latin1Decl));
    expect(parseFlow(latin1)).toEqual(expected);
    expect(parseFlow(enc.encode(flow(ACCENTED, '<?xml version="1.0" encoding="UTF-8"?>\n')))).toEqual(expected);
    const v = await expectSameEverywhere(latin1);
    expect(v.errors).toEqual([]);
  });

  it('windows-1252, ISO-8859-15 and UTF-16 (BOM, both byte orders) too', async () => {
    const euro = flow(record('Šimić Œuvre', 'Žoë €'));
    const want = parseFlow(euro);
    const cp1252 = singleBytes(flow(record('Šimić Œuvre', 'Žoë €'), '<?xml version="1.0" encoding="windows-1252"?>\n').replace('ć', 'c'), { Š: 0x8a, Œ: 0x8c, Ž: 0x8e, '€': 0x80 });
    expect(parseFlow(cp1252)).toEqual(parseFlow(euro.replace('ć', 'c')));
    const latin9 = singleBytes(flow(record('Šimi Œuvre', 'Žoë €'), '<?xml version="1.0" encoding="ISO-8859-15"?>\n'), { Š: 0xa6, Œ: 0xbc, Ž: 0xb4, '€': 0xa4 });
    expect(parseFlow(latin9)).toEqual(parseFlow(flow(record('Šimi Œuvre', 'Žoë €'))));
    for (const little of [true, false]) {
      const bytes = utf16(flow(record('Šimić Œuvre 😀', 'Žoë €'), '<?xml version="1.0" encoding="UTF-16"?>\n'), little);
      expect(parseFlow(bytes)).toEqual(want.kind === 'PS_PSA_SINA' ? parseFlow(flow(record('Šimić Œuvre 😀', 'Žoë €'))) : want);
      await expectSameEverywhere(bytes);
    }
    await expectSameEverywhere(cp1252);
    await expectSameEverywhere(latin9);
  });

  it('names are case-insensitive, with the IANA aliases', () => {
    for (const name of ['latin1', 'LATIN1', 'ISO_8859-1', 'iso-ir-100', 'l1', 'IBM819', 'CP819', 'csISOLatin1', 'iso-8859-1']) {
      expect(parseFlow(singleBytes(flow(ACCENTED, `<?xml version="1.0" encoding="${name}"?>\n`))), name).toEqual(expected);
    }
    for (const name of ['cp1252', 'Windows-1252', 'cswindows1252', 'Latin-9', 'ISO_8859-15', 'csISO885915', 'utf8', 'UTF-8', 'csUTF8']) {
      expect(parseFlow(singleBytes(flow(ACCENTED, `<?xml version="1.0" encoding="${name}"?>\n`).replace(/[^\x00-\x7f]/g, 'e'))).kind, name).toBe('PS_PSA_SINA');
    }
    expect(Object.keys(ENCODING_ALIASES).every((k) => k === k.toLowerCase())).toBe(true);
  });

  it('ISO-8859-1 is byte for byte: 0x80–0x9F are C1 controls (XML 1.0 Char allows them; xmllint accepts them)', () => {
    const bytes = singleBytes(flow(record('Rossi\u0085\u0081', 'Mario'), latin1Decl));
    const parsed = parseFlow(bytes) as unknown as { Beneficiario: { Anagrafica: { Cognome: string } }[] };
    expect(parsed.Beneficiario[0]?.Anagrafica.Cognome).toBe('Rossi\u0085\u0081');
    // windows-1252 would have made 0x80 a euro sign.
    const cp = parseFlow(singleBytes(flow(record('Rossi\u0080', 'Mario'), '<?xml version="1.0" encoding="cp1252"?>\n'))) as unknown as typeof parsed;
    expect(cp.Beneficiario[0]?.Anagrafica.Cognome).toBe('Rossi€');
  });

  it("windows-1252's undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) are encoding errors, as for xmllint, at their line and column", async () => {
    for (const b of [0x81, 0x8d, 0x8f, 0x90, 0x9d]) {
      const bytes = singleBytes(flow(record(`Ross${String.fromCharCode(b)}`, 'Mario'), '<?xml version="1.0" encoding="windows-1252"?>\n'));
      const v = await expectSameEverywhere(bytes);
      expect(v.errors.map((e) => [e.code, e.params?.line, e.params?.column])).toEqual([['siuss.xml.encoding', 7, 26]]);
    }
  });

  it('a declared encoding we do not decode is a typed error naming it, in both APIs', async () => {
    for (const name of ['EBCDIC-US', 'KOI8-R', 'ISO-8859-2', 'Shift_JIS']) {
      const bytes = enc.encode(flow(record('Rossi', 'Mario'), `<?xml version="1.0" encoding="${name}"?>\n`));
      const v = await expectSameEverywhere(bytes);
      expect(v.errors).toHaveLength(1);
      expect(v.errors[0]?.code).toBe('siuss.xml.encoding_unsupported');
      expect(v.errors[0]?.params?.encoding).toBe(name);
      expect(v.errors[0]?.message).toContain(name);
      expect(v.errors[0]?.messageEn).toContain(name);
      expect(() => parseFlow(bytes)).toThrow(SiussError);
    }
  });

  it('a UTF-16 declaration on bytes that are not UTF-16 (no BOM) is an encoding error at line 1, as for xmllint', async () => {
    for (const name of ['UTF-16', 'utf-16le', 'UTF-16BE', 'csUTF16']) {
      const bytes = enc.encode(flow(record('Rossi', 'Mario'), `<?xml version="1.0" encoding="${name}"?>\n`));
      const v = await expectSameEverywhere(bytes);
      expect(v.errors.map((e) => [e.code, e.params?.line, e.params?.column])).toEqual([['siuss.xml.encoding', 1, 1]]);
      expect(v.errors[0]?.messageEn).toContain('not UTF-16');
      expect(() => parseFlow(bytes)).toThrow(SiussError);
    }
  });

  it('no declaration and no BOM: UTF-8 (so Latin-1 bytes without a declaration are an encoding error)', async () => {
    const bytes = singleBytes(flow(ACCENTED));
    const v = await expectSameEverywhere(bytes);
    expect(v.errors.map((e) => e.code)).toEqual(['siuss.xml.encoding']);
  });
});

describe('encoding errors name the real line and column, in both APIs', () => {
  it('an invalid UTF-8 sequence deep in the file', async () => {
    const body = Array.from({ length: 40 }, () => record('Rossi', 'Mario')).join('\n');
    const text = flow(body);
    const at = text.indexOf('Mario', 20_000) + 2; // inside a name, far from the start
    const line = text.slice(0, at).split('\n').length;
    const column = at - text.lastIndexOf('\n', at - 1);
    for (const bad of [[0xc3, 0x28], [0xc0, 0xaf], [0x80], [0xff], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82, 0x41]]) {
      const bytes = new Uint8Array([...enc.encode(text.slice(0, at)), ...bad, ...enc.encode(text.slice(at))]);
      const v = await expectSameEverywhere(bytes);
      expect(v.errors.map((e) => [e.code, e.params?.line, e.params?.column]), JSON.stringify(bad)).toEqual([['siuss.xml.encoding', line, column]]);
      expect(v.errors[0]?.message).toContain(`riga ${line}, colonna ${column}`);
      // Streaming in 64 KB pieces (the default) and in one piece: the same.
      expect(await streamed([bytes])).toEqual(v);
    }
  });

  it('an error earlier in the document wins, in both APIs', async () => {
    const text = flow(record('Rossi', 'Mario').replace('</Beneficiario>', '</Beneficiari>'));
    const bytes = new Uint8Array([...enc.encode(text), 0xff]);
    const v = await expectSameEverywhere(bytes);
    expect(v.errors.map((e) => e.code)).toEqual(['siuss.xml.syntax']);
  });

  it('a truncated multi-byte character at the end', async () => {
    const bytes = enc.encode(flow(record('Rossi', 'Mario'))).slice();
    const v = await expectSameEverywhere(new Uint8Array([...bytes, 0xe2, 0x82]));
    expect(v.errors.map((e) => [e.code, e.params?.line])).toEqual([['siuss.xml.encoding', 11]]);
  });

  it('invalidUtf8At agrees with TextDecoder on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
      let ok = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        ok = false;
      }
      expect(invalidUtf8At(bytes, true) === -1).toBe(ok);
    }), { numRuns: 5000, seed: 14 });
  });
});

describe('every input of the conformance suite: the same findings whole and in pieces of 1 to 64 bytes', () => {
  it('generated flows (both kinds, lexical variants), as UTF-8 and as Latin-1 where they fit', async () => {
    const flows = [
      ...fc.sample(psPsaSinaFlowArbitrary({ maxRecords: 2 }), { numRuns: 8, seed: 20241 }),
      ...fc.sample(psPsaSinaFlowArbitrary({ maxRecords: 2, lexicalVariants: true }), { numRuns: 8, seed: 20242 }),
      ...fc.sample(sinbaFlowArbitrary({ maxRecords: 2 }), { numRuns: 8, seed: 20243 }),
      ...fc.sample(sinbaFlowArbitrary({ maxRecords: 2, lexicalVariants: true }), { numRuns: 8, seed: 20244 }),
    ];
    let latin = 0;
    for (const f of flows) {
      const xml = buildFlow(f);
      const bytes = enc.encode(xml);
      const want = await expectSameEverywhere(bytes);
      expect(want.errors).toEqual([]);
      // Broken variants: cut in the middle, and a bad byte in the middle.
      await expectSameEverywhere(bytes.subarray(0, bytes.length >> 1));
      await expectSameEverywhere(new Uint8Array([...bytes.subarray(0, bytes.length >> 1), 0xff, ...bytes.subarray(bytes.length >> 1)]));
      const body = xml.replace(/^<\?xml[^>]*\?>\n?/, '');
      if (/^[\u0000-\u00ff]*$/.test(body)) {
        latin++;
        const l1 = singleBytes(`<?xml version="1.0" encoding="ISO-8859-1"?>\n${body}`);
        expect(await expectSameEverywhere(l1)).toEqual(whole(bytes));
      }
    }
    expect(latin).toBeGreaterThan(0);
  }, 120_000);

  it.skipIf(sharedDir() === null)('the INPS samples', async () => {
    for (const name of ['inps-waas-ps_psa_sina-rossi.xml', 'inps-waas-ps_psa_sina-multi-prestazioni.xml', 'inps-waas-sinba.xml']) {
      await expectSameEverywhere(new Uint8Array(readFileSync(sharedFile('data', 'siuss', 'samples', name))));
    }
  }, 120_000);
});

describe('sizes (issue 14, point 2)', () => {
  it('the default limit is Node\'s buffer.constants.MAX_STRING_LENGTH', () => {
    expect(limits.maxStringLength).toBe(constants.MAX_STRING_LENGTH);
  });

  it('the whole-document API refuses input it cannot hold with siuss.size, pointing to the streaming API; streaming reads it', async () => {
    const saved = limits.maxStringLength;
    const text = flow(record('Rossi', 'Mario'));
    try {
      limits.maxStringLength = 200; // the input is a few hundred characters: no 512 MB allocation
      for (const bytes of [enc.encode(text), singleBytes(`<?xml version="1.0" encoding="latin1"?>\n${text}`), utf16(text, true)]) {
        const v = validateFlow(bytes);
        expect(v.errors.map((e) => e.code)).toEqual(['siuss.size']);
        expect(v.errors[0]?.messageEn).toContain('streaming API');
        expect(v.errors[0]?.message).toContain('streaming');
        let thrown: unknown;
        try {
          parseFlow(bytes);
        } catch (e) {
          thrown = e;
        }
        expect(thrown).toBeInstanceOf(SiussError);
        expect((thrown as SiussError).code).toBe('siuss.size');
        expect((await streamed([bytes])).errors).toEqual([]);
      }
      // UTF-8 longer in bytes than the limit but not in characters: read.
      const accented = enc.encode(flow(record('Àèìòù'.repeat(6), 'Mario')));
      limits.maxStringLength = accented.length - 20; // 30 characters of 2 bytes each
      expect(validateFlow(accented).errors).toEqual([]);
    } finally {
      limits.maxStringLength = saved;
    }
  });

  it('white space between elements counts against the 10 MiB limit (both APIs); 9 MB of it is fine', async () => {
    const big = flow(record('Rossi', 'Mario').replace('<Indirizzo', `${' \n\t'.repeat(3.7 * 1024 * 1024)}<Indirizzo`));
    const v = whole(big);
    expect(v.errors.map((e) => [e.code, e.params?.line])).toEqual([['siuss.xml.limit', 6]]); // the run starts at the end of the Anagrafica line
    expect(await streamed(pieces(enc.encode(big), [65536]))).toEqual(v);
    expect(await streamed(pieces(enc.encode(big), [1000]))).toEqual(v);
    const ok = flow(record('Rossi', 'Mario').replace('<Indirizzo', `${' '.repeat(9 * 1000 * 1000)}<Indirizzo`));
    expect(whole(ok).errors).toEqual([]);
    expect((await streamed([enc.encode(ok)])).errors).toEqual([]);
    // Outside the root element too.
    expect(whole(`${flow(record('Rossi', 'Mario'))}${' '.repeat(11 * 1024 * 1024)}`).errors.map((e) => e.code)).toEqual(['siuss.xml.limit']);
  });
});
