// SPDX-License-Identifier: BSD-3-Clause
import { compareIsoDate, isIsoDate, type IsoDate } from '@riuso-sociale/core';
import { describe, expect, it } from 'vitest';
import * as lib from './index.js';
import { parameterAt, periodAt, type DatedParameter } from './index.js';

const all = Object.entries(lib as Record<string, unknown>).filter(
  (e): e is [string, DatedParameter<unknown>] =>
    typeof e[1] === 'object' && e[1] !== null && 'periods' in e[1] && 'name' in e[1],
);

describe('dated parameters', () => {
  it('there are 11 exported parameters', () => {
    expect(all.map(([k]) => k).sort()).toEqual([
      'ADI_SCALE', 'ISEE_BASE_SCALE', 'ISEE_CHILDREN_INCREMENT', 'ISEE_CHILDREN_INCREMENT_2026',
      'ISEE_DISABILITY_INCREMENT', 'ISEE_HOME_EXCLUSION', 'ISEE_HOME_EXCLUSION_2026', 'ISEE_WORKING_PARENTS_INCREMENT', 'RDC_RESIGNATION_EXCLUSION', 'RDC_SCALE', 'REI_SCALE',
    ]);
  });
  for (const [key, p] of all) {
    it(`${key}: real dates, ordered, non-overlapping, sourced`, () => {
      let prevTo: IsoDate | undefined;
      p.periods.forEach((period, i) => {
        expect(isIsoDate(period.from)).toBe(true);
        if (period.to !== undefined) {
          expect(isIsoDate(period.to)).toBe(true);
          expect(compareIsoDate(period.from, period.to)).toBeLessThanOrEqual(0);
        } else {
          expect(i).toBe(p.periods.length - 1); // only the last period is open
        }
        if (i > 0) {
          expect(prevTo).toBeDefined();
          expect(compareIsoDate(period.from, prevTo as IsoDate)).toBeGreaterThan(0);
        }
        prevTo = period.to;
        expect(period.ref.act.length).toBeGreaterThan(0);
        expect(period.ref.article.length).toBeGreaterThan(0);
        expect(period.source.length).toBeGreaterThan(0);
        expect(['confirmed-primary', 'confirmed-quoted', 'secondary', 'unverified']).toContain(period.status);
        if (period.ref.url !== undefined) expect(period.ref.url).toMatch(/^https:\/\/www\.gazzettaufficiale\.it\//);
      });
      expect(p.description.it.length).toBeGreaterThan(0);
      expect(p.description.en.length).toBeGreaterThan(0);
    });
  }
  it('parameterAt: inclusive bounds, typed failure outside', () => {
    const rdc = lib.RDC_SCALE;
    expect(parameterAt(rdc, '2019-04-01' as IsoDate).ok).toBe(true);
    expect(parameterAt(rdc, '2023-12-31' as IsoDate).ok).toBe(true);
    const before = parameterAt(rdc, '2019-03-31' as IsoDate);
    const after = parameterAt(rdc, '2024-01-01' as IsoDate);
    for (const r of [before, after]) {
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.issues[0].code).toBe('rei.parameter.out_of_period');
        expect(r.issues[0].message).toContain('rdc.scale');
        expect(r.issues[0].messageEn).toContain('not in force');
        expect(r.issues[0].params).toMatchObject({ parameter: 'rdc.scale', from: '2019-04-01', to: '2023-12-31' });
      }
    }
    expect(!before.ok && [before.issues[0].message, before.issues[0].messageEn, before.issues[0].params?.date]).toEqual([
      'Il parametro rdc.scale non è in vigore il 31 marzo 2019',
      'Parameter rdc.scale is not in force on 31 March 2019',
      '2019-03-31',
    ]);
    expect(!after.ok && after.issues[0].message).toBe('Il parametro rdc.scale non è in vigore il 1° gennaio 2024');
    const eighth = parameterAt(rdc, '2024-03-08' as IsoDate);
    expect(!eighth.ok && eighth.issues[0].message).toBe("Il parametro rdc.scale non è in vigore l'8 marzo 2024");
    // A string that is not a date (untyped JavaScript) is shown as given, never thrown on.
    const garbage = parameterAt(rdc, 'x' as IsoDate);
    expect(!garbage.ok && garbage.issues[0].messageEn).toBe('Parameter rdc.scale is not in force on x');
  });
  it('parameterAt returns the value, periodAt the whole period with its reference', () => {
    expect(parameterAt(lib.ISEE_DISABILITY_INCREMENT, '2016-05-29' as IsoDate)).toEqual({ ok: true, value: 50 });
    expect(parameterAt(lib.ISEE_DISABILITY_INCREMENT, '2016-05-28' as IsoDate).ok).toBe(false);
    const p = periodAt(lib.ADI_SCALE, '2026-11-27' as IsoDate);
    expect(p.ok && p.value.status).toBe('confirmed-quoted');
    expect(p.ok && p.value.ref.article).toBe('art. 2 c.4');
  });
  it('statuses match eligibility-verified.md', () => {
    const status = (p: DatedParameter<unknown>): string[] => p.periods.map((x) => x.status);
    expect(status(lib.ISEE_BASE_SCALE)).toEqual(['confirmed-primary']);
    expect(status(lib.ISEE_CHILDREN_INCREMENT)).toEqual(['confirmed-primary']);
    expect(status(lib.ISEE_CHILDREN_INCREMENT_2026)).toEqual(['confirmed-primary']);
    expect(status(lib.ISEE_WORKING_PARENTS_INCREMENT)).toEqual(['confirmed-primary']);
    expect(status(lib.ISEE_DISABILITY_INCREMENT)).toEqual(['confirmed-quoted']);
    expect(status(lib.REI_SCALE)).toEqual(['confirmed-primary']);
    expect(status(lib.RDC_SCALE)).toEqual(['confirmed-quoted']);
    expect(status(lib.RDC_RESIGNATION_EXCLUSION)).toEqual(['confirmed-quoted']);
    expect(status(lib.ADI_SCALE)).toEqual(['confirmed-quoted']);
  });
});
