// SPDX-License-Identifier: BSD-3-Clause
import { fromEpochDay, toEpochDay, type IsoDate } from '@riuso-sociale/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adiScale, iseeScale, rdcScale, reiScale, type ScaleMember, type ScaleResult } from './index.js';

const dateBetween = (from: string, to: string): fc.Arbitrary<IsoDate> =>
  fc.integer({ min: toEpochDay(from as IsoDate), max: toEpochDay(to as IsoDate) }).map(fromEpochDay);

const member: fc.Arbitrary<ScaleMember> = fc.record(
  {
    age: fc.integer({ min: 0, max: 105 }),
    disability: fc.constantFrom('none', 'media', 'grave', 'non-autosufficienza') as fc.Arbitrary<ScaleMember['disability'] & string>,
    role: fc.constantFrom('genitore', 'figlio', 'altro') as fc.Arbitrary<'genitore' | 'figlio' | 'altro'>,
    workedSixMonths: fc.boolean(),
    certifiedCareProgramme: fc.boolean(),
    hasCareDuties: fc.boolean(),
  },
  { requiredKeys: ['age'] },
);
const household = fc.array(member, { minLength: 1, maxLength: 10 });

const get = (r: { ok: boolean; value?: ScaleResult }): ScaleResult => {
  if (!r.ok || !r.value) throw new Error('expected ok');
  return r.value;
};

type Fn = (h: { members: readonly ScaleMember[] }, d: IsoDate) => { ok: boolean; value?: ScaleResult };
const scales: [string, Fn, fc.Arbitrary<IsoDate>, number | undefined][] = [
  ['rei', reiScale, dateBetween('2017-12-01', '2020-12-31'), undefined],
  ['rdc', rdcScale, dateBetween('2019-04-01', '2023-12-31'), 2.2],
  ['adi', adiScale, dateBetween('2024-01-01', '2030-12-31'), 2.3],
];

describe('properties', () => {
  for (const [name, f, dates, cap] of scales) {
    it(`${name}: adding a member never lowers the scale`, () => {
      fc.assert(
        fc.property(household, member, dates, (h, extra, date) => {
          const before = get(f({ members: h }, date));
          const after = get(f({ members: [...h, extra] }, date));
          expect(after.hundredths).toBeGreaterThanOrEqual(before.hundredths);
        }),
        { numRuns: 500 },
      );
    });
    it(`${name}: components add up, value is exact to 2 decimals${cap ? `, never above ${cap}` : ''}`, () => {
      fc.assert(
        fc.property(household, dates, (h, date) => {
          const s = get(f({ members: h }, date));
          expect(s.components.reduce((a, c) => a + c.hundredths, 0)).toBe(s.hundredths);
          expect(Number.isInteger(s.hundredths)).toBe(true);
          expect(s.value).toBe(Number((s.hundredths / 100).toFixed(2)));
          expect(s.hundredths).toBeGreaterThanOrEqual(100);
          if (cap !== undefined) {
            // caps in hundredths: RdC 210 / 220, ADI 220 / 230 (severe disability or non-self-sufficiency)
            const severe = h.some((m) => m.disability === 'grave' || m.disability === 'non-autosufficienza');
            const capH = Math.round(cap * 100) - (severe ? 0 : 10);
            expect(s.hundredths).toBeLessThanOrEqual(capH);
            expect(s.capped).toBe(s.components.some((c) => c.hundredths < 0));
          }
        }),
        { numRuns: 500 },
      );
    });
  }
  it('iseeScale: adding a member never lowers the scale (any benefit)', () => {
    const benefit = fc.constantFrom('adi', 'sfl', 'auu', 'bonus-nido', 'altro') as fc.Arbitrary<'adi'>;
    fc.assert(
      fc.property(household, member, dateBetween('2015-01-01', '2030-12-31'), benefit, (h, extra, date, b) => {
        const before = get(iseeScale({ members: h }, date, { benefit: b }));
        const after = get(iseeScale({ members: [...h, extra] }, date, { benefit: b }));
        expect(after.hundredths).toBeGreaterThanOrEqual(before.hundredths);
      }),
      { numRuns: 1000 },
    );
  });
  it('ISEE ≥ REI scale on every date both exist', () => {
    fc.assert(
      fc.property(household, dateBetween('2017-12-01', '2020-12-31'), (h, date) => {
        expect(get(iseeScale({ members: h }, date)).hundredths).toBeGreaterThanOrEqual(get(reiScale({ members: h }, date)).hundredths);
      }),
    );
  });
  it('a birth date gives the same result as the age it yields', () => {
    fc.assert(
      fc.property(dateBetween('2024-01-01', '2030-12-31'), fc.integer({ min: 0, max: 40_000 }), (date, daysOld) => {
        const birth = fromEpochDay(toEpochDay(date) - daysOld);
        const byBirth = get(adiScale({ members: [{ age: 45 }, { birthDate: birth }] }, date));
        const age = Number(date.slice(0, 4)) - Number(birth.slice(0, 4)) - (date.slice(5) < birth.slice(5) ? 1 : 0);
        const byAge = get(adiScale({ members: [{ age: 45 }, { age }] }, date));
        expect(byBirth.hundredths).toBe(byAge.hundredths);
      }),
    );
  });
});

describe('time zone independence (run under TZ=UTC, Pacific/Kiritimati, America/Los_Angeles)', () => {
  it('fixed results around period boundaries do not depend on TZ', () => {
    const tz = process.env['TZ'] ?? '(unset)';
    const h = { members: [{ age: 40, hasCareDuties: true }, { birthDate: '1964-03-01' as IsoDate }, { age: 2, disability: 'grave' as const }] };
    const snapshot = {
      adi_2024_02_29: get(adiScale(h, '2024-02-29' as IsoDate)).hundredths,
      adi_2024_03_01: get(adiScale(h, '2024-03-01' as IsoDate)).hundredths,
      adi_2023_12_31: adiScale(h, '2023-12-31' as IsoDate).ok,
      rdc_2023_12_31: get(rdcScale(h, '2023-12-31' as IsoDate)).hundredths,
      rdc_2024_01_01: rdcScale(h, '2024-01-01' as IsoDate).ok,
      isee_2016_05_28: get(iseeScale(h, '2016-05-28' as IsoDate)).hundredths,
      isee_2016_05_29: get(iseeScale(h, '2016-05-29' as IsoDate)).hundredths,
    };
    expect(snapshot, `TZ=${tz}`).toEqual({
      adi_2024_02_29: 190, // 1 + 0,4 care + 0,5 disabled minor (born 1964-03-01: still 59)
      adi_2024_03_01: 230, // + 0,4 on the 60th birthday → 2,3 (= the severe cap)
      adi_2023_12_31: false,
      rdc_2023_12_31: 160, // 1 + 0,4 (aged 59) + 0,2 (minor)
      rdc_2024_01_01: false,
      isee_2016_05_28: 204, // before D.L. 42/2016: no +0,5
      isee_2016_05_29: 254,
    });
  });
});
