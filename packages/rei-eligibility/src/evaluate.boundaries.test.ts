// SPDX-License-Identifier: BSD-3-Clause
/**
 * Every threshold at its limit and one cent / one day on either side. The limits are written here from
 * the law (see each `why`), not read from the parameter tables, so a wrong table value fails.
 */
import { addDays, addMonths, type IsoDate } from '@riuso-sociale/core';
import { describe, expect, it } from 'vitest';
import { householdOf, type Json } from './fixtures/support.js';
import { evaluate, MEASURES, type MeasureId, type RequirementOutcome } from './index.js';

const d = (s: string): IsoDate => s as IsoDate;

function outcome(measure: MeasureId, date: string, base: string, p: Json, id: string): RequirementOutcome | undefined {
  const r = evaluate({ measure, date, household: householdOf(base, p) });
  if (!r.ok) throw new Error(r.issues.map((i) => i.messageEn).join('; '));
  return r.value.requirements.find((q) => q.id === id)?.outcome;
}

interface MoneyCase {
  readonly why: string;
  readonly measure: MeasureId;
  readonly date: string;
  readonly base: string;
  readonly id: string;
  readonly limit: number;
  readonly inclusive: boolean;
  readonly set: (v: number) => Json;
}

const money: MoneyCase[] = [
  { why: 'REI ISEE ≤ 6.000 (D.Lgs. 147/2017 art. 3 c.1 b.1)', measure: 'rei', date: '2018-09-01', base: 'rei-parent-and-child', id: 'rei.isee', limit: 600_000, inclusive: true, set: (v) => ({ isee: { valueCents: v } }) },
  { why: 'REI ISRE ≤ 3.000 (b.2)', measure: 'rei', date: '2018-09-01', base: 'rei-parent-and-child', id: 'rei.isre', limit: 300_000, inclusive: true, set: (v) => ({ isee: { isreCents: v } }) },
  { why: 'REI immobili ≤ 20.000 (b.3)', measure: 'rei', date: '2018-09-01', base: 'rei-parent-and-child', id: 'rei.real-estate', limit: 2_000_000, inclusive: true, set: (v) => ({ realEstateExcludingHomeCents: v }) },
  { why: 'REI mobili 2 componenti ≤ 8.000 (b.4)', measure: 'rei', date: '2018-09-01', base: 'rei-parent-and-child', id: 'rei.financial-assets', limit: 800_000, inclusive: true, set: (v) => ({ financialAssetsCents: v }) },
  { why: 'RdC ISEE < 9.360 (D.L. 4/2019 art. 2 c.1 b.1)', measure: 'rdc', date: '2020-01-15', base: 'single-adult-renting', id: 'rdc.isee', limit: 936_000, inclusive: false, set: (v) => ({ isee: { valueCents: v } }) },
  { why: 'RdC immobili ≤ 30.000 (b.2)', measure: 'rdc', date: '2020-01-15', base: 'single-adult-renting', id: 'rdc.real-estate', limit: 3_000_000, inclusive: true, set: (v) => ({ realEstateExcludingHomeCents: v }) },
  { why: 'RdC mobili 1 componente ≤ 6.000 (b.3)', measure: 'rdc', date: '2020-01-15', base: 'single-adult-renting', id: 'rdc.financial-assets', limit: 600_000, inclusive: true, set: (v) => ({ financialAssetsCents: v }) },
  { why: 'RdC reddito in affitto < 9.360 × 1 (b.4)', measure: 'rdc', date: '2020-01-15', base: 'single-adult-renting', id: 'rdc.income', limit: 936_000, inclusive: false, set: (v) => ({ householdIncomeCents: v }) },
  { why: 'RdC mobili 2 adulti + 3 figli: 10.000 + 1.000 (terzo figlio) (b.3)', measure: 'rdc', date: '2020-01-15', base: 'single-adult-renting', id: 'rdc.financial-assets', limit: 1_100_000, inclusive: true, set: (v) => ({ financialAssetsCents: v, members: [
    { birthDate: '1980-02-10', relation: 'richiedente', disability: 'none', certifiedCareProgramme: false, pregnant: false }, { birthDate: '1981-02-10', relation: 'coniuge', disability: 'none', certifiedCareProgramme: false, pregnant: false },
    { birthDate: '2010-01-01', relation: 'figlio', disability: 'none', certifiedCareProgramme: false, pregnant: false }, { birthDate: '2012-01-01', relation: 'figlio', disability: 'none', certifiedCareProgramme: false, pregnant: false }, { birthDate: '2014-01-01', relation: 'figlio', disability: 'none', certifiedCareProgramme: false, pregnant: false },
  ] }) },
  { why: 'ADI 2024 ISEE ≤ 9.360 (D.L. 48/2023 art. 2 c.2 b.1)', measure: 'adi', date: '2024-06-01', base: 'lone-parent-renting', id: 'adi.isee', limit: 936_000, inclusive: true, set: (v) => ({ isee: { valueCents: v } }) },
  { why: 'ADI 2025 ISEE ≤ 10.140 (L. 207/2024 c.198)', measure: 'adi', date: '2025-03-01', base: 'lone-parent-renting', id: 'adi.isee', limit: 1_014_000, inclusive: true, set: (v) => ({ isee: { valueCents: v } }) },
  { why: 'ADI 2025 reddito in affitto < 10.140 × 1,55', measure: 'adi', date: '2025-03-01', base: 'lone-parent-renting', id: 'adi.income', limit: 1_571_700, inclusive: false, set: (v) => ({ householdIncomeCents: v }) },
  { why: 'ADI 2024 reddito < 6.000 × 1,55', measure: 'adi', date: '2024-06-01', base: 'lone-parent-renting', id: 'adi.income', limit: 930_000, inclusive: false, set: (v) => ({ householdIncomeCents: v }) },
  { why: 'ADI mobili 3 componenti con un disabile: 10.000 + 5.000', measure: 'adi', date: '2024-03-01', base: 'three-adults-one-disabled-owner', id: 'adi.financial-assets', limit: 1_500_000, inclusive: true, set: (v) => ({ financialAssetsCents: v }) },
  { why: 'ADI casa esclusa fino a IMU 150.000, altri immobili 0: ≤ 30.000 di eccedenza', measure: 'adi', date: '2024-03-01', base: 'three-adults-one-disabled-owner', id: 'adi.real-estate', limit: 18_000_000, inclusive: true, set: (v) => ({ homeImuValueCents: v }) },
  { why: 'SFL 2024 ISEE ≤ 6.000 (D.L. 48/2023 art. 12 c.2)', measure: 'sfl', date: '2024-06-01', base: 'single-adult-renting', id: 'sfl.isee', limit: 600_000, inclusive: true, set: (v) => ({ isee: { valueCents: v } }) },
  { why: 'SFL 2025 ISEE ≤ 10.140', measure: 'sfl', date: '2025-03-01', base: 'single-adult-renting', id: 'sfl.isee', limit: 1_014_000, inclusive: true, set: (v) => ({ isee: { valueCents: v } }) },
];

describe('± 1 cent at every money threshold', () => {
  for (const c of money) {
    it(c.why, () => {
      const at = outcome(c.measure, c.date, c.base, c.set(c.limit), c.id);
      const below = outcome(c.measure, c.date, c.base, c.set(c.limit - 1), c.id);
      const above = outcome(c.measure, c.date, c.base, c.set(c.limit + 1), c.id);
      expect(below).toBe('pass');
      expect(at).toBe(c.inclusive ? 'pass' : 'fail');
      expect(above).toBe('fail');
    });
  }
});

describe('± 1 day at every date threshold', () => {
  it('each measure: the day before it opens, its first day, its last day, the day after', () => {
    for (const m of Object.values(MEASURES)) {
      const id = `${m.id}.period`;
      const at = (date: IsoDate) => outcome(m.id, date, 'single-adult-renting', {}, id);
      expect(at(addDays(m.opens.date, -1)), `${m.id} before`).toBe('fail');
      expect(at(m.opens.date), `${m.id} opens`).toBe('pass');
      if (m.closes) {
        expect(at(m.closes.date), `${m.id} last day`).toBe('pass');
        expect(at(addDays(m.closes.date, 1)), `${m.id} after`).toBe('fail');
      }
    }
  });

  it('REI: continuous residence of exactly 2 years on the date passes, one day short fails', () => {
    const date = d('2018-09-01');
    const since = (s: IsoDate): Json => ({ applicant: { residence: { since: '2000-01-01', continuousSince: s } } });
    expect(outcome('rei', date, 'rei-parent-and-child', since(d('2016-09-01')), 'rei.residence.continuous')).toBe('pass');
    expect(outcome('rei', date, 'rei-parent-and-child', since(d('2016-09-02')), 'rei.residence.continuous')).toBe('fail');
  });

  it('ADI: 5 years of residence exactly passes, one day short fails', () => {
    const since = (s: string): Json => ({ applicant: { residence: { since: s, continuousSince: '2022-01-01' } } });
    expect(outcome('adi', '2025-03-01', 'lone-parent-renting', since('2020-03-01'), 'adi.residence.years')).toBe('pass');
    expect(outcome('adi', '2025-03-01', 'lone-parent-renting', since('2020-03-02'), 'adi.residence.years')).toBe('fail');
  });

  it('ADI: a 2.000 cc car first registered 36 months before the date is excluded, one day earlier it is not', () => {
    const date = d('2025-03-01');
    const car = (reg: IsoDate): Json => ({ vehicles: [{ kind: 'auto', engineCc: 2000, firstRegistration: reg, disabilityConcession: false }] });
    expect(outcome('adi', date, 'lone-parent-renting', car(addMonths(date, -36)), 'adi.vehicles')).toBe('fail');
    expect(outcome('adi', date, 'lone-parent-renting', car(addDays(addMonths(date, -36), -1)), 'adi.vehicles')).toBe('pass');
    // 1.600 cc is not "over 1.600"
    expect(outcome('adi', date, 'lone-parent-renting', { vehicles: [{ kind: 'auto', engineCc: 1600, firstRegistration: '2024-01-01', disabilityConcession: false }] }, 'adi.vehicles')).toBe('pass');
    expect(outcome('adi', date, 'lone-parent-renting', { vehicles: [{ kind: 'moto', engineCc: 251, firstRegistration: '2024-01-01', disabilityConcession: false }] }, 'adi.vehicles')).toBe('fail');
  });

  it('RdC: any car first registered in the 6 months before is excluded; big cars for 2 years', () => {
    const car = (reg: string, cc: number): Json => ({ vehicles: [{ kind: 'auto', engineCc: cc, firstRegistration: reg, disabilityConcession: false }] });
    expect(outcome('rdc', '2020-01-15', 'single-adult-renting', car('2019-07-15', 900), 'rdc.vehicles')).toBe('fail');
    expect(outcome('rdc', '2020-01-15', 'single-adult-renting', car('2019-07-14', 900), 'rdc.vehicles')).toBe('pass');
    expect(outcome('rdc', '2020-01-15', 'single-adult-renting', car('2018-01-15', 1800), 'rdc.vehicles')).toBe('fail');
    expect(outcome('rdc', '2020-01-15', 'single-adult-renting', car('2018-01-14', 1800), 'rdc.vehicles')).toBe('pass');
  });

  it('SFL: 59 years old passes, the 60th birthday fails', () => {
    const who = (birth: string): Json => ({ members: [{ birthDate: birth, relation: 'richiedente', disability: 'none', certifiedCareProgramme: false, pregnant: false, unemploymentBenefit: 'nessuna', trainingOrActiveLabour: true }] });
    expect(outcome('sfl', '2025-03-01', 'single-adult-renting', who('1965-03-02'), 'sfl.age')).toBe('pass');
    expect(outcome('sfl', '2025-03-01', 'single-adult-renting', who('1965-03-01'), 'sfl.age')).toBe('fail');
    expect(outcome('sfl', '2025-03-01', 'single-adult-renting', who('2007-03-01'), 'sfl.age')).toBe('pass');
    expect(outcome('sfl', '2025-03-01', 'single-adult-renting', who('2007-03-02'), 'sfl.age')).toBe('fail');
  });

  it('ADI: a lone adult meets the categorical requirement on the 60th birthday, not the day before', () => {
    const who = (birth: string): Json => ({ members: [{ birthDate: birth, relation: 'richiedente', disability: 'none', certifiedCareProgramme: false, pregnant: false }] });
    expect(outcome('adi', '2025-03-01', 'single-adult-renting', who('1965-03-01'), 'adi.categorical')).toBe('pass');
    expect(outcome('adi', '2025-03-01', 'single-adult-renting', who('1965-03-02'), 'adi.categorical')).toBe('fail');
  });

  it('REI: composition test on 31-05-2018, not on 1-06-2018', () => {
    const adults: Json = { members: [{ birthDate: '1978-03-03', relation: 'richiedente', disability: 'none', certifiedCareProgramme: false, pregnant: false, unemploymentBenefit: 'nessuna' }] };
    expect(outcome('rei', '2018-05-31', 'rei-parent-and-child', adults, 'rei.composition')).toBe('fail');
    expect(outcome('rei', '2018-06-01', 'rei-parent-and-child', adults, 'rei.composition')).toBeUndefined();
  });

  it('ADI renewal: 1-month suspension on 31-12-2025, 50 % first renewal month from 1-01-2026', () => {
    const at = (date: string) => {
      const r = evaluate({ measure: 'adi', date, household: householdOf('lone-parent-renting') });
      if (!r.ok) throw new Error('unexpected');
      return r.value.benefit?.duration;
    };
    expect(at('2025-12-31')?.rule.gapMonths).toBe(1);
    expect(at('2025-12-31')?.firstRenewalMonthCents).toBeUndefined();
    expect(at('2026-01-01')?.rule.gapMonths).toBe(0);
    expect(at('2026-01-01')?.firstRenewalMonthCents).toBe(44_646);
  });
});
