// SPDX-License-Identifier: BSD-3-Clause
import { addDays, isIsoDate, type IsoDate } from '@riuso-sociale/core';
import { describe, expect, it } from 'vitest';
import { MEASURES, measuresInForce, parameterAt, type MeasureId } from './index.js';

const d = (s: string): IsoDate => {
  if (!isIsoDate(s)) throw new Error(`bad test date ${s}`);
  return s;
};
const ids = (date: string): MeasureId[] => {
  const r = measuresInForce(date);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value.map((m) => m.id);
};

describe('measuresInForce: every boundary ± 1 day (inclusive bounds)', () => {
  const table: [string, MeasureId[]][] = [
    ['2017-11-30', []],
    ['2017-12-01', ['rei']],
    ['2017-12-02', ['rei']],
    ['2019-02-27', ['rei']],
    ['2019-02-28', ['rei']],
    ['2019-03-01', []],
    ['2019-03-31', []],
    ['2019-04-01', ['rdc', 'pdc']],
    ['2019-04-02', ['rdc', 'pdc']],
    ['2023-08-31', ['rdc', 'pdc']],
    ['2023-09-01', ['rdc', 'pdc', 'sfl']],
    ['2023-09-02', ['rdc', 'pdc', 'sfl']],
    ['2023-12-30', ['rdc', 'pdc', 'sfl']],
    ['2023-12-31', ['rdc', 'pdc', 'sfl']],
    ['2024-01-01', ['adi', 'sfl']],
    ['2024-01-02', ['adi', 'sfl']],
    ['2026-11-27', ['adi', 'sfl']],
    ['2099-12-31', ['adi', 'sfl']],
  ];
  it.each(table)('%s → %j', (date, expected) => {
    expect(ids(date)).toEqual(expected);
  });
  it('agrees with parameterAt on each measure and each boundary ± 1 day', () => {
    for (const m of Object.values(MEASURES)) {
      const bounds = [m.opens.date, ...(m.closes ? [m.closes.date] : [])];
      for (const b of bounds) {
        for (const day of [addDays(b, -1), b, addDays(b, 1)]) {
          expect(ids(day).includes(m.id)).toBe(parameterAt(m, day).ok);
        }
      }
    }
  });
});

describe('measuresInForce: invalid dates', () => {
  it.each(['2023-02-29', '2024-13-01', '2024-1-1', '', 'oggi', '2024-01-01T00:00:00Z'])('%j', (s) => {
    const r = measuresInForce(s);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]?.code).toBe('rei.measure.invalid_date');
      expect(r.issues[0]?.message).toMatch(/Data non valida/);
      expect(r.issues[0]?.messageEn).toMatch(/Invalid date/);
    }
  });
  it('leap day 2024-02-29 is valid', () => {
    expect(ids('2024-02-29')).toEqual(['adi', 'sfl']);
  });
});

describe('MEASURES: sources', () => {
  it('each period matches its boundaries, has refs, and the weaker status', () => {
    const rank = { 'confirmed-primary': 3, 'confirmed-quoted': 2, secondary: 1, unverified: 0 } as const;
    for (const [id, m] of Object.entries(MEASURES)) {
      expect(m.id).toBe(id);
      expect(m.periods).toHaveLength(1);
      const p = m.periods[0]!;
      expect(p.from).toBe(m.opens.date);
      expect(p.to).toBe(m.closes?.date);
      expect(p.value).toBe(id);
      for (const b of [m.opens, ...(m.closes ? [m.closes] : [])]) {
        expect(b.ref.act.length).toBeGreaterThan(0);
        expect(b.ref.article.length).toBeGreaterThan(0);
        expect(b.meaning.it.length).toBeGreaterThan(0);
        expect(b.meaning.en.length).toBeGreaterThan(0);
        expect(rank[p.status]).toBeLessThanOrEqual(rank[b.status]);
      }
    }
  });
  it('boundary statuses as the verification pass gives them', () => {
    expect(MEASURES.rei.closes?.status).toBe('confirmed-primary');
    expect(MEASURES.rei.closes?.ref.article).toBe('art. 13 c.1');
    expect(MEASURES.rdc.closes?.status).toBe('confirmed-primary');
    expect(MEASURES.sfl.opens.status).toBe('confirmed-primary');
    expect(MEASURES.sfl.opens.ref.article).toBe('art. 12 c.1');
    expect(MEASURES.adi.opens.status).toBe('secondary');
    expect(MEASURES.rei.opens.status).toBe('secondary');
    expect(MEASURES.adi.closes).toBeUndefined();
    expect(MEASURES.sfl.closes).toBeUndefined();
  });
});
