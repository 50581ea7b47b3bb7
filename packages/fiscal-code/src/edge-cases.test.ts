// SPDX-License-Identifier: BSD-3-Clause
/** The table of edge cases the issue asks for, each against a fixed reference date. */
import { describe, expect, it } from 'vitest';
import { computeFiscalCode, decodeFiscalCode, getPlace, getPlaceHistory, validateFiscalCode, type PersonData } from './index.js';
import { validateFiscalCode as validateLite } from './lite.js';

const REF = { referenceDate: '2026-11-27' };
const base: PersonData = { surname: 'Rossi', name: 'Mario', sex: 'M', birthDate: '1980-01-01', birthPlace: 'H501' };
const cf = (over: Partial<PersonData>) => computeFiscalCode({ ...base, ...over });
const issues = (code: string) => {
  const r = validateFiscalCode(code, REF);
  return r.ok ? r.value.warnings.map((w) => w.code) : r.issues.map((i) => i.code);
};

describe('edge cases', () => {
  it('day 00, 32, 72 and 40 are invalid; 41 and 71 are women', () => {
    const valid = cf({});
    const withDay = (dd: string) => {
      const body = valid.slice(0, 9) + dd + valid.slice(11, 15);
      // Recompute the check character through a lite validation error message.
      const r = validateLite(`${body}A`);
      const expected = !r.ok ? r.issues.find((i) => i.code === 'cf.check_character')?.params.expected : 'A';
      return `${body}${String(expected ?? 'A')}`;
    };
    for (const dd of ['00', '32', '40', '72', '99']) expect(issues(withDay(dd))).toContain('cf.day');
    expect(decodeFiscalCode(withDay('41'), REF).sex).toBe('F');
    expect(decodeFiscalCode(withDay('71'), REF).birthDate).toBe('1980-01-31');
  });
  it('29 February exists only in leap years, checked across centuries', () => {
    expect(decodeFiscalCode(cf({ birthDate: '2000-02-29' }), REF).birthDateCandidates).toEqual(['2000-02-29']);
    expect(decodeFiscalCode(cf({ birthDate: '1996-02-29', sex: 'F' }), REF).birthDate).toBe('1996-02-29');
    // 29 February of a yy that is never leap: 01.
    const code = cf({ birthDate: '2001-02-28' }).slice(0, 9) + '29' + 'H501';
    const r = validateLite(`${code}A`);
    expect(!r.ok && r.issues.map((i) => i.code)).toContain('cf.date');
  });
  it('centenarians: the place decides the century (MCHFDA07A01D877A, Gallico ceased 1927)', () => {
    expect(decodeFiscalCode('MCHFDA07A01D877A', REF).birthDate).toBe('1907-01-01');
    // A centenarian born in Roma (valid in both centuries) decodes as the younger candidate, and
    // exposes both: the caller decides with what else it knows.
    const d = decodeFiscalCode(cf({ birthDate: '1920-05-05' }), REF);
    expect(d.birthDate).toBe('2020-05-05');
    expect(d.birthDateCandidates).toEqual(['2020-05-05', '1920-05-05']);
    // Past the maximum age (122 by default) the older century is dropped: 1903 on 2026-11-27.
    const e = decodeFiscalCode(cf({ birthDate: '1903-05-05' }), REF);
    expect(e.birthDateCandidates).toEqual(['2003-05-05']);
    expect(decodeFiscalCode(cf({ birthDate: '1903-05-05' }), { referenceDate: '1990-01-01' }).birthDate).toBe('1903-05-05');
  });
  it('people born abroad: the state as of the birth date', () => {
    const code = cf({ birthPlace: { name: 'Germania' }, birthDate: '1990-10-10' });
    expect(code.slice(11, 15)).toBe('Z112');
    expect(decodeFiscalCode(code, REF).birthPlace).toMatchObject({ kind: 'stato-estero', countryCode: 'DE' });
  });
  it('suppressed comuni stay known, with their end date', () => {
    const bregano = getPlaceHistory('B131');
    expect(bregano.at(-1)?.validTo).not.toBeNull();
    expect(issues('BNCLGU50E05B131Z')).toEqual([]);
    expect(getPlace('B131', { date: '2030-01-01' })).toBeNull();
  });
  it('a comune created after the birth: valid with a warning (Mattinata 1953, Dairago 1956)', () => {
    expect(issues(cf({ birthDate: '1953-06-01', birthPlace: 'F059' }))).toEqual(['cf.place_not_valid_on_date']);
    expect(issues(cf({ birthDate: '1956-06-01', birthPlace: 'D244' }))).toEqual(['cf.place_not_valid_on_date']);
    const d = decodeFiscalCode(cf({ birthDate: '1956-06-01', birthPlace: 'D244' }), REF);
    expect(d.birthPlace?.name).toBe('Dairago');
    expect(d.birthPlaceValidOnDate).toBe(false);
  });
  it('the province as it was on the birth date when the table has the history', () => {
    // Fiume (D620) was in the province FU (Carnaro), not FM (Fermo) as codice-fiscale-js says.
    expect(getPlace('D620', { date: '1930-01-01' })?.province).toBe('FU');
  });
  it('short names and many consonants', () => {
    expect(cf({ surname: 'Ng', name: 'Li' }).slice(0, 6)).toBe('NGXLIX');
    expect(cf({ surname: 'Schwarzkopf', name: 'Bartholomew' }).slice(0, 6)).toBe('SCHBTH');
    expect(cf({ surname: 'Y', name: 'Ö' }).slice(0, 6)).toBe('YXXOXX');
  });
  it('omocodic codes with unofficial substitution order give a warning only', () => {
    // Replace only the leftmost year digit (position 7): not an order the agency uses.
    const body = `RSSMRAU0A01H501`;
    const r = validateLite(`${body}A`);
    const expected = !r.ok ? String(r.issues[0].params.expected) : 'A';
    const result = validateFiscalCode(`${body}${expected}`, REF);
    expect(result.ok && result.value.warnings.map((w) => w.code)).toEqual(['cf.omocode_unofficial']);
  });
});
