// SPDX-License-Identifier: BSD-3-Clause
/**
 * Differential property test of the full validation: `validateFiscalCode` (fast path: one-pass
 * structure, integer dates, integer-keyed place tables) against a straightforward reference
 * written here from the detailed structural reading, the text-date century candidates and the
 * place store, on random valid, omocodic, corrupted and random codes, with random options.
 */
import { addDays, fail, isoDateParts, makeIsoDate, ok, type Issue, type IsoDate } from '@riuso-sociale/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FiscalCodeIssueCode } from './errors.js';
import { computeFiscalCode, listPlaces, omocodeVariants, validateFiscalCode, type Place, type Sex } from './index.js';
import { birthDateCandidates } from './internal/century.js';
import { checkCharacter } from './internal/check.js';
import { moreIssue } from './internal/messages.js';
import { normalizeInput, readStructureDetailed } from './internal/parse.js';
import { periodFor, placeStore, validOn } from './places/store.js';
import type { FiscalCode } from './types.js';
import { readDateOptions, type ValidateOptions } from './validate.js';
import type { FiscalCodeValidation } from './validate-lite.js';

/** The full validation, check by check, with no shortcut. */
function reference(input: unknown, options: ValidateOptions = {}): FiscalCodeValidation {
  const normal = normalizeInput(input);
  if (!normal.ok) return fail([normal.issue]);
  const s = readStructureDetailed(normal.code);
  if (!s.ok) return fail(s.issues);
  const parts = s.parts;
  if (parts.kind === 'numeric') return ok({ code: parts.code as FiscalCode, kind: 'numeric', omocodeLevel: 0, warnings: s.warnings });
  const { reference: today, maxAge } = readDateOptions(options);
  const candidates = birthDateCandidates(parts.yy, parts.month, parts.day, today, maxAge);
  const periods = placeStore().byCode.get(parts.place);
  if (periods === undefined) return fail([moreIssue('cf.place_unknown', { place: parts.place })]);
  const dateWithPlace = candidates.find((d) => periods.some((p) => validOn(p, d)));
  let warnings: readonly Issue<FiscalCodeIssueCode>[] = s.warnings;
  if (dateWithPlace === undefined && candidates.length > 0) {
    const place = periodFor(periods, candidates[0] as IsoDate).place;
    const strict = options.strictPlace === true;
    const issue = moreIssue('cf.place_not_valid_on_date', { place: parts.place, validFrom: place.validFrom, validTo: place.validTo }, strict ? 'error' : 'warning');
    if (strict) return fail([issue]);
    warnings = [...warnings, issue];
  }
  return ok({ code: parts.code as FiscalCode, kind: 'personal', omocodeLevel: parts.omocodeLevel, warnings });
}

/** The result, or what was thrown (its class and issues). */
function outcome(fn: () => FiscalCodeValidation): unknown {
  try {
    return { returned: fn() };
  } catch (e) {
    return { threw: (e as Error).constructor.name, issues: (e as { issues?: unknown }).issues, message: (e as Error).message };
  }
}

const places: readonly Place[] = listPlaces();
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGIT_OR_OMOCODE = '0123456789LMNPQRSTUV';
const isoDate = (lo: number, hi: number) =>
  fc.tuple(fc.integer({ min: lo, max: hi }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` as IsoDate);

const letters = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('')), minLength: 1, maxLength: 10 });
const validCode = fc
  .record({ surname: letters, name: letters, sex: fc.constantFrom<Sex>('M', 'F'), birthDate: isoDate(1880, 2025), place: fc.constantFrom(...places) })
  .map((p) => computeFiscalCode({ surname: p.surname, name: p.name, sex: p.sex, birthDate: p.birthDate, birthPlace: p.place.code }, { referenceDate: '2026-01-01' }));
const omocodic = fc.tuple(validCode, fc.nat(126)).map(([code, k]) => omocodeVariants(code)[k] as string);

/** Layout-correct codes with a right check character: random dates (also impossible ones) and places (also unknown ones). */
const digitish = fc.constantFrom(...DIGIT_OR_OMOCODE.split(''));
const upper = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split(''));
const placeCode = fc.oneof(
  fc.constantFrom(...places).map((p) => p.code as string),
  fc.tuple(upper, digitish, digitish, digitish).map((xs) => xs.join('')),
);
const structural = fc
  .tuple(fc.array(upper, { minLength: 6, maxLength: 6 }), digitish, digitish, upper, fc.constantFrom(...'0123456701234567LMNPQRST'.split('')), digitish, placeCode)
  .map(([name, y1, y2, m, d1, d2, place]) => {
    const body = `${name.join('')}${y1}${y2}${m}${d1}${d2}${place}`;
    return body + checkCharacter(body);
  });

const anyCode = fc.oneof(validCode, omocodic, structural);
/** Corruptions: one character replaced, a wrong check character, lower case, spaces, truncation, extension. */
const corrupted = fc.oneof(
  fc.tuple(anyCode, fc.nat(15), fc.constantFrom(...ALPHABET.split(''), 'a', ' ', 'é', '-')).map(([c, i, ch]) => c.slice(0, i) + ch + c.slice(i + 1)),
  anyCode.map((c) => c.slice(0, 15) + (c[15] === 'A' ? 'B' : 'A')),
  anyCode.map((c) => ` ${c.toLowerCase()}\t`),
  fc.tuple(anyCode, fc.nat(16)).map(([c, n]) => c.slice(0, n)),
  anyCode.map((c) => `${c}X`),
  fc.string({ unit: fc.constantFrom(...ALPHABET.split('')), minLength: 16, maxLength: 16 }),
  fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: 11, maxLength: 11 }),
);
const input = fc.oneof({ arbitrary: anyCode, weight: 3 }, { arbitrary: corrupted, weight: 2 }, fc.constantFrom<unknown>(null, 42, '', '   '));

const options = fc.oneof(
  fc.constant(undefined),
  fc.record(
    {
      referenceDate: fc.oneof(isoDate(1800, 2099), fc.constantFrom('2024-02-29', '2100-02-29', '2025-13-01', '20250101', ' 2025-01-01')),
      maxAge: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.constantFrom(-1, 301, 1.5, Number.NaN)),
      strictPlace: fc.boolean(),
    },
    { requiredKeys: [] },
  ),
);

describe('validateFiscalCode: fast path = reference', () => {
  it('gives the same result (or throws the same) on valid, omocodic, corrupted and random codes, with any options', () => {
    fc.assert(
      fc.property(input, options, (code, opts) => {
        const ours = outcome(() => validateFiscalCode(code, opts));
        const ref = outcome(() => reference(code, opts));
        expect(ours).toEqual(ref);
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same result on the bounds: birth on the first or last day of a place period, on the reference day, maxAge years before it, on 29 February', () => {
    const periods = placeStore().all;
    const bounded = periods.filter((p) => p.validFrom !== null || p.validTo !== null);
    const day = (date: IsoDate, n: number) => isoDateParts(addDays(date, n));
    const birth = fc.oneof(
      // A period's first or last day, or the day before or after it.
      fc.tuple(fc.constantFrom(...bounded), fc.boolean(), fc.integer({ min: -1, max: 1 })).map(([p, atStart, shift]) => {
        const bound = (atStart ? p.validFrom : p.validTo) ?? p.validFrom ?? (p.validTo as IsoDate);
        return { place: p.code as string, ...day(bound, shift) };
      }),
      // 29 February (leap or not in each century) at any place.
      fc.tuple(fc.oneof(fc.constantFrom(...bounded), fc.constantFrom(...periods)), fc.constantFrom(0, 4, 96, 99, 20, 1), fc.constantFrom(1800, 1900, 2000))
        .map(([p, yy, century]) => ({ place: p.code as string, year: century + yy, month: 2, day: 29 })),
    );
    const around = fc
      .tuple(birth, fc.integer({ min: 0, max: 130 }), fc.integer({ min: -1, max: 1 }), fc.constantFrom('same', 'oldest', 'any'), isoDate(1850, 2099), fc.nat(127), fc.boolean())
      .map(([b, maxAge, shift, where, anyRef, omocode, female]) => {
        // The reference day: the birth day, maxAge + 1 years after it (the oldest bound), or any, then ±1 day.
        const refYear = where === 'same' ? b.year : b.year + maxAge + 1;
        const base = where === 'any' ? anyRef : makeIsoDate(Math.min(9999, refYear), b.month, b.month === 2 && b.day === 29 ? 28 : b.day);
        const referenceDate = addDays(base ?? anyRef, shift);
        const yy = String(b.year % 100).padStart(2, '0');
        const dd = String(female ? b.day + 40 : b.day).padStart(2, '0');
        let body = `RSSMRA${yy}${'ABCDEHLMPRST'[b.month - 1]}${dd}${b.place}`;
        // Omocode letters in any of the seven digit positions (official order or not).
        const positions = [14, 13, 12, 10, 9, 7, 6];
        for (let i = 0; i < 7; i++) {
          const at = positions[i] as number;
          if ((omocode & (1 << i)) !== 0) body = body.slice(0, at) + 'LMNPQRSTUV'[Number(body[at])] + body.slice(at + 1);
        }
        return { code: body + checkCharacter(body), opts: { referenceDate, maxAge, strictPlace: female } };
      });
    fc.assert(
      fc.property(around, ({ code, opts }) => {
        expect(outcome(() => validateFiscalCode(code, opts))).toEqual(outcome(() => reference(code, opts)));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same result for 29 February 00 at places suppressed in the 1900s (1900 is not a leap year, 2000 is)', () => {
    const byCode = placeStore().byCode;
    const suppressed = [...byCode.entries()]
      .filter(([, ps]) => ps.every((p) => p.validTo !== null && p.validTo > '1900-03-01' && p.validTo < '2000-02-28'))
      .slice(0, 60);
    expect(suppressed.length).toBeGreaterThan(10);
    for (const [code, ps] of suppressed) {
      for (const dd of ['29', '69']) {
        const body = `RSSMRA00B${dd}${code}`;
        for (const opts of [{ referenceDate: '2020-01-01', maxAge: 130 }, { referenceDate: '2000-02-29', maxAge: 122 }, { referenceDate: '1990-01-01', maxAge: 122 }]) {
          expect(outcome(() => validateFiscalCode(body + checkCharacter(body), opts)), `${body} ${ps[0]?.validTo}`).toEqual(outcome(() => reference(body + checkCharacter(body), opts)));
        }
      }
    }
  });
});
