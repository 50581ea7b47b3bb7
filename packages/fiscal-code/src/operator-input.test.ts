// SPDX-License-Identifier: BSD-3-Clause
/**
 * What operators type (issue 15 §2): birthplaces by name as of the birth date, unknown places with
 * suggestions, free-form place names, bounds on input sizes, future birth dates, letter-like symbols.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeFiscalCode, FiscalCodeError, type PersonData } from './index.js';

const person = (over: Partial<PersonData> = {}): PersonData => ({
  surname: 'Rossi', name: 'Mario', sex: 'M', birthDate: '1980-01-01', birthPlace: 'H501', ...over,
});

function caught(f: () => unknown): FiscalCodeError {
  try {
    f();
  } catch (e) {
    if (e instanceof FiscalCodeError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('names: letter-like symbols are refused, not folded (README "Nomi e cognomi")', () => {
  it('refuses Ⅳ, 𝐑, Ⓜ, ﬁ, ª, ſ and fullwidth letters with cf.invalid_character', () => {
    for (const s of ['Ⅳ', '𝐑', 'Ⓜ', 'ﬁ', 'ª', 'ſ', 'Ｒ']) {
      const e = caught(() => computeFiscalCode(person({ surname: `Ro${s}si` })));
      expect(e.code, s).toBe('cf.invalid_character');
      expect(e.issues[0]?.params.position).toBe(3);
    }
  });
  it('property: no character of the compatibility blocks is folded into a letter', () => {
    // Letterlike symbols, number forms, enclosed alphanumerics, presentation forms, fullwidth
    // forms, mathematical alphanumerics; minus the two canonical singletons (Kelvin K, Ångström Å),
    // which are the letters K and Å themselves.
    const ranges: [number, number][] = [[0x2100, 0x218f], [0x2460, 0x24ff], [0xfb00, 0xfb06], [0xff01, 0xff5e], [0x1d400, 0x1d7ff], [0x1d00, 0x1dbf]];
    const arb = fc.constantFrom(...ranges).chain(([lo, hi]) => fc.integer({ min: lo, max: hi }))
      .filter((cp) => cp !== 0x212a && cp !== 0x212b)
      .map((cp) => String.fromCodePoint(cp));
    fc.assert(fc.property(arb, (ch) => {
      let code: string | undefined;
      try {
        computeFiscalCode(person({ name: `Ma${ch}rio` }));
      } catch (e) {
        code = (e as FiscalCodeError).code;
      }
      return code === 'cf.invalid_character';
    }), { numRuns: 500 });
  });
  it('still folds accented Latin letters (canonical decomposition)', () => {
    expect(computeFiscalCode(person({ surname: 'Žáček', name: 'Noè' })).slice(0, 6)).toBe('ZCKNOE');
  });
});

describe('bounds: surname and name lengths', () => {
  it('refuses a surname or name over 200 characters with cf.name_length, fast', () => {
    const huge = 'A'.repeat(10 * 1024 * 1024);
    const t0 = performance.now();
    const e = caught(() => computeFiscalCode(person({ surname: huge, name: 'x'.repeat(201) })));
    expect(performance.now() - t0).toBeLessThan(100);
    expect(e.issues.map((i) => [i.code, i.params.field, i.params.max])).toEqual([
      ['cf.name_length', 'surname', 200], ['cf.name_length', 'name', 200],
    ]);
    expect(e.message.length).toBeLessThan(500);
  });
  it('accepts exactly 200 characters', () => {
    expect(computeFiscalCode(person({ surname: 'Rossi'.repeat(40) })).slice(0, 3)).toBe('RSS');
  });
});
