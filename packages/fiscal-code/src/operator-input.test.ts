// SPDX-License-Identifier: BSD-3-Clause
/**
 * What operators type (issue 15 §2): birthplaces by name as of the birth date, unknown places with
 * suggestions, free-form place names, bounds on input sizes, future birth dates, letter-like symbols.
 */
import { fromEpochDay, toEpochDay, type IsoDate } from '@riuso-sociale/core';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { computeFiscalCode, findPlaces, FiscalCodeError, getPlace, type PersonData, type PlaceQuery } from './index.js';

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

const placeOf = (birthPlace: PersonData['birthPlace'], birthDate = '1980-01-01') =>
  computeFiscalCode(person({ birthPlace, birthDate })).slice(11, 15);

describe('compute: a place by name is chosen among the places valid on the birth date', () => {
  it('San Giovanni (H902, 1920–1929) is not the code of someone born in 1980: a typed error', () => {
    const e = caught(() => placeOf({ name: 'San Giovanni' }));
    expect(e.code).toBe('cf.place_name_not_valid_on_date');
    expect(e.issues[0]?.params.place).toBe('San Giovanni');
    expect(e.issues[0]?.params.candidates).toBe('San Giovanni (BZ) H902 1920-10-16 – 1929-02-21');
    expect(e.issues[0]?.message).toContain('1920-10-16');
    expect(e.issues[0]?.messageEn).toContain('No place named «San Giovanni» existed on the birth date');
    expect(placeOf({ name: 'San Giovanni' }, '1925-06-01')).toBe('H902');
  });
  it('property: a code computed from a name is always of a place valid on the birth date', () => {
    const names = ['San Giovanni', 'Mattinata', 'Vignola', 'Gallico', 'Bregano', 'Francia', 'Roma', 'Jugoslavia', 'Dairago', 'Fiume'];
    const date = fc.integer({ min: 1850, max: 2025 }).chain((y) => fc.tuple(fc.constant(y), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })))
      .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(fc.property(fc.constantFrom(...names), date, (name, birthDate) => {
      let code: string;
      try {
        code = placeOf({ name }, birthDate);
      } catch (e) {
        return e instanceof FiscalCodeError && ['cf.place_name_not_valid_on_date', 'cf.place_ambiguous', 'cf.place_unknown'].includes(e.code);
      }
      return getPlace(code, { date: birthDate }) !== null;
    }), { numRuns: 300 });
  });
});

describe('compute: an unknown place names what was typed and suggests places from the table', () => {
  it('Reggio Emilia → Reggio nell\'Emilia; Stati Uniti → Stati Uniti d\'America', () => {
    const re = caught(() => placeOf({ name: 'Reggio Emilia' })).issues[0];
    expect(re?.code).toBe('cf.place_unknown');
    expect(re?.params.place).toBe('Reggio Emilia');
    expect(String(re?.params.suggestionCodes).split(',')[0]).toBe('H223');
    expect(re?.message).toContain("«Reggio Emilia»; forse: Reggio nell'Emilia (RE) H223");
    expect(re?.message).not.toContain('nome / name');
    const us = caught(() => placeOf({ name: 'Stati Uniti' })).issues[0];
    expect(String(us?.params.suggestionCodes).split(',')[0]).toBe('Z404');
    expect(us?.messageEn).toContain("did you mean: Stati Uniti d'America (US) Z404");
  });
  it('suggests typos too, at most three, and nothing for gibberish', () => {
    const e = caught(() => placeOf({ name: 'Milnao' })).issues[0];
    expect(String(e?.params.suggestionCodes).split(',')).toContain('F205');
    expect(String(e?.params.suggestionCodes).split(',').length).toBeLessThanOrEqual(3);
    const g = caught(() => placeOf({ name: 'Qwxzqwxz' })).issues[0];
    expect(g?.params.suggestions).toBeNull();
    expect(g?.message).toBe('Luogo di nascita sconosciuto: «Qwxzqwxz»');
  });
  it('bounds the echo of the typed name: one line, at most 64 characters, fast on 10 MB', () => {
    const t0 = performance.now();
    const e = caught(() => placeOf({ name: `Atlan\ntide${'x'.repeat(10 * 1024 * 1024)}` })).issues[0];
    expect(performance.now() - t0).toBeLessThan(1000);
    const place = String(e?.params.place);
    expect(place.startsWith('Atlan tide')).toBe(true);
    expect([...place].length).toBe(64);
    expect(place.endsWith('…')).toBe(true);
    expect(e?.message).not.toContain('\n');
  });
  it('property: the echo is at most 64 characters, on one line', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300, unit: 'grapheme' }), (name) => {
      try {
        placeOf({ name });
        return true;
      } catch (e) {
        if (!(e instanceof FiscalCodeError)) return false;
        const place = e.issues[0]?.params.place;
        return place === undefined || (typeof place === 'string' && [...place].length <= 64 && !/[\n\r]/.test(place));
      }
    }), { numRuns: 200 });
  });
});

describe('findPlaces: what people write', () => {
  const codes = (q: PlaceQuery) => findPlaces(q).map((p) => p.code);
  it('Torino (TO), Torino, TO, TORINO TO, Torino, Italy / Italia, a Belfiore code', () => {
    for (const name of ['Torino (TO)', 'Torino ( to )', 'Torino, TO', 'TORINO TO', 'Torino, Italy', 'Torino, Italia', 'torino (to), italia', 'L219', ' l219 ']) {
      expect(codes({ name }), name).toEqual(['L219']);
    }
    expect(codes({ name: 'Torino (MI)' })).toEqual([]);
    expect(codes({ name: 'Torino (TO)', province: 'MI' })).toEqual([]);
    expect(codes({ name: 'Francia, Italia' })).toEqual([]);
    expect(codes({ name: 'F059', date: '1953-01-01' })).toEqual([]);
    expect(codes({ name: 'Z110', kind: 'stato-estero' })).toEqual(['Z110']);
  });
  it('a name over 200 characters matches nothing, at once', () => {
    const t0 = performance.now();
    expect(codes({ name: `Roma${' '.repeat(10 * 1024 * 1024)}` })).toEqual([]);
    expect(codes({ name: 'R'.repeat(201), match: 'prefix' })).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(100);
  });
  it('a name that matches as written wins over the readings (Arena Po is a comune)', () => {
    expect(findPlaces({ name: 'Arena Po' }).map((p) => p.name)).toEqual(['Arena Po']);
    expect(findPlaces({ name: 'Isole Cook (NZ)' }).map((p) => p.code)).toHaveLength(1);
  });
  it('compute understands the same readings', () => {
    expect(placeOf({ name: 'Torino (TO)' })).toBe('L219');
    expect(placeOf({ name: 'TORINO TO' })).toBe('L219');
    expect(placeOf({ name: 'Roma, Italia' })).toBe('H501');
    expect(placeOf({ name: 'H501' })).toBe('H501');
  });
  it('an exact accented match ranks first; a plain name keeps both in name order', () => {
    expect(codes({ name: 'Paternò' })).toEqual(['G371', 'M269']);
    expect(codes({ name: 'PATERNÒ' })).toEqual(['G371', 'M269']);
    // Plain: the name order ('Paterno' < 'Paternò'), as before; no preference from the query.
    expect(codes({ name: 'Paterno' })).toEqual(['M269', 'G371']);
    expect(codes({ name: 'PATERNO' })).toEqual(['M269', 'G371']);
    const e = caught(() => placeOf({ name: 'Paterno' }));
    expect(e.code).toBe('cf.place_ambiguous');
  });
  it('options of the wrong type are typed errors, not TypeErrors', () => {
    for (const bad of [{ province: 5 }, { kind: 'paese' }, { match: 'fuzzy' }, { limit: '3' }, { date: 20200101 }]) {
      const e = caught(() => findPlaces({ name: 'Roma', ...bad } as unknown as PlaceQuery));
      expect(e.code, JSON.stringify(bad)).toBe('cf.option');
    }
  });
});

describe('compute: a birth date in the future is an error', () => {
  afterEach(() => vi.useRealTimers());
  it('after the reference date (injectable), by default today in Italy', () => {
    const e = caught(() => computeFiscalCode(person({ birthDate: '2026-11-28' }), { referenceDate: '2026-11-27' }));
    expect(e.code).toBe('cf.birth_date_future');
    expect(e.issues[0]?.params).toEqual({ referenceDate: '2026-11-27' });
    expect(e.issues[0]?.message).not.toContain('2026-11-28');
    expect(computeFiscalCode(person({ birthDate: '2026-11-27' }), { referenceDate: '2026-11-27' })).toMatch(/^RSSMRA26S27/);
    expect(caught(() => computeFiscalCode(person({ birthDate: '2099-01-01' }))).code).toBe('cf.birth_date_future');
    expect(caught(() => computeFiscalCode(person(), { referenceDate: '2026-02-30' })).code).toBe('cf.option');
  });
  it('"today" is the Italian day: 23:30 UTC on 6 December is already 7 December in Rome', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-06T23:30:00Z'));
    expect(computeFiscalCode(person({ birthDate: '2026-12-07' }))).toMatch(/^RSSMRA26T07/);
    expect(caught(() => computeFiscalCode(person({ birthDate: '2026-12-08' }))).code).toBe('cf.birth_date_future');
  });
  it('property: compute refuses exactly the dates after the reference date', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => fromEpochDay(toEpochDay('2020-01-01' as IsoDate) + n));
    fc.assert(fc.property(day, day, (birthDate, referenceDate) => {
      let code: string | null = null;
      try {
        computeFiscalCode(person({ birthDate }), { referenceDate });
      } catch (e) {
        code = (e as FiscalCodeError).code;
      }
      return birthDate > referenceDate ? code === 'cf.birth_date_future' : code === null;
    }), { numRuns: 300 });
  });
});
