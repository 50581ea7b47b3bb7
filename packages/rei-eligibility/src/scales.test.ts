// SPDX-License-Identifier: BSD-3-Clause
import { isIsoDate, type IsoDate } from '@riuso-sociale/core';
import { describe, expect, it } from 'vitest';
import adi from './fixtures/adi-examples.json' with { type: 'json' };
import isee from './fixtures/isee-examples.json' with { type: 'json' };
import rdc from './fixtures/rdc-examples.json' with { type: 'json' };
import rei from './fixtures/rei-inps-2018.json' with { type: 'json' };
import { adiScale, iseeScale, rdcScale, reiScale, type ScaleMember, type ScaleResult } from './index.js';

const d = (s: string): IsoDate => {
  if (!isIsoDate(s)) throw new Error(`bad test date ${s}`);
  return s;
};
const adults = (n: number): ScaleMember[] => Array.from({ length: n }, (_, i) => ({ age: 30 + i }));
const value = (r: { ok: boolean; value?: ScaleResult }): ScaleResult => {
  if (!r.ok || !r.value) throw new Error(`expected ok: ${JSON.stringify(r)}`);
  return r.value;
};
const sumOk = (s: ScaleResult): void => {
  expect(s.components.reduce((a, c) => a + c.hundredths, 0)).toBe(s.hundredths);
  expect(s.value).toBe(s.hundredths / 100);
  for (const c of s.components) {
    expect(c.reason.it.length).toBeGreaterThan(0);
    expect(c.reason.en.length).toBeGreaterThan(0);
    expect(c.ref.act.length).toBeGreaterThan(0);
  }
};

describe('reiScale: INPS 2018 table of monthly maxima ÷ (3.000 × 75 %) × 12', () => {
  for (const c of rei.cases) {
    it(`${c.members} members → ${c.scale} (max ${c.monthlyMax} €/month)`, () => {
      const s = value(reiScale({ members: adults(c.members) }, d(rei.date)));
      expect(s.value).toBe(c.scale);
      // the published maximum is 3.000 × s × 75 % / 12, rounded to the cent one way or the other
      expect(Math.abs((3000 * s.hundredths * 75) / 100 / 100 / 12 - c.monthlyMax)).toBeLessThanOrEqual(0.005 + 1e-9);
      sumOk(s);
    });
  }
  it('6 members: scale × 2.250 exceeds the 2018 cap 6.477,90, as the table shows', () => {
    const s = value(reiScale({ members: adults(rei.capped.members) }, d(rei.date)));
    expect(s.value).toBe(rei.capped.scale);
    expect((s.hundredths * 2250) / 100).toBeGreaterThan(rei.capped.annualCap);
  });
  it('ignores every maggiorazione (disability, children, working parents)', () => {
    const members: ScaleMember[] = [
      { age: 35, role: 'genitore', workedSixMonths: true, disability: 'grave' },
      { age: 1, role: 'figlio' }, { age: 4, role: 'figlio' }, { age: 6, role: 'figlio' },
    ];
    expect(value(reiScale({ members }, d('2018-07-01'))).value).toBe(2.46);
    expect(value(iseeScale({ members }, d('2018-07-01'))).value).toBe(2.46 + 0.2 + 0.3 + 0.5);
  });
  it('fails before 1-12-2017', () => {
    const r = reiScale({ members: adults(1) }, d('2017-11-30'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].code).toBe('rei.parameter.out_of_period');
  });
});

describe('iseeScale: DPCM 159/2013 All. 1 and +0,5 disability', () => {
  for (const c of isee.cases) {
    it(`${c.name} → ${c.scale}`, () => {
      const opts = 'benefit' in c && c.benefit ? { benefit: c.benefit as 'adi' } : {};
      const s = value(iseeScale({ members: c.members as ScaleMember[] }, d(c.date), opts));
      expect(s.value).toBe(c.scale);
      expect(s.capped).toBe(false);
      sumOk(s);
    });
  }
  it('every component of a disabled member names D.L. 42/2016', () => {
    const s = value(iseeScale({ members: [{ age: 50, disability: 'media' }] }, d('2020-01-01')));
    expect(s.components.find((c) => c.member === 0)?.ref.act).toMatch(/42/);
    expect(s.components.find((c) => c.member === 0)?.status).toBe('confirmed-quoted');
  });
  it('fails before the new ISEE (2015-01-01)', () => {
    expect(iseeScale({ members: adults(1) }, d('2014-12-31')).ok).toBe(false);
  });
});

describe('rdcScale: D.L. 4/2019 art. 2 c.4', () => {
  for (const c of rdc.cases) {
    it(`${c.name} → ${c.scale} (${c.source})`, () => {
      const s = value(rdcScale({ members: c.members as ScaleMember[] }, d(rdc.date)));
      expect(s.value).toBe(c.scale);
      expect(s.capped).toBe(c.capped);
      sumOk(s);
    });
  }
  it('the first member is an adult even when a minor is listed first', () => {
    expect(value(rdcScale({ members: [{ age: 5 }, { age: 40 }] }, d(rdc.date))).value).toBe(1.2);
  });
  it('period: April 2019 – 31-12-2023', () => {
    expect(rdcScale({ members: adults(1) }, d('2019-03-31')).ok).toBe(false);
    expect(rdcScale({ members: adults(1) }, d('2019-04-01')).ok).toBe(true);
    expect(rdcScale({ members: adults(1) }, d('2023-12-31')).ok).toBe(true);
    expect(rdcScale({ members: adults(1) }, d('2024-01-01')).ok).toBe(false);
  });
  it('only a resigning member: no counted member', () => {
    const r = rdcScale({ members: [{ age: 40, excludedFrom: ['rdc-dimissioni'] }] }, d(rdc.date));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].code).toBe('rei.scale.no_counted_member');
  });
  it('caps at the boundary: raw 2,0 kept, raw 2,2 → 2,1; with severe disability raw 2,2 kept, raw 2,4 → 2,2', () => {
    // 1 + 0,4a + 0,2b is always 1 + even tenths, so 2,1 is reached only through the cap.
    const under = value(rdcScale({ members: [{ age: 40 }, { age: 41 }, { age: 5 }, { age: 6 }, { age: 7 }] }, d(rdc.date)));
    expect([under.value, under.capped]).toEqual([2.0, false]);
    const over = value(rdcScale({ members: [{ age: 40 }, { age: 41 }, { age: 42 }, { age: 5 }, { age: 6 }] }, d(rdc.date)));
    expect([over.value, over.capped]).toEqual([2.1, true]);
    expect(over.components.at(-1)?.hundredths).toBe(-10);
    const severeAt = value(rdcScale({ members: [{ age: 40 }, { age: 41 }, { age: 43 }, { age: 42, disability: 'grave' }] }, d(rdc.date)));
    expect([severeAt.value, severeAt.capped]).toEqual([2.2, false]);
    const severeOver = value(rdcScale({ members: [{ age: 40 }, { age: 41 }, { age: 43 }, { age: 42, disability: 'grave' }, { age: 5 }] }, d(rdc.date)));
    expect([severeOver.value, severeOver.capped]).toEqual([2.2, true]);
    // medium disability does not raise the cap
    const media = value(rdcScale({ members: [{ age: 40 }, { age: 41 }, { age: 43 }, { age: 42, disability: 'media' }] }, d(rdc.date)));
    expect([media.value, media.capped]).toEqual([2.1, true]);
  });
});

describe('adiScale: D.L. 48/2023 art. 2 c.4 (CONFIRMED-Q)', () => {
  for (const c of adi.cases) {
    it(`${c.name} → ${c.scale} (${c.source})`, () => {
      const s = value(adiScale({ members: c.members as ScaleMember[] }, d(adi.date)));
      expect(s.value).toBe(c.scale);
      expect(s.capped).toBe(c.capped);
      sumOk(s);
      for (const comp of s.components) expect(comp.status).toBe('confirmed-quoted');
    });
  }
  it('care duties count once, however many adults have them', () => {
    const s = value(adiScale({ members: [{ age: 30, hasCareDuties: true }, { age: 31, hasCareDuties: true }, { age: 1 }] }, d(adi.date)));
    expect(s.value).toBe(1.55);
  });
  it('care duties of a minor are ignored', () => {
    const s = value(adiScale({ members: [{ age: 30 }, { age: 17, hasCareDuties: true }] }, d(adi.date)));
    expect(s.value).toBe(1.15);
  });
  it('boundary: exactly 2,2 is not capped', () => {
    // 1 + 0,4 care + 0,4 + 0,4 = 2,2
    const s = value(adiScale({ members: [{ age: 40, hasCareDuties: true }, { age: 60 }, { age: 61 }] }, d(adi.date)));
    expect(s.value).toBe(2.2);
    expect(s.capped).toBe(false);
  });
  it('age 60 is reached on the birthday, computed from the birth date', () => {
    const members: ScaleMember[] = [{ age: 40 }, { birthDate: d('1964-03-01') }];
    expect(value(adiScale({ members }, d('2024-02-29'))).value).toBe(1.0);
    expect(value(adiScale({ members }, d('2024-03-01'))).value).toBe(1.4);
  });
  it('fails before 1-01-2024 and has no end date', () => {
    expect(adiScale({ members: adults(1) }, d('2023-12-31')).ok).toBe(false);
    expect(adiScale({ members: adults(1) }, d('2026-11-27')).ok).toBe(true);
  });
});

describe('input issues', () => {
  it('empty household', () => {
    for (const [f, date] of [[iseeScale, '2020-01-01'], [reiScale, '2018-01-01'], [rdcScale, '2020-01-01'], [adiScale, '2024-01-01']] as const) {
      const r = f({ members: [] }, d(date));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues[0].code).toBe('rei.scale.empty_household');
    }
  });
  it('missing age, future birth date, bad age', () => {
    const r = iseeScale({ members: [{}, { birthDate: d('2030-01-01') }, { age: -1 }, { age: 2.5 }] }, d('2020-01-01'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => i.path)).toEqual([['members', 0], ['members', 1], ['members', 2], ['members', 3]]);
      expect(r.issues[0].message).toBe('Età del componente 1 mancante o non valida al 1° gennaio 2020');
      expect(r.issues[0].messageEn).toBe('Age of member 1 missing or invalid on 1 January 2020');
      expect(r.issues[0].params).toEqual({ member: 0, date: '2020-01-01' });
    }
    const eighth = iseeScale({ members: [{}] }, d('2020-01-08'));
    expect(!eighth.ok && eighth.issues[0].message).toBe("Età del componente 1 mancante o non valida all'8 gennaio 2020");
  });
});

describe('scale explanations: singular and plural', () => {
  it('one member is "1 componente" / "1 member"; several are plural; one member beyond the table is singular too', () => {
    const one = value(iseeScale({ members: adults(1) }, d('2018-07-01')));
    expect(one.components[0]?.reason).toMatchObject({ it: expect.stringContaining('per 1 componente:'), en: expect.stringContaining('for 1 member:') });
    const three = value(iseeScale({ members: adults(3) }, d('2018-07-01')));
    expect(three.components[0]?.reason).toMatchObject({ it: expect.stringContaining('per 3 componenti:'), en: expect.stringContaining('for 3 members:') });
    const six = value(iseeScale({ members: adults(6) }, d('2018-07-01')));
    const beyond = six.components.find((c) => /oltre il/.test(c.reason.it));
    expect(beyond?.reason.it).toMatch(/per il componente oltre il 5°/);
    expect(beyond?.reason.en).toMatch(/for the member beyond the 5th/);
    for (const c of [...one.components, ...three.components, ...six.components]) {
      expect(c.reason.it).not.toMatch(/\b1 componenti\b/);
      expect(c.reason.en).not.toMatch(/\b1 members\b/);
    }
  });
});
