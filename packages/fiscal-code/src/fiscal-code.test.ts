// SPDX-License-Identifier: BSD-3-Clause
import { describe, expect, it } from 'vitest';
import {
  canonicalFiscalCode, computeFiscalCode, decodeFiscalCode, FiscalCodeError, fiscalCodeSchema, isValidFiscalCode,
  matchFiscalCode, omocodeLevel, omocodeVariants, validateFiscalCode, type PersonData,
} from './index.js';

const REF = { referenceDate: '2026-11-27' };

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof FiscalCodeError) return e.code;
    throw e;
  }
  throw new Error('no FiscalCodeError thrown');
}

function person(over: Partial<PersonData>): PersonData {
  return { surname: 'Rossi', name: 'Mario', sex: 'M', birthDate: '1980-01-01', birthPlace: 'H501', ...over };
}

describe('computeFiscalCode: verified vectors', () => {
  it.each<[string, PersonData]>([
    ['RSSMRA80A01H501U', person({})],
    ['RSSMRA80A41H501Y', person({ sex: 'F' })],
    ['DPNJNE75L14Z110I', person({ surname: 'Dupont', name: 'Jean', birthDate: '1975-07-14', birthPlace: { name: 'Francia' } })],
    ['BNCLGU50E05B131Z', person({ surname: 'Bianchi', name: 'Luigi', birthDate: '1950-05-05', birthPlace: 'B131' })],
    ['MRNMIA02E45L219X', person({ surname: 'Marino', name: "Mìa'", sex: 'F', birthDate: '2002-05-05', birthPlace: { name: 'torino' } })],
    ['SSOZCA54L01A794X', person({ surname: 'Öß', name: 'Žáç', birthDate: '1954-07-01', birthPlace: 'A794' })],
  ])('%s', (expected, p) => {
    expect(computeFiscalCode(p)).toBe(expected);
  });

  it('folds accents instead of dropping them (Noè → NOE, not NOX)', () => {
    expect(computeFiscalCode(person({ name: 'Noè' })).slice(3, 6)).toBe('NOE');
    expect(computeFiscalCode(person({ name: 'Mùa' })).slice(3, 6)).toBe('MUA');
    expect(computeFiscalCode(person({ name: 'Zoë' })).slice(3, 6)).toBe('ZOE');
  });
  it('ignores apostrophes, typographic apostrophes, spaces and dashes', () => {
    const a = computeFiscalCode(person({ surname: "D'Andrea", name: 'Marco-Antonio' }));
    expect(computeFiscalCode(person({ surname: 'D’Andrea', name: 'Marco—Antonio' }))).toBe(a);
    expect(computeFiscalCode(person({ surname: 'd andrea', name: 'MARCO ANTONIO' }))).toBe(a);
    expect(a.slice(0, 6)).toBe('DNDMCN');
  });
  it('applies the name rules: short names, four or more consonants', () => {
    expect(computeFiscalCode(person({ surname: 'Fo', name: 'Al' })).slice(0, 6)).toBe('FOXLAX');
    expect(computeFiscalCode(person({ surname: 'Re', name: 'Ugo' })).slice(0, 6)).toBe('REXGUO');
    expect(computeFiscalCode(person({ name: 'Gianfranco' })).slice(3, 6)).toBe('GFR');
    expect(computeFiscalCode(person({ name: 'Alessandro' })).slice(3, 6)).toBe('LSN');
    expect(computeFiscalCode(person({ name: 'Michele' })).slice(3, 6)).toBe('MHL');
    expect(computeFiscalCode(person({ surname: 'Bß' })).slice(0, 3)).toBe('BSS');
  });
  it('handles 29 February and women (+40)', () => {
    expect(computeFiscalCode(person({ birthDate: '2000-02-29', sex: 'F' })).slice(6, 11)).toBe('00B69');
  });
  it('rejects impossible input with typed errors', () => {
    expect(codeOf(() => computeFiscalCode(person({ birthDate: '1980-02-30' })))).toBe('cf.birth_date');
    expect(codeOf(() => computeFiscalCode(person({ birthDate: '1980-01-01T00:00:00' })))).toBe('cf.birth_date');
    expect(codeOf(() => computeFiscalCode(person({ birthDate: '1799-12-31' })))).toBe('cf.birth_date_range');
    expect(codeOf(() => computeFiscalCode(person({ surname: " '- " })))).toBe('cf.surname_empty');
    expect(codeOf(() => computeFiscalCode(person({ name: '' })))).toBe('cf.name_empty');
    expect(codeOf(() => computeFiscalCode(person({ name: 'Иван' })))).toBe('cf.invalid_character');
    expect(codeOf(() => computeFiscalCode(person({ sex: 'X' as 'M' })))).toBe('cf.sex');
    expect(codeOf(() => computeFiscalCode(person({ birthPlace: 'Z999' })))).toBe('cf.place_unknown');
    expect(codeOf(() => computeFiscalCode(person({ birthPlace: 'Roma' })))).toBe('cf.place_format');
    expect(codeOf(() => computeFiscalCode(person({ birthPlace: { name: 'Atlantide' } })))).toBe('cf.place_unknown');
    expect(codeOf(() => computeFiscalCode(null as unknown as PersonData))).toBe('cf.input');
  });
  it('collects every error at once, without echoing names', () => {
    try {
      computeFiscalCode(person({ surname: '', name: 'Ж', birthDate: 'x', sex: 'Q' as 'M' }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FiscalCodeError);
      const err = e as FiscalCodeError;
      expect(err.issues.map((i) => i.code)).toEqual(['cf.surname_empty', 'cf.invalid_character', 'cf.sex', 'cf.birth_date']);
      expect(err.issues[1]?.path).toEqual(['name']);
    }
  });
  it('needs the province for ambiguous names, and uses it', () => {
    // Vignola: L884 (TN, 1920–1929) and L885 (MO): both valid in 1925, only L885 in 1950.
    expect(codeOf(() => computeFiscalCode(person({ birthDate: '1925-01-01', birthPlace: { name: 'Vignola' } })))).toBe('cf.place_ambiguous');
    expect(computeFiscalCode(person({ birthDate: '1925-01-01', birthPlace: { name: 'Vignola', province: 'tn' } })).slice(11, 15)).toBe('L884');
    expect(computeFiscalCode(person({ birthDate: '1950-01-01', birthPlace: { name: 'Vignola' } })).slice(11, 15)).toBe('L885');
    // Paternò (CT) and Paterno (PZ) fold to the same letters.
    expect(codeOf(() => computeFiscalCode(person({ birthPlace: { name: 'Paternò' } })))).toBe('cf.place_ambiguous');
    expect(computeFiscalCode(person({ birthPlace: { name: 'paterno', province: 'CT' } })).slice(11, 15)).toBe('G371');
    // A place created after the birth is not chosen silently by name; its Belfiore code, given
    // explicitly, is still accepted (the agency issued such codes).
    expect(codeOf(() => computeFiscalCode(person({ birthDate: '1953-01-01', birthPlace: { name: 'Mattinata' } })))).toBe('cf.place_name_not_valid_on_date');
    expect(computeFiscalCode(person({ birthDate: '1953-01-01', birthPlace: 'F059' })).slice(11, 15)).toBe('F059');
  });
});

describe('validateFiscalCode', () => {
  it('accepts and normalises valid codes', () => {
    const r = validateFiscalCode('  rssmra80a01h501u ', REF);
    expect(r).toEqual({ ok: true, value: { code: 'RSSMRA80A01H501U', kind: 'personal', omocodeLevel: 0, warnings: [] } });
  });
  it.each([
    ['RSSMRA80A32H501C', 'cf.day'],
    ['CNTCHR83T32D969H', 'cf.day'],
    ['RSSMRA80B30H501X', 'cf.date'],
    ['RSSMRA80A01Z999Y', 'cf.place_unknown'],
    ['RSSMRA80A01H501X', 'cf.check_character'],
    ['RSSMRA80A01H501', 'cf.length'],
    ['RSSMRA8OA01H501U', 'cf.format'],
    ['RSSMRA80F01H501U', 'cf.month'],
    ['', 'cf.empty'],
  ])('rejects %s with %s', (code, issue) => {
    const r = validateFiscalCode(code, REF);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.code)).toContain(issue);
  });
  it('rejects non-ASCII characters instead of upper-casing them (ß would become SS)', () => {
    const r = validateFiscalCode('RSSMRA80A01H50ß');
    expect(!r.ok && r.issues[0]).toMatchObject({ code: 'cf.format', params: { position: 15 } });
    expect(validateFiscalCode('ＲSSMRA80A01H501U').ok).toBe(false);
  });
  it('rejects non-strings with cf.type', () => {
    const r = validateFiscalCode(12345 as unknown as string);
    expect(!r.ok && r.issues[0].code).toBe('cf.type');
  });
  it('warns, by default, for a place not valid on the birth date (tax agency practice)', () => {
    const mattinata = computeFiscalCode(person({ birthDate: '1953-03-10', birthPlace: 'F059' }));
    const r = validateFiscalCode(mattinata, REF);
    expect(r.ok && r.value.warnings.map((w) => w.code)).toEqual(['cf.place_not_valid_on_date']);
    const strict = validateFiscalCode(mattinata, { ...REF, strictPlace: true });
    expect(!strict.ok && strict.issues[0].code).toBe('cf.place_not_valid_on_date');
  });
  it('accepts 11-digit numeric codes with the right check digit', () => {
    expect(validateFiscalCode('00743110157')).toEqual({ ok: true, value: { code: '00743110157', kind: 'numeric', omocodeLevel: 0, warnings: [] } });
    const r = validateFiscalCode('00743110158');
    expect(!r.ok && r.issues[0].code).toBe('cf.numeric_check_digit');
  });
  it('never puts the whole code in messages', () => {
    const r = validateFiscalCode('RSSMRA80A01Z999Y');
    expect(!r.ok && JSON.stringify(r.issues)).not.toContain('RSSMRA80A01Z999Y');
  });
  it('isValidFiscalCode is a strict guard', () => {
    expect(isValidFiscalCode('RSSMRA80A01H501U')).toBe(true);
    expect(isValidFiscalCode('rssmra80a01h501u')).toBe(false);
    expect(isValidFiscalCode('RSSMRA80A01Z999Y')).toBe(false);
    expect(isValidFiscalCode(undefined)).toBe(false);
  });
  it('fiscalCodeSchema parses, brands and reports in Italian', () => {
    expect(fiscalCodeSchema.parse(' rssmra80a01h501u')).toBe('RSSMRA80A01H501U');
    const r = fiscalCodeSchema.safeParse('RSSMRA80A01H501X');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/Carattere di controllo errato/);
  });
});

describe('decodeFiscalCode', () => {
  it('decodes sex, date and place', () => {
    const d = decodeFiscalCode('RSSMRA80A41H501Y', REF);
    expect(d.sex).toBe('F');
    expect(d.birthDate).toBe('1980-01-01');
    expect(d.birthDateCandidates).toEqual(['1980-01-01']);
    expect(d.birthPlace).toMatchObject({ code: 'H501', name: 'Roma', province: 'RM', kind: 'comune' });
  });
  it('uses the place to pick the century: Gallico (ceased 1927) → 1907', () => {
    const d = decodeFiscalCode('MCHFDA07A01D877A', REF);
    expect(d.birthDate).toBe('1907-01-01');
    expect(d.birthDateCandidates).toEqual(['2007-01-01', '1907-01-01']);
    expect(d.birthPlaceValidOnDate).toBe(true);
  });
  it('prefers the younger century otherwise, and drops future dates', () => {
    const cf = computeFiscalCode(person({ birthDate: '2025-03-01' }));
    expect(decodeFiscalCode(cf, REF).birthDateCandidates).toEqual(['2025-03-01', '1925-03-01']);
    expect(decodeFiscalCode(cf, REF).birthDate).toBe('2025-03-01');
    // On 2025-01-01, 2025-03-01 is in the future: only 1925 remains.
    expect(decodeFiscalCode(cf, { referenceDate: '2025-01-01' }).birthDate).toBe('1925-03-01');
    // The maximum age drops 1925 when asked.
    expect(decodeFiscalCode(cf, { referenceDate: '2025-01-01', maxAge: 90 }).birthDateCandidates).toEqual([]);
    expect(decodeFiscalCode(cf, { referenceDate: '2025-01-01', maxAge: 90 }).birthDate).toBeNull();
  });
  it('decodes foreign births', () => {
    const d = decodeFiscalCode('DPNJNE75L14Z110I', REF);
    expect(d.birthPlace).toMatchObject({ code: 'Z110', kind: 'stato-estero', countryCode: 'FR', province: null });
  });
  it('decodes omocodic codes through their base', () => {
    const d = decodeFiscalCode('RSSMRA80A01H50MM', REF);
    expect(d.canonical).toBe('RSSMRA80A01H501U');
    expect(d.omocodeLevel).toBe(1);
    expect(d.birthPlace?.code).toBe('H501');
  });
  it('throws typed errors', () => {
    expect(codeOf(() => decodeFiscalCode('RSSMRA80A32H501C'))).toBe('cf.day');
    expect(codeOf(() => decodeFiscalCode('00743110157'))).toBe('cf.not_personal');
    expect(codeOf(() => decodeFiscalCode('RSSMRA80A01H501U', { referenceDate: '2026-13-01' }))).toBe('cf.option');
  });
});

describe('omocodia', () => {
  it('canonicalises and counts', () => {
    expect(canonicalFiscalCode('RSSMRA80A01H50MM')).toBe('RSSMRA80A01H501U');
    expect(omocodeLevel('RSSMRA80A01H50MM')).toBe(1);
    expect(omocodeLevel('RSSMRA80A01H501U')).toBe(0);
  });
  it('lists 127 distinct variants, official ones first', () => {
    const v = omocodeVariants('RSSMRA80A01H501U');
    expect(v).toHaveLength(127);
    expect(new Set(v).size).toBe(127);
    expect(v[0]).toBe('RSSMRA80A01H50MM');
    expect(v.slice(0, 7).map(omocodeLevel)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const code of v) expect(canonicalFiscalCode(code)).toBe('RSSMRA80A01H501U');
  });
});

describe('matchFiscalCode', () => {
  it('matches a person field by field', () => {
    const m = matchFiscalCode('RSSMRA80A01H501U', person({ birthPlace: { name: 'Roma' } }));
    expect(m).toEqual({ surname: 'match', name: 'match', sex: 'match', birthDate: 'match', birthPlace: 'match', consistent: true });
  });
  it('omocodic codes match their person', () => {
    expect(matchFiscalCode('RSSMRA80A01H50MM', person({})).consistent).toBe(true);
  });
  it('reports mismatches and unknowns', () => {
    const m = matchFiscalCode('RSSMRA80A01H501U', { surname: 'Bianchi', sex: 'F' });
    expect(m).toMatchObject({ surname: 'mismatch', name: 'unknown', sex: 'mismatch', birthDate: 'unknown', birthPlace: 'unknown', consistent: false });
  });
});
