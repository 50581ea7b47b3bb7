// SPDX-License-Identifier: BSD-3-Clause
/**
 * The fast paths of the reader and the engine (added for the streaming benchmark) must never change
 * a verdict: the engine's quick "certainly valid" check may only say yes where `checkSimpleType`
 * says valid (on a whole string or on a range of a larger one), the reader's one-pass start tags
 * give the same events as the general path, and the allocation-free path of streaming (`read` +
 * `take`, values as ranges of the reader's buffer, attributes by name id) finds exactly what the
 * event path (`next` + `handle`, the one differential.test.ts holds to xmllint) finds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PS_PSA_SINA_ROOT, SINBA_ROOT } from '../generated/descriptions.js';
import type { ElementDescription, SimpleTypeDescription } from './description.js';
import { FlowEngine, certainlyValid, type EngineSink } from './engine.js';
import { failureIssue } from './run.js';
import { checkSimpleType } from './simple-types.js';
import { NO_EVENT, XmlReader, type XmlEvent } from './xml-reader.js';

const types: SimpleTypeDescription[] = [];
const walk = (d: ElementDescription): void => {
  for (const a of d.attributes) types.push(a.type);
  if (d.text !== undefined) types.push(d.text);
  d.children.forEach(walk);
};
walk(PS_PSA_SINA_ROOT);
walk(SINBA_ROOT);

/** Values near the shapes the quick check recognises, and plain noise. */
const value = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'0123456789.-+/: \tA𝟘١e'.split('')), maxLength: 30 }),
  fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => `${a}.${b}`),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 25 }),
);

describe('engine fast path', () => {
  it('"certainly valid" implies valid for every simple type of the two XSDs', () => {
    fc.assert(fc.property(fc.constantFrom(...types), value, (type, v) => {
      if (certainlyValid(type, v)) expect(checkSimpleType(v, type)).toBeNull();
    }), { numRuns: 20_000 });
  });
  it('"certainly valid" on a range of a larger string implies valid for the range alone', () => {
    const around = fc.string({ unit: fc.constantFrom(...'0123456789 "\'=<>&-.aZ😀'.split('')), maxLength: 6 });
    fc.assert(fc.property(fc.constantFrom(...types), value, around, around, (type, v, before, after) => {
      if (certainlyValid(type, `${before}${v}${after}`, before.length, before.length + v.length)) expect(checkSimpleType(v, type)).toBeNull();
    }), { numRuns: 20_000 });
  });
  it('recognises the common values (otherwise it would not be fast)', () => {
    const date = types.find((t) => t.base === 'date') as SimpleTypeDescription;
    const decimal = types.find((t) => t.base === 'decimal') as SimpleTypeDescription;
    const cf = types.find((t) => t.pattern?.startsWith('([A-Za-z]{6}') === true) as SimpleTypeDescription;
    const name = types.find((t) => t.minLength === 1 && t.maxLength === 36) as SimpleTypeDescription;
    expect([certainlyValid(date, '2024-02-29'), certainlyValid(date, '2023-02-29'), certainlyValid(decimal, '101.23'), certainlyValid(decimal, '1,5')])
      .toEqual([true, false, true, false]);
    expect([
      certainlyValid(date, 'x="2024-02-29"', 3, 13), certainlyValid(cf, 'CodiceFiscale="RSSMRA80A01H501U"', 15, 31),
      certainlyValid(name, 'Nome="NICCOLÒ"', 6, 13), certainlyValid(name, `Nome="${'A'.repeat(37)}"`, 6, 43),
    ]).toEqual([true, true, true, false]);
  });
});

function events(chunks: readonly string[]): unknown[] {
  const r = new XmlReader();
  const out: unknown[] = [];
  try {
    for (const c of chunks) {
      r.push(c);
      for (let e: XmlEvent | null = r.next(); e !== null; e = r.next()) out.push(e);
    }
    r.end();
    for (let e: XmlEvent | null = r.next(); e !== null; e = r.next()) out.push(e);
  } catch (e) {
    out.push({ error: String(e) });
  }
  return out;
}

describe('reader fast path', () => {
  it('the one-pass start tag gives the events (or the error) of the general path', () => {
    // ` = ` (white space around '=') is legal and always takes the general path, with the same events.
    const tag = fc.record({
      name: fc.constantFrom('a', 'Beneficiario', 'p:x', '_x.y-z', 'à', '1a'),
      attributes: fc.array(fc.tuple(
        fc.constantFrom('b', 'c', 'Nome', 'xmlns', 'xmlns:p', 'x:y', 'é'),
        fc.oneof(fc.string({ maxLength: 8 }).filter((v) => !v.includes('"')), fc.constantFrom('&amp;', '&#10;', 'a&b', '&lt;x', 'à', '\t', '😀', '\uFFFE', '>')),
        fc.constantFrom(' ', '\n', '\t', '  ', ''),
      ), { maxLength: 5 }),
      close: fc.constantFrom('>', '/>', ' >', ' />', '/ >', ''),
    });
    fc.assert(fc.property(tag, fc.nat(), ({ name, attributes, close }, at) => {
      const render = (eq: string): string => `<r>\n<${name}${attributes.map(([n, v, sep], k) => `${k === 0 && sep === '' ? ' ' : sep}${n}${eq}"${v}"`).join('')}${close}</r>`;
      const general = events([render(' = ')]);
      const doc = render('=');
      expect(events([doc])).toEqual(general);
      const cut = 1 + (at % (doc.length - 1));
      expect(events([doc.slice(0, cut), doc.slice(cut)])).toEqual(general);
    }), { numRuns: 5000 });
  });
});

/** The benchmark's generator (bench/generate-flow.mjs): realistic flows, with XSD errors on request. */
const { flowChunks } = (await import(new URL('../../bench/generate-flow.mjs', import.meta.url).href)) as {
  flowChunks(options: { bytes: number; seed?: number; kind?: 'PS_PSA_SINA' | 'SINBA'; xsdErrorRate?: number }): IterableIterator<string>;
};

/** Everything the engine reports, in order, with the fatal error if any. */
function engineRun(xml: string, cuts: readonly number[], fast: boolean, buildObjects: boolean): unknown[] {
  const out: unknown[] = [];
  const sink: EngineSink = {
    envelope: (kind, envelope, issues) => out.push(['envelope', kind, envelope, [...issues]]),
    record: (kind, index, record, issues, line) => out.push(['record', kind, index, record, [...issues], line]),
    issue: (issue) => out.push(['issue', issue]),
  };
  const engine = new FlowEngine(sink, { maxIssues: 50, buildObjects });
  const reader = new XmlReader();
  const drain = (): void => {
    if (fast) for (let kind = reader.read(); kind !== NO_EVENT; kind = reader.read()) engine.take(reader, kind);
    else for (let e = reader.next(); e !== null; e = reader.next()) engine.handle(e);
  };
  try {
    let from = 0;
    for (const cut of [...cuts, xml.length]) {
      reader.push(xml.slice(from, cut));
      from = cut;
      drain();
    }
    reader.end();
    drain();
  } catch (e) {
    out.push(['fatal', failureIssue(e, reader.currentLine)]);
  }
  out.push(['records', engine.records, engine.flowKind]);
  return out;
}

const VALUES = ['', ' ', '1', '01', '9', '13', '2024-02-29', '2023-02-29', '12.5', '1,5', '.5', 'RSSMRA80A01H501U', '12345678901  ', 'x'.repeat(250),
  '&amp;', '&#x41;B', 'NICCOLÒ', '😀😀', 'a\tb', '380', 'A1.01', '99', '&lt;', '"', '>', 'http://inps.it/Casellario'];
const NAMES = ['Nome', 'Cognome', 'CodiceFiscale', 'DataEvento', 'ImportoMensile', 'TipoOperazione', 'xmlns', 'xmlns:p', 'xsi:schemaLocation',
  'p:x', 'Foo', 'Genere', 'PeriodoErogazione', 'AreaUtenza', 'CodicePrestazione'];
const PIECES = ['<', '>', '/>', '"', "'", '=', '&', ';', ' ', '\n', '\t', 'à', '😀', '<X/>', '<!-- c -->', '<![CDATA[ ]]>', 'x', '</Beneficiario>',
  '<Anagrafica/>', '<PrestazioniSociali/>', ' a="1"'];

/** A mutation of a flow: at the `at`-th match (modulo their number) of a kind of place. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('value'), at: fc.nat(), with: fc.constantFrom(...VALUES) }),
  fc.record({ op: fc.constant('drop-attribute'), at: fc.nat(), with: fc.constant('') }),
  fc.record({ op: fc.constant('rename'), at: fc.nat(), with: fc.constantFrom(...NAMES) }),
  fc.record({ op: fc.constant('drop-element'), at: fc.nat(), with: fc.constant('') }),
  fc.record({ op: fc.constant('insert'), at: fc.nat(), with: fc.constantFrom(...PIECES) }),
  fc.record({ op: fc.constant('delete'), at: fc.nat(), with: fc.constant('') }),
);

function mutate(xml: string, m: { op: string; at: number; with: string }): string {
  const places = (re: RegExp): RegExpExecArray[] => [...xml.matchAll(re)];
  const pick = (list: RegExpExecArray[]): RegExpExecArray | undefined => list[m.at % Math.max(1, list.length)];
  const value = m.with;
  switch (m.op) {
    case 'value': {
      const p = pick(places(/="([^"]*)"/g));
      return p === undefined ? xml : `${xml.slice(0, p.index + 2)}${value.replace(/"/g, "'")}${xml.slice(p.index + p[0].length - 1)}`;
    }
    case 'drop-attribute': {
      const p = pick(places(/ [A-Za-z:]+="[^"]*"/g));
      return p === undefined ? xml : xml.slice(0, p.index) + xml.slice(p.index + p[0].length);
    }
    case 'rename': {
      const p = pick(places(/ ([A-Za-z:]+)="/g));
      return p === undefined ? xml : `${xml.slice(0, p.index + 1)}${value}${xml.slice(p.index + 1 + (p[1] as string).length)}`;
    }
    case 'drop-element': {
      const p = pick(places(/<[A-Za-z]+[^<>]*\/>/g));
      return p === undefined ? xml : xml.slice(0, p.index) + xml.slice(p.index + p[0].length);
    }
    case 'insert': {
      const at = m.at % (xml.length + 1);
      return xml.slice(0, at) + value + xml.slice(at);
    }
    default: {
      const at = m.at % Math.max(1, xml.length);
      return xml.slice(0, at) + xml.slice(at + 1 + (m.at % 3));
    }
  }
}

describe('streaming fast path (read + take) = event path (next + handle)', () => {
  const flows = [1, 2, 3, 4].map((seed) => [...flowChunks({ bytes: 6000, seed, kind: seed % 2 === 0 ? 'SINBA' : 'PS_PSA_SINA', xsdErrorRate: seed > 2 ? 0.5 : 0 })].join(''));
  it('the same findings, records and fatal error, with objects or not, however the input is cut', () => {
    fc.assert(fc.property(
      fc.constantFrom(...flows), fc.array(mutation, { minLength: 0, maxLength: 4 }), fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(),
      (flow, mutations, cutSeeds, buildObjects) => {
        const xml = mutations.reduce(mutate, flow);
        const cuts = [...new Set(cutSeeds.map((c) => c % (xml.length + 1)))].sort((a, b) => a - b);
        expect(engineRun(xml, cuts, true, buildObjects)).toEqual(engineRun(xml, [], false, buildObjects));
      },
    ), { numRuns: 1500 });
  });
});
