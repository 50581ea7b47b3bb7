// SPDX-License-Identifier: BSD-3-Clause
/**
 * The fast paths of the reader and the engine (added for the streaming benchmark) must never change
 * a verdict: the engine's quick "certainly valid" check may only say yes where `checkSimpleType`
 * says valid, and the reader's one-pass start tags give the same events as the general path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PS_PSA_SINA_ROOT, SINBA_ROOT } from '../generated/descriptions.js';
import type { ElementDescription, SimpleTypeDescription } from './description.js';
import { certainlyValid } from './engine.js';
import { checkSimpleType } from './simple-types.js';
import { XmlReader, type XmlEvent } from './xml-reader.js';

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
  it('recognises the common values (otherwise it would not be fast)', () => {
    const date = types.find((t) => t.base === 'date') as SimpleTypeDescription;
    const decimal = types.find((t) => t.base === 'decimal') as SimpleTypeDescription;
    expect([certainlyValid(date, '2024-02-29'), certainlyValid(date, '2023-02-29'), certainlyValid(decimal, '101.23'), certainlyValid(decimal, '1,5')])
      .toEqual([true, false, true, false]);
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
