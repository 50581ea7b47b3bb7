// SPDX-License-Identifier: BSD-3-Clause
/**
 * Property tests (fast-check): round trips, omocodia, error detection, robustness; and a
 * differential test against codice-fiscale-js on the inputs where it is right.
 */
import { addDays, fromEpochDay, toEpochDay, type IsoDate } from '@riuso-sociale/core';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalFiscalCode, computeFiscalCode, decodeFiscalCode, listPlaces, omocodeVariants, validateFiscalCode,
  type Place, type Sex,
} from './index.js';
import { fastPersonalMask } from './internal/fast.js';
import { readStructureDetailed } from './internal/parse.js';
import { validateFiscalCodeStructure } from './validate-lite.js';

const REF = '2026-11-27' as IsoDate;
const START = toEpochDay('1900-01-01' as IsoDate);
const END = toEpochDay(REF);
const places: readonly Place[] = listPlaces();
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const KNOWN_CODES = new Set([
  'cf.type', 'cf.empty', 'cf.length', 'cf.format', 'cf.check_character', 'cf.numeric_check_digit', 'cf.month', 'cf.day',
  'cf.date', 'cf.place_unknown', 'cf.place_not_valid_on_date', 'cf.omocode_unofficial',
]);

const letters = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZàèéìòùÀÈÉÌÒÙäöüßçñ'.split('')), minLength: 1, maxLength: 14 });
const nameArb = fc.tuple(letters, fc.option(letters, { nil: undefined }), fc.constantFrom(' ', "'", '-', '’'))
  .map(([a, b, sep]) => (b === undefined ? a : `${a}${sep}${b}`));
const personArb = fc.record({
  surname: nameArb,
  name: nameArb,
  sex: fc.constantFrom<Sex>('M', 'F'),
  birthDate: fc.integer({ min: START, max: END }).map((n) => fromEpochDay(n)),
  place: fc.constantFrom(...places),
});
const validCode = personArb.map((p) =>
  computeFiscalCode({ surname: p.surname, name: p.name, sex: p.sex, birthDate: p.birthDate, birthPlace: p.place.code }),
);

describe('properties', () => {
  it('compute → decode round-trips sex, place and date (among the candidates)', () => {
    fc.assert(
      fc.property(personArb, (p) => {
        const code = computeFiscalCode({ surname: p.surname, name: p.name, sex: p.sex, birthDate: p.birthDate, birthPlace: p.place.code });
        // maxAge 130: the default (122) rightly drops births before 1904 on the reference date.
        const d = decodeFiscalCode(code, { referenceDate: REF, maxAge: 130 });
        expect(d.sex).toBe(p.sex);
        expect(d.birthPlace?.code).toBe(p.place.code);
        expect(d.birthDateCandidates).toContain(p.birthDate);
        if (d.birthDateCandidates.length === 1) expect(d.birthDate).toBe(p.birthDate);
        // The decoded date is the input's unless another century is also plausible: a younger one,
        // or one in which the birthplace existed while it did not on the input date.
        if (d.birthDate !== p.birthDate) {
          const placeValidOnInput = (p.place.validFrom ?? '') <= p.birthDate && (p.place.validTo ?? '9999') >= p.birthDate;
          expect(d.birthDate! > p.birthDate || (d.birthPlaceValidOnDate && !placeValidOnInput)).toBe(true);
        }
        expect(validateFiscalCode(code, { referenceDate: REF, maxAge: 130 }).ok).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('every omocode variant validates and canonicalises to its base', () => {
    fc.assert(
      fc.property(validCode, fc.nat(126), (base, k) => {
        const variant = omocodeVariants(base)[k]!;
        const r = validateFiscalCode(variant, { referenceDate: REF });
        expect(r.ok).toBe(true);
        expect(canonicalFiscalCode(variant)).toBe(base);
        expect(omocodeVariants(variant)).toEqual(omocodeVariants(base));
      }),
      { numRuns: 200 },
    );
  });

  it('any single-character change is caught', () => {
    fc.assert(
      fc.property(validCode, fc.nat(15), fc.nat(35), (code, pos, k) => {
        const current = code.charAt(pos);
        const replacement = ALPHABET.replace(current, '').charAt(k % 35);
        const mutated = code.slice(0, pos) + replacement + code.slice(pos + 1);
        expect(validateFiscalCodeStructure(mutated).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on hostile input and only uses known issue codes', () => {
    const hostile = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.string({ unit: fc.constantFrom(...ALPHABET.split('')), minLength: 16, maxLength: 16 }),
      fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: 11, maxLength: 11 }),
      fc.anything(),
    );
    fc.assert(
      fc.property(hostile, (input) => {
        const r = validateFiscalCode(input, { referenceDate: REF });
        if (!r.ok) for (const i of r.issues) expect(KNOWN_CODES.has(i.code)).toBe(true);
        const lite = validateFiscalCodeStructure(input);
        if (r.ok) expect(lite.ok).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('the one-pass fast check gives the same verdict and omocode mask as the detailed reading', () => {
    const near = validCode.chain((code) =>
      fc.tuple(fc.nat(15), fc.constantFrom(...ALPHABET.split(''), 'a', ' ', 'é', '\u0000')).map(([pos, ch]) => code.slice(0, pos) + ch + code.slice(pos + 1)),
    );
    const inputs = fc.oneof(validCode, near, fc.string({ unit: fc.constantFrom(...ALPHABET.split('')), minLength: 16, maxLength: 16 }), fc.string({ minLength: 16, maxLength: 16 }));
    fc.assert(
      fc.property(inputs, (s) => {
        const detailed = s === s.trim().toUpperCase() ? readStructureDetailed(s) : ({ ok: false } as const);
        const mask = fastPersonalMask(s);
        expect(mask >= 0).toBe(detailed.ok);
        // −1 (layout right) only for canonical strings whose layout the detailed reading accepts.
        if (mask === -1 && 'issues' in detailed) expect(detailed.issues.some((i) => i.code === 'cf.format' || i.code === 'cf.length')).toBe(false);
        if (detailed.ok && detailed.parts.kind === 'personal') expect(mask).toBe(detailed.parts.omocodeMask);
      }),
      { numRuns: 5000 },
    );
    for (const variant of omocodeVariants('RSSMRA80A01H501U')) expect(fastPersonalMask(variant)).toBeGreaterThan(0);
  });

  it('a huge input is rejected quickly by length, without echoing it', () => {
    const r = validateFiscalCode('A'.repeat(5_000_000));
    expect(!r.ok && r.issues[0].code).toBe('cf.length');
    expect(JSON.stringify(r).length).toBeLessThan(500);
  });

  it('dates around the birth date stay calendar dates (no time-zone shift)', () => {
    fc.assert(
      fc.property(personArb, (p) => {
        const code = computeFiscalCode({ surname: p.surname, name: p.name, sex: p.sex, birthDate: p.birthDate, birthPlace: p.place.code });
        const dd = Number(code.slice(9, 11)) - (p.sex === 'F' ? 40 : 0);
        expect(dd).toBe(Number(p.birthDate.slice(8, 10)));
        expect(addDays(p.birthDate, 0)).toBe(p.birthDate);
      }),
      { numRuns: 200 },
    );
  });
});

describe('differential: codice-fiscale-js 2.4.0 (where it is right)', () => {
  const require = createRequire(import.meta.url);
  const { CodiceFiscale } = require('codice-fiscale-js') as {
    CodiceFiscale: {
      compute(p: { name: string; surname: string; gender: string; day: number; month: number; year: number; birthplace: string; birthplaceProvincia: string }): string;
      check(code: string): boolean;
      computeInverse(code: string): { gender: string; birthday: string };
    };
  };
  // Plain ASCII names and living comuni: the inputs on which the peer is right (it drops accents
  // and has no validity dates, see shared/specs/fiscal-code.md §1.1).
  const ascii = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('')), minLength: 1, maxLength: 12 });
  const today = listPlaces({ date: REF, kind: 'comune' }).filter((p) => ['RM', 'MI', 'TO', 'NA', 'PA', 'BO', 'FI'].includes(p.province ?? ''));

  it('computes the same codes', () => {
    fc.assert(
      fc.property(ascii, ascii, fc.constantFrom<Sex>('M', 'F'), fc.integer({ min: toEpochDay('1950-01-01' as IsoDate), max: END }), fc.constantFrom(...today), (surname, name, sex, day, place) => {
        const birthDate = fromEpochDay(day);
        const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
        let theirs: string;
        try {
          theirs = CodiceFiscale.compute({ name, surname, gender: sex, day: d, month: m, year: y, birthplace: place.name, birthplaceProvincia: place.province! });
        } catch {
          return; // the peer does not know this place name: nothing to compare
        }
        // Compare with the Belfiore code the peer chose, so a data difference is not counted as an algorithm one.
        const ours = computeFiscalCode({ surname, name, sex, birthDate, birthPlace: theirs.slice(11, 15) });
        expect(ours).toBe(theirs);
        expect(theirs.slice(11, 15)).toBe(place.code);
        expect(CodiceFiscale.check(ours)).toBe(true);
        const inv = CodiceFiscale.computeInverse(ours);
        const ourDecode = decodeFiscalCode(ours, { referenceDate: REF });
        expect(inv.gender).toBe(ourDecode.sex);
        // Its numeric day/month fields shift by a day outside UTC (its bug #8): compare its ISO string.
        expect(inv.birthday.slice(5)).toBe(birthDate.slice(5));
      }),
      { numRuns: 300 },
    );
  });

  it('agrees on the check character for every structurally valid code, and is stricter on dates', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...ALPHABET.split('')), minLength: 15, maxLength: 15 }), (body) => {
        const candidates = ALPHABET.slice(10).split('').map((c) => body + c);
        for (const code of candidates) {
          const ours = validateFiscalCodeStructure(code);
          if (ours.ok) expect(CodiceFiscale.check(code)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
    // The peer accepts these; we do not (day 32, 30 February, day 00).
    for (const code of ['RSSMRA80A32H501C', 'RSSMRA80B30H501X']) {
      expect(CodiceFiscale.check(code)).toBe(true);
      expect(validateFiscalCodeStructure(code).ok).toBe(false);
    }
  });
});
